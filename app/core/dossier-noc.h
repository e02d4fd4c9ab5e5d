/* dossier-noc.h: the NOC 2021 unit groups the work history offers (data/noc/noc.xml)
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DOSSIER_NOC_ERROR (dossier_noc_error_quark ())

typedef enum
{
  DOSSIER_NOC_ERROR_INVALID,       /* the file breaks its schema or repeats a code */
} DossierNocError;

/* One unit group. Titles are indexed by language: 0 English, 1 French; the French one
 * may be NULL. A title that no source gives verbatim is not verified, and its note
 * says what it rests on. */
typedef struct
{
  char     *code;                  /* "44100" */
  int       teer;
  char     *noc_2016;              /* "4411", or NULL */
  char     *titles[2];
  gboolean  verified[2];
  char     *notes[2];
  char    **sources[2];            /* source ids of each title */
} DossierNoc;

typedef struct _DossierNocTable DossierNocTable;

GQuark            dossier_noc_error_quark      (void);

DossierNocTable  *dossier_noc_table_load       (const char       *filename,
                                                GError          **error);
/* The table from the data folder, loaded once per process and shared between threads. */
DossierNocTable  *dossier_noc_table_get_default (GError         **error);
void              dossier_noc_table_free       (DossierNocTable  *table);

guint             dossier_noc_table_get_n_items (DossierNocTable *table);
const DossierNoc *dossier_noc_table_get_item   (DossierNocTable  *table,
                                                guint             position);
const DossierNoc *dossier_noc_table_find       (DossierNocTable  *table,
                                                const char       *code);
/* A source's description, by id, or NULL. */
const char       *dossier_noc_table_get_source (DossierNocTable  *table,
                                                const char       *id);

/* The unit groups whose code starts with query, or whose English or French title has
 * words starting with query's words (case and accents ignored); all of them for an
 * empty query. The codes in first (NULL-terminated, may be NULL) come first, in that
 * order, then the rest by code. Returns (element-type DossierNoc) (transfer container). */
GPtrArray        *dossier_noc_table_search     (DossierNocTable    *table,
                                                const char         *query,
                                                const char * const *first) G_GNUC_WARN_UNUSED_RESULT;

/* "en" or "fr"; the French title falls back to the English one. */
const char       *dossier_noc_get_title        (const DossierNoc *noc,
                                                const char       *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierNocTable, dossier_noc_table_free)

G_END_DECLS
