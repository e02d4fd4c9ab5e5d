/* dossier-experience.h: counting work experience over dated, overlapping jobs
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dossier-records.h"

G_BEGIN_DECLS

/* What counts. Every list is NULL-terminated; a NULL list means "any". */
typedef struct
{
  const char * const *nocs;
  const char * const *settings;          /* job <setting> values accepted */
  DossierDay          window_first;      /* first day that can count (included) */
  DossierDay          window_last;       /* last day that can count (included) */
  DossierDay          birth_date;        /* with min_age: days before that birthday do not count */
  int                 min_age;
  double              min_hours_per_week;  /* summed over concurrent qualifying jobs */
  gboolean            canadian_only;
  gboolean            require_authorized;  /* Canadian work must have been authorized */
  gboolean            exclude_full_time_student;
  gboolean            combine_nocs;        /* FALSE: each NOC is counted on its own */
  gboolean            continuous;          /* with combine_nocs FALSE, which figure picks the
                                            * best NOC: TRUE the longest run, FALSE the total */
} DossierExperienceQuery;

/* One figure, counted two ways: "known" counts only what the profile proves, "possible"
 * also counts every job whose missing data could still make it count. A rule passes on
 * the known figure, fails when even the possible one falls short, and is unknown in
 * between. */
typedef struct
{
  int         continuous_months;    /* longest run of qualifying days, in whole months */
  DossierDay  continuous_first;
  DossierDay  continuous_last;
  int         cumulative_months;    /* all qualifying days, see dossier-experience.c */
  int         cumulative_days;
  char       *noc;                  /* the NOC counted when combine_nocs is FALSE */
} DossierExperienceFigure;

typedef struct
{
  char *job_id;
  char *reason;   /* English, for explanations: "hours per week not given" */
  char *field;    /* the missing or disqualifying field's path, or NULL */
  guint line;
} DossierExperienceNote;

typedef struct
{
  DossierExperienceFigure  known;
  DossierExperienceFigure  possible;
  GPtrArray               *notes;     /* DossierExperienceNote: why each job did not (fully) count */
} DossierExperienceResult;

/* result is overwritten: pass a zeroed or cleared one, and clear it when done.
 * window_last must be known; an ongoing job is counted up to it. */
void dossier_experience_compute     (const DossierRecords         *records,
                                     const DossierExperienceQuery *query,
                                     DossierExperienceResult      *result);
void dossier_experience_result_clear (DossierExperienceResult     *result);

G_END_DECLS
