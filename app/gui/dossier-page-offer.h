/* dossier-page-offer.h: the wizard's "Offer" step
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_OFFER (dossier_page_offer_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageOffer, dossier_page_offer, DOSSIER, PAGE_OFFER, AdwBin)

G_END_DECLS
