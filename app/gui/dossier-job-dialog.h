/* dossier-job-dialog.h: adding or editing one job of the work history
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-noc-picker.h"
#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_JOB_DIALOG (dossier_job_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DossierJobDialog, dossier_job_dialog, DOSSIER, JOB_DIALOG, AdwWindow)

/* Edits the profile as the user types, so that each field's problems show beside it;
 * Cancel puts back what was there (or removes the new job). job_id NULL adds a job. */
DossierJobDialog *dossier_job_dialog_new          (DossierProfile   *profile,
                                                   const char       *job_id);
const char       *dossier_job_dialog_get_job_id   (DossierJobDialog *self);
/* The "job.done" and "job.cancel" actions. */
void              dossier_job_dialog_done         (DossierJobDialog *self);
void              dossier_job_dialog_cancel       (DossierJobDialog *self);
/* A field's editing widget ("employer", "start", "hours-per-week", "setting", "duties"
 * ...): an AdwEntryRow, AdwComboRow, GtkTextView, or the NOC row's menu button. */
GtkWidget        *dossier_job_dialog_get_field    (DossierJobDialog *self,
                                                   const char       *name);
/* The message shown beside a field, NULL when it has none. */
const char       *dossier_job_dialog_get_problem  (DossierJobDialog *self,
                                                   const char       *name);
DossierNocPicker *dossier_job_dialog_get_noc_picker (DossierJobDialog *self);
GtkSwitch        *dossier_job_dialog_get_current_switch (DossierJobDialog *self);

/* The main duties of the chosen NOC under the description: TRUE while the description
 * waits to be compared again (a pause in the typing, then a thread). */
gboolean          dossier_job_dialog_get_duties_pending (DossierJobDialog *self);
/* The sentence that sums the comparison up, NULL when no NOC is chosen. */
const char       *dossier_job_dialog_get_duties_summary (DossierJobDialog *self);
/* The duties shown, every list of the NOC in order; each row with whether the
 * description covers it and its Insert button. */
guint             dossier_job_dialog_get_n_duties       (DossierJobDialog *self);
AdwActionRow     *dossier_job_dialog_get_duty_row       (DossierJobDialog *self,
                                                         guint             index,
                                                         gboolean         *covered,
                                                         GtkButton       **insert);

/* Removes a job and all its fields from the profile. */
gboolean          dossier_job_remove              (DossierProfile   *profile,
                                                   const char       *job_id,
                                                   GError          **error);

/* A calendar button for a date field: the calendar opens on the field's date and
 * writes the chosen day into it as YYYY-MM-DD. */
GtkWidget        *dossier_date_button_new         (GtkEditable      *target,
                                                   const char       *accessible_label);

G_END_DECLS
