/* dossier-profile.h: one applicant's file (.dossier), its loading, checking and saving
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dossier-records.h"

G_BEGIN_DECLS

#define DOSSIER_PROFILE_ERROR (dossier_profile_error_quark ())

typedef enum
{
  DOSSIER_PROFILE_ERROR_IO,             /* cannot read or write the file */
  DOSSIER_PROFILE_ERROR_TOO_LARGE,      /* over DOSSIER_PROFILE_MAX_BYTES or too deep */
  DOSSIER_PROFILE_ERROR_HOSTILE,        /* DTD, entity declarations, external references */
  DOSSIER_PROFILE_ERROR_MALFORMED,      /* not well-formed XML, not UTF-8 */
  DOSSIER_PROFILE_ERROR_NEWER_FORMAT,   /* format-version from the future */
  DOSSIER_PROFILE_ERROR_INVALID,        /* schema violation or bad values */
} DossierProfileError;

/* Profiles are a few kilobytes; even a long work history with long duty texts stays far
 * below this, and anything bigger is refused before it is parsed. */
#define DOSSIER_PROFILE_MAX_BYTES (4 * 1024 * 1024)
#define DOSSIER_PROFILE_MAX_DEPTH 16

/* One problem in a profile, reported against the element that holds it. */
typedef struct
{
  char  *path;        /* "/dossier/work-history/job[2]/end" */
  guint  line;
  char  *value;       /* the offending value, or NULL */
  char  *message;     /* what is wrong and what would be valid */
} DossierProblem;

void dossier_problem_free (DossierProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierProblem, dossier_problem_free)

#define DOSSIER_TYPE_PROFILE (dossier_profile_get_type ())

G_DECLARE_FINAL_TYPE (DossierProfile, dossier_profile, DOSSIER, PROFILE, GObject)

GQuark                dossier_profile_error_quark   (void);

DossierProfile       *dossier_profile_new           (void);
DossierProfile       *dossier_profile_load          (const char      *filename,
                                                     GError         **error);
DossierProfile       *dossier_profile_load_from_data (const char     *data,
                                                     gsize            length,
                                                     const char      *display_name,
                                                     GError         **error);
/* A private copy from dossier_profile_to_data()'s text, for a worker thread: it has no
 * file name, so its documents' relative paths are made absolute against the folder of
 * @filename (the original's; the current folder if NULL). */
DossierProfile       *dossier_profile_load_detached (const char     *data,
                                                     gsize            length,
                                                     const char      *filename,
                                                     GError         **error);
gboolean              dossier_profile_save          (DossierProfile  *self,
                                                     const char      *filename,
                                                     GError         **error);
char                 *dossier_profile_to_data       (DossierProfile  *self,
                                                     gsize           *length) G_GNUC_WARN_UNUSED_RESULT;

const char           *dossier_profile_get_filename  (DossierProfile  *self);

/* The typed view, rebuilt lazily after a change. The pointer is valid until the next
 * change; dossier_profile_dup_records() gives a reference that outlives it (for a check
 * in a worker thread). */
const DossierRecords *dossier_profile_get_records   (DossierProfile  *self);
DossierRecords       *dossier_profile_dup_records   (DossierProfile  *self) G_GNUC_WARN_UNUSED_RESULT;

/* Problems found in the values (dates that do not exist, an end before a start, hours
 * over 168, scores outside the test's scale, unknown NOC codes...). A profile loads
 * even when it has some: the affected values are treated as not given. */
GPtrArray            *dossier_profile_get_problems  (DossierProfile  *self);

/* Field access by path, for editors: "applicant/given-names",
 * "applicant/passport/@expires", "work-history/job[@id='j1']/hours-per-week", and
 * the language of a free text, "work-history/job[@id='j1']/duties/@xml:lang".
 * Setting NULL removes the value. Emits ::changed. */
char                 *dossier_profile_get_value     (DossierProfile  *self,
                                                     const char      *path) G_GNUC_WARN_UNUSED_RESULT;
gboolean              dossier_profile_set_value     (DossierProfile  *self,
                                                     const char      *path,
                                                     const char      *value,
                                                     GError         **error);

G_END_DECLS
