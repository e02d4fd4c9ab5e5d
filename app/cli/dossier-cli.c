/* dossier-cli.c: dossier-cli, the command-line face of the Dossier core
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "dossier-cli.h"
#include "dossier-i18n.h"

void
dossier_cli_error (const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "dossier-cli: %s\n", message);
}

static const struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "programs", dossier_cli_programs, N_("List the programs and their status on a date") },
  { "check", dossier_cli_check, N_("Check profiles against the programs’ rules") },
  { "clb", dossier_cli_clb, N_("Convert language test scores to CLB/NCLC levels") },
  { "rules", dossier_cli_rules, N_("Lint rule packs or run rule test cases") },
  { "pack", dossier_cli_pack, N_("Make the submission-ready archive for a program") },
  { "verify", dossier_cli_verify, N_("Check an archive's files against its manifest") },
  { "spell", dossier_cli_spell, N_("List the misspelled words of profiles’ free texts") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, _("Usage: dossier-cli COMMAND [OPTION…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, _("\nRun “dossier-cli COMMAND --help” for a command’s options.\n"));
}

int
main (int    argc,
      char **argv)
{
  /* The locale, and the catalogues of the build tree when run from one. */
  dossier_i18n_init ();
  g_set_prgname ("dossier-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return DOSSIER_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return DOSSIER_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("dossier-cli %s\n", PACKAGE_VERSION);
      return DOSSIER_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strconcat ("dossier-cli ", commands[i].name, NULL);

        /* So that each command's --help reads "Usage: dossier-cli check …". */
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  dossier_cli_error (_("“%s” is not a command; run “dossier-cli --help” to see them"), argv[1]);
  return DOSSIER_EXIT_USAGE;
}
