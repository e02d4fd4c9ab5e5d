/* dossier-page-review.h: the wizard's "Review" step: the verdict and every rule
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-evaluation.h"
#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_REVIEW (dossier_page_review_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageReview, dossier_page_review, DOSSIER, PAGE_REVIEW, AdwBin)

/* The evaluation stays the caller's; it must stay valid until the next call. Each
 * problem's button activates wizard.focus-field (a path) or wizard.open-step (a step). */
void dossier_page_review_set_evaluation (DossierPageReview       *self,
                                         const DossierEvaluation *evaluation);

G_END_DECLS
