/* dossier-application.h
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-client-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_APPLICATION (dossier_application_get_type ())

G_DECLARE_FINAL_TYPE (DossierApplication, dossier_application, DOSSIER, APPLICATION, AdwApplication)

DossierApplication *dossier_application_new          (void) G_GNUC_WARN_UNUSED_RESULT;

/* The application's settings (schema APP_ID) and the clients of the clients folder,
 * shared by every window. */
GSettings          *dossier_application_get_settings (DossierApplication *self);
DossierClientStore *dossier_application_get_store    (DossierApplication *self);

/* Language of the interface, "en" or "fr", for texts that come from the rule packs:
 * dossier_i18n_data_language (). */
const char         *dossier_application_get_language (void);

G_END_DECLS
