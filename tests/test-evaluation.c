/* test-evaluation.c: the rules engine on real packs and real profiles
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dossier-evaluation.h"
#include "dossier-pack.h"
#include "dossier-profile.h"

static char *workdir;

/* A one-rule pack around a predicate; every message shows the placeholders given. */
static DossierPack *
make_pack (const char *versions)
{
  g_autofree char *path = g_build_filename (workdir, "test-pack.xml", NULL);
  g_autofree char *xml = g_strdup_printf (
    "<pack xmlns=\"urn:dossier:rules:1\" format-version=\"1\" id=\"test\" revision=\"2026-11-22\">\n"
    "  <title xml:lang=\"en\">Test</title><title xml:lang=\"fr\">Essai</title>\n"
    "  <sources><source id=\"s\" grade=\"official\" seen=\"2026-11-01\" url=\"https://example.org/\">S</source></sources>\n"
    "  <status zone=\"America/Toronto\">\n"
    "    <period until=\"2025-03-31T10:00:00-04:00\" state=\"upcoming\" source=\"s\"/>\n"
    "    <period from=\"2025-03-31T10:00:00-04:00\" until=\"2025-12-19T00:00:00-05:00\" state=\"open\" source=\"s\"/>\n"
    "    <period from=\"2025-12-19T00:00:00-05:00\" state=\"paused\" source=\"s\"/>\n"
    "  </status>\n"
    "  <rule id=\"r\" kind=\"other\">\n"
    "    <title xml:lang=\"en\">R</title><title xml:lang=\"fr\">R</title>\n"
    "%s"
    "  </rule>\n"
    "</pack>\n", versions);
  g_autoptr(GError) error = NULL;
  DossierPack *pack;

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  pack = dossier_pack_load (path, NULL, &error);
  g_assert_no_error (error);
  return pack;
}

static char *
version (const char *from,
         const char *until,
         const char *predicate,
         const char *message)
{
  return g_strdup_printf (
    "    <version%s%s%s%s%s%s source=\"s\">\n      %s\n"
    "      <message outcome=\"pass\" xml:lang=\"en\">pass: %s</message>\n"
    "      <message outcome=\"pass\" xml:lang=\"fr\">oui : %s</message>\n"
    "      <message outcome=\"fail\" xml:lang=\"en\">fail: %s</message>\n"
    "      <message outcome=\"fail\" xml:lang=\"fr\">non : %s</message>\n"
    "      <message outcome=\"unknown\" xml:lang=\"en\">unknown: %s</message>\n"
    "      <message outcome=\"unknown\" xml:lang=\"fr\">inconnu : %s</message>\n"
    "    </version>\n",
    from ? " from=\"" : "", from ? from : "", from ? "\"" : "",
    until ? " until=\"" : "", until ? until : "", until ? "\"" : "",
    predicate, message, message, message, message, message, message);
}

static DossierProfile *
make_profile (const char *body)
{
  g_autofree char *xml = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<dossier xmlns=\"urn:dossier:profile:1\" format-version=\"1\">\n"
    "  <applicant><family-name>Test</family-name><birth-date>1990-02-14</birth-date></applicant>\n"
    "%s\n</dossier>\n", body);
  g_autoptr(GError) error = NULL;
  DossierProfile *profile = dossier_profile_load_from_data (xml, strlen (xml), "test.dossier", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (dossier_profile_get_problems (profile)->len, ==, 0);
  return profile;
}

static DossierEvaluation *
evaluate (DossierPack    *pack,
          DossierProfile *profile,
          const char     *as_of)
{
  DossierDay day;

  g_assert_true (dossier_day_parse (as_of, &day));
  return dossier_evaluate (pack, dossier_profile_get_records (profile), day);
}

static const DossierRuleResult *
only_rule (DossierEvaluation *evaluation)
{
  g_assert_cmpuint (evaluation->results->len, ==, 1);
  return g_ptr_array_index (evaluation->results, 0);
}

static const char *offer_37 =
  "<job-offer><noc>44100</noc><hours-per-week>37.5</hours-per-week></job-offer>";

/* Kleene logic: unknown spreads only where it could change the answer. */
static void
test_three_valued_logic (void)
{
  static const struct { const char *predicate; DossierOutcome expected; } cases[] = {
    /* hours 37.5 known; wage unknown */
    { "<all><compare field=\"offer.hours-per-week\" op=\"ge\" value=\"30\"/><compare field=\"offer.hourly-wage\" op=\"ge\" value=\"1\"/></all>", DOSSIER_OUTCOME_UNKNOWN },
    { "<all><compare field=\"offer.hours-per-week\" op=\"ge\" value=\"40\"/><compare field=\"offer.hourly-wage\" op=\"ge\" value=\"1\"/></all>", DOSSIER_OUTCOME_FAIL },
    { "<any><compare field=\"offer.hours-per-week\" op=\"ge\" value=\"30\"/><compare field=\"offer.hourly-wage\" op=\"ge\" value=\"1\"/></any>", DOSSIER_OUTCOME_PASS },
    { "<any><compare field=\"offer.hours-per-week\" op=\"ge\" value=\"40\"/><compare field=\"offer.hourly-wage\" op=\"ge\" value=\"1\"/></any>", DOSSIER_OUTCOME_UNKNOWN },
    { "<none><in field=\"offer.noc\" values=\"42202 33102\"/></none>", DOSSIER_OUTCOME_PASS },
    { "<none><in field=\"offer.noc\" values=\"44100\"/></none>", DOSSIER_OUTCOME_FAIL },
    { "<none><in field=\"offer.province\" values=\"QC\"/></none>", DOSSIER_OUTCOME_UNKNOWN },
    { "<not-in field=\"offer.noc\" values=\"42202\"/>", DOSSIER_OUTCOME_PASS },
    { "<undetermined/>", DOSSIER_OUTCOME_UNKNOWN },
  };
  g_autoptr(DossierProfile) profile = make_profile (offer_37);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *v = version ("2020-01-01", NULL, cases[i].predicate, "x");
      g_autoptr(DossierPack) pack = make_pack (v);
      g_autoptr(DossierEvaluation) evaluation = evaluate (pack, profile, "2025-03-31");

      g_test_message ("%s", cases[i].predicate);
      g_assert_cmpint (only_rule (evaluation)->outcome, ==, cases[i].expected);
    }
}

static void
test_placeholders_and_french_numbers (void)
{
  g_autofree char *v = version ("2020-01-01", NULL,
                                "<compare name=\"hours\" field=\"offer.hours-per-week\" op=\"ge\" value=\"30\"/>",
                                "{hours} ≥ {hours.threshold} on {as-of} for {program}");
  g_autoptr(DossierPack) pack = make_pack (v);
  g_autoptr(DossierProfile) profile = make_profile (offer_37);
  g_autoptr(DossierEvaluation) evaluation = evaluate (pack, profile, "2025-03-31");
  const DossierRuleResult *result = only_rule (evaluation);

  g_assert_cmpint (result->outcome, ==, DOSSIER_OUTCOME_PASS);
  g_assert_cmpstr (result->message[DOSSIER_LANG_EN], ==, "pass: 37.5 ≥ 30 on 2025-03-31 for Test");
  g_assert_cmpstr (result->message[DOSSIER_LANG_FR], ==, "oui : 37,5 ≥ 30 on 2025-03-31 for Essai");
  g_assert_cmpuint (result->sources->len, ==, 1);
  g_assert_cmpuint (result->evidence->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->evidence, 0), "37.5"));
}

static void
test_missing_is_unknown_with_path (void)
{
  g_autofree char *v = version ("2020-01-01", NULL,
                                "<compare field=\"offer.hourly-wage\" op=\"ge\" to-field=\"offer.median-hourly-wage\"/>",
                                "{offer.hourly-wage} vs {offer.hourly-wage.threshold}");
  g_autoptr(DossierPack) pack = make_pack (v);
  g_autoptr(DossierProfile) profile = make_profile ("<job-offer><hourly-wage currency=\"CAD\">19.50</hourly-wage></job-offer>");
  g_autoptr(DossierEvaluation) evaluation = evaluate (pack, profile, "2025-03-31");
  const DossierRuleResult *result = only_rule (evaluation);
  DossierMissing *missing;

  g_assert_cmpint (result->outcome, ==, DOSSIER_OUTCOME_UNKNOWN);
  g_assert_cmpint (evaluation->verdict, ==, DOSSIER_VERDICT_INCOMPLETE);
  g_assert_cmpstr (result->message[DOSSIER_LANG_EN], ==, "unknown: 19.50 vs ?");
  g_assert_cmpuint (result->missing->len, ==, 1);
  missing = g_ptr_array_index (result->missing, 0);
  g_assert_cmpstr (missing->path, ==, "/dossier/job-offer/median-hourly-wage");
}

/* The 2019 pilots' experience rule changed on 30 April 2023: the day before, the old
 * version applies; on the day, the new one. */
static void
test_effective_dated_versions (void)
{
  g_autofree char *v1 = version ("2019-06-18", "2023-04-30",
                                 "<compare field=\"offer.hours-per-week\" op=\"ge\" value=\"40\"/>", "old");
  g_autofree char *v2 = version ("2023-04-30", NULL,
                                 "<compare field=\"offer.hours-per-week\" op=\"ge\" value=\"30\"/>", "new");
  g_autofree char *both = g_strconcat (v1, v2, NULL);
  g_autoptr(DossierPack) pack = make_pack (both);
  g_autoptr(DossierProfile) profile = make_profile (offer_37);
  g_autoptr(DossierEvaluation) before = evaluate (pack, profile, "2023-04-29");
  g_autoptr(DossierEvaluation) on = evaluate (pack, profile, "2023-04-30");
  g_autoptr(DossierEvaluation) too_early = evaluate (pack, profile, "2019-06-17");

  g_assert_cmpint (only_rule (before)->outcome, ==, DOSSIER_OUTCOME_FAIL);
  g_assert_cmpstr (only_rule (before)->message[DOSSIER_LANG_EN], ==, "fail: old");
  g_assert_cmpint (only_rule (on)->outcome, ==, DOSSIER_OUTCOME_PASS);
  g_assert_cmpstr (only_rule (on)->message[DOSSIER_LANG_EN], ==, "pass: new");
  g_assert_cmpint (only_rule (too_early)->outcome, ==, DOSSIER_OUTCOME_UNKNOWN);
  g_assert_null (only_rule (too_early)->version);
}

static void
test_program_state (void)
{
  g_autofree char *v = version (NULL, NULL, "<undetermined/>", "x");
  g_autoptr(DossierPack) pack = make_pack (v);
  DossierDay day;

  /* Opening day counts as open although it opens at 10:00. */
  dossier_day_parse ("2025-03-31", &day);
  g_assert_cmpint (dossier_pack_get_state (pack, day, NULL, NULL), ==, DOSSIER_PROGRAM_OPEN);
  dossier_day_parse ("2025-03-30", &day);
  g_assert_cmpint (dossier_pack_get_state (pack, day, NULL, NULL), ==, DOSSIER_PROGRAM_UPCOMING);
  dossier_day_parse ("2025-12-19", &day);
  g_assert_cmpint (dossier_pack_get_state (pack, day, NULL, NULL), ==, DOSSIER_PROGRAM_PAUSED);
  dossier_day_parse ("2025-12-18", &day);
  g_assert_cmpint (dossier_pack_get_state (pack, day, NULL, NULL), ==, DOSSIER_PROGRAM_OPEN);
}

/* The language remedy names the score a new test would need, from the real tables. */
static void
test_language_remedy (void)
{
  g_autofree char *v = version ("2020-01-01", NULL, "<language min-level=\"4\" max-age=\"P2Y\"/>",
                                "{framework} {level}, weakest {ability}; {remedy}; until {test-expires}");
  g_autoptr(DossierPack) pack = make_pack (v);
  g_autoptr(DossierProfile) low = make_profile (
    "<language-tests><test id=\"l1\" kind=\"ielts-gt\" date=\"2024-06-01\" reading=\"6\" writing=\"3.5\" listening=\"6\" speaking=\"6\"/></language-tests>");
  g_autoptr(DossierProfile) old = make_profile (
    "<language-tests><test id=\"l1\" kind=\"celpip-g\" date=\"2023-03-30\" reading=\"6\" writing=\"6\" listening=\"6\" speaking=\"6\"/></language-tests>");
  g_autoptr(DossierProfile) exact = make_profile (
    "<language-tests><test id=\"l1\" kind=\"celpip-g\" date=\"2023-03-31\" reading=\"6\" writing=\"6\" listening=\"6\" speaking=\"6\"/></language-tests>");
  g_autoptr(DossierProfile) academic = make_profile (
    "<language-tests><test id=\"l1\" kind=\"ielts-academic\" date=\"2024-06-01\" reading=\"8\" writing=\"8\" listening=\"8\" speaking=\"8\"/></language-tests>");
  g_autoptr(DossierProfile) partial = make_profile (
    "<language-tests><test id=\"l1\" kind=\"celpip-g\" date=\"2024-06-01\" reading=\"6\" listening=\"6\" speaking=\"6\"/></language-tests>");
  g_autoptr(DossierEvaluation) e_low = evaluate (pack, low, "2025-03-31");
  g_autoptr(DossierEvaluation) e_old = evaluate (pack, old, "2025-03-31");
  g_autoptr(DossierEvaluation) e_exact = evaluate (pack, exact, "2025-03-31");
  g_autoptr(DossierEvaluation) e_academic = evaluate (pack, academic, "2025-03-31");
  g_autoptr(DossierEvaluation) e_partial = evaluate (pack, partial, "2025-03-31");

  g_assert_cmpint (only_rule (e_low)->outcome, ==, DOSSIER_OUTCOME_FAIL);
  g_assert_cmpstr (only_rule (e_low)->message[DOSSIER_LANG_EN], ==,
                   "fail: CLB below 4, weakest writing; a new test with writing ≥ 4.0 in IELTS General Training; until 2026-06-01");
  g_assert_nonnull (strstr (only_rule (e_low)->message[DOSSIER_LANG_FR], "4,0"));

  /* Exactly two years old on the as-of date is still valid; one day more is not. */
  g_assert_cmpint (only_rule (e_exact)->outcome, ==, DOSSIER_OUTCOME_PASS);
  g_assert_cmpint (only_rule (e_old)->outcome, ==, DOSSIER_OUTCOME_FAIL);
  g_assert_nonnull (strstr (only_rule (e_old)->message[DOSSIER_LANG_EN], "a new test taken on or after 2023-03-31"));

  g_assert_cmpint (only_rule (e_academic)->outcome, ==, DOSSIER_OUTCOME_FAIL);
  g_assert_nonnull (strstr (g_ptr_array_index (only_rule (e_academic)->evidence, 0), "IELTS Academic"));

  g_assert_cmpint (only_rule (e_partial)->outcome, ==, DOSSIER_OUTCOME_UNKNOWN);
  g_assert_cmpuint (only_rule (e_partial)->missing->len, ==, 1);
  g_assert_nonnull (strstr (((DossierMissing *) g_ptr_array_index (only_rule (e_partial)->missing, 0))->path,
                            "@writing"));
}

static void
test_credential_eca (void)
{
  g_autofree char *v = version ("2020-01-01", NULL, "<credential min-level=\"secondary\" eca-max-age=\"P5Y\"/>",
                                "{credential} {level} {eca} {eca-expires}");
  g_autoptr(DossierPack) pack = make_pack (v);
  static const struct { const char *credential; DossierOutcome expected; } cases[] = {
    { "<credential id=\"e1\" level=\"secondary\" country=\"CA\" completed=\"2008-06-01\"/>", DOSSIER_OUTCOME_PASS },
    { "<credential id=\"e1\" level=\"bachelor\" country=\"PH\" completed=\"2011-04-01\"/>", DOSSIER_OUTCOME_UNKNOWN },
    { "<credential id=\"e1\" level=\"bachelor\" country=\"PH\" completed=\"2011-04-01\"><eca organization=\"wes\" issued=\"2020-03-31\" equivalent=\"bachelor\"/></credential>", DOSSIER_OUTCOME_PASS },
    { "<credential id=\"e1\" level=\"bachelor\" country=\"PH\" completed=\"2011-04-01\"><eca organization=\"wes\" issued=\"2020-03-30\" equivalent=\"bachelor\"/></credential>", DOSSIER_OUTCOME_FAIL },
    /* IQAS was designated on 6 August 2015. */
    { "<credential id=\"e1\" level=\"bachelor\" country=\"PH\" completed=\"2011-04-01\"><eca organization=\"iqas\" issued=\"2015-08-05\" equivalent=\"bachelor\"/></credential>", DOSSIER_OUTCOME_FAIL },
    { "<credential id=\"e1\" level=\"bachelor\" country=\"PH\" completed=\"2011-04-01\"><eca organization=\"wes\" issued=\"2024-02-01\" equivalent=\"none\"/></credential>", DOSSIER_OUTCOME_FAIL },
    { "<credential id=\"e1\" level=\"bachelor\" country=\"PH\" completed=\"2011-04-01\"><eca organization=\"mcc\" issued=\"2024-02-01\" equivalent=\"bachelor\"/></credential>", DOSSIER_OUTCOME_FAIL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("<education>%s</education>", cases[i].credential);
      g_autoptr(DossierProfile) profile = make_profile (body);
      g_autoptr(DossierEvaluation) evaluation = evaluate (pack, profile, "2025-03-31");

      g_test_message ("%s", cases[i].credential);
      g_assert_cmpint (only_rule (evaluation)->outcome, ==, cases[i].expected);
    }
}

/* The shipped packs: all load, and the example applicant is eligible on opening day. */
static void
test_shipped_packs (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *packs = dossier_pack_get_all (&error);
  g_autofree char *example = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "examples",
                                               "maria-dela-cruz.dossier", NULL);
  g_autoptr(DossierProfile) profile = dossier_profile_load (example, &error);
  DossierPack *child_care;

  g_assert_no_error (error);
  g_assert_cmpuint (packs->len, ==, 5);
  child_care = dossier_pack_find ("hcwip-child-care", &error);
  g_assert_no_error (error);
  {
    g_autoptr(DossierEvaluation) evaluation = evaluate (child_care, profile, "2025-03-31");

    g_assert_cmpint (evaluation->verdict, ==, DOSSIER_VERDICT_ELIGIBLE);
    g_assert_cmpint (evaluation->state, ==, DOSSIER_PROGRAM_OPEN);
    for (guint i = 0; i < evaluation->results->len; i++)
      {
        DossierRuleResult *result = g_ptr_array_index (evaluation->results, i);

        g_assert_nonnull (result->message[DOSSIER_LANG_EN]);
        g_assert_nonnull (result->message[DOSSIER_LANG_FR]);
        g_assert_null (strchr (result->message[DOSSIER_LANG_EN], '{'));
        g_assert_cmpuint (result->sources->len, >, 0);
      }
  }
  g_assert_null (dossier_pack_find ("no-such-program", &error));
  g_assert_error (error, DOSSIER_PACK_ERROR, DOSSIER_PACK_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  workdir = g_dir_make_tmp ("dossier-eval-XXXXXX", NULL);

  g_test_add_func ("/evaluation/three-valued", test_three_valued_logic);
  g_test_add_func ("/evaluation/placeholders", test_placeholders_and_french_numbers);
  g_test_add_func ("/evaluation/missing", test_missing_is_unknown_with_path);
  g_test_add_func ("/evaluation/versions", test_effective_dated_versions);
  g_test_add_func ("/evaluation/program-state", test_program_state);
  g_test_add_func ("/evaluation/language", test_language_remedy);
  g_test_add_func ("/evaluation/credential", test_credential_eca);
  g_test_add_func ("/evaluation/shipped-packs", test_shipped_packs);

  status = g_test_run ();
  {
    g_autofree char *path = g_build_filename (workdir, "test-pack.xml", NULL);

    g_unlink (path);
    g_rmdir (workdir);
  }
  return status;
}
