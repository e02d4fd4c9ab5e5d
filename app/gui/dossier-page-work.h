/* dossier-page-work.h: the wizard's "Work" step: the work history, one job at a time
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-job-dialog.h"
#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_WORK (dossier_page_work_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageWork, dossier_page_work, DOSSIER, PAGE_WORK, AdwBin)

/* Opens the job dialog (job_id NULL for a new job) and returns it. */
DossierJobDialog *dossier_page_work_open_job  (DossierPageWork *self,
                                               const char      *job_id);
/* The rows of the list, one per job (for tests). */
guint             dossier_page_work_get_n_rows (DossierPageWork *self);
const char       *dossier_page_work_get_row_title (DossierPageWork *self,
                                                   guint            index);

G_END_DECLS
