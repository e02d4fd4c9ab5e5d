/* dossier-data.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dossier-data.h"

/* The programs live in build/app/cli/ and build/app/gui/, the data in build/data/. */
static char *
find_build_tree_data (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = NULL;
  g_autofree char *candidate = NULL;
  g_autofree char *marker = NULL;

  if (exe == NULL)
    return NULL;
  exe_dir = g_path_get_dirname (exe);
  for (guint up = 2; up <= 3; up++)
    {
      g_autoptr(GString) rel = g_string_new (exe_dir);

      for (guint i = 0; i < up; i++)
        g_string_append (rel, "/..");
      g_string_append (rel, "/data");
      g_clear_pointer (&candidate, g_free);
      g_clear_pointer (&marker, g_free);
      candidate = g_canonicalize_filename (rel->str, NULL);
      marker = g_build_filename (candidate, "dossier-build-data", NULL);
      if (g_file_test (marker, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

const char *
dossier_data_dir (void)
{
  static char *data_dir;

  if (g_once_init_enter (&data_dir))
    {
      const char *env = g_getenv ("DOSSIER_DATADIR");
      char *dir = NULL;

      if (env != NULL && *env != '\0')
        dir = g_strdup (env);
      if (dir == NULL)
        dir = find_build_tree_data ();
      if (dir == NULL)
        dir = g_strdup (DOSSIER_PKGDATADIR);
      g_once_init_leave (&data_dir, dir);
    }
  return data_dir;
}

char *
dossier_data_path (const char *subdir,
                   const char *name)
{
  return g_build_filename (dossier_data_dir (), subdir, name, NULL);
}
