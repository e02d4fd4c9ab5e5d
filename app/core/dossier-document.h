/* dossier-document.h: what a file really is, judged by its content
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DOSSIER_DOCUMENT_ERROR (dossier_document_error_quark ())

typedef enum
{
  DOSSIER_DOCUMENT_ERROR_UNREADABLE,   /* missing, a folder, no permission */
} DossierDocumentError;

/* Formats are recognised by their first bytes (magic numbers), never by the name. */
typedef enum
{
  DOSSIER_FORMAT_UNKNOWN,
  DOSSIER_FORMAT_PDF,
  DOSSIER_FORMAT_JPEG,
  DOSSIER_FORMAT_PNG,
  DOSSIER_FORMAT_TIFF,
  DOSSIER_FORMAT_DOC,        /* OLE2 compound file (Word 97-2003) */
  DOSSIER_FORMAT_DOCX,       /* a ZIP holding word/document.xml */
  DOSSIER_FORMAT_GIF,
  DOSSIER_FORMAT_WEBP,
  DOSSIER_FORMAT_HEIC,       /* phones' default photo format: not accepted by the portal */
  DOSSIER_FORMAT_ZIP,        /* any other ZIP */
  DOSSIER_N_FORMATS
} DossierFileFormat;

/* Why a file cannot be uploaded as it is. */
typedef enum
{
  DOSSIER_DOCUMENT_OK,
  DOSSIER_DOCUMENT_EMPTY,
  DOSSIER_DOCUMENT_UNKNOWN_FORMAT,
  DOSSIER_DOCUMENT_ENCRYPTED,    /* a PDF with a password or encryption: the portal rejects it */
  DOSSIER_DOCUMENT_DAMAGED,      /* cannot be parsed as the format it claims */
} DossierDocumentProblem;

typedef struct
{
  char                   *path;
  DossierFileFormat       format;
  goffset                 size;
  DossierDocumentProblem  problem;
  char                   *detail;       /* English, technical: what the parser said, or NULL */

  int                     pages;        /* PDF pages; 1 for an image; 0 when unknown */
  int                     width;        /* images: pixels */
  int                     height;
  /* Images: the resolution the picture would have on paper if it filled an A4 page
   * (210 × 297 mm) with its longer side on the longer side of the page. */
  double                  dpi_on_a4;
} DossierDocumentInfo;

GQuark       dossier_document_error_quark     (void);

/* Reads the file's content to judge it; never modifies it. Returns FALSE only when the
 * file cannot be read at all; a damaged or encrypted file is a successful inspection
 * with info->problem set. */
gboolean     dossier_document_inspect         (const char           *path,
                                               DossierDocumentInfo  *info,
                                               GError              **error);
void         dossier_document_info_clear      (DossierDocumentInfo  *info);

/* "pdf", "jpeg", "png", ... as in the checklists' format lists. */
const char  *dossier_file_format_to_string    (DossierFileFormat     format);
gboolean     dossier_file_format_from_string  (const char           *name,
                                               DossierFileFormat    *format);
/* The extension a package entry gets: ".pdf", ".jpg", ".png", ".tiff", ".doc", ".docx". */
const char  *dossier_file_format_extension    (DossierFileFormat     format);
/* Already compressed formats are stored in archives rather than deflated. */
gboolean     dossier_file_format_is_compressed (DossierFileFormat    format);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DossierDocumentInfo, dossier_document_info_clear)

G_END_DECLS
