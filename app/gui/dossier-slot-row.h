/* dossier-slot-row.h: one document slot of the checklist, with its files, their checks
 * and validity, and what can be done about them
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-readiness.h"

G_BEGIN_DECLS

/* One <document> of the profile that belongs to the slot. */
typedef struct
{
  char                      *origin_path;   /* "/dossier/documents/document[3]" */
  char                      *file;          /* as the profile gives it */
  char                      *resolved;      /* absolute */
  const DossierDocumentInfo *info;          /* the inspection, NULL if it could not be read */
} DossierSlotFile;

void dossier_slot_file_free (DossierSlotFile *file);

#define DOSSIER_TYPE_SLOT_ROW (dossier_slot_row_get_type ())

G_DECLARE_FINAL_TYPE (DossierSlotRow, dossier_slot_row, DOSSIER, SLOT_ROW, AdwExpanderRow)

GtkWidget  *dossier_slot_row_new            (const char              *key);
const char *dossier_slot_row_get_key        (DossierSlotRow          *self);
/* files: (element-type DossierSlotFile); thumbnails: resolved path -> GdkTexture. */
void        dossier_slot_row_update         (DossierSlotRow          *self,
                                             const DossierSlotStatus *status,
                                             GPtrArray               *files,
                                             GHashTable              *thumbnails,
                                             DossierDay               as_of);
/* The state as the row says it ("Required · Ready: 1 file"). */
const char *dossier_slot_row_get_summary    (DossierSlotRow          *self);
void        dossier_slot_row_set_fitting    (DossierSlotRow          *self,
                                             gboolean                 fitting);
/* The outcome of "Make it fit": what was done and where (path NULL on failure). */
void        dossier_slot_row_set_fit_result (DossierSlotRow          *self,
                                             const char              *message,
                                             const char              *path);
const char *dossier_slot_row_get_fit_result (DossierSlotRow          *self);

G_END_DECLS
