/* dossier-duties.h: does a job's description cover the main duties of its NOC?
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dossier-noc.h"

G_BEGIN_DECLS

#define DOSSIER_DUTIES_ERROR (dossier_duties_error_quark ())

typedef enum
{
  DOSSIER_DUTIES_ERROR_NO_DUTIES,  /* the NOC is unknown, or the data has no duties for it */
} DossierDutiesError;

/* How the description's words were reduced to their dictionary forms. */
typedef enum
{
  DOSSIER_DUTIES_STEMS_HUNSPELL,   /* hunspell's stems (dossier-speller.h) */
  DOSSIER_DUTIES_STEMS_SUFFIXES,   /* no dictionary: simple suffix stripping, on both sides */
} DossierDutiesStems;

/* One duty: whether the description covers it, and the words that showed it. */
typedef struct
{
  const DossierNocDuty *duty;
  gboolean              covered;
  guint                 n_matched;   /* keys matched */
  guint                 n_keys;
  guint                 need;        /* keys needed */
  GPtrArray            *evidence;    /* char *: the description's words, as written */
} DossierDutyCoverage;

/* One list of the NOC's duties. "Most" is more than half (see dossier-duties.c). */
typedef struct
{
  const DossierNocDutyList *list;
  GPtrArray                *duties;    /* DossierDutyCoverage, in the list's order */
  guint                     n_covered;
  gboolean                  most;
} DossierDutyListCoverage;

typedef struct
{
  const DossierNoc    *noc;            /* from the process-wide table */
  char                *lang;           /* "en" or "fr": whose keys were used */
  gboolean             lang_guessed;   /* no language given: guessed from the words */
  DossierDutiesStems   stems;
  char                *stems_note;     /* why suffix stripping (no dictionary), or NULL */
  guint                n_words;        /* the description's words, stop-words aside */
  GPtrArray           *lists;          /* DossierDutyListCoverage, one per duty list */
  guint                best;           /* the list best covered, which the summary is about */
} DossierDutiesResult;

GQuark               dossier_duties_error_quark      (void);

/* Judges description (may be NULL or empty) against the main duties of NOC code.
 * lang is the description's language, "en" or "fr" ("en_CA", "fr-CA" also do); NULL
 * guesses it from the words. Reads only immutable data: any thread may call it. Fails
 * with DOSSIER_DUTIES_ERROR_NO_DUTIES when the data has no duties for code, or with the
 * NOC table's error when the data cannot be loaded. */
DossierDutiesResult *dossier_duties_check            (const char                *code,
                                                      const char                *description,
                                                      const char                *lang,
                                                      GError                   **error);
void                 dossier_duties_result_free      (DossierDutiesResult       *result);
const DossierDutyListCoverage *dossier_duties_result_get_best (const DossierDutiesResult *result);

/* TRUE when the data has main duties for code. */
gboolean             dossier_duties_known            (const char                *code);

/* "fr" when text has more French than English stop-words, else "en". */
const char          *dossier_duties_guess_language   (const char                *text);
/* The stop-words of lang ("en" or "fr"): words that never count ("the", "and", "of"). */
gboolean             dossier_duties_is_stop_word     (const char                *word,
                                                      const char                *lang);
/* The fallback stemmer, used when no dictionary is installed: word (lower-cased) with
 * its inflection stripped. */
char                *dossier_duties_strip_suffixes   (const char                *word,
                                                      const char                *lang) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierDutiesResult, dossier_duties_result_free)

G_END_DECLS
