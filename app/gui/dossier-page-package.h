/* dossier-page-package.h: the wizard's last step: the submission package, written in a
 * worker thread with its progress, then checked
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

/* Where the application stands for this step, for the wizard's list of steps. */
typedef enum
{
  DOSSIER_PACKAGE_STATE_NOT_READY,   /* not eligible, or a needed document is missing */
  DOSSIER_PACKAGE_STATE_READY,       /* ready, not packaged since the last change */
  DOSSIER_PACKAGE_STATE_WRITTEN,     /* packaged and verified since the last change */
  DOSSIER_PACKAGE_STATE_FAILED,      /* the last packaging or its check failed */
} DossierPackageState;

void        dossier_page_package_set_destination (DossierPagePackage *self,
                                                  GFile              *file);
GFile      *dossier_page_package_get_destination (DossierPagePackage *self);
/* The "package.pack" and "package.pack-anyway" actions. */
void        dossier_page_package_start           (DossierPagePackage *self,
                                                  gboolean            force);
void        dossier_page_package_cancel          (DossierPagePackage *self);
void        dossier_page_package_set_as_of       (DossierPagePackage *self,
                                                  DossierDay          as_of);
/* TRUE while checking or packaging (property "busy"). */
gboolean    dossier_page_package_get_busy        (DossierPagePackage *self);
/* What the page says after packaging, for tests: the outcome, and the check of the
 * written archive; NULL before. */
gboolean    dossier_page_package_get_ready       (DossierPagePackage *self);
const char *dossier_page_package_get_result_text (DossierPagePackage *self);
const char *dossier_page_package_get_verify_text (DossierPagePackage *self);
gboolean    dossier_page_package_get_verified    (DossierPagePackage *self);
DossierPackageState dossier_page_package_get_state (DossierPagePackage *self);

G_END_DECLS
