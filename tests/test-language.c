/* test-language.c: the designated tests and their CLB/NCLC tables, as shipped
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dossier-language.h"

/* The tables of shared/domain/facts.md, section 4, copied here by hand rather than read
 * from the data file, so that a slip in data/language/tests.xml shows up as a failure.
 * Each row is the lowest score of a level (the lower bound of IRCC's range), in the
 * order reading, writing, listening, speaking; rows run from level 4 to level 10. */
typedef struct
{
  const char *kind;
  const char *scale;            /* as passed to lookup; NULL for the default */
  const char *scale_id;         /* what get_scale says */
  const char *framework;
  double      min[DOSSIER_N_ABILITIES];
  double      max[DOSSIER_N_ABILITIES];
  double      step;
  gboolean    unverified;
  double      table[7][DOSSIER_N_ABILITIES];
} Expected;

static const Expected expected_tables[] = {
  {
    "celpip-g", NULL, "standard", "CLB",
    { 0, 0, 0, 0 }, { 12, 12, 12, 12 }, 1, FALSE,
    {
      { 4, 4, 4, 4 },
      { 5, 5, 5, 5 },
      { 6, 6, 6, 6 },
      { 7, 7, 7, 7 },
      { 8, 8, 8, 8 },
      { 9, 9, 9, 9 },
      { 10, 10, 10, 10 },
    },
  },
  {
    "ielts-gt", NULL, "standard", "CLB",
    { 0, 0, 0, 0 }, { 9, 9, 9, 9 }, 0.5, FALSE,
    {
      { 3.5, 4.0, 4.5, 4.0 },
      { 4.0, 5.0, 5.0, 5.0 },
      { 5.0, 5.5, 5.5, 5.5 },
      { 6.0, 6.0, 6.0, 6.0 },
      { 6.5, 6.5, 7.5, 6.5 },
      { 7.0, 7.0, 8.0, 7.0 },
      { 8.0, 7.5, 8.5, 7.5 },
    },
  },
  {
    "pte-core", NULL, "standard", "CLB",
    { 10, 10, 10, 10 }, { 90, 90, 90, 90 }, 1, TRUE,
    {
      { 33, 41, 28, 42 },
      { 42, 51, 39, 51 },
      { 51, 60, 50, 59 },
      { 60, 69, 60, 68 },
      { 69, 79, 71, 76 },
      { 78, 88, 82, 84 },
      { 88, 90, 89, 89 },
    },
  },
  {
    "tef-canada", "original", "original", "NCLC",
    { 0, 0, 0, 0 }, { 300, 450, 360, 450 }, 1, FALSE,
    {
      { 121, 181, 145, 181 },
      { 151, 226, 181, 226 },
      { 181, 271, 217, 271 },
      { 207, 310, 249, 310 },
      { 233, 349, 280, 349 },
      { 248, 371, 298, 371 },
      { 263, 393, 316, 393 },
    },
  },
  {
    "tef-canada", "2023", "2023", "NCLC",
    { 0, 0, 0, 0 }, { 699, 699, 699, 699 }, 1, TRUE,
    {
      { 306, 268, 306, 328 },
      { 352, 330, 352, 387 },
      { 393, 379, 393, 422 },
      { 434, 428, 434, 456 },
      { 462, 472, 462, 494 },
      { 503, 512, 503, 518 },
      { 546, 558, 546, 556 },
    },
  },
  {
    "tcf-canada", NULL, "standard", "NCLC",
    { 0, 0, 0, 0 }, { 699, 20, 699, 20 }, 1, FALSE,
    {
      { 342, 4, 331, 4 },
      { 375, 6, 369, 6 },
      { 406, 7, 398, 7 },
      { 453, 10, 458, 10 },
      { 499, 12, 503, 12 },
      { 524, 14, 523, 14 },
      { 549, 16, 549, 16 },
    },
  },
};

/* Tests IRCC does not accept, each with a word its reason must contain. */
static const struct
{
  const char *kind;
  const char *reason_word;
} rejected_tests[] = {
  { "ielts-academic", "General Training" },
  { "ielts-one-skill-retake", "EMPP" },
  { "celpip-g-ls", "citizenship" },
  { "celpip-general-ls", "citizenship" },
  { "pte-academic", "PTE Core" },
  { "toefl", "not a designated test" },
  { "toefl-ibt", "not a designated test" },
  { "duolingo", "not a designated test" },
  { "cambridge", "not designated tests" },
  { "tef", "TEF Canada" },
  { "tcf", "TCF Canada" },
  { "delf", "not a designated test" },
  { "dalf", "not a designated test" },
};

static DossierLanguageTables *
get_tables (void)
{
  g_autoptr(GError) error = NULL;
  DossierLanguageTables *tables = dossier_language_tables_get_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (tables);
  return tables;
}

static const DossierTestScale *
get_scale (const char *kind,
           const char *scale)
{
  g_autoptr(GError) error = NULL;
  const DossierTestScale *found;

  found = dossier_language_tables_lookup (get_tables (), kind, scale, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static int
level_of (const DossierTestScale *scale,
          DossierAbility          ability,
          double                  score)
{
  g_autoptr(GError) error = NULL;
  int level = dossier_test_scale_level (scale, ability, score, &error);

  g_assert_no_error (error);
  return level;
}

static void
assert_out_of_scale (const DossierTestScale *scale,
                     DossierAbility          ability,
                     double                  score)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dossier_test_scale_level (scale, ability, score, &error), ==, -1);
  g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_OUT_OF_SCALE);
  /* The message names the test and the ability, so that the user knows which box. */
  g_assert_nonnull (strstr (error->message, dossier_test_scale_get_title (scale, "en")));
  g_assert_nonnull (strstr (error->message, dossier_ability_get_name (ability)));
}

static void
test_default_threads_func (gpointer data,
                           gpointer user_data)
{
  DossierLanguageTables **slot = data;

  *slot = dossier_language_tables_get_default (NULL);
}

/* Runs first, so that the tables are not loaded yet: every thread gets the same ones. */
static void
test_default_threads (void)
{
  DossierLanguageTables *results[8] = { NULL, };
  GThreadPool *pool;

  pool = g_thread_pool_new (test_default_threads_func, NULL, G_N_ELEMENTS (results),
                            TRUE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    g_thread_pool_push (pool, &results[i], NULL);
  g_thread_pool_free (pool, FALSE, TRUE);

  g_assert_nonnull (results[0]);
  for (guint i = 1; i < G_N_ELEMENTS (results); i++)
    g_assert_true (results[i] == results[0]);
  g_assert_true (get_tables () == results[0]);
}

/* Every level of every table: the minimum reaches it, one step below does not. */
static void
test_boundaries (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (expected_tables); t++)
    {
      const Expected *expected = &expected_tables[t];
      const DossierTestScale *scale = get_scale (expected->kind, expected->scale);

      g_test_message ("%s, scale %s", expected->kind, expected->scale_id);
      g_assert_cmpstr (dossier_test_scale_get_kind (scale), ==, expected->kind);
      g_assert_cmpstr (dossier_test_scale_get_scale (scale), ==, expected->scale_id);
      g_assert_cmpstr (dossier_test_scale_get_framework (scale), ==, expected->framework);

      for (guint a = 0; a < DOSSIER_N_ABILITIES; a++)
        {
          for (int level = 4; level <= 10; level++)
            {
              double min_score = expected->table[level - 4][a];

              g_assert_cmpfloat (dossier_test_scale_min_score (scale, a, level), ==,
                                 min_score);
              g_assert_cmpint (level_of (scale, a, min_score), ==, level);
              g_assert_cmpint (level_of (scale, a, min_score - expected->step), ==,
                               level - 1 < 4 ? 0 : level - 1);
            }
          /* The table stops at 4 and 10: below is 0, above is still 10. */
          g_assert_true (isnan (dossier_test_scale_min_score (scale, a, 3)));
          g_assert_true (isnan (dossier_test_scale_min_score (scale, a, 11)));
          g_assert_true (isnan (dossier_test_scale_min_score (scale, a, 0)));
          g_assert_true (isnan (dossier_test_scale_min_score (scale, a, -1)));
          g_assert_cmpint (level_of (scale, a, expected->min[a]), ==, 0);
          g_assert_cmpint (level_of (scale, a, expected->max[a]), ==, 10);
        }
    }
}

/* Every score the test can give gets the level the table says, not only the edges. */
static void
test_every_score (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (expected_tables); t++)
    {
      const Expected *expected = &expected_tables[t];
      const DossierTestScale *scale = get_scale (expected->kind, expected->scale);

      for (guint a = 0; a < DOSSIER_N_ABILITIES; a++)
        for (double score = expected->min[a]; score <= expected->max[a];
             score += expected->step)
          {
            int want = 0;

            for (int level = 4; level <= 10; level++)
              if (score >= expected->table[level - 4][a])
                want = level;
            g_assert_cmpint (level_of (scale, a, score), ==, want);
          }
    }
}

static void
test_out_of_scale (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (expected_tables); t++)
    {
      const Expected *expected = &expected_tables[t];
      const DossierTestScale *scale = get_scale (expected->kind, expected->scale);

      for (guint a = 0; a < DOSSIER_N_ABILITIES; a++)
        {
          assert_out_of_scale (scale, a, expected->min[a] - expected->step);
          assert_out_of_scale (scale, a, expected->max[a] + expected->step);
          assert_out_of_scale (scale, a, expected->min[a] + expected->step / 2);
          assert_out_of_scale (scale, a, -1);
          assert_out_of_scale (scale, a, NAN);
          assert_out_of_scale (scale, a, INFINITY);
          assert_out_of_scale (scale, a, -INFINITY);
          assert_out_of_scale (scale, a, 1e300);
        }
    }
}

static void
test_out_of_scale_messages (void)
{
  const DossierTestScale *ielts = get_scale ("ielts-gt", NULL);
  const DossierTestScale *tef = get_scale ("tef-canada", "original");
  const DossierTestScale *tcf = get_scale ("tcf-canada", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dossier_test_scale_level (ielts, DOSSIER_ABILITY_WRITING, 9.5, &error),
                   ==, -1);
  g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_OUT_OF_SCALE);
  g_assert_cmpstr (error->message, ==,
                   "IELTS General Training writing scores run from 0 to 9 in steps of 0.5; "
                   "9.5 is not one");
  g_clear_error (&error);

  /* A quarter band is between two steps, though inside the range. */
  g_assert_cmpint (dossier_test_scale_level (ielts, DOSSIER_ABILITY_READING, 5.25, &error),
                   ==, -1);
  g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_OUT_OF_SCALE);
  g_assert_cmpstr (error->message, ==,
                   "IELTS General Training reading scores run from 0 to 9 in steps of 0.5; "
                   "5.25 is not one");
  g_clear_error (&error);

  g_assert_cmpint (dossier_test_scale_level (tef, DOSSIER_ABILITY_READING, 301, &error),
                   ==, -1);
  g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_OUT_OF_SCALE);
  g_assert_cmpstr (error->message, ==,
                   "TEF Canada (original scale) reading scores are whole numbers from 0 to "
                   "300; 301 is not one");
  g_clear_error (&error);

  /* 301 is a valid original-scale listening score: the ranges are per ability. */
  g_assert_cmpint (level_of (tef, DOSSIER_ABILITY_LISTENING, 301), ==, 9);

  g_assert_cmpint (dossier_test_scale_level (tef, DOSSIER_ABILITY_SPEAKING, 352.5, &error),
                   ==, -1);
  g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_OUT_OF_SCALE);
  g_clear_error (&error);

  /* TCF writing is out of 20, reading out of 699. */
  g_assert_cmpint (dossier_test_scale_level (tcf, DOSSIER_ABILITY_WRITING, 21, &error),
                   ==, -1);
  g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_OUT_OF_SCALE);
  g_assert_nonnull (strstr (error->message, "from 0 to 20"));
  g_clear_error (&error);
  g_assert_cmpint (level_of (tcf, DOSSIER_ABILITY_READING, 21), ==, 0);

  /* The score as typed, not as a double prints it. */
  g_assert_cmpint (dossier_test_scale_level (ielts, DOSSIER_ABILITY_WRITING, 5.1, &error),
                   ==, -1);
  g_assert_nonnull (strstr (error->message, "; 5.1 is not one"));
  g_clear_error (&error);

  /* Without a GError the answer is still -1. */
  g_assert_cmpint (dossier_test_scale_level (ielts, DOSSIER_ABILITY_SPEAKING, 4.1, NULL),
                   ==, -1);
}

/* IELTS bands are halves; a score computed in floating point lands on them. */
static void
test_steps (void)
{
  const DossierTestScale *ielts = get_scale ("ielts-gt", NULL);
  const DossierTestScale *pte = get_scale ("pte-core", NULL);

  g_assert_cmpint (level_of (ielts, DOSSIER_ABILITY_READING, 6.5), ==, 8);
  g_assert_cmpint (level_of (ielts, DOSSIER_ABILITY_READING, 0.1 * 65), ==, 8);
  g_assert_cmpint (level_of (ielts, DOSSIER_ABILITY_READING, 6.4999999999), ==, 8);
  assert_out_of_scale (ielts, DOSSIER_ABILITY_READING, 6.49);
  assert_out_of_scale (ielts, DOSSIER_ABILITY_READING, 6.75);
  assert_out_of_scale (ielts, DOSSIER_ABILITY_LISTENING, 0.25);
  assert_out_of_scale (pte, DOSSIER_ABILITY_READING, 60.5);
  assert_out_of_scale (pte, DOSSIER_ABILITY_READING, 9);
  g_assert_cmpint (level_of (pte, DOSSIER_ABILITY_READING, 10), ==, 0);
}

static void
test_rejected (void)
{
  DossierLanguageTables *tables = get_tables ();

  for (guint i = 0; i < G_N_ELEMENTS (rejected_tests); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", rejected_tests[i].kind);
      g_assert_null (dossier_language_tables_lookup (tables, rejected_tests[i].kind, NULL,
                                                     &error));
      g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_REJECTED);
      g_assert_nonnull (strstr (error->message, "is not accepted"));
      g_assert_nonnull (strstr (error->message, rejected_tests[i].reason_word));
    }
}

static void
test_rejected_messages (void)
{
  DossierLanguageTables *tables = get_tables ();
  g_autoptr(GError) error = NULL;

  g_assert_null (dossier_language_tables_lookup (tables, "ielts-academic", NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "IELTS Academic is not accepted: IRCC accepts only the General Training "
                   "version of IELTS.");
  g_clear_error (&error);

  g_assert_null (dossier_language_tables_lookup (tables, "celpip-g-ls", NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "CELPIP-General LS is not accepted: CELPIP-General LS is for citizenship "
                   "applications only; IRCC needs CELPIP-General, which tests all four "
                   "abilities.");
  g_clear_error (&error);

  /* Kinds are matched whatever their case. */
  g_assert_null (dossier_language_tables_lookup (tables, "IELTS-Academic", NULL, &error));
  g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_REJECTED);
}

static void
test_unknown (void)
{
  DossierLanguageTables *tables = get_tables ();
  /* NULL and "" are a profile that does not say; the rest are close to a real name. */
  const char *unknown[] = { "foo", "ielts", "celpip", "tef-canada-2023", "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (dossier_language_tables_lookup (tables, unknown[i], NULL, &error));
      g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_UNKNOWN_TEST);
      g_assert_nonnull (strstr (error->message,
                                "celpip-g, ielts-gt, pte-core, tef-canada, tcf-canada"));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (dossier_language_tables_lookup (tables, "foo", NULL, &error));
    g_assert_cmpstr (error->message, ==,
                     "“foo” is not a designated language test; the designated tests are "
                     "celpip-g, ielts-gt, pte-core, tef-canada, tcf-canada");
  }

  /* The case does not matter for designated tests either. */
  g_assert_true (dossier_language_tables_lookup (tables, "IELTS-GT", NULL, NULL)
                 == get_scale ("ielts-gt", NULL));
}

static void
test_tef_scales (void)
{
  DossierLanguageTables *tables = get_tables ();
  const DossierTestScale *original = get_scale ("tef-canada", "original");
  const DossierTestScale *current = get_scale ("tef-canada", "2023");
  g_autoptr(GError) error = NULL;

  g_assert_true (original != current);
  /* Profiles that do not say are read on the 0-699 scale. */
  g_assert_true (get_scale ("tef-canada", NULL) == current);
  g_assert_true (get_scale ("tef-canada", "") == current);

  /* The same number means different things on the two scales. */
  g_assert_cmpint (level_of (original, DOSSIER_ABILITY_READING, 263), ==, 10);
  g_assert_cmpint (level_of (current, DOSSIER_ABILITY_READING, 263), ==, 0);
  g_assert_cmpint (level_of (current, DOSSIER_ABILITY_READING, 352), ==, 5);
  assert_out_of_scale (original, DOSSIER_ABILITY_READING, 352);
  g_assert_cmpint (level_of (current, DOSSIER_ABILITY_WRITING, 699), ==, 10);
  assert_out_of_scale (current, DOSSIER_ABILITY_WRITING, 700);

  g_assert_cmpstr (dossier_test_scale_get_title (original, "en"), ==,
                   "TEF Canada (original scale)");
  g_assert_cmpstr (dossier_test_scale_get_title (original, "fr"), ==,
                   "TEF Canada (ancienne échelle)");
  g_assert_cmpstr (dossier_test_scale_get_title (current, "en"), ==,
                   "TEF Canada (0-699 scale)");

  /* The new table rests on one third-party source and conflicts with the TEF
   * administrator's advice: it says so. */
  g_assert_null (dossier_test_scale_get_unverified (original));
  g_assert_nonnull (dossier_test_scale_get_unverified (current));
  g_assert_nonnull (strstr (dossier_test_scale_get_unverified (current),
                            "Équivalence ancien score"));

  g_assert_null (dossier_language_tables_lookup (tables, "tef-canada", "2019", &error));
  g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_UNKNOWN_TEST);
  g_assert_nonnull (strstr (error->message, "original, 2023"));
  g_clear_error (&error);

  /* A scale on a test that has one only is a mistake worth saying. */
  g_assert_null (dossier_language_tables_lookup (tables, "celpip-g", "2023", &error));
  g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_UNKNOWN_TEST);
  g_assert_nonnull (strstr (error->message, "single scale"));
}

/* TCF Canada's reading and listening columns differ at NCLC 4-9. */
static void
test_tcf_reading_listening (void)
{
  const DossierTestScale *tcf = get_scale ("tcf-canada", NULL);
  static const struct
  {
    double score;
    int    reading;
    int    listening;
  } cases[] = {
    { 330, 0, 0 },
    { 331, 0, 4 },
    { 341, 0, 4 },
    { 342, 4, 4 },
    { 368, 4, 4 },
    { 369, 4, 5 },
    { 375, 5, 5 },
    { 397, 5, 5 },
    { 398, 5, 6 },
    { 405, 5, 6 },
    { 406, 6, 6 },
    { 452, 6, 6 },
    { 453, 7, 6 },
    { 457, 7, 6 },
    { 458, 7, 7 },
    { 498, 7, 7 },
    { 499, 8, 7 },
    { 502, 8, 7 },
    { 503, 8, 8 },
    { 522, 8, 8 },
    { 523, 8, 9 },
    { 524, 9, 9 },
    { 548, 9, 9 },
    { 549, 10, 10 },
    { 699, 10, 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("TCF %g", cases[i].score);
      g_assert_cmpint (level_of (tcf, DOSSIER_ABILITY_READING, cases[i].score), ==,
                       cases[i].reading);
      g_assert_cmpint (level_of (tcf, DOSSIER_ABILITY_LISTENING, cases[i].score), ==,
                       cases[i].listening);
    }

  /* Writing and speaking are out of 20; NCLC 5 is the single score 6. */
  g_assert_cmpint (level_of (tcf, DOSSIER_ABILITY_WRITING, 5), ==, 4);
  g_assert_cmpint (level_of (tcf, DOSSIER_ABILITY_WRITING, 6), ==, 5);
  g_assert_cmpint (level_of (tcf, DOSSIER_ABILITY_WRITING, 7), ==, 6);
  g_assert_cmpint (level_of (tcf, DOSSIER_ABILITY_SPEAKING, 20), ==, 10);
}

static void
test_format_score (void)
{
  const DossierTestScale *ielts = get_scale ("ielts-gt", NULL);
  const DossierTestScale *tef = get_scale ("tef-canada", NULL);
  const DossierTestScale *pte = get_scale ("pte-core", NULL);
  const DossierTestScale *celpip = get_scale ("celpip-g", NULL);
  const DossierTestScale *tcf = get_scale ("tcf-canada", NULL);
  struct
  {
    const DossierTestScale *scale;
    double                  score;
    const char             *text;
  } cases[] = {
    { ielts, 5, "5.0" },
    { ielts, 6.5, "6.5" },
    { ielts, 0, "0.0" },
    { ielts, 9, "9.0" },
    { tef, 352, "352" },
    { tef, 0, "0" },
    { pte, 90, "90" },
    { celpip, 7, "7" },
    { tcf, 16, "16" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dossier_test_scale_format_score (cases[i].scale,
                                                               cases[i].score);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* The minimum of a level, printed, is what a user would type. */
  {
    double min_score = dossier_test_scale_min_score (ielts, DOSSIER_ABILITY_WRITING, 5);
    g_autofree char *text = dossier_test_scale_format_score (ielts, min_score);

    g_assert_cmpstr (text, ==, "5.0");
  }
}

static void
test_descriptions (void)
{
  struct
  {
    const char *kind;
    const char *en;
    const char *fr;
    gboolean    unverified;
  } cases[] = {
    { "celpip-g", "CELPIP-General", "CELPIP-General", FALSE },
    { "ielts-gt", "IELTS General Training", "IELTS General Training (formation générale)",
      FALSE },
    { "pte-core", "PTE Core", "PTE Core", TRUE },
    { "tcf-canada", "TCF Canada", "TCF Canada", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DossierTestScale *scale = get_scale (cases[i].kind, NULL);
      const char *source = dossier_test_scale_get_source (scale);

      g_assert_cmpstr (dossier_test_scale_get_title (scale, "en"), ==, cases[i].en);
      g_assert_cmpstr (dossier_test_scale_get_title (scale, "fr"), ==, cases[i].fr);
      g_assert_cmpstr (dossier_test_scale_get_title (scale, "fr_CA"), ==, cases[i].fr);
      /* Unknown languages fall back to English. */
      g_assert_cmpstr (dossier_test_scale_get_title (scale, "de"), ==, cases[i].en);
      g_assert_cmpstr (dossier_test_scale_get_title (scale, NULL), ==, cases[i].en);
      g_assert_cmpint (dossier_test_scale_get_unverified (scale) != NULL, ==,
                       cases[i].unverified);
      g_assert_nonnull (source);
      g_assert_nonnull (strstr (source, "["));
    }

  /* The tables cite where they come from, with the grade. */
  g_assert_nonnull (strstr (dossier_test_scale_get_source (get_scale ("celpip-g", NULL)),
                            "van-gate.ca"));
  g_assert_nonnull (strstr (dossier_test_scale_get_source (get_scale ("celpip-g", NULL)),
                            "[official-copy]"));
  g_assert_nonnull (strstr (dossier_test_scale_get_source (get_scale ("pte-core", NULL)),
                            "[third-party]"));
  g_assert_nonnull (strstr (dossier_test_scale_get_unverified (get_scale ("pte-core", NULL)),
                            "CLB 7"));
}

static void
test_abilities (void)
{
  static const char * const names[] = { "reading", "writing", "listening", "speaking" };

  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    {
      DossierAbility ability = DOSSIER_N_ABILITIES;

      g_assert_cmpstr (dossier_ability_get_name (i), ==, names[i]);
      g_assert_true (dossier_ability_from_name (names[i], &ability));
      g_assert_cmpint (ability, ==, i);
      g_assert_nonnull (dossier_ability_get_title (i, "en"));
      g_assert_nonnull (dossier_ability_get_title (i, "fr"));
      g_assert_cmpstr (dossier_ability_get_title (i, "en"), !=,
                       dossier_ability_get_title (i, "fr"));
    }
  g_assert_cmpstr (dossier_ability_get_title (DOSSIER_ABILITY_WRITING, "en"), ==, "Writing");
  g_assert_cmpstr (dossier_ability_get_title (DOSSIER_ABILITY_WRITING, "fr"), ==,
                   "Expression écrite");
  g_assert_false (dossier_ability_from_name ("Reading", NULL));
  g_assert_false (dossier_ability_from_name ("overall", NULL));
  g_assert_false (dossier_ability_from_name (NULL, NULL));
}

/* The engine asks for levels in its innermost loop: a lookup must cost about a
 * microsecond at most, and here it costs a few nanoseconds. */
static void
test_speed (void)
{
  const DossierTestScale *tef = get_scale ("tef-canada", NULL);
  const DossierTestScale *ielts = get_scale ("ielts-gt", NULL);
  const guint n = 1000000;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint64 sum = 0;
  double per_call;

  for (guint i = 0; i < n; i++)
    {
      sum += dossier_test_scale_level (tef, i % DOSSIER_N_ABILITIES, i % 700, NULL);
      sum += dossier_test_scale_level (ielts, i % DOSSIER_N_ABILITIES, (i % 19) * 0.5, NULL);
    }
  per_call = g_timer_elapsed (timer, NULL) / (2.0 * n);
  g_test_message ("%.1f ns per lookup (sum %" G_GUINT64_FORMAT ")", per_call * 1e9, sum);
  g_assert_cmpfloat (per_call, <, 1e-6);
}

/* Loading tables that are wrong */

static char *
write_temp (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("dossier-language-XXXXXX.xml", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* The shipped file with one piece of text replaced. */
static char *
shipped_with (const char *old_text,
              const char *new_text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "language",
                                            "tests.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) changed = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  changed = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (changed, old_text, new_text, 1), ==, 1);
  return write_temp (changed->str);
}

static void
assert_load_fails (const char *path,
                   const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierLanguageTables) tables = dossier_language_tables_load (path, &error);

  g_assert_null (tables);
  g_assert_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_DATA);
  g_test_message ("%s", error->message);
  if (message_part != NULL)
    g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_load_bad (void)
{
  static const struct
  {
    const char *old_text;
    const char *new_text;
    const char *message_part;
  } cases[] = {
    /* Minimums that do not rise with the level (IELTS reading 5 and 4 swapped). */
    { "reading=\"5.0\" writing=\"5.5\"", "reading=\"3.0\" writing=\"5.5\"", "not above" },
    /* A minimum off the scale. */
    { "reading=\"263\"", "reading=\"301\"", "not a score" },
    /* A minimum between two steps. */
    { "reading=\"8.0\" writing=\"7.5\"", "reading=\"8.25\" writing=\"7.5\"", "not a score" },
    /* A level twice. */
    { "<row level=\"9\" reading=\"9\"", "<row level=\"10\" reading=\"9\"", "two rows" },
    /* A source nobody declares. */
    { "source=\"ircc-equivalency-charts tef-original-gbpei\"",
      "source=\"ircc-equivalency-charts nowhere\"", "no <source> has the id \"nowhere\"" },
    /* A kind both designated and rejected. */
    { "<rejected kind=\"ielts-academic\"", "<rejected kind=\"ielts-gt\"", "listed twice" },
    /* A default scale that does not exist. */
    { "default-scale=\"2023\"", "default-scale=\"2024\"", "no scale called" },
    /* Not the schema: an unknown framework. */
    { "framework=\"CLB\"", "framework=\"CEFR\"", NULL },
    /* Not the schema: an ability missing. */
    { "<range ability=\"speaking\" min=\"0\" max=\"12\" step=\"1\"/>", "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = shipped_with (cases[i].old_text, cases[i].new_text);

      assert_load_fails (path, cases[i].message_part);
      g_unlink (path);
    }

  {
    g_autofree char *path = write_temp ("<language-tests");

    assert_load_fails (path, NULL);
    g_unlink (path);
  }
  {
    g_autofree char *path = write_temp ("<?xml version=\"1.0\"?>\n"
                                        "<!DOCTYPE x [<!ENTITY e SYSTEM \"/etc/passwd\">]>\n"
                                        "<language-tests>&e;</language-tests>\n");

    assert_load_fails (path, NULL);
    g_unlink (path);
  }
  assert_load_fails ("/nonexistent/dossier/tests.xml", NULL);
}

/* The shipped file itself loads on its own too, and a second copy is independent. */
static void
test_load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "language",
                                            "tests.xml", NULL);
  g_autoptr(DossierLanguageTables) tables = dossier_language_tables_load (path, &error);
  const DossierTestScale *scale;

  g_assert_no_error (error);
  g_assert_nonnull (tables);
  g_assert_true (tables != get_tables ());
  scale = dossier_language_tables_lookup (tables, "pte-core", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (level_of (scale, DOSSIER_ABILITY_LISTENING, 60), ==, 7);
}

/* dossier-cli clb */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

static gboolean
run_cli (CliResult  *result,
         const char *first_arg,
         ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("DOSSIER_CLI");
  const char *arg;
  int wait_status = 0;
  va_list args;

  if (cli == NULL)
    {
      g_test_skip ("DOSSIER_CLI is not set");
      return FALSE;
    }

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "clb");
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", result->status, result->out,
                  result->err);
  return TRUE;
}

/* Exit 2 with one line on stderr, and nothing on stdout. */
static void
assert_cli_usage_error (const CliResult *result,
                        const char      *message_part)
{
  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_str_has_prefix (result->err, "dossier-cli: "));
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  g_assert_true (strchr (result->err, '\n') == result->err + strlen (result->err) - 1);
  g_assert_nonnull (strstr (result->err, message_part));
}

static void
test_cli_valid (void)
{
  g_auto(CliResult) result = { 0, };

  if (!run_cli (&result, "--test", "celpip-g", "--reading", "5", "--writing", "5",
                "--listening", "6", "--speaking", "6", NULL))
    return;
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==,
                   "reading\t5\nwriting\t5\nlistening\t6\nspeaking\t6\noverall\t5\n");
  g_assert_cmpstr (result.err, ==, "");
}

static void
test_cli_overall_lowest (void)
{
  g_auto(CliResult) ielts = { 0, };
  g_auto(CliResult) below = { 0, };
  g_auto(CliResult) tef = { 0, };

  if (!run_cli (&ielts, "--test", "ielts-gt", "--reading", "6.5", "--writing", "5.5",
                "--listening", "8", "--speaking", "7.0", NULL))
    return;
  g_assert_cmpint (ielts.status, ==, 0);
  g_assert_cmpstr (ielts.out, ==,
                   "reading\t8\nwriting\t6\nlistening\t9\nspeaking\t9\noverall\t6\n");

  /* One ability below CLB 4 makes the whole 0. */
  run_cli (&below, "--test", "pte-core", "--reading", "90", "--writing", "90",
           "--listening", "27", "--speaking", "90", NULL);
  g_assert_cmpint (below.status, ==, 0);
  g_assert_cmpstr (below.out, ==,
                   "reading\t10\nwriting\t10\nlistening\t0\nspeaking\t10\noverall\t0\n");
  /* PTE Core's table is unverified: said on stderr, stdout unchanged. */
  g_assert_nonnull (strstr (below.err, "not verified"));

  run_cli (&tef, "--test", "tef-canada", "--scale", "original", "--reading", "207",
           "--writing", "393", "--listening", "248", "--speaking", "310", NULL);
  g_assert_cmpint (tef.status, ==, 0);
  g_assert_cmpstr (tef.out, ==,
                   "reading\t7\nwriting\t10\nlistening\t6\nspeaking\t7\noverall\t6\n");
  g_assert_cmpstr (tef.err, ==, "");
}

static void
test_cli_tef_default_scale (void)
{
  g_auto(CliResult) result = { 0, };

  if (!run_cli (&result, "--test", "tef-canada", "--reading", "352", "--writing", "330",
                "--listening", "352", "--speaking", "387", NULL))
    return;
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==,
                   "reading\t5\nwriting\t5\nlistening\t5\nspeaking\t5\noverall\t5\n");
  g_assert_nonnull (strstr (result.err, "Équivalence ancien score"));
}

static void
test_cli_out_of_scale (void)
{
  g_auto(CliResult) result = { 0, };
  g_auto(CliResult) step = { 0, };
  g_auto(CliResult) tef = { 0, };

  if (!run_cli (&result, "--test", "ielts-gt", "--reading", "6", "--writing", "9.5",
                "--listening", "6", "--speaking", "6", NULL))
    return;
  assert_cli_usage_error (&result,
                          "IELTS General Training writing scores run from 0 to 9 in steps "
                          "of 0.5; 9.5 is not one");

  run_cli (&step, "--test", "ielts-gt", "--reading", "5.25", "--writing", "6",
           "--listening", "6", "--speaking", "6", NULL);
  assert_cli_usage_error (&step, "5.25 is not one");

  /* 352 is a 0-699 score, not an original-scale reading score. */
  run_cli (&tef, "--test", "tef-canada", "--scale", "original", "--reading", "352",
           "--writing", "330", "--listening", "352", "--speaking", "387", NULL);
  assert_cli_usage_error (&tef, "from 0 to 300");
}

static void
test_cli_rejected (void)
{
  g_auto(CliResult) result = { 0, };
  g_auto(CliResult) unknown = { 0, };

  if (!run_cli (&result, "--test", "ielts-academic", "--reading", "6", "--writing", "6",
                "--listening", "6", "--speaking", "6", NULL))
    return;
  assert_cli_usage_error (&result,
                          "IELTS Academic is not accepted: IRCC accepts only the General "
                          "Training version of IELTS.");

  run_cli (&unknown, "--test", "toeic", "--reading", "6", "--writing", "6",
           "--listening", "6", "--speaking", "6", NULL);
  assert_cli_usage_error (&unknown, "celpip-g, ielts-gt, pte-core, tef-canada, tcf-canada");
}

static void
test_cli_usage (void)
{
  g_auto(CliResult) missing = { 0, };
  g_auto(CliResult) no_test = { 0, };
  g_auto(CliResult) not_number = { 0, };
  g_auto(CliResult) bad_option = { 0, };
  g_auto(CliResult) extra = { 0, };
  g_auto(CliResult) bad_scale = { 0, };

  if (!run_cli (&missing, "--test", "celpip-g", "--reading", "5", "--writing", "5",
                "--listening", "6", NULL))
    return;
  assert_cli_usage_error (&missing, "--speaking is missing");

  run_cli (&no_test, "--reading", "5", "--writing", "5", "--listening", "6",
           "--speaking", "6", NULL);
  assert_cli_usage_error (&no_test, "--test is missing");

  run_cli (&not_number, "--test", "celpip-g", "--reading", "five", "--writing", "5",
           "--listening", "6", "--speaking", "6", NULL);
  assert_cli_usage_error (&not_number, "“five” is not a number");

  run_cli (&bad_option, "--test", "celpip-g", "--color", NULL);
  assert_cli_usage_error (&bad_option, "--help");

  run_cli (&extra, "--test", "celpip-g", "--reading", "5", "--writing", "5",
           "--listening", "6", "--speaking", "6", "profile.dossier", NULL);
  assert_cli_usage_error (&extra, "profile.dossier");

  run_cli (&bad_scale, "--test", "tef-canada", "--scale", "2019", "--reading", "5",
           "--writing", "5", "--listening", "6", "--speaking", "6", NULL);
  assert_cli_usage_error (&bad_scale, "original, 2023");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/language/default/threads", test_default_threads);
  g_test_add_func ("/language/tables/boundaries", test_boundaries);
  g_test_add_func ("/language/tables/every-score", test_every_score);
  g_test_add_func ("/language/tables/out-of-scale", test_out_of_scale);
  g_test_add_func ("/language/tables/out-of-scale-messages", test_out_of_scale_messages);
  g_test_add_func ("/language/tables/steps", test_steps);
  g_test_add_func ("/language/tables/tef-scales", test_tef_scales);
  g_test_add_func ("/language/tables/tcf-reading-listening", test_tcf_reading_listening);
  g_test_add_func ("/language/tables/format-score", test_format_score);
  g_test_add_func ("/language/tables/descriptions", test_descriptions);
  g_test_add_func ("/language/tables/speed", test_speed);
  g_test_add_func ("/language/lookup/rejected", test_rejected);
  g_test_add_func ("/language/lookup/rejected-messages", test_rejected_messages);
  g_test_add_func ("/language/lookup/unknown", test_unknown);
  g_test_add_func ("/language/abilities/names", test_abilities);
  g_test_add_func ("/language/load/shipped", test_load_shipped);
  g_test_add_func ("/language/load/bad", test_load_bad);
  g_test_add_func ("/language/cli/valid", test_cli_valid);
  g_test_add_func ("/language/cli/overall-lowest", test_cli_overall_lowest);
  g_test_add_func ("/language/cli/tef-default-scale", test_cli_tef_default_scale);
  g_test_add_func ("/language/cli/out-of-scale", test_cli_out_of_scale);
  g_test_add_func ("/language/cli/rejected", test_cli_rejected);
  g_test_add_func ("/language/cli/usage", test_cli_usage);

  return g_test_run ();
}
