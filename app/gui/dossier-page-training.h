/* dossier-page-training.h: the wizard's "Training" step
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_TRAINING (dossier_page_training_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageTraining, dossier_page_training, DOSSIER, PAGE_TRAINING, AdwBin)

G_END_DECLS
