/* test-speller.c: spell-checking with the real hunspell dictionaries of Debian
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dossier-profile.h"
#include "dossier-speller.h"

static DossierSpeller *
get_speller (const char *lang)
{
  g_autoptr(GError) error = NULL;
  DossierSpeller *speller = dossier_speller_get_for_language (lang, &error);

  g_assert_no_error (error);
  g_assert_true (DOSSIER_IS_SPELLER (speller));
  return speller;
}

static gboolean
strv_contains_casefold (const char * const *strv,
                        const char         *word)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_ascii_strcasecmp (strv[i], word) == 0)
      return TRUE;
  return FALSE;
}

/* The misspelled words of @text, as "word|word". */
static char *
misspelled_words (DossierSpeller *speller,
                  const char     *text,
                  int             start,
                  int             end)
{
  g_autoptr(GArray) ranges = dossier_speller_check_text (speller, text, start, end);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      const DossierSpellRange *range = &g_array_index (ranges, DossierSpellRange, i);
      const char *from = g_utf8_offset_to_pointer (text, range->start);
      const char *to = g_utf8_offset_to_pointer (text, range->end);

      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, from, to - from);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
tokens (const char *text)
{
  g_autoptr(GArray) ranges = dossier_speller_tokenize (text);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      const DossierSpellRange *range = &g_array_index (ranges, DossierSpellRange, i);
      const char *from = g_utf8_offset_to_pointer (text, range->start);
      const char *to = g_utf8_offset_to_pointer (text, range->end);

      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, from, to - from);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_languages (void)
{
  const char * const *langs = dossier_speller_get_languages ();

  g_assert_cmpuint (g_strv_length ((GStrv) langs), ==, 2);
  g_assert_cmpstr (langs[0], ==, "en_CA");
  g_assert_cmpstr (langs[1], ==, "fr_CA");
  g_assert_cmpstr (dossier_speller_normalize_language ("en"), ==, "en_CA");
  g_assert_cmpstr (dossier_speller_normalize_language ("fr-CA"), ==, "fr_CA");
  g_assert_cmpstr (dossier_speller_normalize_language ("FR_fr.UTF-8"), ==, "fr_CA");
  g_assert_null (dossier_speller_normalize_language ("tl"));
  g_assert_null (dossier_speller_normalize_language ("english"));
  g_assert_null (dossier_speller_normalize_language (NULL));
  g_assert_cmpstr (dossier_speller_get_language_tag ("fr_CA"), ==, "fr");
  g_assert_cmpstr (dossier_speller_get_package ("en_CA"), ==, "hunspell-en-ca");
  g_assert_cmpstr (dossier_speller_get_package ("fr_CA"), ==, "hunspell-fr");
}

static void
test_english (void)
{
  g_autoptr(DossierSpeller) speller = get_speller ("en_CA");
  g_autoptr(DossierSpeller) again = get_speller ("en");
  const char * const canadian[] = {
    "colour", "centre", "labour", "cheque", "neighbour", "honour", "favourite", "travelled",
    "Colour", "don't", "don’t", "children's", "well-known", NULL
  };
  struct { const char *wrong; const char *right; } misspellings[] = {
    { "recieve", "receive" },
    { "childern", "children" },
    { "famly", "family" },
    { "homwork", "homework" },
  };

  /* One shared instance per language. */
  g_assert_true (speller == again);
  g_assert_cmpstr (dossier_speller_get_language (speller), ==, "en_CA");
  g_assert_true (g_str_has_suffix (dossier_speller_get_dictionary_path (speller), "en_CA.dic"));

  for (guint i = 0; canadian[i] != NULL; i++)
    {
      g_test_message ("%s", canadian[i]);
      g_assert_true (dossier_speller_check_word (speller, canadian[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (misspellings); i++)
    {
      g_auto(GStrv) suggestions = NULL;

      g_test_message ("%s", misspellings[i].wrong);
      g_assert_false (dossier_speller_check_word (speller, misspellings[i].wrong));
      suggestions = dossier_speller_suggest (speller, misspellings[i].wrong);
      g_assert_true (g_strv_contains ((const char * const *) suggestions, misspellings[i].right));
    }
}

static void
test_french (void)
{
  g_autoptr(DossierSpeller) speller = get_speller ("fr_CA");
  g_auto(GStrv) suggestions = NULL;
  g_autofree char *wrong = NULL;
  const char * const right[] = {
    "école", "aujourd'hui", "aujourd’hui", "peut-être", "l'école", "l’école", "qu'elle",
    "enfants", "repas", "courriel", NULL
  };

  g_assert_cmpstr (dossier_speller_get_language (speller), ==, "fr_CA");
  for (guint i = 0; right[i] != NULL; i++)
    {
      g_test_message ("%s", right[i]);
      g_assert_true (dossier_speller_check_word (speller, right[i]));
    }
  g_assert_false (dossier_speller_check_word (speller, "responsabel"));
  suggestions = dossier_speller_suggest (speller, "responsabel");
  g_assert_true (g_strv_contains ((const char * const *) suggestions, "responsable"));

  wrong = misspelled_words (speller,
                            "J’ai préparé les repas des enfants et je les ai acompagnés à "
                            "l’école tous les jours.",
                            0, -1);
  g_assert_cmpstr (wrong, ==, "acompagnés");

  /* French is not English, and the other way around. */
  g_assert_false (dossier_speller_check_word (speller, "homework"));
}

static void
test_tokenize (void)
{
  struct { const char *text; const char *words; } cases[] = {
    { "Cared for two children.", "Cared|for|two|children" },
    { "don't stop, don’t", "don't|stop|don’t" },
    { "a well-known, state-of-the-art home", "a|well-known|state-of-the-art|home" },
    { "l’école et d'abord qu’elle", "école|et|abord|elle" },
    { "'quoted' -dash- “curly”", "quoted|dash|curly" },
    { "Call 416-555-0100, 2nd floor, M5V 2T6 or A1B2C3", "Call|floor|or" },
    { "see https://example.org/path?x=y and www.canada.ca now", "see|and|now" },
    { "mail maria@example.org or files/passport.pdf", "mail|or" },
    { "worked as a PSW under NOC 44100", "worked|as|a|under" },
    { "and/or", "and|or" },
    { "", "" },
    { "   ", "" },
    { "Zoë naïve café", "Zoë|naïve|café" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = tokens (cases[i].text);

      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

static void
test_check_text (void)
{
  g_autoptr(DossierSpeller) speller = get_speller ("en_CA");
  const char *text = "Prepared meals, bathed the childern and helpd with homwork at the centre.";
  g_autofree char *all = misspelled_words (speller, text, 0, -1);
  g_autofree char *middle = NULL;
  g_autofree char *none = NULL;
  g_autofree char *hyphen = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GArray) ranges = NULL;
  const DossierSpellRange *first;

  g_assert_cmpstr (all, ==, "childern|helpd|homwork");

  /* Offsets are characters: "childern" is characters 27 to 35. */
  ranges = dossier_speller_check_text (speller, text, 0, -1);
  first = &g_array_index (ranges, DossierSpellRange, 0);
  g_assert_cmpint (first->start, ==, 27);
  g_assert_cmpint (first->end, ==, 35);

  /* A region is widened to the words it touches, and only those are checked: "helpd"
   * is characters 40 to 45; 43-44 lies inside it, and 0-27 ends just before
   * "childern". */
  middle = misspelled_words (speller, text, 43, 44);
  g_assert_cmpstr (middle, ==, "helpd");
  none = misspelled_words (speller, text, 0, 27);
  g_assert_cmpstr (none, ==, "");

  /* Of a hyphenated word, only the wrong part. */
  hyphen = misspelled_words (speller, "a well-knwon fact", 0, -1);
  g_assert_cmpstr (hyphen, ==, "knwon");

  /* Non-ASCII offsets are characters, not bytes; URLs and numbers are skipped. */
  url = misspelled_words (speller, "“Cafe” — naive: see https://exmple.org/qwzx 12abc mistaek", 0, -1);
  g_assert_cmpstr (url, ==, "mistaek");
}

static void
test_stem (void)
{
  g_autoptr(DossierSpeller) speller = get_speller ("en_CA");
  g_autoptr(DossierSpeller) french = get_speller ("fr_CA");
  g_auto(GStrv) caring = dossier_speller_stem (speller, "caring");
  g_auto(GStrv) cared = dossier_speller_stem (speller, "Cared");
  g_auto(GStrv) children = dossier_speller_stem (speller, "children");
  g_auto(GStrv) unknown = dossier_speller_stem (speller, "Qwzxvy");
  g_auto(GStrv) enfants = dossier_speller_stem (french, "enfants");

  struct { const char *word; const char *stem; } english[] = {
    { "hoping", "hope" }, { "hopping", "hop" }, { "working", "work" }, { "prepared", "prepare" },
    { "supervised", "supervise" }, { "helped", "help" }, { "driving", "drive" },
    { "tidied", "tidy" }, { "babies", "baby" }, { "dressed", "dress" }, { "Caring", "care" },
  };

  /* The best stem first: hunspell's English dictionaries alone say "car". */
  g_assert_cmpstr (caring[0], ==, "care");
  g_assert_cmpstr (cared[0], ==, "care");
  g_assert_false (g_strv_contains ((const char * const *) cared, "car"));
  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    {
      g_auto(GStrv) stems = dossier_speller_stem (speller, english[i].word);

      g_test_message ("%s", english[i].word);
      g_assert_cmpstr (stems[0], ==, english[i].stem);
    }
  /* Irregular plurals are not in the English dictionary's affix rules. */
  g_assert_cmpstr (children[0], ==, "children");
  g_assert_true (g_strv_contains ((const char * const *) enfants, "enfant"));
  /* Without a stem, the word itself, lower-cased. */
  g_assert_cmpuint (g_strv_length (unknown), ==, 1);
  g_assert_cmpstr (unknown[0], ==, "qwzxvy");
}

static void
test_personal_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierSpeller) speller = dossier_speller_new ("en_CA", &error);
  g_autoptr(DossierSpeller) reloaded = NULL;
  g_autoptr(DossierSpeller) french = NULL;
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "dossier",
                                            "words-en_CA.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) suggestions = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  /* The test's own XDG_CONFIG_HOME. */
  g_assert_true (g_str_has_prefix (path, g_get_tmp_dir ()));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_false (dossier_speller_check_word (speller, "Kalamansi"));
  g_assert_false (dossier_speller_check_word (speller, "Barangay"));
  g_assert_true (dossier_speller_add_word_full (speller, "Kalamansi", &error));
  g_assert_no_error (error);
  dossier_speller_add_word (speller, "Barangay");
  dossier_speller_ignore_word (speller, "Qwzxvy");
  g_assert_true (dossier_speller_check_word (speller, "Kalamansi"));
  g_assert_true (dossier_speller_check_word (speller, "Barangay"));
  g_assert_true (dossier_speller_check_word (speller, "Qwzxvy"));
  /* Hunspell knows the word too, so it can suggest it. */
  suggestions = dossier_speller_suggest (speller, "Kalamanzi");
  g_assert_true (strv_contains_casefold ((const char * const *) suggestions, "Kalamansi"));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Barangay\nKalamansi\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A new speller reads the list when it starts; ignored words were for the session. */
  reloaded = dossier_speller_new ("en_CA", &error);
  g_assert_no_error (error);
  g_assert_true (dossier_speller_check_word (reloaded, "Kalamansi"));
  g_assert_true (dossier_speller_check_word (reloaded, "Barangay"));
  g_assert_false (dossier_speller_check_word (reloaded, "Qwzxvy"));

  /* Words another process added meanwhile are kept when the list is written again. */
  g_assert_true (g_file_set_contents (path, "Barangay\nKalamansi\nSinigang\n", -1, NULL));
  g_assert_true (dossier_speller_add_word_full (speller, "Adobo", &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Adobo\nBarangay\nKalamansi\nSinigang\n");

  /* Each language has its own list. */
  french = dossier_speller_new ("fr_CA", &error);
  g_assert_no_error (error);
  g_assert_false (dossier_speller_check_word (french, "Kalamansi"));

  /* Not a word. */
  g_assert_false (dossier_speller_add_word_full (speller, "two\nlines", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
}

static void
test_missing_dictionary_subprocess (void)
{
  g_autofree char *empty = g_dir_make_tmp ("dossier-speller-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierSpeller) speller = NULL;

  g_assert_nonnull (empty);
  g_setenv (DOSSIER_SPELLER_PATH_ENV, empty, TRUE);

  speller = dossier_speller_get_for_language ("fr_CA", &error);
  g_assert_null (speller);
  g_assert_error (error, DOSSIER_SPELLER_ERROR, DOSSIER_SPELLER_ERROR_NO_DICTIONARY);
  g_printerr ("%s\n", error->message);
  g_clear_error (&error);

  speller = dossier_speller_get_for_language ("en_CA", &error);
  g_assert_null (speller);
  g_assert_error (error, DOSSIER_SPELLER_ERROR, DOSSIER_SPELLER_ERROR_NO_DICTIONARY);
  g_printerr ("%s\n", error->message);
  g_clear_error (&error);

  speller = dossier_speller_get_for_language ("tl", &error);
  g_assert_null (speller);
  g_assert_error (error, DOSSIER_SPELLER_ERROR, DOSSIER_SPELLER_ERROR_UNKNOWN_LANGUAGE);

  g_rmdir (empty);
}

static void
test_missing_dictionary (void)
{
  /* In a process of its own: the spellers of this one are loaded already. */
  g_test_trap_subprocess ("/speller/missing-dictionary/subprocess", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*French (Canada)*fr_CA.dic*dossier-speller-*"
                             "install the*hunspell-fr*package*apt install hunspell-fr*"
                             "English (Canada)*en_CA.dic*hunspell-en-ca*");
}

/* The language of a free text is its xml:lang, which editors set by path. */
static void
test_profile_language (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<dossier xmlns=\"urn:dossier:profile:1\" format-version=\"1\">\n"
    "  <applicant><family-name>Dela Cruz</family-name></applicant>\n"
    "  <work-history><job id=\"j1\"><duties>Cared for two children.</duties></job></work-history>\n"
    "</dossier>\n";
  const char *path = "work-history/job[@id='j1']/duties/@xml:lang";
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = dossier_profile_load_from_data (xml, strlen (xml), "test", &error);
  g_autofree char *none = NULL;
  g_autofree char *french = NULL;
  g_autofree char *data = NULL;
  g_autofree char *removed = NULL;
  const DossierJob *job;

  g_assert_no_error (error);
  none = dossier_profile_get_value (profile, path);
  g_assert_null (none);

  g_assert_true (dossier_profile_set_value (profile, path, "fr", &error));
  g_assert_no_error (error);
  french = dossier_profile_get_value (profile, path);
  g_assert_cmpstr (french, ==, "fr");
  job = g_ptr_array_index (dossier_profile_get_records (profile)->jobs, 0);
  g_assert_cmpstr (job->duties_lang, ==, "fr");
  g_assert_cmpstr (dossier_speller_normalize_language (job->duties_lang), ==, "fr_CA");
  data = dossier_profile_to_data (profile, NULL);
  g_assert_nonnull (strstr (data, "<duties xml:lang=\"fr\">Cared for two children.</duties>"));

  g_assert_true (dossier_profile_set_value (profile, path, NULL, &error));
  g_assert_no_error (error);
  removed = dossier_profile_get_value (profile, path);
  g_assert_null (removed);

  /* xml:lang is the one qualified attribute. */
  g_assert_false (dossier_profile_set_value (profile, "work-history/job[@id='j1']/duties/@xml:space",
                                             "preserve", &error));
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID);
}

typedef struct
{
  DossierSpeller *speller;
  const char     *text;
  guint           n_misspelled;
} ThreadData;

static gpointer
check_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GArray) ranges = dossier_speller_check_text (data->speller, data->text, 0, -1);
      g_auto(GStrv) stems = dossier_speller_stem (data->speller, "caring");

      data->n_misspelled = ranges->len;
      /* Suggestions take hunspell a while: a few of them. */
      if (i % 10 == 0)
        {
          g_auto(GStrv) suggestions = dossier_speller_suggest (data->speller, "childern");

          g_assert_true (g_strv_contains ((const char * const *) suggestions, "children"));
          dossier_speller_ignore_word (data->speller, "Qwzxvy");
        }
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(DossierSpeller) speller = get_speller ("en_CA");
  ThreadData data[4];
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i].speller = speller;
      data[i].text = "Bathed the childern, helpd with homwork, made meals.";
      data[i].n_misspelled = 0;
      threads[i] = g_thread_new ("speller", check_in_thread, &data[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (data[i].n_misspelled, ==, 3);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config = g_dir_make_tmp ("dossier-speller-config-XXXXXX", NULL);
  g_autofree char *words_dir = NULL;
  int status;

  /* The personal word lists are the test's own. (Not G_TEST_OPTION_ISOLATE_DIRS: GLib
   * 2.74 leaks its folder names, which the sanitizer build reports.) */
  g_assert_nonnull (config);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speller/languages", test_languages);
  g_test_add_func ("/speller/english", test_english);
  g_test_add_func ("/speller/french", test_french);
  g_test_add_func ("/speller/tokenize", test_tokenize);
  g_test_add_func ("/speller/check-text", test_check_text);
  g_test_add_func ("/speller/stem", test_stem);
  g_test_add_func ("/speller/personal-words", test_personal_words);
  g_test_add_func ("/speller/missing-dictionary", test_missing_dictionary);
  g_test_add_func ("/speller/missing-dictionary/subprocess", test_missing_dictionary_subprocess);
  g_test_add_func ("/speller/threads", test_threads);
  g_test_add_func ("/speller/profile-language", test_profile_language);

  status = g_test_run ();
  words_dir = g_build_filename (config, "dossier", NULL);
  for (guint i = 0; dossier_speller_get_languages ()[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("words-%s.txt", dossier_speller_get_languages ()[i]);
      g_autofree char *path = g_build_filename (words_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (words_dir);
  g_rmdir (config);
  return status;
}
