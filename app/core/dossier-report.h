/* dossier-report.h: an evaluation written for people (text) or programs (XML)
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dossier-evaluation.h"

G_BEGIN_DECLS

#define DOSSIER_REPORT_NS "urn:dossier:report:1"

/* The report is in English or French whatever the interface language: it may be shown
 * to an officer or a settlement worker. lang is "en" or "fr". */
void     dossier_report_append_text (GString           *out,
                                     DossierEvaluation *evaluation,
                                     const char        *profile_name,
                                     const char        *lang);
/* One <report> element of the urn:dossier:report:1 document (shared/spec/cli.md). */
void     dossier_report_append_xml  (GString           *out,
                                     DossierEvaluation *evaluation,
                                     const char        *profile_name);

/* What a profile's reports say beside the rules' outcomes: under each experience rule,
 * how the description of each job it counts covers the main duties of the job's NOC
 * (dossier-duties.h). A note only: it changes no outcome. Worked out on first use and
 * shared by the reports of one profile, whichever packs they are for; for one thread. */
typedef struct _DossierReportNotes DossierReportNotes;

DossierReportNotes *dossier_report_notes_new  (const DossierRecords *records);
void     dossier_report_notes_free           (DossierReportNotes *notes);

/* The same as the two above, with the notes (NULL: none). */
void     dossier_report_append_text_with_notes (GString            *out,
                                                DossierEvaluation  *evaluation,
                                                DossierReportNotes *notes,
                                                const char         *profile_name,
                                                const char         *lang);
void     dossier_report_append_xml_with_notes  (GString            *out,
                                                DossierEvaluation  *evaluation,
                                                DossierReportNotes *notes,
                                                const char         *profile_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierReportNotes, dossier_report_notes_free)

G_END_DECLS
