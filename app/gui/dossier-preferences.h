/* dossier-preferences.h: the preferences window
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_PREFERENCES (dossier_preferences_get_type ())

G_DECLARE_FINAL_TYPE (DossierPreferences, dossier_preferences, DOSSIER, PREFERENCES, AdwPreferencesWindow)

/* Every row is bound to @settings (schema APP_ID): changes apply at once. */
DossierPreferences *dossier_preferences_new (GSettings *settings) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
