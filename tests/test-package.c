/* test-package.c: dossier-cli pack and verify, end to end, on real files
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

/* Runs a program; envp adds variables to the environment (NULL-terminated). */
static void
run_program (Run                *run,
             const char * const *argv,
             const char * const *extra_env)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();

  for (guint i = 0; extra_env && extra_env[i]; i += 2)
    envp = g_environ_setenv (envp, extra_env[i], extra_env[i + 1], TRUE);
  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &run->out,
                &run->err, &run->status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (run->status));
  run->status = WEXITSTATUS (run->status);
}

typedef struct
{
  char *dir;
  char *profile;
  char *files;
} Fixture;

static char *
sha256_of (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

/* The example applicant in a fresh folder, with her documents drawn anew; edit replaces
 * one string of the profile to make a variant. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  edit)
{
  g_autofree char *example = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "examples",
                                               "maria-dela-cruz.dossier", NULL);
  g_autofree char *text = NULL;
  const char *argv[3];
  g_auto(Run) run = { 0 };

  fixture->dir = g_dir_make_tmp ("dossier-package-XXXXXX", NULL);
  fixture->files = g_build_filename (fixture->dir, "files", NULL);
  fixture->profile = g_build_filename (fixture->dir, "maria.dossier", NULL);
  argv[0] = g_getenv ("DOSSIER_MAKE_SPECIMENS");
  argv[1] = fixture->files;
  argv[2] = NULL;
  run_program (&run, argv, NULL);
  g_assert_cmpint (run.status, ==, 0);

  g_assert_true (g_file_get_contents (example, &text, NULL, NULL));
  if (edit)
    {
      const char * const *pair = edit;
      g_auto(GStrv) parts = g_strsplit (text, pair[0], 2);

      g_assert_nonnull (parts[1]);
      g_free (text);
      text = g_strjoin (pair[1], parts[0], parts[1], NULL);
    }
  g_assert_true (g_file_set_contents (fixture->profile, text, -1, NULL));
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

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  unused)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->profile);
  g_free (fixture->files);
}

static void
pack (Run                *run,
      Fixture            *fixture,
      const char         *out,
      const char * const *extra_args,
      const char * const *env)
{
  const char *argv[16] = { g_getenv ("DOSSIER_CLI"), "pack", fixture->profile,
                           "--program", "hcwip-child-care", "--as-of", "2025-03-31", "-o", out };
  guint n = 9;

  for (guint i = 0; extra_args && extra_args[i]; i++)
    argv[n++] = extra_args[i];
  argv[n] = NULL;
  run_program (run, argv, env);
}

static void
verify (Run                *run,
        const char         *archive,
        const char * const *env)
{
  const char *argv[] = { g_getenv ("DOSSIER_CLI"), "verify", archive, NULL };

  run_program (run, argv, env);
}

static GPtrArray *
entry_names (const char *archive)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  int error = 0;
  zip_t *za = zip_open (archive, ZIP_RDONLY, &error);

  g_assert_nonnull (za);
  for (zip_int64_t i = 0; i < zip_get_num_entries (za, 0); i++)
    g_ptr_array_add (names, g_strdup (zip_get_name (za, i, 0)));
  zip_discard (za);
  return names;
}

static char *
read_entry (const char *archive,
            const char *name)
{
  int error = 0;
  zip_t *za = zip_open (archive, ZIP_RDONLY, &error);
  zip_stat_t st;
  zip_file_t *file;
  char *data;

  g_assert_nonnull (za);
  g_assert_cmpint (zip_stat (za, name, 0, &st), ==, 0);
  data = g_malloc0 (st.size + 1);
  file = zip_fopen (za, name, 0);
  g_assert_nonnull (file);
  g_assert_cmpint (zip_fread (file, data, st.size), ==, (zip_int64_t) st.size);
  zip_fclose (file);
  zip_discard (za);
  return data;
}

static gboolean
has_entry_prefix (GPtrArray  *names,
                  const char *prefix)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (names, i), prefix))
      return TRUE;
  return FALSE;
}

static void
test_pack_ready (Fixture       *fixture,
                 gconstpointer  unused)
{
  g_autofree char *out = g_build_filename (fixture->dir, "out.zip", NULL);
  g_autofree char *again = g_build_filename (fixture->dir, "again.zip", NULL);
  g_autofree char *letter = g_build_filename (fixture->files, "smith-letter-1.jpg", NULL);
  g_autofree char *letter_sha = sha256_of (letter);
  g_autofree char *report = NULL;
  g_autofree char *profile_xml = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *first_sha = NULL;
  g_autofree char *second_sha = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) run2 = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) unzip = { 0 };
  g_auto(Run) sevenzip = { 0 };
  g_auto(Run) zipcmp = { 0 };

  pack (&run, fixture, out, NULL, NULL);
  if (run.status != 0)
    g_error ("pack failed (%d): %s", run.status, run.err);
  names = entry_names (out);
  /* One file per slot, named for a person to see where it goes, and the four extras. */
  g_assert_true (has_entry_prefix (names, "01-passport_DELA-CRUZ_Maria.pdf"));
  g_assert_true (has_entry_prefix (names, "03-language-results_DELA-CRUZ_Maria.pdf"));
  g_assert_true (has_entry_prefix (names, "manifest.xml"));
  g_assert_true (has_entry_prefix (names, "profile.xml"));
  g_assert_true (has_entry_prefix (names, "report.pdf"));
  g_assert_true (has_entry_prefix (names, "report.txt"));

  report = read_entry (out, "report.txt");
  g_assert_true (g_str_has_prefix (report, "READY TO SUBMIT"));
  profile_xml = read_entry (out, "profile.xml");
  g_assert_null (strstr (profile_xml, "<notes"));
  manifest = read_entry (out, "manifest.xml");
  g_assert_nonnull (strstr (manifest, "sha256="));
  g_assert_nonnull (strstr (manifest, "smith-letter-2.jpg"));
  g_assert_null (strstr (manifest, fixture->dir));

  /* The two photos of the letter became one PDF; the originals are untouched. */
  {
    g_autofree char *current = sha256_of (letter);

    g_assert_cmpstr (current, ==, letter_sha);
  }

  verify (&check, out, NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "intact"));

  {
    const char *argv[] = { "unzip", "-tq", out, NULL };

    run_program (&unzip, argv, NULL);
    g_assert_cmpint (unzip.status, ==, 0);
  }
  {
    const char *argv[] = { "7z", "t", out, NULL };

    run_program (&sevenzip, argv, NULL);
    g_assert_cmpint (sevenzip.status, ==, 0);
  }

  /* Deterministic: the same inputs give the same bytes. */
  pack (&run2, fixture, again, NULL, NULL);
  g_assert_cmpint (run2.status, ==, 0);
  first_sha = sha256_of (out);
  second_sha = sha256_of (again);
  g_assert_cmpstr (first_sha, ==, second_sha);
  {
    const char *argv[] = { "zipcmp", out, again, NULL };

    run_program (&zipcmp, argv, NULL);
    g_assert_cmpint (zipcmp.status, ==, 0);
  }
}

static void
test_pack_encrypted (Fixture       *fixture,
                     gconstpointer  unused)
{
  g_autofree char *out = g_build_filename (fixture->dir, "secret.zip", NULL);
  const char *args[] = { "--encrypt", NULL };
  const char *env[] = { "DOSSIER_PASSPHRASE", "correct horse battery", NULL };
  const char *wrong_env[] = { "DOSSIER_PASSPHRASE", "wrong", NULL };
  g_auto(Run) run = { 0 };
  g_auto(Run) good = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) wrong = { 0 };

  pack (&run, fixture, out, args, env);
  if (run.status != 0)
    g_error ("pack --encrypt failed (%d): %s", run.status, run.err);
  {
    const char *argv[] = { "7z", "t", "-pcorrect horse battery", out, NULL };

    run_program (&good, argv, NULL);
    g_assert_cmpint (good.status, ==, 0);
  }
  {
    const char *argv[] = { "7z", "t", "-pwrong", out, NULL };

    run_program (&bad, argv, NULL);
    g_assert_cmpint (bad.status, !=, 0);
  }
  verify (&check, out, env);
  g_assert_cmpint (check.status, ==, 0);
  verify (&wrong, out, wrong_env);
  g_assert_cmpint (wrong.status, ==, 2);
  g_assert_nonnull (strstr (wrong.err, "passphrase"));
}

/* Tampering: a changed, a missing and an extra file are each named. */
static void
test_verify_tampering (Fixture       *fixture,
                       gconstpointer  unused)
{
  g_autofree char *out = g_build_filename (fixture->dir, "out.zip", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) check = { 0 };
  const char *payload = "not the real report";
  int error = 0;
  zip_t *za;

  pack (&run, fixture, out, NULL, NULL);
  g_assert_cmpint (run.status, ==, 0);

  za = zip_open (out, 0, &error);
  g_assert_nonnull (za);
  g_assert_cmpint (zip_file_replace (za, zip_name_locate (za, "report.txt", 0),
                                     zip_source_buffer (za, payload, strlen (payload), 0), 0), ==, 0);
  g_assert_cmpint (zip_delete (za, zip_name_locate (za, "profile.xml", 0)), ==, 0);
  g_assert_cmpint (zip_file_add (za, "99-extra.pdf", zip_source_buffer (za, payload, strlen (payload), 0), 0), >=, 0);
  g_assert_cmpint (zip_close (za), ==, 0);

  verify (&check, out, NULL);
  g_assert_cmpint (check.status, ==, 1);
  g_assert_nonnull (strstr (check.out, "changed: report.txt"));
  g_assert_nonnull (strstr (check.out, "missing: profile.xml"));
  g_assert_nonnull (strstr (check.out, "extra: 99-extra.pdf"));
}

static const char *no_passport[] = {
  "<document kind=\"passport\" file=\"files/passport.pdf\"/>", "", NULL
};

/* Not ready: refused with the reasons, and nothing written; --force packages it and
 * says NOT READY on the first line. */
static void
test_not_ready (Fixture       *fixture,
                gconstpointer  unused)
{
  g_autofree char *out = g_build_filename (fixture->dir, "out.zip", NULL);
  const char *force[] = { "--force", NULL };
  g_autofree char *report = NULL;
  g_auto(Run) refused = { 0 };
  g_auto(Run) forced = { 0 };

  pack (&refused, fixture, out, NULL, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "Missing: Passport"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  pack (&forced, fixture, out, force, NULL);
  g_assert_cmpint (forced.status, ==, 0);
  report = read_entry (out, "report.txt");
  g_assert_true (g_str_has_prefix (report, "NOT READY"));
}

static const char *expired_passport[] = {
  "expires=\"2032-04-30\"", "expires=\"2025-03-01\"", NULL
};

static void
test_expired_document (Fixture       *fixture,
                       gconstpointer  unused)
{
  g_autofree char *out = g_build_filename (fixture->dir, "out.zip", NULL);
  g_auto(Run) run = { 0 };

  pack (&run, fixture, out, NULL, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Expired"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* An unwritable destination: a clear error, nothing left behind, originals intact. */
static void
test_unwritable_destination (Fixture       *fixture,
                             gconstpointer  unused)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autofree char *out = g_build_filename (blocker, "out.zip", NULL);
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (blocker, "a file, not a folder", -1, NULL));
  pack (&run, fixture, out, NULL, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "not-a-folder"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_french_report (Fixture       *fixture,
                    gconstpointer  unused)
{
  g_autofree char *out = g_build_filename (fixture->dir, "out.zip", NULL);
  const char *args[] = { "--lang", "fr", NULL };
  g_autofree char *report = NULL;
  g_auto(Run) run = { 0 };

  pack (&run, fixture, out, args, NULL);
  g_assert_cmpint (run.status, ==, 0);
  report = read_entry (out, "report.txt");
  g_assert_true (g_str_has_prefix (report, "PRÊT À SOUMETTRE"));
  g_assert_nonnull (strstr (report, "ADMISSIBILITÉ"));
}

/* PDFs over the upload limit cannot be shrunk: not ready; --force packages the original
 * bytes unchanged and says NOT READY. */
static void
test_oversized_pdf (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dossier-oversized-XXXXXX", NULL);
  g_autofree char *example = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "examples",
                                               "maria-dela-cruz.dossier", NULL);
  g_autofree char *profile = g_build_filename (dir, "bench.dossier", NULL);
  g_autofree char *out = g_build_filename (dir, "out.zip", NULL);
  g_autofree char *passport = g_build_filename (dir, "files", "passport.pdf", NULL);
  g_autofree char *passport_sha = NULL;
  g_autofree char *report = NULL;
  g_autofree char *manifest = NULL;
  const char *make[] = { g_getenv ("DOSSIER_MAKE_BENCH_PROFILE"), example, dir, "4.5", NULL };
  const char *refused_argv[] = { g_getenv ("DOSSIER_CLI"), "pack", profile, "--program", "hcwip-child-care",
                                 "--as-of", "2025-03-31", "-o", out, NULL };
  const char *forced_argv[] = { g_getenv ("DOSSIER_CLI"), "pack", profile, "--program", "hcwip-child-care",
                                "--as-of", "2025-03-31", "-o", out, "--force", NULL };
  g_auto(Run) made = { 0 };
  g_auto(Run) refused = { 0 };
  g_auto(Run) forced = { 0 };

  run_program (&made, make, NULL);
  g_assert_cmpint (made.status, ==, 0);
  passport_sha = sha256_of (passport);

  run_program (&refused, refused_argv, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "PDF pages cannot be made smaller"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  run_program (&forced, forced_argv, NULL);
  g_assert_cmpint (forced.status, ==, 0);
  report = read_entry (out, "report.txt");
  g_assert_true (g_str_has_prefix (report, "NOT READY"));
  manifest = read_entry (out, "manifest.xml");
  g_assert_nonnull (strstr (manifest, passport_sha));
  g_assert_nonnull (strstr (manifest, "OVER THE LIMIT"));
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/package/ready", Fixture, NULL, fixture_setup, test_pack_ready, fixture_teardown);
  g_test_add ("/package/encrypted", Fixture, NULL, fixture_setup, test_pack_encrypted, fixture_teardown);
  g_test_add ("/package/tampering", Fixture, NULL, fixture_setup, test_verify_tampering, fixture_teardown);
  g_test_add ("/package/not-ready", Fixture, no_passport, fixture_setup, test_not_ready, fixture_teardown);
  g_test_add ("/package/expired", Fixture, expired_passport, fixture_setup, test_expired_document, fixture_teardown);
  g_test_add ("/package/unwritable", Fixture, NULL, fixture_setup, test_unwritable_destination, fixture_teardown);
  g_test_add ("/package/french", Fixture, NULL, fixture_setup, test_french_report, fixture_teardown);
  g_test_add_func ("/package/oversized-pdf", test_oversized_pdf);

  return g_test_run ();
}
