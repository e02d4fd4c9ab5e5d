/* dossier-page-review.h: the wizard's "Review" step
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_REVIEW (dossier_page_review_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageReview, dossier_page_review, DOSSIER, PAGE_REVIEW, AdwBin)

G_END_DECLS
