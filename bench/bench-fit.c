/* bench-fit.c: how long fitting one phone photo of a page into a 4 MB upload slot takes,
 * the case the issue sets at under a second: a 12-megapixel JPEG (4000 × 3000) with
 * sensor noise, so that it is several megabytes as a real photo is and must be shrunk.
 *
 * bench-fit [ROUNDS [NOISE [LIMIT]]]: NOISE is the amplitude of the per-pixel noise, 0 to
 * 255; LIMIT the slot's limit in bytes (4,000,000 as on the portal).
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "dossier-fit.h"

#define PHOTO_WIDTH  4000
#define PHOTO_HEIGHT 3000
#define SLOT_LIMIT   ((goffset) 4000000)

/* Paper-coloured background with dark "lines of text" and per-pixel noise: compresses
 * about as badly as a real photo of a page taken in poor light. */
static GdkPixbuf *
make_photo (guint32 seed,
            int     noise_amplitude)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, PHOTO_WIDTH, PHOTO_HEIGHT);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 state = seed;

  for (int y = 0; y < PHOTO_HEIGHT; y++)
    {
      guint8 *row = pixels + (gsize) y * stride;
      gboolean text_row = (y / 40) % 2 == 1 && y > 300 && y < PHOTO_HEIGHT - 300;

      for (int x = 0; x < PHOTO_WIDTH; x++)
        {
          int base = 200 + 30 * x / PHOTO_WIDTH;
          int noise;

          if (text_row && x > 400 && x < PHOTO_WIDTH - 400 && (x / 23) % 4 != 0)
            base = 40;
          /* xorshift32: fast, and the same photo every run */
          state ^= state << 13;
          state ^= state >> 17;
          state ^= state << 5;
          noise = (int) (state % (guint32) (2 * noise_amplitude + 1)) - noise_amplitude;
          row[3 * x] = (guint8) CLAMP (base + noise, 0, 255);
          row[3 * x + 1] = (guint8) CLAMP (base + noise - 5, 0, 255);
          row[3 * x + 2] = (guint8) CLAMP (base + noise - 15, 0, 255);
        }
    }
  return pixbuf;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) photo = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-fit-XXXXXX", &error);
  g_autofree char *photo_path = NULL;
  g_autofree char *out_path = NULL;
  guint rounds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 5;
  /* 20 is a phone in an office; 255 is pure noise, the worst case there is. */
  int noise = argc > 2 ? (int) CLAMP (g_ascii_strtoll (argv[2], NULL, 10), 0, 255) : 20;
  goffset limit = argc > 3 ? (goffset) g_ascii_strtoll (argv[3], NULL, 10) : SLOT_LIMIT;
  double best = G_MAXDOUBLE, total = 0;
  GStatBuf in_stat, out_stat;

  g_assert_no_error (error);
  photo = make_photo (12345, noise);
  photo_path = g_build_filename (dir, "photo.jpg", NULL);
  out_path = g_build_filename (dir, "slot.pdf", NULL);
  gdk_pixbuf_save (photo, photo_path, "jpeg", &error, "quality", "92", NULL);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (photo_path, &in_stat), ==, 0);

  for (guint r = 0; r < MAX (rounds, 1); r++)
    {
      const char *files[] = { photo_path, NULL };
      g_autofree char *description = NULL;
      gint64 start = g_get_monotonic_time ();
      double seconds;

      /* Too large is an answer too: the time to reach it is worth knowing. */
      if (!dossier_fit_slot (files, MAX (limit, 1), DOSSIER_PAGE_A4, out_path, &description,
                             &error))
        {
          if (!g_error_matches (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_TOO_LARGE))
            {
              fprintf (stderr, "bench-fit: %s\n", error->message);
              return 1;
            }
          description = g_strdup (error->message);
          g_clear_error (&error);
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;
      best = MIN (best, seconds);
      total += seconds;
      if (r == 0)
        printf ("result: %s\n", description);
    }
  if (g_stat (out_path, &out_stat) != 0)
    out_stat.st_size = 0;

  printf ("12 MP photo (%d × %d, noise ±%d, %.1f MB JPEG) into a %.2f MB slot: %.3f s best, %.3f s mean "
          "of %u; output %.2f MB\n",
          PHOTO_WIDTH, PHOTO_HEIGHT, noise, in_stat.st_size / 1e6, limit / 1e6, best,
          total / MAX (rounds, 1), MAX (rounds, 1), out_stat.st_size / 1e6);

  g_unlink (out_path);
  g_unlink (photo_path);
  g_rmdir (dir);
  return 0;
}
