/* dossier-page-program.h: the wizard's "Program" step, where the program is chosen
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PAGE_PROGRAM (dossier_page_program_get_type ())

G_DECLARE_FINAL_TYPE (DossierPageProgram, dossier_page_program, DOSSIER, PAGE_PROGRAM, AdwBin)

/* Properties: "profile" (DossierProfile), and "as-of" (guint, a DossierDay): the day the
 * programs' status is shown for. Choosing a program writes <program id="…"/>. */

G_END_DECLS
