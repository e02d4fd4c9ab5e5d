/* test-cli.c: dossier-cli as scripts use it: exit statuses, messages, output formats
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

typedef struct
{
  int    status;
  char  *out;
  char  *err;
  double seconds;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
source_path (const char *relative)
{
  return g_build_filename (g_getenv ("DOSSIER_TEST_SRCDIR"), "..", relative, NULL);
}

/* Runs dossier-cli in cwd (NULL: the current folder) with the arguments given. */
static void
run_cli (Run        *run,
         const char *cwd,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DOSSIER_CLI"));
  va_start (args, cwd);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  g_spawn_sync (cwd, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                &run->err, &run->status, &error);
  g_assert_no_error (error);
  run->seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_true (WIFEXITED (run->status));
  run->status = WEXITSTATUS (run->status);
}

static void
test_check_example_eligible (void)
{
  g_autofree char *example = source_path ("data/examples/maria-dela-cruz.dossier");
  g_auto(Run) run;

  run_cli (&run, NULL, "check", "--program", "hcwip-child-care", "--as-of", "2025-03-31",
           "--lang", "en", example, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Verdict: ELIGIBLE"));
  g_assert_nonnull (strstr (run.out, "Program status: open"));
  /* Every rule cites a source with its address. */
  g_assert_nonnull (strstr (run.out, "Source: "));
  g_assert_nonnull (strstr (run.out, "<https://"));
}

static void
test_check_french (void)
{
  g_autofree char *example = source_path ("data/examples/maria-dela-cruz.dossier");
  g_auto(Run) run;

  run_cli (&run, NULL, "check", "--program", "hcwip-child-care", "--as-of", "2025-03-31",
           "--lang", "fr", example, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Verdict : ADMISSIBLE"));
  g_assert_nonnull (strstr (run.out, "État du programme"));
}

/* Today the 2025 pilots are paused: the check still runs, and says so plainly. */
static void
test_check_paused_program (void)
{
  g_autofree char *example = source_path ("data/examples/maria-dela-cruz.dossier");
  g_auto(Run) run;

  run_cli (&run, NULL, "check", "--program", "hcwip-child-care", "--as-of", "2026-11-22",
           "--lang", "en", example, NULL);
  g_assert_nonnull (strstr (run.out, "Program status: paused"));
  g_assert_nonnull (strstr (run.out, "ready if intake reopens"));
}

static void
test_check_xml_all_programs_many_profiles (void)
{
  g_autofree char *example = source_path ("data/examples/maria-dela-cruz.dossier");
  static const char * const kinds[] = { "work-authorization", "residence", "language", "education",
                                        "experience", "job-offer", "age", "other", NULL };
  g_autoptr(GHashTable) programs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(Run) run;
  xmlDoc *doc;
  xmlNode *root;
  guint reports = 0;

  run_cli (&run, NULL, "check", "--format", "xml", "--as-of", "2025-03-31", example, example, NULL);
  /* Not eligible for every program (Quebec, the closed 2019 pilots): exit 1. */
  g_assert_cmpint (run.status, ==, 1);
  doc = xmlReadMemory (run.out, strlen (run.out), "report.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "reports");
  g_assert_cmpstr ((const char *) root->ns->href, ==, "urn:dossier:report:1");
  for (xmlNode *report = root->children; report; report = report->next)
    {
      xmlChar *program, *verdict, *as_of;
      guint rules = 0;

      if (report->type != XML_ELEMENT_NODE)
        continue;
      reports++;
      program = xmlGetProp (report, (const xmlChar *) "program");
      verdict = xmlGetProp (report, (const xmlChar *) "verdict");
      as_of = xmlGetProp (report, (const xmlChar *) "as-of");
      g_assert_cmpstr ((const char *) as_of, ==, "2025-03-31");
      g_assert_true (g_str_equal (verdict, "eligible") || g_str_equal (verdict, "not-eligible")
                     || g_str_equal (verdict, "incomplete"));
      g_hash_table_add (programs, g_strdup ((const char *) program));
      if (g_str_equal (program, "hcwip-child-care"))
        g_assert_cmpstr ((const char *) verdict, ==, "eligible");
      for (xmlNode *rule = report->children; rule; rule = rule->next)
        {
          xmlChar *kind, *outcome;
          gboolean has_message = FALSE;

          if (rule->type != XML_ELEMENT_NODE)
            continue;
          rules++;
          kind = xmlGetProp (rule, (const xmlChar *) "kind");
          outcome = xmlGetProp (rule, (const xmlChar *) "outcome");
          g_assert_true (g_strv_contains (kinds, (const char *) kind));
          g_assert_true (g_str_equal (outcome, "pass") || g_str_equal (outcome, "fail")
                         || g_str_equal (outcome, "unknown"));
          for (xmlNode *child = rule->children; child; child = child->next)
            if (child->type == XML_ELEMENT_NODE && g_str_equal (child->name, "message"))
              has_message = TRUE;
          g_assert_true (has_message);
          xmlFree (kind);
          xmlFree (outcome);
        }
      g_assert_cmpuint (rules, >, 0);
      xmlFree (program);
      xmlFree (verdict);
      xmlFree (as_of);
    }
  /* Two profiles × five programs in one document. */
  g_assert_cmpuint (reports, ==, 10);
  g_assert_cmpuint (g_hash_table_size (programs), ==, 5);
  xmlFreeDoc (doc);
}

static void
test_programs_status (void)
{
  g_auto(Run) opening = { 0 };
  g_auto(Run) today = { 0 };

  run_cli (&opening, NULL, "programs", "--as-of", "2025-03-31", NULL);
  g_assert_cmpint (opening.status, ==, 0);
  g_assert_nonnull (strstr (opening.out, "hcwip-child-care\topen\t"));
  g_assert_nonnull (strstr (opening.out, "hcwip-home-support\topen\t"));
  g_assert_nonnull (strstr (opening.out, "hccpp-2019\tclosed\t"));
  g_assert_nonnull (strstr (opening.out, "hswp-2019\tclosed\t"));

  run_cli (&today, NULL, "programs", "--as-of", "2026-11-22", NULL);
  g_assert_nonnull (strstr (today.out, "hcwip-child-care\tpaused\t"));
  g_assert_nonnull (strstr (today.out, "hcwip-home-support\tpaused\t"));
}

static void
test_usage_errors (void)
{
  g_autofree char *example = source_path ("data/examples/maria-dela-cruz.dossier");
  struct { const char *args[6]; const char *needle; } cases[] = {
    { { "check", "--program", "no-such-program", example, NULL }, "no-such-program" },
    { { "check", "--as-of", "2025-02-30", example, NULL }, "2025-02-30" },
    { { "check", "--format", "yaml", example, NULL }, "yaml" },
    { { "check", NULL }, "at least one profile" },
    { { "frobnicate", NULL }, "frobnicate" },
    { { "check", "/nonexistent/folder/client.dossier", NULL }, "/nonexistent/folder/client.dossier" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run;

      run_cli (&run, NULL, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
               cases[i].args[4], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].needle));
      g_assert_true (g_str_has_prefix (run.err, "dossier-cli: "));
      g_assert_cmpstr (run.out, ==, "");
    }
}

/* Hostile and broken profiles: exit 2, a message naming the file, quickly, nothing
 * leaked from what an entity points at, nothing written. */
static void
test_bad_profiles (void)
{
  static const struct { const char *file; const char *needle; } cases[] = {
    { "billion-laughs.dossier", "DOCTYPE" },
    { "xxe-file.dossier", "DOCTYPE" },
    { "xxe-parameter-entity.dossier", "DOCTYPE" },
    { "external-dtd.dossier", "DOCTYPE" },
    { "deep-nesting.dossier", "deep" },
    { "empty.dossier", "empty.dossier" },
    { "binary.dossier", "binary.dossier" },
    { "truncated.dossier", "truncated.dossier" },
    { "invalid-utf8.dossier", "invalid-utf8.dossier" },
    { "newer-format.dossier", "newer" },
    { "wrong-root.dossier", "wrong-root.dossier" },
    { "wrong-namespace.dossier", "wrong-namespace.dossier" },
    { "no-namespace.dossier", "no-namespace.dossier" },
    { "schema-invalid.dossier", "family-name" },
  };
  g_autofree char *workdir = g_dir_make_tmp ("dossier-cli-XXXXXX", NULL);
  g_autofree char *passwd = NULL;

  g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *relative = g_build_filename ("tests", "bad", cases[i].file, NULL);
      g_autofree char *path = source_path (relative);
      g_autoptr(GDir) dir = NULL;
      g_auto(Run) run;

      g_test_message ("%s", cases[i].file);
      run_cli (&run, workdir, "check", "--program", "hcwip-child-care", path, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].file));
      if (strstr (run.err, cases[i].needle) == NULL)
        g_error ("%s: expected “%s” in: %s", cases[i].file, cases[i].needle, run.err);
      g_assert_cmpfloat (run.seconds, <, 5.0);
      g_assert_null (strstr (run.out, "root:"));
      g_assert_null (strstr (run.err, "root:"));
      dir = g_dir_open (workdir, 0, NULL);
      g_assert_null (g_dir_read_name (dir));
    }
  g_rmdir (workdir);
}

static void
test_oversized_profile (void)
{
  g_autofree char *workdir = g_dir_make_tmp ("dossier-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (workdir, "huge.dossier", NULL);
  g_autoptr(GString) data = g_string_new ("<?xml version=\"1.0\"?>\n<dossier xmlns=\"urn:dossier:profile:1\" format-version=\"1\"><notes>");
  g_auto(Run) run;

  while (data->len < 5 * 1024 * 1024)
    g_string_append (data, "padding padding padding padding padding padding padding padding\n");
  g_string_append (data, "</notes></dossier>\n");
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));
  run_cli (&run, NULL, "check", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "huge.dossier"));
  g_unlink (path);
  g_rmdir (workdir);
}

static void
test_rules_lint (void)
{
  g_autofree char *workdir = g_dir_make_tmp ("dossier-lint-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (workdir, "broken.xml", NULL);
  g_autofree char *shipped = source_path ("data/rules/hcwip-child-care.xml");
  const char *broken =
    "<pack xmlns=\"urn:dossier:rules:1\" format-version=\"1\" id=\"broken\" revision=\"2026-11-22\">\n"
    "  <title xml:lang=\"en\">Broken</title><title xml:lang=\"fr\">Cassé</title>\n"
    "  <sources><source id=\"s\" grade=\"official\" seen=\"2026-11-01\">S</source></sources>\n"
    "  <status zone=\"America/Toronto\"><period state=\"open\" source=\"s\"/></status>\n"
    "  <rule id=\"r\" kind=\"other\">\n"
    "    <title xml:lang=\"en\">R</title><title xml:lang=\"fr\">R</title>\n"
    "    <version from=\"2020-01-01\" source=\"s\">\n"
    "      <compare field=\"offer.shoe-size\" op=\"ge\" value=\"30\"/>\n"
    "      <message outcome=\"pass\" xml:lang=\"en\">ok {nothing}</message>\n"
    "      <message outcome=\"pass\" xml:lang=\"fr\">ok</message>\n"
    "      <message outcome=\"fail\" xml:lang=\"en\">no</message>\n"
    "      <message outcome=\"fail\" xml:lang=\"fr\">non</message>\n"
    "      <message outcome=\"unknown\" xml:lang=\"en\">?</message>\n"
    "      <message outcome=\"unknown\" xml:lang=\"fr\">?</message>\n"
    "    </version>\n"
    "    <version from=\"2021-01-01\" source=\"nowhere\">\n"
    "      <compare field=\"offer.hours-per-week\" op=\"ge\" value=\"30\"/>\n"
    "      <message outcome=\"pass\" xml:lang=\"en\">ok</message>\n"
    "      <message outcome=\"pass\" xml:lang=\"fr\">ok</message>\n"
    "      <message outcome=\"fail\" xml:lang=\"en\">no</message>\n"
    "      <message outcome=\"fail\" xml:lang=\"fr\">non</message>\n"
    "      <message outcome=\"unknown\" xml:lang=\"en\">?</message>\n"
    "    </version>\n"
    "  </rule>\n"
    "</pack>\n";
  g_auto(Run) good = { 0 };
  g_auto(Run) bad = { 0 };

  run_cli (&good, NULL, "rules", "lint", shipped, NULL);
  g_assert_cmpint (good.status, ==, 0);

  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  run_cli (&bad, NULL, "rules", "lint", path, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.out, "unknown field “offer.shoe-size”"));
  g_assert_nonnull (strstr (bad.out, "placeholder {nothing}"));
  g_assert_nonnull (strstr (bad.out, "overlap"));
  g_assert_nonnull (strstr (bad.out, "source “nowhere”"));
  g_assert_nonnull (strstr (bad.out, "no fr message for outcome “unknown”"));
  g_assert_nonnull (strstr (bad.out, "broken.xml:8:"));
  g_unlink (path);
  g_rmdir (workdir);
}

/* `spell`: a profile's free texts, each in its language, against the real dictionaries
 * (hunspell-en-ca, hunspell-fr). */
static const char spell_profile[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<dossier xmlns=\"urn:dossier:profile:1\" format-version=\"1\">\n"
  "  <applicant><family-name>Dela Cruz</family-name></applicant>\n"
  "  <work-history>\n"
  "    <job id=\"j1\"><duties xml:lang=\"en\">Supervized the children and helped with their "
  "homwork at the neighbourhood centre.</duties></job>\n"
  "    <job id=\"j2\"><duties>Prepared healthy meals; see https://exmple.org/qwzx or call "
  "416-555-0100.</duties></job>\n"
  "    <job id=\"j3\"><duties xml:lang=\"fr-CA\">J’ai préparé les repas et acompagné les "
  "enfants à l’école.</duties></job>\n"
  "    <job id=\"j4\"><duties xml:lang=\"tl\">Nag-alaga ng mga bata.</duties></job>\n"
  "  </work-history>\n"
  "  <notes xml:lang=\"en\">Called the famly on Monday.</notes>\n"
  "</dossier>\n";

static void
test_spell (void)
{
  g_autofree char *workdir = g_dir_make_tmp ("dossier-spell-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (workdir, "typos.dossier", NULL);
  g_autofree char *words_dir = g_build_filename (workdir, "dossier", NULL);
  g_autofree char *words = g_build_filename (words_dir, "words-en_CA.txt", NULL);
  g_autofree char *example = source_path ("data/examples/maria-dela-cruz.dossier");
  g_autofree char *empty = g_build_filename (workdir, "no-dictionaries", NULL);

  /* The personal word list is the test's own. */
  g_setenv ("XDG_CONFIG_HOME", workdir, TRUE);
  g_assert_true (g_file_set_contents (path, spell_profile, -1, NULL));

  {
    g_auto(Run) run;

    run_cli (&run, NULL, "spell", example, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, "");
  }

  {
    g_auto(Run) run;
    g_auto(GStrv) lines = NULL;

    run_cli (&run, NULL, "spell", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    lines = g_strsplit (run.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 5);
    g_assert_true (g_str_has_prefix (lines[0], "/dossier/work-history/job[1]/duties: Supervized: "));
    g_assert_nonnull (strstr (lines[0], "Supervised"));
    g_assert_true (g_str_has_prefix (lines[1], "/dossier/work-history/job[1]/duties: homwork: homework"));
    g_assert_true (g_str_has_prefix (lines[2], "/dossier/work-history/job[3]/duties: acompagné: "));
    g_assert_nonnull (strstr (lines[2], "accompagné"));
    g_assert_true (g_str_has_prefix (lines[3], "/dossier/notes: famly: "));
    g_assert_nonnull (strstr (lines[3], "family"));
    g_assert_cmpstr (lines[4], ==, "");
    /* A language without a dictionary is skipped, and said so. */
    g_assert_nonnull (strstr (run.err, "job[4]/duties"));
    g_assert_nonnull (strstr (run.err, "“tl”"));
  }

  {
    g_auto(Run) run;

    /* Words of the personal list are right; several files name theirs. */
    g_assert_cmpint (g_mkdir_with_parents (words_dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (words, "Supervized\n", -1, NULL));
    run_cli (&run, NULL, "spell", path, example, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_null (strstr (run.out, "Supervized"));
    g_assert_true (g_str_has_prefix (run.out, path));
    g_assert_nonnull (strstr (run.out, ": /dossier/work-history/job[1]/duties: homwork: "));
    g_unlink (words);
    g_rmdir (words_dir);
  }

  {
    g_auto(Run) run;

    /* No dictionary: exit 2, naming the package to install. */
    g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
    g_setenv ("DOSSIER_HUNSPELL_PATH", empty, TRUE);
    run_cli (&run, NULL, "spell", path, NULL);
    g_unsetenv ("DOSSIER_HUNSPELL_PATH");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (g_str_has_prefix (run.err, "dossier-cli: "));
    g_assert_nonnull (strstr (run.err, "hunspell-en-ca"));
    g_assert_cmpstr (run.out, ==, "");
    g_rmdir (empty);
  }

  {
    g_auto(Run) run;

    run_cli (&run, NULL, "spell", "--lang", "tl", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--lang"));
  }

  g_unsetenv ("XDG_CONFIG_HOME");
  g_unlink (path);
  g_rmdir (workdir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/check/example-eligible", test_check_example_eligible);
  g_test_add_func ("/cli/check/french", test_check_french);
  g_test_add_func ("/cli/check/paused-program", test_check_paused_program);
  g_test_add_func ("/cli/check/xml-all-programs", test_check_xml_all_programs_many_profiles);
  g_test_add_func ("/cli/programs/status", test_programs_status);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/bad-profiles", test_bad_profiles);
  g_test_add_func ("/cli/oversized-profile", test_oversized_profile);
  g_test_add_func ("/cli/rules/lint", test_rules_lint);
  g_test_add_func ("/cli/spell", test_spell);

  return g_test_run ();
}
