/* dossier-wizard.h: the steps of one client's application, beside a list of them
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-evaluation.h"
#include "dossier-profile.h"

G_BEGIN_DECLS

/* The program a profile is checked against until one is chosen. */
#define DOSSIER_WIZARD_DEFAULT_PROGRAM "hcwip-child-care"

typedef enum
{
  DOSSIER_STEP_EMPTY,
  DOSSIER_STEP_IN_PROGRESS,
  DOSSIER_STEP_DONE,
  DOSSIER_STEP_PROBLEM,
} DossierStepStatus;

#define DOSSIER_TYPE_WIZARD (dossier_wizard_get_type ())

G_DECLARE_FINAL_TYPE (DossierWizard, dossier_wizard, DOSSIER, WIZARD, AdwBin)

/* The window owns the profile and its autosave; the wizard shows and edits it. Emits
 * ::back-to-clients when the user asks for the client list. */
void                     dossier_wizard_set_profile     (DossierWizard  *self,
                                                         DossierProfile *profile);
DossierProfile          *dossier_wizard_get_profile     (DossierWizard  *self);

/* Steps by id: "program", "about", "work", "training", "language", "education",
 * "offer", "documents", "review", "package". Opening a step focuses its first field. */
const char              *dossier_wizard_get_step        (DossierWizard  *self);
void                     dossier_wizard_open_step       (DossierWizard  *self,
                                                         const char     *step);
DossierStepStatus        dossier_wizard_get_step_status (DossierWizard  *self,
                                                         const char     *step);
/* Opens the step that holds the field (a path as problems and evaluations give it) and
 * focuses it; FALSE when no row edits it (the step's first field has the focus then). */
gboolean                 dossier_wizard_focus_field     (DossierWizard  *self,
                                                         const char     *absolute_path);

/* The day the checks are projected to: the next opening of the program, or today,
 * unless the user chose one (DOSSIER_DAY_UNKNOWN goes back to that default). */
DossierDay               dossier_wizard_get_as_of       (DossierWizard  *self);
void                     dossier_wizard_set_as_of       (DossierWizard  *self,
                                                         DossierDay      as_of);
/* The day the user chose; DOSSIER_DAY_UNKNOWN when it is the default one. */
DossierDay               dossier_wizard_get_chosen_as_of (DossierWizard *self);

/* The latest check, or NULL before the first; valid until the next change. */
const DossierEvaluation *dossier_wizard_get_evaluation  (DossierWizard  *self);
/* Runs the pending check now instead of in an idle (tests). */
void                     dossier_wizard_check_now       (DossierWizard  *self);

const char              *dossier_wizard_step_for_kind   (const char     *rule_kind);
const char              *dossier_wizard_step_for_path   (const char     *absolute_path);

G_END_DECLS
