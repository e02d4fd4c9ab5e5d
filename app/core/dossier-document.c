/* dossier-document.c: what a file really is, judged by its content
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <zip.h>

#include "dossier-document.h"

/* PDF readers accept the header anywhere in the first kilobyte (mail gateways and some
 * scanners put a few bytes before it); every other format starts at byte 0. */
#define SNIFF_BYTES 1024

#define READ_CHUNK (64 * 1024)

/* Decoding is how damage inside an image is found, and it needs the decoded pixels in
 * memory: 64 megapixels (256 MB at most) is twice an A4 page scanned at 600 dpi. A
 * larger picture is measured and checked for truncation, but not decoded. */
#define MAX_DECODE_PIXELS (G_GINT64_CONSTANT (64) * 1024 * 1024)

/* libjpeg decodes at 1/8 scale by skipping most of the inverse DCT, yet still reads
 * and checks every byte of the compressed data: the cheap way to find damage. */
#define JPEG_CHECK_SCALE 8

#define A4_SHORT_INCHES (210.0 / 25.4)
#define A4_LONG_INCHES  (297.0 / 25.4)

/* A damaged PDF can give thousands of warnings; the first few say what is wrong. */
#define MAX_PDF_MESSAGES 3

typedef struct
{
  const char *name;
  const char *extension;
  gboolean    compressed;
  const char *pixbuf_type;              /* gdk-pixbuf loader, NULL if none is used */
} FormatDesc;

static const FormatDesc formats[DOSSIER_N_FORMATS] = {
  [DOSSIER_FORMAT_UNKNOWN] = { "unknown", "",      FALSE, NULL },
  /* Page content streams are nearly always deflated and scans are JPEG inside. */
  [DOSSIER_FORMAT_PDF]     = { "pdf",     ".pdf",  TRUE,  NULL },
  [DOSSIER_FORMAT_JPEG]    = { "jpeg",    ".jpg",  TRUE,  "jpeg" },
  [DOSSIER_FORMAT_PNG]     = { "png",     ".png",  TRUE,  "png" },
  /* Scanners mostly write TIFF uncompressed. */
  [DOSSIER_FORMAT_TIFF]    = { "tiff",    ".tiff", FALSE, "tiff" },
  [DOSSIER_FORMAT_DOC]     = { "doc",     ".doc",  FALSE, NULL },
  [DOSSIER_FORMAT_DOCX]    = { "docx",    ".docx", TRUE,  NULL },
  [DOSSIER_FORMAT_GIF]     = { "gif",     ".gif",  TRUE,  "gif" },
  /* No WebP or HEIF loader ships with Debian's gdk-pixbuf: their headers are read here. */
  [DOSSIER_FORMAT_WEBP]    = { "webp",    ".webp", TRUE,  NULL },
  [DOSSIER_FORMAT_HEIC]    = { "heic",    ".heic", TRUE,  NULL },
  [DOSSIER_FORMAT_ZIP]     = { "zip",     ".zip",  TRUE,  NULL },
};

static const guint8 pdf_magic[] = { '%', 'P', 'D', 'F', '-' };
static const guint8 jpeg_magic[] = { 0xFF, 0xD8, 0xFF };
static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
static const guint8 tiff_le_magic[] = { 'I', 'I', 0x2A, 0x00 };
static const guint8 tiff_be_magic[] = { 'M', 'M', 0x00, 0x2A };
static const guint8 bigtiff_le_magic[] = { 'I', 'I', 0x2B, 0x00 };
static const guint8 bigtiff_be_magic[] = { 'M', 'M', 0x00, 0x2B };
static const guint8 ole2_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
static const guint8 zip_magic[] = { 'P', 'K', 0x03, 0x04 };
static const guint8 zip_empty_magic[] = { 'P', 'K', 0x05, 0x06 };

typedef struct _qpdf_data QpdfData;

static void
qpdf_data_free (QpdfData *qpdf)
{
  qpdf_cleanup (&qpdf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QpdfData, qpdf_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_t, zip_discard)

G_DEFINE_QUARK (dossier-document-error-quark, dossier_document_error)

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            const guint8 *magic,
            gsize         magic_length)
{
  return length >= magic_length && memcmp (data, magic, magic_length) == 0;
}

#define HAS_MAGIC(data, length, magic) \
  has_prefix ((data), (length), (magic), sizeof (magic))

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
read_le24 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16);
}

static guint32
read_le32 (const guint8 *p)
{
  return read_le24 (p) | ((guint32) p[3] << 24);
}

static gboolean
is_heic_brand (const guint8 *brand)
{
  static const char * const brands[] = {
    "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (brands); i++)
    if (memcmp (brand, brands[i], 4) == 0)
      return TRUE;
  return FALSE;
}

/* HEIF files are ISO media files like MP4 videos and AVIF pictures; the brands in the
 * leading ftyp box tell them apart. "mif1" only says "an image in a HEIF container",
 * which is HEVC (HEIC) unless an AV1 brand says it is AVIF. */
static DossierFileFormat
sniff_iso_media (const guint8 *head,
                 gsize         length)
{
  gsize box_length;
  gboolean generic_heif = FALSE;

  if (length < 16 || memcmp (head + 4, "ftyp", 4) != 0)
    return DOSSIER_FORMAT_UNKNOWN;
  box_length = MIN ((gsize) read_be32 (head), length);
  for (gsize offset = 8; offset + 4 <= box_length; offset += 4)
    {
      const guint8 *brand = head + offset;

      /* Bytes 12 to 15 are the minor version, not a brand. */
      if (offset == 12)
        continue;
      if (memcmp (brand, "avif", 4) == 0 || memcmp (brand, "avis", 4) == 0)
        return DOSSIER_FORMAT_UNKNOWN;
      if (is_heic_brand (brand))
        return DOSSIER_FORMAT_HEIC;
      if (memcmp (brand, "mif1", 4) == 0 || memcmp (brand, "msf1", 4) == 0)
        generic_heif = TRUE;
    }
  return generic_heif ? DOSSIER_FORMAT_HEIC : DOSSIER_FORMAT_UNKNOWN;
}

/* ZIP comes back as DOSSIER_FORMAT_ZIP: whether it is a Word document is for the
 * archive's directory to say. */
static DossierFileFormat
sniff_format (const guint8 *head,
              gsize         length)
{
  if (HAS_MAGIC (head, length, jpeg_magic))
    return DOSSIER_FORMAT_JPEG;
  if (HAS_MAGIC (head, length, png_magic))
    return DOSSIER_FORMAT_PNG;
  if (HAS_MAGIC (head, length, tiff_le_magic) || HAS_MAGIC (head, length, tiff_be_magic)
      || HAS_MAGIC (head, length, bigtiff_le_magic)
      || HAS_MAGIC (head, length, bigtiff_be_magic))
    return DOSSIER_FORMAT_TIFF;
  if (length >= 6 && (memcmp (head, "GIF87a", 6) == 0 || memcmp (head, "GIF89a", 6) == 0))
    return DOSSIER_FORMAT_GIF;
  if (length >= 12 && memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WEBP", 4) == 0)
    return DOSSIER_FORMAT_WEBP;
  if (HAS_MAGIC (head, length, ole2_magic))
    return DOSSIER_FORMAT_DOC;
  if (HAS_MAGIC (head, length, zip_magic) || HAS_MAGIC (head, length, zip_empty_magic))
    return DOSSIER_FORMAT_ZIP;
  if (sniff_iso_media (head, length) == DOSSIER_FORMAT_HEIC)
    return DOSSIER_FORMAT_HEIC;
  /* Last, so that a picture or an archive that happens to hold "%PDF-" (a stored PDF
   * inside a ZIP, a comment in a JPEG) is still what its first bytes say. */
  if (length >= sizeof pdf_magic
      && memmem (head, MIN (length, SNIFF_BYTES), pdf_magic, sizeof pdf_magic) != NULL)
    return DOSSIER_FORMAT_PDF;
  return DOSSIER_FORMAT_UNKNOWN;
}

static void
set_problem (DossierDocumentInfo    *info,
             DossierDocumentProblem  problem,
             char                   *detail)
{
  info->problem = problem;
  g_free (info->detail);
  info->detail = detail;
}

static void
set_unreadable_error (GError     **error,
                      const char  *path,
                      int          saved_errno)
{
  g_autofree char *display_name = g_filename_display_name (path);

  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                   _("“%s” does not exist. It may have been moved, renamed or deleted: "
                     "choose the file again."),
                   display_name);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                   _("“%s” cannot be read: you are not allowed to open it. Ask the "
                     "owner of the file for access, or copy it into one of your "
                     "folders and choose the copy."),
                   display_name);
      break;
    case EISDIR:
      g_set_error (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                   _("“%s” is a folder, not a file. Choose a file inside it."),
                   display_name);
      break;
    default:
      g_set_error (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                   _("“%s” cannot be read: %s. If it is on a removable drive or a "
                     "network folder, check that it is still connected, or copy the "
                     "file to this computer and choose the copy."),
                   display_name, g_strerror (saved_errno));
      break;
    }
}

/* Read-only, and without blocking on a named pipe someone picked by mistake. */
static int
open_regular_file (const char   *path,
                   struct stat  *st,
                   GError      **error)
{
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_unreadable_error (error, path, errno);
      return -1;
    }
  if (fstat (fd, st) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      set_unreadable_error (error, path, saved_errno);
      return -1;
    }
  if (S_ISDIR (st->st_mode))
    {
      g_close (fd, NULL);
      set_unreadable_error (error, path, EISDIR);
      return -1;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_close (fd, NULL);
      g_set_error (error, DOSSIER_DOCUMENT_ERROR, DOSSIER_DOCUMENT_ERROR_UNREADABLE,
                   _("“%s” is not a regular file (it is a device, a pipe or a socket). "
                     "Choose a document file."),
                   display_name);
      return -1;
    }
  return fd;
}

/* Like read(2), but only short at the end of the file. */
static gssize
read_fully (int     fd,
            guint8 *buffer,
            gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = read (fd, buffer + done, length - done);

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

/* --- PDF ------------------------------------------------------------------------- */

static gboolean
qpdf_code_is_damage (enum qpdf_error_code_e code)
{
  /* A feature qpdf does not implement, or a linearization hint it dislikes, says
   * nothing about whether the portal can read the file. */
  return code != qpdf_e_unsupported && code != qpdf_e_linearization
         && code != qpdf_e_success;
}

static void
append_qpdf_message (GString   *messages,
                     guint     *n_messages,
                     QpdfData  *qpdf,
                     qpdf_error e)
{
  /* In this order: qpdf's strings last only until its next call. */
  unsigned long long position = qpdf_get_error_file_position (qpdf, e);
  const char *text = qpdf_get_error_message_detail (qpdf, e);

  (*n_messages)++;
  if (*n_messages > MAX_PDF_MESSAGES)
    return;
  if (messages->len > 0)
    g_string_append (messages, "; ");
  g_string_append (messages, text != NULL && *text != '\0' ? text : "unknown error");
  /* The detail is the message without the file name, which the caller already has. */
  if (position > 0)
    g_string_append_printf (messages, " (offset %llu)", position);
}

static char *
finish_qpdf_messages (GString *messages,
                      guint    n_messages)
{
  if (n_messages > MAX_PDF_MESSAGES)
    g_string_append_printf (messages, "; and %u more", n_messages - MAX_PDF_MESSAGES);
  return g_string_free (messages, FALSE);
}

/* Moves qpdf's remaining warnings into messages; counts those that show damage. */
static guint
drain_qpdf_warnings (QpdfData *qpdf,
                     GString  *messages,
                     guint    *n_messages)
{
  guint n_damage = 0;

  while (qpdf_more_warnings (qpdf))
    {
      qpdf_error warning = qpdf_next_warning (qpdf);

      if (warning == NULL || !qpdf_code_is_damage (qpdf_get_error_code (qpdf, warning)))
        continue;
      n_damage++;
      append_qpdf_message (messages, n_messages, qpdf, warning);
    }
  return n_damage;
}

/* The error qpdf holds, if any, as damage; its warnings after it. */
static gboolean
qpdf_failed (QpdfData            *qpdf,
             DossierDocumentInfo *info)
{
  g_autoptr(GString) messages = NULL;
  guint n_messages = 0;

  if (!qpdf_has_error (qpdf))
    return FALSE;
  messages = g_string_new (NULL);
  append_qpdf_message (messages, &n_messages, qpdf, qpdf_get_error (qpdf));
  drain_qpdf_warnings (qpdf, messages, &n_messages);
  set_problem (info, DOSSIER_DOCUMENT_DAMAGED,
               finish_qpdf_messages (g_steal_pointer (&messages), n_messages));
  return TRUE;
}

static gboolean
is_encryption_error (QpdfData  *qpdf,
                     qpdf_error e)
{
  enum qpdf_error_code_e code = qpdf_get_error_code (qpdf, e);
  const char *text;
  g_autofree char *folded = NULL;

  if (code == qpdf_e_password)
    return TRUE;
  if (code != qpdf_e_unsupported)
    return FALSE;
  /* Encryption qpdf cannot handle (certificate security, a DRM plug-in) is reported
   * as unsupported; it is still encryption, which is what the portal refuses. */
  text = qpdf_get_error_message_detail (qpdf, e);
  folded = g_ascii_strdown (text != NULL ? text : "", -1);
  return strstr (folded, "encrypt") != NULL;
}

static void
inspect_pdf (const char          *path,
             DossierDocumentInfo *info)
{
  g_autoptr(QpdfData) qpdf = qpdf_init ();
  g_autoptr(GString) messages = g_string_new (NULL);
  qpdflogger_handle logger;
  guint n_messages = 0;
  guint n_damage;
  int pages;

  /* Nothing of qpdf's may reach our stderr: errors and warnings are collected below,
   * and the logger covers whatever else it would print. */
  logger = qpdflogger_create ();
  qpdflogger_set_info (logger, qpdf_log_dest_discard, NULL, NULL);
  qpdflogger_set_warn (logger, qpdf_log_dest_discard, NULL, NULL);
  qpdflogger_set_error (logger, qpdf_log_dest_discard, NULL, NULL);
  qpdf_set_logger (qpdf, logger);
  qpdflogger_cleanup (&logger);
  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);

  /* qpdf opens the file itself, read-only ("rb"); it never writes unless told to. */
  if (qpdf_read (qpdf, path, NULL) & QPDF_ERRORS)
    {
      qpdf_error e = qpdf_get_error (qpdf);

      if (e != NULL && is_encryption_error (qpdf, e))
        {
          set_problem (info, DOSSIER_DOCUMENT_ENCRYPTED,
                       g_strdup ("encrypted with a user password: it cannot be opened "
                                 "without the password"));
          return;
        }
      if (e != NULL)
        append_qpdf_message (messages, &n_messages, qpdf, e);
      drain_qpdf_warnings (qpdf, messages, &n_messages);
      set_problem (info, DOSSIER_DOCUMENT_DAMAGED,
                   finish_qpdf_messages (g_steal_pointer (&messages), n_messages));
      return;
    }

  pages = qpdf_get_num_pages (qpdf);
  if (qpdf_failed (qpdf, info))
    return;
  info->pages = MAX (pages, 0);

  /* An owner password opens for anyone but restricts printing or copying; the portal
   * refuses those files all the same. */
  if (qpdf_is_encrypted (qpdf))
    {
      set_problem (info, DOSSIER_DOCUMENT_ENCRYPTED,
                   g_strdup ("encrypted, though it opens without a password"));
      return;
    }

  /* Reading every object and decoding every stream is what finds damage past the
   * cross-reference table: a broken object, a corrupt page description. Rewriting the
   * file, streams decompressed, does both; it goes to /dev/null, not to memory, as a
   * scan can hold hundreds of megabytes once decompressed. qpdf_check_pdf() would
   * also decode and recompress every JPEG, a second per scanned page. */
  if (qpdf_init_write (qpdf, "/dev/null") & QPDF_ERRORS)
    {
      qpdf_failed (qpdf, info);
      return;
    }
  qpdf_set_stream_data_mode (qpdf, qpdf_s_uncompress);
  qpdf_write (qpdf);
  if (qpdf_failed (qpdf, info))
    return;

  /* qpdf repairs what it can and says so in warnings ("file is damaged", "xref not
   * found", "attempting to reconstruct cross-reference table"): we got pages out of
   * it, but the portal's own reader may well not, so a repaired file is damaged. */
  n_damage = drain_qpdf_warnings (qpdf, messages, &n_messages);
  if (n_damage > 0)
    set_problem (info, DOSSIER_DOCUMENT_DAMAGED,
                 finish_qpdf_messages (g_steal_pointer (&messages), n_messages));
}

/* --- ZIP and Word ---------------------------------------------------------------- */

static void
inspect_zip (const char          *path,
             const guint8        *head,
             gsize                head_length,
             DossierDocumentInfo *info)
{
  g_autoptr(zip_t) archive = NULL;
  int zip_error_code = 0;

  archive = zip_open (path, ZIP_RDONLY, &zip_error_code);
  if (archive == NULL)
    {
      zip_error_t zip_error;

      /* The directory is at the end of the archive, so a cut-short Word document
       * still names its parts near the start. */
      if (memmem (head, head_length, "word/", 5) != NULL)
        info->format = DOSSIER_FORMAT_DOCX;
      zip_error_init_with_code (&zip_error, zip_error_code);
      set_problem (info, DOSSIER_DOCUMENT_DAMAGED,
                   g_strdup_printf ("not a readable ZIP archive: %s",
                                    zip_error_strerror (&zip_error)));
      zip_error_fini (&zip_error);
      return;
    }
  if (zip_name_locate (archive, "word/document.xml", 0) >= 0)
    info->format = DOSSIER_FORMAT_DOCX;
}

/* --- Images ---------------------------------------------------------------------- */

typedef enum
{
  JPEG_MARKER,                  /* expecting 0xFF */
  JPEG_MARKER_CODE,             /* after 0xFF */
  JPEG_LENGTH_HIGH,
  JPEG_LENGTH_LOW,
  JPEG_SEGMENT,                 /* skipping a segment's payload */
  JPEG_ENTROPY,                 /* compressed data after a start of scan */
  JPEG_ENTROPY_FF,
  JPEG_DONE,
  JPEG_BROKEN,
} JpegState;

/* Walks the marker segments up to the end-of-image marker. libjpeg, and so gdk-pixbuf,
 * fills a cut-short picture with grey without a word; the missing marker is how the
 * truncation shows. */
typedef struct
{
  JpegState   state;
  guint8      marker;
  guint       segment_length;
  gsize       remaining;
  gboolean    seen_soi;
  gboolean    seen_sos;
  const char *broken;
} JpegCheck;

static void
jpeg_check_marker (JpegCheck *check,
                   guint8     code)
{
  if (!check->seen_soi && code != 0xD8)
    {
      check->state = JPEG_BROKEN;
      check->broken = "JPEG data does not start with a start-of-image marker";
      return;
    }
  switch (code)
    {
    case 0xD8:                                  /* SOI */
      check->seen_soi = TRUE;
      check->state = check->seen_sos ? JPEG_ENTROPY : JPEG_MARKER;
      break;
    case 0xD9:                                  /* EOI */
      if (!check->seen_sos)
        {
          check->state = JPEG_BROKEN;
          check->broken = "JPEG data ends before any image data";
        }
      else
        check->state = JPEG_DONE;
      break;
    case 0x00:                                  /* stuffed byte */
    case 0x01:                                  /* TEM */
    case 0xD0: case 0xD1: case 0xD2: case 0xD3:  /* RSTn */
    case 0xD4: case 0xD5: case 0xD6: case 0xD7:
      check->state = check->seen_sos ? JPEG_ENTROPY : JPEG_MARKER;
      break;
    default:                                    /* a segment with a length */
      check->marker = code;
      check->state = JPEG_LENGTH_HIGH;
      break;
    }
}

static void
jpeg_check_feed (JpegCheck    *check,
                 const guint8 *data,
                 gsize         length)
{
  gsize i = 0;

  while (i < length)
    {
      switch (check->state)
        {
        case JPEG_MARKER:
          /* Bytes between segments are tolerated, as libjpeg does. */
          if (data[i++] == 0xFF)
            check->state = JPEG_MARKER_CODE;
          break;
        case JPEG_MARKER_CODE:
        case JPEG_ENTROPY_FF:
          if (data[i] != 0xFF)                  /* 0xFF is fill before a marker */
            jpeg_check_marker (check, data[i]);
          i++;
          break;
        case JPEG_LENGTH_HIGH:
          check->segment_length = (guint) data[i++] << 8;
          check->state = JPEG_LENGTH_LOW;
          break;
        case JPEG_LENGTH_LOW:
          check->segment_length |= data[i++];
          if (check->segment_length < 2)
            {
              check->state = JPEG_BROKEN;
              check->broken = "JPEG segment with an impossible length";
              break;
            }
          check->remaining = check->segment_length - 2;
          check->state = JPEG_SEGMENT;
          break;
        case JPEG_SEGMENT:
          {
            gsize n = MIN (check->remaining, length - i);

            i += n;
            check->remaining -= n;
            if (check->remaining > 0)
              break;
            if (check->marker == 0xDA)           /* SOS: compressed data follows */
              {
                check->seen_sos = TRUE;
                check->state = JPEG_ENTROPY;
              }
            else
              check->state = JPEG_MARKER;
          }
          break;
        case JPEG_ENTROPY:
          {
            const guint8 *ff = memchr (data + i, 0xFF, length - i);

            if (ff == NULL)
              return;
            i = (gsize) (ff - data) + 1;
            check->state = JPEG_ENTROPY_FF;
          }
          break;
        case JPEG_DONE:
        case JPEG_BROKEN:
          /* Phones append data after the end (a motion photo's video); ignored. */
          return;
        default:
          g_assert_not_reached ();
        }
    }
}

static const char *
jpeg_check_finish (JpegCheck *check)
{
  if (check->state == JPEG_BROKEN)
    return check->broken;
  if (check->state != JPEG_DONE)
    return "JPEG data ends before its end-of-image marker: the file is cut short";
  return NULL;
}

/* PNG: the chunks, by their lengths, up to IEND; libpng does not complain when the
 * image data stops early. */
typedef struct
{
  guint8      header[8];
  guint       header_length;
  guint64     skip;                     /* bytes left of the signature or the chunk */
  gboolean    in_iend;
  gboolean    done;
  const char *broken;
} PngCheck;

static void
png_check_init (PngCheck *check)
{
  memset (check, 0, sizeof *check);
  check->skip = sizeof png_magic;
}

static void
png_check_feed (PngCheck     *check,
                const guint8 *data,
                gsize         length)
{
  gsize i = 0;

  while (i < length && !check->done && check->broken == NULL)
    {
      if (check->skip > 0)
        {
          gsize n = (gsize) MIN (check->skip, (guint64) (length - i));

          i += n;
          check->skip -= n;
          if (check->skip == 0 && check->in_iend)
            check->done = TRUE;
          continue;
        }
      check->header[check->header_length++] = data[i++];
      if (check->header_length < sizeof check->header)
        continue;
      check->header_length = 0;
      /* The PNG specification caps chunk lengths at 2^31 - 1. */
      if (read_be32 (check->header) > G_MAXINT32)
        {
          check->broken = "PNG chunk with an impossible length";
          break;
        }
      check->skip = (guint64) read_be32 (check->header) + 4;       /* data and CRC */
      check->in_iend = memcmp (check->header + 4, "IEND", 4) == 0;
    }
}

static const char *
png_check_finish (PngCheck *check)
{
  if (check->broken != NULL)
    return check->broken;
  if (!check->done)
    return "PNG data ends before its IEND chunk: the file is cut short";
  return NULL;
}

typedef struct
{
  DossierFileFormat format;
  int               width;
  int               height;
  gboolean          got_size;
  gboolean          too_large;          /* we stopped the decoder on purpose */
} PixbufProbe;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  PixbufProbe *probe = user_data;
  gint64 decoded_pixels;

  probe->width = width;
  probe->height = height;
  probe->got_size = TRUE;

  if (probe->format == DOSSIER_FORMAT_JPEG)
    {
      int scaled_width = MAX (1, (width + JPEG_CHECK_SCALE - 1) / JPEG_CHECK_SCALE);
      int scaled_height = MAX (1, (height + JPEG_CHECK_SCALE - 1) / JPEG_CHECK_SCALE);

      /* Exactly libjpeg's 1/8 output size, so that gdk-pixbuf need not rescale. */
      decoded_pixels = (gint64) scaled_width * scaled_height;
      if (decoded_pixels <= MAX_DECODE_PIXELS)
        gdk_pixbuf_loader_set_size (loader, scaled_width, scaled_height);
    }
  else
    decoded_pixels = (gint64) width * height;

  if (decoded_pixels > MAX_DECODE_PIXELS)
    {
      /* A zero size makes every loader stop before allocating the picture. */
      probe->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static gboolean
webp_header_size (const guint8  *head,
                  gsize          length,
                  int           *width,
                  int           *height)
{
  if (length >= 30 && memcmp (head + 12, "VP8X", 4) == 0)
    {
      *width = (int) read_le24 (head + 24) + 1;
      *height = (int) read_le24 (head + 27) + 1;
      return TRUE;
    }
  if (length >= 25 && memcmp (head + 12, "VP8L", 4) == 0 && head[20] == 0x2F)
    {
      guint32 bits = read_le32 (head + 21);

      *width = (int) (bits & 0x3FFF) + 1;
      *height = (int) ((bits >> 14) & 0x3FFF) + 1;
      return TRUE;
    }
  if (length >= 30 && memcmp (head + 12, "VP8 ", 4) == 0
      && head[23] == 0x9D && head[24] == 0x01 && head[25] == 0x2A)
    {
      *width = (int) ((head[26] | (head[27] << 8)) & 0x3FFF);
      *height = (int) ((head[28] | (head[29] << 8)) & 0x3FFF);
      return TRUE;
    }
  return FALSE;
}

static void
inspect_webp (const guint8        *head,
              gsize                head_length,
              DossierDocumentInfo *info)
{
  guint64 riff_end;

  if (!webp_header_size (head, head_length, &info->width, &info->height))
    {
      set_problem (info, DOSSIER_DOCUMENT_DAMAGED,
                   g_strdup ("WebP header without a VP8, VP8L or VP8X chunk"));
      return;
    }
  /* The RIFF header gives the length of everything after its first 8 bytes. */
  riff_end = (guint64) read_le32 (head + 4) + 8;
  if (riff_end > (guint64) info->size)
    set_problem (info, DOSSIER_DOCUMENT_DAMAGED,
                 g_strdup_printf ("WebP data should be %" G_GUINT64_FORMAT " bytes long "
                                  "but the file has %" G_GOFFSET_FORMAT ": it is cut short",
                                  riff_end, info->size));
}

/* Reads the whole file once, through the decoder and the structure checks together. */
static gboolean
inspect_pixbuf_image (int                   fd,
                      const char           *path,
                      DossierDocumentInfo  *info,
                      GError              **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) decode_error = NULL;
  g_autofree guint8 *buffer = NULL;
  PixbufProbe probe = { .format = info->format };
  JpegCheck jpeg_check = { .state = JPEG_MARKER };
  PngCheck png_check;
  gboolean loader_active;
  gboolean has_structure_check = (info->format == DOSSIER_FORMAT_JPEG
                                  || info->format == DOSSIER_FORMAT_PNG);
  const char *broken = NULL;

  png_check_init (&png_check);
  loader = gdk_pixbuf_loader_new_with_type (formats[info->format].pixbuf_type, NULL);
  if (loader != NULL)
    g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &probe);
  loader_active = loader != NULL;

  if (lseek (fd, 0, SEEK_SET) < 0)
    {
      set_unreadable_error (error, path, errno);
      if (loader != NULL)
        gdk_pixbuf_loader_close (loader, NULL);
      return FALSE;
    }
  buffer = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = read_fully (fd, buffer, READ_CHUNK);

      if (n < 0)
        {
          set_unreadable_error (error, path, errno);
          if (loader != NULL)
            gdk_pixbuf_loader_close (loader, NULL);
          return FALSE;
        }
      if (n == 0)
        break;
      if (info->format == DOSSIER_FORMAT_JPEG)
        jpeg_check_feed (&jpeg_check, buffer, (gsize) n);
      else if (info->format == DOSSIER_FORMAT_PNG)
        png_check_feed (&png_check, buffer, (gsize) n);
      if (loader_active && !probe.too_large
          && !gdk_pixbuf_loader_write (loader, buffer, (gsize) n, &decode_error))
        loader_active = FALSE;
      if ((!loader_active || probe.too_large) && !has_structure_check)
        break;
    }

  /* Closed even after a failed write: gdk-pixbuf complains about a loader finalized
   * open. The error of a decoder we stopped ourselves means nothing. */
  if (loader != NULL)
    {
      g_autoptr(GError) close_error = NULL;

      if (!gdk_pixbuf_loader_close (loader, &close_error) && decode_error == NULL)
        decode_error = g_steal_pointer (&close_error);
    }
  if (probe.too_large)
    g_clear_error (&decode_error);

  if (probe.got_size)
    {
      info->width = probe.width;
      info->height = probe.height;
    }

  if (info->format == DOSSIER_FORMAT_JPEG)
    broken = jpeg_check_finish (&jpeg_check);
  else if (info->format == DOSSIER_FORMAT_PNG)
    broken = png_check_finish (&png_check);

  if (decode_error != NULL)
    set_problem (info, DOSSIER_DOCUMENT_DAMAGED, g_strdup (decode_error->message));
  else if (broken != NULL)
    set_problem (info, DOSSIER_DOCUMENT_DAMAGED, g_strdup (broken));
  else if (loader != NULL && !probe.got_size)
    set_problem (info, DOSSIER_DOCUMENT_DAMAGED,
                 g_strdup ("no image header could be decoded"));
  else if (loader == NULL)
    info->detail = g_strdup_printf ("no %s decoder installed: the picture was not "
                                    "checked", formats[info->format].name);
  else if (probe.too_large)
    info->detail = g_strdup_printf (has_structure_check
                                    ? "%d × %d pixels: too large to decode, so only the "
                                      "file's structure was checked"
                                    : "%d × %d pixels: too large to decode, so not "
                                      "checked for damage",
                                    probe.width, probe.height);
  return TRUE;
}

/* Scaled to fit the page without distortion, whichever side of the picture meets the
 * page's edge first sets the scale; the higher of the two densities is that one. */
static double
dpi_on_a4 (int width,
           int height)
{
  double long_side = MAX (width, height);
  double short_side = MIN (width, height);

  if (width <= 0 || height <= 0)
    return 0.0;
  return MAX (long_side / A4_LONG_INCHES, short_side / A4_SHORT_INCHES);
}

/* --- Entry points ---------------------------------------------------------------- */

gboolean
dossier_document_inspect (const char           *path,
                          DossierDocumentInfo  *info,
                          GError              **error)
{
  guint8 head[SNIFF_BYTES];
  struct stat st;
  gssize head_length;
  int fd;
  gboolean ok = TRUE;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The caller's structure is overwritten, not cleared: a reused one must be cleared
   * first, as g_auto() does. */
  memset (info, 0, sizeof *info);

  fd = open_regular_file (path, &st, error);
  if (fd < 0)
    return FALSE;
  head_length = read_fully (fd, head, sizeof head);
  if (head_length < 0)
    {
      set_unreadable_error (error, path, errno);
      g_close (fd, NULL);
      return FALSE;
    }

  info->path = g_strdup (path);
  info->size = (goffset) st.st_size;
  info->format = sniff_format (head, (gsize) head_length);

  if (head_length == 0)
    info->problem = DOSSIER_DOCUMENT_EMPTY;
  else
    {
      switch (info->format)
        {
        case DOSSIER_FORMAT_PDF:
          inspect_pdf (path, info);
          break;
        case DOSSIER_FORMAT_JPEG:
        case DOSSIER_FORMAT_PNG:
        case DOSSIER_FORMAT_TIFF:
        case DOSSIER_FORMAT_GIF:
          info->pages = 1;
          ok = inspect_pixbuf_image (fd, path, info, error);
          break;
        case DOSSIER_FORMAT_WEBP:
          info->pages = 1;
          inspect_webp (head, (gsize) head_length, info);
          break;
        case DOSSIER_FORMAT_HEIC:
          /* Its size is deep in the item properties; the portal refuses HEIC anyway,
           * so the picture has to be converted whatever it holds. */
          info->pages = 1;
          break;
        case DOSSIER_FORMAT_ZIP:
          inspect_zip (path, head, (gsize) head_length, info);
          break;
        case DOSSIER_FORMAT_DOC:
          break;
        case DOSSIER_FORMAT_UNKNOWN:
          info->problem = DOSSIER_DOCUMENT_UNKNOWN_FORMAT;
          break;
        case DOSSIER_FORMAT_DOCX:
        case DOSSIER_N_FORMATS:
        default:
          g_assert_not_reached ();
        }
    }
  g_close (fd, NULL);

  if (!ok)
    {
      dossier_document_info_clear (info);
      return FALSE;
    }
  info->dpi_on_a4 = dpi_on_a4 (info->width, info->height);
  return TRUE;
}

void
dossier_document_info_clear (DossierDocumentInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->path, g_free);
  g_clear_pointer (&info->detail, g_free);
  memset (info, 0, sizeof *info);
}

const char *
dossier_file_format_to_string (DossierFileFormat format)
{
  g_return_val_if_fail (format < DOSSIER_N_FORMATS, formats[DOSSIER_FORMAT_UNKNOWN].name);

  return formats[format].name;
}

gboolean
dossier_file_format_from_string (const char        *name,
                                 DossierFileFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  /* The usual short spellings, as people write them in lists of accepted formats. */
  if (g_ascii_strcasecmp (name, "jpg") == 0)
    name = "jpeg";
  else if (g_ascii_strcasecmp (name, "tif") == 0)
    name = "tiff";

  /* "unknown" names no format a list could accept. */
  for (guint i = DOSSIER_FORMAT_UNKNOWN + 1; i < DOSSIER_N_FORMATS; i++)
    {
      if (g_ascii_strcasecmp (name, formats[i].name) == 0)
        {
          if (format != NULL)
            *format = (DossierFileFormat) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
dossier_file_format_extension (DossierFileFormat format)
{
  g_return_val_if_fail (format < DOSSIER_N_FORMATS, "");

  return formats[format].extension;
}

gboolean
dossier_file_format_is_compressed (DossierFileFormat format)
{
  g_return_val_if_fail (format < DOSSIER_N_FORMATS, FALSE);

  return formats[format].compressed;
}
