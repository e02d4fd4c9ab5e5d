/* dossier-record-list.h: the records of one list of a profile ("training/course"), each an
 * expander of field rows, with Add and Remove
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dossier-field-row.h"
#include "dossier-profile.h"

G_BEGIN_DECLS

/* A field shown for every record. */
typedef struct
{
  const char       *path;    /* relative to the record: "name", "eca/@reference"; NULL ends */
  DossierInputKind  kind;
  const char       *title;   /* marked with N_(): translated when shown */
  const char       *hint;    /* marked with N_(), or NULL */
} DossierRecordField;

/* What the list shows of one record. The strings are new ones, which the list frees. */
typedef struct
{
  const char *id;            /* in the records; NULL (or with a ') finds it by position */
  char       *title;         /* its name, or what stands for it until it has one */
  char       *subtitle;      /* under the title, or NULL */
  char       *remove_label;  /* the accessible name of its Remove button */
} DossierRecordSummary;

/* Fills in summary for the record at position of the list in records; returns FALSE,
 * leaving it alone, when there are no more records. */
typedef gboolean (*DossierRecordDescribeFunc) (const DossierRecords *records,
                                               guint                 position,
                                               DossierRecordSummary *summary);

/* What a page gives for its list; static, as the list keeps a pointer to it. */
typedef struct
{
  const char               *list;       /* "training/course" */
  const char               *id_prefix;  /* "t": new records get "t1", "t2"… */
  const DossierRecordField *fields;
  DossierRecordDescribeFunc describe;
} DossierRecordKind;

#define DOSSIER_TYPE_RECORD_LIST (dossier_record_list_get_type ())

G_DECLARE_FINAL_TYPE (DossierRecordList, dossier_record_list, DOSSIER, RECORD_LIST,
                      AdwPreferencesGroup)

/* The texts of the list (the Add button, the row shown when there are no records, the
 * Remove row and question) are properties, set in the page's .ui file. */
void            dossier_record_list_set_kind    (DossierRecordList       *self,
                                                 const DossierRecordKind *kind);
DossierProfile *dossier_record_list_get_profile (DossierRecordList       *self);
void            dossier_record_list_set_profile (DossierRecordList       *self,
                                                 DossierProfile          *profile);
/* Adds an empty record, opens it and focuses its first field: the Add button. */
void            dossier_record_list_add_record  (DossierRecordList       *self);

G_END_DECLS
