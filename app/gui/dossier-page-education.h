/* dossier-page-education.h: the wizard's "Education" step
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_EDUCATION (dossier_page_education_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageEducation, dossier_page_education, DOSSIER, PAGE_EDUCATION, AdwBin)

G_END_DECLS
