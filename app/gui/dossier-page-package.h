/* dossier-page-package.h: the wizard's "Package" step
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_PACKAGE (dossier_page_package_get_type ())

G_DECLARE_FINAL_TYPE (DossierPagePackage, dossier_page_package, DOSSIER, PAGE_PACKAGE, AdwBin)

G_END_DECLS
