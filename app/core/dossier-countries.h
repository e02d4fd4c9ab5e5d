/* dossier-countries.h: the countries of ISO 3166-1, named in the interface's language
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The list comes from iso-codes (its XML table; the names' translations are its
 * "iso_3166-1" gettext domain), read once per process. Profiles keep the two-letter
 * code; only the interface shows names. Without iso-codes the list is empty and codes
 * are shown as they are. */

/* Every alpha-2 code, NULL-terminated, in the table's order. Never NULL. */
const char * const *dossier_countries_get_codes   (void);
/* The country's usual name ("Bolivia", not "Bolivia, Plurinational State of") in the
 * interface's language as it is now, or NULL for a code that is not in the table. */
const char         *dossier_country_get_name      (const char *code);
/* The same in English, whatever the interface's language. */
const char         *dossier_country_get_name_en   (const char *code);
/* The codes, NULL-terminated, sorted by their names in the interface's language as it is
 * now (accents and letter case do not count). Free with g_free () (not the strings). */
const char        **dossier_countries_dup_sorted  (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
