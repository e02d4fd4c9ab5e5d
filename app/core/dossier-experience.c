/* dossier-experience.c: counting work experience over dated, overlapping jobs
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How Dossier counts work experience, defined once for the whole engine.
 *
 * Days. A job covers every calendar day from its start to its end, both included; an
 * ongoing job runs to the window's last day. Only days inside [window_first, window_last]
 * count, and, with min_age, only days from the birthday on which the applicant reached
 * that age (a 29 February birthday falls on 28 February in common years, as in
 * dossier_day_age_on()).
 *
 * Qualifying days. On a given day, the hours per week of every qualifying job held that
 * day are added up; the day qualifies when the sum reaches min_hours_per_week. That is
 * how concurrent part-time jobs make full-time work (20 h + 15 h qualify, 20 h + 5 h do
 * not), and why two records of the same job never count a day twice.
 *
 * Continuous months. The longest run of consecutive qualifying days, in whole months as
 * dossier_day_whole_months() counts them. A job ending on day D followed by one starting
 * on D + 1 is one run: changing jobs without a gap keeps continuity; a single day
 * without qualifying work breaks it.
 *
 * Cumulative months. Every run is counted in whole months the same way, then the days
 * left over at the end of each run are pooled and every 31 of them make one more month.
 * 31, the longest calendar month, keeps pooling from ever crediting more than the
 * calendar would: a single run always counts exactly its continuous months, and pieces
 * of months only add up once they would fill any month. cumulative_days is the plain
 * number of qualifying days.
 *
 * Known and possible. "Known" uses only what the profile proves: a job missing a value
 * that decides whether it counts (NOC, setting, country, an unanswered authorized or
 * full-time-student question, its dates or its hours) adds nothing, and without a date
 * of birth no day counts when a minimum age applies, since any of them might be before
 * it. "Possible" gives every missing value its most favourable reading: missing hours
 * are enough on their own, a missing start is taken as the window's first day, a
 * missing end as its last, a missing NOC as each eligible NOC in turn. The known figure
 * never exceeds the possible one.
 *
 * The computation sweeps the sorted job boundaries, so its cost depends on the number
 * of jobs, not on how many days they span: the rule engine calls it for every
 * experience rule on every keystroke. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-experience.h"

/* Hours are decimals ("37.5"), so sums such as 20.1 + 9.9 must not miss 30 by a
 * rounding error. */
#define HOURS_EPSILON 1e-6

/* See "Cumulative months" above. */
#define DAYS_PER_POOLED_MONTH 31

#define BIRTH_DATE_FIELD "/dossier/applicant/birth-date"

/* Why a job did not (fully) count; each becomes one note. */
typedef enum
{
  NOTE_NOC_MISSING               = 1 << 0,
  NOTE_NOC_OTHER                 = 1 << 1,
  NOTE_SETTING_MISSING           = 1 << 2,
  NOTE_SETTING_OTHER             = 1 << 3,
  NOTE_COUNTRY_MISSING           = 1 << 4,
  NOTE_ABROAD                    = 1 << 5,
  NOTE_UNAUTHORIZED              = 1 << 6,
  NOTE_UNAUTHORIZED_MAYBE_ABROAD = 1 << 7,
  NOTE_AUTHORIZED_MISSING        = 1 << 8,
  NOTE_STUDENT                   = 1 << 9,
  NOTE_STUDENT_MISSING           = 1 << 10,
  NOTE_HOURS_MISSING             = 1 << 11,
  NOTE_START_MISSING             = 1 << 12,
  NOTE_END_MISSING               = 1 << 13,
  NOTE_END_BEFORE_START          = 1 << 14,
  NOTE_BEFORE_WINDOW             = 1 << 15,
  NOTE_PARTLY_BEFORE_WINDOW      = 1 << 16,
  NOTE_AFTER_WINDOW              = 1 << 17,
  NOTE_PARTLY_AFTER_WINDOW       = 1 << 18,
  NOTE_BEFORE_AGE                = 1 << 19,
  NOTE_HOURS_SHORT               = 1 << 20,
  NOTE_HOURS_PARTLY_SHORT        = 1 << 21,
  NOTE_OTHER_NOC                 = 1 << 22,
} NoteFlags;

/* The notes whose value could still turn out favourable: they make a job "possible". */
#define NOTES_UNKNOWN (NOTE_NOC_MISSING | NOTE_SETTING_MISSING | NOTE_COUNTRY_MISSING | \
                       NOTE_UNAUTHORIZED_MAYBE_ABROAD | NOTE_AUTHORIZED_MISSING |        \
                       NOTE_STUDENT_MISSING | NOTE_HOURS_MISSING | NOTE_START_MISSING |  \
                       NOTE_END_MISSING)

/* The notes that rule a job out whatever the missing values turn out to be. */
#define NOTES_EXCLUDED (NOTE_NOC_OTHER | NOTE_SETTING_OTHER | NOTE_ABROAD |              \
                        NOTE_UNAUTHORIZED | NOTE_STUDENT | NOTE_END_BEFORE_START)

/* A job's days as counted, already clipped. */
typedef struct
{
  DossierDay  first;
  DossierDay  last;
  double      hours;
  const char *noc;    /* NULL: not given, so it may be any eligible NOC */
  guint       job;    /* index in records->jobs */
} Span;

typedef struct
{
  DossierDay first;
  DossierDay last;
} Run;

/* Scratch space shared by every count, sized once per call. */
typedef struct
{
  DossierDay *bounds;
  Run        *runs;
  guint       n_runs;
} Sweep;

typedef struct
{
  double      min_hours;
  DossierDay  window_first;
  DossierDay  window_last;
  DossierDay  adult;          /* first day at min_age, or UNKNOWN */
  DossierDay  known_first;    /* first countable day for each figure */
  DossierDay  possible_first;
} Limits;

static void
note_free (gpointer data)
{
  DossierExperienceNote *note = data;

  g_free (note->job_id);
  g_free (note->reason);
  g_free (note->field);
  g_free (note);
}

static void
add_note (GPtrArray        *notes,
          const DossierJob *job,
          const char       *field_suffix,
          char             *reason)
{
  DossierExperienceNote *note = g_new0 (DossierExperienceNote, 1);

  note->reason = reason;
  if (job != NULL)
    {
      note->job_id = g_strdup (job->id);
      note->line = job->origin.line;
      /* Records built by hand (tests, the GUI's scratch profile) may have no origin;
       * a field suffix alone would point nowhere. */
      if (job->origin.path != NULL)
        note->field = g_strconcat (job->origin.path, field_suffix, NULL);
    }
  else
    {
      note->field = g_strdup (field_suffix);
    }
  g_ptr_array_add (notes, note);
}

static gboolean
has_text (const char *s)
{
  return s != NULL && *s != '\0';
}

static gboolean
in_list (const char * const *list,
         const char         *value)
{
  return list == NULL || g_strv_contains (list, value);
}

static int
compare_days (const void *a,
              const void *b)
{
  DossierDay da = *(const DossierDay *) a;
  DossierDay db = *(const DossierDay *) b;

  return (da > db) - (da < db);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
span_in_group (const Span *span,
               const char *noc)
{
  /* A NULL group NOC is "every NOC together"; a span without a NOC may be any NOC. */
  return noc == NULL || span->noc == NULL || strcmp (span->noc, noc) == 0;
}

/* What is known about one job, as a set of notes; the verdict follows from them. */
static NoteFlags
classify_job (const DossierJob             *job,
              const DossierExperienceQuery *query,
              const Limits                 *limits)
{
  NoteFlags flags = 0;
  gboolean canadian;
  DossierDay start, end;

  if (!has_text (job->noc))
    {
      /* Any NOC counts when every NOC is combined; otherwise the job must be placed. */
      if (query->nocs != NULL || !query->combine_nocs)
        flags |= NOTE_NOC_MISSING;
    }
  else if (!in_list (query->nocs, job->noc))
    {
      flags |= NOTE_NOC_OTHER;
    }

  if (query->settings != NULL)
    {
      if (!has_text (job->setting))
        flags |= NOTE_SETTING_MISSING;
      else if (!in_list (query->settings, job->setting))
        flags |= NOTE_SETTING_OTHER;
    }

  canadian = has_text (job->country) && g_ascii_strcasecmp (job->country, "CA") == 0;
  if (query->canadian_only)
    {
      if (!has_text (job->country))
        flags |= NOTE_COUNTRY_MISSING;
      else if (!canadian)
        flags |= NOTE_ABROAD;
    }
  /* Authorization only matters for work in Canada, so with the country unknown an
   * unauthorized job may still count as work abroad. */
  if (query->require_authorized && (canadian || !has_text (job->country)))
    {
      if (job->authorized == DOSSIER_ANSWER_UNSET)
        flags |= NOTE_AUTHORIZED_MISSING;
      else if (job->authorized == DOSSIER_ANSWER_NO)
        flags |= canadian ? NOTE_UNAUTHORIZED : NOTE_UNAUTHORIZED_MAYBE_ABROAD;
    }

  if (query->exclude_full_time_student)
    {
      if (job->full_time_student == DOSSIER_ANSWER_UNSET)
        flags |= NOTE_STUDENT_MISSING;
      else if (job->full_time_student == DOSSIER_ANSWER_YES)
        flags |= NOTE_STUDENT;
    }

  if (isnan (job->hours_per_week))
    flags |= NOTE_HOURS_MISSING;

  start = job->start;
  end = job->end;
  if (end == DOSSIER_DAY_UNKNOWN && job->ongoing)
    end = limits->window_last;
  if (start == DOSSIER_DAY_UNKNOWN)
    flags |= NOTE_START_MISSING;
  if (end == DOSSIER_DAY_UNKNOWN)
    flags |= NOTE_END_MISSING;
  if (job->start != DOSSIER_DAY_UNKNOWN && job->end != DOSSIER_DAY_UNKNOWN
      && job->end < job->start)
    flags |= NOTE_END_BEFORE_START;

  /* Where the dates are known, say which part of the job falls outside what counts.
   * Nothing to say about a job that is out anyway. */
  if (flags & NOTES_EXCLUDED)
    return flags;

  if (end != DOSSIER_DAY_UNKNOWN && end < limits->window_first)
    flags |= NOTE_BEFORE_WINDOW;
  else if (start != DOSSIER_DAY_UNKNOWN && start > limits->window_last)
    flags |= NOTE_AFTER_WINDOW;
  else
    {
      DossierDay first, last;

      if (start != DOSSIER_DAY_UNKNOWN && start < limits->window_first)
        flags |= NOTE_PARTLY_BEFORE_WINDOW;
      /* An ongoing job always runs past the window; that is not worth a note. */
      if (job->end != DOSSIER_DAY_UNKNOWN && job->end > limits->window_last)
        flags |= NOTE_PARTLY_AFTER_WINDOW;

      first = MAX (start, limits->window_first);
      last = end != DOSSIER_DAY_UNKNOWN ? MIN (end, limits->window_last) : limits->window_last;
      if (limits->adult != DOSSIER_DAY_UNKNOWN && first < limits->adult && first <= last)
        flags |= NOTE_BEFORE_AGE;
    }

  return flags;
}

/* The job's days for one figure, clipped; FALSE when none is left. */
static gboolean
job_span (const DossierJob *job,
          guint             index,
          NoteFlags         flags,
          gboolean          possible,
          const Limits     *limits,
          gboolean          combine_nocs,
          Span             *span)
{
  DossierDay first = possible ? limits->possible_first : limits->known_first;

  if (flags & NOTES_EXCLUDED)
    return FALSE;
  if (!possible && (flags & NOTES_UNKNOWN))
    return FALSE;

  span->first = job->start != DOSSIER_DAY_UNKNOWN ? MAX (job->start, first) : first;
  span->last = job->end != DOSSIER_DAY_UNKNOWN ? MIN (job->end, limits->window_last)
                                               : limits->window_last;
  span->hours = isnan (job->hours_per_week) ? INFINITY : job->hours_per_week;
  span->noc = !combine_nocs && has_text (job->noc) ? job->noc : NULL;
  span->job = index;
  return span->first <= span->last;
}

/* Sweep the spans of one group: fills sweep->runs with the qualifying runs, in order,
 * and figure with what they add up to. */
static void
count_group (const Span              *spans,
             guint                    n_spans,
             const char              *noc,
             double                   min_hours,
             Sweep                   *sweep,
             DossierExperienceFigure *figure)
{
  guint n_bounds = 0, n_unique = 0;
  int whole_months = 0, best_months = -1;
  guint64 leftover_days = 0, total_days = 0;

  memset (figure, 0, sizeof *figure);
  sweep->n_runs = 0;

  for (guint i = 0; i < n_spans; i++)
    if (span_in_group (&spans[i], noc))
      {
        sweep->bounds[n_bounds++] = spans[i].first;
        sweep->bounds[n_bounds++] = spans[i].last + 1;
      }
  if (n_bounds == 0)
    return;
  qsort (sweep->bounds, n_bounds, sizeof *sweep->bounds, compare_days);
  for (guint i = 0; i < n_bounds; i++)
    if (n_unique == 0 || sweep->bounds[n_unique - 1] != sweep->bounds[i])
      sweep->bounds[n_unique++] = sweep->bounds[i];

  /* Between two consecutive boundaries the same jobs are held every day. The sum is
   * recomputed for each interval rather than kept running, so that adding and
   * removing decimals cannot drift. */
  for (guint b = 0; b + 1 < n_unique; b++)
    {
      DossierDay day = sweep->bounds[b];
      double hours = 0;
      guint active = 0;

      for (guint i = 0; i < n_spans; i++)
        if (spans[i].first <= day && day <= spans[i].last && span_in_group (&spans[i], noc))
          {
            hours += spans[i].hours;
            active++;
          }
      if (active == 0 || hours + HOURS_EPSILON < min_hours)
        continue;
      if (sweep->n_runs > 0 && sweep->runs[sweep->n_runs - 1].last + 1 == day)
        sweep->runs[sweep->n_runs - 1].last = sweep->bounds[b + 1] - 1;
      else
        sweep->runs[sweep->n_runs++] = (Run) { day, sweep->bounds[b + 1] - 1 };
    }

  for (guint r = 0; r < sweep->n_runs; r++)
    {
      const Run *run = &sweep->runs[r];
      guint days = run->last - run->first + 1;
      int months = dossier_day_whole_months (run->first, run->last);
      DossierDay months_end = dossier_day_add_months (run->first, months);

      whole_months += months;
      /* months_end is unknown only past 9999-12-31, when the months fill the run. */
      if (months_end != DOSSIER_DAY_UNKNOWN)
        leftover_days += run->last + 1 - months_end;
      total_days += days;
      if (months > best_months
          || (months == best_months
              && days > figure->continuous_last - figure->continuous_first + 1))
        {
          best_months = months;
          figure->continuous_first = run->first;
          figure->continuous_last = run->last;
        }
    }
  figure->continuous_months = MAX (best_months, 0);
  figure->cumulative_months = whole_months + (int) (leftover_days / DAYS_PER_POOLED_MONTH);
  figure->cumulative_days = (int) total_days;
}

static gboolean
figure_better (const DossierExperienceFigure *a,
               const DossierExperienceFigure *b,
               gboolean                       continuous)
{
  int a_cont_days = a->continuous_first != DOSSIER_DAY_UNKNOWN
                    ? (int) (a->continuous_last - a->continuous_first + 1) : 0;
  int b_cont_days = b->continuous_first != DOSSIER_DAY_UNKNOWN
                    ? (int) (b->continuous_last - b->continuous_first + 1) : 0;
  int a_key[4] = { a->continuous_months, a_cont_days, a->cumulative_months, a->cumulative_days };
  int b_key[4] = { b->continuous_months, b_cont_days, b->cumulative_months, b->cumulative_days };

  /* The figure the rule reads decides; the other one breaks ties. */
  for (guint i = 0; i < 4; i++)
    {
      guint k = continuous ? i : (i + 2) % 4;

      if (a_key[k] != b_key[k])
        return a_key[k] > b_key[k];
    }
  return FALSE;
}

static guint
overlap_days (const Span *span,
              const Run  *runs,
              guint       n_runs)
{
  guint days = 0;

  for (guint r = 0; r < n_runs; r++)
    {
      DossierDay first = MAX (span->first, runs[r].first);
      DossierDay last = MIN (span->last, runs[r].last);

      if (first <= last)
        days += last - first + 1;
    }
  return days;
}

static void
emit_notes (GPtrArray                    *notes,
            const DossierJob             *job,
            NoteFlags                     flags,
            const DossierExperienceQuery *query,
            const Limits                 *limits,
            const char                   *best_noc)
{
  if (flags & NOTE_NOC_MISSING)
    add_note (notes, job, "/noc", g_strdup ("NOC not given"));
  if (flags & NOTE_NOC_OTHER)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) query->nocs);

      add_note (notes, job, "/noc",
                g_strdup_printf ("NOC %s is not one that counts (%s)", job->noc, list));
    }
  if (flags & NOTE_SETTING_MISSING)
    add_note (notes, job, "/setting", g_strdup ("work setting not given"));
  if (flags & NOTE_SETTING_OTHER)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) query->settings);

      add_note (notes, job, "/setting",
                g_strdup_printf ("work in the setting %s does not count (%s)",
                                 job->setting, list));
    }
  if (flags & NOTE_COUNTRY_MISSING)
    add_note (notes, job, "/country",
              g_strdup ("country not given; only work in Canada counts"));
  if (flags & NOTE_ABROAD)
    add_note (notes, job, "/country",
              g_strdup_printf ("work outside Canada (%s) does not count", job->country));
  if (flags & NOTE_UNAUTHORIZED)
    add_note (notes, job, "/authorized", g_strdup ("work in Canada was not authorized"));
  if (flags & NOTE_UNAUTHORIZED_MAYBE_ABROAD)
    add_note (notes, job, "/country",
              g_strdup ("country not given; the work was not authorized, so it counts "
                        "only if it was outside Canada"));
  if (flags & NOTE_AUTHORIZED_MISSING)
    add_note (notes, job, "/authorized",
              g_strdup ("not answered whether the work in Canada was authorized"));
  if (flags & NOTE_STUDENT)
    add_note (notes, job, "/full-time-student",
              g_strdup ("work done while a full-time student does not count"));
  if (flags & NOTE_STUDENT_MISSING)
    add_note (notes, job, "/full-time-student",
              g_strdup ("not answered whether the applicant was a full-time student"));
  if (flags & NOTE_HOURS_MISSING)
    add_note (notes, job, "/hours-per-week", g_strdup ("hours per week not given"));
  if (flags & NOTE_START_MISSING)
    add_note (notes, job, "/start", g_strdup ("start date not given"));
  if (flags & NOTE_END_MISSING)
    add_note (notes, job, "/end", g_strdup ("end date not given"));
  if (flags & NOTE_END_BEFORE_START)
    {
      g_autofree char *start = dossier_day_format (job->start);
      g_autofree char *end = dossier_day_format (job->end);

      add_note (notes, job, "/end",
                g_strdup_printf ("ends (%s) before it starts (%s)", end, start));
    }
  if (flags & (NOTE_BEFORE_WINDOW | NOTE_PARTLY_BEFORE_WINDOW))
    {
      g_autofree char *first = dossier_day_format (limits->window_first);

      if (flags & NOTE_BEFORE_WINDOW)
        add_note (notes, job, "/end",
                  g_strdup_printf ("ended before %s, the first day that counts", first));
      else
        add_note (notes, job, "/start",
                  g_strdup_printf ("only the work from %s on counts", first));
    }
  if (flags & (NOTE_AFTER_WINDOW | NOTE_PARTLY_AFTER_WINDOW))
    {
      g_autofree char *last = dossier_day_format (limits->window_last);

      if (flags & NOTE_AFTER_WINDOW)
        add_note (notes, job, "/start",
                  g_strdup_printf ("starts after %s, the last day that counts", last));
      else
        add_note (notes, job, "/end",
                  g_strdup_printf ("only the work up to %s counts", last));
    }
  if (flags & NOTE_BEFORE_AGE)
    {
      g_autofree char *adult = dossier_day_format (limits->adult);

      add_note (notes, job, "/start",
                g_strdup_printf ("work before the applicant turned %d on %s does not count",
                                 query->min_age, adult));
    }
  if (flags & NOTE_HOURS_SHORT)
    add_note (notes, job, "/hours-per-week",
              g_strdup_printf ("%g hours a week is under %g, even with the jobs held at "
                               "the same time", job->hours_per_week,
                               query->min_hours_per_week));
  if (flags & NOTE_HOURS_PARTLY_SHORT)
    add_note (notes, job, "/hours-per-week",
              g_strdup_printf ("%g hours a week counts only while jobs held at the same "
                               "time bring the total to %g", job->hours_per_week,
                               query->min_hours_per_week));
  if (flags & NOTE_OTHER_NOC)
    add_note (notes, job, "/noc",
              g_strdup_printf ("NOC %s is counted apart from NOC %s, which has more "
                               "experience", job->noc, best_noc));
}

/* The NOCs to count apart when combine_nocs is FALSE, sorted and unique; empty when no
 * job names one, in which case everything is counted as one unnamed NOC. */
static GPtrArray *
collect_nocs (const Span                   *spans,
              guint                         n_spans,
              const DossierExperienceQuery *query)
{
  g_autoptr(GPtrArray) nocs = g_ptr_array_new ();
  gboolean any_unnamed = FALSE;
  guint n_unique = 0;

  for (guint i = 0; i < n_spans; i++)
    {
      if (spans[i].noc != NULL)
        g_ptr_array_add (nocs, (gpointer) spans[i].noc);
      else
        any_unnamed = TRUE;
    }
  /* A job without a NOC may be in any eligible one, so each is worth trying. */
  if (any_unnamed && query->nocs != NULL)
    for (guint i = 0; query->nocs[i] != NULL; i++)
      g_ptr_array_add (nocs, (gpointer) query->nocs[i]);

  if (nocs->len > 1)
    qsort (nocs->pdata, nocs->len, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < nocs->len; i++)
    if (n_unique == 0 || strcmp (nocs->pdata[n_unique - 1], nocs->pdata[i]) != 0)
      nocs->pdata[n_unique++] = nocs->pdata[i];
  g_ptr_array_set_size (nocs, n_unique);
  return g_steal_pointer (&nocs);
}

void
dossier_experience_compute (const DossierRecords         *records,
                            const DossierExperienceQuery *query,
                            DossierExperienceResult      *result)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) nocs = NULL;
  g_autofree NoteFlags *flags = NULL;
  g_autofree Span *known = NULL;
  g_autofree Span *possible = NULL;
  g_autofree guint *counted_days = NULL;
  g_autofree DossierDay *bounds = NULL;
  g_autofree Run *runs = NULL;
  Sweep sweep;
  Limits limits;
  guint n_jobs, n_known = 0, n_possible = 0;
  const char *best_known_noc = NULL, *best_possible_noc = NULL;

  g_return_if_fail (result != NULL);
  memset (result, 0, sizeof *result);
  g_return_if_fail (records != NULL);
  g_return_if_fail (query != NULL);
  g_return_if_fail (query->window_last != DOSSIER_DAY_UNKNOWN);

  notes = g_ptr_array_new_with_free_func (note_free);
  n_jobs = records->jobs != NULL ? records->jobs->len : 0;

  limits.min_hours = query->min_hours_per_week;
  limits.window_first = MAX (query->window_first, 1);
  limits.window_last = query->window_last;
  limits.adult = DOSSIER_DAY_UNKNOWN;
  limits.known_first = limits.window_first;
  limits.possible_first = limits.window_first;
  if (query->min_age > 0)
    {
      if (records->applicant.birth_date != DOSSIER_DAY_UNKNOWN)
        {
          limits.adult = dossier_day_add_years (records->applicant.birth_date,
                                                query->min_age);
          limits.known_first = MAX (limits.known_first, limits.adult);
          limits.possible_first = limits.known_first;
        }
      else
        {
          /* Any day might be before the birthday, so the known figure proves none. */
          limits.known_first = limits.window_last + 1;
          add_note (notes, NULL, BIRTH_DATE_FIELD,
                    g_strdup_printf ("date of birth not given; only work from age %d "
                                     "counts", query->min_age));
        }
    }

  flags = g_new0 (NoteFlags, MAX (n_jobs, 1));
  known = g_new0 (Span, MAX (n_jobs, 1));
  possible = g_new0 (Span, MAX (n_jobs, 1));
  counted_days = g_new0 (guint, MAX (n_jobs, 1));
  bounds = g_new0 (DossierDay, 2 * MAX (n_jobs, 1));
  runs = g_new0 (Run, 2 * MAX (n_jobs, 1));
  sweep = (Sweep) { bounds, runs, 0 };

  for (guint i = 0; i < n_jobs; i++)
    {
      const DossierJob *job = g_ptr_array_index (records->jobs, i);

      flags[i] = classify_job (job, query, &limits);
      if (job_span (job, i, flags[i], FALSE, &limits, query->combine_nocs, &known[n_known]))
        n_known++;
      if (job_span (job, i, flags[i], TRUE, &limits, query->combine_nocs,
                    &possible[n_possible]))
        n_possible++;
    }

  if (query->combine_nocs)
    {
      count_group (known, n_known, NULL, limits.min_hours, &sweep, &result->known);
      for (guint i = 0; i < n_known; i++)
        counted_days[known[i].job] = overlap_days (&known[i], sweep.runs, sweep.n_runs);
      count_group (possible, n_possible, NULL, limits.min_hours, &sweep, &result->possible);
    }
  else
    {
      gboolean have_known = FALSE, have_possible = FALSE;

      nocs = collect_nocs (possible, n_possible, query);
      /* With no NOC named anywhere, the unnamed jobs are one NOC of their own. */
      if (nocs->len == 0)
        g_ptr_array_add (nocs, NULL);
      for (guint g = 0; g < nocs->len; g++)
        {
          const char *noc = g_ptr_array_index (nocs, g);
          DossierExperienceFigure figure;

          count_group (known, n_known, noc, limits.min_hours, &sweep, &figure);
          /* Known spans always name their NOC here, so each is counted in one group. */
          for (guint i = 0; i < n_known; i++)
            if (noc == NULL || g_strcmp0 (known[i].noc, noc) == 0)
              counted_days[known[i].job] = overlap_days (&known[i], sweep.runs, sweep.n_runs);
          if (!have_known || figure_better (&figure, &result->known, query->continuous))
            {
              result->known = figure;
              best_known_noc = noc;
              have_known = TRUE;
            }

          count_group (possible, n_possible, noc, limits.min_hours, &sweep, &figure);
          if (!have_possible || figure_better (&figure, &result->possible, query->continuous))
            {
              result->possible = figure;
              best_possible_noc = noc;
              have_possible = TRUE;
            }
        }
      /* A figure that counts nothing counts no NOC either. */
      if (result->known.cumulative_days > 0)
        result->known.noc = g_strdup (best_known_noc);
      if (result->possible.cumulative_days > 0)
        result->possible.noc = g_strdup (best_possible_noc);
    }

  /* Jobs that count on paper but not (fully) in the sum: too few hours, or another NOC. */
  for (guint i = 0; i < n_known; i++)
    {
      const Span *span = &known[i];
      guint span_days = span->last - span->first + 1;

      if (!query->combine_nocs && best_known_noc != NULL && result->known.cumulative_days > 0
          && g_strcmp0 (span->noc, best_known_noc) != 0)
        flags[span->job] |= NOTE_OTHER_NOC;
      else if (counted_days[span->job] == 0)
        flags[span->job] |= NOTE_HOURS_SHORT;
      else if (counted_days[span->job] < span_days)
        flags[span->job] |= NOTE_HOURS_PARTLY_SHORT;
    }

  for (guint i = 0; i < n_jobs; i++)
    emit_notes (notes, g_ptr_array_index (records->jobs, i), flags[i], query, &limits,
                best_known_noc);

  result->notes = g_steal_pointer (&notes);
}

void
dossier_experience_result_clear (DossierExperienceResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->known.noc, g_free);
  g_clear_pointer (&result->possible.noc, g_free);
  g_clear_pointer (&result->notes, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}
