/* dossier-client-store.h: every client of the clients folder, as a list model
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dossier-client.h"
#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CLIENT_STORE (dossier_client_store_get_type ())

G_DECLARE_FINAL_TYPE (DossierClientStore, dossier_client_store, DOSSIER, CLIENT_STORE, GObject)

/* $XDG_DATA_HOME/dossier/clients */
char               *dossier_client_store_default_folder   (void) G_GNUC_WARN_UNUSED_RESULT;

DossierClientStore *dossier_client_store_new              (const char           *folder) G_GNUC_WARN_UNUSED_RESULT;

const char         *dossier_client_store_get_folder       (DossierClientStore   *self);
gboolean            dossier_client_store_get_loading      (DossierClientStore   *self);
DossierAsOfRule     dossier_client_store_get_as_of_rule   (DossierClientStore   *self);
void                dossier_client_store_set_as_of_rule   (DossierClientStore   *self,
                                                           DossierAsOfRule       rule);
const char         *dossier_client_store_get_language     (DossierClientStore   *self);
void                dossier_client_store_set_language     (DossierClientStore   *self,
                                                           const char           *lang);

/* Lists the folder (created with mode 0700 if need be) at once, then reads the
 * clients' summaries in worker threads; ::client-updated tells as each arrives.
 * Completes when the list is there, before the summaries. */
void                dossier_client_store_load_async       (DossierClientStore   *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean            dossier_client_store_load_finish      (DossierClientStore   *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

DossierClient      *dossier_client_store_find             (DossierClientStore   *self,
                                                           const char           *path);
gboolean            dossier_client_store_contains_path    (DossierClientStore   *self,
                                                           const char           *path);
/* Reads the client's summary again (after it was edited). */
void                dossier_client_store_refresh          (DossierClientStore   *self,
                                                           DossierClient        *client);
void                dossier_client_store_refresh_all      (DossierClientStore   *self);

/* A new client file, named after the applicant, holding @profile. */
void                dossier_client_store_create_async     (DossierClientStore   *self,
                                                           DossierProfile       *profile,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
/* A copy of a .dossier from anywhere (a USB stick), checked before it is copied. */
void                dossier_client_store_import_async     (DossierClientStore   *self,
                                                           GFile                *source,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void                dossier_client_store_duplicate_async  (DossierClientStore   *self,
                                                           DossierClient        *client,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
/* Finishes create, import and duplicate: the new client, already in the list. */
DossierClient      *dossier_client_store_add_finish       (DossierClientStore   *self,
                                                           GAsyncResult         *result,
                                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Writes a copy of the client's file to @destination (replacing it atomically). */
void                dossier_client_store_export_async     (DossierClientStore   *self,
                                                           DossierClient        *client,
                                                           GFile                *destination,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean            dossier_client_store_export_finish    (DossierClientStore   *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* Deleting can be undone until it is committed: the file (and its FILE~) is set aside
 * under a hidden name and the client leaves the list; undo puts both back; commit, or
 * the store's end, removes them for good. */
gboolean            dossier_client_store_delete           (DossierClientStore   *self,
                                                           DossierClient        *client,
                                                           GError              **error);
gboolean            dossier_client_store_undo_delete      (DossierClientStore   *self,
                                                           DossierClient        *client,
                                                           GError              **error);
void                dossier_client_store_commit_delete    (DossierClientStore   *self,
                                                           DossierClient        *client);

G_END_DECLS
