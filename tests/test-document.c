/* test-document.c: recognising documents by their content, with real files made here
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <zip.h>

#include "dossier-document.h"

/* Resolutions are compared to a hundredth of what a reader would notice. */
#define DPI_EPSILON 0.05

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)

typedef struct
{
  char *dir;
} Fixture;

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

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dossier-test-document-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* A real PDF, as any application would write it: one line drawn on each A4 page. */
static void
write_pdf (const char *path,
           int         pages)
{
  g_autoptr(cairo_surface_t) surface = cairo_pdf_surface_create (path, 595.0, 842.0);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  for (int i = 0; i < pages; i++)
    {
      cairo_move_to (cr, 72.0, 72.0);
      cairo_line_to (cr, 500.0, 72.0 + 100.0 * i);
      cairo_stroke (cr);
      cairo_rectangle (cr, 100.0, 300.0, 200.0 + i, 100.0);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
}

/* A picture with some detail in it, so that the encoders have data to compress. */
static void
write_image (const char *path,
             const char *type,
             int         width,
             int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *pixels;
  int rowstride;

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_assert_nonnull (pixbuf);
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  for (int y = 0; y < height; y++)
    {
      guint8 *row = pixels + (gsize) y * rowstride;

      for (int x = 0; x < width; x++)
        {
          row[3 * x] = (guint8) (x * 7);
          row[3 * x + 1] = (guint8) (y * 3);
          row[3 * x + 2] = (guint8) ((x ^ y) & 0xFF);
        }
    }
  gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);
}

/* The first length bytes of src, as a copy cut short would be. */
static void
write_truncated (const char *src,
                 const char *dest,
                 double      fraction)
{
  g_autoptr(GBytes) bytes = read_bytes (src);
  gsize length = (gsize) ((double) g_bytes_get_size (bytes) * fraction);

  write_bytes (dest, g_bytes_get_data (bytes, NULL), length);
}

/* A copy of src with count bytes of noise written over its middle. */
static void
write_garbled (const char *src,
               const char *dest,
               gsize       count)
{
  g_autoptr(GBytes) bytes = read_bytes (src);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *copy = g_memdup2 (data, length);
  gsize start = length / 2;

  g_assert_cmpuint (start + count, <=, length);
  for (gsize i = 0; i < count; i++)
    copy[start + i] = (guint8) (i * 37 + 11);
  write_bytes (dest, copy, length);
}

static void
run_qpdf (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("qpdf");
  g_autofree char *standard_error = NULL;
  int wait_status = 0;

  /* Not a skip: qpdf is a test dependency (see the README), and the encrypted files
   * can only be made with it. */
  if (program == NULL)
    g_error ("qpdf is not installed; install the “qpdf” package to run these tests");

  g_ptr_array_add (argv, program);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &standard_error, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, &error))
    g_error ("qpdf failed: %s: %s", error->message, standard_error);
}

static char *
file_sha256 (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Inspects a file that must be readable, and checks that doing so left it as it was. */
static void
inspect (const char          *path,
         DossierDocumentInfo *info)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_sha256 (path);
  g_autofree char *after = NULL;
  GStatBuf st;
  gboolean ok;

  ok = dossier_document_inspect (path, info, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  after = file_sha256 (path);
  g_assert_cmpstr (after, ==, before);

  g_assert_cmpstr (info->path, ==, path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (info->size, ==, st.st_size);
}

static void
assert_unreadable (const char *path,
                   const char *name)
{
  g_auto(DossierDocumentInfo) info = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (dossier_document_inspect (path, &info, &error));
  g_assert_error (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_UNREADABLE);
  g_test_message ("%s: %s", name, error->message);
  /* The message names the file, so that the user knows which one. */
  g_assert_nonnull (strstr (error->message, name));
  g_assert_null (info.path);
  g_assert_null (info.detail);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_UNKNOWN);
}

static void
write_zip (const char         *path,
           const char * const *names)
{
  static const char content[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<document>letter of employment</document>\n";
  zip_t *archive;
  int error_code = 0;

  archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &error_code);
  g_assert_nonnull (archive);
  for (gsize i = 0; names[i] != NULL; i++)
    {
      zip_source_t *source = zip_source_buffer (archive, content, strlen (content), 0);

      g_assert_nonnull (source);
      if (zip_file_add (archive, names[i], source, ZIP_FL_ENC_UTF_8) < 0)
        {
          zip_source_free (source);
          g_error ("cannot add %s to %s: %s", names[i], path, zip_strerror (archive));
        }
    }
  g_assert_cmpint (zip_close (archive), ==, 0);
}

/* ------------------------------------------------------------------------------------
 * PDF
 */

static void
test_pdf_pages (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *one = fixture_path (fixture, "one.pdf");
  g_autofree char *three = fixture_path (fixture, "three.pdf");
  g_auto(DossierDocumentInfo) info = { 0 };

  write_pdf (one, 1);
  write_pdf (three, 3);

  inspect (one, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_null (info.detail);
  g_assert_cmpint (info.pages, ==, 1);
  g_assert_cmpint (info.width, ==, 0);
  g_assert_cmpint (info.height, ==, 0);
  g_assert_cmpfloat (info.dpi_on_a4, ==, 0.0);
  g_assert_cmpint (info.size, >, 0);
  dossier_document_info_clear (&info);

  inspect (three, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.pages, ==, 3);
}

/* Some scanners and mail gateways leave bytes before the header; readers accept that. */
static void
test_pdf_leading_bytes (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *plain = fixture_path (fixture, "plain.pdf");
  g_autofree char *prefixed = fixture_path (fixture, "prefixed.pdf");
  g_auto(DossierDocumentInfo) info = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();

  write_pdf (plain, 2);
  bytes = read_bytes (plain);
  g_byte_array_append (data, (const guint8 *) "Received: from scanner\r\n\r\n", 26);
  g_byte_array_append (data, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  write_bytes (prefixed, data->data, data->len);

  inspect (prefixed, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.pages, ==, 2);
}

static void
test_pdf_user_password (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *plain = fixture_path (fixture, "plain.pdf");
  g_autofree char *locked = fixture_path (fixture, "locked.pdf");
  g_auto(DossierDocumentInfo) info = { 0 };

  write_pdf (plain, 2);
  run_qpdf ((const char * const[]) { "--encrypt", "user", "owner", "256", "--",
                                     plain, locked, NULL });

  inspect (locked, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_ENCRYPTED);
  g_assert_nonnull (info.detail);
  g_test_message ("%s", info.detail);
}

/* Opens without a password, so a viewer shows nothing; still encrypted, still refused. */
static void
test_pdf_owner_password (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *plain = fixture_path (fixture, "plain.pdf");
  g_autofree char *restricted = fixture_path (fixture, "restricted.pdf");
  g_auto(DossierDocumentInfo) info = { 0 };

  write_pdf (plain, 3);
  run_qpdf ((const char * const[]) { "--encrypt", "", "owner", "256", "--",
                                     plain, restricted, NULL });

  inspect (restricted, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_ENCRYPTED);
  g_assert_nonnull (info.detail);
  g_assert_cmpint (info.pages, ==, 3);
}

static void
test_pdf_truncated (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *plain = fixture_path (fixture, "plain.pdf");
  g_autofree char *half = fixture_path (fixture, "half.pdf");
  g_auto(DossierDocumentInfo) info = { 0 };

  write_pdf (plain, 3);
  write_truncated (plain, half, 0.5);

  inspect (half, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_DAMAGED);
  g_assert_nonnull (info.detail);
  g_assert_cmpint (info.pages, ==, 0);
  g_test_message ("%s", info.detail);
}

static void
test_pdf_garbage (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *plain = fixture_path (fixture, "plain.pdf");
  g_autofree char *garbled = fixture_path (fixture, "garbled.pdf");
  g_auto(DossierDocumentInfo) info = { 0 };

  write_pdf (plain, 3);
  write_garbled (plain, garbled, 200);

  inspect (garbled, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_DAMAGED);
  g_assert_nonnull (info.detail);
  g_test_message ("%s", info.detail);
}

/* qpdf rebuilds a lost cross-reference table and finds every page, but says it had to:
 * the portal's reader may not be as forgiving. */
static void
test_pdf_repaired (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *plain = fixture_path (fixture, "plain.pdf");
  g_autofree char *repaired = fixture_path (fixture, "repaired.pdf");
  g_auto(DossierDocumentInfo) info = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *copy = NULL;
  const char *data;
  gsize length = 0;
  char *startxref;

  write_pdf (plain, 3);
  bytes = read_bytes (plain);
  data = g_bytes_get_data (bytes, &length);
  copy = g_memdup2 (data, length);
  /* Streams hold NUL bytes: search the tail by hand, not as a string. */
  startxref = NULL;
  for (gsize i = length - strlen ("startxref"); i > 0 && startxref == NULL; i--)
    if (memcmp (copy + i, "startxref", strlen ("startxref")) == 0)
      startxref = copy + i;
  g_assert_nonnull (startxref);
  /* The offset on the next line now points nowhere near the table. */
  for (char *p = startxref + strlen ("startxref"); *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        *p = '9';
      else if (*p == '%')
        break;
    }
  write_bytes (repaired, copy, length);

  inspect (repaired, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_DAMAGED);
  g_assert_nonnull (info.detail);
  g_assert_nonnull (strstr (info.detail, "damaged"));
  g_test_message ("%s", info.detail);
}

/* The structure is intact but a page's compressed drawing instructions are not: only
 * decoding the stream shows it, and qpdf_read() does not. */
static void
test_pdf_stream_damage (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *plain = fixture_path (fixture, "plain.pdf");
  g_autofree char *broken = fixture_path (fixture, "broken-page.pdf");
  g_auto(DossierDocumentInfo) info = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *copy = NULL;
  const guint8 *data;
  gsize length = 0;
  gsize stream = 0;
  gsize end;

  write_pdf (plain, 3);
  bytes = read_bytes (plain);
  data = g_bytes_get_data (bytes, &length);
  copy = g_memdup2 (data, length);
  while (stream + 7 < length && memcmp (copy + stream, "stream\n", 7) != 0)
    stream++;
  stream += 7;
  for (end = stream; end + 9 < length && memcmp (copy + end, "endstream", 9) != 0; end++)
    ;
  g_assert_cmpuint (end, >, stream + 32);
  /* Not bytes in the middle: qpdf, like most readers, accepts a stream whose checksum
   * is wrong, and noise may inflate to noise. An impossible zlib header cannot. */
  g_assert_cmpint (copy[stream], ==, 0x78);
  memset (copy + stream, 0xFF, 2);
  write_bytes (broken, copy, length);

  inspect (broken, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_DAMAGED);
  g_assert_cmpint (info.pages, ==, 3);
  g_assert_nonnull (info.detail);
  g_test_message ("%s", info.detail);
}

/* qpdf must not print its warnings and errors on our stderr. */
static void
test_pdf_silent (Fixture       *fixture,
                 gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *plain = fixture_path (fixture, "plain.pdf");
      g_autofree char *half = fixture_path (fixture, "half.pdf");
      g_autofree char *garbled = fixture_path (fixture, "garbled.pdf");
      g_autofree char *locked = fixture_path (fixture, "locked.pdf");
      g_autofree char *photo = fixture_path (fixture, "photo.jpg");
      g_autofree char *cut = fixture_path (fixture, "cut.jpg");
      const char *paths[] = { half, garbled, locked, cut };

      write_pdf (plain, 3);
      write_truncated (plain, half, 0.5);
      write_garbled (plain, garbled, 200);
      run_qpdf ((const char * const[]) { "--encrypt", "user", "owner", "256", "--",
                                         plain, locked, NULL });
      write_image (photo, "jpeg", 300, 200);
      write_truncated (photo, cut, 0.5);

      for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
        {
          g_auto(DossierDocumentInfo) info = { 0 };

          inspect (paths[i], &info);
          g_assert_cmpint (info.problem, !=, DOSSIER_DOCUMENT_OK);
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

/* ------------------------------------------------------------------------------------
 * Images
 */

static void
test_jpeg_a4_300_dpi (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *portrait = fixture_path (fixture, "portrait.jpg");
  g_autofree char *landscape = fixture_path (fixture, "landscape.jpg");
  g_auto(DossierDocumentInfo) info = { 0 };

  /* An A4 page scanned at 300 dpi. */
  write_image (portrait, "jpeg", 2480, 3508);
  inspect (portrait, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_JPEG);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_null (info.detail);
  g_assert_cmpint (info.pages, ==, 1);
  g_assert_cmpint (info.width, ==, 2480);
  g_assert_cmpint (info.height, ==, 3508);
  g_assert_cmpfloat_with_epsilon (info.dpi_on_a4, 300.0, DPI_EPSILON);
  dossier_document_info_clear (&info);

  /* Turned sideways it goes on the page sideways: the same resolution. */
  write_image (landscape, "jpeg", 3508, 2480);
  inspect (landscape, &info);
  g_assert_cmpint (info.width, ==, 3508);
  g_assert_cmpint (info.height, ==, 2480);
  g_assert_cmpfloat_with_epsilon (info.dpi_on_a4, 300.0, DPI_EPSILON);
}

/* The side that reaches the page's edge first sets the resolution. */
static void
test_dpi_limiting_side (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *banner = fixture_path (fixture, "banner.jpg");
  g_autofree char *square = fixture_path (fixture, "square.png");
  g_autofree char *page = fixture_path (fixture, "page.png");
  g_auto(DossierDocumentInfo) info = { 0 };

  /* Long and thin: its length fills the page's 297 mm, its height does not matter. */
  write_image (banner, "jpeg", 4000, 1000);
  inspect (banner, &info);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpfloat_with_epsilon (info.dpi_on_a4, 4000.0 / (297.0 / 25.4), DPI_EPSILON);
  g_assert_cmpfloat_with_epsilon (info.dpi_on_a4, 342.09, DPI_EPSILON);
  dossier_document_info_clear (&info);

  /* Square: the page's 210 mm width is reached first. */
  write_image (square, "png", 1000, 1000);
  inspect (square, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PNG);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.width, ==, 1000);
  g_assert_cmpint (info.height, ==, 1000);
  g_assert_cmpfloat_with_epsilon (info.dpi_on_a4, 1000.0 / (210.0 / 25.4), DPI_EPSILON);
  g_assert_cmpfloat_with_epsilon (info.dpi_on_a4, 120.95, DPI_EPSILON);
  dossier_document_info_clear (&info);

  /* An A4 page at 150 dpi. */
  write_image (page, "png", 1240, 1754);
  inspect (page, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PNG);
  g_assert_cmpint (info.pages, ==, 1);
  g_assert_cmpint (info.width, ==, 1240);
  g_assert_cmpint (info.height, ==, 1754);
  g_assert_cmpfloat_with_epsilon (info.dpi_on_a4, 150.0, DPI_EPSILON);
}

static void
test_tiff (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *scan = fixture_path (fixture, "scan.tiff");
  g_autofree char *cut = fixture_path (fixture, "cut.tiff");
  g_auto(DossierDocumentInfo) info = { 0 };

  write_image (scan, "tiff", 620, 877);
  inspect (scan, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_TIFF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.pages, ==, 1);
  g_assert_cmpint (info.width, ==, 620);
  g_assert_cmpint (info.height, ==, 877);
  g_assert_cmpfloat_with_epsilon (info.dpi_on_a4, 877.0 / (297.0 / 25.4), DPI_EPSILON);
  dossier_document_info_clear (&info);

  write_truncated (scan, cut, 0.5);
  inspect (cut, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_TIFF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_DAMAGED);
}

static void
test_truncated_images (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *photo = fixture_path (fixture, "photo.jpg");
  g_autofree char *cut_photo = fixture_path (fixture, "cut-photo.jpg");
  g_autofree char *shot = fixture_path (fixture, "shot.png");
  g_autofree char *cut_shot = fixture_path (fixture, "cut-shot.png");
  g_auto(DossierDocumentInfo) info = { 0 };

  /* gdk-pixbuf alone decodes both of these without complaint, grey or transparent
   * where the data stops. */
  write_image (photo, "jpeg", 640, 480);
  write_truncated (photo, cut_photo, 0.5);
  inspect (cut_photo, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_JPEG);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_DAMAGED);
  g_assert_nonnull (info.detail);
  /* The header survived: the size is still known. */
  g_assert_cmpint (info.width, ==, 640);
  g_assert_cmpint (info.height, ==, 480);
  g_test_message ("%s", info.detail);
  dossier_document_info_clear (&info);

  write_image (shot, "png", 640, 480);
  write_truncated (shot, cut_shot, 0.5);
  inspect (cut_shot, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PNG);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_DAMAGED);
  g_assert_nonnull (info.detail);
  g_test_message ("%s", info.detail);
  dossier_document_info_clear (&info);

  /* Only the signature and the start of a header. */
  write_truncated (photo, cut_photo, 0.005);
  inspect (cut_photo, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_JPEG);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_DAMAGED);
}

/* Formats without a gdk-pixbuf saver, written byte by byte. */
static void
test_other_images (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* The classic one-pixel GIF. */
  static const guint8 gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
    0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
    ',', 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0x02, 0x02, 0x44, 0x01, 0x00, ';',
  };
  /* An extended WebP header: 640 × 480 canvas, RIFF length covering the 30 bytes. */
  static const guint8 webp[] = {
    'R', 'I', 'F', 'F', 22, 0, 0, 0, 'W', 'E', 'B', 'P',
    'V', 'P', '8', 'X', 10, 0, 0, 0, 0, 0, 0, 0,
    0x7F, 0x02, 0x00, 0xDF, 0x01, 0x00,
  };
  /* An iPhone photo's first box. */
  static const guint8 heic[] = {
    0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0,
    'm', 'i', 'f', '1', 'h', 'e', 'i', 'c', 0, 0, 0, 8, 'm', 'e', 't', 'a',
  };
  /* AVIF shares HEIF's container and its "mif1" brand, but is not HEIC. */
  static const guint8 avif[] = {
    0, 0, 0, 28, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0,
    'a', 'v', 'i', 'f', 'm', 'i', 'f', '1', 'm', 'i', 'a', 'f', 0, 0, 0, 8,
  };
  g_autofree char *gif_path = fixture_path (fixture, "pixel.gif");
  g_autofree char *webp_path = fixture_path (fixture, "photo.webp");
  g_autofree char *cut_webp_path = fixture_path (fixture, "cut.webp");
  g_autofree char *heic_path = fixture_path (fixture, "IMG_0001.HEIC");
  g_autofree char *avif_path = fixture_path (fixture, "photo.avif");
  g_autofree guint8 *cut_webp = g_memdup2 (webp, sizeof webp);
  g_auto(DossierDocumentInfo) info = { 0 };

  write_bytes (gif_path, gif, sizeof gif);
  inspect (gif_path, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_GIF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.pages, ==, 1);
  g_assert_cmpint (info.width, ==, 1);
  g_assert_cmpint (info.height, ==, 1);
  dossier_document_info_clear (&info);

  write_bytes (webp_path, webp, sizeof webp);
  inspect (webp_path, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_WEBP);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.width, ==, 640);
  g_assert_cmpint (info.height, ==, 480);
  /* 4:3 is wider than A4: the 480 pixels across the page set the resolution. */
  g_assert_cmpfloat_with_epsilon (info.dpi_on_a4, 480.0 / (210.0 / 25.4), DPI_EPSILON);
  dossier_document_info_clear (&info);

  /* The RIFF header promises more than the file holds. */
  cut_webp[4] = 0xE8;
  cut_webp[5] = 0x03;
  write_bytes (cut_webp_path, cut_webp, sizeof webp);
  inspect (cut_webp_path, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_WEBP);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_DAMAGED);
  dossier_document_info_clear (&info);

  write_bytes (heic_path, heic, sizeof heic);
  inspect (heic_path, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_HEIC);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.pages, ==, 1);
  dossier_document_info_clear (&info);

  write_bytes (avif_path, avif, sizeof avif);
  inspect (avif_path, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_UNKNOWN);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_UNKNOWN_FORMAT);
}

/* ------------------------------------------------------------------------------------
 * Content, not names
 */

static void
test_content_not_extension (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *pdf_as_jpg = fixture_path (fixture, "scan.jpg");
  g_autofree char *jpeg_as_pdf = fixture_path (fixture, "passport.pdf");
  g_autofree char *png_as_docx = fixture_path (fixture, "letter.docx");
  g_autofree char *pdf_without_name = fixture_path (fixture, "document");
  g_auto(DossierDocumentInfo) info = { 0 };

  write_pdf (pdf_as_jpg, 2);
  inspect (pdf_as_jpg, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.pages, ==, 2);
  g_assert_cmpint (info.width, ==, 0);
  dossier_document_info_clear (&info);

  write_image (jpeg_as_pdf, "jpeg", 320, 240);
  inspect (jpeg_as_pdf, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_JPEG);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.width, ==, 320);
  g_assert_cmpint (info.height, ==, 240);
  g_assert_cmpint (info.pages, ==, 1);
  dossier_document_info_clear (&info);

  write_image (png_as_docx, "png", 64, 48);
  inspect (png_as_docx, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PNG);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.width, ==, 64);
  dossier_document_info_clear (&info);

  write_pdf (pdf_without_name, 1);
  inspect (pdf_without_name, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_PDF);
  g_assert_cmpint (info.pages, ==, 1);
}

/* ------------------------------------------------------------------------------------
 * Word and ZIP
 */

static void
test_docx_and_zip (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *docx = fixture_path (fixture, "letter.docx");
  g_autofree char *zip = fixture_path (fixture, "photos.zip");
  g_autofree char *docx_as_zip = fixture_path (fixture, "letter.zip");
  g_autofree char *cut = fixture_path (fixture, "cut.docx");
  g_auto(DossierDocumentInfo) info = { 0 };

  write_zip (docx, (const char * const[]) { "[Content_Types].xml", "_rels/.rels",
                                            "word/document.xml", NULL });
  inspect (docx, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_DOCX);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.pages, ==, 0);
  g_assert_cmpint (info.width, ==, 0);
  dossier_document_info_clear (&info);

  g_assert_cmpint (g_rename (docx, docx_as_zip), ==, 0);
  inspect (docx_as_zip, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_DOCX);
  dossier_document_info_clear (&info);

  /* A spreadsheet, or any other archive, is just a ZIP. */
  write_zip (zip, (const char * const[]) { "[Content_Types].xml", "xl/workbook.xml",
                                           "word.txt", NULL });
  inspect (zip, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_ZIP);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.pages, ==, 0);
  dossier_document_info_clear (&info);

  /* The directory at the end is gone; the part names at the start still tell. */
  write_truncated (docx_as_zip, cut, 0.5);
  inspect (cut, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_DOCX);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_DAMAGED);
  g_assert_nonnull (info.detail);
  g_test_message ("%s", info.detail);
}

static void
test_doc (Fixture       *fixture,
          gconstpointer  user_data)
{
  static const guint8 ole2[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  g_autofree char *path = fixture_path (fixture, "letter.doc");
  g_autofree guint8 *data = g_malloc0 (512);
  g_auto(DossierDocumentInfo) info = { 0 };

  memcpy (data, ole2, sizeof ole2);
  write_bytes (path, data, 512);
  inspect (path, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_DOC);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_OK);
  g_assert_cmpint (info.pages, ==, 0);
  g_assert_cmpint (info.size, ==, 512);
}

/* ------------------------------------------------------------------------------------
 * Empty, unknown and unreadable
 */

static void
test_empty_and_unknown (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *empty = fixture_path (fixture, "empty.pdf");
  g_autofree char *text = fixture_path (fixture, "notes.pdf");
  g_autofree char *one_byte = fixture_path (fixture, "one-byte.jpg");
  g_auto(DossierDocumentInfo) info = { 0 };

  write_bytes (empty, "", 0);
  inspect (empty, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_UNKNOWN);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_EMPTY);
  g_assert_cmpint (info.size, ==, 0);
  g_assert_cmpint (info.pages, ==, 0);
  dossier_document_info_clear (&info);

  write_bytes (text, "Passport number: P1234567\n", 26);
  inspect (text, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_UNKNOWN);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_UNKNOWN_FORMAT);
  g_assert_cmpint (info.size, ==, 26);
  dossier_document_info_clear (&info);

  write_bytes (one_byte, "\xFF", 1);
  inspect (one_byte, &info);
  g_assert_cmpint (info.format, ==, DOSSIER_FORMAT_UNKNOWN);
  g_assert_cmpint (info.problem, ==, DOSSIER_DOCUMENT_UNKNOWN_FORMAT);
}

static void
test_unreadable (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *missing = fixture_path (fixture, "missing-passport.pdf");
  g_autofree char *folder = fixture_path (fixture, "scans-folder");
  g_autofree char *fifo = fixture_path (fixture, "pipe-file");
  g_autofree char *regular = fixture_path (fixture, "notes.txt");
  g_autofree char *through_file = fixture_path (fixture, "notes.txt/inside.pdf");

  assert_unreadable (missing, "missing-passport.pdf");
  /* A file where a folder should be (ENOTDIR). */
  write_bytes (regular, "notes", 5);
  assert_unreadable (through_file, "inside.pdf");

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_unreadable (folder, "scans-folder");

  /* Must be refused at once, not wait for a writer. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_unreadable (fifo, "pipe-file");
}

static void
test_unreadable_permission (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *locked = fixture_path (fixture, "no-access.pdf");

  write_pdf (locked, 1);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);
  if (access (locked, R_OK) == 0)
    {
      g_test_skip ("permissions do not stop this user (root?) from reading files");
      return;
    }
  assert_unreadable (locked, "no-access.pdf");
}

/* ------------------------------------------------------------------------------------
 * Format names
 */

static void
test_format_names (void)
{
  static const struct
  {
    DossierFileFormat  format;
    const char        *name;
    const char        *extension;
    gboolean           compressed;
  } cases[] = {
    { DOSSIER_FORMAT_PDF,  "pdf",  ".pdf",  TRUE },
    { DOSSIER_FORMAT_JPEG, "jpeg", ".jpg",  TRUE },
    { DOSSIER_FORMAT_PNG,  "png",  ".png",  TRUE },
    { DOSSIER_FORMAT_TIFF, "tiff", ".tiff", FALSE },
    { DOSSIER_FORMAT_DOC,  "doc",  ".doc",  FALSE },
    { DOSSIER_FORMAT_DOCX, "docx", ".docx", TRUE },
    { DOSSIER_FORMAT_GIF,  "gif",  ".gif",  TRUE },
    { DOSSIER_FORMAT_WEBP, "webp", ".webp", TRUE },
    { DOSSIER_FORMAT_HEIC, "heic", ".heic", TRUE },
    { DOSSIER_FORMAT_ZIP,  "zip",  ".zip",  TRUE },
  };
  DossierFileFormat format;

  g_assert_cmpuint (G_N_ELEMENTS (cases), ==, DOSSIER_N_FORMATS - 1);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *upper = g_ascii_strup (cases[i].name, -1);

      g_assert_cmpstr (dossier_file_format_to_string (cases[i].format), ==, cases[i].name);
      g_assert_cmpstr (dossier_file_format_extension (cases[i].format), ==,
                       cases[i].extension);
      g_assert_cmpint (dossier_file_format_is_compressed (cases[i].format), ==,
                       cases[i].compressed);

      format = DOSSIER_FORMAT_UNKNOWN;
      g_assert_true (dossier_file_format_from_string (cases[i].name, &format));
      g_assert_cmpint (format, ==, cases[i].format);
      format = DOSSIER_FORMAT_UNKNOWN;
      g_assert_true (dossier_file_format_from_string (upper, &format));
      g_assert_cmpint (format, ==, cases[i].format);
    }

  g_assert_true (dossier_file_format_from_string ("jpg", &format));
  g_assert_cmpint (format, ==, DOSSIER_FORMAT_JPEG);
  g_assert_true (dossier_file_format_from_string ("tif", &format));
  g_assert_cmpint (format, ==, DOSSIER_FORMAT_TIFF);
  g_assert_true (dossier_file_format_from_string ("pdf", NULL));

  format = DOSSIER_FORMAT_PNG;
  g_assert_false (dossier_file_format_from_string ("unknown", &format));
  g_assert_false (dossier_file_format_from_string ("", &format));
  g_assert_false (dossier_file_format_from_string ("bmp", &format));
  g_assert_false (dossier_file_format_from_string (".pdf", &format));
  g_assert_cmpint (format, ==, DOSSIER_FORMAT_PNG);

  g_assert_cmpstr (dossier_file_format_to_string (DOSSIER_FORMAT_UNKNOWN), ==, "unknown");
  g_assert_cmpstr (dossier_file_format_extension (DOSSIER_FORMAT_UNKNOWN), ==, "");
  g_assert_false (dossier_file_format_is_compressed (DOSSIER_FORMAT_UNKNOWN));
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/document/pdf/pages", test_pdf_pages);
  add_test ("/document/pdf/leading-bytes", test_pdf_leading_bytes);
  add_test ("/document/pdf/encrypted/user-password", test_pdf_user_password);
  add_test ("/document/pdf/encrypted/owner-password", test_pdf_owner_password);
  add_test ("/document/pdf/damaged/truncated", test_pdf_truncated);
  add_test ("/document/pdf/damaged/garbage", test_pdf_garbage);
  add_test ("/document/pdf/damaged/repaired", test_pdf_repaired);
  add_test ("/document/pdf/damaged/stream", test_pdf_stream_damage);
  add_test ("/document/pdf/silent", test_pdf_silent);
  add_test ("/document/image/jpeg-a4-300-dpi", test_jpeg_a4_300_dpi);
  add_test ("/document/image/dpi-limiting-side", test_dpi_limiting_side);
  add_test ("/document/image/tiff", test_tiff);
  add_test ("/document/image/truncated", test_truncated_images);
  add_test ("/document/image/gif-webp-heic", test_other_images);
  add_test ("/document/content-not-extension", test_content_not_extension);
  add_test ("/document/word/docx-and-zip", test_docx_and_zip);
  add_test ("/document/word/doc", test_doc);
  add_test ("/document/empty-and-unknown", test_empty_and_unknown);
  add_test ("/document/unreadable/missing-folder-pipe", test_unreadable);
  add_test ("/document/unreadable/permission", test_unreadable_permission);
  g_test_add_func ("/document/format-names", test_format_names);

  return g_test_run ();
}
