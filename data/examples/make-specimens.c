/* make-specimens.c: the example applicant's documents, drawn as marked specimens
 *
 * Tests need real PDFs and photos, and the README's example needs files to package.
 * They are drawn here with cairo and saved with gdk-pixbuf, so that nothing in the
 * repository is a real person's document.
 *
 * Usage: make-specimens FOLDER
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>

static void
draw_page (cairo_t    *cr,
           double      width,
           const char *title,
           int         page,
           int         pages)
{
  char line[256];

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, width / 14);
  cairo_move_to (cr, width * 0.08, width * 0.15);
  cairo_show_text (cr, "SPECIMEN");
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_font_size (cr, width / 30);
  cairo_move_to (cr, width * 0.08, width * 0.25);
  cairo_show_text (cr, title);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, width / 45);
  cairo_move_to (cr, width * 0.08, width * 0.32);
  cairo_show_text (cr, "DELA CRUZ, Maria Luisa - born 1990-02-14 - fictitious example");
  for (int i = 0; i < 18; i++)
    {
      g_snprintf (line, sizeof line, "Line %d of page %d/%d: this document is not real.", i + 1, page, pages);
      cairo_move_to (cr, width * 0.08, width * (0.40 + i * 0.05));
      cairo_show_text (cr, line);
    }
}

static void
make_pdf (const char *folder,
          const char *name,
          const char *title,
          int         pages)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
  for (int p = 1; p <= pages; p++)
    {
      draw_page (cr, 595.276, title, p, pages);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A "phone photo" of a page: the page drawn on a grey desk, a little noise so it
 * compresses like a photo rather than like a drawing. */
static void
make_photo (const char *folder,
            const char *name,
            const char *title,
            int         page,
            int         pages,
            int         width,
            int         height)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (page);
  unsigned char *data;
  int stride;

  cairo_set_source_rgb (cr, 0.45, 0.45, 0.42);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_translate (cr, width * 0.05, height * 0.04);
  cairo_rectangle (cr, 0, 0, width * 0.9, height * 0.92);
  cairo_clip (cr);
  draw_page (cr, width * 0.9, title, page, pages);
  cairo_restore (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + x * 4);
        guchar *out = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;
        int noise = (int) g_rand_int_range (rand, -6, 7);

        out[0] = CLAMP ((int) ((pixel >> 16) & 0xff) + noise, 0, 255);
        out[1] = CLAMP ((int) ((pixel >> 8) & 0xff) + noise, 0, 255);
        out[2] = CLAMP ((int) (pixel & 0xff) + noise, 0, 255);
      }
  cairo_surface_destroy (surface);
  if (!gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "88", NULL))
    g_error ("%s: %s", path, error->message);
}

int
main (int    argc,
      char **argv)
{
  const char *folder;

  if (argc != 2)
    {
      fprintf (stderr, "usage: make-specimens FOLDER\n");
      return 2;
    }
  folder = argv[1];
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      perror (folder);
      return 2;
    }
  make_pdf (folder, "passport.pdf", "Passport (photo page and stamps)", 2);
  make_pdf (folder, "celpip-results.pdf", "CELPIP-General official score report", 1);
  make_pdf (folder, "wes-report.pdf", "WES Educational Credential Assessment", 2);
  make_pdf (folder, "bsn-diploma.pdf", "Bachelor of Science in Nursing - diploma and transcript", 3);
  make_photo (folder, "smith-letter-1.jpg", "Employment letter - Household of J. Smith", 1, 2, 1600, 2200);
  make_photo (folder, "smith-letter-2.jpg", "Employment letter - Household of J. Smith", 2, 2, 1600, 2200);
  make_pdf (folder, "smith-paystubs.pdf", "Pay stubs and T4 slips 2023-2024", 4);
  make_pdf (folder, "tremblay-offer.pdf", "Offer of employment - Household of A. Tremblay", 2);
  make_pdf (folder, "work-permit.pdf", "Open work permit", 1);
  make_photo (folder, "photo.jpg", "Photo 50 x 70 mm", 1, 1, 715, 1000);
  return 0;
}
