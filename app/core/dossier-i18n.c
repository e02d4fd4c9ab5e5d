/* dossier-i18n.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dossier-data.h"
#include "dossier-i18n.h"
#include "dossier-pack-private.h"

G_STATIC_ASSERT (DOSSIER_LANG_EN == 0 && DOSSIER_LANG_FR == 1);

/* $LANGUAGE as the program found it, to go back to when the user chooses the system's
 * language again; NULL if it was not set. */
static char *startup_language;
static gboolean startup_language_read;
/* The language chosen with dossier_i18n_set_language (); "" for the system's. */
static char *chosen_language;

const char *
dossier_i18n_get_locale_dir (void)
{
  static char *locale_dir;

  if (g_once_init_enter (&locale_dir))
    {
      const char *env = g_getenv ("DOSSIER_LOCALEDIR");
      char *dir = NULL;

      if (env != NULL && *env != '\0')
        dir = g_strdup (env);
      if (dir == NULL)
        {
          /* A build tree's data/ holds this marker; its locale/ is beside it. */
          g_autofree char *marker = g_build_filename (dossier_data_dir (), "dossier-build-data",
                                                      NULL);
          g_autofree char *build = g_path_get_dirname (dossier_data_dir ());
          g_autofree char *candidate = g_build_filename (build, "locale", NULL);

          if (g_file_test (marker, G_FILE_TEST_IS_REGULAR)
              && g_file_test (candidate, G_FILE_TEST_IS_DIR))
            dir = g_steal_pointer (&candidate);
        }
      if (dir == NULL)
        dir = g_strdup (LOCALEDIR);
      g_once_init_leave (&locale_dir, dir);
    }
  return locale_dir;
}

/* $LANGUAGE is changed while threads run (dossier_i18n_set_language ()). glibc's setenv
 * replaces the value of a variable that is there already in place, keeping the old
 * string; only adding one may move the environment under a thread reading it. So it is
 * made to be there from the start: empty, which gettext and GLib take as not set. */
static void
remember_startup_language (void)
{
  const char *language;

  if (startup_language_read)
    return;
  language = g_getenv ("LANGUAGE");
  startup_language = language != NULL && *language != '\0' ? g_strdup (language) : NULL;
  startup_language_read = TRUE;
  if (language == NULL)
    g_setenv ("LANGUAGE", "", TRUE);
}

/* gettext ignores $LANGUAGE in the "C" locale (LANG unset, or LANG=C). C.UTF-8, always
 * there in glibc 2.35 and later, keeps the C conventions but lets a language that was
 * asked for (in $LANGUAGE or in the preferences) be shown. */
static void
honour_language (void)
{
  const char *language = g_getenv ("LANGUAGE");
  const char *messages = setlocale (LC_MESSAGES, NULL);

  if (language != NULL && *language != '\0' && messages != NULL
      && (strcmp (messages, "C") == 0 || strcmp (messages, "POSIX") == 0))
    setlocale (LC_MESSAGES, "C.UTF-8");
}

/* GNU gettext's (glibc's) count of loaded catalogues. */
extern int _nl_msg_cat_cntr;

void
dossier_i18n_init (void)
{
  remember_startup_language ();
  setlocale (LC_ALL, "");
  honour_language ();
  bindtextdomain (GETTEXT_PACKAGE, dossier_i18n_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* GLib decides once, at its first g_dgettext (), whether to translate at all: not if
   * the program's own domain has no catalogue for the language of that moment (unless
   * the locale is "C" or English). The language can change while Dossier runs, so that
   * decision is taken now, while the default domain is still "messages", which makes
   * GLib always translate. Without it, a program started in an untranslated language
   * would never show GTK's and libadwaita's own words in the language chosen later. */
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  textdomain (GETTEXT_PACKAGE);
}

/* $LANGUAGE for a choice: Canadian French first, then any French. */
static char *
language_list (const char *language)
{
  if (g_str_equal (language, "fr"))
    return g_strdup ("fr_CA:fr");
  return g_strdup (language);
}

void
dossier_i18n_set_language (const char *language)
{
  if (language == NULL)
    language = "";
  remember_startup_language ();
  g_free (chosen_language);
  chosen_language = g_strdup (language);

  if (*language != '\0')
    {
      g_autofree char *list = language_list (language);

      g_setenv ("LANGUAGE", list, TRUE);
    }
  else
    g_setenv ("LANGUAGE", startup_language != NULL ? startup_language : "", TRUE);

  /* gettext caches what it has looked up; this counter, which GNU gettext's manual
   * gives for changing the language of a running program, makes it look again. Setting
   * the whole locale again would do it too, but not safely while workers translate. */
  ++_nl_msg_cat_cntr;
  honour_language ();
}

const char *
dossier_i18n_get_language (void)
{
  return chosen_language != NULL ? chosen_language : "";
}

gboolean
dossier_i18n_has_catalogue (const char *language)
{
  g_autofree char *mo = NULL;

  g_return_val_if_fail (language != NULL, FALSE);

  if (g_str_equal (language, "en"))
    return TRUE;
  mo = g_build_filename (dossier_i18n_get_locale_dir (), language, "LC_MESSAGES",
                         GETTEXT_PACKAGE ".mo", NULL);
  return g_file_test (mo, G_FILE_TEST_IS_REGULAR);
}

const char *
dossier_i18n_data_language (void)
{
  /* Translators: "fr" in the French translation, so that the rule packs' French
   * messages, slot titles and program titles are shown beside it. Any other language
   * keeps "en": the data files have only English and French. */
  const char *lang = C_("data language", "en");

  return g_strcmp0 (lang, "fr") == 0 ? "fr" : "en";
}

guint
dossier_i18n_data_lang_index (void)
{
  return g_str_equal (dossier_i18n_data_language (), "fr") ? DOSSIER_LANG_FR : DOSSIER_LANG_EN;
}

static locale_t
c_locale (void)
{
  static locale_t c;

  if (g_once_init_enter (&c))
    {
      locale_t made = newlocale (LC_ALL_MASK, "C", (locale_t) 0);

      g_assert (made != (locale_t) 0);
      g_once_init_leave (&c, made);
    }
  return c;
}

locale_t
dossier_i18n_begin_untranslated (void)
{
  /* gettext looks at the thread's locale, and ignores $LANGUAGE in the "C" one. */
  return uselocale (c_locale ());
}

void
dossier_i18n_end_untranslated (locale_t previous)
{
  uselocale (previous);
}
