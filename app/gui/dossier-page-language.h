/* dossier-page-language.h: the wizard's "Language" step: the applicant's language
 * tests, with the CLB/NCLC level of each score shown as it is typed
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_LANGUAGE (dossier_page_language_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageLanguage, dossier_page_language, DOSSIER, PAGE_LANGUAGE, AdwBin)

/* Adds an empty test (CELPIP-General) to the profile; returns its id. */
char        *dossier_page_language_add_test        (DossierPageLanguage *self) G_GNUC_WARN_UNUSED_RESULT;
/* For tests and accessibility checks: the widgets of one test, by its id. */
GtkEditable *dossier_page_language_get_score_entry (DossierPageLanguage *self,
                                                    const char          *test_id,
                                                    DossierAbility       ability);
const char  *dossier_page_language_get_level_text  (DossierPageLanguage *self,
                                                    const char          *test_id,
                                                    DossierAbility       ability);
const char  *dossier_page_language_get_overall_text (DossierPageLanguage *self,
                                                     const char          *test_id);
AdwComboRow *dossier_page_language_get_kind_row    (DossierPageLanguage *self,
                                                    const char          *test_id);

G_END_DECLS
