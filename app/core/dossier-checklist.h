/* dossier-checklist.h: a program's document slots, and the portal limits they share
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dossier-document.h"
#include "dossier-pack-private.h"

G_BEGIN_DECLS

typedef enum
{
  DOSSIER_SLOT_PER_NONE,
  DOSSIER_SLOT_PER_JOB,
  DOSSIER_SLOT_PER_CREDENTIAL,
  DOSSIER_SLOT_PER_COUNTRY,
} DossierSlotPer;

typedef enum
{
  DOSSIER_VALIDITY_NONE,
  DOSSIER_VALIDITY_PASSPORT_EXPIRES,
  DOSSIER_VALIDITY_STATUS_EXPIRES,
  DOSSIER_VALIDITY_LANGUAGE_TEST_DATE,
  DOSSIER_VALIDITY_ECA_ISSUED,
  DOSSIER_VALIDITY_DOCUMENT_ISSUED,
} DossierValidityFrom;

typedef struct
{
  char                *id;
  char                *kind;
  gboolean             required;
  DossierSlotPer       per;
  guint                formats;          /* bit (1 << DossierFileFormat); 0 = the limits' */
  goffset              max_bytes;        /* 0 = the limits' */
  char               **sources;
  char                *unverified[DOSSIER_N_LANGS];
  char                *titles[DOSSIER_N_LANGS];
  char                *help[DOSSIER_N_LANGS];
  DossierPredicate    *when;             /* NULL = always */
  DossierValidityFrom  validity_from;
  DossierPeriod        validity_period;
  char                *validity_unverified[DOSSIER_N_LANGS];
  guint                position;         /* 1-based, in the pack's order */
  guint                line;
} DossierSlot;

typedef struct
{
  char      *id;
  goffset    max_bytes;
  guint      formats;
  char     **sources;
  char      *unverified[DOSSIER_N_LANGS];
} DossierPortalLimits;

/* data/documents/portal-limits.xml, loaded once per process. */
const DossierPortalLimits *dossier_portal_limits_find   (const char            *id,
                                                        GError               **error);
const DossierSource       *dossier_portal_limits_source (const char            *id);

guint                      dossier_slot_get_formats     (const DossierSlot         *slot,
                                                        const DossierPortalLimits *limits);
goffset                    dossier_slot_get_max_bytes   (const DossierSlot         *slot,
                                                        const DossierPortalLimits *limits);

void                       dossier_slot_free            (DossierSlot           *slot);

G_END_DECLS
