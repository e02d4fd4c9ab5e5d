/* test-pack.c: loading rule packs, the shipped ones and broken ones
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dossier-pack.h"
#include "dossier-profile.h"

static void
test_shipped_packs_are_clean (void)
{
  static const char * const ids[] = { "hccpp-2019", "hcwip-child-care", "hcwip-home-support",
                                      "hswp-2019", "quebec-health-asylum" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strconcat (ids[i], ".xml", NULL);
      g_autofree char *path = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "rules", name, NULL);
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(DossierPack) pack = dossier_pack_load (path, problems, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpstr (dossier_pack_get_id (pack), ==, ids[i]);
      g_assert_nonnull (dossier_pack_get_title (pack, "en"));
      g_assert_nonnull (dossier_pack_get_title (pack, "fr"));
      g_assert_cmpstr (dossier_pack_get_title (pack, "en"), !=, dossier_pack_get_title (pack, "fr"));
      g_assert_cmpuint (dossier_pack_get_n_rules (pack), >=, 3);
    }
}

static void
test_status_timeline (void)
{
  static const struct { const char *id; const char *day; DossierProgramState state; } cases[] = {
    { "hcwip-child-care", "2025-03-30", DOSSIER_PROGRAM_UPCOMING },
    { "hcwip-child-care", "2025-03-31", DOSSIER_PROGRAM_OPEN },
    { "hcwip-home-support", "2025-03-31", DOSSIER_PROGRAM_OPEN },
    { "hcwip-child-care", "2025-12-19", DOSSIER_PROGRAM_PAUSED },
    { "hcwip-child-care", "2026-11-22", DOSSIER_PROGRAM_PAUSED },
    { "hcwip-home-support", "2030-03-30", DOSSIER_PROGRAM_PAUSED },
    { "hccpp-2019", "2019-06-18", DOSSIER_PROGRAM_OPEN },
    { "hccpp-2019", "2024-06-17", DOSSIER_PROGRAM_OPEN },
    { "hccpp-2019", "2024-06-18", DOSSIER_PROGRAM_CLOSED },
    { "hswp-2019", "2026-11-22", DOSSIER_PROGRAM_CLOSED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      DossierPack *pack = dossier_pack_find (cases[i].id, &error);
      DossierDay day;

      g_assert_no_error (error);
      g_assert_true (dossier_day_parse (cases[i].day, &day));
      g_test_message ("%s on %s", cases[i].id, cases[i].day);
      g_assert_cmpstr (dossier_program_state_to_string (dossier_pack_get_state (pack, day, NULL, NULL)), ==,
                       dossier_program_state_to_string (cases[i].state));
    }
}

/* A pack is data from disk like any other: the same safe reader refuses hostile ones. */
static void
test_hostile_pack_refused (void)
{
  g_autofree char *workdir = g_dir_make_tmp ("dossier-pack-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (workdir, "evil.xml", NULL);
  const char *evil =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE pack [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
    "<pack xmlns=\"urn:dossier:rules:1\" id=\"evil\">&b;</pack>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierPack) pack = NULL;

  g_assert_true (g_file_set_contents (path, evil, -1, NULL));
  pack = dossier_pack_load (path, NULL, &error);
  g_assert_null (pack);
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_HOSTILE);
  g_assert_nonnull (strstr (error->message, "evil.xml"));
  g_unlink (path);
  g_rmdir (workdir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pack/shipped", test_shipped_packs_are_clean);
  g_test_add_func ("/pack/status", test_status_timeline);
  g_test_add_func ("/pack/hostile", test_hostile_pack_refused);

  return g_test_run ();
}
