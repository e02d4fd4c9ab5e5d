/* dossier-pack-private.h: the parsed form of a rule pack, shared by the loader and the
 * evaluator
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "dossier-pack.h"
#include "dossier-records.h"

G_BEGIN_DECLS

typedef enum
{
  DOSSIER_OUTCOME_UNKNOWN,
  DOSSIER_OUTCOME_PASS,
  DOSSIER_OUTCOME_FAIL,
  DOSSIER_N_OUTCOMES
} DossierOutcome;

typedef enum
{
  DOSSIER_LANG_EN,
  DOSSIER_LANG_FR,
  DOSSIER_N_LANGS
} DossierLang;

struct _DossierSource
{
  char *id;
  char *grade;
  char *url;
  char *title;
  char *seen;
};

typedef enum
{
  FIELD_TEXT,
  FIELD_DAY,
  FIELD_NUMBER,
  FIELD_ANSWER,
} DossierFieldType;

/* A scalar of the profile that generic predicates can read; see dossier-evaluation.c. */
typedef struct
{
  const char       *name;       /* "offer.hours-per-week" */
  DossierFieldType  type;
  const char       *path;       /* where it is in a profile: "/dossier/job-offer/hours-per-week" */
  const char       *title_en;
  const char       *title_fr;
} DossierField;

typedef enum
{
  PRED_ALL,
  PRED_ANY,
  PRED_NONE,
  PRED_COMPARE,
  PRED_IN,
  PRED_NOT_IN,
  PRED_IS,
  PRED_DATE,
  PRED_AGE,
  PRED_LANGUAGE,
  PRED_CREDENTIAL,
  PRED_EXPERIENCE,
  PRED_TRAINING,
  PRED_UNDETERMINED,
} DossierPredicateKind;

typedef enum
{
  OP_GE,
  OP_GT,
  OP_LE,
  OP_LT,
  OP_EQ,
  OP_NE,
} DossierCompareOp;

typedef struct _DossierPredicate DossierPredicate;

struct _DossierPredicate
{
  DossierPredicateKind  kind;
  const char           *element;       /* its element name, for messages */
  guint                 line;
  char                 *name;          /* placeholder prefix */
  char                 *unverified[DOSSIER_N_LANGS];
  char                **sources;

  /* Generic predicates. */
  const DossierField   *field;
  const DossierField   *to_field;
  DossierCompareOp      op;
  double                number;
  char                **values;
  gboolean              boolean;
  gboolean              ref_as_of;
  DossierDay            ref_day;
  DossierPeriod         offset;
  int                   offset_sign;

  /* Domain predicates. */
  int                   min_level;     /* language */
  DossierPeriod         max_age;       /* language, credential (ECA) */
  char                **tests;
  char                 *lang;
  int                   min_credential;
  char                **eca_organizations;
  char                **nocs;          /* experience */
  char                **settings;
  int                   min_months;    /* experience, training */
  DossierPeriod         window;
  double                min_hours;
  gboolean              continuous;
  int                   min_age;
  gboolean              canadian_only;
  gboolean              authorized;
  gboolean              exclude_students;
  gboolean              combine_nocs;
  DossierAnswer         in_person;

  GPtrArray            *children;      /* DossierPredicate */
};

typedef struct
{
  DossierDay         from;            /* DOSSIER_DAY_UNKNOWN = since always */
  DossierDay         until;           /* excluded; DOSSIER_DAY_UNKNOWN = open-ended */
  char             **sources;
  DossierPredicate  *predicate;
  char              *messages[DOSSIER_N_OUTCOMES][DOSSIER_N_LANGS];
  guint              line;
} DossierRuleVersion;

typedef struct
{
  char      *id;
  char      *kind;
  char      *titles[DOSSIER_N_LANGS];
  GPtrArray *versions;                /* DossierRuleVersion, sorted by from */
} DossierRule;

typedef struct
{
  GDateTime           *from;          /* NULL = since always */
  GDateTime           *until;         /* NULL = open-ended */
  DossierProgramState  state;
  char               **sources;
  char                *notes[DOSSIER_N_LANGS];
} DossierStatusPeriod;

typedef struct
{
  char    *category;
  char    *channel;
  gint64   value;
  char    *source;
  char    *unverified;
} DossierCap;

typedef struct
{
  char      *id;
  GDateTime *opens;
  GDateTime *closes;
  char      *zone;
  char     **sources;
  GPtrArray *caps;                    /* DossierCap */
} DossierIntake;

typedef struct
{
  char       *id;
  DossierDay  designated;
  char       *scope;
  char       *titles[DOSSIER_N_LANGS];
} DossierEcaBody;

/* data/education/eca-bodies.xml, loaded once per process; NULL (with error) if unusable. */
GPtrArray            *dossier_eca_bodies_get (GError    **error);
const DossierEcaBody *dossier_eca_body_find  (GPtrArray  *bodies,
                                              const char *id);

struct _DossierPack
{
  GObject     parent_instance;

  char       *filename;
  char       *id;
  char       *revision;
  char       *titles[DOSSIER_N_LANGS];
  GTimeZone  *zone;
  GHashTable *sources;                /* id → DossierSource */
  GPtrArray  *status;                 /* DossierStatusPeriod */
  GPtrArray  *intakes;                /* DossierIntake */
  GPtrArray  *rules;                  /* DossierRule */
  char       *checklist_limits;       /* id in data/documents/portal-limits.xml */
  GPtrArray  *slots;                  /* DossierSlot, in upload order */
};

void                dossier_predicate_free (DossierPredicate *predicate);
const DossierField *dossier_field_lookup  (const char *name);
const DossierField *dossier_fields        (guint      *n_fields);

/* The placeholders a predicate sets, for lint. */
void                dossier_predicate_collect_placeholders (const DossierPredicate *predicate,
                                                            GHashTable             *names);

const char         *dossier_lang_code     (DossierLang lang);
/* Position of an education level ("bachelor") in increasing order, -1 if unknown. */
int                 dossier_credential_level_rank (const char *level);
const char         *dossier_credential_level_name (int         rank);
const char         *dossier_outcome_to_string (DossierOutcome outcome);

const DossierSource *dossier_pack_get_source (DossierPack *self,
                                              const char  *id);

G_END_DECLS
