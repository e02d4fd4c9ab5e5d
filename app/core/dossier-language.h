/* dossier-language.h: designated language tests and their CLB/NCLC equivalences
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dossier-records.h"

G_BEGIN_DECLS

#define DOSSIER_LANGUAGE_ERROR (dossier_language_error_quark ())

typedef enum
{
  DOSSIER_LANGUAGE_ERROR_DATA,          /* the table file is unreadable or invalid */
  DOSSIER_LANGUAGE_ERROR_UNKNOWN_TEST,  /* a test kind the tables do not know */
  DOSSIER_LANGUAGE_ERROR_REJECTED,      /* a known test IRCC does not accept */
  DOSSIER_LANGUAGE_ERROR_OUT_OF_SCALE,  /* a score the test cannot give */
} DossierLanguageError;

/* The tables loaded from data/language/tests.xml; immutable, shared between threads. */
typedef struct _DossierLanguageTables DossierLanguageTables;
/* One designated test on one scale (TEF Canada has two). */
typedef struct _DossierTestScale DossierTestScale;

GQuark                  dossier_language_error_quark      (void);

DossierLanguageTables  *dossier_language_tables_load      (const char             *filename,
                                                           GError                **error);
/* The tables from the data folder, loaded once per process. */
DossierLanguageTables  *dossier_language_tables_get_default (GError              **error);
void                    dossier_language_tables_free      (DossierLanguageTables  *tables);

/* Finds a designated test. scale may be NULL for the test's default scale.
 * Returns NULL and sets error (UNKNOWN_TEST or REJECTED, with the reason) otherwise. */
const DossierTestScale *dossier_language_tables_lookup    (DossierLanguageTables  *tables,
                                                           const char             *kind,
                                                           const char             *scale,
                                                           GError                **error);

const char             *dossier_test_scale_get_kind       (const DossierTestScale *scale);
const char             *dossier_test_scale_get_scale      (const DossierTestScale *scale);
/* "en" or "fr"; falls back to English. */
const char             *dossier_test_scale_get_title      (const DossierTestScale *scale,
                                                           const char             *lang);
/* "CLB" for English tests, "NCLC" for French ones. */
const char             *dossier_test_scale_get_framework  (const DossierTestScale *scale);
/* NULL when verified; else why the values are not confirmed. */
const char             *dossier_test_scale_get_unverified (const DossierTestScale *scale);
/* The same note in a given language ("en" or "fr"), for reports. */
const char             *dossier_test_scale_get_unverified_in (const DossierTestScale *scale,
                                                              const char             *lang);
const char             *dossier_test_scale_get_source     (const DossierTestScale *scale);

/* The level (4-10) a score reaches, 0 below the lowest level the table defines.
 * Returns -1 and sets error OUT_OF_SCALE when the test cannot give that score. */
int                     dossier_test_scale_level          (const DossierTestScale *scale,
                                                           DossierAbility          ability,
                                                           double                  score,
                                                           GError                **error);
/* The scores the test can give for an ability: min to max in steps of step. */
void                    dossier_test_scale_get_range      (const DossierTestScale *scale,
                                                           DossierAbility          ability,
                                                           double                 *min,
                                                           double                 *max,
                                                           double                 *step);
/* The lowest score that reaches level, or NAN when the table does not define it. */
double                  dossier_test_scale_min_score      (const DossierTestScale *scale,
                                                           DossierAbility          ability,
                                                           int                     level);
/* "5.0" for IELTS, "352" for TEF: how the test prints a score. */
char                   *dossier_test_scale_format_score   (const DossierTestScale *scale,
                                                           double                  score) G_GNUC_WARN_UNUSED_RESULT;

const char             *dossier_ability_get_name          (DossierAbility          ability);
const char             *dossier_ability_get_title         (DossierAbility          ability,
                                                           const char             *lang);
gboolean                dossier_ability_from_name         (const char             *name,
                                                           DossierAbility         *out_ability);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierLanguageTables, dossier_language_tables_free)

G_END_DECLS
