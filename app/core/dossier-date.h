/* dossier-date.h
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A calendar day as a Julian day number (GDate's numbering, 1 = 0001-01-01);
 * 0 means "not known". Plain integers keep the engine's hot path free of allocation
 * and make day arithmetic exact. */
typedef guint32 DossierDay;

#define DOSSIER_DAY_UNKNOWN ((DossierDay) 0)

gboolean    dossier_day_parse          (const char  *iso8601,
                                        DossierDay  *out_day);
char       *dossier_day_format         (DossierDay   day) G_GNUC_WARN_UNUSED_RESULT;
DossierDay  dossier_day_from_ymd       (int          year,
                                        int          month,
                                        int          day);
void        dossier_day_to_ymd         (DossierDay   day,
                                        int         *year,
                                        int         *month,
                                        int         *mday);
DossierDay  dossier_day_today          (void);
DossierDay  dossier_day_add_months     (DossierDay   day,
                                        int          months);
DossierDay  dossier_day_add_years      (DossierDay   day,
                                        int          years);
DossierDay  dossier_day_add_days       (DossierDay   day,
                                        int          days);
int         dossier_day_age_on         (DossierDay   birth,
                                        DossierDay   on);
int         dossier_day_whole_months   (DossierDay   first,
                                        DossierDay   last);

/* An ISO 8601 duration restricted to whole years, months and days ("P2Y", "P6M", "P30D",
 * "P1Y6M"), which is all the rule packs need. */
typedef struct
{
  int years;
  int months;
  int days;
} DossierPeriod;

gboolean    dossier_period_parse       (const char          *iso8601,
                                        DossierPeriod       *out_period);
DossierDay  dossier_day_add_period     (DossierDay           day,
                                        const DossierPeriod *period,
                                        int                  sign);
char       *dossier_period_describe    (const DossierPeriod *period,
                                        const char          *lang) G_GNUC_WARN_UNUSED_RESULT;

/* An instant with its UTC offset, as the packs give intake openings
 * ("2025-03-31T10:00:00-04:00"). */
gboolean    dossier_instant_parse      (const char  *iso8601,
                                        GDateTime  **out_instant);

G_END_DECLS
