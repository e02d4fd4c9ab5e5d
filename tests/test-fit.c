/* test-fit.c: images to PDF pages, lossless PDF merging, and fitting a slot under its
 * size limit, on real files made here (gdk-pixbuf photos, cairo PDFs, qpdf encryption)
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>

#include "dossier-fit.h"

#define A4_SHORT 595.276
#define A4_LONG  841.89

typedef struct _qpdf_data QpdfData;

static void
qpdf_data_free (QpdfData *qpdf)
{
  qpdf_data handle = qpdf;

  qpdf_cleanup (&handle);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QpdfData, qpdf_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

/* One folder for the whole run; the 12-megapixel photo is made once and shared. */
static char *test_dir;
static char *big_photo;

/* ------------------------------------------------------------------------------------
 * Making inputs
 */

static char *
test_path (const char *name)
{
  return g_build_filename (test_dir, name, NULL);
}

/* Random pixels do not compress: a 4000 × 3000 one is many megabytes, like the worst
 * phone photo. */
static GdkPixbuf *
make_noisy_pixbuf (int     width,
                   int     height,
                   guint32 seed)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 state = seed | 1;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        pixels[(gsize) y * stride + x] = (guint8) state;
      }
  return pixbuf;
}

static GdkPixbuf *
make_plain_pixbuf (int      width,
                   int      height,
                   gboolean alpha,
                   guint32  rgba)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);

  gdk_pixbuf_fill (pixbuf, rgba);
  return pixbuf;
}

/* gdk-pixbuf cannot write EXIF, so the APP1 block a phone writes is put in by hand: a
 * big-endian TIFF header and IFD0 holding only Orientation. */
static GBytes *
jpeg_with_orientation (GBytes *jpeg,
                       int     orientation)
{
  static const guint8 app1_head[] = {
    0xFF, 0xE1, 0x00, 0x22,
    'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
    0x00, 0x01,
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,
  };
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  guint8 value[] = { 0x00, (guint8) orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };

  g_assert_cmpuint (len, >, 2);
  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, app1_head, sizeof app1_head);
  g_byte_array_append (out, value, sizeof value);
  g_assert_cmpuint (out->len, ==, 2 + 2 + 0x22);
  g_byte_array_append (out, data + 2, len - 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static char *
save_image (GdkPixbuf  *pixbuf,
            const char *name,
            const char *type,
            int         orientation)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *path = test_path (name);
  gsize len;

  if (g_str_equal (type, "jpeg"))
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, type, &error, "quality", "92", NULL);
  else
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, type, &error, NULL);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&buffer), len);
  if (orientation > 1)
    {
      GBytes *turned = jpeg_with_orientation (bytes, orientation);

      g_bytes_unref (bytes);
      bytes = turned;
    }
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
  return path;
}

/* A PDF whose pages have the given sizes (points) and a drawing of their own, so that
 * every page has its own content stream. No text: cairo's toy fonts would bring in
 * fontconfig, whose caches stay allocated until exit and upset the leak checker. */
static char *
make_pdf (const char   *name,
          const double *sizes,
          guint         n_pages)
{
  char *path = test_path (name);
  g_autoptr(cairo_surface_t) surface = cairo_pdf_surface_create (path, sizes[0], sizes[1]);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      cairo_pdf_surface_set_size (surface, sizes[2 * i], sizes[2 * i + 1]);
      cairo_set_source_rgb (cr, 0.1 * i, 0.2, 0.5);
      cairo_rectangle (cr, 20 + 5 * i, 20, 100, 50 + 10 * i);
      cairo_fill (cr);
      cairo_arc (cr, 100, 200, 10 + 3 * i + strlen (name), 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_show_page (cr);
    }
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return path;
}

static const char *
get_big_photo (void)
{
  if (big_photo == NULL)
    {
      g_autoptr(GdkPixbuf) pixbuf = make_noisy_pixbuf (4000, 3000, 2026);

      big_photo = save_image (pixbuf, "big-photo.jpg", "jpeg", 1);
    }
  return big_photo;
}

/* ------------------------------------------------------------------------------------
 * Looking at results
 */

static char *
file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static goffset
file_size (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_size;
}

static QpdfData *
open_pdf (const char *path)
{
  qpdf_data qpdf = qpdf_init ();

  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  g_assert_false (qpdf_read (qpdf, path, "") & QPDF_ERRORS);
  /* Every object and stream readable, without a warning. */
  g_assert_false (qpdf_check_pdf (qpdf) & QPDF_ERRORS);
  g_assert_false (qpdf_more_warnings (qpdf));
  return qpdf;
}

static int
pdf_pages (const char *path)
{
  g_autoptr(QpdfData) qpdf = open_pdf (path);

  return qpdf_get_num_pages (qpdf);
}

static void
page_size (qpdf_data  qpdf,
           int        index,
           double    *width,
           double    *height)
{
  qpdf_oh page = qpdf_get_page_n (qpdf, (size_t) index);
  qpdf_oh box = qpdf_oh_get_key (qpdf, page, "/MediaBox");

  g_assert_true (qpdf_oh_is_array (qpdf, box));
  g_assert_cmpint (qpdf_oh_get_array_n_items (qpdf, box), ==, 4);
  *width = qpdf_oh_get_numeric_value (qpdf, qpdf_oh_get_array_item (qpdf, box, 2))
           - qpdf_oh_get_numeric_value (qpdf, qpdf_oh_get_array_item (qpdf, box, 0));
  *height = qpdf_oh_get_numeric_value (qpdf, qpdf_oh_get_array_item (qpdf, box, 3))
            - qpdf_oh_get_numeric_value (qpdf, qpdf_oh_get_array_item (qpdf, box, 1));
}

static void
assert_page_size (qpdf_data qpdf,
                  int       index,
                  double    width,
                  double    height)
{
  double w, h;

  page_size (qpdf, index, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, width, 0.01);
  g_assert_cmpfloat_with_epsilon (h, height, 0.01);
}

/* The one image XObject a page made by Dossier shows. */
static qpdf_oh
page_image (qpdf_data qpdf,
            int       index)
{
  qpdf_oh page = qpdf_get_page_n (qpdf, (size_t) index);
  qpdf_oh xobjects = qpdf_oh_get_key (qpdf, qpdf_oh_get_key (qpdf, page, "/Resources"), "/XObject");
  qpdf_oh image = 0;
  guint count = 0;

  qpdf_oh_begin_dict_key_iter (qpdf, xobjects);
  while (qpdf_oh_dict_more_keys (qpdf))
    {
      image = qpdf_oh_get_key (qpdf, xobjects, qpdf_oh_dict_next_key (qpdf));
      count++;
    }
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (qpdf_oh_is_stream (qpdf, image));
  return image;
}

static void
assert_page_image (qpdf_data   qpdf,
                   int         index,
                   int         width,
                   int         height,
                   const char *filter)
{
  qpdf_oh image = page_image (qpdf, index);
  qpdf_oh dict = qpdf_oh_get_dict (qpdf, image);

  if (width > 0)
    g_assert_cmpint (qpdf_oh_get_int_value_as_int (qpdf, qpdf_oh_get_key (qpdf, dict, "/Width")), ==, width);
  if (height > 0)
    g_assert_cmpint (qpdf_oh_get_int_value_as_int (qpdf, qpdf_oh_get_key (qpdf, dict, "/Height")), ==, height);
  g_assert_cmpstr (qpdf_oh_get_name (qpdf, qpdf_oh_get_key (qpdf, dict, "/Filter")), ==, filter);
}

static GBytes *
page_content (qpdf_data qpdf,
              int       index)
{
  unsigned char *buffer = NULL;
  size_t len = 0;
  GBytes *bytes;

  g_assert_false (qpdf_oh_get_page_content_data (qpdf, qpdf_get_page_n (qpdf, (size_t) index),
                                                 &buffer, &len) & QPDF_ERRORS);
  bytes = g_bytes_new (buffer, len);
  free (buffer);
  return bytes;
}

static gboolean
file_contains (const char *path,
               GBytes     *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return memmem (contents, len, g_bytes_get_data (needle, NULL), g_bytes_get_size (needle)) != NULL;
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

/* ------------------------------------------------------------------------------------
 * Tests
 */

static void
test_images_to_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) landscape = make_noisy_pixbuf (400, 300, 1);
  g_autoptr(GdkPixbuf) transparent = make_plain_pixbuf (300, 500, TRUE, 0xcc336680);
  g_autoptr(GdkPixbuf) sideways = make_noisy_pixbuf (640, 480, 2);
  g_autofree char *jpeg = save_image (landscape, "landscape.jpg", "jpeg", 1);
  g_autofree char *png = save_image (transparent, "portrait.png", "png", 1);
  /* Stored 640 × 480 with the phone's "turn a quarter clockwise": a portrait picture. */
  g_autofree char *turned = save_image (sideways, "turned.jpg", "jpeg", 6);
  g_autofree char *out = test_path ("images.pdf");
  g_autofree char *letter = test_path ("images-letter.pdf");
  const char *images[] = { jpeg, png, turned, NULL };
  g_autoptr(GBytes) jpeg_bytes = file_bytes (jpeg);
  g_autoptr(GBytes) turned_bytes = file_bytes (turned);
  g_autoptr(QpdfData) qpdf = NULL;

  g_assert_true (dossier_fit_images_to_pdf (images, DOSSIER_PAGE_A4, 0, 0, out, &error));
  g_assert_no_error (error);

  qpdf = open_pdf (out);
  g_assert_cmpint (qpdf_get_num_pages (qpdf), ==, 3);
  /* Pages in the given order, each turned as its picture is. */
  assert_page_size (qpdf, 0, A4_LONG, A4_SHORT);
  assert_page_size (qpdf, 1, A4_SHORT, A4_LONG);
  assert_page_size (qpdf, 2, A4_SHORT, A4_LONG);
  /* JPEGs embedded as they are, rotation and all (the viewer turns them); the PNG
   * compressed losslessly. */
  assert_page_image (qpdf, 0, 400, 300, "/DCTDecode");
  assert_page_image (qpdf, 1, 300, 500, "/FlateDecode");
  assert_page_image (qpdf, 2, 640, 480, "/DCTDecode");
  g_assert_true (file_contains (out, jpeg_bytes));
  g_assert_true (file_contains (out, turned_bytes));
  g_clear_pointer (&qpdf, qpdf_data_free);

  g_assert_true (dossier_fit_images_to_pdf (images, DOSSIER_PAGE_LETTER, 0, 0, letter, &error));
  g_assert_no_error (error);
  qpdf = open_pdf (letter);
  g_assert_cmpint (qpdf_get_num_pages (qpdf), ==, 3);
  assert_page_size (qpdf, 0, 792, 612);
  assert_page_size (qpdf, 1, 612, 792);
  assert_page_size (qpdf, 2, 612, 792);
}

/* Scanners still write TIFF; gdk-pixbuf reads it and BMP, losslessly onto the page. */
static void
test_images_to_pdf_other_formats (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) wide = make_noisy_pixbuf (320, 200, 7);
  g_autoptr(GdkPixbuf) tall = make_noisy_pixbuf (200, 320, 8);
  g_autofree char *tiff = save_image (wide, "scan.tiff", "tiff", 1);
  g_autofree char *bmp = save_image (tall, "scan.bmp", "bmp", 1);
  g_autofree char *out = test_path ("other-formats.pdf");
  g_autofree char *small = test_path ("other-formats-small.pdf");
  const char *images[] = { tiff, bmp, NULL };
  g_autoptr(QpdfData) qpdf = NULL;

  g_assert_true (dossier_fit_images_to_pdf (images, DOSSIER_PAGE_A4, 0, 0, out, &error));
  g_assert_no_error (error);
  qpdf = open_pdf (out);
  g_assert_cmpint (qpdf_get_num_pages (qpdf), ==, 2);
  assert_page_size (qpdf, 0, A4_LONG, A4_SHORT);
  assert_page_size (qpdf, 1, A4_SHORT, A4_LONG);
  assert_page_image (qpdf, 0, 320, 200, "/FlateDecode");
  assert_page_image (qpdf, 1, 200, 320, "/FlateDecode");
  g_clear_pointer (&qpdf, qpdf_data_free);

  /* Asked to downscale, they become JPEG like any photo. */
  g_assert_true (dossier_fit_images_to_pdf (images, DOSSIER_PAGE_A4, 10, 80, small, &error));
  g_assert_no_error (error);
  qpdf = open_pdf (small);
  assert_page_image (qpdf, 0, 0, 0, "/DCTDecode");
  assert_page_image (qpdf, 1, 0, 0, "/DCTDecode");
}

static void
test_images_to_pdf_downscale (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = test_path ("downscaled.pdf");
  const char *photo = get_big_photo ();
  const char *images[] = { photo, NULL };
  g_autofree char *before = file_sha256 (photo);
  g_autofree char *after = NULL;
  g_autoptr(QpdfData) qpdf = NULL;
  qpdf_oh dict;
  int width;

  g_assert_true (dossier_fit_images_to_pdf (images, DOSSIER_PAGE_A4, 150, 70, out, &error));
  g_assert_no_error (error);
  qpdf = open_pdf (out);
  g_assert_cmpint (qpdf_get_num_pages (qpdf), ==, 1);
  assert_page_size (qpdf, 0, A4_LONG, A4_SHORT);
  /* The picture fills the page's height inside the margins: 150 dpi over those inches. */
  dict = qpdf_oh_get_dict (qpdf, page_image (qpdf, 0));
  width = qpdf_oh_get_int_value_as_int (qpdf, qpdf_oh_get_key (qpdf, dict, "/Width"));
  g_assert_cmpint (width, >=, 1550);
  g_assert_cmpint (width, <=, 1556);
  assert_page_image (qpdf, 0, width, 0, "/DCTDecode");
  g_assert_cmpint (file_size (out), <, file_size (photo) / 3);

  after = file_sha256 (photo);
  g_assert_cmpstr (before, ==, after);
}

static void
test_merge_pdfs (void)
{
  g_autoptr(GError) error = NULL;
  static const double one[] = { 300, 400 };
  static const double three[] = { 310, 410, 320, 420, 330, 430 };
  g_autofree char *first = make_pdf ("one.pdf", one, 1);
  g_autofree char *second = make_pdf ("three.pdf", three, 3);
  g_autofree char *out = test_path ("merged.pdf");
  g_autofree char *again = test_path ("merged-again.pdf");
  g_autofree char *first_sum = file_sha256 (first);
  g_autofree char *second_sum = file_sha256 (second);
  g_autofree char *out_sum = NULL;
  g_autofree char *again_sum = NULL;
  g_autofree char *first_after = NULL;
  g_autofree char *second_after = NULL;
  const char *pdfs[] = { first, second, NULL };
  g_autoptr(QpdfData) merged = NULL;
  g_autoptr(QpdfData) original_one = NULL;
  g_autoptr(QpdfData) original_three = NULL;

  g_assert_true (dossier_fit_merge_pdfs (pdfs, out, &error));
  g_assert_no_error (error);

  merged = open_pdf (out);
  original_one = open_pdf (first);
  original_three = open_pdf (second);
  g_assert_cmpint (qpdf_get_num_pages (merged), ==, 4);
  for (int i = 0; i < 4; i++)
    {
      qpdf_data source = i == 0 ? original_one : original_three;
      int source_index = i == 0 ? 0 : i - 1;
      g_autoptr(GBytes) merged_content = page_content (merged, i);
      g_autoptr(GBytes) source_content = page_content (source, source_index);

      assert_page_size (merged, i, 300 + 10 * i, 400 + 10 * i);
      /* Lossless: every page draws exactly what it drew before. */
      g_assert_true (g_bytes_equal (merged_content, source_content));
    }

  /* Deterministic: the same inputs, the same bytes. */
  g_assert_true (dossier_fit_merge_pdfs (pdfs, again, &error));
  g_assert_no_error (error);
  out_sum = file_sha256 (out);
  again_sum = file_sha256 (again);
  g_assert_cmpstr (out_sum, ==, again_sum);

  first_after = file_sha256 (first);
  second_after = file_sha256 (second);
  g_assert_cmpstr (first_sum, ==, first_after);
  g_assert_cmpstr (second_sum, ==, second_after);
}

static void
test_slot_photo (void)
{
  g_autoptr(GError) error = NULL;
  const char *photo = get_big_photo ();
  const char *files[] = { photo, NULL };
  g_autofree char *out = test_path ("slot-photo.pdf");
  g_autofree char *again = test_path ("slot-photo-again.pdf");
  g_autofree char *description = NULL;
  g_autofree char *before = file_sha256 (photo);
  g_autofree char *after = NULL;
  g_autofree char *out_sum = NULL;
  g_autofree char *again_sum = NULL;
  GStatBuf stat_before, stat_after;

  g_assert_cmpint (file_size (photo), >, 4000000);
  g_assert_cmpint (g_stat (photo, &stat_before), ==, 0);

  g_assert_true (dossier_fit_slot (files, 4000000, DOSSIER_PAGE_A4, out, &description, &error));
  g_assert_no_error (error);
  g_test_message ("%s", description);
  g_assert_cmpint (file_size (out), <=, 4000000);
  g_assert_cmpint (pdf_pages (out), ==, 1);
  g_assert_nonnull (strstr (description, "dpi"));

  /* cairo 1.16 would stamp the time: a second later the bytes must still be the same. */
  g_usleep (1100 * 1000);
  g_assert_true (dossier_fit_slot (files, 4000000, DOSSIER_PAGE_A4, again, NULL, &error));
  g_assert_no_error (error);
  out_sum = file_sha256 (out);
  again_sum = file_sha256 (again);
  g_assert_cmpstr (out_sum, ==, again_sum);

  after = file_sha256 (photo);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (g_stat (photo, &stat_after), ==, 0);
  g_assert_cmpint (stat_before.st_mtime, ==, stat_after.st_mtime);
}

static void
test_slot_copies_what_fits (void)
{
  g_autoptr(GError) error = NULL;
  static const double sizes[] = { 612, 792, 612, 792 };
  g_autofree char *pdf = make_pdf ("fits.pdf", sizes, 2);
  g_autoptr(GdkPixbuf) pixbuf = make_noisy_pixbuf (200, 100, 3);
  g_autofree char *jpeg = save_image (pixbuf, "fits.jpg", "jpeg", 1);
  g_autofree char *pdf_out = test_path ("fits-out.pdf");
  g_autofree char *jpeg_out = test_path ("fits-out.jpg");
  g_autofree char *description = NULL;
  g_autofree char *pdf_sum = file_sha256 (pdf);
  g_autofree char *pdf_out_sum = NULL;
  g_autofree char *jpeg_sum = file_sha256 (jpeg);
  g_autofree char *jpeg_out_sum = NULL;
  const char *pdfs[] = { pdf, NULL };
  const char *jpegs[] = { jpeg, NULL };

  g_assert_true (dossier_fit_slot (pdfs, 4000000, DOSSIER_PAGE_A4, pdf_out, &description, &error));
  g_assert_no_error (error);
  pdf_out_sum = file_sha256 (pdf_out);
  g_assert_cmpstr (pdf_sum, ==, pdf_out_sum);
  g_assert_nonnull (strstr (description, "unchanged"));
  g_clear_pointer (&description, g_free);

  g_assert_true (dossier_fit_slot (jpegs, 4000000, DOSSIER_PAGE_A4, jpeg_out, &description, &error));
  g_assert_no_error (error);
  jpeg_out_sum = file_sha256 (jpeg_out);
  g_assert_cmpstr (jpeg_sum, ==, jpeg_out_sum);
  g_assert_nonnull (strstr (description, "JPEG"));
}

static void
test_slot_mixed (void)
{
  g_autoptr(GError) error = NULL;
  static const double three[] = { 300, 400, 310, 410, 320, 420 };
  static const double one[] = { 500, 500 };
  g_autoptr(GdkPixbuf) wide = make_noisy_pixbuf (800, 600, 4);
  g_autoptr(GdkPixbuf) tall = make_noisy_pixbuf (600, 800, 5);
  g_autofree char *photo = save_image (wide, "mixed-wide.jpg", "jpeg", 1);
  g_autofree char *scan = save_image (tall, "mixed-tall.png", "png", 1);
  g_autofree char *pdf3 = make_pdf ("mixed-three.pdf", three, 3);
  g_autofree char *pdf1 = make_pdf ("mixed-one.pdf", one, 1);
  g_autofree char *out = test_path ("mixed.pdf");
  g_autofree char *again = test_path ("mixed-again.pdf");
  g_autofree char *small = test_path ("mixed-small.pdf");
  g_autofree char *description = NULL;
  g_autofree char *out_sum = NULL;
  g_autofree char *again_sum = NULL;
  const char *files[] = { photo, pdf3, scan, pdf1, NULL };
  g_autoptr(QpdfData) qpdf = NULL;
  g_autoptr(QpdfData) original = NULL;

  g_assert_true (dossier_fit_slot (files, 4000000, DOSSIER_PAGE_A4, out, &description, &error));
  g_assert_no_error (error);
  g_test_message ("%s", description);
  g_assert_nonnull (strstr (description, "6-page"));

  qpdf = open_pdf (out);
  g_assert_cmpint (qpdf_get_num_pages (qpdf), ==, 6);
  assert_page_size (qpdf, 0, A4_LONG, A4_SHORT);
  assert_page_size (qpdf, 1, 300, 400);
  assert_page_size (qpdf, 2, 310, 410);
  assert_page_size (qpdf, 3, 320, 420);
  assert_page_size (qpdf, 4, A4_SHORT, A4_LONG);
  assert_page_size (qpdf, 5, 500, 500);
  original = open_pdf (pdf3);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) merged_content = page_content (qpdf, 1 + i);
      g_autoptr(GBytes) source_content = page_content (original, i);

      g_assert_true (g_bytes_equal (merged_content, source_content));
    }

  g_assert_true (dossier_fit_slot (files, 4000000, DOSSIER_PAGE_A4, again, NULL, &error));
  g_assert_no_error (error);
  out_sum = file_sha256 (out);
  again_sum = file_sha256 (again);
  g_assert_cmpstr (out_sum, ==, again_sum);

  /* Under a tight limit the images shrink, the PDF pages stay as they are. */
  g_clear_pointer (&description, g_free);
  g_assert_cmpint (file_size (out), >, 600000);
  g_assert_true (dossier_fit_slot (files, 600000, DOSSIER_PAGE_A4, small, &description, &error));
  g_assert_no_error (error);
  g_test_message ("%s", description);
  g_assert_cmpint (file_size (small), <=, 600000);
  g_clear_pointer (&qpdf, qpdf_data_free);
  qpdf = open_pdf (small);
  g_assert_cmpint (qpdf_get_num_pages (qpdf), ==, 6);
  assert_page_image (qpdf, 4, 0, 0, "/DCTDecode");
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) merged_content = page_content (qpdf, 1 + i);
      g_autoptr(GBytes) source_content = page_content (original, i);

      g_assert_true (g_bytes_equal (merged_content, source_content));
    }
}

static void
test_slot_too_large (void)
{
  g_autoptr(GError) error = NULL;
  const char *photo = get_big_photo ();
  const char *files[] = { photo, NULL };
  g_autofree char *out = test_path ("too-large.pdf");
  g_autofree char *pdf = test_path ("too-large-input.pdf");
  g_autofree char *limit = g_format_size (50000);
  g_autofree char *before = file_sha256 (photo);
  g_autofree char *after = NULL;
  const char *pdfs[] = { pdf, pdf, NULL };
  guint files_before;

  files_before = count_files (test_dir);
  g_assert_false (dossier_fit_slot (files, 50000, DOSSIER_PAGE_A4, out, NULL, &error));
  g_assert_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, limit));
  g_assert_nonnull (strstr (error->message, "150 dpi"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (test_dir), ==, files_before);
  after = file_sha256 (photo);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* PDF pages are never recompressed: too big is too big. */
  g_assert_true (dossier_fit_images_to_pdf (files, DOSSIER_PAGE_A4, 150, 70, pdf, &error));
  g_assert_no_error (error);
  files_before = count_files (test_dir);
  g_assert_false (dossier_fit_slot (pdfs, 50000, DOSSIER_PAGE_A4, out, NULL, &error));
  g_assert_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "PDF pages"));
  g_assert_nonnull (strstr (error->message, limit));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (test_dir), ==, files_before);
}

static gboolean
run_qpdf_encrypt (const char *user_password,
                  const char *in,
                  const char *out)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "qpdf", "--encrypt", user_password, "owner-secret", "256", "--",
                         in, out, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  /* 3: succeeded with warnings (a weak empty user password). */
  return g_spawn_check_wait_status (status, NULL) || (WIFEXITED (status) && WEXITSTATUS (status) == 3);
}

static void
test_slot_encrypted (void)
{
  static const double sizes[] = { 612, 792 };
  g_autofree char *plain = make_pdf ("plain.pdf", sizes, 1);
  g_autofree char *locked = test_path ("locked.pdf");
  g_autofree char *restricted = test_path ("restricted.pdf");
  g_autofree char *out = test_path ("encrypted-out.pdf");
  g_autofree char *qpdf_path = g_find_program_in_path ("qpdf");

  if (qpdf_path == NULL)
    {
      g_test_skip ("the qpdf command is needed to make encrypted PDFs");
      return;
    }
  g_assert_true (run_qpdf_encrypt ("user-secret", plain, locked));
  g_assert_true (run_qpdf_encrypt ("", plain, restricted));

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *bad = i % 2 == 0 ? locked : restricted;
      const char *alone[] = { bad, NULL };
      const char *together[] = { plain, bad, NULL };
      const char **files = i < 2 ? alone : together;

      g_assert_false (dossier_fit_slot (files, 4000000, DOSSIER_PAGE_A4, out, NULL, &error));
      g_assert_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, i % 2 == 0 ? "locked.pdf" : "restricted.pdf"));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
  {
    g_autoptr(GError) error = NULL;
    const char *pdfs[] = { plain, locked, NULL };

    g_assert_false (dossier_fit_merge_pdfs (pdfs, out, &error));
    g_assert_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
}

static void
test_slot_bad_inputs (void)
{
  static const double sizes[] = { 612, 792 };
  g_autofree char *plain = make_pdf ("good.pdf", sizes, 1);
  g_autofree char *damaged = test_path ("damaged.pdf");
  g_autofree char *text = test_path ("notes.txt");
  g_autofree char *heic = test_path ("photo.heic");
  g_autofree char *truncated = test_path ("truncated.jpg");
  g_autofree char *missing = test_path ("missing.pdf");
  g_autofree char *out = test_path ("bad-out.pdf");
  g_autoptr(GError) error = NULL;
  const char *names[] = { "damaged.pdf", "notes.txt", "photo.heic", "truncated.jpg", "missing.pdf" };
  const char *paths[] = { damaged, text, heic, truncated, missing };

  g_file_set_contents (damaged, "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R\n"
                                "garbage garbage\n%%EOF\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (text, "Not a document at all.\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (heic, "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic", 24,
                            G_FILE_SET_CONTENTS_NONE, 0666, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (truncated, "\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11,
                            G_FILE_SET_CONTENTS_NONE, 0666, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *files[] = { plain, paths[i], NULL };

      g_assert_false (dossier_fit_slot (files, 4000000, DOSSIER_PAGE_A4, out, NULL, &error));
      g_assert_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, names[i]));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      g_clear_error (&error);
    }
}

static void
test_slot_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = make_noisy_pixbuf (300, 200, 6);
  g_autofree char *photo = save_image (pixbuf, "unwritable.png", "png", 1);
  g_autofree char *blocker = test_path ("not-a-folder");
  g_autofree char *out = g_build_filename (blocker, "out.pdf", NULL);
  g_autofree char *missing_dir = test_path ("no-such-folder/out.pdf");
  g_autofree char *before = file_sha256 (photo);
  g_autofree char *after = NULL;
  const char *files[] = { photo, NULL };
  const char *targets[] = { out, missing_dir, photo };
  guint files_before;

  /* A path under a regular file cannot be written, root or not. */
  g_file_set_contents (blocker, "a file, not a folder", -1, &error);
  g_assert_no_error (error);
  files_before = count_files (test_dir);

  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      /* The result must never replace an original either. */
      g_assert_false (dossier_fit_slot (files, 4000000, DOSSIER_PAGE_A4, targets[i], NULL, &error));
      g_assert_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_WRITE);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      g_assert_cmpuint (count_files (test_dir), ==, files_before);
    }
  g_assert_false (dossier_fit_images_to_pdf (files, DOSSIER_PAGE_A4, 0, 0, out, &error));
  g_assert_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (test_dir), ==, files_before);

  after = file_sha256 (photo);
  g_assert_cmpstr (before, ==, after);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("test-fit-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/fit/images-to-pdf", test_images_to_pdf);
  g_test_add_func ("/fit/images-to-pdf/other-formats", test_images_to_pdf_other_formats);
  g_test_add_func ("/fit/images-to-pdf/downscale", test_images_to_pdf_downscale);
  g_test_add_func ("/fit/merge-pdfs", test_merge_pdfs);
  g_test_add_func ("/fit/slot/photo", test_slot_photo);
  g_test_add_func ("/fit/slot/copies-what-fits", test_slot_copies_what_fits);
  g_test_add_func ("/fit/slot/mixed", test_slot_mixed);
  g_test_add_func ("/fit/slot/too-large", test_slot_too_large);
  g_test_add_func ("/fit/slot/encrypted", test_slot_encrypted);
  g_test_add_func ("/fit/slot/bad-inputs", test_slot_bad_inputs);
  g_test_add_func ("/fit/slot/unwritable", test_slot_unwritable);

  status = g_test_run ();
  remove_tree (test_dir);
  g_clear_pointer (&test_dir, g_free);
  g_clear_pointer (&big_photo, g_free);
  return status;
}
