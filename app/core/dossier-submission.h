/* dossier-submission.h: the submission-ready package, and checking one
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dossier-archive.h"
#include "dossier-fit.h"
#include "dossier-readiness.h"

G_BEGIN_DECLS

#define DOSSIER_SUBMISSION_ERROR (dossier_submission_error_quark ())

typedef enum
{
  DOSSIER_SUBMISSION_ERROR_NOT_READY,   /* refused: the message lists the reasons */
  DOSSIER_SUBMISSION_ERROR_FIT,         /* a slot's files cannot be made to fit */
} DossierSubmissionError;

#define DOSSIER_MANIFEST_NS "urn:dossier:manifest:1"

typedef struct
{
  const char          *lang;          /* "en" or "fr": the reports' language */
  const char          *passphrase;    /* NULL: not encrypted */
  gboolean             force;         /* package even when not ready */
  DossierPageSize      page_size;
  DossierProgressFunc  progress;
  gpointer             progress_data;
  GCancellable        *cancellable;
} DossierSubmissionOptions;

GQuark    dossier_submission_error_quark (void);

/* Packages the profile for the program: one file per slot (fitted beside the profile in
 * PROFILE-STEM.derived/), profile.xml (without the private notes), manifest.xml,
 * report.txt and report.pdf. Refuses a profile that is not ready unless options->force,
 * and then marks the reports NOT READY on their first line. */
gboolean  dossier_submission_pack        (DossierProfile                 *profile,
                                          DossierPack                    *pack,
                                          DossierDay                      as_of,
                                          const char                     *out_path,
                                          const DossierSubmissionOptions *options,
                                          DossierReadiness              **out_readiness,
                                          GError                        **error);

typedef enum
{
  DOSSIER_VERIFY_CHANGED,
  DOSSIER_VERIFY_MISSING,
  DOSSIER_VERIFY_EXTRA,
} DossierVerifyProblemKind;

typedef struct
{
  DossierVerifyProblemKind  kind;
  char                     *name;
} DossierVerifyProblem;

void      dossier_verify_problem_free    (DossierVerifyProblem *problem);

/* Recomputes every file's SHA-256 and size against manifest.xml. Returns FALSE with
 * error when the archive cannot be checked at all; otherwise TRUE, with one problem per
 * changed, missing or extra file (none: the archive is intact). */
gboolean  dossier_submission_verify      (const char                     *archive_path,
                                          const char                     *passphrase,
                                          GPtrArray                     **out_problems,
                                          guint                          *out_n_files,
                                          GError                        **error);

G_END_DECLS
