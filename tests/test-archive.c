/* test-archive.c: writing, reading back and verifying the submission ZIP, checked with
 * libzip and with the standard tools (unzip, 7-Zip, zipcmp)
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <glib/gstdio.h>
#include <zip.h>
#include <zlib.h>

#include "dossier-archive.h"

#define PASSPHRASE "correct horse battery staple"
#define MANIFEST "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest/>\n"
#define LETTER "Lettre de l’employeur : 30 heures par semaine.\n"
#define MB (1024 * 1024)

/* 2000-01-01 00:00 as MS-DOS date and time, the timestamp of every entry. */
#define DOS_DATE_2000 ((20 << 9) | (1 << 5) | 1)
#define DOS_TIME_MIDNIGHT 0

G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_t, zip_discard)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_file_t, zip_fclose)

/* One document of the test submission. */
typedef struct
{
  const char *name;        /* inside the archive */
  const char *file;        /* under source_dir; NULL: given as bytes */
  gboolean    store;
} EntrySpec;

/* Added in this (unsorted) order; the archive must come out sorted by name. */
static const EntrySpec specs[] = {
  { "profile.dossier", NULL, FALSE },
  { "documents/passport-scan.jpg", "passport-scan.jpg", TRUE },
  { "pièces/lettre-employeur.txt", "lettre-employeur.txt", FALSE },
  { "documents/employment-letter.pdf", "employment-letter.pdf", FALSE },
  { "photos/photo.png", NULL, TRUE },
  { "documents/bank-statements.bin", "bank-statements.bin", FALSE },
  { "documents/empty.txt", "empty.txt", FALSE },
  { "manifest.xml", NULL, FALSE },
};

/* Everything the tests write lives under base_dir, removed at the end. */
static char *base_dir;
static char *source_dir;

/* ------------------------------------------------------------------------------------
 * Helpers
 */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

/* A fresh, empty folder for one test. */
static char *
make_dir (const char *name)
{
  char *path = g_build_filename (base_dir, name, NULL);

  remove_tree (path);
  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return path;
}

static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static void
assert_dir_empty (const char *path)
{
  g_autoptr(GPtrArray) names = list_dir (path);

  for (guint i = 0; i < names->len; i++)
    g_test_message ("left behind in %s: %s", path, (char *) g_ptr_array_index (names, i));
  g_assert_cmpuint (names->len, ==, 0);
}

static GBytes *
random_bytes (gsize   size,
              guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i += 4)
    {
      guint32 word = g_rand_int (rand);

      memcpy (data + i, &word, MIN (4, size - i));
    }
  return g_bytes_new_take (data, size);
}

/* Starts like a JFIF file and is noise after: like a real JPEG, deflate cannot shrink it. */
static GBytes *
jpeg_like_bytes (gsize size)
{
  static const guint8 head[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F',
                                 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00 };
  g_autoptr(GBytes) noise = random_bytes (size, 7);
  guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&noise), &size);

  memcpy (data, head, sizeof head);
  data[size - 2] = 0xFF;
  data[size - 1] = 0xD9;
  return g_bytes_new_take (data, size);
}

static GBytes *
png_like_bytes (gsize size)
{
  static const guint8 head[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  g_autoptr(GBytes) noise = random_bytes (size, 11);
  guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&noise), &size);

  memcpy (data, head, sizeof head);
  return g_bytes_new_take (data, size);
}

/* Text-heavy, so it deflates well, as an uncompressed PDF does. */
static GBytes *
pdf_like_bytes (gsize size)
{
  g_autoptr(GString) out = g_string_new ("%PDF-1.7\n");

  for (guint i = 0; out->len < size; i++)
    g_string_append_printf (out, "%u 0 obj << /Type /Page /Parent 2 0 R /Contents (Worked "
                            "as a home child care provider, %u hours a week) >> endobj\n",
                            i, 30 + i % 15);
  g_string_append (out, "%%EOF\n");
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_file_set_contents (path, data != NULL ? data : "", size, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static GBytes *
spec_content (const EntrySpec *spec)
{
  g_autofree char *path = NULL;

  if (g_str_equal (spec->name, "manifest.xml"))
    return g_bytes_new_static (MANIFEST, strlen (MANIFEST));
  if (g_str_equal (spec->name, "profile.dossier"))
    return pdf_like_bytes (20 * 1024);
  if (g_str_equal (spec->name, "photos/photo.png"))
    return png_like_bytes (200 * 1024);
  path = g_build_filename (source_dir, spec->file, NULL);
  return read_bytes (path);
}

static void
make_sources (void)
{
  g_autoptr(GBytes) jpeg = jpeg_like_bytes (3 * MB);
  g_autoptr(GBytes) pdf = pdf_like_bytes (2 * MB);
  g_autoptr(GBytes) noise = random_bytes (4 * MB + 123, 3);
  g_autoptr(GBytes) letter = g_bytes_new_static (LETTER, strlen (LETTER));
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *path = NULL;

  source_dir = make_dir ("sources");
  path = g_build_filename (source_dir, "passport-scan.jpg", NULL);
  write_bytes (path, jpeg);
  g_free (path);
  path = g_build_filename (source_dir, "employment-letter.pdf", NULL);
  write_bytes (path, pdf);
  g_free (path);
  path = g_build_filename (source_dir, "bank-statements.bin", NULL);
  write_bytes (path, noise);
  g_free (path);
  path = g_build_filename (source_dir, "lettre-employeur.txt", NULL);
  write_bytes (path, letter);
  g_free (path);
  path = g_build_filename (source_dir, "empty.txt", NULL);
  write_bytes (path, empty);
}

static GPtrArray *
new_entry_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_archive_entry_free);
}

static GPtrArray *
make_entries (void)
{
  GPtrArray *entries = new_entry_array ();

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      const EntrySpec *spec = &specs[i];

      if (spec->file != NULL)
        {
          g_autofree char *path = g_build_filename (source_dir, spec->file, NULL);

          g_ptr_array_add (entries,
                           dossier_archive_entry_new_file (spec->name, path, spec->store));
        }
      else
        {
          g_autoptr(GBytes) data = spec_content (spec);

          g_ptr_array_add (entries,
                           dossier_archive_entry_new_bytes (spec->name, data, spec->store));
        }
    }
  return entries;
}

static guint64
specs_total_size (void)
{
  guint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GBytes) content = spec_content (&specs[i]);

      total += g_bytes_get_size (content);
    }
  return total;
}

static int
compare_specs_by_name (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (((const EntrySpec *) a)->name, ((const EntrySpec *) b)->name);
}

static const EntrySpec *
sorted_specs (void)
{
  static EntrySpec sorted[G_N_ELEMENTS (specs)];

  memcpy (sorted, specs, sizeof specs);
  qsort (sorted, G_N_ELEMENTS (sorted), sizeof sorted[0], compare_specs_by_name);
  return sorted;
}

static char *
sha256_of_path (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* SHA-256 and modification time of every source file, to prove they were not touched. */
static char *
sources_fingerprint (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *sum = NULL;
      GStatBuf st;

      if (specs[i].file == NULL)
        continue;
      path = g_build_filename (source_dir, specs[i].file, NULL);
      sum = sha256_of_path (path);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_string_append_printf (out, "%s %s %" G_GINT64_FORMAT " %o\n", specs[i].file, sum,
                              (gint64) st.st_mtime, (guint) st.st_mode);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
require_tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  /* A failure, not a skip: the README's test command installs them, and a silently
   * skipped 7-Zip check is how an unreadable archive would reach an officer. */
  if (path == NULL)
    g_test_fail_printf ("“%s” is not installed; install unzip, p7zip-full and zipcmp "
                        "(see README.md) to run these tests", name);
  return path;
}

/* Runs a tool with stdin on /dev/null (7-Zip would otherwise wait for a password),
 * and says whether it exited with 0. */
static gboolean
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *command = g_strjoinv (" ", (char **) argv);
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s failed:\n%s\n%s", command, out, err);
      return FALSE;
    }
  return TRUE;
}

static gboolean
files_equal (const char *a,
             const char *b)
{
  g_autofree char *sum_a = sha256_of_path (a);
  g_autofree char *sum_b = sha256_of_path (b);

  return g_str_equal (sum_a, sum_b);
}

static void
write_archive (const char *out_path,
               const char *passphrase)
{
  g_autoptr(GPtrArray) entries = make_entries ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = dossier_archive_write (out_path, entries, passphrase, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

/* Walks the raw bytes: what a checksum of the archive covers must hold nothing of the
 * machine or the moment (no extra fields, fixed time and attributes, no comment). */
static void
assert_raw_layout (const char *path,
                   gboolean    encrypted)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  const EntrySpec *sorted = sorted_specs ();
  gsize pos = 0;
  guint32 cd_offset;

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      guint16 name_length, extra_length;

      g_assert_cmpuint (pos + 30, <=, size);
      g_assert_cmphex (le32 (data + pos), ==, 0x04034b50);
      /* Bit 3 would mean a data descriptor: sizes after the data instead of before. */
      g_assert_cmphex (le16 (data + pos + 6) & 0x0008, ==, 0);
      g_assert_cmphex (le16 (data + pos + 10), ==, DOS_TIME_MIDNIGHT);
      g_assert_cmphex (le16 (data + pos + 12), ==, DOS_DATE_2000);
      name_length = le16 (data + pos + 26);
      extra_length = le16 (data + pos + 28);
      g_assert_cmpuint (name_length, ==, strlen (sorted[i].name));
      g_assert_cmpmem (data + pos + 30, name_length, sorted[i].name, strlen (sorted[i].name));
      if (encrypted)
        {
          /* The AES extra field (0x9901, 7 bytes of data) is the only one. */
          g_assert_cmpuint (extra_length, ==, 11);
          g_assert_cmphex (le16 (data + pos + 30 + name_length), ==, 0x9901);
        }
      else
        {
          g_assert_cmpuint (extra_length, ==, 0);
        }
      pos += 30 + name_length + extra_length + le32 (data + pos + 18);
    }

  cd_offset = (guint32) pos;
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      guint16 name_length = le16 (data + pos + 28);
      guint16 extra_length = le16 (data + pos + 30);
      guint16 comment_length = le16 (data + pos + 32);

      g_assert_cmphex (le32 (data + pos), ==, 0x02014b50);
      g_assert_cmpuint (data[pos + 5], ==, 3);  /* made by: Unix */
      g_assert_cmphex (le16 (data + pos + 12), ==, DOS_TIME_MIDNIGHT);
      g_assert_cmphex (le16 (data + pos + 14), ==, DOS_DATE_2000);
      g_assert_cmpuint (comment_length, ==, 0);
      g_assert_cmphex (le32 (data + pos + 38), ==, (guint32) (S_IFREG | 0644) << 16);
      g_assert_cmpuint (extra_length, ==, encrypted ? 11 : 0);
      g_assert_cmpmem (data + pos + 46, name_length, sorted[i].name, strlen (sorted[i].name));
      pos += 46 + name_length + extra_length + comment_length;
    }

  /* End of central directory, with no archive comment, and nothing after it. */
  g_assert_cmpuint (pos + 22, ==, size);
  g_assert_cmphex (le32 (data + pos), ==, 0x06054b50);
  g_assert_cmpuint (le16 (data + pos + 10), ==, G_N_ELEMENTS (specs));
  g_assert_cmpuint (le32 (data + pos + 16), ==, cd_offset);
  g_assert_cmpuint (le16 (data + pos + 20), ==, 0);
}

/* Reopens with libzip directly, not through the code under test. */
static void
assert_contents (const char *path,
                 const char *passphrase)
{
  g_autoptr(zip_t) za = NULL;
  const EntrySpec *sorted = sorted_specs ();
  int comment_length = -1;
  int zerr = 0;

  za = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  g_assert_nonnull (za);
  if (passphrase != NULL)
    g_assert_cmpint (zip_set_default_password (za, passphrase), ==, 0);
  g_assert_cmpint (zip_get_num_entries (za, 0), ==, G_N_ELEMENTS (specs));
  zip_get_archive_comment (za, &comment_length, 0);
  g_assert_cmpint (comment_length, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GBytes) expected = spec_content (&sorted[i]);
      g_autoptr(zip_file_t) zf = NULL;
      g_autofree guint8 *buffer = NULL;
      zip_stat_t st;
      zip_int64_t n;

      g_assert_cmpint (zip_stat_index (za, i, 0, &st), ==, 0);
      g_assert_cmpstr (st.name, ==, sorted[i].name);
      g_assert_cmpuint (st.size, ==, g_bytes_get_size (expected));
      if (passphrase != NULL)
        {
          g_assert_cmpuint (st.encryption_method, ==, ZIP_EM_AES_256);
        }
      else
        {
          g_assert_cmpuint (st.encryption_method, ==, ZIP_EM_NONE);
          g_assert_cmpint (st.comp_method, ==, sorted[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE);
        }
      if (sorted[i].store && passphrase == NULL)
        g_assert_cmpuint (st.comp_size, ==, st.size);

      zf = zip_fopen_index (za, i, 0);
      g_assert_nonnull (zf);
      buffer = g_malloc (st.size + 1);
      n = zip_fread (zf, buffer, st.size + 1);
      g_assert_cmpint (n, ==, (zip_int64_t) st.size);
      g_assert_cmpmem (buffer, n, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
      /* The end, where libzip checks the CRC and the AES authentication code. */
      g_assert_cmpint (zip_fread (zf, buffer, 1), ==, 0);
    }
}

static void
assert_checksums_match (GHashTable *sums)
{
  g_assert_nonnull (sums);
  g_assert_cmpuint (g_hash_table_size (sums), ==, G_N_ELEMENTS (specs));
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GBytes) content = spec_content (&specs[i]);
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
      g_autofree char *expected = g_strdup_printf ("%" G_GSIZE_FORMAT " %s",
                                                   g_bytes_get_size (content), sum);

      g_assert_cmpstr (g_hash_table_lookup (sums, specs[i].name), ==, expected);
    }
}

typedef int (*ChildFunc) (gconstpointer data);

/* For what must not happen in the test process itself: a lowered file size limit, another
 * user, a clean peak-memory figure. The child reports with its exit status; it never
 * returns into GTest. */
static int
run_in_child (ChildFunc     func,
              gconstpointer data)
{
  pid_t pid;
  int status = 0;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (func (data));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* ------------------------------------------------------------------------------------
 * Tests
 */

static void
test_sha256_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = make_dir ("sha256");
  g_autofree char *abc = g_build_filename (dir, "abc.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.pdf", NULL);
  g_autofree char *big = g_build_filename (source_dir, "bank-statements.bin", NULL);
  g_autofree char *sum = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) abc_bytes = g_bytes_new_static ("abc", 3);

  write_bytes (abc, abc_bytes);
  sum = dossier_archive_sha256_file (abc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sum, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_clear_pointer (&sum, g_free);

  /* Several chunks. */
  sum = dossier_archive_sha256_file (big, NULL, &error);
  g_assert_no_error (error);
  expected = sha256_of_path (big);
  g_assert_cmpstr (sum, ==, expected);
  g_clear_pointer (&sum, g_free);

  sum = dossier_archive_sha256_file (missing, NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_null (sum);
  g_clear_error (&error);

  sum = dossier_archive_sha256_file (dir, NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ);
  g_assert_null (sum);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  sum = dossier_archive_sha256_file (big, cancellable, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_CANCELLED);
  g_assert_null (sum);
}

typedef struct
{
  GArray       *done;
  guint64       total;
  gboolean      total_changed;

  /* For the cancellation tests: cancel once this share is done, and look at the folder
   * while the archive is being written. */
  GCancellable *cancel;
  double        cancel_at;
  const char   *folder;
  const char   *out_name;
  char         *seen_while_writing;
} ProgressLog;

static void
progress_log_clear (ProgressLog *log)
{
  g_clear_pointer (&log->done, g_array_unref);
  g_clear_pointer (&log->seen_while_writing, g_free);
}

static void
record_progress (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  ProgressLog *log = user_data;

  if (log->done->len > 0 && total != log->total)
    log->total_changed = TRUE;
  log->total = total;
  g_array_append_val (log->done, done);

  if (log->folder != NULL && log->seen_while_writing == NULL && done > total / 2)
    {
      g_autoptr(GPtrArray) names = list_dir (log->folder);

      g_ptr_array_add (names, NULL);
      log->seen_while_writing = g_strjoinv (",", (char **) names->pdata);
    }
  if (log->cancel != NULL && done >= log->cancel_at * total)
    g_cancellable_cancel (log->cancel);
}

static void
test_write_contents (void)
{
  g_autoptr(GPtrArray) entries = make_entries ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) sums = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GBytes) expected_manifest = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *dir = make_dir ("contents");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *before = sources_fingerprint ();
  g_autofree char *after = NULL;
  ProgressLog log = { 0, };
  guint64 total = specs_total_size ();
  gboolean ok;

  log.done = g_array_new (FALSE, FALSE, sizeof (guint64));
  log.folder = dir;
  ok = dossier_archive_write (out, entries, NULL, record_progress, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* Progress: starts at 0, only goes up, ends at done == total, in bytes of the sources. */
  g_assert_false (log.total_changed);
  g_assert_cmpuint (log.total, ==, total);
  g_assert_cmpuint (log.done->len, >=, 10);
  g_assert_cmpuint (g_array_index (log.done, guint64, 0), ==, 0);
  for (guint i = 1; i < log.done->len; i++)
    g_assert_cmpuint (g_array_index (log.done, guint64, i), >,
                      g_array_index (log.done, guint64, i - 1));
  g_assert_cmpuint (g_array_index (log.done, guint64, log.done->len - 1), ==, total);

  /* Halfway, libzip was writing "submission.zip.XXXXXX" and there was no submission.zip
   * yet; at the end only submission.zip is there. */
  g_assert_nonnull (log.seen_while_writing);
  g_test_message ("folder while writing: %s", log.seen_while_writing);
  g_assert_true (g_str_has_prefix (log.seen_while_writing, "submission.zip."));
  g_assert_cmpuint (strlen (log.seen_while_writing), ==, strlen ("submission.zip.XXXXXX"));
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "submission.zip");

  assert_contents (out, NULL);
  assert_raw_layout (out, FALSE);

  sums = dossier_archive_checksums (out, NULL, &error);
  g_assert_no_error (error);
  assert_checksums_match (sums);
  /* A passphrase given for a plain archive does no harm. */
  g_clear_pointer (&sums, g_hash_table_unref);
  sums = dossier_archive_checksums (out, "unused", &error);
  g_assert_no_error (error);
  assert_checksums_match (sums);

  g_assert_false (dossier_archive_is_encrypted (out, &error));
  g_assert_no_error (error);

  manifest = dossier_archive_read_entry (out, "manifest.xml", NULL, &error);
  g_assert_no_error (error);
  expected_manifest = spec_content (&specs[G_N_ELEMENTS (specs) - 1]);
  g_assert_true (g_bytes_equal (manifest, expected_manifest));
  g_clear_pointer (&manifest, g_bytes_unref);

  manifest = dossier_archive_read_entry (out, "documents/missing.pdf", NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "documents/missing.pdf"));
  g_assert_null (manifest);

  after = sources_fingerprint ();
  g_assert_cmpstr (after, ==, before);
  progress_log_clear (&log);
}

static void
test_write_standard_tools (void)
{
  g_autofree char *dir = make_dir ("tools");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *unzip = require_tool ("unzip");
  g_autofree char *sevenzip = require_tool ("7z");

  if (unzip == NULL || sevenzip == NULL)
    return;
  write_archive (out, NULL);

  {
    const char *argv[] = { "unzip", "-t", out, NULL };

    g_assert_true (run_tool (argv));
  }
  {
    const char *argv[] = { "7z", "t", "-bd", out, NULL };

    g_assert_true (run_tool (argv));
  }
}

static void
test_write_deterministic (void)
{
  g_autofree char *dir = make_dir ("deterministic");
  g_autofree char *first = g_build_filename (dir, "first.zip", NULL);
  g_autofree char *second = g_build_filename (dir, "second.zip", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "elsewhere.zip", NULL);
  g_autofree char *zipcmp = require_tool ("zipcmp");
  g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));
  g_autofree char *first_sum = NULL;
  g_autofree char *second_sum = NULL;
  g_autofree char *source = g_build_filename (source_dir, "employment-letter.pdf", NULL);

  if (zipcmp == NULL)
    return;

  write_archive (first, NULL);
  /* A later moment, other source timestamps: nothing of either may reach the bytes. */
  g_usleep (1100 * 1000);
  g_assert_cmpint (g_utime (source, NULL), ==, 0);
  write_archive (second, NULL);

  {
    const char *argv[] = { "zipcmp", "-p", "-t", first, second, NULL };

    g_assert_true (run_tool (argv));
  }
  first_sum = sha256_of_path (first);
  second_sum = sha256_of_path (second);
  g_assert_cmpstr (first_sum, ==, second_sum);

  /* Another time zone (POSIX rules, so no tzdata is needed): same bytes, and the entries
   * still say 2000-01-01 00:00. setenv() rather than g_setenv(), which warns once any
   * thread was ever created: dossier_archive_write joins its workers before it returns,
   * so no other thread runs here. */
  setenv ("TZ", "JST-9", 1);
  tzset ();
  write_archive (elsewhere, NULL);
  setenv ("TZ", "PST8PDT", 1);
  tzset ();
  g_assert_true (files_equal (first, elsewhere));
  assert_raw_layout (elsewhere, FALSE);
  if (old_tz != NULL)
    setenv ("TZ", old_tz, 1);
  else
    unsetenv ("TZ");
  tzset ();
}

static void
test_write_encrypted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) sums = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autofree char *dir = make_dir ("encrypted");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *sevenzip = require_tool ("7z");
  g_autofree char *good = g_strdup_printf ("-p%s", PASSPHRASE);

  g_assert_true (zip_encryption_method_supported (ZIP_EM_AES_256, 1));
  if (sevenzip == NULL)
    return;
  write_archive (out, PASSPHRASE);

  {
    const char *argv[] = { "7z", "t", "-bd", good, out, NULL };

    g_assert_true (run_tool (argv));
  }
  {
    const char *argv[] = { "7z", "t", "-bd", "-pWRONG", out, NULL };

    g_assert_false (run_tool (argv));
  }

  assert_contents (out, PASSPHRASE);
  assert_raw_layout (out, TRUE);

  g_assert_true (dossier_archive_is_encrypted (out, &error));
  g_assert_no_error (error);

  sums = dossier_archive_checksums (out, PASSPHRASE, &error);
  g_assert_no_error (error);
  assert_checksums_match (sums);
  g_clear_pointer (&sums, g_hash_table_unref);

  sums = dossier_archive_checksums (out, NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_PASSPHRASE);
  g_assert_null (sums);
  g_clear_error (&error);

  sums = dossier_archive_checksums (out, "WRONG", &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_PASSPHRASE);
  g_assert_null (sums);
  g_clear_error (&error);

  manifest = dossier_archive_read_entry (out, "manifest.xml", NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_PASSPHRASE);
  g_assert_null (manifest);
  g_clear_error (&error);

  manifest = dossier_archive_read_entry (out, "manifest.xml", PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (manifest, NULL), g_bytes_get_size (manifest),
                   MANIFEST, strlen (MANIFEST));
}

static void
test_cancel (void)
{
  g_autoptr(GPtrArray) entries = make_entries ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = make_dir ("cancel");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *before = sources_fingerprint ();
  g_autofree char *after = NULL;
  ProgressLog log = { 0, };
  gboolean ok;

  log.done = g_array_new (FALSE, FALSE, sizeof (guint64));
  log.cancel = cancellable;
  log.cancel_at = 0.3;
  ok = dossier_archive_write (out, entries, NULL, record_progress, &log, cancellable, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_CANCELLED);
  g_assert_false (ok);
  /* It stopped early, not after writing everything. */
  g_assert_cmpuint (g_array_index (log.done, guint64, log.done->len - 1), <, log.total);
  assert_dir_empty (dir);
  g_clear_error (&error);

  /* Cancelled before it starts. */
  ok = dossier_archive_write (out, entries, NULL, NULL, NULL, cancellable, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_CANCELLED);
  g_assert_false (ok);
  assert_dir_empty (dir);

  after = sources_fingerprint ();
  g_assert_cmpstr (after, ==, before);
  progress_log_clear (&log);
}

static void
test_cancel_keeps_previous (void)
{
  g_autoptr(GPtrArray) entries = make_entries ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *dir = make_dir ("cancel-previous");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *previous = NULL;
  g_autofree char *now = NULL;
  ProgressLog log = { 0, };
  gboolean ok;

  write_archive (out, PASSPHRASE);
  previous = sha256_of_path (out);

  log.done = g_array_new (FALSE, FALSE, sizeof (guint64));
  log.cancel = cancellable;
  log.cancel_at = 0.6;
  ok = dossier_archive_write (out, entries, NULL, record_progress, &log, cancellable, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_CANCELLED);
  g_assert_false (ok);

  now = sha256_of_path (out);
  g_assert_cmpstr (now, ==, previous);
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 1);
  progress_log_clear (&log);
}

static void
test_missing_source (void)
{
  g_autoptr(GPtrArray) entries = make_entries ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("missing-source");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *missing = g_build_filename (source_dir, "moved-away.pdf", NULL);
  gboolean ok;

  g_ptr_array_add (entries, dossier_archive_entry_new_file ("documents/moved-away.pdf",
                                                            missing, FALSE));
  ok = dossier_archive_write (out, entries, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (ok);
  assert_dir_empty (dir);
  g_clear_error (&error);

  /* A folder where a document should be. */
  g_ptr_array_remove_index (entries, entries->len - 1);
  g_ptr_array_add (entries, dossier_archive_entry_new_file ("documents/folder.pdf", dir, FALSE));
  ok = dossier_archive_write (out, entries, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ);
  g_assert_false (ok);
  assert_dir_empty (dir);
}

static void
test_bad_names (void)
{
  static const char * const bad[] = { "../escape.pdf", "/etc/passwd", "a//b.pdf",
                                      "docs/./x.pdf", "docs\\x.pdf", "", "folder/" };
  g_autofree char *dir = make_dir ("bad-names");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) entries = make_entries ();
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (entries, dossier_archive_entry_new_bytes (bad[i], data, FALSE));
      g_assert_false (dossier_archive_write (out, entries, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID);
      assert_dir_empty (dir);
    }

  /* Two documents under one name. */
  {
    g_autoptr(GPtrArray) entries = make_entries ();
    g_autoptr(GError) error = NULL;

    g_ptr_array_add (entries, dossier_archive_entry_new_bytes ("manifest.xml", data, FALSE));
    g_assert_false (dossier_archive_write (out, entries, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "manifest.xml"));
    assert_dir_empty (dir);
  }
}

static void
test_unwritable_folder (void)
{
  g_autoptr(GPtrArray) entries = make_entries ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = g_bytes_new_static ("not a folder\n", 13);
  g_autofree char *dir = make_dir ("unwritable");
  g_autofree char *regular = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *under_file = g_build_filename (regular, "submission.zip", NULL);
  g_autofree char *missing_folder = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *under_missing = g_build_filename (missing_folder, "submission.zip", NULL);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GBytes) after = NULL;

  /* As root, permissions do not stop us, but a file where the folder should be does. */
  write_bytes (regular, content);
  g_assert_false (dossier_archive_write (under_file, entries, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, regular));
  g_clear_error (&error);
  after = read_bytes (regular);
  g_assert_true (g_bytes_equal (after, content));
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 1);

  g_assert_false (dossier_archive_write (under_missing, entries, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, missing_folder));
  g_assert_false (g_file_test (missing_folder, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* The archive's name taken by a folder. */
  g_assert_cmpint (g_mkdir (missing_folder, 0755), ==, 0);
  g_assert_false (dossier_archive_write (missing_folder, entries, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE);
  assert_dir_empty (missing_folder);
}

typedef struct
{
  const char *folder;
  const char *out_path;
} ChildArgs;

/* Only bytes entries: the child's user might not be able to read the sources, and this
 * is about the folder. */
static GPtrArray *
make_small_entries (void)
{
  GPtrArray *entries = new_entry_array ();
  g_autoptr(GBytes) manifest = spec_content (&specs[G_N_ELEMENTS (specs) - 1]);
  g_autoptr(GBytes) photo = png_like_bytes (64 * 1024);

  g_ptr_array_add (entries, dossier_archive_entry_new_bytes ("manifest.xml", manifest, FALSE));
  g_ptr_array_add (entries, dossier_archive_entry_new_bytes ("photo.png", photo, TRUE));
  return entries;
}

static int
other_user_child (gconstpointer data)
{
  const ChildArgs *args = data;
  g_autoptr(GPtrArray) entries = make_small_entries ();
  g_autoptr(GError) error = NULL;

  if (getuid () == 0
      && (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0))
    {
      g_printerr ("# cannot become nobody: %s\n", g_strerror (errno));
      return 3;
    }
  if (dossier_archive_write (args->out_path, entries, NULL, NULL, NULL, NULL, &error))
    return 1;
  g_printerr ("# %s\n", error->message);
  if (!g_error_matches (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE)
      || strstr (error->message, args->folder) == NULL)
    return 2;
  return 0;
}

static void
test_other_user_folder (void)
{
  g_autofree char *dir = make_dir ("root-owned");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  ChildArgs args = { dir, out };

  /* As root: a 0755 root-owned folder, written to by uid 65534. Otherwise: a folder we
   * own but made read-only. */
  g_assert_cmpint (g_chmod (dir, getuid () == 0 ? 0755 : 0555), ==, 0);
  g_assert_cmpint (run_in_child (other_user_child, &args), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  assert_dir_empty (dir);
}

static int
disk_full_child (gconstpointer data)
{
  const ChildArgs *args = data;
  g_autoptr(GPtrArray) entries = make_entries ();
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 1 * MB, 1 * MB };

  /* Writing past the limit then fails with EFBIG, as a full disk fails with ENOSPC,
   * instead of killing us. */
  signal (SIGXFSZ, SIG_IGN);
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    return 3;
  if (dossier_archive_write (args->out_path, entries, NULL, NULL, NULL, NULL, &error))
    return 1;
  g_printerr ("# %s\n", error->message);
  if (!g_error_matches (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE)
      || strstr (error->message, args->out_path) == NULL
      || strstr (error->message, "not enough space") == NULL)
    return 2;
  return 0;
}

static void
test_disk_full (void)
{
  g_autofree char *dir = make_dir ("disk-full");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *before = sources_fingerprint ();
  g_autofree char *after = NULL;
  ChildArgs args = { dir, out };

  g_assert_cmpint (run_in_child (disk_full_child, &args), ==, 0);
  assert_dir_empty (dir);
  after = sources_fingerprint ();
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  const char *big_path;
  const char *out_path;
} MemoryArgs;

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static int
memory_child (gconstpointer data)
{
  const MemoryArgs *args = data;
  g_autoptr(GPtrArray) entries = new_entry_array ();
  g_autoptr(GHashTable) sums = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *expected = NULL;
  long before, after_write, after_verify, after_sum;

  g_ptr_array_add (entries, dossier_archive_entry_new_file ("documents/big.bin",
                                                            args->big_path, FALSE));
  before = peak_rss_kb ();
  if (!dossier_archive_write (args->out_path, entries, NULL, NULL, NULL, NULL, &error))
    {
      g_printerr ("# %s\n", error->message);
      return 1;
    }
  after_write = peak_rss_kb ();
  sums = dossier_archive_checksums (args->out_path, NULL, &error);
  if (sums == NULL)
    {
      g_printerr ("# %s\n", error->message);
      return 1;
    }
  after_verify = peak_rss_kb ();
  sum = dossier_archive_sha256_file (args->big_path, NULL, &error);
  if (sum == NULL)
    {
      g_printerr ("# %s\n", error->message);
      return 1;
    }
  after_sum = peak_rss_kb ();
  g_printerr ("# peak RSS %ld kB before; grew by %ld kB writing, %ld kB more verifying, "
              "%ld kB more hashing 200 MB\n",
              before, after_write - before, after_verify - after_write,
              after_sum - after_verify);
  if (after_sum - before > 32 * 1024)
    return 2;

  /* Through the archive, the same checksum as the file's own. */
  expected = g_strdup_printf ("%d %s", 200 * MB, sum);
  if (g_strcmp0 (g_hash_table_lookup (sums, "documents/big.bin"), expected) != 0)
    {
      g_printerr ("# %s in the archive, %s on disk\n",
                  (char *) g_hash_table_lookup (sums, "documents/big.bin"), expected);
      return 4;
    }
  return 0;
}

static void
test_memory (void)
{
  g_autofree char *dir = make_dir ("memory");
  g_autofree char *big = g_build_filename (dir, "big.bin", NULL);
  g_autofree char *out_dir = make_dir ("memory/out");
  g_autofree char *out = g_build_filename (out_dir, "submission.zip", NULL);
  g_autoptr(GBytes) noise = random_bytes (MB, 5);
  MemoryArgs args = { big, out };
  int fd;

  /* 200 MB, mostly a hole (cheap to make), with random megabytes here and there. */
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 200 * MB), ==, 0);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpint (lseek (fd, (off_t) i * 50 * MB + 12345, SEEK_SET), >=, 0);
      g_assert_cmpint (write (fd, g_bytes_get_data (noise, NULL), MB), ==, MB);
    }
  g_assert_true (g_close (fd, NULL));

  g_assert_cmpint (run_in_child (memory_child, &args), ==, 0);
  remove_tree (dir);
}

static void
test_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) sums = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("This is not a ZIP archive.\n", 27);
  g_autofree char *dir = make_dir ("damaged");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *not_zip = g_build_filename (dir, "not-a-zip.zip", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.zip", NULL);
  g_autofree char *flipped = g_build_filename (dir, "flipped.zip", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.zip", NULL);
  g_autofree char *jpeg_path = g_build_filename (source_dir, "passport-scan.jpg", NULL);
  const guint8 *data;
  const guint8 *found;
  gsize size;

  write_archive (out, NULL);
  good = read_bytes (out);
  data = g_bytes_get_data (good, &size);

  write_bytes (not_zip, text);
  sums = dossier_archive_checksums (not_zip, NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, not_zip));
  g_assert_null (sums);
  g_clear_error (&error);
  g_assert_false (dossier_archive_is_encrypted (not_zip, &error));
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID);
  g_clear_error (&error);

  /* libzip would open an empty file as an archive with no entries, if asked to. */
  {
    g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);

    write_bytes (truncated, nothing);
  }
  sums = dossier_archive_checksums (truncated, NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID);
  g_assert_null (sums);
  g_clear_error (&error);

  {
    g_autoptr(GBytes) half = g_bytes_new_from_bytes (good, 0, size / 2);

    write_bytes (truncated, half);
  }
  sums = dossier_archive_checksums (truncated, NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, truncated));
  g_assert_null (sums);
  g_clear_error (&error);

  /* One byte changed inside a stored document: the CRC catches it, by name. */
  jpeg = read_bytes (jpeg_path);
  found = memmem (data, size, (const guint8 *) g_bytes_get_data (jpeg, NULL) + MB, 64);
  g_assert_nonnull (found);
  {
    guint8 *copy = g_memdup2 (data, size);
    g_autoptr(GBytes) changed = NULL;

    copy[found - data] ^= 0x01;
    changed = g_bytes_new_take (copy, size);
    write_bytes (flipped, changed);
  }
  sums = dossier_archive_checksums (flipped, NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "documents/passport-scan.jpg"));
  g_assert_null (sums);
  g_clear_error (&error);

  sums = dossier_archive_checksums (missing, NULL, &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_null (sums);
}

/* ------------------------------------------------------------------------------------
 * Entries deflated ahead, in parallel
 */

/* A scan: random bytes after a JPEG header. The first 64 KiB do not compress, so the
 * writer deflates it at level 1. */
static GBytes *
scan_bytes (gsize   size,
            guint32 seed)
{
  static const guint8 head[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F' };
  g_autoptr(GBytes) noise = random_bytes (size, seed);
  guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&noise), &size);

  memcpy (data, head, MIN (size, sizeof head));
  return g_bytes_new_take (data, size);
}

/* A real JPEG of noise, as a phone or a scanner makes them: Huffman-coded, so deflate
 * gains a little (0.2%), unlike random bytes. */
static GBytes *
noisy_jpeg (int width,
            int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gchar *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = (guchar) (160 + g_rand_int_range (rand, 0, 96));
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "90", NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

/* Entries that are all deflated (from files and from memory, compressible and not, of
 * very different sizes so that the workers finish out of order, one over the 32 MiB of
 * deflating ahead), and name → content. */
typedef struct
{
  GPtrArray  *entries;
  GHashTable *contents;
  char       *dir;
} DeflateSet;

static void
deflate_set_clear (DeflateSet *set)
{
  g_clear_pointer (&set->entries, g_ptr_array_unref);
  g_clear_pointer (&set->contents, g_hash_table_unref);
  g_clear_pointer (&set->dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DeflateSet, deflate_set_clear)

#define BIG_NAME "big/over-32-mib.bin"
#define BIG_SIZE (33 * MB)

static void
deflate_set_add (DeflateSet *set,
                 const char *name,
                 GBytes     *content,
                 gboolean    from_file)
{
  if (from_file)
    {
      g_autofree char *file = g_strdelimit (g_strdup (name), "/", '-');
      g_autofree char *path = g_build_filename (set->dir, file, NULL);

      write_bytes (path, content);
      g_ptr_array_add (set->entries, dossier_archive_entry_new_file (name, path, FALSE));
    }
  else
    {
      g_ptr_array_add (set->entries, dossier_archive_entry_new_bytes (name, content, FALSE));
    }
  g_hash_table_insert (set->contents, g_strdup (name), g_bytes_ref (content));
}

static void
deflate_set_init (DeflateSet *set,
                  const char *dir_name,
                  gboolean    with_big)
{
  set->dir = make_dir (dir_name);
  set->entries = new_entry_array ();
  set->contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("scans/scan-%02u.pdf", i);
      /* Large first, small last: the small ones are done long before their turn. */
      gsize size = i < 4 ? 3 * MB + i : i < 8 ? MB + 17 * i : 300 * 1024 + i;
      g_autoptr(GBytes) content = scan_bytes (size, 100 + i);

      deflate_set_add (set, name, content, i % 4 != 3);
    }
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("letters/letter-%02u.txt", i);
      g_autoptr(GBytes) content = pdf_like_bytes (i == 0 ? 5 * MB : 40 * 1024 * (i + 1));

      deflate_set_add (set, name, content, i % 2 == 0);
    }
  {
    /* The same bytes from a file and from memory. */
    g_autoptr(GBytes) content = scan_bytes (512 * 1024, 7);

    deflate_set_add (set, "same/from-file.pdf", content, TRUE);
    deflate_set_add (set, "same/from-memory.pdf", content, FALSE);
  }
  {
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GBytes) letter = g_bytes_new_static (LETTER, strlen (LETTER));

    deflate_set_add (set, "empty.txt", empty, TRUE);
    deflate_set_add (set, "empty-in-memory.txt", empty, FALSE);
    deflate_set_add (set, "lettre.txt", letter, TRUE);
  }
  if (with_big)
    {
      /* Streamed by libzip as before: zeros, but for a random megabyte at the start. */
      g_autoptr(GBytes) head = random_bytes (MB, 9);
      g_autofree char *path = g_build_filename (set->dir, "big.bin", NULL);
      guint8 *data = g_malloc0 (BIG_SIZE);
      int fd;

      memcpy (data, g_bytes_get_data (head, NULL), MB);
      fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (write (fd, data, MB), ==, MB);
      g_assert_cmpint (ftruncate (fd, BIG_SIZE), ==, 0);
      g_assert_true (g_close (fd, NULL));
      g_ptr_array_add (set->entries, dossier_archive_entry_new_file (BIG_NAME, path, FALSE));
      g_hash_table_insert (set->contents, g_strdup (BIG_NAME),
                           g_bytes_new_take (data, BIG_SIZE));
    }
}

/* General purpose flags of every entry, from the central directory. */
static GHashTable *
central_flags (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  GHashTable *flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  const guint8 *end;
  gsize pos;
  guint n;

  g_assert_cmpuint (size, >=, 22);
  end = data + size - 22;
  g_assert_cmphex (le32 (end), ==, 0x06054b50);
  n = le16 (end + 10);
  pos = le32 (end + 16);
  for (guint i = 0; i < n; i++)
    {
      guint16 name_length = le16 (data + pos + 28);

      g_assert_cmphex (le32 (data + pos), ==, 0x02014b50);
      g_hash_table_insert (flags, g_strndup ((const char *) data + pos + 46, name_length),
                           GUINT_TO_POINTER (le16 (data + pos + 8)));
      pos += 46 + name_length + le16 (data + pos + 30) + le16 (data + pos + 32);
    }
  return flags;
}

static GBytes *
read_raw (zip_t      *za,
          const char *name)
{
  g_autoptr(zip_file_t) zf = NULL;
  zip_stat_t st;
  zip_int64_t index = zip_name_locate (za, name, 0);
  guint8 *buffer;

  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (zip_stat_index (za, index, 0, &st), ==, 0);
  zf = zip_fopen_index (za, index, ZIP_FL_COMPRESSED);
  g_assert_nonnull (zf);
  buffer = g_malloc (st.comp_size + 1);
  g_assert_cmpint (zip_fread (zf, buffer, st.comp_size + 1), ==, (zip_int64_t) st.comp_size);
  return g_bytes_new_take (buffer, st.comp_size);
}

/* Every entry read back with libzip, to its end (where libzip checks the CRC and the AES
 * authentication code), against the content and its CRC-32. */
static void
assert_deflate_contents (const char *path,
                         const char *passphrase,
                         DeflateSet *set)
{
  g_autoptr(zip_t) za = NULL;
  g_autoptr(GHashTable) flags = central_flags (path);
  int zerr = 0;

  za = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  g_assert_nonnull (za);
  if (passphrase != NULL)
    g_assert_cmpint (zip_set_default_password (za, passphrase), ==, 0);
  g_assert_cmpint (zip_get_num_entries (za, 0), ==, g_hash_table_size (set->contents));

  for (zip_int64_t i = 0; i < zip_get_num_entries (za, 0); i++)
    {
      g_autoptr(zip_file_t) zf = NULL;
      g_autofree guint8 *buffer = NULL;
      GBytes *expected;
      gsize expected_size;
      const guint8 *expected_data;
      guint flag_bits;
      zip_stat_t st;
      zip_int64_t n;

      g_assert_cmpint (zip_stat_index (za, i, 0, &st), ==, 0);
      expected = g_hash_table_lookup (set->contents, st.name);
      g_assert_nonnull (expected);
      expected_data = g_bytes_get_data (expected, &expected_size);
      g_assert_cmpuint (st.size, ==, expected_size);
      g_assert_cmpint (st.comp_method, ==, ZIP_CM_DEFLATE);
      /* No data descriptor; bit 0, encrypted, only with a passphrase. */
      flag_bits = GPOINTER_TO_UINT (g_hash_table_lookup (flags, st.name));
      g_assert_cmphex (flag_bits & 0x0008, ==, 0);
      g_assert_cmphex (flag_bits & 0x0001, ==, passphrase != NULL ? 1 : 0);
      if (passphrase != NULL)
        {
          g_assert_cmpuint (st.encryption_method, ==, ZIP_EM_AES_256);
        }
      else
        {
          g_assert_cmpuint (st.encryption_method, ==, ZIP_EM_NONE);
          g_assert_cmphex (st.crc, ==,
                           crc32 (0, expected_data != NULL ? expected_data : Z_NULL,
                                  (uInt) expected_size));
          /* Level 1 ("fast", bit 2) for what does not compress, as libzip marks it. */
          if (g_str_has_prefix (st.name, "scans/") || g_str_has_prefix (st.name, "same/"))
            g_assert_cmphex (flag_bits & 0x0006, ==, 0x0004);
          else
            g_assert_cmphex (flag_bits & 0x0006, ==, 0);
          if (g_str_has_prefix (st.name, "letters/") || g_str_equal (st.name, BIG_NAME))
            g_assert_cmpuint (st.comp_size, <, st.size / 2);
        }

      zf = zip_fopen_index (za, i, 0);
      g_assert_nonnull (zf);
      buffer = g_malloc (st.size + 1);
      n = zip_fread (zf, buffer, st.size + 1);
      g_assert_cmpint (n, ==, (zip_int64_t) st.size);
      g_assert_cmpmem (buffer, n, expected_data, expected_size);
      g_assert_cmpint (zip_fread (zf, buffer, 1), ==, 0);
    }

  if (passphrase == NULL)
    {
      /* Deflate's output depends on the bytes only, not on where they came from. */
      g_autoptr(GBytes) from_file = read_raw (za, "same/from-file.pdf");
      g_autoptr(GBytes) from_memory = read_raw (za, "same/from-memory.pdf");

      g_assert_true (g_bytes_equal (from_file, from_memory));
    }
}

static void
test_deflate_contents (void)
{
  g_auto(DeflateSet) set = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) sums = NULL;
  g_autofree char *dir = make_dir ("deflate-contents");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *unzip = require_tool ("unzip");
  g_autofree char *sevenzip = require_tool ("7z");
  ProgressLog log = { 0, };
  GHashTableIter iter;
  gpointer key, value;
  guint64 total = 0;

  deflate_set_init (&set, "deflate-sources", TRUE);
  log.done = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_assert_true (dossier_archive_write (out, set.entries, NULL, record_progress, &log, NULL,
                                        &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) names = list_dir (dir);

    g_assert_cmpuint (names->len, ==, 1);
  }
  assert_deflate_contents (out, NULL, &set);

  /* Progress still in bytes of the sources, only going up, to the end. */
  g_hash_table_iter_init (&iter, set.contents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    total += g_bytes_get_size (value);
  g_assert_cmpuint (log.total, ==, total);
  g_assert_false (log.total_changed);
  g_assert_cmpuint (log.done->len, >=, 10);
  for (guint i = 1; i < log.done->len; i++)
    g_assert_cmpuint (g_array_index (log.done, guint64, i), >,
                      g_array_index (log.done, guint64, i - 1));
  g_assert_cmpuint (g_array_index (log.done, guint64, log.done->len - 1), ==, total);

  sums = dossier_archive_checksums (out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (sums), ==, g_hash_table_size (set.contents));
  g_hash_table_iter_init (&iter, set.contents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, value);
      g_autofree char *expected = g_strdup_printf ("%" G_GSIZE_FORMAT " %s",
                                                   g_bytes_get_size (value), sum);

      g_assert_cmpstr (g_hash_table_lookup (sums, key), ==, expected);
    }

  if (unzip != NULL && sevenzip != NULL)
    {
      const char *unzip_argv[] = { "unzip", "-t", out, NULL };
      const char *sevenzip_argv[] = { "7z", "t", "-bd", out, NULL };

      g_assert_true (run_tool (unzip_argv));
      g_assert_true (run_tool (sevenzip_argv));
    }
  progress_log_clear (&log);
}

/* Checks the WinZip AES layout of every entry from the raw bytes, with OpenSSL rather
 * than the code under test or libzip: the AES extra field (AE-2, AES-256, the real
 * method), the CRC as libzip writes it (left out under 20 bytes), a salt of its own for
 * every entry, the password verifier and the authentication code over the encrypted
 * data. */
static void
assert_winzip_aes_layout (const char *path,
                          const char *passphrase,
                          DeflateSet *set)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GHashTable) salts = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                       (GDestroyNotify) g_bytes_unref, NULL);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize pos = 0;
  guint n_entries = 0;

  while (pos + 4 <= size && le32 (data + pos) == 0x04034b50)
    {
      guint16 method = le16 (data + pos + 8);
      guint32 crc = le32 (data + pos + 14);
      guint32 comp_size = le32 (data + pos + 18);
      guint32 uncomp_size = le32 (data + pos + 22);
      guint16 name_length = le16 (data + pos + 26);
      guint16 extra_length = le16 (data + pos + 28);
      g_autofree char *name = g_strndup ((const char *) data + pos + 30, name_length);
      const guint8 *extra = data + pos + 30 + name_length;
      const guint8 *salt = extra + extra_length;
      const guint8 *encrypted = salt + 18;
      gsize encrypted_size;
      GBytes *expected = g_hash_table_lookup (set->contents, name);
      gsize expected_size;
      const guint8 *expected_data;
      guint8 keys[66];
      guint8 mac[EVP_MAX_MD_SIZE];
      unsigned int mac_length = 0;

      g_assert_nonnull (expected);
      expected_data = g_bytes_get_data (expected, &expected_size);
      g_assert_cmphex (le16 (data + pos + 6) & 0x0001, ==, 1);
      g_assert_cmpuint (method, ==, 99);
      g_assert_cmpuint (uncomp_size, ==, expected_size);
      if (uncomp_size < 20)
        g_assert_cmphex (crc, ==, 0);
      else
        g_assert_cmphex (crc, ==, crc32 (0, expected_data, (uInt) expected_size));
      g_assert_cmpuint (extra_length, ==, 11);
      g_assert_cmphex (le16 (extra), ==, 0x9901);
      g_assert_cmpuint (le16 (extra + 2), ==, 7);
      g_assert_cmpuint (le16 (extra + 4), ==, 2);           /* AE-2 */
      g_assert_cmpmem (extra + 6, 2, "AE", 2);
      g_assert_cmpuint (extra[8], ==, 3);                   /* AES-256 */
      g_assert_cmpuint (le16 (extra + 9), ==, ZIP_CM_DEFLATE);

      g_assert_cmpuint (comp_size, >=, 28);
      g_assert_cmpuint ((gsize) (salt - data) + comp_size, <=, size);
      g_assert_true (g_hash_table_add (salts, g_bytes_new (salt, 16)));
      encrypted_size = comp_size - 28;
      g_assert_cmpint (PKCS5_PBKDF2_HMAC (passphrase, (int) strlen (passphrase), salt, 16,
                                          1000, EVP_sha1 (), sizeof keys, keys), ==, 1);
      g_assert_cmpmem (salt + 16, 2, keys + 64, 2);
      g_assert_nonnull (HMAC (EVP_sha1 (), keys + 32, 32, encrypted, encrypted_size, mac,
                              &mac_length));
      g_assert_cmpmem (encrypted + encrypted_size, 10, mac, 10);

      pos = (gsize) (salt - data) + comp_size;
      n_entries++;
    }
  g_assert_cmpuint (n_entries, ==, g_hash_table_size (set->contents));
  g_assert_cmphex (le32 (data + pos), ==, 0x02014b50);
}

static void
test_deflate_encrypted (void)
{
  g_auto(DeflateSet) set = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("deflate-encrypted");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *unzip = require_tool ("unzip");
  g_autofree char *sevenzip = require_tool ("7z");
  g_autofree char *good = g_strdup_printf ("-p%s", PASSPHRASE);

  g_autofree char *again = g_build_filename (dir, "again.zip", NULL);
  g_autoptr(GHashTable) sums = NULL;
  GHashTableIter iter;
  gpointer key, value;

  deflate_set_init (&set, "deflate-sources", FALSE);
  g_assert_true (dossier_archive_write (out, set.entries, PASSPHRASE, NULL, NULL, NULL,
                                        &error));
  g_assert_no_error (error);
  assert_deflate_contents (out, PASSPHRASE, &set);
  assert_winzip_aes_layout (out, PASSPHRASE, &set);

  /* Random salts: the same entries never give the same bytes twice. */
  g_assert_true (dossier_archive_write (again, set.entries, PASSPHRASE, NULL, NULL, NULL,
                                        &error));
  g_assert_no_error (error);
  g_assert_false (files_equal (out, again));
  assert_deflate_contents (again, PASSPHRASE, &set);

  sums = dossier_archive_checksums (out, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (sums), ==, g_hash_table_size (set.contents));
  g_hash_table_iter_init (&iter, set.contents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, value);
      g_autofree char *expected = g_strdup_printf ("%" G_GSIZE_FORMAT " %s",
                                                   g_bytes_get_size (value), sum);

      g_assert_cmpstr (g_hash_table_lookup (sums, key), ==, expected);
    }
  g_clear_pointer (&sums, g_hash_table_unref);
  sums = dossier_archive_checksums (out, "WRONG", &error);
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_PASSPHRASE);
  g_assert_null (sums);
  g_clear_error (&error);

  if (sevenzip != NULL)
    {
      const char *argv[] = { "7z", "t", "-bd", good, out, NULL };
      const char *wrong[] = { "7z", "t", "-bd", "-pWRONG", out, NULL };

      g_assert_true (run_tool (argv));
      g_assert_false (run_tool (wrong));
    }
}

static void
test_deflate_deterministic (void)
{
  g_auto(DeflateSet) set = { NULL, };
  g_autofree char *dir = make_dir ("deflate-deterministic");
  g_autofree char *zipcmp = require_tool ("zipcmp");
  g_autofree char *first = g_build_filename (dir, "run-0.zip", NULL);
  g_autofree char *last = g_build_filename (dir, "run-2.zip", NULL);
  g_autofree char *first_sum = NULL;

  /* The workers finish in a different order each time; the bytes must not change. */
  deflate_set_init (&set, "deflate-sources", FALSE);
  for (guint run = 0; run < 3; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("run-%u.zip", run);
      g_autofree char *out = g_build_filename (dir, name, NULL);
      g_autofree char *sum = NULL;

      g_assert_true (dossier_archive_write (out, set.entries, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      sum = sha256_of_path (out);
      g_test_message ("%s: %s", name, sum);
      if (first_sum == NULL)
        first_sum = g_steal_pointer (&sum);
      else
        g_assert_cmpstr (sum, ==, first_sum);
    }

  /* -t: zipcmp also checks every entry against its CRC. */
  if (zipcmp != NULL)
    {
      const char *argv[] = { "zipcmp", "-p", "-t", first, last, NULL };

      g_assert_true (run_tool (argv));
    }
}

static void
test_deflate_cancel (void)
{
  g_autoptr(GPtrArray) entries = new_entry_array ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) scan = scan_bytes (MB, 21);
  g_autofree char *sources = make_dir ("deflate-cancel-sources");
  g_autofree char *dir = make_dir ("deflate-cancel");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *path = g_build_filename (sources, "scan.pdf", NULL);
  g_autofree char *before = NULL;
  gint64 started;

  write_bytes (path, scan);
  before = sha256_of_path (path);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("scans/scan-%02u.pdf", i);

      g_ptr_array_add (entries, dossier_archive_entry_new_file (name, path, FALSE));
    }

  /* In the clear, then encrypted by the workers. */
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *after = NULL;
      ProgressLog log = { 0, };

      log.done = g_array_new (FALSE, FALSE, sizeof (guint64));
      log.cancel = cancellable;
      log.cancel_at = 0.3;
      started = g_get_monotonic_time ();
      g_assert_false (dossier_archive_write (out, entries, run == 0 ? NULL : PASSPHRASE,
                                             record_progress, &log, cancellable, &error));
      g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_CANCELLED);
      g_clear_error (&error);
      g_test_message ("cancelled after %.2f s", (g_get_monotonic_time () - started) / 1e6);
      g_assert_cmpuint (g_array_index (log.done, guint64, log.done->len - 1), <,
                        log.total / 2);
      assert_dir_empty (dir);
      after = sha256_of_path (path);
      g_assert_cmpstr (after, ==, before);
      progress_log_clear (&log);
    }
}

/* Removes a document once writing has started, before its worker can get to it. */
static void
remove_on_start (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  if (done == 0)
    g_assert_cmpint (g_unlink (user_data), ==, 0);
}

static void
test_deflate_source_vanishes (void)
{
  g_autoptr(GPtrArray) entries = new_entry_array ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) scan = scan_bytes (MB, 23);
  g_autofree char *sources = make_dir ("deflate-vanish-sources");
  g_autofree char *dir = make_dir ("deflate-vanish");
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autofree char *path = g_build_filename (sources, "scan.pdf", NULL);
  g_autofree char *last = g_build_filename (sources, "last.pdf", NULL);

  /* 40 MB ahead of it: more than the workers may deflate before the writer catches up. */
  write_bytes (path, scan);
  write_bytes (last, scan);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("scans/scan-%02u.pdf", i);

      g_ptr_array_add (entries, dossier_archive_entry_new_file (name, path, FALSE));
    }
  g_ptr_array_add (entries, dossier_archive_entry_new_file ("scans/zz-last.pdf", last, FALSE));

  g_assert_false (dossier_archive_write (out, entries, NULL, remove_on_start, last, NULL,
                                         &error));
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, last));
  assert_dir_empty (dir);
}

/* AddressSanitizer keeps freed memory in quarantine (256 MB) to catch its use after the
 * free, so there the peak RSS measures AddressSanitizer, not the writer. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

typedef struct
{
  const char *source;
  const char *out_path;
} DeflateMemoryArgs;

static int
deflate_memory_child (gconstpointer data)
{
  const DeflateMemoryArgs *args = data;
  g_autoptr(GPtrArray) entries = new_entry_array ();
  g_autoptr(GError) error = NULL;
  g_autoptr(zip_t) za = NULL;
  long before, after;
  int zerr = 0;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("scans/scan-%03u.pdf", i);

      g_ptr_array_add (entries, dossier_archive_entry_new_file (name, args->source, FALSE));
    }
  before = peak_rss_kb ();
  if (!dossier_archive_write (args->out_path, entries, NULL, NULL, NULL, NULL, &error))
    {
      g_printerr ("# %s\n", error->message);
      return 1;
    }
  after = peak_rss_kb ();
  g_printerr ("# peak RSS %ld kB before; grew by %ld kB writing 100 deflated entries of 3 MB "
              "on %u processors%s\n", before, after - before, g_get_num_processors (),
              UNDER_ASAN ? " (AddressSanitizer's quarantine included: not checked)" : "");
  /* Holding them all would be 300 MB. */
  if (!UNDER_ASAN && after - before > 32 * 1024)
    return 2;

  za = zip_open (args->out_path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  if (za == NULL || zip_get_num_entries (za, 0) != 100)
    return 4;
  return 0;
}

static void
test_deflate_memory (void)
{
  g_autofree char *dir = make_dir ("deflate-memory");
  g_autofree char *source = g_build_filename (dir, "scan.pdf", NULL);
  g_autofree char *out = g_build_filename (dir, "submission.zip", NULL);
  g_autoptr(GBytes) scan = scan_bytes (3 * MB, 31);
  DeflateMemoryArgs args = { source, out };

  /* Incompressible: every deflated entry held in memory is its full 3 MB. */
  write_bytes (source, scan);
  g_assert_cmpint (run_in_child (deflate_memory_child, &args), ==, 0);
  remove_tree (dir);
}

static void
test_worth_deflating (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("worth");
  g_autofree char *text = g_build_filename (dir, "text.pdf", NULL);
  g_autofree char *noise = g_build_filename (dir, "noise.bin", NULL);
  g_autofree char *scan = g_build_filename (dir, "scan.pdf", NULL);
  g_autofree char *jpeg = g_build_filename (dir, "photo.jpg", NULL);
  g_autofree char *small = g_build_filename (dir, "small.txt", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.pdf", NULL);
  g_autoptr(GBytes) text_bytes = pdf_like_bytes (MB);
  g_autoptr(GBytes) noise_bytes = random_bytes (MB, 41);
  g_autoptr(GBytes) scan_data = scan_bytes (2 * MB, 43);
  g_autoptr(GBytes) jpeg_bytes = noisy_jpeg (600, 400);
  g_autoptr(GBytes) small_bytes = g_bytes_new_static (LETTER LETTER LETTER, 3 * strlen (LETTER));
  g_autoptr(GBytes) empty_bytes = g_bytes_new_static ("", 0);

  write_bytes (text, text_bytes);
  write_bytes (noise, noise_bytes);
  write_bytes (scan, scan_data);
  write_bytes (jpeg, jpeg_bytes);
  write_bytes (small, small_bytes);
  write_bytes (empty, empty_bytes);

  g_assert_true (dossier_archive_worth_deflating (text, &error));
  g_assert_no_error (error);
  g_assert_true (dossier_archive_worth_deflating (small, &error));
  g_assert_no_error (error);
  g_assert_false (dossier_archive_worth_deflating (noise, &error));
  g_assert_no_error (error);
  g_assert_false (dossier_archive_worth_deflating (scan, &error));
  g_assert_no_error (error);
  g_assert_false (dossier_archive_worth_deflating (empty, &error));
  g_assert_no_error (error);
  /* Real JPEG data does shrink a little: why zip -r's archives are smaller than stored. */
  g_assert_true (dossier_archive_worth_deflating (jpeg, &error));
  g_assert_no_error (error);

  g_assert_false (dossier_archive_worth_deflating (missing, &error));
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_assert_false (dossier_archive_worth_deflating (dir, &error));
  g_assert_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_READ);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  base_dir = g_dir_make_tmp ("dossier-test-archive-XXXXXX", &error);
  g_assert_no_error (error);
  /* Traversable by the other user of test_other_user_folder. */
  g_assert_cmpint (g_chmod (base_dir, 0755), ==, 0);
  make_sources ();

  g_test_add_func ("/archive/sha256-file", test_sha256_file);
  g_test_add_func ("/archive/write/contents", test_write_contents);
  g_test_add_func ("/archive/write/standard-tools", test_write_standard_tools);
  g_test_add_func ("/archive/write/deterministic", test_write_deterministic);
  g_test_add_func ("/archive/write/encrypted", test_write_encrypted);
  g_test_add_func ("/archive/write/cancel", test_cancel);
  g_test_add_func ("/archive/write/cancel-keeps-previous", test_cancel_keeps_previous);
  g_test_add_func ("/archive/write/missing-source", test_missing_source);
  g_test_add_func ("/archive/write/bad-names", test_bad_names);
  g_test_add_func ("/archive/write/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/archive/write/other-user-folder", test_other_user_folder);
  g_test_add_func ("/archive/write/disk-full", test_disk_full);
  g_test_add_func ("/archive/write/memory", test_memory);
  g_test_add_func ("/archive/verify/damaged", test_damaged);
  g_test_add_func ("/archive/deflate/contents", test_deflate_contents);
  g_test_add_func ("/archive/deflate/encrypted", test_deflate_encrypted);
  g_test_add_func ("/archive/deflate/deterministic", test_deflate_deterministic);
  g_test_add_func ("/archive/deflate/cancel", test_deflate_cancel);
  g_test_add_func ("/archive/deflate/source-vanishes", test_deflate_source_vanishes);
  g_test_add_func ("/archive/deflate/memory", test_deflate_memory);
  g_test_add_func ("/archive/deflate/worth-deflating", test_worth_deflating);

  status = g_test_run ();

  remove_tree (base_dir);
  g_clear_pointer (&base_dir, g_free);
  g_clear_pointer (&source_dir, g_free);
  return status;
}
