/* dossier-page-work.h: the wizard's "Work" step
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_WORK (dossier_page_work_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageWork, dossier_page_work, DOSSIER, PAGE_WORK, AdwBin)

G_END_DECLS
