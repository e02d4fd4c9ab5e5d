/* dossier-archive.h: writing and verifying the submission ZIP (libzip)
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DOSSIER_ARCHIVE_ERROR (dossier_archive_error_quark ())

typedef enum
{
  DOSSIER_ARCHIVE_ERROR_READ,         /* a source file cannot be read */
  DOSSIER_ARCHIVE_ERROR_WRITE,        /* the archive cannot be written (folder, disk full) */
  DOSSIER_ARCHIVE_ERROR_CANCELLED,
  DOSSIER_ARCHIVE_ERROR_INVALID,      /* not a ZIP, damaged, no manifest */
  DOSSIER_ARCHIVE_ERROR_PASSPHRASE,   /* encrypted and no or wrong passphrase */
} DossierArchiveError;

/* One file of the archive: from disk (streamed, never loaded whole) or from memory. */
typedef struct
{
  char     *name;          /* path inside the archive */
  char     *source_path;   /* or NULL ... */
  GBytes   *data;          /* ... and the content is here */
  gboolean  store;         /* TRUE: stored as is (already compressed); FALSE: deflated */
} DossierArchiveEntry;

DossierArchiveEntry *dossier_archive_entry_new_file  (const char *name,
                                                      const char *source_path,
                                                      gboolean    store);
DossierArchiveEntry *dossier_archive_entry_new_bytes (const char *name,
                                                      GBytes     *data,
                                                      gboolean    store);
void                 dossier_archive_entry_free      (DossierArchiveEntry *entry);

/* Called with bytes done / bytes total, from the writing thread. */
typedef void (*DossierProgressFunc) (guint64  done,
                                     guint64  total,
                                     gpointer user_data);

GQuark    dossier_archive_error_quark (void);

/* SHA-256 of a file, read in chunks, as lowercase hex. */
char     *dossier_archive_sha256_file  (const char           *path,
                                        GCancellable         *cancellable,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Whether deflating the file would make it smaller by at least 0.1%, judged from up to
 * three 64 KiB samples (start, middle, end) deflated as dossier_archive_write deflates.
 * Reads at most 192 KiB, so it is cheap enough to ask for every document. FALSE with
 * error set when the file cannot be read. */
gboolean  dossier_archive_worth_deflating (const char           *path,
                                           GError              **error);

/* Writes the entries, sorted by name, to out_path. Deterministic without a passphrase
 * (fixed timestamps and attributes, no extra fields): the same entries give the same
 * bytes. With a passphrase every entry is encrypted with WinZip AES-256, which 7-Zip and
 * other standard tools read (AES salts are random, so encrypted archives differ from run
 * to run). The archive is written to a temporary file beside out_path and renamed only
 * when complete: an error or a cancellation leaves nothing behind, and never touches the
 * sources. Entries to deflate (up to 32 MiB each) are deflated ahead on every processor
 * while the archive is written, and encrypted there too with a passphrase (stored and
 * larger entries are encrypted by libzip as it writes them); memory stays bounded (a few
 * such entries at a time) and does not grow with the number or the size of the files. */
gboolean  dossier_archive_write        (const char           *out_path,
                                        GPtrArray            *entries,
                                        const char           *passphrase,
                                        DossierProgressFunc   progress,
                                        gpointer              progress_data,
                                        GCancellable         *cancellable,
                                        GError              **error);

/* Reads one entry whole (manifest, profile): for small entries only. */
GBytes   *dossier_archive_read_entry   (const char           *archive_path,
                                        const char           *name,
                                        const char           *passphrase,
                                        GError              **error);

/* SHA-256 and size of every entry, streamed: name → "SIZE SHA256" (lowercase hex). */
GHashTable *dossier_archive_checksums  (const char           *archive_path,
                                        const char           *passphrase,
                                        GError              **error);

/* Whether any entry is encrypted (verify then needs the passphrase). */
gboolean  dossier_archive_is_encrypted (const char           *archive_path,
                                        GError              **error);

G_END_DECLS
