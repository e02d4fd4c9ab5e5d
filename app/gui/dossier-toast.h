/* dossier-toast.h: toasts that never outlive their window mid-animation
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void  dossier_toast_add              (AdwToastOverlay *overlay,
                                      AdwToast        *toast);
void  dossier_toast_dismiss          (AdwToast        *toast);
guint dossier_toast_get_settle_delay (void);

G_END_DECLS
