/* dossier-records.h: the typed view of an applicant profile
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dossier-date.h"

G_BEGIN_DECLS

/* A yes/no answer the applicant may not have given yet. */
typedef enum
{
  DOSSIER_ANSWER_UNSET = -1,
  DOSSIER_ANSWER_NO    = 0,
  DOSSIER_ANSWER_YES   = 1,
} DossierAnswer;

/* Where a value came from, so that every message can point at it. */
typedef struct
{
  const char *path;   /* "/dossier/work-history/job[2]/start", owned by the facts */
  guint       line;
} DossierOrigin;

typedef enum
{
  DOSSIER_ABILITY_READING,
  DOSSIER_ABILITY_WRITING,
  DOSSIER_ABILITY_LISTENING,
  DOSSIER_ABILITY_SPEAKING,
  DOSSIER_N_ABILITIES
} DossierAbility;

typedef struct
{
  char          *id;
  char          *employer;
  char          *title;
  char          *noc;
  char          *country;
  char          *province;
  char          *setting;
  DossierDay     start;
  DossierDay     end;               /* DOSSIER_DAY_UNKNOWN with ongoing = current job */
  gboolean       ongoing;
  double         hours_per_week;    /* NAN when not given */
  DossierAnswer  authorized;
  DossierAnswer  full_time_student;
  char          *duties;
  char          *duties_lang;
  DossierOrigin  origin;
} DossierJob;

typedef struct
{
  char          *id;
  char          *name;
  char          *institution;
  char          *country;
  DossierDay     start;
  DossierDay     end;
  double         hours_per_week;
  DossierAnswer  in_person;
  char          *credential;
  DossierOrigin  origin;
} DossierCourse;

typedef struct
{
  char          *id;
  char          *kind;              /* celpip-g, ielts-gt, ... or any string */
  char          *scale;             /* TEF Canada: "2023" or "original" */
  DossierDay     date;
  char          *registration;
  double         scores[DOSSIER_N_ABILITIES];   /* NAN when not given */
  DossierOrigin  origin;
} DossierLanguageTest;

typedef struct
{
  char          *id;
  char          *level;
  char          *country;
  DossierDay     completed;
  char          *name;
  gboolean       has_eca;
  char          *eca_organization;
  char          *eca_reference;
  DossierDay     eca_issued;
  char          *eca_equivalent;
  DossierOrigin  origin;
} DossierCredential;

typedef struct
{
  gboolean       present;
  char          *employer;
  char          *employer_kind;
  char          *noc;
  char          *province;
  char          *setting;
  double         hours_per_week;
  double         hourly_wage;
  double         median_hourly_wage;
  char          *median_source;
  DossierAnswer  permanent;
  DossierAnswer  seasonal;
  DossierDay     start;
  DossierOrigin  origin;
} DossierJobOffer;

typedef struct
{
  char          *kind;
  char          *file;
  char          *job;
  char          *country;
  char          *credential;        /* format 1.1: the credential an ECA report is for */
  DossierDay     issued;            /* format 1.1 */
  char          *lang;              /* format 1.1: "en", "fr" or another language */
  DossierOrigin  origin;
} DossierDocument;

typedef struct
{
  char          *family_name;
  char          *given_names;
  DossierDay     birth_date;
  char          *citizenship;
  char          *email;
  char          *phone;

  char          *passport_number;
  char          *passport_country;
  DossierDay     passport_issued;
  DossierDay     passport_expires;

  char          *residence_country;
  char          *residence_province;
  DossierDay     residence_since;
  char          *intended_province;

  char          *status_kind;
  char          *status_permit;
  char          *status_province;
  DossierDay     status_issued;
  DossierDay     status_expires;

  DossierDay     first_entry;
} DossierApplicant;

/* The whole typed view. Immutable once built, so that it can be handed to a worker
 * thread while the user goes on typing. */
typedef struct
{
  DossierApplicant  applicant;
  GPtrArray        *jobs;            /* DossierJob */
  GPtrArray        *courses;         /* DossierCourse */
  GPtrArray        *language_tests;  /* DossierLanguageTest */
  GPtrArray        *credentials;     /* DossierCredential */
  DossierJobOffer   offer;
  GPtrArray        *documents;       /* DossierDocument */
  char             *program;         /* format 1.1: <program id="…"/>, the pack chosen */
  GStringChunk     *strings;         /* backs every char * above */
} DossierRecords;

DossierRecords *dossier_records_new   (void);
DossierRecords *dossier_records_ref   (DossierRecords *records);
void            dossier_records_unref (DossierRecords *records);
/* The same as dossier_records_unref(). */
void            dossier_records_free  (DossierRecords *records);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierRecords, dossier_records_unref)

G_END_DECLS
