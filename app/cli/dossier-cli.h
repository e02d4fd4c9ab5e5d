/* dossier-cli.h: the commands of dossier-cli
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses, the same for every command (shared/spec/cli.md). */
enum
{
  DOSSIER_EXIT_OK = 0,       /* success, eligible, valid */
  DOSSIER_EXIT_NO = 1,       /* the answer is "no" */
  DOSSIER_EXIT_USAGE = 2,    /* unusable input or usage */
};

/* Each command gets argv with argv[0] being the command's own name ("clb"). */
int  dossier_cli_programs   (int argc, char **argv);
int  dossier_cli_check      (int argc, char **argv);
int  dossier_cli_clb        (int argc, char **argv);
int  dossier_cli_rules      (int argc, char **argv);
int  dossier_cli_pack       (int argc, char **argv);
int  dossier_cli_verify     (int argc, char **argv);
int  dossier_cli_spell      (int argc, char **argv);

/* Prints "dossier-cli: MESSAGE" on stderr, one line. */
void dossier_cli_error      (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
