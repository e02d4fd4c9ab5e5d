/* dossier-records.c: the typed view of an applicant profile
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "dossier-records.h"

static void
init_job_offer (DossierJobOffer *offer)
{
  offer->hours_per_week = NAN;
  offer->hourly_wage = NAN;
  offer->median_hourly_wage = NAN;
  offer->permanent = DOSSIER_ANSWER_UNSET;
  offer->seasonal = DOSSIER_ANSWER_UNSET;
}

/**
 * dossier_records_new:
 *
 * Creates an empty typed view: no applicant data, empty lists, no job offer. Every
 * record added to the lists is a single g_malloc()ed struct whose strings (and origin
 * path) live in @strings, so freeing a record is a g_free().
 */
DossierRecords *
dossier_records_new (void)
{
  DossierRecords *records = g_atomic_rc_box_new0 (DossierRecords);

  records->jobs = g_ptr_array_new_with_free_func (g_free);
  records->courses = g_ptr_array_new_with_free_func (g_free);
  records->language_tests = g_ptr_array_new_with_free_func (g_free);
  records->credentials = g_ptr_array_new_with_free_func (g_free);
  records->documents = g_ptr_array_new_with_free_func (g_free);
  records->strings = g_string_chunk_new (1024);
  init_job_offer (&records->offer);
  return records;
}

static void
dossier_records_clear (DossierRecords *records)
{
  g_clear_pointer (&records->jobs, g_ptr_array_unref);
  g_clear_pointer (&records->courses, g_ptr_array_unref);
  g_clear_pointer (&records->language_tests, g_ptr_array_unref);
  g_clear_pointer (&records->credentials, g_ptr_array_unref);
  g_clear_pointer (&records->documents, g_ptr_array_unref);
  g_clear_pointer (&records->strings, g_string_chunk_free);
}

/* Records are immutable once built and reference-counted, so that a check running in a
 * worker thread keeps its copy while the profile builds the next one. */
DossierRecords *
dossier_records_ref (DossierRecords *records)
{
  g_return_val_if_fail (records != NULL, NULL);

  return g_atomic_rc_box_acquire (records);
}

void
dossier_records_unref (DossierRecords *records)
{
  if (records == NULL)
    return;
  g_atomic_rc_box_release_full (records, (GDestroyNotify) dossier_records_clear);
}

void
dossier_records_free (DossierRecords *records)
{
  dossier_records_unref (records);
}
