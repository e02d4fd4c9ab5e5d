/* dossier-evaluation.h: a profile judged against a rule pack on an as-of date
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dossier-pack-private.h"
#include "dossier-records.h"

G_BEGIN_DECLS

typedef enum
{
  DOSSIER_VERDICT_ELIGIBLE,
  DOSSIER_VERDICT_NOT_ELIGIBLE,
  DOSSIER_VERDICT_INCOMPLETE,
} DossierVerdict;

/* Something the profile lacks that would let a rule decide. */
typedef struct
{
  char  *what[DOSSIER_N_LANGS];   /* "hours per week of job j1" */
  char  *path;                    /* where it goes in the profile */
  guint  line;                    /* where the record is, 0 if it does not exist yet */
} DossierMissing;

/* A remark in both report languages. */
typedef struct
{
  char *text[DOSSIER_N_LANGS];
} DossierNote;

typedef struct
{
  const DossierRule        *rule;
  const DossierRuleVersion *version;        /* NULL when no version is in effect */
  DossierOutcome            outcome;
  char                     *message[DOSSIER_N_LANGS];
  GPtrArray                *evidence;       /* char *: the values used and thresholds */
  GPtrArray                *missing;        /* DossierMissing */
  GPtrArray                *unverified;     /* DossierNote: values not confirmed */
  GPtrArray                *sources;        /* const DossierSource * */
} DossierRuleResult;

typedef struct
{
  DossierPack         *pack;
  DossierDay           as_of;
  DossierProgramState  state;
  const char          *state_note[DOSSIER_N_LANGS];
  DossierVerdict       verdict;
  GPtrArray           *results;             /* DossierRuleResult */
} DossierEvaluation;

/* Evaluation reads only immutable data and may run in a worker thread. */
DossierEvaluation *dossier_evaluate             (DossierPack          *pack,
                                                 const DossierRecords *records,
                                                 DossierDay            as_of);
void               dossier_evaluation_free      (DossierEvaluation    *evaluation);
const char        *dossier_verdict_to_string    (DossierVerdict        verdict);
const DossierRuleResult *dossier_evaluation_find (DossierEvaluation   *evaluation,
                                                  const char          *rule_id);

/* A checklist slot's condition, for the job or credential the slot is about (either may
 * be NULL). What it lacks is added to missing (DossierMissing) when not NULL. */
DossierOutcome     dossier_evaluate_condition   (DossierPack             *pack,
                                                 const DossierPredicate  *condition,
                                                 const DossierRecords    *records,
                                                 const DossierJob        *job,
                                                 const DossierCredential *credential,
                                                 DossierDay               as_of,
                                                 GPtrArray               *missing);
void               dossier_missing_free         (DossierMissing          *missing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierEvaluation, dossier_evaluation_free)

G_END_DECLS
