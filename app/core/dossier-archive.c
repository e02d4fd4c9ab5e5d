/* dossier-archive.c: writing and verifying the submission ZIP (libzip)
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <zip.h>
#include <zlib.h>

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

/* zip -r's level, and what libzip was always asked for here. */
#define DEFLATE_LEVEL 6

/* For data that barely compresses (JPEG pages, PDFs of scans): there level 1 finds the
 * same 0.16% as level 6, or a few bytes more, about 15% faster. */
#define DEFLATE_FAST_LEVEL 1

/* Data whose first 64 KiB shrink by less than this share (in %) at level 1 is deflated
 * at level 1; text and uncompressed PDFs shrink by 50% or more and keep level 6, where
 * level 1 would cost them a tenth of their size. */
#define DEFLATE_FAST_BELOW_GAIN 1

/* Smaller entries keep level 6 without the probe: there is little time to save. */
#define DEFLATE_PROBE_MIN_BYTES (256 * 1024)

/* zlib's largest. Memory level 8 (zlib's default) misses the 0.16% that zip -r and
 * libzip (which use 9) find in JPEG data, and then our archive would be the larger. */
#define DEFLATE_MEM_LEVEL 9

/* What dossier_archive_worth_deflating deflates, up to three times; also the probe that
 * chooses the level, which is the first piece read. */
#define SAMPLE_BYTES (64 * 1024)
G_STATIC_ASSERT (SAMPLE_BYTES <= CHUNK_BYTES);

/* Entries up to this size are deflated ahead, in parallel, whole in memory; larger ones
 * are streamed by libzip as they are written, in one thread, in small pieces. */
#define PREDEFLATE_MAX_BYTES (32 * 1024 * 1024)

/* Deflated entries waiting to be written hold at most about this much memory (one entry
 * larger than that is still deflated ahead, alone). Four 4 MB scans: two being deflated
 * and two ready on a machine of two processors, the writer never waiting for long. */
#define PREDEFLATE_BUDGET_BYTES (16 * 1024 * 1024)

/* How often a writer waiting for an entry to be deflated updates the progress bar and
 * looks at the cancellable. */
#define PREDEFLATE_POLL_USEC (50 * 1000)

/* WinZip AES-256 (APPNOTE 7.2 and WinZip's "AES Encryption Information"), as libzip
 * writes it: a random salt and a 2-byte password verifier before the encrypted data, a
 * 10-byte authentication code after it. The keys come from PBKDF2-HMAC-SHA1 with 1000
 * iterations: 32 bytes of AES key, 32 of HMAC key, then the verifier. */
#define AES_SALT_BYTES 16
#define AES_KEY_BYTES 32
#define AES_VERIFIER_BYTES 2
#define AES_HEADER_BYTES (AES_SALT_BYTES + AES_VERIFIER_BYTES)
#define AES_MAC_BYTES 10
#define AES_PBKDF2_ITERATIONS 1000
#define AES_BLOCK_BYTES 16

/* Keystream computed at a time: counter blocks encrypted in bulk (AES-NI runs several
 * blocks at once), small enough to stay in the processor's cache with the data. */
#define AES_KEYSTREAM_BYTES (16 * 1024)

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
 * Deflating
 */

/* Raw deflate (no zlib header: ZIP has its own), as libzip and zip -r do it. Only a bug or
 * no memory at all makes zlib refuse: like g_malloc, we stop there. */
static void
deflate_start (z_stream *z,
               int       level)
{
  memset (z, 0, sizeof *z);
  if (deflateInit2 (z, level, Z_DEFLATED, -MAX_WBITS, DEFLATE_MEM_LEVEL,
                    Z_DEFAULT_STRATEGY) != Z_OK)
    g_error ("zlib cannot start deflating: %s", z->msg != NULL ? z->msg : "no memory");
}

/* Deflates what is in z->next_in (all of it, and finishes the stream with Z_FINISH) into
 * *out, made larger when full. FALSE only on a zlib error, which is a bug of ours. */
static gboolean
deflate_run (z_stream *z,
             int       flush,
             guint8  **out,
             gsize    *out_allocated)
{
  for (;;)
    {
      int ret;

      if (z->avail_out == 0)
        {
          gsize used = (gsize) (z->next_out - *out);

          /* Data that does not compress grows by 5 bytes every 16 KiB (stored blocks):
           * the first buffer is already that large, so this is for a file that grew. */
          *out_allocated += *out_allocated / 4 + CHUNK_BYTES;
          *out = g_realloc (*out, *out_allocated);
          z->next_out = *out + used;
          z->avail_out = (uInt) MIN (*out_allocated - used, G_MAXUINT);
        }
      ret = deflate (z, flush);
      if (ret == Z_STREAM_END)
        return TRUE;
      if (ret != Z_OK && ret != Z_BUF_ERROR)
        return FALSE;
      if (z->avail_out > 0)
        {
          /* Everything given was taken; with Z_FINISH zlib always ends the stream when
           * it has room, so Z_BUF_ERROR with room left would loop forever. */
          if (flush == Z_NO_FLUSH)
            return TRUE;
          if (ret == Z_BUF_ERROR)
            return FALSE;
        }
    }
}

/* Size of data deflated on its own, for judging how well it compresses. */
static gsize
deflated_size (const guint8 *data,
               gsize         length,
               int           level)
{
  z_stream z;
  gsize allocated;
  g_autofree guint8 *out = NULL;
  gboolean ok;
  gsize size;

  deflate_start (&z, level);
  allocated = deflateBound (&z, length);
  out = g_malloc (allocated);
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) length;
  z.next_out = out;
  z.avail_out = (uInt) allocated;
  ok = deflate_run (&z, Z_FINISH, &out, &allocated);
  size = ok ? (gsize) z.total_out : length;
  deflateEnd (&z);
  return size;
}

/* Reads length bytes at offset, fewer only at the end of the file. */
static gssize
pread_full (int     fd,
            guint8 *buffer,
            gsize   length,
            off_t   offset)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = pread (fd, buffer + done, length - done, offset + (off_t) done);

      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      done += (gsize) n;
    }
  return (gssize) done;
}

gboolean
dossier_archive_worth_deflating (const char  *path,
                                 GError     **error)
{
  g_autofree guint8 *buffer = NULL;
  struct stat st;
  off_t offsets[3];
  gsize sample;
  guint64 read_total = 0;
  guint64 deflated_total = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = open_regular_file (path, &st, error);
  if (fd < 0)
    return FALSE;
  if (st.st_size == 0)
    {
      g_close (fd, NULL);
      return FALSE;
    }

  /* Documents are rarely the same from end to end: a PDF may hold a text part after its
   * scans, or the other way round. */
  sample = (gsize) MIN ((guint64) st.st_size, SAMPLE_BYTES);
  offsets[0] = 0;
  offsets[1] = (st.st_size - (off_t) sample) / 2;
  offsets[2] = st.st_size - (off_t) sample;
  buffer = g_malloc (sample);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      gssize n;

      /* A small file is one sample, not the same bytes counted three times. */
      if (i > 0 && offsets[i] == offsets[i - 1])
        continue;
      n = pread_full (fd, buffer, sample, offsets[i]);
      if (n < 0)
        {
          int errsv = errno;

          g_close (fd, NULL);
          g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ,
                       _("Cannot read “%s”: %s."), path, g_strerror (errsv));
          return FALSE;
        }
      if (n == 0)
        break;
      read_total += (guint64) n;
      deflated_total += deflated_size (buffer, (gsize) n, DEFLATE_LEVEL);
    }
  g_close (fd, NULL);

  /* At least 0.1% smaller. */
  return read_total > 0 && deflated_total * 1000 <= read_total * 999;
}

/* ------------------------------------------------------------------------------------
 * WinZip AES-256, in our own threads
 *
 * Given a passphrase, libzip encrypts every entry itself as it writes it, in the one
 * writing thread, one 16-byte block at a time: for 40 MB that is a third of a second more
 * than writing in the clear. The workers that deflate ahead encrypt too, with whole
 * buffers of counter blocks at once. libzip then copies the bytes as they are: in
 * add_data (zip_close.c, libzip 1.7) nothing is encrypted again when the source's stat
 * gives the entry's encryption method and no password was set for the entry, and the
 * headers (AES extra field, "AE-2", CRC left out under 20 bytes) are libzip's own, the
 * same as for an entry it encrypted itself.
 *
 * Stored entries cannot go this way: libzip computes the CRC and the size of a stored
 * entry from the bytes it copies (zip_source_crc), which would be those of the
 * encrypted bytes. They stay with libzip, as do entries too large to deflate ahead.
 */

/* Encrypts length bytes of data in place, AES-256 in WinZip's counter mode: a 64-bit
 * little-endian counter in the first 8 bytes of the block (the other 8 zero), starting
 * at 1, which is not OpenSSL's CTR mode (a 128-bit big-endian counter); so the counter
 * blocks are encrypted with ECB and the result XORed in. Fills header with salt and
 * verifier and mac with the first 10 bytes of HMAC-SHA1 of the encrypted data. */
static gboolean
winzip_aes_encrypt (const char *passphrase,
                    guint8     *data,
                    gsize       length,
                    guint8      header[AES_HEADER_BYTES],
                    guint8      mac[AES_MAC_BYTES])
{
  guint8 keys[2 * AES_KEY_BYTES + AES_VERIFIER_BYTES];
  guint8 counters[AES_KEYSTREAM_BYTES] = { 0, };
  guint8 keystream[AES_KEYSTREAM_BYTES];
  guint8 digest[EVP_MAX_MD_SIZE];
  size_t digest_length = 0;
  EVP_CIPHER_CTX *cipher = NULL;
  EVP_MAC *hmac = NULL;
  EVP_MAC_CTX *hmac_ctx = NULL;
  OSSL_PARAM params[2];
  guint64 counter = 0;
  gboolean ok = FALSE;

  if (RAND_bytes (header, AES_SALT_BYTES) != 1
      || PKCS5_PBKDF2_HMAC (passphrase, (int) strlen (passphrase), header, AES_SALT_BYTES,
                            AES_PBKDF2_ITERATIONS, EVP_sha1 (), (int) sizeof keys,
                            keys) != 1)
    goto out;
  memcpy (header + AES_SALT_BYTES, keys + 2 * AES_KEY_BYTES, AES_VERIFIER_BYTES);

  cipher = EVP_CIPHER_CTX_new ();
  hmac = EVP_MAC_fetch (NULL, "HMAC", NULL);
  hmac_ctx = hmac != NULL ? EVP_MAC_CTX_new (hmac) : NULL;
  params[0] = OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_DIGEST, (char *) "SHA1", 0);
  params[1] = OSSL_PARAM_construct_end ();
  if (cipher == NULL || hmac_ctx == NULL
      || EVP_EncryptInit_ex (cipher, EVP_aes_256_ecb (), NULL, keys, NULL) != 1
      || EVP_CIPHER_CTX_set_padding (cipher, 0) != 1
      || EVP_MAC_init (hmac_ctx, keys + AES_KEY_BYTES, AES_KEY_BYTES, params) != 1)
    goto out;

  for (gsize done = 0; done < length;)
    {
      gsize n = MIN (length - done, AES_KEYSTREAM_BYTES);
      gsize blocks = (n + AES_BLOCK_BYTES - 1) / AES_BLOCK_BYTES;
      int produced = 0;
      gsize i = 0;

      for (gsize b = 0; b < blocks; b++)
        {
          guint64 le = GUINT64_TO_LE (++counter);

          memcpy (counters + b * AES_BLOCK_BYTES, &le, sizeof le);
        }
      if (EVP_EncryptUpdate (cipher, keystream, &produced, counters,
                             (int) (blocks * AES_BLOCK_BYTES)) != 1
          || (gsize) produced != blocks * AES_BLOCK_BYTES)
        goto out;
      /* Eight bytes at a time; memcpy because data has no particular alignment. */
      for (; i + sizeof (guint64) <= n; i += sizeof (guint64))
        {
          guint64 x, k;

          memcpy (&x, data + done + i, sizeof x);
          memcpy (&k, keystream + i, sizeof k);
          x ^= k;
          memcpy (data + done + i, &x, sizeof x);
        }
      for (; i < n; i++)
        data[done + i] ^= keystream[i];
      if (EVP_MAC_update (hmac_ctx, data + done, n) != 1)
        goto out;
      done += n;
    }
  if (EVP_MAC_final (hmac_ctx, digest, &digest_length, sizeof digest) != 1
      || digest_length < AES_MAC_BYTES)
    goto out;
  memcpy (mac, digest, AES_MAC_BYTES);
  ok = TRUE;

out:
  /* The keys and the keystream would let anyone read this entry. */
  OPENSSL_cleanse (keys, sizeof keys);
  OPENSSL_cleanse (keystream, sizeof keystream);
  EVP_MAC_CTX_free (hmac_ctx);
  EVP_MAC_free (hmac);
  EVP_CIPHER_CTX_free (cipher);
  return ok;
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

/* ------------------------------------------------------------------------------------
 * Deflating ahead, in parallel
 *
 * zlib deflates scans at some 40 MB a second, and libzip deflates as it writes, in the
 * one writing thread: 40 MB of PDFs would take a second, as long as zip -r. So every
 * entry to deflate that fits PREDEFLATE_MAX_BYTES is deflated ahead by workers, one per
 * processor, taking entries in archive order, CRC-32 and sizes computed on the way;
 * libzip is then given the deflated bytes by a source whose stat says so (method
 * deflate, CRC, sizes) and copies them as they are: in add_data (zip_close.c, libzip 1.7)
 * nothing is decompressed or recompressed when the source's method is the entry's. With
 * a passphrase the workers encrypt the deflated bytes as well (see winzip_aes_encrypt).
 * Deflate's output depends only on the input and the settings, never on which thread ran
 * it or when: without a passphrase the archive's bytes do not depend on the workers.
 *
 * Our own threads rather than a GThreadPool: a pool keeps idle threads in a process-wide
 * list, which a forked child inherits without the threads, and then waits forever for
 * them (the tests write archives in forked children).
 */

typedef enum
{
  JOB_WAITING,      /* not yet allowed to start: memory */
  JOB_QUEUED,       /* for the first free worker, or the writer itself */
  JOB_RUNNING,
  JOB_DONE,         /* deflated bytes ready */
  JOB_FAILED,       /* error set */
  JOB_RELEASED,     /* written (or given up); the bytes are freed, the stat remains */
} JobState;

typedef struct
{
  const DossierArchiveEntry *entry;
  guint                      position;   /* in the archive, for progress */
  guint64                    expected;   /* size when measured */

  /* Under Deflater.lock. */
  JobState                   state;
  guint64                    reserved;   /* counted in Deflater.alive_bytes */
  guint64                    consumed;   /* read so far, for progress */

  /* Written by whoever runs the job, read once the state says it is done. */
  guint8                    *data;
  gsize                      data_size;
  guint64                    size;
  guint32                    crc;
  int                        level;
  gboolean                   encrypted;  /* data is then encrypted, between these: */
  guint8                     aes_header[AES_HEADER_BYTES];
  guint8                     aes_mac[AES_MAC_BYTES];
  GError                    *error;
} Job;

typedef struct
{
  GMutex         lock;
  GCond          changed;        /* any job's state, or stopping */
  GPtrArray     *threads;
  GCancellable  *cancellable;
  char          *passphrase;     /* or NULL: encrypt what is deflated ahead */
  WriteState    *progress;       /* for reports while the writer waits */
  gint           aborted;        /* atomic: workers stop at their next piece */
  gboolean       stopping;

  Job           *jobs;           /* in archive order */
  guint          n_jobs;
  guint          next_to_queue;
  guint          next_to_take;
  guint          alive;          /* queued to done: holding, or about to hold, memory */
  guint          max_alive;
  guint64        alive_bytes;

  Job           *failed;         /* the job whose error stopped the writer */
} Deflater;

static void deflater_free (Deflater *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Deflater, deflater_free)

static gboolean
deflater_should_stop (Deflater *d)
{
  return g_atomic_int_get (&d->aborted) || g_cancellable_is_cancelled (d->cancellable);
}

/* Room for the deflated bytes: stored blocks, when nothing compresses, add 5 bytes every
 * 16 KiB; the same bound as deflateBound's for our settings, without a z_stream. */
static guint64
deflate_bound (guint64 size)
{
  return size + (size >> 12) + (size >> 14) + (size >> 25) + 64;
}

/* Queues jobs in archive order while memory allows: at most max_alive jobs and
 * PREDEFLATE_BUDGET_BYTES between being queued and being written, except that the next
 * job the writer needs is always allowed (so one large entry still goes through). Workers
 * never get further ahead of the writer than that. */
static void
deflater_queue_locked (Deflater *d)
{
  gboolean queued = FALSE;

  while (!d->stopping && !g_atomic_int_get (&d->aborted) && d->next_to_queue < d->n_jobs)
    {
      Job *job = &d->jobs[d->next_to_queue];
      guint64 reserve = deflate_bound (job->expected);

      if (d->alive > 0
          && (d->alive >= d->max_alive || d->alive_bytes + reserve > PREDEFLATE_BUDGET_BYTES))
        break;
      job->state = JOB_QUEUED;
      job->reserved = reserve;
      d->alive++;
      d->alive_bytes += reserve;
      d->next_to_queue++;
      queued = TRUE;
    }
  if (queued)
    g_cond_broadcast (&d->changed);
}

/* The entry's content, in pieces of CHUNK_BYTES (the last may be shorter; a piece of 0
 * bytes is the end). */
typedef struct
{
  int           fd;
  guint8       *buffer;
  const guint8 *bytes;
  gsize         bytes_size;
  gsize         bytes_offset;
} JobInput;

static gboolean
job_input_next (JobInput                  *in,
                const DossierArchiveEntry *entry,
                const guint8             **piece,
                gsize                     *length,
                GError                   **error)
{
  gsize filled = 0;

  if (in->fd < 0)
    {
      *length = MIN (in->bytes_size - in->bytes_offset, CHUNK_BYTES);
      /* An empty GBytes may have no data at all. */
      *piece = in->bytes != NULL ? in->bytes + in->bytes_offset : NULL;
      in->bytes_offset += *length;
      return TRUE;
    }

  /* Whole pieces, so that the first one is a whole probe. */
  while (filled < CHUNK_BYTES)
    {
      gssize n = read (in->fd, in->buffer + filled, CHUNK_BYTES - filled);

      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          int errsv = errno;

          g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ,
                       _("Cannot read “%s”: %s."), entry->source_path, g_strerror (errsv));
          return FALSE;
        }
      if (n == 0)
        break;
      filled += (gsize) n;
    }
  *piece = in->buffer;
  *length = filled;
  return TRUE;
}

/* Level 1 for data that is already compressed, level 6 for the rest; decided from the
 * first piece alone, so the same content always gets the same level. */
static int
choose_level (const guint8 *first,
              gsize         length,
              guint64       expected)
{
  if (expected < DEFLATE_PROBE_MIN_BYTES || length < SAMPLE_BYTES)
    return DEFLATE_LEVEL;
  if (deflated_size (first, SAMPLE_BYTES, DEFLATE_FAST_LEVEL) * 100
      > (gsize) SAMPLE_BYTES * (100 - DEFLATE_FAST_BELOW_GAIN))
    return DEFLATE_FAST_LEVEL;
  return DEFLATE_LEVEL;
}

/* Deflates one entry, outside the lock; on success sets data, data_size, size, crc and
 * level, which nobody reads before the job is marked done. */
static gboolean
job_deflate (Deflater  *d,
             Job       *job,
             GError   **error)
{
  const DossierArchiveEntry *entry = job->entry;
  g_autofree guint8 *buffer = NULL;
  g_autofree guint8 *out = NULL;
  JobInput in = { -1, NULL, NULL, 0, 0 };
  const guint8 *piece;
  gsize length;
  gsize allocated;
  z_stream z;
  guint32 crc = (guint32) crc32 (0L, Z_NULL, 0);
  guint64 size = 0;
  gboolean ok = FALSE;

  if (entry->source_path != NULL)
    {
      struct stat st;

      in.fd = open_regular_file (entry->source_path, &st, error);
      if (in.fd < 0)
        return FALSE;
      buffer = g_malloc (CHUNK_BYTES);
      in.buffer = buffer;
    }
  else
    {
      in.bytes = g_bytes_get_data (entry->data, &in.bytes_size);
    }

  if (!job_input_next (&in, entry, &piece, &length, error))
    goto out;
  job->level = entry->store ? 0 : choose_level (piece, length, job->expected);
  deflate_start (&z, job->level);
  allocated = MAX (deflateBound (&z, job->expected), 64);
  out = g_malloc (allocated);
  z.next_out = out;
  z.avail_out = (uInt) MIN (allocated, G_MAXUINT);

  for (;;)
    {
      if (deflater_should_stop (d))
        {
          g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_CANCELLED,
                       _("Writing the archive was cancelled."));
          break;
        }
      /* Never crc32 (crc, NULL, 0): that is zlib's way to ask for the initial value. */
      if (length > 0)
        crc = (guint32) crc32 (crc, piece, (uInt) length);
      size += length;
      z.next_in = (Bytef *) piece;
      z.avail_in = (uInt) length;
      if (!deflate_run (&z, length == 0 ? Z_FINISH : Z_NO_FLUSH, &out, &allocated))
        {
          g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                       _("Cannot compress “%s”: %s."), entry->name,
                       z.msg != NULL ? z.msg : "zlib error");
          break;
        }
      g_mutex_lock (&d->lock);
      job->consumed = size;
      g_mutex_unlock (&d->lock);
      if (length == 0)
        {
          ok = TRUE;
          break;
        }
      if (!job_input_next (&in, entry, &piece, &length, error))
        break;
    }

  if (ok)
    {
      job->data_size = (gsize) (z.next_out - out);
      /* Only what is used stays: a text entry needs a fraction of its bound. */
      job->data = g_realloc (g_steal_pointer (&out), MAX (job->data_size, 1));
      job->size = size;
      job->crc = crc;
    }
  deflateEnd (&z);

  if (ok && d->passphrase != NULL)
    {
      ok = winzip_aes_encrypt (d->passphrase, job->data, job->data_size, job->aes_header,
                               job->aes_mac);
      if (!ok)
        g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                     _("Cannot encrypt “%s”: OpenSSL failed."), entry->name);
      job->encrypted = ok;
    }

out:
  if (in.fd >= 0)
    g_close (in.fd, NULL);
  return ok;
}

/* Runs a job taken from the queue (state JOB_RUNNING), in a worker or in the writer. */
static void
job_run (Deflater *d,
         Job      *job)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = job_deflate (d, job, &error);

  g_mutex_lock (&d->lock);
  if (ok)
    {
      job->state = JOB_DONE;
      d->alive_bytes = d->alive_bytes - job->reserved + job->data_size;
      job->reserved = job->data_size;
      deflater_queue_locked (d);
    }
  else
    {
      job->state = JOB_FAILED;
      job->error = g_steal_pointer (&error);
    }
  g_cond_broadcast (&d->changed);
  g_mutex_unlock (&d->lock);
}

static gpointer
deflater_worker (gpointer data)
{
  Deflater *d = data;

  g_mutex_lock (&d->lock);
  while (!d->stopping)
    {
      Job *job = NULL;

      /* In order; the writer may have taken one itself. */
      while (d->next_to_take < d->next_to_queue
             && d->jobs[d->next_to_take].state != JOB_QUEUED)
        d->next_to_take++;
      if (d->next_to_take < d->next_to_queue)
        job = &d->jobs[d->next_to_take++];
      if (job == NULL)
        {
          g_cond_wait (&d->changed, &d->lock);
          continue;
        }
      job->state = JOB_RUNNING;
      g_mutex_unlock (&d->lock);
      job_run (d, job);
      g_mutex_lock (&d->lock);
    }
  g_mutex_unlock (&d->lock);
  return NULL;
}

/* Starts deflating (and with a passphrase encrypting) the entries of sorted that are to
 * be deflated and are small enough, or returns NULL when there are none. */
static Deflater *
deflater_new (GPtrArray     *sorted,
              const guint64 *starts,
              const char    *passphrase,
              GCancellable  *cancellable)
{
  g_autoptr(Deflater) d = g_new0 (Deflater, 1);
  guint n_workers;

  g_mutex_init (&d->lock);
  g_cond_init (&d->changed);
  d->threads = g_ptr_array_new ();
  d->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  d->passphrase = g_strdup (passphrase);
  d->jobs = g_new0 (Job, sorted->len);
  for (guint i = 0; i < sorted->len; i++)
    {
      const DossierArchiveEntry *entry = g_ptr_array_index (sorted, i);
      guint64 expected = starts[i + 1] - starts[i];
      Job *job;

      /* Entries from memory are in memory already: deflating them ahead costs no more.
       * With a passphrase, entries to be stored are taken too, as deflate level 0 (stored
       * blocks, 5 bytes per 64 KiB): libzip cannot take a stored entry encrypted ahead,
       * and encrypting on every core is what keeps an encrypted package quick. */
      if ((entry->store && passphrase == NULL)
          || (entry->source_path != NULL && expected > PREDEFLATE_MAX_BYTES))
        continue;
      job = &d->jobs[d->n_jobs++];
      job->entry = entry;
      job->position = i;
      job->expected = expected;
      job->state = JOB_WAITING;
    }
  if (d->n_jobs == 0)
    return NULL;

  n_workers = MIN ((guint) MAX (g_get_num_processors (), 1), d->n_jobs);
  /* Twice the workers: while one batch is being written, the next is being deflated. */
  d->max_alive = 2 * n_workers;
  g_mutex_lock (&d->lock);
  deflater_queue_locked (d);
  g_mutex_unlock (&d->lock);

  for (guint i = 0; i < n_workers; i++)
    {
      /* Without a thread (no memory, a process limit) there are fewer workers; with
       * none at all, the writer deflates each entry itself when it needs it. */
      GThread *thread = g_thread_try_new ("dossier-deflate", deflater_worker, d, NULL);

      if (thread == NULL)
        break;
      g_ptr_array_add (d->threads, thread);
    }
  return g_steal_pointer (&d);
}

/* Stops the workers at their next piece; what they were doing is thrown away. */
static void
deflater_abort (Deflater *d)
{
  g_atomic_int_set (&d->aborted, 1);
}

static void
deflater_free (Deflater *d)
{
  if (d == NULL)
    return;
  deflater_abort (d);
  g_mutex_lock (&d->lock);
  d->stopping = TRUE;
  g_cond_broadcast (&d->changed);
  g_mutex_unlock (&d->lock);
  for (guint i = 0; i < d->threads->len; i++)
    g_thread_join (g_ptr_array_index (d->threads, i));
  g_ptr_array_unref (d->threads);

  for (guint i = 0; i < d->n_jobs; i++)
    {
      g_free (d->jobs[i].data);
      g_clear_error (&d->jobs[i].error);
    }
  g_free (d->jobs);
  g_clear_object (&d->cancellable);
  if (d->passphrase != NULL)
    OPENSSL_cleanse (d->passphrase, strlen (d->passphrase));
  g_free (d->passphrase);
  g_cond_clear (&d->changed);
  g_mutex_clear (&d->lock);
  g_free (d);
}

/* In the writing thread: waits for the job, deflating it here if no worker has taken it,
 * and reports progress meanwhile. FALSE with ze set on an error or a cancellation. */
static gboolean
deflater_wait (Deflater    *d,
               Job         *job,
               zip_error_t *ze)
{
  g_mutex_lock (&d->lock);
  for (;;)
    {
      guint64 consumed;

      if (job->state == JOB_DONE || job->state == JOB_RELEASED)
        break;
      if (job->state == JOB_FAILED)
        {
          if (g_error_matches (job->error, DOSSIER_ARCHIVE_ERROR,
                               DOSSIER_ARCHIVE_ERROR_CANCELLED))
            {
              zip_error_set (ze, ZIP_ER_CANCELLED, 0);
            }
          else
            {
              zip_error_set (ze, ZIP_ER_READ, 0);
              if (d->failed == NULL)
                d->failed = job;
            }
          g_mutex_unlock (&d->lock);
          return FALSE;
        }
      if (job->state == JOB_WAITING)
        {
          /* The writer goes in order and has released every job before this one, so
           * this one is allowed now, unless we are stopping; waiting would be forever. */
          deflater_queue_locked (d);
          if (job->state == JOB_WAITING)
            {
              g_mutex_unlock (&d->lock);
              zip_error_set (ze, ZIP_ER_INTERNAL, 0);
              return FALSE;
            }
          continue;
        }
      if (job->state == JOB_QUEUED)
        {
          /* No worker has taken it yet (none woke up in time, or none could be
           * started): deflating it here beats waiting. */
          job->state = JOB_RUNNING;
          g_mutex_unlock (&d->lock);
          job_run (d, job);
          g_mutex_lock (&d->lock);
          continue;
        }
      if (g_cancellable_is_cancelled (d->cancellable))
        {
          g_mutex_unlock (&d->lock);
          zip_error_set (ze, ZIP_ER_CANCELLED, 0);
          return FALSE;
        }

      g_cond_wait_until (&d->changed, &d->lock, g_get_monotonic_time () + PREDEFLATE_POLL_USEC);
      consumed = job->consumed;
      if (d->progress != NULL)
        {
          /* Without the lock: the progress callback may take its time. */
          g_mutex_unlock (&d->lock);
          report_progress (d->progress, d->progress->starts[job->position] + consumed);
          g_mutex_lock (&d->lock);
        }
    }
  g_mutex_unlock (&d->lock);
  return TRUE;
}

/* Frees the deflated bytes once libzip has copied them, and lets the next job start. */
static void
deflater_release (Deflater *d,
                  Job      *job)
{
  g_mutex_lock (&d->lock);
  if (job->state == JOB_DONE || job->state == JOB_FAILED)
    {
      g_clear_pointer (&job->data, g_free);
      job->state = JOB_RELEASED;
      d->alive--;
      d->alive_bytes -= job->reserved;
      job->reserved = 0;
      deflater_queue_locked (d);
    }
  g_mutex_unlock (&d->lock);
}

/* The libzip source of one deflated entry. */
typedef struct
{
  Deflater    *deflater;
  Job         *job;
  guint64      offset;
  zip_error_t  error;
} JobSource;

static zip_int64_t
job_source_cb (void             *user_data,
               void             *data,
               zip_uint64_t      length,
               zip_source_cmd_t  command)
{
  JobSource *source = user_data;
  Job *job = source->job;

  switch (command)
    {
    case ZIP_SOURCE_OPEN:
      if (!deflater_wait (source->deflater, job, &source->error))
        return -1;
      if (job->state == JOB_RELEASED)
        {
          /* libzip 1.7 reads a source once; a second reading would find nothing. */
          zip_error_set (&source->error, ZIP_ER_INTERNAL, 0);
          return -1;
        }
      source->offset = 0;
      return 0;

    case ZIP_SOURCE_READ:
      {
        /* Encrypted: the header, the data, the authentication code, one after the
         * other, as if in one buffer. */
        const guint8 *parts[3] = { job->aes_header, job->data, job->aes_mac };
        gsize sizes[3] = { AES_HEADER_BYTES, job->data_size, AES_MAC_BYTES };
        guint8 *out = data;
        zip_uint64_t copied = 0;
        guint64 part_start = 0;

        if (!job->encrypted)
          {
            parts[0] = job->data;
            sizes[0] = job->data_size;
            sizes[1] = sizes[2] = 0;
          }
        for (guint i = 0; i < G_N_ELEMENTS (parts) && copied < length; i++)
          {
            guint64 part_end = part_start + sizes[i];

            if (source->offset < part_end)
              {
                zip_uint64_t n = MIN (length - copied, part_end - source->offset);

                memcpy (out + copied, parts[i] + (source->offset - part_start), n);
                copied += n;
                source->offset += n;
              }
            part_start = part_end;
          }
        return (zip_int64_t) copied;
      }

    case ZIP_SOURCE_CLOSE:
      deflater_release (source->deflater, job);
      return 0;

    case ZIP_SOURCE_STAT:
      {
        zip_stat_t *st = ZIP_SOURCE_GET_ARGS (zip_stat_t, data, length, &source->error);

        if (st == NULL || !deflater_wait (source->deflater, job, &source->error))
          return -1;
        /* Already deflated, with the CRC of the content, and encrypted if it is to be:
         * libzip copies the bytes without recompressing or encrypting again. */
        st->valid |= ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC
                     | ZIP_STAT_ENCRYPTION_METHOD;
        st->size = job->size;
        st->comp_size = job->data_size;
        st->comp_method = ZIP_CM_DEFLATE;
        st->crc = job->crc;
        st->encryption_method = ZIP_EM_NONE;
        if (job->encrypted)
          {
            st->comp_size += AES_HEADER_BYTES + AES_MAC_BYTES;
            st->encryption_method = ZIP_EM_AES_256;
          }
        return sizeof (*st);
      }

    case ZIP_SOURCE_GET_FILE_ATTRIBUTES:
      {
        zip_file_attributes_t *attributes = ZIP_SOURCE_GET_ARGS (zip_file_attributes_t, data,
                                                                 length, &source->error);

        /* libzip asks once the data is copied; waiting costs nothing then, and the
         * level is known only once the job is done. */
        if (attributes == NULL || !deflater_wait (source->deflater, job, &source->error))
          return -1;
        /* What libzip's own deflate says: version 2.0, and general purpose bits 1-2 for
         * the level (bit 2, "fast", for level 1; neither for level 6). */
        attributes->valid |= ZIP_FILE_ATTRIBUTES_VERSION_NEEDED
                             | ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS;
        attributes->version_needed = 20;
        attributes->general_purpose_bit_mask = 0x0006;
        attributes->general_purpose_bit_flags = job->level == 0 ? 0x0006
                                                : job->level < 3 ? 0x0004
                                                : job->level > 7 ? 0x0002 : 0;
        return sizeof (*attributes);
      }

    case ZIP_SOURCE_ERROR:
      return zip_error_to_data (&source->error, data, length);

    case ZIP_SOURCE_FREE:
      /* Also when the archive is given up before this entry was written. */
      deflater_release (source->deflater, job);
      zip_error_fini (&source->error);
      g_free (source);
      return 0;

    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap (ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
                                             ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                             ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                             ZIP_SOURCE_GET_FILE_ATTRIBUTES, -1);

    default:
      zip_error_set (&source->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
    }
}

static zip_source_t *
job_source_new (zip_t    *za,
                Deflater *d,
                Job      *job)
{
  JobSource *source = g_new0 (JobSource, 1);
  zip_source_t *zs;

  source->deflater = d;
  source->job = job;
  zip_error_init (&source->error);
  zs = zip_source_function (za, job_source_cb, source);
  if (zs == NULL)
    {
      zip_error_fini (&source->error);
      g_free (source);
    }
  return zs;
}

static gboolean
add_entry (zip_t                     *za,
           const DossierArchiveEntry *entry,
           Deflater                  *deflater,
           Job                       *job,
           time_t                     mtime,
           const char                *passphrase,
           GPtrArray                 *keep_alive,
           GError                   **error)
{
  zip_source_t *source;
  zip_int64_t index;
  zip_error_t *ze;

  if (job != NULL)
    {
      /* Deflated ahead; the source waits for it when libzip gets there. */
      source = job_source_new (za, deflater, job);
    }
  else if (entry->source_path != NULL)
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
   * gets into the bytes. Deflate named, not left to libzip's default: for an entry
   * deflated ahead, the source's method then matches and libzip copies the bytes. */
  if (zip_file_set_mtime (za, index, mtime, 0) != 0
      || zip_file_set_external_attributes (za, index, 0, ZIP_OPSYS_UNIX,
                                           (zip_uint32_t) ENTRY_UNIX_MODE << 16) != 0
      || zip_set_file_compression (za, index,
                                   entry->store && job == NULL ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                   entry->store && job == NULL ? 0 : DEFLATE_LEVEL) != 0)
    goto failed;
  /* Without a password for an entry encrypted ahead: with one, libzip would decrypt and
   * encrypt it again; the method alone makes it write the AES headers. */
  if (passphrase != NULL
      && zip_file_set_encryption (za, index, ZIP_EM_AES_256,
                                  job != NULL ? NULL : passphrase) != 0)
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
  /* Before za: libzip's sources refer to it until zip_discard. */
  g_autoptr(Deflater) deflater = NULL;
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

  /* Started as early as possible: the workers deflate while libzip is being set up. */
  deflater = deflater_new (sorted, starts, passphrase, cancellable);

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
  for (guint i = 0, next_job = 0; i < sorted->len; i++)
    {
      Job *job = NULL;

      /* The jobs are in archive order too; entries without one are left to libzip. */
      if (deflater != NULL && next_job < deflater->n_jobs
          && deflater->jobs[next_job].position == i)
        job = &deflater->jobs[next_job++];
      if (!add_entry (za, g_ptr_array_index (sorted, i), deflater, job, mtime, passphrase,
                      keep_alive, error))
        return FALSE;
    }

  if (deflater != NULL)
    deflater->progress = &state;
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

      /* Nothing more of what is ahead will be written. */
      if (deflater != NULL)
        deflater_abort (deflater);

      if (code == ZIP_ER_CANCELLED)
        g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_CANCELLED,
                     _("Writing “%s” was cancelled; nothing was written."), out_path);
      else if (deflater != NULL && deflater->failed != NULL)
        /* A worker could not read a document: its own error names it. */
        g_propagate_error (error, g_error_copy (deflater->failed->error));
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
