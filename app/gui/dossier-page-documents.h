/* dossier-page-documents.h: the wizard's "Documents" step: every slot of the program's
 * checklist with its files and their checks; attaching, removing and fitting files
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"
#include "dossier-slot-row.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_DOCUMENTS (dossier_page_documents_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageDocuments, dossier_page_documents, DOSSIER, PAGE_DOCUMENTS, AdwBin)

/* TRUE while the checklist is being checked (in a worker thread). */
gboolean        dossier_page_documents_get_busy     (DossierPageDocuments  *self);
/* Checks again now rather than after the pause that follows a change. */
void            dossier_page_documents_refresh      (DossierPageDocuments  *self);
/* The last check, counted for the wizard's list of steps; FALSE before the first. */
gboolean        dossier_page_documents_get_tally    (DossierPageDocuments  *self,
                                                     guint                 *n_required,
                                                     guint                 *n_required_done,
                                                     guint                 *n_with_problem,
                                                     guint                 *n_attached);
void            dossier_page_documents_set_as_of    (DossierPageDocuments  *self,
                                                     DossierDay             as_of);
/* Adds <document kind=… [job=…|credential=…|country=…] file=…> for the slot, the path
 * relative to the profile's folder when the file is inside it. slot_key is the slot's
 * id, then "/" and its instance (job id, credential id, country) if it has one:
 * "passport", "employment-letter/j1". */
gboolean        dossier_page_documents_attach       (DossierPageDocuments  *self,
                                                     const char            *slot_key,
                                                     GFile                 *file,
                                                     GError               **error);
DossierSlotRow *dossier_page_documents_get_slot_row (DossierPageDocuments  *self,
                                                     const char            *slot_key);

G_END_DECLS
