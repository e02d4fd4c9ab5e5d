/* dossier-i18n.h: the language of the interface, and of the data shown in it
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <locale.h>

G_BEGIN_DECLS

/* Where the catalogues (LL/LC_MESSAGES/dossier.mo) are: $DOSSIER_LOCALEDIR if set, else
 * the build tree's locale/ when the program runs from a build folder (meson's
 * i18n.gettext() builds them there, beside data/), else the installed one. */
const char *dossier_i18n_get_locale_dir       (void);

/* For the programs' main (): the user's locale, Dossier's catalogues, UTF-8. */
void        dossier_i18n_init                 (void);

/* The interface language while the program runs: NULL or "" for the system's, else a
 * catalogue's language ("fr", "es", "tl", "zh_CN"). What is translated after it comes in
 * that language; what is on screen already does not change (windows are made again).
 * Sets $LANGUAGE: call it from the main thread while no other thread reads the
 * environment. */
void        dossier_i18n_set_language         (const char *language);
/* What was given to dossier_i18n_set_language (), "" for the system's. */
const char *dossier_i18n_get_language         (void);
/* Whether Dossier has a catalogue for @language ("fr", "zh_CN") where it looks for them.
 * English, the language of the source, needs none. */
gboolean    dossier_i18n_has_catalogue        (const char *language);

/* The language in which texts that the data files give in English and French (rule
 * packs' messages, slot and program titles, test names) are shown in the interface:
 * "fr" when the interface is in French, "en" in any other language. The one place that
 * decides it. Not for what goes to the government: that has a language of its own. */
const char *dossier_i18n_data_language        (void);
/* The same as an index into the packs' [DOSSIER_LANG_EN, DOSSIER_LANG_FR] arrays. */
guint       dossier_i18n_data_lang_index      (void);

/* What goes to the government (the readiness report, the manifest, the names of the
 * files in a package) is in English or French whatever the interface language. Between
 * these two calls, in the calling thread only, gettext gives the English source strings
 * (GLib's and the C library's messages too: sizes, system errors) and numbers are
 * written the C way, so that no interface translation can slip into what is made. They
 * nest: give end the value begin returned. */
locale_t    dossier_i18n_begin_untranslated   (void) G_GNUC_WARN_UNUSED_RESULT;
void        dossier_i18n_end_untranslated     (locale_t previous);

G_END_DECLS
