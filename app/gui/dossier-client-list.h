/* dossier-client-list.h: the start screen's list of clients, with search and sort
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dossier-client-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CLIENT_LIST (dossier_client_list_get_type ())

G_DECLARE_FINAL_TYPE (DossierClientList, dossier_client_list, DOSSIER, CLIENT_LIST, GtkWidget)

DossierClientStore *dossier_client_list_get_store           (DossierClientList  *self);
void                dossier_client_list_set_store           (DossierClientList  *self,
                                                             DossierClientStore *store);
/* "name", "program", "readiness" or "expiry". */
const char         *dossier_client_list_get_sort_key        (DossierClientList  *self);
void                dossier_client_list_set_sort_key        (DossierClientList  *self,
                                                             const char         *sort_key);
const char         *dossier_client_list_get_search_text     (DossierClientList  *self);
void                dossier_client_list_set_search_text     (DossierClientList  *self,
                                                             const char         *text);

/* The clients shown, filtered and sorted, in order. */
GListModel         *dossier_client_list_get_visible         (DossierClientList  *self);
DossierClient      *dossier_client_list_get_selected_client (DossierClientList  *self);
/* Selects the client, scrolls to it and, if @focus, moves the keyboard focus to it. */
void                dossier_client_list_select_client       (DossierClientList  *self,
                                                             DossierClient      *client,
                                                             gboolean            focus);
void                dossier_client_list_focus_search        (DossierClientList  *self);
/* Focuses the selected client, else the first, else the search entry. */
void                dossier_client_list_focus_list          (DossierClientList  *self);
/* Sorts and filters again now rather than when the next summaries arrive (tests). */
void                dossier_client_list_update_now          (DossierClientList  *self);

G_END_DECLS
