/* dossier-autosave.h: writes a profile's changes to its file soon after they are made
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

/* The longest an autosave waits after a change, and its default delay (milliseconds). */
#define DOSSIER_AUTOSAVE_MAX_DELAY     2000
#define DOSSIER_AUTOSAVE_DEFAULT_DELAY 1000

typedef enum
{
  DOSSIER_WRITE_DEFAULT     = 0,
  DOSSIER_WRITE_BACKUP      = 1 << 0,   /* the file replaced is kept as FILE~ */
  DOSSIER_WRITE_NO_REPLACE  = 1 << 1,   /* fail with G_IO_ERROR_EXISTS if FILE exists */
  DOSSIER_WRITE_PRIVATE     = 1 << 2,   /* the file must be readable by its owner only */
} DossierWriteFlags;

/* The atomic write every profile file goes through: a temporary file in the same
 * folder, written, flushed to disk, renamed over FILE, and the folder flushed. On error
 * FILE is untouched. Blocking: call it from a worker thread. */
gboolean  dossier_write_file_atomic (const char         *path,
                                     const char         *data,
                                     gsize               length,
                                     DossierWriteFlags   flags,
                                     GError            **error);
/* FILE~: where the previous good copy of FILE is kept. */
char     *dossier_backup_path       (const char         *path) G_GNUC_WARN_UNUSED_RESULT;
/* Puts FILE~ back as FILE, after checking that it loads; the damaged FILE is kept as
 * FILE.damaged. Blocking. */
gboolean  dossier_restore_backup    (const char         *path,
                                     GError            **error);

#define DOSSIER_TYPE_AUTOSAVE (dossier_autosave_get_type ())

G_DECLARE_FINAL_TYPE (DossierAutosave, dossier_autosave, DOSSIER, AUTOSAVE, GObject)

DossierAutosave *dossier_autosave_new            (DossierProfile       *profile,
                                                  const char           *path) G_GNUC_WARN_UNUSED_RESULT;

DossierProfile  *dossier_autosave_get_profile    (DossierAutosave      *self);
const char      *dossier_autosave_get_path       (DossierAutosave      *self);
guint            dossier_autosave_get_delay      (DossierAutosave      *self);
void             dossier_autosave_set_delay      (DossierAutosave      *self,
                                                  guint                 delay_ms);
gboolean         dossier_autosave_get_dirty      (DossierAutosave      *self);
GDateTime       *dossier_autosave_get_last_saved (DossierAutosave      *self);
const GError    *dossier_autosave_get_error      (DossierAutosave      *self);

/* Writes what is not written yet now rather than after the delay; completes when every
 * change made before the call is on disk (or could not be written). */
void             dossier_autosave_flush_async    (DossierAutosave      *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         dossier_autosave_flush_finish   (DossierAutosave      *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* The same, blocking: for when the application quits and there is no main loop left. */
gboolean         dossier_autosave_flush          (DossierAutosave      *self,
                                                  GError              **error);

G_END_DECLS
