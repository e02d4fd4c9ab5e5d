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

/* A text copied from its sources (or this project's own, see the sources' grades). One
 * that no source gives verbatim is not verified, and its note says what it rests on. */
typedef struct
{
  char      *text;                 /* whitespace collapsed */
  char     **sources;              /* source ids */
  gboolean   verified;
  char      *note;                 /* or NULL */
} DossierNocText;

/* One key of a duty's matching data: the duty's words and this project's synonyms
 * ("bathe", "bath", "shower"); a term may have several words ("change diapers"). */
typedef struct
{
  char     **terms;
  gboolean   core;
} DossierNocKey;

/* How a description in one language is matched against a duty (dossier-duties.c):
 * it covers the duty when at least need keys match, one of them core if any is. */
typedef struct
{
  guint       need;                /* 0: half of the keys, rounded up */
  GPtrArray  *keys;                /* DossierNocKey */
} DossierNocMatch;

/* Texts and matches are indexed by language: 0 English, 1 French (either may be NULL
 * but the English text). */
typedef struct
{
  char            *id;             /* "bathe-dress-feed", unique within its list */
  DossierNocText  *texts[2];
  DossierNocMatch *matches[2];
} DossierNocDuty;

/* One list of main duties as its source gives it: a unit group whose occupations have
 * lists of their own (44100.01 and .02) has one each, with a title. An incomplete list
 * (the source was cut off) says so in its note. */
typedef struct
{
  char            *occupation;     /* "44100.01", or NULL */
  DossierNocText  *titles[2];      /* NULL for a unit group's only list */
  DossierNocText  *heading;        /* "This group performs some or all of…", or NULL */
  gboolean         complete;
  char            *note;
  GPtrArray       *duties;         /* DossierNocDuty */
} DossierNocDutyList;

/* One unit group. Titles are indexed by language: 0 English, 1 French; the French one
 * may be NULL. A title that no source gives verbatim is not verified, and its note
 * says what it rests on. */
typedef struct
{
  char       *code;                /* "44100" */
  int         teer;
  char       *noc_2016;            /* "4411", or NULL */
  char       *titles[2];
  gboolean    verified[2];
  char       *notes[2];
  char      **sources[2];          /* source ids of each title */
  GPtrArray  *lead_statements[2];  /* DossierNocText, best first; empty for most groups */
  GPtrArray  *duty_lists;          /* DossierNocDutyList; empty for most groups */
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
/* A source's grade ("official", "official-2016", "government", "third-party",
 * "project"), by id, or NULL. */
const char       *dossier_noc_table_get_source_grade (DossierNocTable *table,
                                                      const char      *id);
/* A source's address, by id, or NULL. */
const char       *dossier_noc_table_get_source_url (DossierNocTable *table,
                                                    const char      *id);

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
/* The first lead statement in lang ("en" or "fr"), else the first English one, or
 * NULL when the data has none. */
const DossierNocText *dossier_noc_get_lead_statement (const DossierNoc *noc,
                                                      const char       *lang);
/* The text in lang ("en" or "fr") of a pair indexed by language, falling back to the
 * English one (which may be NULL). */
const DossierNocText *dossier_noc_text_pick    (DossierNocText * const *texts,
                                                const char             *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierNocTable, dossier_noc_table_free)

G_END_DECLS
