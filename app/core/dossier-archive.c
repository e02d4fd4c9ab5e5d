/* dossier-archive.c: writing and verifying the submission ZIP (libzip)
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <openssl/evp.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <zip.h>

#include "dossier-archive.h"

/* Big enough that reading a document is a few hundred system calls per megabyte, small
 * enough that memory does not depend on the documents. */
#define CHUNK_BYTES (64 * 1024)

/* dossier_archive_read_entry is for the manifest and the profile, which are a few
 * hundred kilobytes at most; the cap keeps a hostile archive from making us allocate
 * gigabytes. */
#define READ_ENTRY_MAX_BYTES (32 * 1024 * 1024)

/* The GUI redraws a progress bar; a thousand steps is smoother than the eye needs. */
#define PROGRESS_STEPS 1000

/* -rw-r--r--, a regular file: what every unzip tool expects, whatever the source's mode. */
#define ENTRY_UNIX_MODE (S_IFREG | 0644)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_t, zip_discard)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_file_t, zip_fclose)

G_DEFINE_QUARK (dossier-archive-error-quark, dossier_archive_error)

/* ------------------------------------------------------------------------------------
 * Entries
 */

DossierArchiveEntry *
dossier_archive_entry_new_file (const char *name,
                                const char *source_path,
                                gboolean    store)
{
  DossierArchiveEntry *entry;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (source_path != NULL, NULL);

  entry = g_new0 (DossierArchiveEntry, 1);
  entry->name = g_strdup (name);
  entry->source_path = g_strdup (source_path);
  entry->store = store;
  return entry;
}

DossierArchiveEntry *
dossier_archive_entry_new_bytes (const char *name,
                                 GBytes     *data,
                                 gboolean    store)
{
  DossierArchiveEntry *entry;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  entry = g_new0 (DossierArchiveEntry, 1);
  entry->name = g_strdup (name);
  entry->data = g_bytes_ref (data);
  entry->store = store;
  return entry;
}

void
dossier_archive_entry_free (DossierArchiveEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->source_path);
  g_clear_pointer (&entry->data, g_bytes_unref);
  g_free (entry);
}

/* ------------------------------------------------------------------------------------
 * SHA-256 of a file
 */

/* Opens a file for reading and checks that it is a regular file. O_NONBLOCK so that a
 * FIFO or a device given by mistake is refused instead of blocking us forever; it has no
 * effect on a regular file. */
static int
open_regular_file (const char   *path,
                   struct stat  *st,
                   GError      **error)
{
  int fd;
  int errsv;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      errsv = errno;
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ,
                   _("Cannot read “%s”: %s. Check that the document is still there, "
                     "or remove it from the application."),
                   path, g_strerror (errsv));
      return -1;
    }
  if (fstat (fd, st) != 0)
    {
      errsv = errno;
      g_close (fd, NULL);
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ,
                   _("Cannot read “%s”: %s."), path, g_strerror (errsv));
      return -1;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ,
                   _("Cannot read “%s”: it is not a regular file (a folder or a "
                     "device). Choose the document itself."),
                   path);
      return -1;
    }
  return fd;
}

/* SHA-256 through OpenSSL rather than GChecksum: OpenSSL uses the processor's SHA
 * instructions, five to ten times faster, and a package checksums every document twice
 * (to write the manifest, and to verify). libzip already links it for AES. */
typedef EVP_MD_CTX Sha256;

static Sha256 *
sha256_new (void)
{
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();

  if (ctx == NULL || EVP_DigestInit_ex (ctx, EVP_sha256 (), NULL) != 1)
    g_error ("OpenSSL cannot compute SHA-256");
  return ctx;
}

static void
sha256_update (Sha256       *ctx,
               gconstpointer data,
               gsize         length)
{
  EVP_DigestUpdate (ctx, data, length);
}

/* Lowercase hex; frees the context. */
static char *
sha256_finish (Sha256 *ctx)
{
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  GString *hex = g_string_sized_new (64);

  EVP_DigestFinal_ex (ctx, digest, &length);
  EVP_MD_CTX_free (ctx);
  for (unsigned int i = 0; i < length; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

static void
sha256_free (Sha256 *ctx)
{
  EVP_MD_CTX_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sha256, sha256_free)

static gboolean
checksum_fd (int            fd,
             const char    *path,
             Sha256        *checksum,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_BYTES);

  for (;;)
    {
      gssize n;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_CANCELLED,
                       _("Reading “%s” was cancelled."), path);
          return FALSE;
        }
      n = read (fd, buffer, CHUNK_BYTES);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          int errsv = errno;

          g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ,
                       _("Cannot read “%s”: %s."), path, g_strerror (errsv));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      sha256_update (checksum, buffer, n);
    }
}

char *
dossier_archive_sha256_file (const char    *path,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(Sha256) checksum = NULL;
  struct stat st;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = open_regular_file (path, &st, error);
  if (fd < 0)
    return NULL;
  checksum = sha256_new ();
  ok = checksum_fd (fd, path, checksum, cancellable, error);
  g_close (fd, NULL);
  if (!ok)
    return NULL;
  return sha256_finish (g_steal_pointer (&checksum));
}

/* ------------------------------------------------------------------------------------
 * Writing
 */

/* What zip_close reports through, from the writing thread. */
typedef struct
{
  DossierProgressFunc  func;
  gpointer             data;
  GCancellable        *cancellable;

  /* Where each entry starts, in bytes, in archive order; starts[n_entries] is the total. */
  guint64             *starts;
  guint                n_entries;
  guint64              total;
  guint64              step;
  guint64              reported;
} WriteState;

static void
report_progress (WriteState *state,
                 guint64     done)
{
  if (state->func == NULL || done <= state->reported)
    return;
  if (done < state->total && done - state->reported < state->step)
    return;
  state->reported = done;
  state->func (done, state->total, state->data);
}

static void
zip_progress_cb (zip_t  *za,
                 double  fraction,
                 void   *user_data)
{
  WriteState *state = user_data;
  double position;
  guint index;
  guint64 done;

  /* libzip gives every entry the same share of 0..1, whatever its size: a 200 MB scan
   * and a 2 kB manifest each count for 1/n. Turning the share back into bytes is what
   * makes the bar move evenly. */
  if (state->n_entries == 0)
    return;
  position = CLAMP (fraction, 0.0, 1.0) * state->n_entries;
  index = (guint) position;
  if (index >= state->n_entries)
    done = state->total;
  else
    done = state->starts[index]
           + (guint64) ((position - index)
                        * (double) (state->starts[index + 1] - state->starts[index]));
  report_progress (state, MIN (done, state->total));
}

static int
zip_cancel_cb (zip_t *za,
               void  *user_data)
{
  WriteState *state = user_data;

  return g_cancellable_is_cancelled (state->cancellable) ? 1 : 0;
}

static int
compare_entries_by_name (gconstpointer a,
                         gconstpointer b)
{
  const DossierArchiveEntry *ea = *(DossierArchiveEntry * const *) a;
  const DossierArchiveEntry *eb = *(DossierArchiveEntry * const *) b;

  /* Bytes, not the locale's collation: the order must be the same on every machine. */
  return strcmp (ea->name, eb->name);
}

/* Names other tools will turn into paths when extracting: nothing that climbs out of the
 * destination or means something else on Windows. */
static gboolean
entry_name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name[0] == '\0' || name[0] == '/' || !g_utf8_validate (name, -1, NULL)
      || strchr (name, '\\') != NULL || g_str_has_suffix (name, "/"))
    return FALSE;
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_disk_full_errno (int errsv)
{
  return errsv == ENOSPC || errsv == EFBIG
#ifdef EDQUOT
         || errsv == EDQUOT
#endif
         ;
}

/* The folder problems a person can do something about, each with what to do. */
static void
set_folder_error (GError     **error,
                  const char  *out_path,
                  const char  *folder,
                  int          errsv)
{
  if (errsv == ENOENT)
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                 _("Cannot save “%s”: the folder “%s” does not exist. Choose an existing "
                   "folder, or create it first."),
                 out_path, folder);
  else if (errsv == ENOTDIR)
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                 _("Cannot save “%s”: “%s” is not a folder. Choose a folder to save "
                   "the archive in."),
                 out_path, folder);
  else if (errsv == EACCES || errsv == EPERM || errsv == EROFS)
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                 _("Cannot save “%s”: you cannot create files in the folder “%s” (%s). "
                   "Choose another folder, such as your Documents folder."),
                 out_path, folder, g_strerror (errsv));
  else if (is_disk_full_errno (errsv))
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                 _("Cannot save “%s”: there is not enough space in “%s” (%s). Free "
                   "some space or choose another disk; nothing was written."),
                 out_path, folder, g_strerror (errsv));
  else
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                 _("Cannot save “%s” in “%s”: %s. Choose another folder."),
                 out_path, folder, g_strerror (errsv));
}

/* Fails early, before anything is read, for a folder we will not be able to write in.
 * This is only a first answer: as root access() says yes to everything, so zip_close
 * remains the real test and its errors go through set_folder_error too. */
static gboolean
check_folder (const char  *out_path,
              const char  *folder,
              GError     **error)
{
  struct stat st;

  if (g_stat (folder, &st) != 0)
    {
      set_folder_error (error, out_path, folder, errno);
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      set_folder_error (error, out_path, folder, ENOTDIR);
      return FALSE;
    }
  if (access (folder, W_OK | X_OK) != 0)
    {
      set_folder_error (error, out_path, folder, errno);
      return FALSE;
    }
  if (g_stat (out_path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                   _("Cannot save “%s”: a folder has that name. Choose another name "
                     "for the archive."),
                   out_path);
      return FALSE;
    }
  return TRUE;
}

/* Sorted, named safely, no two alike: checked before anything is written. */
static GPtrArray *
sorted_entries (GPtrArray  *entries,
                GError    **error)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (entries->len);

  for (guint i = 0; i < entries->len; i++)
    {
      DossierArchiveEntry *entry = g_ptr_array_index (entries, i);

      g_return_val_if_fail (entry != NULL && entry->name != NULL, NULL);
      g_return_val_if_fail ((entry->source_path == NULL) != (entry->data == NULL), NULL);
      if (!entry_name_is_safe (entry->name))
        {
          g_autofree char *shown = g_utf8_make_valid (entry->name, -1);

          g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                       _("“%s” cannot be a name inside the archive: names are relative "
                         "paths with “/” between folders, without “..”, “\\” or empty "
                         "parts."),
                       shown);
          return NULL;
        }
      g_ptr_array_add (sorted, entry);
    }
  g_ptr_array_sort (sorted, compare_entries_by_name);
  for (guint i = 1; i < sorted->len; i++)
    {
      const DossierArchiveEntry *previous = g_ptr_array_index (sorted, i - 1);
      const DossierArchiveEntry *entry = g_ptr_array_index (sorted, i);

      if (g_str_equal (previous->name, entry->name))
        {
          g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                       _("Two documents would have the same name “%s” in the archive. "
                         "Rename one of them."),
                       entry->name);
          return NULL;
        }
    }
  return g_steal_pointer (&sorted);
}

/* Every source must be there before we start: a document moved away fails now, by name,
 * rather than after minutes of compressing the others. */
static gboolean
measure_sources (GPtrArray  *sorted,
                 guint64    *starts,
                 GError    **error)
{
  guint64 total = 0;

  for (guint i = 0; i < sorted->len; i++)
    {
      const DossierArchiveEntry *entry = g_ptr_array_index (sorted, i);

      starts[i] = total;
      if (entry->source_path != NULL)
        {
          struct stat st;
          int fd = open_regular_file (entry->source_path, &st, error);

          if (fd < 0)
            return FALSE;
          g_close (fd, NULL);
          total += (guint64) st.st_size;
        }
      else
        {
          total += g_bytes_get_size (entry->data);
        }
    }
  starts[sorted->len] = total;
  return TRUE;
}

/* The DOS timestamp 2000-01-01 00:00. zip_file_set_mtime converts with localtime(), so
 * the time_t is taken from mktime() in the same zone: the bytes are the same whatever the
 * machine's time zone. */
static time_t
fixed_mtime (void)
{
  struct tm tm = { 0, };

  tm.tm_year = 2000 - 1900;
  tm.tm_mon = 0;
  tm.tm_mday = 1;
  tm.tm_isdst = -1;
  return mktime (&tm);
}

static gboolean
add_entry (zip_t                     *za,
           const DossierArchiveEntry *entry,
           time_t                     mtime,
           const char                *passphrase,
           GPtrArray                 *keep_alive,
           GError                   **error)
{
  zip_source_t *source;
  zip_int64_t index;
  zip_error_t *ze;

  if (entry->source_path != NULL)
    {
      /* Read in small pieces while zip_close writes: never loaded whole. */
      source = zip_source_file (za, entry->source_path, 0, -1);
    }
  else
    {
      /* No copy: the GBytes stays alive in keep_alive until the archive is closed. */
      g_ptr_array_add (keep_alive, g_bytes_ref (entry->data));
      source = zip_source_buffer (za, g_bytes_get_data (entry->data, NULL),
                                  g_bytes_get_size (entry->data), 0);
    }
  if (source == NULL)
    goto failed;

  index = zip_file_add (za, entry->name, source, ZIP_FL_ENC_UTF_8);
  if (index < 0)
    {
      zip_source_free (source);
      goto failed;
    }

  /* No extra fields, fixed time and attributes: nothing of this machine or this moment
   * gets into the bytes. */
  if (zip_file_set_mtime (za, index, mtime, 0) != 0
      || zip_file_set_external_attributes (za, index, 0, ZIP_OPSYS_UNIX,
                                           (zip_uint32_t) ENTRY_UNIX_MODE << 16) != 0
      || zip_set_file_compression (za, index,
                                   entry->store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                   entry->store ? 0 : 6) != 0)
    goto failed;
  if (passphrase != NULL
      && zip_file_set_encryption (za, index, ZIP_EM_AES_256, passphrase) != 0)
    goto failed;
  return TRUE;

failed:
  ze = zip_get_error (za);
  g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
               _("Cannot add “%s” to the archive: %s."),
               entry->name, zip_error_strerror (ze));
  return FALSE;
}

/* zip_close failed on a read: find which document, for a message the person can act on. */
static void
set_source_error (GError     **error,
                  GPtrArray   *sorted,
                  zip_error_t *ze)
{
  for (guint i = 0; i < sorted->len; i++)
    {
      const DossierArchiveEntry *entry = g_ptr_array_index (sorted, i);
      struct stat st;
      int fd;

      if (entry->source_path == NULL)
        continue;
      fd = open_regular_file (entry->source_path, &st, error);
      if (fd < 0)
        return;
      g_close (fd, NULL);
    }
  g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ,
               _("A document could not be read while the archive was written (%s). Check "
                 "that no document was moved or changed, and try again."),
               zip_error_strerror (ze));
}

gboolean
dossier_archive_write (const char           *out_path,
                       GPtrArray            *entries,
                       const char           *passphrase,
                       DossierProgressFunc   progress,
                       gpointer              progress_data,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree guint64 *starts = NULL;
  g_autoptr(GPtrArray) keep_alive = NULL;
  g_autoptr(zip_t) za = NULL;
  zip_t *closing;
  WriteState state = { 0, };
  time_t mtime;
  int zerr = 0;

  g_return_val_if_fail (out_path != NULL, FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  /* libzip deletes an archive left with no entries instead of writing one, and an empty
   * submission is a mistake anyway. */
  g_return_val_if_fail (entries->len > 0, FALSE);
  /* An empty passphrase would look like protection and be none. */
  g_return_val_if_fail (passphrase == NULL || passphrase[0] != '\0', FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_CANCELLED,
                   _("Writing “%s” was cancelled; nothing was written."), out_path);
      return FALSE;
    }

  folder = g_path_get_dirname (out_path);
  if (!check_folder (out_path, folder, error))
    return FALSE;

  sorted = sorted_entries (entries, error);
  if (sorted == NULL)
    return FALSE;
  starts = g_new0 (guint64, sorted->len + 1);
  if (!measure_sources (sorted, starts, error))
    return FALSE;

  if (passphrase != NULL && !zip_encryption_method_supported (ZIP_EM_AES_256, 1))
    {
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                   _("Cannot encrypt “%s”: this installation’s libzip has no AES-256 "
                     "support. Save the archive without a passphrase, or install a "
                     "libzip built with OpenSSL or GnuTLS."),
                   out_path);
      return FALSE;
    }

  /* ZIP_TRUNCATE reads nothing of an existing archive; zip_close writes everything to
   * "<out_path>.XXXXXX" beside it and renames that over out_path only once complete, and
   * removes it on failure or cancellation. Until then an earlier archive of the same
   * name is left as it was. */
  za = zip_open (out_path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  if (za == NULL)
    {
      zip_error_t ze;

      zip_error_init_with_code (&ze, zerr);
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                   _("Cannot save “%s”: %s. Choose another folder or name."),
                   out_path, zip_error_strerror (&ze));
      zip_error_fini (&ze);
      return FALSE;
    }

  keep_alive = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  mtime = fixed_mtime ();
  for (guint i = 0; i < sorted->len; i++)
    {
      if (!add_entry (za, g_ptr_array_index (sorted, i), mtime, passphrase, keep_alive,
                      error))
        return FALSE;
    }

  state.func = progress;
  state.data = progress_data;
  state.cancellable = cancellable;
  state.starts = starts;
  state.n_entries = sorted->len;
  state.total = starts[sorted->len];
  state.step = MAX (state.total / PROGRESS_STEPS, 1);
  state.reported = 0;
  /* Precision 0: every step libzip takes reaches us, and report_progress decides what
   * the GUI sees, in bytes. */
  zip_register_progress_callback_with_state (za, 0.0, zip_progress_cb, NULL, &state);
  if (cancellable != NULL)
    zip_register_cancel_callback_with_state (za, zip_cancel_cb, NULL, &state);

  if (progress != NULL)
    progress (0, state.total, progress_data);

  closing = g_steal_pointer (&za);
  if (zip_close (closing) != 0)
    {
      zip_error_t *ze = zip_get_error (closing);
      int code = zip_error_code_zip (ze);
      int errsv = zip_error_system_type (ze) == ZIP_ET_SYS ? zip_error_code_system (ze) : 0;

      if (code == ZIP_ER_CANCELLED)
        g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_CANCELLED,
                     _("Writing “%s” was cancelled; nothing was written."), out_path);
      else if (is_disk_full_errno (errsv))
        set_folder_error (error, out_path, folder, errsv);
      else if (code == ZIP_ER_TMPOPEN
               && (errsv == ENOENT || errsv == ENOTDIR || errsv == EACCES || errsv == EPERM
                   || errsv == EROFS))
        set_folder_error (error, out_path, folder, errsv);
      else if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_CHANGED
               || code == ZIP_ER_NOENT)
        set_source_error (error, sorted, ze);
      else
        g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                     _("Cannot save “%s”: %s. Nothing was written; try again, or choose "
                       "another folder."),
                     out_path, zip_error_strerror (ze));
      /* Also frees the sources; the temporary file is already gone (zip_close removes
       * it when it fails). */
      zip_discard (closing);
      return FALSE;
    }

  /* The last call is always done == total, which is how the GUI knows it is over. */
  if (progress != NULL && state.reported < state.total)
    progress (state.total, state.total, progress_data);
  return TRUE;
}

/* ------------------------------------------------------------------------------------
 * Reading
 */

static zip_t *
open_for_reading (const char  *archive_path,
                  const char  *passphrase,
                  GError     **error)
{
  struct stat st;
  zip_t *za;
  int zerr = 0;

  if (g_stat (archive_path, &st) != 0)
    {
      int errsv = errno;

      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ,
                   _("Cannot open “%s”: %s."), archive_path, g_strerror (errsv));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                   _("“%s” is not a ZIP archive: it is a folder or a device."),
                   archive_path);
      return NULL;
    }

  /* CHECKCONS compares every local header with the central directory and refuses two
   * entries of the same name: what a verification wants. */
  za = zip_open (archive_path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  if (za == NULL)
    {
      zip_error_t ze;

      zip_error_init_with_code (&ze, zerr);
      if (zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ || zerr == ZIP_ER_NOENT
          || zerr == ZIP_ER_MEMORY)
        g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ,
                     _("Cannot open “%s”: %s."), archive_path, zip_error_strerror (&ze));
      else
        g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                     _("“%s” is not a ZIP archive, or it is damaged (%s). Use the "
                       "original archive or write it again."),
                     archive_path, zip_error_strerror (&ze));
      zip_error_fini (&ze);
      return NULL;
    }
  if (passphrase != NULL)
    zip_set_default_password (za, passphrase);
  return za;
}

static void
set_entry_error (GError      **error,
                 const char   *archive_path,
                 const char   *name,
                 zip_error_t  *ze,
                 gboolean      encrypted)
{
  g_autofree char *shown = g_utf8_make_valid (name, -1);
  int code = zip_error_code_zip (ze);

  if (code == ZIP_ER_NOPASSWD)
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_PASSPHRASE,
                 _("“%s” is encrypted: give its passphrase to read it."), archive_path);
  else if (code == ZIP_ER_WRONGPASSWD)
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_PASSPHRASE,
                 _("The passphrase for “%s” is wrong. Check it (letter case counts) and "
                   "try again."),
                 archive_path);
  else if (code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_COMPNOTSUPP)
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                 _("“%s” in “%s” uses a method Dossier cannot read (%s)."),
                 shown, archive_path, zip_error_strerror (ze));
  else if ((code == ZIP_ER_READ || code == ZIP_ER_SEEK || code == ZIP_ER_OPEN)
           && zip_error_system_type (ze) == ZIP_ET_SYS)
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ,
                 _("Cannot read “%s” in “%s”: %s."),
                 shown, archive_path, zip_error_strerror (ze));
  else if (encrypted)
    /* For AES a wrong passphrase that passes the 2-byte check (1 in 65,536) only shows as
     * an authentication failure at the end, which libzip reports like a damaged file. */
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                 _("“%s” in “%s” is damaged, or the passphrase is wrong (%s)."),
                 shown, archive_path, zip_error_strerror (ze));
  else
    g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                 _("“%s” in “%s” is damaged (%s). Use the original archive or write it "
                   "again."),
                 shown, archive_path, zip_error_strerror (ze));
}

static zip_file_t *
open_entry (zip_t       *za,
            zip_uint64_t index,
            const char  *archive_path,
            const char  *name,
            gboolean     encrypted,
            GError     **error)
{
  zip_file_t *zf = zip_fopen_index (za, index, 0);

  if (zf == NULL)
    set_entry_error (error, archive_path, name, zip_get_error (za), encrypted);
  return zf;
}

/* Reads to the end, which is where libzip checks the CRC (and the AES authentication
 * code): stopping at the announced size would skip both. */
static gboolean
read_entry_to_end (zip_file_t  *zf,
                   const char  *archive_path,
                   const char  *name,
                   gboolean     encrypted,
                   Sha256      *checksum,
                   GByteArray  *out,
                   guint64     *size,
                   GError     **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_BYTES);

  *size = 0;
  for (;;)
    {
      zip_int64_t n = zip_fread (zf, buffer, CHUNK_BYTES);

      if (n < 0)
        {
          set_entry_error (error, archive_path, name, zip_file_get_error (zf), encrypted);
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      *size += (guint64) n;
      if (checksum != NULL)
        sha256_update (checksum, buffer, (gsize) n);
      if (out != NULL)
        {
          if (*size > READ_ENTRY_MAX_BYTES)
            {
              g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                           _("“%s” in “%s” is larger than %d MB, far more than Dossier "
                             "writes there; the archive is damaged or not a Dossier "
                             "archive."),
                           name, archive_path, READ_ENTRY_MAX_BYTES / (1024 * 1024));
              return FALSE;
            }
          g_byte_array_append (out, buffer, (guint) n);
        }
    }
}

static gboolean
stat_entry (zip_t        *za,
            zip_uint64_t  index,
            const char   *archive_path,
            zip_stat_t   *st,
            GError      **error)
{
  zip_stat_init (st);
  if (zip_stat_index (za, index, 0, st) != 0 || !(st->valid & ZIP_STAT_NAME))
    {
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                   _("“%s” is damaged (%s). Use the original archive or write it again."),
                   archive_path, zip_error_strerror (zip_get_error (za)));
      return FALSE;
    }
  return TRUE;
}

static gboolean
stat_is_encrypted (const zip_stat_t *st)
{
  return (st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE;
}

GBytes *
dossier_archive_read_entry (const char  *archive_path,
                            const char  *name,
                            const char  *passphrase,
                            GError     **error)
{
  g_autoptr(zip_t) za = NULL;
  g_autoptr(zip_file_t) zf = NULL;
  g_autoptr(GByteArray) out = NULL;
  zip_stat_t st;
  zip_int64_t index;
  guint64 size;

  g_return_val_if_fail (archive_path != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  za = open_for_reading (archive_path, passphrase, error);
  if (za == NULL)
    return NULL;
  index = zip_name_locate (za, name, 0);
  if (index < 0)
    {
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                   _("“%s” has no “%s”: it is not a Dossier archive, or it is damaged."),
                   archive_path, name);
      return NULL;
    }
  if (!stat_entry (za, (zip_uint64_t) index, archive_path, &st, error))
    return NULL;

  zf = open_entry (za, (zip_uint64_t) index, archive_path, name, stat_is_encrypted (&st),
                   error);
  if (zf == NULL)
    return NULL;
  out = g_byte_array_sized_new ((st.valid & ZIP_STAT_SIZE) && st.size <= READ_ENTRY_MAX_BYTES
                                ? (guint) st.size : 0);
  if (!read_entry_to_end (zf, archive_path, name, stat_is_encrypted (&st), NULL, out, &size,
                          error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GHashTable *
dossier_archive_checksums (const char  *archive_path,
                           const char  *passphrase,
                           GError     **error)
{
  g_autoptr(zip_t) za = NULL;
  g_autoptr(GHashTable) sums = NULL;
  zip_int64_t n_entries;

  g_return_val_if_fail (archive_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  za = open_for_reading (archive_path, passphrase, error);
  if (za == NULL)
    return NULL;

  sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  n_entries = zip_get_num_entries (za, 0);
  for (zip_int64_t i = 0; i < n_entries; i++)
    {
      g_autoptr(zip_file_t) zf = NULL;
      g_autoptr(Sha256) checksum = NULL;
      zip_stat_t st;
      guint64 size;
      gboolean encrypted;

      if (!stat_entry (za, (zip_uint64_t) i, archive_path, &st, error))
        return NULL;
      /* Folders hold nothing to compare; Dossier writes none, other tools may. */
      if (g_str_has_suffix (st.name, "/"))
        continue;
      if (g_hash_table_contains (sums, st.name))
        {
          g_autofree char *shown = g_utf8_make_valid (st.name, -1);

          g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                       _("“%s” has two files named “%s”; it was not written by Dossier "
                         "or it was tampered with."),
                       archive_path, shown);
          return NULL;
        }

      encrypted = stat_is_encrypted (&st);
      zf = open_entry (za, (zip_uint64_t) i, archive_path, st.name, encrypted, error);
      if (zf == NULL)
        return NULL;
      checksum = sha256_new ();
      if (!read_entry_to_end (zf, archive_path, st.name, encrypted, checksum, NULL, &size,
                              error))
        return NULL;
      {
        g_autofree char *hex = sha256_finish (g_steal_pointer (&checksum));

        g_hash_table_insert (sums, g_strdup (st.name),
                             g_strdup_printf ("%" G_GUINT64_FORMAT " %s", size, hex));
      }
    }
  return g_steal_pointer (&sums);
}

gboolean
dossier_archive_is_encrypted (const char  *archive_path,
                              GError     **error)
{
  g_autoptr(zip_t) za = NULL;
  zip_int64_t n_entries;

  g_return_val_if_fail (archive_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  za = open_for_reading (archive_path, NULL, error);
  if (za == NULL)
    return FALSE;
  n_entries = zip_get_num_entries (za, 0);
  for (zip_int64_t i = 0; i < n_entries; i++)
    {
      zip_stat_t st;

      if (!stat_entry (za, (zip_uint64_t) i, archive_path, &st, error))
        return FALSE;
      if (stat_is_encrypted (&st))
        return TRUE;
    }
  return FALSE;
}
