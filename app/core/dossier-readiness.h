/* dossier-readiness.h: is the application ready to submit? Eligibility, and every
 * document slot of the checklist with its files, checks and validity dates
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dossier-checklist.h"
#include "dossier-evaluation.h"
#include "dossier-profile.h"

G_BEGIN_DECLS

typedef enum
{
  DOSSIER_SLOT_NOT_NEEDED,     /* its condition fails */
  DOSSIER_SLOT_MAYBE,          /* its condition is unknown: the user must say */
  DOSSIER_SLOT_RECOMMENDED,    /* required="false" */
  DOSSIER_SLOT_REQUIRED,
} DossierSlotNeed;

typedef enum
{
  DOSSIER_SLOT_EMPTY,          /* no file attached */
  DOSSIER_SLOT_READY,          /* one accepted file under the limit */
  DOSSIER_SLOT_TO_FIT,         /* fine, but several files or too big: packaging fits them */
  DOSSIER_SLOT_PROBLEM,        /* a file is missing, unreadable, damaged, encrypted, refused, or expired */
} DossierSlotState;

typedef struct
{
  const DossierSlot  *slot;
  char               *instance;           /* job id, credential id, country code, or NULL */
  char               *label[DOSSIER_N_LANGS];
  DossierSlotNeed     need;
  DossierSlotState    state;
  GPtrArray          *files;              /* DossierDocumentInfo *, in order */
  goffset             total_bytes;
  goffset             max_bytes;
  guint               formats;
  DossierDay          valid_until;        /* last valid day, DOSSIER_DAY_UNKNOWN if not dated */
  gboolean            expired;
  gboolean            expiring_soon;      /* valid_until within 30 days after the as-of date */
  GPtrArray          *problems;           /* DossierNote */
  guint               number;             /* upload number, 1-based, among slots with files */
} DossierSlotStatus;

typedef struct
{
  DossierEvaluation          *evaluation;
  const DossierPortalLimits  *limits;
  GPtrArray                  *slots;      /* DossierSlotStatus, in checklist order */
  gboolean                    ready;
  GPtrArray                  *reasons;    /* DossierNote: why it is not ready */
  GPtrArray                  *warnings;   /* DossierNote: expiring soon, maybe-needed slots */
} DossierReadiness;

#define DOSSIER_EXPIRY_WARNING_DAYS 30

/* Judges the profile's eligibility and documents on as_of. Attached files are found
 * relative to the profile's folder (or absolute) and inspected, never modified. */
DossierReadiness *dossier_readiness_new  (DossierPack      *pack,
                                          DossierProfile   *profile,
                                          DossierDay        as_of,
                                          GError          **error);
void              dossier_readiness_free (DossierReadiness *readiness);

/* The text part of the readiness report: verdict, rules, slots, what is missing, dates. */
void              dossier_readiness_append_text (GString          *out,
                                                 DossierReadiness *readiness,
                                                 const char       *profile_name,
                                                 const char       *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierReadiness, dossier_readiness_free)

G_END_DECLS
