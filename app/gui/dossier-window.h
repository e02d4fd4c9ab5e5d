/* dossier-window.h: the main window, the list of clients and one client's wizard
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-application.h"
#include "dossier-autosave.h"
#include "dossier-client-list.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_WINDOW (dossier_window_get_type ())

G_DECLARE_FINAL_TYPE (DossierWindow, dossier_window, DOSSIER, WINDOW, AdwApplicationWindow)

DossierWindow     *dossier_window_new             (DossierApplication *application) G_GNUC_WARN_UNUSED_RESULT;

/* Opens a .dossier where it is (autosaved there); a file of the clients folder opens as
 * that client. A damaged file is never opened silently: its previous copy is offered. */
void               dossier_window_open_file       (DossierWindow      *self,
                                                   GFile              *file);
void               dossier_window_open_client     (DossierWindow      *self,
                                                   DossierClient      *client);
/* Writes the client's changes, then shows the list with that client focused. */
void               dossier_window_show_clients    (DossierWindow      *self);
/* Writes the open client's changes now, blocking (the application is quitting). */
void               dossier_window_flush           (DossierWindow      *self);
/* Shows what @from shows (the same client, step and as-of day, the deletions that can
 * still be undone) and takes it: @from is destroyed after. FALSE if the client's changes
 * cannot be written first. */
gboolean           dossier_window_take_over       (DossierWindow      *self,
                                                   DossierWindow      *from,
                                                   GError            **error);

void               dossier_window_show_error      (DossierWindow      *self,
                                                   const char         *heading,
                                                   const char         *message);

/* "clients" or "client". */
const char        *dossier_window_get_page        (DossierWindow      *self);
gboolean           dossier_window_is_showing_path (DossierWindow      *self,
                                                   const char         *path);
/* Showing the list, nothing loading: the window can take a file to open. */
gboolean           dossier_window_is_idle         (DossierWindow      *self);

DossierClientList *dossier_window_get_client_list (DossierWindow      *self);
DossierProfile    *dossier_window_get_profile     (DossierWindow      *self);
DossierAutosave   *dossier_window_get_autosave    (DossierWindow      *self);

G_END_DECLS
