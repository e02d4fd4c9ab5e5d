/* test-experience.c: counting work experience
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dossier-experience.h"

static const char * const child_care_nocs[] = { "44100", "42202", NULL };

static DossierDay
day (const char *iso8601)
{
  DossierDay d;

  g_assert_true (dossier_day_parse (iso8601, &d));
  return d;
}

/* A full-time, authorized, Canadian job in a private home; tests change what they need.
 * end NULL makes it ongoing, start NULL leaves the start unknown. */
static DossierJob *
add_job (DossierRecords *records,
         const char     *noc,
         const char     *start,
         const char     *end,
         double          hours)
{
  DossierJob *job = g_new0 (DossierJob, 1);
  g_autofree char *id = g_strdup_printf ("j%u", records->jobs->len + 1);
  g_autofree char *path = g_strdup_printf ("/dossier/work-history/job[%u]",
                                           records->jobs->len + 1);

  job->id = g_string_chunk_insert (records->strings, id);
  job->noc = noc ? g_string_chunk_insert (records->strings, noc) : NULL;
  job->country = g_string_chunk_insert (records->strings, "CA");
  job->setting = g_string_chunk_insert (records->strings, "private-home");
  job->start = start ? day (start) : DOSSIER_DAY_UNKNOWN;
  job->end = end ? day (end) : DOSSIER_DAY_UNKNOWN;
  job->ongoing = end == NULL;
  job->hours_per_week = hours;
  job->authorized = DOSSIER_ANSWER_YES;
  job->full_time_student = DOSSIER_ANSWER_NO;
  job->origin.path = g_string_chunk_insert (records->strings, path);
  job->origin.line = 10 * (records->jobs->len + 1);
  g_ptr_array_add (records->jobs, job);
  return job;
}

/* The HCWIP reading: 30 h/week, both child-care NOCs combined, a wide window. */
static DossierExperienceQuery
base_query (void)
{
  return (DossierExperienceQuery) {
    .nocs = child_care_nocs,
    .window_first = day ("2022-01-01"),
    .window_last = day ("2025-12-31"),
    .min_hours_per_week = 30,
    .combine_nocs = TRUE,
    .continuous = TRUE,
  };
}

static const DossierExperienceNote *
find_note (const DossierExperienceResult *result,
           const char                    *job_id,
           const char                    *field_suffix)
{
  for (guint i = 0; i < result->notes->len; i++)
    {
      const DossierExperienceNote *note = g_ptr_array_index (result->notes, i);

      if (g_strcmp0 (note->job_id, job_id) == 0
          && note->field != NULL && g_str_has_suffix (note->field, field_suffix))
        return note;
    }
  return NULL;
}

static void
assert_figure (const DossierExperienceFigure *figure,
               int                            continuous_months,
               int                            cumulative_months)
{
  g_assert_cmpint (figure->continuous_months, ==, continuous_months);
  g_assert_cmpint (figure->cumulative_months, ==, cumulative_months);
}

/* Both figures, when nothing is unknown. */
static void
assert_both (const DossierExperienceResult *result,
             int                            continuous_months,
             int                            cumulative_months)
{
  assert_figure (&result->known, continuous_months, cumulative_months);
  assert_figure (&result->possible, continuous_months, cumulative_months);
}

static void
compute (const DossierRecords         *records,
         const DossierExperienceQuery *query,
         DossierExperienceResult      *result)
{
  dossier_experience_result_clear (result);
  dossier_experience_compute (records, query, result);
  g_assert_nonnull (result->notes);
  /* Counting NOCs apart, known and possible may pick different NOCs on one figure. */
  if (query->combine_nocs || query->continuous)
    g_assert_cmpint (result->known.continuous_months, <=, result->possible.continuous_months);
  if (query->combine_nocs || !query->continuous)
    g_assert_cmpint (result->known.cumulative_months, <=, result->possible.cumulative_months);
  if (query->combine_nocs)
    g_assert_cmpint (result->known.cumulative_days, <=, result->possible.cumulative_days);
}

static void
test_exactly_six_months (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  DossierJob *job = add_job (records, "44100", "2024-01-15", "2024-07-14", 40);

  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  g_assert_cmpuint (result.known.continuous_first, ==, day ("2024-01-15"));
  g_assert_cmpuint (result.known.continuous_last, ==, day ("2024-07-14"));
  g_assert_cmpint (result.known.cumulative_days, ==, 182);
  g_assert_cmpuint (result.notes->len, ==, 0);
  g_assert_null (result.known.noc);

  job->end = day ("2024-07-13");
  compute (records, &query, &result);
  assert_both (&result, 5, 5);
  g_assert_cmpint (result.known.cumulative_days, ==, 181);

  dossier_experience_result_clear (&result);
  g_assert_null (result.notes);
}

/* Adding a month to the 31st lands on the month's last day, so a run from 31 January
 * is a whole month on the day before that. */
static void
test_month_end_clamping (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  DossierJob *job = add_job (records, "44100", "2023-01-31", "2023-07-30", 40);

  compute (records, &query, &result);
  assert_both (&result, 6, 6);

  job->end = day ("2023-07-29");
  compute (records, &query, &result);
  assert_both (&result, 5, 5);

  job->end = day ("2023-02-27");
  compute (records, &query, &result);
  assert_both (&result, 1, 1);

  job->end = day ("2023-02-26");
  compute (records, &query, &result);
  assert_both (&result, 0, 0);
  g_assert_cmpint (result.known.cumulative_days, ==, 27);

  dossier_experience_result_clear (&result);
}

static void
test_leap_years (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  DossierJob *job = add_job (records, "44100", "2024-02-29", "2024-08-28", 40);

  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  job->end = day ("2024-08-27");
  compute (records, &query, &result);
  assert_both (&result, 5, 5);

  /* 29 August + 6 months is 29 February in a leap year. */
  job->start = day ("2023-08-29");
  job->end = day ("2024-02-28");
  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  job->end = day ("2024-02-27");
  compute (records, &query, &result);
  assert_both (&result, 5, 5);

  job->start = day ("2024-01-01");
  job->end = day ("2024-12-31");
  compute (records, &query, &result);
  assert_both (&result, 12, 12);
  g_assert_cmpint (result.known.cumulative_days, ==, 366);

  dossier_experience_result_clear (&result);
}

static void
test_concurrent_part_time (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  DossierJob *second;

  add_job (records, "44100", "2024-01-01", "2024-06-30", 20);
  second = add_job (records, "42202", "2024-01-01", "2024-06-30", 15);
  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  g_assert_cmpint (result.known.cumulative_days, ==, 182);
  g_assert_cmpuint (result.notes->len, ==, 0);

  second->hours_per_week = 5;
  compute (records, &query, &result);
  assert_both (&result, 0, 0);
  g_assert_cmpint (result.known.cumulative_days, ==, 0);
  g_assert_nonnull (find_note (&result, "j1", "/hours-per-week"));
  g_assert_nonnull (find_note (&result, "j2", "/hours-per-week"));

  /* Only the months the two jobs share reach 30 hours. */
  second->hours_per_week = 15;
  second->start = day ("2024-02-01");
  second->end = day ("2024-04-30");
  compute (records, &query, &result);
  assert_both (&result, 3, 3);
  g_assert_cmpuint (result.known.continuous_first, ==, day ("2024-02-01"));
  g_assert_cmpuint (result.known.continuous_last, ==, day ("2024-04-30"));
  g_assert_nonnull (find_note (&result, "j1", "/hours-per-week"));
  g_assert_null (find_note (&result, "j2", "/hours-per-week"));

  /* Decimal hours must not miss the threshold by a rounding error. */
  ((DossierJob *) g_ptr_array_index (records->jobs, 0))->hours_per_week = 20.1;
  second->hours_per_week = 9.9;
  compute (records, &query, &result);
  assert_both (&result, 3, 3);

  dossier_experience_result_clear (&result);
}

static void
test_gap_and_job_change (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  DossierJob *second;

  add_job (records, "44100", "2024-01-01", "2024-03-31", 40);
  second = add_job (records, "44100", "2024-04-01", "2024-07-31", 35);

  /* Changing jobs from one day to the next keeps continuity. */
  compute (records, &query, &result);
  assert_both (&result, 7, 7);
  g_assert_cmpuint (result.known.continuous_first, ==, day ("2024-01-01"));
  g_assert_cmpuint (result.known.continuous_last, ==, day ("2024-07-31"));

  /* One day without work breaks it: 3 months, then 2 April..31 July is 3 months and
   * 30 days, and 30 leftover days are not a pooled month. */
  second->start = day ("2024-04-02");
  compute (records, &query, &result);
  assert_both (&result, 3, 6);
  g_assert_cmpuint (result.known.continuous_first, ==, day ("2024-04-02"));
  g_assert_cmpint (result.known.cumulative_days, ==, 91 + 121);

  /* Leftovers of several runs are pooled: 15 + 16 days make one month. */
  g_ptr_array_set_size (records->jobs, 0);
  add_job (records, "44100", "2024-01-01", "2024-02-15", 40);   /* 1 month + 15 days */
  add_job (records, "44100", "2024-03-01", "2024-04-16", 40);   /* 1 month + 16 days */
  compute (records, &query, &result);
  assert_both (&result, 1, 3);
  g_assert_cmpint (result.known.cumulative_days, ==, 46 + 47);

  dossier_experience_result_clear (&result);
}

static void
test_window_edges (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  const DossierExperienceNote *note;

  /* As the rule engine sets it: three years before 2025-06-01, up to the day before. */
  query.window_first = day ("2022-06-01");
  query.window_last = day ("2025-05-31");

  add_job (records, "44100", "2021-01-01", "2022-11-30", 40);
  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  g_assert_cmpuint (result.known.continuous_first, ==, day ("2022-06-01"));
  note = find_note (&result, "j1", "/start");
  g_assert_nonnull (note);
  g_assert_cmpstr (note->field, ==, "/dossier/work-history/job[1]/start");
  g_assert_cmpuint (note->line, ==, 10);
  g_assert_nonnull (strstr (note->reason, "2022-06-01"));

  /* Entirely before the window. */
  ((DossierJob *) g_ptr_array_index (records->jobs, 0))->end = day ("2022-05-31");
  compute (records, &query, &result);
  assert_both (&result, 0, 0);
  g_assert_nonnull (find_note (&result, "j1", "/end"));

  /* Work after the window's last day does not count either. */
  g_ptr_array_set_size (records->jobs, 0);
  add_job (records, "44100", "2024-12-01", "2025-12-31", 40);
  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  g_assert_cmpuint (result.known.continuous_last, ==, day ("2025-05-31"));
  g_assert_nonnull (find_note (&result, "j1", "/end"));

  add_job (records, "44100", "2025-06-01", NULL, 40);
  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  g_assert_nonnull (find_note (&result, "j2", "/start"));

  dossier_experience_result_clear (&result);
}

static void
test_age_cut_off (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  const DossierExperienceNote *note;

  query.min_age = 18;
  records->applicant.birth_date = day ("2006-03-10");
  add_job (records, "44100", "2024-01-01", "2024-09-09", 40);
  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  g_assert_cmpuint (result.known.continuous_first, ==, day ("2024-03-10"));
  g_assert_nonnull (find_note (&result, "j1", "/start"));

  /* A 29 February birthday is reached on 28 February in common years. */
  records->applicant.birth_date = day ("2004-02-29");
  ((DossierJob *) g_ptr_array_index (records->jobs, 0))->start = day ("2022-01-01");
  compute (records, &query, &result);
  g_assert_cmpuint (result.known.continuous_first, ==, day ("2022-02-28"));
  ((DossierJob *) g_ptr_array_index (records->jobs, 0))->start = day ("2024-01-01");

  /* Without a date of birth no day is proven to be after it. */
  records->applicant.birth_date = DOSSIER_DAY_UNKNOWN;
  compute (records, &query, &result);
  assert_figure (&result.known, 0, 0);
  assert_figure (&result.possible, 8, 8);
  note = find_note (&result, NULL, "/birth-date");
  g_assert_nonnull (note);
  g_assert_cmpstr (note->field, ==, "/dossier/applicant/birth-date");

  dossier_experience_result_clear (&result);
}

static void
test_full_time_student (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  DossierJob *job = add_job (records, "44100", "2024-01-01", "2024-06-30", 40);

  job->full_time_student = DOSSIER_ANSWER_YES;
  compute (records, &query, &result);
  assert_both (&result, 6, 6);

  query.exclude_full_time_student = TRUE;
  compute (records, &query, &result);
  assert_both (&result, 0, 0);
  g_assert_nonnull (find_note (&result, "j1", "/full-time-student"));

  job->full_time_student = DOSSIER_ANSWER_UNSET;
  compute (records, &query, &result);
  assert_figure (&result.known, 0, 0);
  assert_figure (&result.possible, 6, 6);
  g_assert_nonnull (find_note (&result, "j1", "/full-time-student"));

  dossier_experience_result_clear (&result);
}

static void
test_authorization (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  DossierJob *job = add_job (records, "44100", "2024-01-01", "2024-06-30", 40);

  query.require_authorized = TRUE;
  job->authorized = DOSSIER_ANSWER_NO;
  compute (records, &query, &result);
  assert_both (&result, 0, 0);
  g_assert_nonnull (find_note (&result, "j1", "/authorized"));

  job->authorized = DOSSIER_ANSWER_UNSET;
  compute (records, &query, &result);
  assert_figure (&result.known, 0, 0);
  assert_figure (&result.possible, 6, 6);
  g_assert_nonnull (find_note (&result, "j1", "/authorized"));

  /* Authorization is about work in Canada: abroad it does not matter... */
  job->authorized = DOSSIER_ANSWER_NO;
  job->country = g_string_chunk_insert (records->strings, "PH");
  compute (records, &query, &result);
  assert_both (&result, 6, 6);

  /* ...so with the country unknown, unauthorized work may still count. */
  job->country = NULL;
  compute (records, &query, &result);
  assert_figure (&result.known, 0, 0);
  assert_figure (&result.possible, 6, 6);
  g_assert_nonnull (find_note (&result, "j1", "/country"));

  job->authorized = DOSSIER_ANSWER_YES;
  compute (records, &query, &result);
  assert_both (&result, 6, 6);

  dossier_experience_result_clear (&result);
}

static void
test_canadian_only (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  DossierJob *abroad = add_job (records, "44100", "2024-01-01", "2024-06-30", 40);

  abroad->country = g_string_chunk_insert (records->strings, "PH");
  add_job (records, "44100", "2024-07-01", "2024-09-30", 40);
  compute (records, &query, &result);
  assert_both (&result, 9, 9);

  query.canadian_only = TRUE;
  compute (records, &query, &result);
  assert_both (&result, 3, 3);
  g_assert_nonnull (find_note (&result, "j1", "/country"));
  g_assert_null (find_note (&result, "j2", "/country"));

  abroad->country = NULL;
  compute (records, &query, &result);
  assert_figure (&result.known, 3, 3);
  assert_figure (&result.possible, 9, 9);

  dossier_experience_result_clear (&result);
}

static void
test_noc_and_setting_filter (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  static const char * const settings[] = { "private-home", NULL };
  DossierJob *other = add_job (records, "44101", "2024-01-01", "2024-06-30", 40);
  const DossierExperienceNote *note;

  compute (records, &query, &result);
  assert_both (&result, 0, 0);
  note = find_note (&result, "j1", "/noc");
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note->reason, "44101"));

  /* Without a NOC the job might be in the list. */
  other->noc = NULL;
  compute (records, &query, &result);
  assert_figure (&result.known, 0, 0);
  assert_figure (&result.possible, 6, 6);

  /* With every NOC accepted and combined, the NOC does not matter. */
  query.nocs = NULL;
  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  query.nocs = child_care_nocs;

  other->noc = g_string_chunk_insert (records->strings, "44100");
  query.settings = settings;
  other->setting = g_string_chunk_insert (records->strings, "institution");
  compute (records, &query, &result);
  assert_both (&result, 0, 0);
  g_assert_nonnull (find_note (&result, "j1", "/setting"));
  other->setting = NULL;
  compute (records, &query, &result);
  assert_figure (&result.known, 0, 0);
  assert_figure (&result.possible, 6, 6);

  dossier_experience_result_clear (&result);
}

static void
test_separate_nocs (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  const DossierExperienceNote *note;

  /* 44100: two runs of 4 months; 42202: one run of 6 months, in between. */
  add_job (records, "44100", "2023-01-01", "2023-04-30", 40);
  add_job (records, "42202", "2023-05-01", "2023-10-31", 40);
  add_job (records, "44100", "2023-11-01", "2024-02-29", 40);

  compute (records, &query, &result);
  assert_both (&result, 14, 14);
  g_assert_null (result.known.noc);

  query.combine_nocs = FALSE;
  query.continuous = FALSE;
  compute (records, &query, &result);
  assert_both (&result, 4, 8);
  g_assert_cmpstr (result.known.noc, ==, "44100");
  g_assert_cmpstr (result.possible.noc, ==, "44100");
  note = find_note (&result, "j2", "/noc");
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note->reason, "44100"));
  g_assert_null (find_note (&result, "j1", "/noc"));

  query.continuous = TRUE;
  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  g_assert_cmpstr (result.known.noc, ==, "42202");
  g_assert_nonnull (find_note (&result, "j1", "/noc"));
  g_assert_nonnull (find_note (&result, "j3", "/noc"));

  /* A job without a NOC may join the best one in the possible figure only. */
  g_ptr_array_set_size (records->jobs, 0);
  add_job (records, "44100", "2024-01-01", "2024-04-30", 40);
  add_job (records, NULL, "2024-05-01", "2024-07-31", 40);
  compute (records, &query, &result);
  assert_figure (&result.known, 4, 4);
  assert_figure (&result.possible, 7, 7);
  g_assert_cmpstr (result.known.noc, ==, "44100");
  g_assert_cmpstr (result.possible.noc, ==, "44100");

  /* Alone, it could be either NOC of the list. */
  g_ptr_array_remove_index (records->jobs, 0);
  compute (records, &query, &result);
  assert_figure (&result.known, 0, 0);
  assert_figure (&result.possible, 3, 3);
  g_assert_null (result.known.noc);
  g_assert_nonnull (result.possible.noc);

  dossier_experience_result_clear (&result);
}

static void
test_ongoing (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };

  query.window_last = day ("2025-08-31");
  add_job (records, "44100", "2025-01-01", NULL, 40);
  compute (records, &query, &result);
  assert_both (&result, 8, 8);
  g_assert_cmpuint (result.known.continuous_last, ==, day ("2025-08-31"));
  g_assert_cmpuint (result.notes->len, ==, 0);

  dossier_experience_result_clear (&result);
}

static void
test_missing_values (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  DossierJob *job = add_job (records, "44100", "2024-01-01", "2024-06-30", NAN);
  const DossierExperienceNote *note;

  compute (records, &query, &result);
  assert_figure (&result.known, 0, 0);
  assert_figure (&result.possible, 6, 6);
  note = find_note (&result, "j1", "/hours-per-week");
  g_assert_nonnull (note);
  g_assert_cmpstr (note->field, ==, "/dossier/work-history/job[1]/hours-per-week");
  g_assert_cmpstr (note->reason, ==, "hours per week not given");

  /* A start date not given might be as early as the window allows. */
  job->hours_per_week = 40;
  job->start = DOSSIER_DAY_UNKNOWN;
  query.window_first = day ("2023-01-01");
  compute (records, &query, &result);
  assert_figure (&result.known, 0, 0);
  assert_figure (&result.possible, 18, 18);
  g_assert_nonnull (find_note (&result, "j1", "/start"));

  /* An end date not given on a job that is not ongoing might be the window's end. */
  job->start = day ("2024-01-01");
  job->end = DOSSIER_DAY_UNKNOWN;
  job->ongoing = FALSE;
  query.window_last = day ("2024-12-31");
  compute (records, &query, &result);
  assert_figure (&result.known, 0, 0);
  assert_figure (&result.possible, 12, 12);
  g_assert_nonnull (find_note (&result, "j1", "/end"));

  /* Dates the wrong way round rule the job out. */
  job->end = day ("2023-12-31");
  compute (records, &query, &result);
  assert_both (&result, 0, 0);
  g_assert_nonnull (find_note (&result, "j1", "/end"));

  dossier_experience_result_clear (&result);
}

static void
test_overlapping_duplicates (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };

  add_job (records, "44100", "2024-01-01", "2024-06-30", 40);
  add_job (records, "44100", "2024-01-01", "2024-06-30", 40);
  compute (records, &query, &result);
  assert_both (&result, 6, 6);
  g_assert_cmpint (result.known.cumulative_days, ==, 182);

  add_job (records, "44100", "2024-05-01", "2024-09-30", 40);
  compute (records, &query, &result);
  assert_both (&result, 9, 9);
  g_assert_cmpint (result.known.cumulative_days, ==, 274);

  dossier_experience_result_clear (&result);
}

static void
test_no_jobs (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };

  compute (records, &query, &result);
  assert_both (&result, 0, 0);
  g_assert_cmpuint (result.known.continuous_first, ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (result.notes->len, ==, 0);

  query.combine_nocs = FALSE;
  compute (records, &query, &result);
  assert_both (&result, 0, 0);

  dossier_experience_result_clear (&result);
}

/* The counting definitions, checked one day at a time against random profiles. */
static void
reference_count (const DossierRecords         *records,
                 const DossierExperienceQuery *query,
                 const char                   *noc,
                 int                          *continuous_months,
                 int                          *cumulative_months,
                 int                          *cumulative_days)
{
  int best = 0, whole = 0, leftover = 0, days = 0;
  DossierDay run_first = DOSSIER_DAY_UNKNOWN;

  for (DossierDay d = query->window_first; d <= query->window_last + 1; d++)
    {
      double hours = 0;
      guint active = 0;
      gboolean qualifies;

      for (guint i = 0; d <= query->window_last && i < records->jobs->len; i++)
        {
          const DossierJob *job = g_ptr_array_index (records->jobs, i);
          DossierDay last = job->ongoing ? query->window_last : job->end;

          if (job->start <= d && d <= last && g_strv_contains (query->nocs, job->noc)
              && (noc == NULL || strcmp (noc, job->noc) == 0))
            {
              hours += job->hours_per_week;
              active++;
            }
        }
      qualifies = active > 0 && hours >= query->min_hours_per_week;
      if (qualifies)
        {
          days++;
          if (run_first == DOSSIER_DAY_UNKNOWN)
            run_first = d;
        }
      else if (run_first != DOSSIER_DAY_UNKNOWN)
        {
          int months = dossier_day_whole_months (run_first, d - 1);

          best = MAX (best, months);
          whole += months;
          leftover += d - dossier_day_add_months (run_first, months);
          run_first = DOSSIER_DAY_UNKNOWN;
        }
    }
  *continuous_months = best;
  *cumulative_months = whole + leftover / 31;
  *cumulative_days = days;
}

static void
test_random_against_reference (void)
{
  static const char * const nocs[] = { "44100", "42202", "44101", NULL };
  static const double hours[] = { 10, 15, 20, 30, 40 };
  DossierDay base = day ("2021-01-01");
  /* A fixed seed: a failure must be reproducible from the log alone. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(DossierRecords) records = dossier_records_new ();
      DossierExperienceQuery query = base_query ();
      DossierExperienceResult result = { 0 };
      guint n_jobs = g_rand_int_range (rand, 0, 12);
      int cont, cum, days, best_cum = 0, best_days = 0;

      query.window_first = dossier_day_add_days (base, g_rand_int_range (rand, 0, 400));
      query.window_last = dossier_day_add_days (query.window_first,
                                                g_rand_int_range (rand, 200, 1100));
      for (guint i = 0; i < n_jobs; i++)
        {
          DossierDay start = dossier_day_add_days (base, g_rand_int_range (rand, 0, 1500));
          g_autofree char *start_text = dossier_day_format (start);
          g_autofree char *end_text =
            dossier_day_format (dossier_day_add_days (start, g_rand_int_range (rand, 0, 400)));

          add_job (records, nocs[g_rand_int_range (rand, 0, 3)], start_text,
                   g_rand_int_range (rand, 0, 8) == 0 ? NULL : end_text,
                   hours[g_rand_int_range (rand, 0, G_N_ELEMENTS (hours))]);
        }

      compute (records, &query, &result);
      reference_count (records, &query, NULL, &cont, &cum, &days);
      assert_both (&result, cont, cum);
      g_assert_cmpint (result.known.cumulative_days, ==, days);

      query.combine_nocs = FALSE;
      query.continuous = FALSE;
      compute (records, &query, &result);
      for (guint i = 0; child_care_nocs[i] != NULL; i++)
        {
          reference_count (records, &query, child_care_nocs[i], &cont, &cum, &days);
          if (cum > best_cum || (cum == best_cum && days > best_days))
            {
              best_cum = cum;
              best_days = days;
            }
        }
      g_assert_cmpint (result.known.cumulative_months, ==, best_cum);
      g_assert_cmpint (result.known.cumulative_days, ==, best_days);

      dossier_experience_result_clear (&result);
    }
}

/* Whatever a missing value turns out to be, the figure lies between known and possible. */
static void
test_random_missing_values (void)
{
  static const char * const nocs[] = { "44100", "42202", "44101", NULL };
  static const double hours[] = { 10, 15, 20, 30, 40 };
  DossierDay base = day ("2021-01-01");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260102);

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(DossierRecords) records = dossier_records_new ();
      g_autoptr(DossierRecords) blanked = dossier_records_new ();
      DossierExperienceQuery query = base_query ();
      DossierExperienceResult full = { 0 };
      DossierExperienceResult partial = { 0 };
      guint n_jobs = g_rand_int_range (rand, 1, 10);

      query.window_first = dossier_day_add_days (base, g_rand_int_range (rand, 0, 400));
      query.window_last = dossier_day_add_days (query.window_first,
                                                g_rand_int_range (rand, 200, 1100));
      query.combine_nocs = g_rand_boolean (rand);
      query.continuous = g_rand_boolean (rand);
      query.require_authorized = TRUE;
      query.exclude_full_time_student = TRUE;
      query.min_age = 18;
      records->applicant.birth_date = dossier_day_add_days (day ("2003-01-01"),
                                                            g_rand_int_range (rand, 0, 1500));
      blanked->applicant.birth_date = g_rand_int_range (rand, 0, 6) == 0
                                      ? DOSSIER_DAY_UNKNOWN
                                      : records->applicant.birth_date;
      for (guint i = 0; i < n_jobs; i++)
        {
          DossierDay start = dossier_day_add_days (base, g_rand_int_range (rand, 0, 1500));
          g_autofree char *start_text = dossier_day_format (start);
          g_autofree char *end_text =
            dossier_day_format (dossier_day_add_days (start, g_rand_int_range (rand, 0, 400)));
          const char *noc = nocs[g_rand_int_range (rand, 0, 3)];
          double h = hours[g_rand_int_range (rand, 0, G_N_ELEMENTS (hours))];
          DossierJob *job = add_job (records, noc, start_text, end_text, h);
          DossierJob *copy = add_job (blanked, noc, start_text, end_text, h);

          job->authorized = copy->authorized = g_rand_boolean (rand);
          job->full_time_student = copy->full_time_student = g_rand_int_range (rand, 0, 5) == 0;
          switch (g_rand_int_range (rand, 0, 8))
            {
            case 0: copy->noc = NULL; break;
            case 1: copy->hours_per_week = NAN; break;
            case 2: copy->start = DOSSIER_DAY_UNKNOWN; break;
            case 3: copy->end = DOSSIER_DAY_UNKNOWN; break;
            case 4: copy->authorized = DOSSIER_ANSWER_UNSET; break;
            case 5: copy->full_time_student = DOSSIER_ANSWER_UNSET; break;
            case 6: copy->country = NULL; break;
            default: break;
            }
        }

      compute (records, &query, &full);
      compute (blanked, &query, &partial);
      /* Counting NOCs apart, the best NOC is chosen on one figure only. */
      if (query.combine_nocs || query.continuous)
        {
          g_assert_cmpint (partial.known.continuous_months, <=, full.known.continuous_months);
          g_assert_cmpint (full.known.continuous_months, <=, partial.possible.continuous_months);
        }
      if (query.combine_nocs || !query.continuous)
        {
          g_assert_cmpint (partial.known.cumulative_months, <=, full.known.cumulative_months);
          g_assert_cmpint (full.known.cumulative_months, <=, partial.possible.cumulative_months);
        }
      if (query.combine_nocs)
        {
          g_assert_cmpint (partial.known.cumulative_days, <=, full.known.cumulative_days);
          g_assert_cmpint (full.known.cumulative_days, <=, partial.possible.cumulative_days);
        }

      dossier_experience_result_clear (&full);
      dossier_experience_result_clear (&partial);
    }
}

/* The engine calls this for every experience rule on every keystroke. */
static void
test_speed (void)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  DossierExperienceQuery query = base_query ();
  DossierExperienceResult result = { 0 };
  DossierDay start = day ("2022-01-01");
  gint64 began;
  double seconds;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *first = dossier_day_format (dossier_day_add_days (start, 60 * i));
      g_autofree char *last = dossier_day_format (dossier_day_add_days (start, 60 * i + 90));

      add_job (records, i % 3 ? "44100" : "42202", first, last, i % 2 ? 20 : 15);
    }
  query.combine_nocs = FALSE;

  began = g_get_monotonic_time ();
  for (guint i = 0; i < 2000; i++)
    {
      dossier_experience_compute (records, &query, &result);
      dossier_experience_result_clear (&result);
    }
  seconds = (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC;
  g_test_message ("2000 computations of 20 jobs: %.3f s", seconds);
  /* Generous, for sanitizer and valgrind runs; a plain build takes a few milliseconds. */
  g_assert_cmpfloat (seconds, <, 5.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/experience/exactly-six-months", test_exactly_six_months);
  g_test_add_func ("/experience/month-end-clamping", test_month_end_clamping);
  g_test_add_func ("/experience/leap-years", test_leap_years);
  g_test_add_func ("/experience/concurrent-part-time", test_concurrent_part_time);
  g_test_add_func ("/experience/gap-and-job-change", test_gap_and_job_change);
  g_test_add_func ("/experience/window-edges", test_window_edges);
  g_test_add_func ("/experience/age-cut-off", test_age_cut_off);
  g_test_add_func ("/experience/full-time-student", test_full_time_student);
  g_test_add_func ("/experience/authorization", test_authorization);
  g_test_add_func ("/experience/canadian-only", test_canadian_only);
  g_test_add_func ("/experience/noc-and-setting-filter", test_noc_and_setting_filter);
  g_test_add_func ("/experience/separate-nocs", test_separate_nocs);
  g_test_add_func ("/experience/ongoing", test_ongoing);
  g_test_add_func ("/experience/missing-values", test_missing_values);
  g_test_add_func ("/experience/overlapping-duplicates", test_overlapping_duplicates);
  g_test_add_func ("/experience/no-jobs", test_no_jobs);
  g_test_add_func ("/experience/random-against-reference", test_random_against_reference);
  g_test_add_func ("/experience/random-missing-values", test_random_missing_values);
  g_test_add_func ("/experience/speed", test_speed);

  return g_test_run ();
}
