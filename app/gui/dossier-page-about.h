/* dossier-page-about.h: the wizard's "About" step
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_ABOUT (dossier_page_about_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageAbout, dossier_page_about, DOSSIER, PAGE_ABOUT, AdwBin)

G_END_DECLS
