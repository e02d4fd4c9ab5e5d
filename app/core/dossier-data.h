/* dossier-data.h: where the rule packs, schemas and tables are
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The data folder: $DOSSIER_DATADIR if set, else the build tree's data/ when the program
 * runs from a build folder, else the installed one. Never NULL; computed once. */
const char *dossier_data_dir  (void);
/* A file in it: dossier_data_path ("schema", "profile.rng"). */
char       *dossier_data_path (const char *subdir,
                               const char *name) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
