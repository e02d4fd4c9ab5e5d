/* make-bench-profile.c: the example applicant with heavy documents, for the packaging
 * benchmark.
 *
 * Usage: make-bench-profile EXAMPLE.dossier OUTDIR MB_PER_DOCUMENT
 *
 * Writes OUTDIR/bench.dossier and OUTDIR/files/: one document per slot the example
 * fills, each a PDF of photographed pages (noisy JPEGs embedded as they are, so it
 * compresses like real scans) of about MB_PER_DOCUMENT megabytes, and a JPEG photo.
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

static GBytes *
noisy_jpeg (int width,
            int height,
            int seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gchar *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = (guchar) (160 + g_rand_int_range (rand, 0, 96));
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "90", NULL))
    g_error ("%s", error->message);
  return g_bytes_new_take (buffer, size);
}

static void
make_pdf (const char *path,
          GBytes     *page_jpeg,
          int         width,
          int         height,
          guint64     target_bytes)
{
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (pdf);
  guint64 written = 0;

  while (written < target_bytes)
    {
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      GBytes *copy = g_bytes_ref (page_jpeg);

      /* cairo embeds the JPEG data as it is: the page costs what the photo weighs. */
      cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, g_bytes_get_data (copy, NULL),
                                   g_bytes_get_size (copy), (cairo_destroy_func_t) g_bytes_unref, copy);
      cairo_save (cr);
      cairo_scale (cr, 595.276 / width, 841.89 / height);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_show_page (cr);
      cairo_surface_destroy (image);
      written += g_bytes_get_size (page_jpeg);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (pdf);
}

int
main (int    argc,
      char **argv)
{
  static const struct { const char *kind; const char *extra; const char *name; } documents[] = {
    { "passport", "", "passport.pdf" },
    { "language-results", "", "language.pdf" },
    { "education-credential", "", "diploma.pdf" },
    { "eca-report", "", "eca.pdf" },
    { "employment-letter", " job=\"j1\"", "letter.pdf" },
    { "pay-evidence", " job=\"j1\"", "pay.pdf" },
    { "job-offer", "", "offer.pdf" },
    { "work-permit", "", "permit.pdf" },
    { "medical", "", "medical.pdf" },
    { "explanation", "", "explanation.pdf" },
  };
  g_autofree char *example = NULL;
  g_autofree char *files = NULL;
  g_autofree char *profile = NULL;
  g_autoptr(GString) block = g_string_new ("<documents>\n");
  g_autoptr(GBytes) page = NULL;
  g_auto(GStrv) parts = NULL;
  guint64 target;

  if (argc != 4)
    {
      fprintf (stderr, "usage: make-bench-profile EXAMPLE.dossier OUTDIR MB_PER_DOCUMENT\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &example, NULL, NULL))
    {
      perror (argv[1]);
      return 2;
    }
  target = (guint64) (g_ascii_strtod (argv[3], NULL) * 1000 * 1000);
  files = g_build_filename (argv[2], "files", NULL);
  g_mkdir_with_parents (files, 0755);

  page = noisy_jpeg (1240, 1754, 1);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *path = g_build_filename (files, documents[i].name, NULL);

      make_pdf (path, page, 1240, 1754, target);
      g_string_append_printf (block, "    <document kind=\"%s\"%s file=\"files/%s\"/>\n",
                              documents[i].kind, documents[i].extra, documents[i].name);
    }
  {
    g_autoptr(GBytes) photo = noisy_jpeg (715, 1000, 2);
    g_autofree char *path = g_build_filename (files, "photo.jpg", NULL);

    g_file_set_contents (path, g_bytes_get_data (photo, NULL), g_bytes_get_size (photo), NULL);
    g_string_append (block, "    <document kind=\"photo\" file=\"files/photo.jpg\"/>\n  </documents>");
  }

  /* The example's own <documents> block is replaced by the heavy one. */
  parts = g_regex_split_simple ("<documents>.*</documents>", example, G_REGEX_DOTALL, 0);
  profile = g_build_filename (argv[2], "bench.dossier", NULL);
  {
    g_autofree char *text = g_strconcat (parts[0], block->str, parts[1] ? parts[1] : "", NULL);

    if (!g_file_set_contents (profile, text, -1, NULL))
      {
        perror (profile);
        return 2;
      }
  }
  printf ("%s\n", profile);
  return 0;
}
