/* dossier-noc-picker.h: a popover that searches NOC 2021 codes and titles, the chosen
 * program's occupations first
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_NOC_PICKER (dossier_noc_picker_get_type ())

G_DECLARE_FINAL_TYPE (DossierNocPicker, dossier_noc_picker, DOSSIER, NOC_PICKER, GtkPopover)

GtkWidget          *dossier_noc_picker_new                 (void);
/* The codes that count for the program, shown first and marked so. */
void                dossier_noc_picker_set_preferred_codes (DossierNocPicker   *self,
                                                            const char * const *codes);
const char * const *dossier_noc_picker_get_preferred_codes (DossierNocPicker   *self);
void                dossier_noc_picker_set_query           (DossierNocPicker   *self,
                                                            const char         *query);
/* The codes shown for the current query, in order (for tests). */
GStrv               dossier_noc_picker_dup_shown_codes     (DossierNocPicker   *self) G_GNUC_WARN_UNUSED_RESULT;
/* Emits ::chosen as a click on the row would. */
void                dossier_noc_picker_choose              (DossierNocPicker   *self,
                                                            const char         *code);

/* The codes whose work experience counts for a program (its pack id; NULL means the
 * Home Child Care Worker pilot's). */
const char * const *dossier_noc_picker_codes_for_program   (const char         *program);

G_END_DECLS
