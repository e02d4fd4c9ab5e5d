/* dossier-fit.c: making a portal upload slot's files fit: images become PDF pages
 * (cairo, gdk-pixbuf), PDFs are merged losslessly (qpdf), images are shrunk step by step
 * until the result is under the slot's size limit
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>

#include "dossier-fit.h"

/* A4 and Letter in PostScript points (1/72 inch), portrait. */
#define A4_WIDTH_PT      595.276
#define A4_HEIGHT_PT     841.890
#define LETTER_WIDTH_PT  612.0
#define LETTER_HEIGHT_PT 792.0

/* A quarter inch all round: what most printers cannot print anyway, so a page printed by
 * an officer loses nothing of the picture. */
#define PAGE_MARGIN_PT 18.0

/* Inputs are read whole into memory, so that what is combined is one consistent
 * snapshot of each file; one document's scan is never near this. */
#define INPUT_MAX_BYTES ((gsize) 512 * 1024 * 1024)

/* A 108-megapixel phone photo still passes; a decompression bomb does not get to
 * allocate gigabytes. */
#define IMAGE_MAX_PIXELS ((gint64) 120 * 1000 * 1000)

/* cairo's image surfaces stop at 32767 pixels a side. */
#define SURFACE_MAX_SIDE 32767

#define DEFAULT_JPEG_QUALITY 85

#define DPI_TOLERANCE 1.01

/* What dossier_fit_slot tries, in order, once the inputs as they are do not fit: less
 * resolution first (an officer reads 200 dpi as well as 300), then stronger compression,
 * never below DOSSIER_FIT_MIN_DPI. */
typedef struct
{
  double dpi;
  int    quality;
} ShrinkStep;

static const ShrinkStep shrink_steps[] = {
  { 300.0, 85 },
  { 250.0, 80 },
  { 200.0, 75 },
  { DOSSIER_FIT_MIN_DPI, 70 },
  { DOSSIER_FIT_MIN_DPI, 60 },
};

G_DEFINE_QUARK (dossier-fit-error-quark, dossier_fit_error)

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

/* ------------------------------------------------------------------------------------
 * Inputs
 */

typedef enum
{
  INPUT_PDF,
  INPUT_JPEG,
  INPUT_PNG,
  INPUT_OTHER_IMAGE,   /* TIFF, GIF, BMP: decoded by gdk-pixbuf, never embedded as is */
} InputKind;

typedef struct
{
  char       *path;
  char       *display_name;
  GBytes     *bytes;
  InputKind   kind;

  /* Images, as stored (before the EXIF orientation is applied). */
  int         width;
  int         height;
  int         orientation;      /* EXIF 1–8 */
  gboolean    jpeg_embeddable;  /* baseline or progressive 8-bit gray or RGB: DCTDecode */
  const char *loader_type;      /* gdk-pixbuf's name for the format */

  /* The largest decode made so far, as stored: every smaller size the shrinking steps
   * need is scaled from it rather than decoded again. */
  GdkPixbuf  *decoded;
} FitInput;

static void
fit_input_free (FitInput *input)
{
  g_free (input->path);
  g_free (input->display_name);
  g_clear_pointer (&input->bytes, g_bytes_unref);
  g_clear_object (&input->decoded);
  g_free (input);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FitInput, fit_input_free)

static gboolean
input_is_image (const FitInput *input)
{
  return input->kind != INPUT_PDF;
}

static guint
read_be16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint
read_tiff16 (const guint8 *p,
             gboolean      big_endian)
{
  return big_endian ? (guint) p[0] << 8 | p[1] : (guint) p[1] << 8 | p[0];
}

static guint32
read_tiff32 (const guint8 *p,
             gboolean      big_endian)
{
  if (big_endian)
    return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
  return (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

/* The Orientation tag (0x0112) of IFD0, as gdk-pixbuf's JPEG loader reads it; 1 when
 * absent or unreadable, since a damaged EXIF block must not stop a photo. */
static int
exif_orientation (const guint8 *tiff,
                  gsize         len)
{
  gboolean big_endian;
  guint32 ifd;
  guint count;

  if (len < 8)
    return 1;
  if (tiff[0] == 'I' && tiff[1] == 'I')
    big_endian = FALSE;
  else if (tiff[0] == 'M' && tiff[1] == 'M')
    big_endian = TRUE;
  else
    return 1;
  if (read_tiff16 (tiff + 2, big_endian) != 42)
    return 1;
  ifd = read_tiff32 (tiff + 4, big_endian);
  if (ifd < 8 || ifd > len - 2)
    return 1;
  count = read_tiff16 (tiff + ifd, big_endian);
  for (guint i = 0; i < count; i++)
    {
      gsize entry = ifd + 2 + (gsize) 12 * i;
      guint value;

      if (entry + 12 > len)
        break;
      if (read_tiff16 (tiff + entry, big_endian) != 0x0112)
        continue;
      /* SHORT, one value, stored in the first two bytes of the value field. */
      if (read_tiff16 (tiff + entry + 2, big_endian) != 3)
        return 1;
      value = read_tiff16 (tiff + entry + 8, big_endian);
      return value >= 1 && value <= 8 ? (int) value : 1;
    }
  return 1;
}

/* Walks the markers up to the frame header: the size, the EXIF orientation, and whether
 * a PDF viewer can show the data as it is (DCTDecode knows baseline and progressive
 * Huffman JPEG, 8 bits; CMYK JPEGs are left out because Adobe's inverted ones come out
 * as negatives unless the /Decode guess is right). */
static gboolean
parse_jpeg (FitInput *input)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (input->bytes, &len);
  gsize pos = 2;
  gboolean seen_exif = FALSE;

  input->orientation = 1;
  if (len < 4 || data[0] != 0xFF || data[1] != 0xD8)
    return FALSE;
  while (pos + 4 <= len)
    {
      guint marker;
      gsize segment_len;
      const guint8 *segment;

      if (data[pos] != 0xFF)
        return FALSE;
      marker = data[pos + 1];
      if (marker == 0xFF)
        {
          pos++;
          continue;
        }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
        {
          pos += 2;
          continue;
        }
      if (marker == 0xD9 || marker == 0xDA)
        return FALSE;
      segment_len = read_be16 (data + pos + 2);
      if (segment_len < 2 || segment_len > len - pos - 2)
        return FALSE;
      segment = data + pos + 4;
      segment_len -= 2;

      if (marker == 0xE1 && !seen_exif && segment_len >= 6
          && memcmp (segment, "Exif\0\0", 6) == 0)
        {
          seen_exif = TRUE;
          input->orientation = exif_orientation (segment + 6, segment_len - 6);
        }
      else if (marker >= 0xC0 && marker <= 0xCF
               && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          guint precision, components;

          if (segment_len < 6)
            return FALSE;
          precision = segment[0];
          input->height = (int) read_be16 (segment + 1);
          input->width = (int) read_be16 (segment + 3);
          components = segment[5];
          input->jpeg_embeddable = (marker == 0xC0 || marker == 0xC1 || marker == 0xC2)
                                   && precision == 8
                                   && (components == 1 || components == 3);
          return input->width > 0 && input->height > 0;
        }
      pos += 2 + segment_len + 2;
    }
  return FALSE;
}

static gboolean
parse_png (FitInput *input)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (input->bytes, &len);

  if (len < 24 || memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;
  input->width = (int) MIN (read_tiff32 (data + 16, TRUE), G_MAXINT);
  input->height = (int) MIN (read_tiff32 (data + 20, TRUE), G_MAXINT);
  input->orientation = 1;
  return input->width > 0 && input->height > 0;
}

static gboolean
has_prefix (const guint8 *data,
            gsize         len,
            gsize         offset,
            const char   *magic,
            gsize         magic_len)
{
  return len >= offset + magic_len && memcmp (data + offset, magic, magic_len) == 0;
}

/* A PDF may have up to 1024 bytes of junk before its header, and some scanners write
 * exactly that; readers accept it, so do we. */
static gboolean
looks_like_pdf (const guint8 *data,
                gsize         len)
{
  return memmem (data, MIN (len, 1024), "%PDF-", 5) != NULL;
}

static GdkPixbuf *
decode_image (FitInput  *input,
              int        width,
              int        height,
              GError   **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *pixbuf;

  /* The loader is chosen by us, from the magic bytes, never by gdk-pixbuf's sniffing:
   * an odd file must not reach an odd loader. */
  loader = gdk_pixbuf_loader_new_with_type (input->loader_type, &local_error);
  if (loader == NULL)
    goto failed;
  /* libjpeg then decodes at 1/2, 1/4 or 1/8 of the size directly, which is most of
   * what makes a 12-megapixel photo fast. */
  if (width > 0 && height > 0)
    gdk_pixbuf_loader_set_size (loader, width, height);
  if (!gdk_pixbuf_loader_write_bytes (loader, input->bytes, &local_error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      goto failed;
    }
  if (!gdk_pixbuf_loader_close (loader, &local_error))
    goto failed;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    goto failed;
  if (width > 0 && height > 0
      && (gdk_pixbuf_get_width (pixbuf) != width || gdk_pixbuf_get_height (pixbuf) != height))
    return gdk_pixbuf_scale_simple (pixbuf, width, height, GDK_INTERP_BILINEAR);
  return g_object_ref (pixbuf);

failed:
  g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
               _("“%s” is damaged or not an image Dossier can read (%s). Open it in a "
                 "photo viewer; if it shows, export it again as JPEG."),
               input->display_name,
               local_error != NULL ? local_error->message : _("no picture in it"));
  return NULL;
}

static gboolean
check_image_size (FitInput  *input,
                  GError   **error)
{
  if ((gint64) input->width * input->height > IMAGE_MAX_PIXELS)
    {
      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                   _("“%s” is %d × %d pixels, more than any camera or scanner makes for "
                     "one page; it was refused rather than risk running out of memory. "
                     "Make it smaller in a photo editor first."),
                   input->display_name, input->width, input->height);
      return FALSE;
    }
  return TRUE;
}

static FitInput *
fit_input_load (const char  *path,
                GError     **error)
{
  g_autoptr(FitInput) input = g_new0 (FitInput, 1);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  const guint8 *data;
  gsize len;

  input->path = g_strdup (path);
  input->display_name = g_filename_display_basename (path);

  /* Opened read-only and copied out at once: nothing we do can change the original,
   * and a file replaced while we work cannot mix two versions. */
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                   _("Cannot read “%s”: %s"), input->display_name, local_error->message);
      return NULL;
    }
  if (g_mapped_file_get_length (mapped) > INPUT_MAX_BYTES)
    {
      g_autofree char *limit_text = g_format_size (INPUT_MAX_BYTES);

      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                   _("“%s” is larger than %s; no scan of one document is that big, so it "
                     "was not read."),
                   input->display_name, limit_text);
      return NULL;
    }
  input->bytes = g_bytes_new (g_mapped_file_get_contents (mapped),
                              g_mapped_file_get_length (mapped));
  g_clear_pointer (&mapped, g_mapped_file_unref);
  data = g_bytes_get_data (input->bytes, &len);

  if (len == 0)
    {
      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                   _("“%s” is empty. Copy it again from where it came from."),
                   input->display_name);
      return NULL;
    }

  if (looks_like_pdf (data, len))
    {
      input->kind = INPUT_PDF;
      return g_steal_pointer (&input);
    }

  if (has_prefix (data, len, 0, "\xFF\xD8\xFF", 3))
    {
      input->kind = INPUT_JPEG;
      input->loader_type = "jpeg";
      if (!parse_jpeg (input))
        {
          g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                       _("“%s” is a damaged JPEG image: its size cannot be read. Take the "
                         "photo or the scan again."),
                       input->display_name);
          return NULL;
        }
      if (!check_image_size (input, error))
        return NULL;
      return g_steal_pointer (&input);
    }

  if (has_prefix (data, len, 0, "\x89PNG\r\n\x1a\n", 8))
    {
      input->kind = INPUT_PNG;
      input->loader_type = "png";
      if (!parse_png (input))
        {
          g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                       _("“%s” is a damaged PNG image: its size cannot be read."),
                       input->display_name);
          return NULL;
        }
      if (!check_image_size (input, error))
        return NULL;
      return g_steal_pointer (&input);
    }

  if (has_prefix (data, len, 4, "ftypheic", 8) || has_prefix (data, len, 4, "ftypheix", 8)
      || has_prefix (data, len, 4, "ftypmif1", 8) || has_prefix (data, len, 4, "ftyphevc", 8))
    {
      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                   _("“%s” is a HEIC photo, which Dossier cannot read. Export it as JPEG "
                     "(on an iPhone: Settings, Camera, Formats, Most Compatible) and add "
                     "it again."),
                   input->display_name);
      return NULL;
    }

  if (has_prefix (data, len, 0, "II*\0", 4) || has_prefix (data, len, 0, "MM\0*", 4))
    input->loader_type = "tiff";
  else if (has_prefix (data, len, 0, "GIF87a", 6) || has_prefix (data, len, 0, "GIF89a", 6))
    input->loader_type = "gif";
  else if (has_prefix (data, len, 0, "BM", 2))
    input->loader_type = "bmp";
  if (input->loader_type != NULL)
    {
      GdkPixbufFormat *format;
      g_autofree char *format_name = NULL;
      const char *orientation;

      input->kind = INPUT_OTHER_IMAGE;
      /* The header first, so that a decompression bomb is refused before it is
       * decoded. */
      format = gdk_pixbuf_get_file_info (path, &input->width, &input->height);
      format_name = format != NULL ? gdk_pixbuf_format_get_name (format) : NULL;
      if (format_name == NULL || !g_str_equal (format_name, input->loader_type)
          || input->width <= 0 || input->height <= 0)
        {
          g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                       _("“%s” is a damaged image, or one Dossier cannot read. Export it "
                         "again as JPEG."),
                       input->display_name);
          return NULL;
        }
      if (!check_image_size (input, error))
        return NULL;
      /* These are rare in a slot and gdk-pixbuf cannot decode them at a reduced size,
       * so they are decoded once, whole, here. */
      input->decoded = decode_image (input, 0, 0, error);
      if (input->decoded == NULL)
        return NULL;
      input->width = gdk_pixbuf_get_width (input->decoded);
      input->height = gdk_pixbuf_get_height (input->decoded);
      orientation = gdk_pixbuf_get_option (input->decoded, "orientation");
      input->orientation = orientation != NULL ? (int) g_ascii_strtoll (orientation, NULL, 10) : 1;
      if (input->orientation < 1 || input->orientation > 8)
        input->orientation = 1;
      return g_steal_pointer (&input);
    }

  g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
               _("“%s” is neither a PDF nor an image Dossier can read (JPEG, PNG, TIFF, GIF "
                 "or BMP). Save or export it as PDF first."),
               input->display_name);
  return NULL;
}

static GPtrArray *
load_inputs (const char * const  *files,
             GError             **error)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) fit_input_free);

  for (gsize i = 0; files[i] != NULL; i++)
    {
      FitInput *input = fit_input_load (files[i], error);

      if (input == NULL)
        return NULL;
      g_ptr_array_add (inputs, input);
    }
  return g_steal_pointer (&inputs);
}

/* The result replaces out_path by a rename; if out_path is one of the inputs, that
 * would throw an original away. */
static gboolean
check_output_is_not_an_input (GPtrArray   *inputs,
                              const char  *out_path,
                              GError     **error)
{
  GStatBuf out_stat;

  if (g_stat (out_path, &out_stat) != 0)
    return TRUE;
  for (guint i = 0; i < inputs->len; i++)
    {
      FitInput *input = g_ptr_array_index (inputs, i);
      GStatBuf in_stat;

      if (g_stat (input->path, &in_stat) == 0
          && in_stat.st_dev == out_stat.st_dev && in_stat.st_ino == out_stat.st_ino)
        {
          g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_WRITE,
                       _("The result would replace “%s”, one of the originals; choose "
                         "another name for it."),
                       input->display_name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_atomically (const char  *out_path,
                  GBytes      *bytes,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = g_filename_display_name (out_path);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  /* A temporary file next to out_path, renamed over it: a reader sees the old file or
   * the new one, never half of one, and a failure leaves nothing behind. */
  if (!g_file_set_contents_full (out_path, data, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    {
      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_WRITE,
                   _("Cannot write “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------
 * Images to PDF pages (cairo)
 */

typedef struct
{
  double max_dpi;   /* 0: every image keeps its resolution */
  int    quality;

  /* Also re-encode images that need no downscaling, whenever that makes them smaller:
   * what the shrinking steps want, and what dossier_fit_images_to_pdf promises not to
   * do. */
  gboolean squeeze;
} RenderOptions;

typedef struct
{
  guint  pages;
  double highest_dpi;     /* of the images as placed on their pages */
  guint  reencoded;
  guint  downscaled;
} RenderReport;

static void
page_dimensions (DossierPageSize  page_size,
                 gboolean         landscape,
                 double          *width,
                 double          *height)
{
  double short_side = page_size == DOSSIER_PAGE_LETTER ? LETTER_WIDTH_PT : A4_WIDTH_PT;
  double long_side = page_size == DOSSIER_PAGE_LETTER ? LETTER_HEIGHT_PT : A4_HEIGHT_PT;

  *width = landscape ? long_side : short_side;
  *height = landscape ? short_side : long_side;
}

/* EXIF orientations 5 to 8 turn the picture a quarter. */
static gboolean
orientation_swaps_sides (int orientation)
{
  return orientation >= 5;
}

/* Maps stored pixels (width × height) to the picture as it is meant to be seen; the
 * inverse of what a camera did when it saved the sensor's rows with a tag instead of
 * turning them. Applied by the PDF viewer, so the JPEG data stays untouched. */
static void
orientation_matrix (int             orientation,
                    double          width,
                    double          height,
                    cairo_matrix_t *matrix)
{
  switch (orientation)
    {
    case 2:
      cairo_matrix_init (matrix, -1, 0, 0, 1, width, 0);
      break;
    case 3:
      cairo_matrix_init (matrix, -1, 0, 0, -1, width, height);
      break;
    case 4:
      cairo_matrix_init (matrix, 1, 0, 0, -1, 0, height);
      break;
    case 5:
      cairo_matrix_init (matrix, 0, 1, 1, 0, 0, 0);
      break;
    case 6:
      cairo_matrix_init (matrix, 0, 1, -1, 0, height, 0);
      break;
    case 7:
      cairo_matrix_init (matrix, 0, -1, -1, 0, height, width);
      break;
    case 8:
      cairo_matrix_init (matrix, 0, -1, 1, 0, 0, width);
      break;
    default:
      cairo_matrix_init_identity (matrix);
      break;
    }
}

/* Where an image goes: the page turned as the picture is, the picture as large as the
 * margins allow, centred. */
typedef struct
{
  double page_width;
  double page_height;
  double x;
  double y;
  double width;
  double height;
  double dpi;         /* of the full-size picture placed there */
} Placement;

static void
place_image (const FitInput  *input,
             DossierPageSize  page_size,
             Placement       *place)
{
  gboolean swap = orientation_swaps_sides (input->orientation);
  double seen_width = swap ? input->height : input->width;
  double seen_height = swap ? input->width : input->height;
  double scale;

  page_dimensions (page_size, seen_width > seen_height,
                   &place->page_width, &place->page_height);
  scale = MIN ((place->page_width - 2 * PAGE_MARGIN_PT) / seen_width,
               (place->page_height - 2 * PAGE_MARGIN_PT) / seen_height);
  place->width = seen_width * scale;
  place->height = seen_height * scale;
  place->x = (place->page_width - place->width) / 2;
  place->y = (place->page_height - place->height) / 2;
  place->dpi = 72.0 / scale;
}

static GdkPixbuf *
get_pixels (FitInput  *input,
            int        width,
            int        height,
            GError   **error)
{
  g_autoptr(GdkPixbuf) decoded = NULL;

  if (input->decoded != NULL
      && gdk_pixbuf_get_width (input->decoded) >= width
      && gdk_pixbuf_get_height (input->decoded) >= height)
    {
      if (gdk_pixbuf_get_width (input->decoded) == width
          && gdk_pixbuf_get_height (input->decoded) == height)
        return g_object_ref (input->decoded);
      decoded = gdk_pixbuf_scale_simple (input->decoded, width, height, GDK_INTERP_BILINEAR);
      if (decoded == NULL)
        g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                     _("Not enough memory to scale “%s”."), input->display_name);
      return g_steal_pointer (&decoded);
    }
  decoded = decode_image (input, width, height, error);
  if (decoded == NULL)
    return NULL;
  g_set_object (&input->decoded, decoded);
  return g_steal_pointer (&decoded);
}

/* Paper is white: transparent parts of a PNG or GIF become white rather than black. */
static GdkPixbuf *
flatten_on_white (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  g_autoptr(GdkPixbuf) flat = NULL;
  guint8 *dst;
  int dst_stride;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);
  flat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  dst = gdk_pixbuf_get_pixels (flat);
  dst_stride = gdk_pixbuf_get_rowstride (flat);
  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * src_stride;
      guint8 *d = dst + (gsize) y * dst_stride;

      for (int x = 0; x < width; x++, s += 4, d += 3)
        for (int c = 0; c < 3; c++)
          d[c] = (guint8) ((s[c] * s[3] + 255 * (255 - s[3]) + 127) / 255);
    }
  return g_steal_pointer (&flat);
}

static GBytes *
encode_jpeg (GdkPixbuf  *pixbuf,
             int         quality,
             GError    **error)
{
  g_autoptr(GdkPixbuf) flat = flatten_on_white (pixbuf);
  g_autofree char *quality_text = g_strdup_printf ("%d", CLAMP (quality, 1, 100));
  g_autoptr(GError) local_error = NULL;
  char *buffer = NULL;
  gsize len = 0;

  if (!gdk_pixbuf_save_to_buffer (flat, &buffer, &len, "jpeg", &local_error,
                                  "quality", quality_text, NULL))
    {
      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_WRITE,
                   _("Cannot encode a page as JPEG: %s"), local_error->message);
      return NULL;
    }
  return g_bytes_new_take (buffer, len);
}

/* A surface whose pixels cairo never reads: the PDF gets the JPEG data attached to it.
 * The pixel buffer is zeroed memory the kernel maps lazily, so it costs nothing. */
static cairo_surface_t *
jpeg_surface (GBytes *jpeg,
              int     width,
              int     height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);

  /* The caller reports a surface in error; cairo would not take the reference. */
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, data, len,
                               (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (jpeg));
  return surface;
}

/* PNG, TIFF and the like kept at full quality: cairo compresses the pixels losslessly. */
static cairo_surface_t *
pixel_surface (GdkPixbuf *pixbuf)
{
  g_autoptr(GdkPixbuf) flat = flatten_on_white (pixbuf);
  int width = gdk_pixbuf_get_width (flat);
  int height = gdk_pixbuf_get_height (flat);
  int src_stride = gdk_pixbuf_get_rowstride (flat);
  const guint8 *src = gdk_pixbuf_read_pixels (flat);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  int dst_stride;
  guint8 *dst;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  cairo_surface_flush (surface);
  dst = cairo_image_surface_get_data (surface);
  dst_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * src_stride;
      guint32 *d = (guint32 *) (gpointer) (dst + (gsize) y * dst_stride);

      for (int x = 0; x < width; x++, s += 3)
        d[x] = (guint32) s[0] << 16 | (guint32) s[1] << 8 | s[2];
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The image surface one page shows, at the size the options allow, with its stored
 * orientation. */
static cairo_surface_t *
image_surface (FitInput             *input,
               const Placement      *place,
               const RenderOptions  *options,
               RenderReport         *report,
               GError              **error)
{
  int width = input->width;
  int height = input->height;
  double dpi = place->dpi;
  gboolean downscale = FALSE;
  g_autoptr(GdkPixbuf) pixels = NULL;
  g_autoptr(GBytes) jpeg = NULL;

  /* A picture a hair over the resolution asked for is left alone: resampling it would
   * cost quality and time for nothing. */
  if (options->max_dpi > 0 && dpi > options->max_dpi * DPI_TOLERANCE)
    {
      double factor = options->max_dpi / dpi;

      width = MAX (1, (int) floor (input->width * factor + 0.5));
      height = MAX (1, (int) floor (input->height * factor + 0.5));
      downscale = TRUE;
    }
  if (width > SURFACE_MAX_SIDE || height > SURFACE_MAX_SIDE)
    {
      double factor = (double) SURFACE_MAX_SIDE / MAX (width, height);

      width = MAX (1, (int) floor (width * factor));
      height = MAX (1, (int) floor (height * factor));
      downscale = TRUE;
    }
  dpi = dpi * width / input->width;
  report->highest_dpi = MAX (report->highest_dpi, dpi);

  if (input->kind == INPUT_JPEG && input->jpeg_embeddable && !downscale && !options->squeeze)
    return jpeg_surface (input->bytes, width, height);

  if (input->kind != INPUT_JPEG && !downscale && !options->squeeze)
    {
      pixels = get_pixels (input, width, height, error);
      if (pixels == NULL)
        return NULL;
      return pixel_surface (pixels);
    }

  pixels = get_pixels (input, width, height, error);
  if (pixels == NULL)
    return NULL;
  jpeg = encode_jpeg (pixels, options->quality, error);
  if (jpeg == NULL)
    return NULL;
  /* Squeezing a JPEG that needed no downscaling: the original wins unless the new one
   * is smaller. */
  if (!downscale && input->kind == INPUT_JPEG && input->jpeg_embeddable
      && g_bytes_get_size (jpeg) >= g_bytes_get_size (input->bytes))
    return jpeg_surface (input->bytes, width, height);
  report->reencoded++;
  if (downscale)
    report->downscaled++;
  return jpeg_surface (jpeg, width, height);
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_images (FitInput            **images,
               guint                 n_images,
               DossierPageSize       page_size,
               const RenderOptions  *options,
               RenderReport         *report,
               GError              **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(cairo_surface_t) pdf = NULL;
  g_autoptr(cairo_t) cr = NULL;
  cairo_status_t status;

  pdf = cairo_pdf_surface_create_for_stream (append_to_byte_array, out,
                                             A4_WIDTH_PT, A4_HEIGHT_PT);
  /* cairo 1.16 stamps the current time as /CreationDate, which makes every run's bytes
   * differ. A date it cannot parse makes it drop the entry; the date a PDF was
   * assembled means nothing to an officer anyway. */
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATE_DATE, "none");
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Dossier");
  cr = cairo_create (pdf);

  for (guint i = 0; i < n_images; i++)
    {
      FitInput *input = images[i];
      g_autoptr(cairo_surface_t) surface = NULL;
      Placement place;
      cairo_matrix_t orient;
      int width, height;
      gboolean swap = orientation_swaps_sides (input->orientation);

      place_image (input, page_size, &place);
      surface = image_surface (input, &place, options, report, error);
      if (surface == NULL)
        return NULL;
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                       _("Cannot make a page of “%s”: %s"), input->display_name,
                       cairo_status_to_string (cairo_surface_status (surface)));
          return NULL;
        }
      width = cairo_image_surface_get_width (surface);
      height = cairo_image_surface_get_height (surface);

      cairo_pdf_surface_set_size (pdf, place.page_width, place.page_height);
      cairo_save (cr);
      cairo_translate (cr, place.x, place.y);
      cairo_scale (cr, place.width / (swap ? height : width),
                   place.height / (swap ? width : height));
      orientation_matrix (input->orientation, width, height, &orient);
      cairo_transform (cr, &orient);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_show_page (cr);
      report->pages++;
    }

  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_finish (pdf);
  status = cairo_surface_status (pdf);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_WRITE,
                   _("Cannot make the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* ------------------------------------------------------------------------------------
 * Merging PDFs (qpdf)
 */

typedef struct
{
  const char *display_name;
  GBytes     *bytes;
} PdfPart;

static void
set_qpdf_input_error (qpdf_data    qpdf,
                      qpdf_error   failure,
                      const char  *display_name,
                      GError     **error)
{
  const char *detail = failure != NULL ? qpdf_get_error_message_detail (qpdf, failure) : NULL;

  if (failure != NULL && qpdf_get_error_code (qpdf, failure) == qpdf_e_password)
    g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                 _("“%s” is protected by a password. The portal refuses protected PDFs: "
                   "open it with its password and save or print it again as a PDF "
                   "without one."),
                 display_name);
  else
    g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                 _("“%s” is a damaged PDF (%s). Make or download it again."),
                 display_name, detail != NULL && *detail != '\0' ? detail : _("unreadable"));
}

static qpdf_data
open_pdf (const PdfPart  *part,
          int            *n_pages,
          GError        **error)
{
  g_autoptr(QpdfData) qpdf = qpdf_init ();
  gsize len;
  const char *data = g_bytes_get_data (part->bytes, &len);

  /* qpdf reports through the return codes checked here; it must not print. */
  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  if (qpdf_read_memory (qpdf, part->display_name, data, len, "") & QPDF_ERRORS)
    {
      set_qpdf_input_error (qpdf, qpdf_get_error (qpdf), part->display_name, error);
      return NULL;
    }
  /* Encrypted with only an owner password, qpdf opens it, but the portal still
   * refuses it. */
  if (qpdf_is_encrypted (qpdf))
    {
      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                   _("“%s” is an encrypted PDF (it has restrictions on printing or "
                     "copying). The portal refuses encrypted PDFs: print it again as a "
                     "PDF, or ask whoever issued it for an unprotected copy."),
                   part->display_name);
      return NULL;
    }
  *n_pages = qpdf_get_num_pages (qpdf);
  if (*n_pages < 0 || qpdf_has_error (qpdf))
    {
      set_qpdf_input_error (qpdf, qpdf_get_error (qpdf), part->display_name, error);
      return NULL;
    }
  if (*n_pages == 0)
    {
      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                   _("“%s” is a PDF without any page. Make or download it again."),
                   part->display_name);
      return NULL;
    }
  return g_steal_pointer (&qpdf);
}

/* The first document receives every other one's pages, so its own catalogue (outline,
 * metadata) survives; pages are copied object by object, streams as they are. */
static GBytes *
merge_parts (const PdfPart  *parts,
             guint           n_parts,
             guint          *out_pages,
             GError        **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) qpdf_data_free);
  qpdf_data base;
  guint total = 0;

  for (guint i = 0; i < n_parts; i++)
    {
      int n_pages = 0;
      qpdf_data doc = open_pdf (&parts[i], &n_pages, error);

      if (doc == NULL)
        return NULL;
      g_ptr_array_add (docs, doc);
      total += (guint) n_pages;
      if (i == 0)
        continue;
      for (int p = 0; p < n_pages; p++)
        {
          qpdf_oh page = qpdf_get_page_n (doc, (size_t) p);

          if (qpdf_add_page (g_ptr_array_index (docs, 0), doc, page, QPDF_FALSE) & QPDF_ERRORS)
            {
              qpdf_data failed = qpdf_has_error (doc) ? doc : g_ptr_array_index (docs, 0);

              /* Copying a page reads its objects, so damage shows here as well. */
              set_qpdf_input_error (failed, qpdf_get_error (failed), parts[i].display_name,
                                    error);
              return NULL;
            }
        }
    }

  base = g_ptr_array_index (docs, 0);
  qpdf_init_write_memory (base);
  /* The same pages give the same bytes: /ID from the content, not from the clock. */
  qpdf_set_deterministic_ID (base, QPDF_TRUE);
  /* Streams are copied as they are, never decoded and compressed again: lossless, and
   * fast on pages full of scanned images. */
  qpdf_set_decode_level (base, qpdf_dl_none);
  qpdf_set_compress_streams (base, QPDF_TRUE);
  qpdf_set_object_stream_mode (base, qpdf_o_generate);
  if (qpdf_write (base) & QPDF_ERRORS)
    {
      qpdf_error failure = qpdf_get_error (base);
      const char *filename = failure != NULL ? qpdf_get_error_filename (base, failure) : NULL;

      /* Objects are read lazily, so damage deep in a file may only show now; qpdf names
       * the part by the description it was opened with. */
      set_qpdf_input_error (base, failure,
                            filename != NULL && *filename != '\0' ? filename
                                                                   : parts[0].display_name,
                            error);
      return NULL;
    }
  if (out_pages != NULL)
    *out_pages = total;
  return g_bytes_new (qpdf_get_buffer (base), qpdf_get_buffer_length (base));
}

/* ------------------------------------------------------------------------------------
 * Public API
 */

gboolean
dossier_fit_images_to_pdf (const char * const  *images,
                           DossierPageSize      page_size,
                           double               max_dpi,
                           int                  jpeg_quality,
                           const char          *out_pdf,
                           GError             **error)
{
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GBytes) pdf = NULL;
  RenderOptions options = {
    .max_dpi = MAX (max_dpi, 0.0),
    .quality = jpeg_quality > 0 ? jpeg_quality : DEFAULT_JPEG_QUALITY,
    .squeeze = FALSE,
  };
  RenderReport report = { 0 };

  g_return_val_if_fail (images != NULL && images[0] != NULL, FALSE);
  g_return_val_if_fail (out_pdf != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  inputs = load_inputs (images, error);
  if (inputs == NULL)
    return FALSE;
  for (guint i = 0; i < inputs->len; i++)
    {
      FitInput *input = g_ptr_array_index (inputs, i);

      if (!input_is_image (input))
        {
          g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                       _("“%s” is a PDF, not an image."), input->display_name);
          return FALSE;
        }
    }
  if (!check_output_is_not_an_input (inputs, out_pdf, error))
    return FALSE;
  pdf = render_images ((FitInput **) inputs->pdata, inputs->len, page_size, &options,
                       &report, error);
  if (pdf == NULL)
    return FALSE;
  return write_atomically (out_pdf, pdf, error);
}

gboolean
dossier_fit_merge_pdfs (const char * const  *pdfs,
                        const char          *out_pdf,
                        GError             **error)
{
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GBytes) merged = NULL;
  g_autofree PdfPart *parts = NULL;

  g_return_val_if_fail (pdfs != NULL && pdfs[0] != NULL, FALSE);
  g_return_val_if_fail (out_pdf != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  inputs = load_inputs (pdfs, error);
  if (inputs == NULL)
    return FALSE;
  parts = g_new0 (PdfPart, inputs->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      FitInput *input = g_ptr_array_index (inputs, i);

      if (input->kind != INPUT_PDF)
        {
          g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_INPUT,
                       _("“%s” is not a PDF."), input->display_name);
          return FALSE;
        }
      parts[i].display_name = input->display_name;
      parts[i].bytes = input->bytes;
    }
  if (!check_output_is_not_an_input (inputs, out_pdf, error))
    return FALSE;
  merged = merge_parts (parts, inputs->len, NULL, error);
  if (merged == NULL)
    return FALSE;
  return write_atomically (out_pdf, merged, error);
}

/* Sizes side by side in a message must not read "4.0 MB, over the limit of 4.0 MB". */
static void
format_two_sizes (goffset   size,
                  goffset   limit,
                  char    **size_text,
                  char    **limit_text)
{
  *size_text = g_format_size ((guint64) size);
  *limit_text = g_format_size ((guint64) limit);
  if (g_str_equal (*size_text, *limit_text))
    {
      g_free (*size_text);
      g_free (*limit_text);
      *size_text = g_format_size_full ((guint64) size, G_FORMAT_SIZE_LONG_FORMAT);
      *limit_text = g_format_size_full ((guint64) limit, G_FORMAT_SIZE_LONG_FORMAT);
    }
}

/* The whole slot at one setting: runs of images become PDFs of their own, then
 * everything is merged in order. A slot of images only is cairo's PDF as it is. */
static GBytes *
build_slot (GPtrArray            *inputs,
            DossierPageSize       page_size,
            const RenderOptions  *options,
            RenderReport         *report,
            guint                *out_pages,
            GError              **error)
{
  g_autoptr(GPtrArray) rendered = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (PdfPart));
  FitInput **all = (FitInput **) inputs->pdata;
  guint i = 0;

  while (i < inputs->len)
    {
      PdfPart part;

      if (input_is_image (all[i]))
        {
          guint run = 0;
          GBytes *pdf;

          while (i + run < inputs->len && input_is_image (all[i + run]))
            run++;
          pdf = render_images (all + i, run, page_size, options, report, error);
          if (pdf == NULL)
            return NULL;
          g_ptr_array_add (rendered, pdf);
          part.display_name = all[i]->display_name;
          part.bytes = pdf;
          i += run;
        }
      else
        {
          part.display_name = all[i]->display_name;
          part.bytes = all[i]->bytes;
          i++;
        }
      g_array_append_val (parts, part);
    }

  if (parts->len == 1 && input_is_image (all[0]))
    {
      *out_pages = report->pages;
      return g_bytes_ref (g_ptr_array_index (rendered, 0));
    }
  return merge_parts ((PdfPart *) (gpointer) parts->data, parts->len, out_pages, error);
}

static char *
describe_inputs (guint n_images,
                 guint n_pdfs)
{
  g_autofree char *images = g_strdup_printf (ngettext ("%u image", "%u images", n_images),
                                             n_images);
  g_autofree char *pdfs = g_strdup_printf (ngettext ("%u PDF", "%u PDFs", n_pdfs), n_pdfs);

  if (n_pdfs == 0)
    return g_steal_pointer (&images);
  if (n_images == 0)
    return g_steal_pointer (&pdfs);
  /* TRANSLATORS: "2 PDFs and 3 images" */
  return g_strdup_printf (_("%s and %s"), pdfs, images);
}

static char *
describe_result (guint                n_images,
                 guint                n_pdfs,
                 guint                pages,
                 gsize                size,
                 goffset              max_bytes,
                 const RenderOptions *options,
                 const RenderReport  *report)
{
  g_autofree char *what = describe_inputs (n_images, n_pdfs);
  g_autofree char *size_text = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *combined = NULL;

  format_two_sizes ((goffset) size, max_bytes, &size_text, &limit_text);
  if (n_images + n_pdfs == 1 && n_images == 1)
    combined = g_strdup_printf (_("1 image made into a 1-page PDF (%s)"), size_text);
  else if (n_images + n_pdfs == 1)
    /* A single PDF is only rewritten when qpdf had to repair it or it was over the
     * limit before its streams were compressed. */
    combined = g_strdup_printf (ngettext ("1 PDF rewritten as a clean %u-page PDF (%s)",
                                          "1 PDF rewritten as a clean %u-page PDF (%s)", pages),
                                pages, size_text);
  else if (n_images == 0)
    combined = g_strdup_printf (ngettext ("%s merged into one %u-page PDF (%s)",
                                          "%s merged into one %u-page PDF (%s)", pages),
                                what, pages, size_text);
  else
    combined = g_strdup_printf (ngettext ("%s combined into one %u-page PDF (%s)",
                                          "%s combined into one %u-page PDF (%s)", pages),
                                what, pages, size_text);

  if (n_images == 0)
    return g_strdup_printf (_("%s; pages unchanged"), combined);
  if (options->max_dpi <= 0)
    return g_strdup_printf (_("%s; images at full quality"), combined);
  if (report->reencoded == 0)
    return g_strdup_printf (_("%s; images at full quality"), combined);
  if (report->downscaled == 0)
    return g_strdup_printf (_("%s; images at their own resolution, re-encoded at JPEG "
                              "quality %d to fit the limit of %s"),
                            combined, options->quality, limit_text);
  return g_strdup_printf (_("%s; images reduced to at most %.0f dpi on the page and JPEG "
                            "quality %d to fit the limit of %s"),
                          combined, report->highest_dpi, options->quality, limit_text);
}

static const char *
kind_name (InputKind kind)
{
  switch (kind)
    {
    case INPUT_PDF:
      return "PDF";
    case INPUT_JPEG:
      return "JPEG";
    case INPUT_PNG:
      return "PNG";
    case INPUT_OTHER_IMAGE:
    default:
      return _("image");
    }
}

/* A single PDF is checked before it is passed on as it is: the portal refuses
 * encrypted or unreadable ones, and a PDF qpdf had to repair is better sent repaired. */
static gboolean
single_pdf_is_clean (FitInput  *input,
                     GError   **error)
{
  PdfPart part = { input->display_name, input->bytes };
  g_autoptr(QpdfData) qpdf = NULL;
  int n_pages = 0;

  qpdf = open_pdf (&part, &n_pages, error);
  if (qpdf == NULL)
    return FALSE;
  return !qpdf_more_warnings (qpdf);
}

gboolean
dossier_fit_slot (const char * const  *files,
                  goffset              max_bytes,
                  DossierPageSize      page_size,
                  const char          *out_path,
                  char               **out_description,
                  GError             **error)
{
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) local_error = NULL;
  RenderOptions options = { .quality = DEFAULT_JPEG_QUALITY };
  RenderReport report = { 0 };
  guint n_images = 0, n_pdfs = 0, pages = 0;
  gsize image_bytes = 0;
  gsize smallest = G_MAXSIZE;

  g_return_val_if_fail (files != NULL && files[0] != NULL, FALSE);
  g_return_val_if_fail (max_bytes > 0, FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  inputs = load_inputs (files, error);
  if (inputs == NULL)
    return FALSE;
  if (!check_output_is_not_an_input (inputs, out_path, error))
    return FALSE;
  for (guint i = 0; i < inputs->len; i++)
    {
      FitInput *input = g_ptr_array_index (inputs, i);

      if (input_is_image (input))
        {
          n_images++;
          image_bytes += g_bytes_get_size (input->bytes);
        }
      else
        n_pdfs++;
    }

  /* One file the portal takes as it is, small enough: passed on byte for byte. */
  if (inputs->len == 1)
    {
      FitInput *input = g_ptr_array_index (inputs, 0);
      gsize size = g_bytes_get_size (input->bytes);
      gboolean accepted = input->kind == INPUT_PDF || input->kind == INPUT_JPEG
                          || input->kind == INPUT_PNG;

      if (accepted && size <= (guint64) max_bytes
          && (input->kind != INPUT_PDF || single_pdf_is_clean (input, &local_error)))
        {
          if (!write_atomically (out_path, input->bytes, error))
            return FALSE;
          if (out_description != NULL)
            {
              g_autofree char *size_text = NULL;
              g_autofree char *limit_text = NULL;

              format_two_sizes ((goffset) size, max_bytes, &size_text, &limit_text);
              *out_description = g_strdup_printf (_("copied unchanged: already a %s file of "
                                                    "%s, within the limit of %s"),
                                                  kind_name (input->kind), size_text,
                                                  limit_text);
            }
          return TRUE;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  /* Everything as it is first, unless the images alone are already too big: JPEG data
   * goes into the PDF unchanged, and PNG data compressed without filters is no
   * smaller than the PNG. */
  if (image_bytes <= (guint64) max_bytes)
    {
      result = build_slot (inputs, page_size, &options, &report, &pages, error);
      if (result == NULL)
        return FALSE;
      smallest = g_bytes_get_size (result);
    }

  for (gsize s = 0; n_images > 0 && G_N_ELEMENTS (shrink_steps) > s
                    && (result == NULL || g_bytes_get_size (result) > (guint64) max_bytes); s++)
    {
      g_clear_pointer (&result, g_bytes_unref);
      options.max_dpi = shrink_steps[s].dpi;
      options.quality = shrink_steps[s].quality;
      options.squeeze = TRUE;
      memset (&report, 0, sizeof report);
      result = build_slot (inputs, page_size, &options, &report, &pages, error);
      if (result == NULL)
        return FALSE;
      smallest = MIN (smallest, g_bytes_get_size (result));
    }

  if (g_bytes_get_size (result) > (guint64) max_bytes)
    {
      g_autofree char *size_text = NULL;
      g_autofree char *limit_text = NULL;

      if (n_pdfs > 0)
        {
          g_autoptr(GBytes) pdf_only = NULL;
          g_autoptr(GPtrArray) pdf_inputs = g_ptr_array_new ();
          guint pdf_pages = 0;
          RenderReport pdf_report = { 0 };

          for (guint i = 0; i < inputs->len; i++)
            if (!input_is_image (g_ptr_array_index (inputs, i)))
              g_ptr_array_add (pdf_inputs, g_ptr_array_index (inputs, i));
          pdf_only = build_slot (pdf_inputs, page_size, &options, &pdf_report, &pdf_pages,
                                 error);
          if (pdf_only == NULL)
            return FALSE;
          if (g_bytes_get_size (pdf_only) > (guint64) max_bytes)
            {
              format_two_sizes ((goffset) g_bytes_get_size (pdf_only), max_bytes,
                                &size_text, &limit_text);
              g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_TOO_LARGE,
                           _("The PDF pages alone make %s and the limit is %s; Dossier "
                             "keeps PDF pages exactly as they are, so it cannot make them "
                             "smaller. Split the document into parts, or make the PDF "
                             "again at a lower resolution or in black and white."),
                           size_text, limit_text);
              return FALSE;
            }
        }
      format_two_sizes ((goffset) smallest, max_bytes, &size_text, &limit_text);
      g_set_error (error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_TOO_LARGE,
                   _("The smallest Dossier can make is %s with images at %.0f dpi; the "
                     "limit is %s. Split the document into parts, or scan it again in "
                     "black and white."),
                   size_text, DOSSIER_FIT_MIN_DPI, limit_text);
      return FALSE;
    }

  if (!write_atomically (out_path, result, error))
    return FALSE;
  if (out_description != NULL)
    *out_description = describe_result (n_images, n_pdfs, pages, g_bytes_get_size (result),
                                        max_bytes, &options, &report);
  return TRUE;
}
