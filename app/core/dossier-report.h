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

G_END_DECLS
