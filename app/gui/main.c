/* main.c: the Dossier application
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-application.h"
#include "dossier-data.h"
#include "dossier-i18n.h"

/* Run from a build folder, the settings schema is the one compiled into build/data/
 * (beside the marker file that says it is a build tree), not an installed one. */
static void
use_build_tree_schemas (void)
{
  g_autofree char *marker = NULL;
  g_autofree char *compiled = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL)
    return;
  marker = g_build_filename (dossier_data_dir (), "dossier-build-data", NULL);
  compiled = g_build_filename (dossier_data_dir (), "gschemas.compiled", NULL);
  if (g_file_test (marker, G_FILE_TEST_IS_REGULAR)
      && g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
    g_setenv ("GSETTINGS_SCHEMA_DIR", dossier_data_dir (), TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(DossierApplication) app = NULL;

  /* The catalogues of the build tree when run from one (build/locale), as the data and
   * the settings schema; the installed ones otherwise. The language chosen in the
   * preferences, if any, is applied when the application starts up. */
  dossier_i18n_init ();
  use_build_tree_schemas ();

  app = dossier_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
