/* test-date.c: calendar days, months, periods and instants
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dossier-date.h"

static DossierDay
day (const char *iso8601)
{
  DossierDay d;

  g_assert_true (dossier_day_parse (iso8601, &d));
  g_assert_cmpuint (d, !=, DOSSIER_DAY_UNKNOWN);
  return d;
}

static void
assert_day (DossierDay  d,
            const char *expected)
{
  g_autofree char *text = dossier_day_format (d);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_parse_valid (void)
{
  DossierDay d;
  int y, m, md;

  g_assert_true (dossier_day_parse ("2024-03-31", &d));
  dossier_day_to_ymd (d, &y, &m, &md);
  g_assert_cmpint (y, ==, 2024);
  g_assert_cmpint (m, ==, 3);
  g_assert_cmpint (md, ==, 31);
  assert_day (d, "2024-03-31");

  /* GDate's numbering: day 1 is 0001-01-01. */
  g_assert_cmpuint (day ("0001-01-01"), ==, 1);
  g_assert_cmpuint (day ("0001-01-02"), ==, 2);
  assert_day (day ("9999-12-31"), "9999-12-31");

  g_assert_true (dossier_day_parse ("2024-02-29", &d));
  g_assert_cmpuint (d, ==, dossier_day_from_ymd (2024, 2, 29));
  g_assert_cmpuint (day ("2024-03-01") - day ("2024-02-28"), ==, 2);
  g_assert_cmpuint (day ("2023-03-01") - day ("2023-02-28"), ==, 1);
  g_assert_true (dossier_day_parse ("2000-02-29", &d));
}

static void
test_parse_invalid (void)
{
  static const char * const bad[] = {
    "2025-02-30", "2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10",
    "2024-01-00", "0000-01-01",
    "", "junk", "abcd-ef-gh", "2024/03/31", "20240331", "2024-3-31", "2024-03-1",
    "2024-03-311", "12024-03-31", " 2024-03-31", "2024-03-31 ", "2024-03-31T00:00",
    "+2024-03-3", "2024-+3-31", "2024--3-31", "２０２４-03-31",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      DossierDay d = 12345;

      g_test_message ("parsing \"%s\"", bad[i]);
      g_assert_false (dossier_day_parse (bad[i], &d));
      g_assert_cmpuint (d, ==, DOSSIER_DAY_UNKNOWN);
    }
  g_assert_false (dossier_day_parse (NULL, &(DossierDay) { 0 }));
}

static void
test_from_ymd (void)
{
  g_assert_cmpuint (dossier_day_from_ymd (2024, 2, 29), ==, day ("2024-02-29"));
  g_assert_cmpuint (dossier_day_from_ymd (2023, 2, 29), ==, DOSSIER_DAY_UNKNOWN);
  /* Out-of-range values must not wrap round into valid ones. */
  g_assert_cmpuint (dossier_day_from_ymd (2024, 1, 257), ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (dossier_day_from_ymd (2024, 1, -255), ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (dossier_day_from_ymd (2024, 13, 1), ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (dossier_day_from_ymd (2024 + 65536, 1, 1), ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (dossier_day_from_ymd (10000, 1, 1), ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (dossier_day_from_ymd (0, 1, 1), ==, DOSSIER_DAY_UNKNOWN);

  assert_day (DOSSIER_DAY_UNKNOWN, "?");
}

static void
test_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  DossierDay today = dossier_day_today ();
  int y;

  g_assert_cmpuint (today, !=, DOSSIER_DAY_UNKNOWN);
  dossier_day_to_ymd (today, &y, NULL, NULL);
  /* Allow for a run across midnight on 31 December. */
  g_assert_cmpint (y, >=, g_date_time_get_year (now));
  g_assert_cmpint (y, <=, g_date_time_get_year (now) + 1);
}

static void
test_add_months (void)
{
  DossierDay jan31 = day ("2024-01-31");

  assert_day (dossier_day_add_months (day ("2024-01-15"), 1), "2024-02-15");
  /* The day of the month is kept, clamped to the month's last day. */
  assert_day (dossier_day_add_months (jan31, 1), "2024-02-29");
  assert_day (dossier_day_add_months (day ("2023-01-31"), 1), "2023-02-28");
  assert_day (dossier_day_add_months (jan31, 2), "2024-03-31");
  assert_day (dossier_day_add_months (jan31, 3), "2024-04-30");
  assert_day (dossier_day_add_months (day ("2024-03-31"), -1), "2024-02-29");
  assert_day (dossier_day_add_months (day ("2024-12-15"), 1), "2025-01-15");
  assert_day (dossier_day_add_months (day ("2025-01-15"), -1), "2024-12-15");
  assert_day (dossier_day_add_months (day ("2024-01-15"), -13), "2022-12-15");
  assert_day (dossier_day_add_months (day ("2024-01-15"), 0), "2024-01-15");
  assert_day (dossier_day_add_months (day ("2024-05-31"), 24), "2026-05-31");

  assert_day (dossier_day_add_years (day ("2024-02-29"), 1), "2025-02-28");
  assert_day (dossier_day_add_years (day ("2024-02-29"), 4), "2028-02-29");
  assert_day (dossier_day_add_years (day ("2025-06-01"), -3), "2022-06-01");

  g_assert_cmpuint (dossier_day_add_months (DOSSIER_DAY_UNKNOWN, 1), ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (dossier_day_add_months (day ("0001-06-01"), -6), ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (dossier_day_add_months (day ("9999-12-01"), 1), ==, DOSSIER_DAY_UNKNOWN);
}

static void
test_add_days (void)
{
  assert_day (dossier_day_add_days (day ("2024-12-31"), 1), "2025-01-01");
  assert_day (dossier_day_add_days (day ("2024-03-01"), -1), "2024-02-29");
  assert_day (dossier_day_add_days (day ("2024-01-01"), 366), "2025-01-01");
  assert_day (dossier_day_add_days (day ("2024-01-01"), 0), "2024-01-01");
  g_assert_cmpuint (dossier_day_add_days (DOSSIER_DAY_UNKNOWN, 1), ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (dossier_day_add_days (1, -1), ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (dossier_day_add_days (day ("9999-12-31"), 1), ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (dossier_day_add_days (day ("2024-01-01"), G_MAXINT), ==, DOSSIER_DAY_UNKNOWN);
}

static void
test_whole_months (void)
{
  static const struct
  {
    const char *first;
    const char *last;
    int         months;
  } cases[] = {
    { "2024-01-01", "2024-06-30", 6 },
    { "2024-01-01", "2024-06-29", 5 },
    { "2024-01-15", "2024-07-14", 6 },
    { "2024-01-15", "2024-07-13", 5 },
    { "2024-01-15", "2024-01-15", 0 },
    { "2024-01-01", "2024-01-31", 1 },
    { "2024-01-01", "2024-01-30", 0 },
    { "2024-02-01", "2024-02-29", 1 },
    { "2023-02-01", "2023-02-28", 1 },
    { "2023-02-01", "2023-02-27", 0 },
    /* From the 31st, a month ends the day before the clamped date. */
    { "2023-01-31", "2023-02-27", 1 },
    { "2023-01-31", "2023-02-26", 0 },
    { "2024-01-31", "2024-02-28", 1 },
    { "2024-01-31", "2024-02-27", 0 },
    { "2023-01-31", "2023-07-30", 6 },
    { "2023-01-31", "2023-07-29", 5 },
    /* Across 29 February. */
    { "2024-02-29", "2024-08-28", 6 },
    { "2024-02-29", "2024-08-27", 5 },
    { "2023-08-29", "2024-02-28", 6 },
    { "2023-08-29", "2024-02-27", 5 },
    { "2024-02-29", "2025-02-27", 12 },
    { "2024-02-29", "2025-02-26", 11 },
    { "2023-03-01", "2024-02-29", 12 },
    { "2022-06-01", "2025-05-31", 36 },
    { "2022-06-01", "2025-05-30", 35 },
    /* Nothing for an empty or reversed run. */
    { "2024-07-14", "2024-01-15", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s..%s", cases[i].first, cases[i].last);
      g_assert_cmpint (dossier_day_whole_months (day (cases[i].first), day (cases[i].last)),
                       ==, cases[i].months);
    }

  g_assert_cmpint (dossier_day_whole_months (DOSSIER_DAY_UNKNOWN, day ("2024-01-01")), ==, 0);
  g_assert_cmpint (dossier_day_whole_months (day ("2024-01-01"), DOSSIER_DAY_UNKNOWN), ==, 0);
  g_assert_cmpint (dossier_day_whole_months (day ("9999-01-01"), day ("9999-12-31")), ==, 12);
}

static void
test_age_on (void)
{
  DossierDay birth = day ("1990-02-14");
  DossierDay leap_birth = day ("2004-02-29");

  g_assert_cmpint (dossier_day_age_on (birth, day ("2008-02-14")), ==, 18);
  g_assert_cmpint (dossier_day_age_on (birth, day ("2008-02-13")), ==, 17);
  g_assert_cmpint (dossier_day_age_on (birth, day ("2008-12-31")), ==, 18);
  g_assert_cmpint (dossier_day_age_on (birth, birth), ==, 0);
  g_assert_cmpint (dossier_day_age_on (birth, day ("1991-02-13")), ==, 0);
  g_assert_cmpint (dossier_day_age_on (birth, day ("1991-02-14")), ==, 1);
  g_assert_cmpint (dossier_day_age_on (birth, day ("1990-02-13")), ==, -1);
  g_assert_cmpint (dossier_day_age_on (DOSSIER_DAY_UNKNOWN, birth), ==, -1);
  g_assert_cmpint (dossier_day_age_on (birth, DOSSIER_DAY_UNKNOWN), ==, -1);

  /* Born on 29 February: a year older on 28 February in common years. */
  g_assert_cmpint (dossier_day_age_on (leap_birth, day ("2022-02-27")), ==, 17);
  g_assert_cmpint (dossier_day_age_on (leap_birth, day ("2022-02-28")), ==, 18);
  g_assert_cmpint (dossier_day_age_on (leap_birth, day ("2024-02-28")), ==, 19);
  g_assert_cmpint (dossier_day_age_on (leap_birth, day ("2024-02-29")), ==, 20);
  g_assert_cmpint (dossier_day_age_on (leap_birth, day ("2005-02-28")), ==, 1);
  g_assert_cmpint (dossier_day_age_on (leap_birth, day ("2005-02-27")), ==, 0);
}

static void
test_period_parse (void)
{
  static const struct
  {
    const char *text;
    int         years, months, days;
  } good[] = {
    { "P2Y", 2, 0, 0 },
    { "P6M", 0, 6, 0 },
    { "P1Y6M", 1, 6, 0 },
    { "P30D", 0, 0, 30 },
    { "P1Y2M3D", 1, 2, 3 },
    { "P3Y15D", 3, 0, 15 },
    { "P0D", 0, 0, 0 },
    { "P36M", 0, 36, 0 },
  };
  static const char * const bad[] = {
    "", "P", "2Y", "P2", "PY", "P-1Y", "P+1Y", "P1.5Y", "PT1H", "P1YT1H", "P1W", "p2y",
    "P2y", "P6M1Y", "P1D1M", "P1Y1Y", "P2Y ", " P2Y", "P 2Y", "P1001Y", "P99999999999999999999Y",
    "-P2Y",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      DossierPeriod period;

      g_assert_true (dossier_period_parse (good[i].text, &period));
      g_assert_cmpint (period.years, ==, good[i].years);
      g_assert_cmpint (period.months, ==, good[i].months);
      g_assert_cmpint (period.days, ==, good[i].days);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      DossierPeriod period = { 7, 7, 7 };

      g_test_message ("parsing \"%s\"", bad[i]);
      g_assert_false (dossier_period_parse (bad[i], &period));
      /* A refused period leaves nothing half-parsed behind. */
      g_assert_cmpint (period.years, ==, 0);
      g_assert_cmpint (period.months, ==, 0);
      g_assert_cmpint (period.days, ==, 0);
    }
  g_assert_false (dossier_period_parse (NULL, &(DossierPeriod) { 0 }));
}

static void
test_add_period (void)
{
  DossierPeriod three_years, year_and_half, thirty_days, mixed;

  g_assert_true (dossier_period_parse ("P3Y", &three_years));
  g_assert_true (dossier_period_parse ("P1Y6M", &year_and_half));
  g_assert_true (dossier_period_parse ("P30D", &thirty_days));
  g_assert_true (dossier_period_parse ("P1M1D", &mixed));

  /* The experience window: three years before the as-of date. */
  assert_day (dossier_day_add_period (day ("2025-06-01"), &three_years, -1), "2022-06-01");
  assert_day (dossier_day_add_period (day ("2024-02-29"), &three_years, -1), "2021-02-28");
  assert_day (dossier_day_add_period (day ("2025-06-01"), &three_years, 1), "2028-06-01");
  assert_day (dossier_day_add_period (day ("2024-01-31"), &year_and_half, 1), "2025-07-31");
  assert_day (dossier_day_add_period (day ("2025-07-31"), &year_and_half, -1), "2024-01-31");
  assert_day (dossier_day_add_period (day ("2024-02-15"), &thirty_days, 1), "2024-03-16");
  assert_day (dossier_day_add_period (day ("2024-03-16"), &thirty_days, -1), "2024-02-15");
  /* Months first, then days, in both directions. */
  assert_day (dossier_day_add_period (day ("2024-01-31"), &mixed, 1), "2024-03-01");
  assert_day (dossier_day_add_period (day ("2024-03-31"), &mixed, -1), "2024-02-28");
  g_assert_cmpuint (dossier_day_add_period (DOSSIER_DAY_UNKNOWN, &three_years, -1), ==,
                    DOSSIER_DAY_UNKNOWN);
}

static void
test_period_describe (void)
{
  static const struct
  {
    const char *text;
    const char *lang;
    const char *expected;
  } cases[] = {
    { "P2Y", "en", "2 years" },
    { "P1Y", "en", "1 year" },
    { "P1Y6M", "en", "1 year 6 months" },
    { "P1M", "en", "1 month" },
    { "P30D", "en", "30 days" },
    { "P1D", "en", "1 day" },
    { "P2Y", "fr", "2 ans" },
    { "P1Y6M", "fr", "1 an 6 mois" },
    { "P1D", "fr", "1 jour" },
    { "P30D", "fr", "30 jours" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DossierPeriod period;
      g_autofree char *text = NULL;

      g_assert_true (dossier_period_parse (cases[i].text, &period));
      text = dossier_period_describe (&period, cases[i].lang);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_instant_parse (void)
{
  g_autoptr(GDateTime) instant = NULL;
  g_autoptr(GDateTime) utc = NULL;
  static const char * const bad[] = {
    "2025-03-31T10:00:00",      /* no offset: which zone? */
    "2025-03-31",
    "2025-03-31 10:00:00-04:00",
    "junk",
    "",
    "2025-02-30T10:00:00-05:00",
    "2025-03-31T25:00:00-04:00",
  };

  g_assert_true (dossier_instant_parse ("2025-03-31T10:00:00-04:00", &instant));
  g_assert_nonnull (instant);
  utc = g_date_time_to_utc (instant);
  g_assert_cmpint (g_date_time_get_hour (utc), ==, 14);
  g_assert_cmpint (g_date_time_get_day_of_month (utc), ==, 31);
  g_assert_cmpint (g_date_time_get_utc_offset (instant), ==, -4 * G_TIME_SPAN_HOUR);
  g_clear_pointer (&instant, g_date_time_unref);
  g_clear_pointer (&utc, g_date_time_unref);

  /* The offset carries the date across midnight in UTC. */
  g_assert_true (dossier_instant_parse ("2025-12-19T00:00:00-05:00", &instant));
  utc = g_date_time_to_utc (instant);
  g_assert_cmpint (g_date_time_get_day_of_month (utc), ==, 19);
  g_assert_cmpint (g_date_time_get_hour (utc), ==, 5);
  g_clear_pointer (&instant, g_date_time_unref);

  g_assert_true (dossier_instant_parse ("2026-03-30T23:59:59Z", &instant));
  g_assert_cmpint (g_date_time_get_utc_offset (instant), ==, 0);
  g_clear_pointer (&instant, g_date_time_unref);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      GDateTime *refused = (GDateTime *) 0x1;

      g_test_message ("parsing \"%s\"", bad[i]);
      g_assert_false (dossier_instant_parse (bad[i], &refused));
      g_assert_null (refused);
    }
  g_assert_false (dossier_instant_parse (NULL, &instant));
  g_assert_null (instant);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/from-ymd", test_from_ymd);
  g_test_add_func ("/date/today", test_today);
  g_test_add_func ("/date/add-months", test_add_months);
  g_test_add_func ("/date/add-days", test_add_days);
  g_test_add_func ("/date/whole-months", test_whole_months);
  g_test_add_func ("/date/age-on", test_age_on);
  g_test_add_func ("/date/period/parse", test_period_parse);
  g_test_add_func ("/date/period/add", test_add_period);
  g_test_add_func ("/date/period/describe", test_period_describe);
  g_test_add_func ("/date/instant/parse", test_instant_parse);

  return g_test_run ();
}
