/* dossier-page-language.h: the wizard's "Language" step
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_LANGUAGE (dossier_page_language_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageLanguage, dossier_page_language, DOSSIER, PAGE_LANGUAGE, AdwBin)

G_END_DECLS
