/* dossier-fit.h: making a portal upload slot's files fit: one file, accepted format,
 * under the size limit
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DOSSIER_FIT_ERROR (dossier_fit_error_quark ())

typedef enum
{
  DOSSIER_FIT_ERROR_INPUT,        /* an input is unreadable, damaged, encrypted or unsupported */
  DOSSIER_FIT_ERROR_TOO_LARGE,    /* cannot get under the limit without going below min_dpi */
  DOSSIER_FIT_ERROR_WRITE,        /* cannot write the output */
} DossierFitError;

typedef enum
{
  DOSSIER_PAGE_A4,
  DOSSIER_PAGE_LETTER,
} DossierPageSize;

/* The resolution under which a page is no longer reliably readable by an officer. */
#define DOSSIER_FIT_MIN_DPI 150.0

GQuark    dossier_fit_error_quark   (void);

/* Several photos or scans of one document become one PDF, one page per image in the
 * given order, each scaled to fit the page (portrait or landscape as the image is).
 * JPEG data is embedded as it is (no re-encoding) unless max_dpi > 0 asks to downscale. */
gboolean  dossier_fit_images_to_pdf (const char * const  *images,
                                     DossierPageSize      page_size,
                                     double               max_dpi,
                                     int                  jpeg_quality,
                                     const char          *out_pdf,
                                     GError             **error);

/* Several PDFs become one, pages in order, losslessly (qpdf). */
gboolean  dossier_fit_merge_pdfs    (const char * const  *pdfs,
                                     const char          *out_pdf,
                                     GError             **error);

/* The whole job for one slot: any mix of images and PDFs, in order, becomes one file at
 * out_path of at most max_bytes. A single file that already fits is copied unchanged.
 * Images are downscaled and re-encoded step by step, never below DOSSIER_FIT_MIN_DPI on
 * the page; when even that is too big, fails with TOO_LARGE and says by how much.
 * Never modifies the inputs; out_path is written atomically. Output is deterministic:
 * the same inputs give the same bytes. out_description, if not NULL, receives what was
 * done, in English ("3 images combined into one 3-page PDF at 200 dpi"). */
gboolean  dossier_fit_slot          (const char * const  *files,
                                     goffset              max_bytes,
                                     DossierPageSize      page_size,
                                     const char          *out_path,
                                     char               **out_description,
                                     GError             **error);

G_END_DECLS
