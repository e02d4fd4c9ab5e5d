/* test-package-language.c: what goes to the government is only ever in English or
 * French, whatever the interface language
 *
 * Packages are made with dossier-cli under LANGUAGE=tl and LANGUAGE=zh_CN, with
 * catalogues of the test's own (tests/i18n/marker-catalogue.sh) that translate every
 * message of the sources to itself with a marker in front: the marker must never appear
 * in any entry of the package (nor in an entry's name), while it does appear in what the
 * program prints, which shows the catalogue is in use. A message translated for the
 * interface, anywhere in what the package is made of (the report, the manifest's
 * descriptions of fitted files, a problem found in a document, a size), fails this test.
 * When the real catalogues are built (build/locale/zh_CN, tl), a package is made with
 * them too, and must hold no Chinese characters.
 *
 * report.pdf is drawn from report.txt's text (dossier-submission.c), whose words are
 * checked here; its own text is in subset fonts, which cannot be searched.
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <zip.h>

#define MARKER "QQXQQ"

static char *marker_locale_dir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs a program; extra_env adds or replaces variables, a NULL value removes one. */
static void
run_program (Run                *run,
             const char * const *argv,
             const char * const *extra_env)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();

  for (guint i = 0; extra_env && extra_env[i]; i += 2)
    envp = extra_env[i + 1] != NULL ? g_environ_setenv (envp, extra_env[i], extra_env[i + 1], TRUE)
                                    : g_environ_unsetenv (envp, extra_env[i]);
  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &run->out,
                &run->err, &run->status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (run->status));
  run->status = WEXITSTATUS (run->status);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

typedef struct
{
  char *dir;
  char *profile;
} Fixture;

/* The example applicant with her documents drawn anew. Her employment letter is two
 * photos, which packaging fits into one PDF and describes in the manifest; one more
 * document names a file that is not there, a problem the report tells of (forced). */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  unused)
{
  g_autofree char *example = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "examples",
                                               "maria-dela-cruz.dossier", NULL);
  g_autofree char *files = NULL;
  g_autofree char *text = NULL;
  const char *argv[3];
  g_auto(Run) run = { 0 };

  fixture->dir = g_dir_make_tmp ("dossier-package-language-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  files = g_build_filename (fixture->dir, "files", NULL);
  fixture->profile = g_build_filename (fixture->dir, "maria.dossier", NULL);
  argv[0] = g_getenv ("DOSSIER_MAKE_SPECIMENS");
  argv[1] = files;
  argv[2] = NULL;
  run_program (&run, argv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (example, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (fixture->profile, text, -1, NULL));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  unused)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->profile);
}

/* A variant of the profile whose police certificate names a file that is not there. */
static char *
profile_with_missing_file (Fixture *fixture)
{
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  char *path = g_build_filename (fixture->dir, "missing.dossier", NULL);
  g_auto(GStrv) parts = NULL;

  g_assert_true (g_file_get_contents (fixture->profile, &text, NULL, NULL));
  parts = g_strsplit (text, "file=\"files/passport.pdf\"", 2);
  g_assert_nonnull (parts[1]);
  changed = g_strjoin ("file=\"files/no-such-passport.pdf\"", parts[0], parts[1], NULL);
  g_assert_true (g_file_set_contents (path, changed, -1, NULL));
  return path;
}

static char *
read_entry (zip_t     *za,
            zip_int64_t index,
            gsize     *length)
{
  zip_stat_t st;
  zip_file_t *file;
  char *data;

  g_assert_cmpint (zip_stat_index (za, index, 0, &st), ==, 0);
  data = g_malloc (st.size + 1);
  file = zip_fopen_index (za, index, 0);
  g_assert_nonnull (file);
  g_assert_cmpint (zip_fread (file, data, st.size), ==, (zip_int64_t) st.size);
  zip_fclose (file);
  data[st.size] = '\0';
  *length = st.size;
  return data;
}

static gboolean
has_cjk (const char *data,
         gsize       length)
{
  const char *end = data + length;

  if (!g_utf8_validate (data, length, NULL))
    return FALSE;   /* a PDF or an image: its bytes are not text */
  for (const char *p = data; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F)
          || (c >= 0xFF00 && c <= 0xFFEF))
        return TRUE;
    }
  return FALSE;
}

/* Every entry, its name and its bytes: no marker (and no Chinese if asked); the entry
 * names are plain ASCII. Returns report.txt. */
static char *
check_package (const char *archive,
               gboolean    check_cjk)
{
  int zerr = 0;
  zip_t *za = zip_open (archive, ZIP_RDONLY, &zerr);
  char *report = NULL;
  zip_int64_t n;

  g_assert_nonnull (za);
  n = zip_get_num_entries (za, 0);
  g_assert_cmpint (n, >, 4);
  for (zip_int64_t i = 0; i < n; i++)
    {
      const char *name = zip_get_name (za, i, 0);
      g_autofree char *data = NULL;
      gsize length = 0;

      g_test_message ("%s: %s", archive, name);
      for (const char *p = name; *p; p++)
        g_assert_true (g_ascii_isprint (*p));
      g_assert_null (strstr (name, MARKER));
      data = read_entry (za, i, &length);
      if (memmem (data, length, MARKER, strlen (MARKER)) != NULL)
        g_error ("%s: the entry %s holds a message translated for the interface: %s", archive,
                 name, (char *) memmem (data, length, MARKER, strlen (MARKER)));
      if (check_cjk && has_cjk (data, length))
        g_error ("%s: the entry %s holds Chinese text", archive, name);
      if (g_str_equal (name, "report.txt"))
        report = g_steal_pointer (&data);
    }
  zip_close (za);
  g_assert_nonnull (report);
  return report;
}

static void
pack (Run                *run,
      const char         *profile,
      const char         *out,
      const char         *language,
      const char         *locale_dir,
      const char * const *extra_args)
{
  const char *argv[16] = { g_getenv ("DOSSIER_CLI"), "pack", profile, "--program",
                           "hcwip-child-care", "--as-of", "2025-03-31", "-o", out };
  const char *env[] = { "LANGUAGE", language, "DOSSIER_LOCALEDIR", locale_dir, NULL };
  guint n = 9;

  for (guint i = 0; extra_args && extra_args[i]; i++)
    argv[n++] = extra_args[i];
  argv[n] = NULL;
  run_program (run, argv, env);
}

/* The catalogues are the ones in use: the program's own words carry the marker. */
static void
test_marker_catalogue_is_used (void)
{
  const char *languages[] = { "tl", "zh_CN" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      const char *argv[] = { g_getenv ("DOSSIER_CLI"), "--help", NULL };
      const char *env[] = { "LANGUAGE", languages[i], "DOSSIER_LOCALEDIR", marker_locale_dir,
                            NULL };
      g_auto(Run) run = { 0 };

      run_program (&run, argv, env);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, MARKER "Usage"));
    }
}

static void
test_package (Fixture       *fixture,
              gconstpointer  data)
{
  const char *language = data;
  g_autofree char *out_en = g_build_filename (fixture->dir, "en.zip", NULL);
  g_autofree char *out_fr = g_build_filename (fixture->dir, "fr.zip", NULL);
  g_autofree char *out_forced = g_build_filename (fixture->dir, "forced.zip", NULL);
  g_autofree char *missing = profile_with_missing_file (fixture);
  g_autofree char *report = NULL;
  const char *fr[] = { "--lang", "fr", NULL };
  const char *forced[] = { "--force", NULL };
  g_auto(Run) run_en = { 0 };
  g_auto(Run) run_fr = { 0 };
  g_auto(Run) run_forced = { 0 };

  /* The report in English, the default in any language but French. */
  pack (&run_en, fixture->profile, out_en, language, marker_locale_dir, NULL);
  g_assert_cmpint (run_en.status, ==, 0);
  g_assert_nonnull (strstr (run_en.out, MARKER));
  report = check_package (out_en, FALSE);
  g_assert_true (g_str_has_prefix (report, "READY TO SUBMIT"));
  g_clear_pointer (&report, g_free);

  /* In French, when asked. */
  pack (&run_fr, fixture->profile, out_fr, language, marker_locale_dir, fr);
  g_assert_cmpint (run_fr.status, ==, 0);
  report = check_package (out_fr, FALSE);
  g_assert_true (g_str_has_prefix (report, "PRÊT À SOUMETTRE"));
  g_clear_pointer (&report, g_free);

  /* A document that cannot be read: the report tells of the problem, in English. */
  pack (&run_forced, missing, out_forced, language, marker_locale_dir, forced);
  g_assert_cmpint (run_forced.status, ==, 0);
  report = check_package (out_forced, FALSE);
  g_assert_true (g_str_has_prefix (report, "NOT READY"));
  g_assert_nonnull (strstr (report, "no-such-passport.pdf"));
}

/* With the real catalogues of the build tree, when they are there. */
static void
test_real_catalogue (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *language = data;
  g_autofree char *build = g_path_get_dirname (g_getenv ("DOSSIER_DATADIR"));
  g_autofree char *locale_dir = g_build_filename (build, "locale", NULL);
  g_autofree char *mo = g_build_filename (locale_dir, language, "LC_MESSAGES", "dossier.mo",
                                          NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "real.zip", NULL);
  g_autofree char *missing = profile_with_missing_file (fixture);
  g_autofree char *report = NULL;
  const char *forced[] = { "--force", NULL };
  g_auto(Run) run = { 0 };

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *why = g_strdup_printf ("no %s catalogue in %s yet", language, locale_dir);

      g_test_skip (why);
      return;
    }
  pack (&run, missing, out, language, locale_dir, forced);
  g_assert_cmpint (run.status, ==, 0);
  report = check_package (out, g_str_has_prefix (language, "zh"));
  /* dossier-cli pack writes its report in English unless told otherwise. */
  g_assert_true (g_str_has_prefix (report, "NOT READY"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *srcdir = g_path_get_dirname (g_getenv ("DOSSIER_TEST_SRCDIR"));
  g_autofree char *script = g_build_filename (g_getenv ("DOSSIER_TEST_SRCDIR"), "i18n",
                                              "marker-catalogue.sh", NULL);
  g_autofree char *tmp = NULL;
  g_auto(Run) run = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp = g_dir_make_tmp ("dossier-markers-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  marker_locale_dir = g_build_filename (tmp, "locale", NULL);
  {
    const char *make[] = { "/bin/sh", script, srcdir, marker_locale_dir, MARKER, "tl", "zh_CN",
                           NULL };

    run_program (&run, make, NULL);
    if (run.status != 0)
      g_error ("%s failed: %s", script, run.err);
  }

  g_test_add_func ("/package-language/marker-catalogue-is-used", test_marker_catalogue_is_used);
  g_test_add ("/package-language/tl", Fixture, "tl", fixture_setup, test_package,
              fixture_teardown);
  g_test_add ("/package-language/zh_CN", Fixture, "zh_CN", fixture_setup, test_package,
              fixture_teardown);
  g_test_add ("/package-language/real/tl", Fixture, "tl", fixture_setup, test_real_catalogue,
              fixture_teardown);
  g_test_add ("/package-language/real/zh_CN", Fixture, "zh_CN", fixture_setup,
              test_real_catalogue, fixture_teardown);
  g_test_add ("/package-language/real/fr", Fixture, "fr", fixture_setup, test_real_catalogue,
              fixture_teardown);

  status = g_test_run ();
  remove_tree (tmp);
  g_free (marker_locale_dir);
  return status;
}
