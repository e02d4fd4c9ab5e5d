/* dossier-wizard.h: the steps of one client's application, beside a list of them
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_WIZARD (dossier_wizard_get_type ())

G_DECLARE_FINAL_TYPE (DossierWizard, dossier_wizard, DOSSIER, WIZARD, AdwBin)

/* The window owns the profile and its autosave; the wizard shows and edits it. Emits
 * ::back-to-clients when the user asks for the client list. */
void            dossier_wizard_set_profile (DossierWizard  *self,
                                            DossierProfile *profile);
DossierProfile *dossier_wizard_get_profile (DossierWizard  *self);

G_END_DECLS
