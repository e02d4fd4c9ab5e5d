/* dossier-client.h: one client of the start screen, a .dossier file and its summary
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dossier-date.h"
#include "dossier-evaluation.h"

G_BEGIN_DECLS

/* How far along reading a client's summary is. */
typedef enum
{
  DOSSIER_CLIENT_PENDING,     /* listed, summary not read yet */
  DOSSIER_CLIENT_LOADED,      /* summary read */
  DOSSIER_CLIENT_DAMAGED,     /* the file does not load: see the error message */
} DossierClientStatus;

/* Which day a client's readiness is judged on when nobody says: the program's next known
 * intake opening (else today), or today. */
typedef enum
{
  DOSSIER_AS_OF_NEXT_OPENING,
  DOSSIER_AS_OF_TODAY,
} DossierAsOfRule;

/* No verdict: the summary is not read yet, the file is damaged, or no program is chosen. */
#define DOSSIER_CLIENT_NO_VERDICT (-1)

#define DOSSIER_TYPE_CLIENT_STATUS (dossier_client_status_get_type ())
#define DOSSIER_TYPE_AS_OF_RULE (dossier_as_of_rule_get_type ())
#define DOSSIER_TYPE_CLIENT (dossier_client_get_type ())

GType dossier_client_status_get_type (void) G_GNUC_CONST;
GType dossier_as_of_rule_get_type    (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (DossierClient, dossier_client, DOSSIER, CLIENT, GObject)

/* What the start screen shows of a client, read in a worker thread. */
typedef struct _DossierClientSummary DossierClientSummary;

DossierClient        *dossier_client_new                  (const char            *path) G_GNUC_WARN_UNUSED_RESULT;

const char           *dossier_client_get_path             (DossierClient         *self);
DossierClientStatus   dossier_client_get_status           (DossierClient         *self);
const char           *dossier_client_get_family_name      (DossierClient         *self);
const char           *dossier_client_get_given_names      (DossierClient         *self);
const char           *dossier_client_get_display_name     (DossierClient         *self);
const char           *dossier_client_get_program_id       (DossierClient         *self);
const char           *dossier_client_get_program_title    (DossierClient         *self);
int                   dossier_client_get_verdict          (DossierClient         *self);
gboolean              dossier_client_get_ready            (DossierClient         *self);
guint                 dossier_client_get_slots_done       (DossierClient         *self);
guint                 dossier_client_get_slots_required   (DossierClient         *self);
DossierDay            dossier_client_get_as_of            (DossierClient         *self);
DossierDay            dossier_client_get_next_expiry      (DossierClient         *self);
const char           *dossier_client_get_next_expiry_what (DossierClient         *self);
const char           *dossier_client_get_error_message    (DossierClient         *self);

/* For sorting and searching on the main thread without allocating. */
const char           *dossier_client_get_name_key         (DossierClient         *self);
gboolean              dossier_client_matches              (DossierClient         *self,
                                                           const char            *folded_query);
char                 *dossier_client_fold_query           (const char            *query) G_GNUC_WARN_UNUSED_RESULT;

/* Reads a client file and judges it; blocking, safe in a worker thread. Never fails: a
 * file that does not load gives a DAMAGED summary with the reason. */
DossierClientSummary *dossier_client_summary_read         (const char            *path,
                                                           DossierAsOfRule        as_of_rule,
                                                           const char            *lang,
                                                           GCancellable          *cancellable) G_GNUC_WARN_UNUSED_RESULT;
void                  dossier_client_summary_free         (DossierClientSummary  *summary);
/* Shows the summary (main thread); notifies the properties that changed. */
void                  dossier_client_apply_summary        (DossierClient         *self,
                                                           DossierClientSummary  *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierClientSummary, dossier_client_summary_free)

G_END_DECLS
