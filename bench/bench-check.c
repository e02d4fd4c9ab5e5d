/* bench-check.c: how long one eligibility check takes, as the wizard will run it on
 * every keystroke: the profile is already loaded, its typed view is rebuilt, then every
 * pack is evaluated.
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "dossier-evaluation.h"
#include "dossier-pack.h"
#include "dossier-profile.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  GPtrArray *packs;
  guint rounds = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 2000;
  gint64 start, load_total = 0, eval_total = 0;
  double worst = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-check PROFILE [ROUNDS]\n");
      return 2;
    }
  packs = dossier_pack_get_all (&error);
  g_assert_no_error (error);

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(DossierProfile) fresh = NULL;
      gint64 one;

      start = g_get_monotonic_time ();
      fresh = dossier_profile_load (argv[1], &error);
      g_assert_no_error (error);
      load_total += g_get_monotonic_time () - start;

      /* The keystroke path: a changed profile, its records rebuilt, every pack judged. */
      start = g_get_monotonic_time ();
      {
        g_autofree char *value = g_strdup_printf ("%u", 30 + r % 10);

        dossier_profile_set_value (fresh, "job-offer/hours-per-week", value, NULL);
      }
      for (guint p = 0; p < packs->len; p++)
        {
          DossierPack *pack = g_ptr_array_index (packs, p);
          g_autoptr(DossierEvaluation) evaluation =
            dossier_evaluate (pack, dossier_profile_get_records (fresh), dossier_day_from_ymd (2025, 3, 31));

          g_assert_nonnull (evaluation);
        }
      one = g_get_monotonic_time () - start;
      eval_total += one;
      if (r > 10 && one > worst)
        worst = one;
    }

  printf ("profile load (read, parse, validate):      %.1f µs\n", (double) load_total / rounds);
  printf ("re-check after a change, all %u packs:      %.1f µs (worst %.0f µs)\n", packs->len,
          (double) eval_total / rounds, worst);
  return 0;
}
