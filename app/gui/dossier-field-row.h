/* dossier-field-row.h: a row that edits one field of a profile, with its problem beside it
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-profile.h"

G_BEGIN_DECLS

/* What a field holds, which decides the control that edits it. The choice kinds show a
 * list of translated labels and write the format's token. */
typedef enum
{
  DOSSIER_INPUT_TEXT,
  DOSSIER_INPUT_DATE,
  DOSSIER_INPUT_NUMBER,
  DOSSIER_INPUT_MONEY,
  DOSSIER_INPUT_EMAIL,
  DOSSIER_INPUT_PHONE,
  DOSSIER_INPUT_COUNTRY,
  DOSSIER_INPUT_NOC,
  DOSSIER_INPUT_TOKENS,
  /* Choices. */
  DOSSIER_INPUT_PROVINCE,
  DOSSIER_INPUT_STATUS_KIND,
  DOSSIER_INPUT_PERMIT,
  DOSSIER_INPUT_EMPLOYER_KIND,
  DOSSIER_INPUT_SETTING,
  DOSSIER_INPUT_YES_NO,
  DOSSIER_INPUT_EDUCATION_LEVEL,
  DOSSIER_INPUT_ECA_ORGANIZATION,
  DOSSIER_INPUT_LANGUAGE_TEST,
  DOSSIER_INPUT_TEF_SCALE,
  DOSSIER_INPUT_CHOICE,              /* the tokens given by dossier_field_row_set_choices() */
} DossierInputKind;

#define DOSSIER_TYPE_INPUT_KIND (dossier_input_kind_get_type ())
GType dossier_input_kind_get_type (void) G_GNUC_CONST;

#define DOSSIER_TYPE_FIELD_ROW (dossier_field_row_get_type ())

G_DECLARE_FINAL_TYPE (DossierFieldRow, dossier_field_row, DOSSIER, FIELD_ROW, AdwActionRow)

/* The row implements GtkEditable: its text is the field's value as typed (for a choice,
 * the token). Every change is written to the profile at once; the problem the profile
 * finds with the value is shown under the title and given as the accessible
 * description. */
GtkWidget        *dossier_field_row_new          (DossierInputKind    kind,
                                                  const char         *title,
                                                  const char         *path);

DossierProfile   *dossier_field_row_get_profile  (DossierFieldRow    *self);
void              dossier_field_row_set_profile  (DossierFieldRow    *self,
                                                  DossierProfile     *profile);
const char       *dossier_field_row_get_path     (DossierFieldRow    *self);
void              dossier_field_row_set_path     (DossierFieldRow    *self,
                                                  const char         *path);
DossierInputKind  dossier_field_row_get_input_kind (DossierFieldRow  *self);
const char       *dossier_field_row_get_hint     (DossierFieldRow    *self);
void              dossier_field_row_set_hint     (DossierFieldRow    *self,
                                                  const char         *hint);
/* The message shown for the value, or NULL when the value is fine. */
const char       *dossier_field_row_get_problem  (DossierFieldRow    *self);
/* For DOSSIER_INPUT_CHOICE: the tokens and their (translated) labels, NULL-terminated. */
void              dossier_field_row_set_choices  (DossierFieldRow    *self,
                                                  const char * const *tokens,
                                                  const char * const *labels);

/* The path as problems and evaluations report it, with positions instead of ids:
 * "training/course[@id='t1']/end" → "/dossier/training/course[2]/end". */
G_GNUC_WARN_UNUSED_RESULT
char             *dossier_field_row_dup_absolute_path (DossierFieldRow *self);
G_GNUC_WARN_UNUSED_RESULT
char             *dossier_profile_path_to_absolute (DossierProfile   *profile,
                                                    const char       *path);

/* Records of a list ("training/course", "education/credential"). Adding makes an empty
 * record with a new id (the prefix and a number: "t2") and returns the id; removing
 * takes the record away with everything in it that Dossier knows, and fails (keeping
 * it) if it holds anything else. */
G_GNUC_WARN_UNUSED_RESULT
char             *dossier_profile_add_record     (DossierProfile     *profile,
                                                  const char         *list,
                                                  const char         *id_prefix,
                                                  GError            **error);
gboolean          dossier_profile_remove_record  (DossierProfile     *profile,
                                                  const char         *record_path,
                                                  const char * const *fields,
                                                  GError            **error);

/* Helpers for pages made of field rows. */
void              dossier_field_rows_bind        (GtkWidget          *root,
                                                  DossierProfile     *profile);
DossierFieldRow  *dossier_field_rows_find        (GtkWidget          *root,
                                                  const char         *absolute_path);
gboolean          dossier_field_rows_focus_first (GtkWidget          *root);
/* Opens the expander rows around row, scrolls to it and focuses its control. */
gboolean          dossier_field_row_reveal       (DossierFieldRow    *self);

G_END_DECLS
