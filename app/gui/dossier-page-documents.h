/* dossier-page-documents.h: the wizard's "Documents" step
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_DOCUMENTS (dossier_page_documents_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageDocuments, dossier_page_documents, DOSSIER, PAGE_DOCUMENTS, AdwBin)

G_END_DECLS
