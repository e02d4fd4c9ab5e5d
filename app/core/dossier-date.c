/* dossier-date.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dossier-date.h"

/* How Dossier counts months, defined once for the whole engine.
 *
 * A run of days from FIRST to LAST (both included) covers N whole months when
 * FIRST + N months − 1 day ≤ LAST, where adding months keeps the day of the month and
 * clamps it to the month's last day (31 January + 1 month = 28 or 29 February). So
 * 2024-01-01..2024-06-30 is 6 months, 2024-01-15..2024-07-14 is 6 months and
 * 2024-01-15..2024-07-13 is 5 months. IRCC counts experience in calendar months of
 * full-time work, and this is the reading that makes "exactly 6 months" land on the day
 * a person would name. */

gboolean
dossier_day_parse (const char *iso8601,
                   DossierDay *out_day)
{
  int y, m, d;
  char tail;

  g_return_val_if_fail (out_day != NULL, FALSE);

  *out_day = DOSSIER_DAY_UNKNOWN;
  if (iso8601 == NULL || strlen (iso8601) != 10)
    return FALSE;
  if (iso8601[4] != '-' || iso8601[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso8601[i]))
      return FALSE;
  if (sscanf (iso8601, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  *out_day = dossier_day_from_ymd (y, m, d);
  return TRUE;
}

/* The last day a four-digit ISO 8601 date can name, 9999-12-31. Days beyond it could not
 * be written back in the profile's date format, so arithmetic stops there. */
#define DOSSIER_DAY_MAX ((DossierDay) 3652059)

DossierDay
dossier_day_from_ymd (int year,
                      int month,
                      int day)
{
  GDate date;

  /* g_date_valid_dmy() takes an 8-bit day and a 16-bit year: check the range first, or
   * day 257 would wrap round to day 1. */
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    return DOSSIER_DAY_UNKNOWN;
  if (!g_date_valid_dmy (day, month, year))
    return DOSSIER_DAY_UNKNOWN;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

void
dossier_day_to_ymd (DossierDay  day,
                    int        *year,
                    int        *month,
                    int        *mday)
{
  GDate date;

  g_return_if_fail (day != DOSSIER_DAY_UNKNOWN);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (year)
    *year = g_date_get_year (&date);
  if (month)
    *month = g_date_get_month (&date);
  if (mday)
    *mday = g_date_get_day (&date);
}

char *
dossier_day_format (DossierDay day)
{
  int y, m, d;

  if (day == DOSSIER_DAY_UNKNOWN)
    return g_strdup ("?");
  dossier_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

DossierDay
dossier_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return dossier_day_from_ymd (g_date_time_get_year (now),
                               g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now));
}

/* Adds months as GDate allows (up to year 65535), without the four-digit limit of the
 * public functions, so that counting can look one month past 9999-12-31. */
static guint32
add_months_unbounded (DossierDay day,
                      int        months)
{
  int y, m, d, total;
  GDate date;

  dossier_day_to_ymd (day, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  if (total < 12 || y > G_MAXUINT16)
    return 0;
  d = MIN (d, (int) g_date_get_days_in_month (m, y));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

DossierDay
dossier_day_add_months (DossierDay day,
                        int        months)
{
  guint32 result;

  if (day == DOSSIER_DAY_UNKNOWN)
    return DOSSIER_DAY_UNKNOWN;
  result = add_months_unbounded (day, months);
  if (result == 0 || result > DOSSIER_DAY_MAX)
    return DOSSIER_DAY_UNKNOWN;
  return result;
}

DossierDay
dossier_day_add_years (DossierDay day,
                       int        years)
{
  return dossier_day_add_months (day, years * 12);
}

DossierDay
dossier_day_add_days (DossierDay day,
                      int        days)
{
  gint64 result;

  if (day == DOSSIER_DAY_UNKNOWN)
    return DOSSIER_DAY_UNKNOWN;
  result = (gint64) day + days;
  if (result < 1 || result > DOSSIER_DAY_MAX)
    return DOSSIER_DAY_UNKNOWN;
  return (DossierDay) result;
}

/* Age in completed years; someone born on 29 February turns a year older on
 * 28 February in common years, as add_months clamps. */
int
dossier_day_age_on (DossierDay birth,
                    DossierDay on)
{
  int by, age;

  if (birth == DOSSIER_DAY_UNKNOWN || on == DOSSIER_DAY_UNKNOWN || on < birth)
    return -1;
  dossier_day_to_ymd (on, &by, NULL, NULL);
  dossier_day_to_ymd (birth, &age, NULL, NULL);
  age = by - age;
  while (age > 0 && dossier_day_add_years (birth, age) > on)
    age--;
  return age;
}

int
dossier_day_whole_months (DossierDay first,
                          DossierDay last)
{
  int y1, m1, y2, m2, months;

  if (first == DOSSIER_DAY_UNKNOWN || last == DOSSIER_DAY_UNKNOWN || last < first)
    return 0;
  dossier_day_to_ymd (first, &y1, &m1, NULL);
  dossier_day_to_ymd (last, &y2, &m2, NULL);
  months = (y2 - y1) * 12 + (m2 - m1) + 1;
  while (months > 0 && add_months_unbounded (first, months) - 1 > last)
    months--;
  return months;
}

gboolean
dossier_period_parse (const char    *iso8601,
                      DossierPeriod *out_period)
{
  DossierPeriod period = { 0 };
  const char *p = iso8601;
  const char *units = "YMD";
  gboolean any = FALSE;

  g_return_val_if_fail (out_period != NULL, FALSE);

  memset (out_period, 0, sizeof *out_period);
  if (p == NULL || *p != 'P')
    return FALSE;
  p++;
  while (*p)
    {
      char *end = NULL;
      guint64 n;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      n = g_ascii_strtoull (p, &end, 10);
      if (end == p || n > 1000)
        return FALSE;
      /* ISO 8601 gives each unit at most once, largest first: "P6M1Y" and "P1Y1Y" are
       * typos, and taking them would silently count the wrong period. */
      units = *end != '\0' ? strchr (units, *end) : NULL;
      if (units == NULL)
        return FALSE;
      units++;
      switch (*end)
        {
        case 'Y': period.years = (int) n; break;
        case 'M': period.months = (int) n; break;
        case 'D': period.days = (int) n; break;
        default: return FALSE;
        }
      any = TRUE;
      p = end + 1;
    }
  if (!any)
    return FALSE;
  *out_period = period;
  return TRUE;
}

DossierDay
dossier_day_add_period (DossierDay           day,
                        const DossierPeriod *period,
                        int                  sign)
{
  DossierDay result;

  result = dossier_day_add_months (day, sign * (period->years * 12 + period->months));
  return dossier_day_add_days (result, sign * period->days);
}

char *
dossier_period_describe (const DossierPeriod *period,
                         const char          *lang)
{
  gboolean fr = g_strcmp0 (lang, "fr") == 0;
  GString *s = g_string_new (NULL);

  if (period->years)
    g_string_append_printf (s, "%d %s", period->years,
                            fr ? (period->years > 1 ? "ans" : "an")
                               : (period->years > 1 ? "years" : "year"));
  if (period->months)
    g_string_append_printf (s, "%s%d %s", s->len ? " " : "", period->months,
                            fr ? "mois" : (period->months > 1 ? "months" : "month"));
  if (period->days)
    g_string_append_printf (s, "%s%d %s", s->len ? " " : "", period->days,
                            fr ? (period->days > 1 ? "jours" : "jour")
                               : (period->days > 1 ? "days" : "day"));
  return g_string_free (s, FALSE);
}

gboolean
dossier_instant_parse (const char  *iso8601,
                       GDateTime  **out_instant)
{
  g_autoptr(GDateTime) instant = NULL;

  g_return_val_if_fail (out_instant != NULL, FALSE);

  *out_instant = NULL;
  /* A date and time without an offset is ambiguous: packs must say which zone they mean. */
  if (iso8601 == NULL || strchr (iso8601, 'T') == NULL)
    return FALSE;
  instant = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (instant == NULL)
    return FALSE;
  *out_instant = g_steal_pointer (&instant);
  return TRUE;
}
