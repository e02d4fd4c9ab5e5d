/* dossier-client-row.h: one client in the start screen's list
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dossier-client.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CLIENT_ROW (dossier_client_row_get_type ())

G_DECLARE_FINAL_TYPE (DossierClientRow, dossier_client_row, DOSSIER, CLIENT_ROW, GtkWidget)

DossierClient *dossier_client_row_get_client     (DossierClientRow *self);
void           dossier_client_row_set_client     (DossierClientRow *self,
                                                  DossierClient    *client);

/* The texts the row shows, also used for its accessible description. */
char          *dossier_client_describe_readiness (DossierClient    *client) G_GNUC_WARN_UNUSED_RESULT;
char          *dossier_client_describe_expiry    (DossierClient    *client) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
