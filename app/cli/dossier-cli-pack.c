/* dossier-cli-pack.c: `dossier-cli pack` and `dossier-cli verify`
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "dossier-cli.h"
#include "dossier-submission.h"

/* Reads a line from the terminal without echoing it. */
static char *
read_secret (const char *prompt)
{
  struct termios saved, quiet;
  FILE *tty = fopen ("/dev/tty", "r+");
  char buffer[1024];
  char *line = NULL;

  if (tty == NULL)
    return NULL;
  fputs (prompt, tty);
  fflush (tty);
  if (tcgetattr (fileno (tty), &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
    }
  if (fgets (buffer, sizeof buffer, tty) != NULL)
    line = g_strdup (g_strchomp (buffer));
  tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fputc ('\n', tty);
  fclose (tty);
  memset (buffer, 0, sizeof buffer);
  return line;
}

/* The passphrase comes from DOSSIER_PASSPHRASE, else the terminal; never from argv,
 * where every user of the machine could read it. */
static char *
get_passphrase (gboolean confirm)
{
  const char *env = g_getenv ("DOSSIER_PASSPHRASE");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  first = read_secret (_("Passphrase: "));
  if (first == NULL)
    {
      dossier_cli_error (_("a passphrase is needed: set DOSSIER_PASSPHRASE or run on a terminal"));
      return NULL;
    }
  if (*first == '\0')
    {
      dossier_cli_error (_("the passphrase is empty; choose one of at least 8 characters"));
      return NULL;
    }
  if (!confirm)
    return g_steal_pointer (&first);
  second = read_secret (_("Passphrase again: "));
  if (g_strcmp0 (first, second) != 0)
    {
      dossier_cli_error (_("the two passphrases differ; nothing was packaged"));
      return NULL;
    }
  return g_steal_pointer (&first);
}

static void
show_progress (guint64  done,
               guint64  total,
               gpointer user_data)
{
  const int width = 30;
  int filled = total ? (int) (width * done / total) : width;
  g_autofree char *done_text = g_format_size (done);
  g_autofree char *total_text = g_format_size (total);
  char bar[64];

  memset (bar, '#', filled);
  memset (bar + filled, ' ', width - filled);
  bar[width] = '\0';
  fprintf (stderr, "\r[%s] %3d%%  %s / %s ", bar, total ? (int) (100 * done / total) : 100,
           done_text, total_text);
  if (done >= total)
    fputc ('\n', stderr);
  fflush (stderr);
}

int
dossier_cli_pack (int    argc,
                  char **argv)
{
  g_autofree char *program = NULL;
  g_autofree char *output = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *page = NULL;
  g_autofree char *passphrase = NULL;
  g_auto(GStrv) files = NULL;
  gboolean encrypt = FALSE, force = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  g_autoptr(DossierReadiness) readiness = NULL;
  GOptionEntry entries[] = {
    { "program", 0, 0, G_OPTION_ARG_STRING, &program, N_("The program to package for"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The archive to write"), N_("OUT.zip") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("The day the application will be submitted (default: the next intake opening, else today)"), N_("DATE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the readiness report: en or fr"), N_("LANG") },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page, N_("Page size for photos made into PDFs: a4 (default) or letter"), N_("SIZE") },
    { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt, N_("Encrypt with AES-256 (passphrase from DOSSIER_PASSPHRASE or the terminal)"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Package even when not ready; the report then says NOT READY"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("PROFILE") },
    { NULL }
  };
  DossierSubmissionOptions options = { 0 };
  DossierPack *pack;
  DossierDay as_of = DOSSIER_DAY_UNKNOWN;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Make the submission-ready archive: one file per upload slot, "
                                           "a manifest with checksums and a readiness report."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      dossier_cli_error ("%s", error->message);
      return DOSSIER_EXIT_USAGE;
    }
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      dossier_cli_error (_("pack takes one profile: dossier-cli pack PROFILE --program ID -o OUT.zip"));
      return DOSSIER_EXIT_USAGE;
    }
  if (program == NULL || output == NULL)
    {
      dossier_cli_error (_("pack needs --program ID and -o OUT.zip"));
      return DOSSIER_EXIT_USAGE;
    }
  if (as_of_text != NULL && !dossier_day_parse (as_of_text, &as_of))
    {
      dossier_cli_error (_("--as-of “%s” is not a date; write it as YYYY-MM-DD"), as_of_text);
      return DOSSIER_EXIT_USAGE;
    }
  if (lang != NULL && !g_str_equal (lang, "en") && !g_str_equal (lang, "fr"))
    {
      dossier_cli_error (_("--lang “%s” is not known; reports are written in en or fr"), lang);
      return DOSSIER_EXIT_USAGE;
    }
  if (page != NULL && !g_str_equal (page, "a4") && !g_str_equal (page, "letter"))
    {
      dossier_cli_error (_("--page “%s” is not known; use a4 or letter"), page);
      return DOSSIER_EXIT_USAGE;
    }

  pack = dossier_pack_find (program, &error);
  if (pack == NULL)
    {
      dossier_cli_error ("--program: %s", error->message);
      return DOSSIER_EXIT_USAGE;
    }
  profile = dossier_profile_load (files[0], &error);
  if (profile == NULL)
    {
      dossier_cli_error ("%s", error->message);
      return DOSSIER_EXIT_USAGE;
    }
  if (encrypt && (passphrase = get_passphrase (isatty (STDIN_FILENO))) == NULL)
    return DOSSIER_EXIT_USAGE;

  options.lang = lang ? lang : "en";
  options.passphrase = passphrase;
  options.force = force;
  options.page_size = page && g_str_equal (page, "letter") ? DOSSIER_PAGE_LETTER : DOSSIER_PAGE_A4;
  if (isatty (STDERR_FILENO))
    options.progress = show_progress;

  if (as_of == DOSSIER_DAY_UNKNOWN)
    as_of = dossier_pack_get_default_as_of (pack);
  if (!dossier_submission_pack (profile, pack, as_of, output, &options, &readiness, &error))
    {
      dossier_cli_error ("%s", error->message);
      return g_error_matches (error, DOSSIER_SUBMISSION_ERROR, DOSSIER_SUBMISSION_ERROR_NOT_READY)
             ? DOSSIER_EXIT_NO : DOSSIER_EXIT_USAGE;
    }
  printf (readiness->ready ? _("%s: written, ready to submit\n")
                           : _("%s: written, marked NOT READY (--force)\n"), output);
  return DOSSIER_EXIT_OK;
}

int
dossier_cli_verify (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *passphrase = NULL;
  guint n_files = 0;

  if (argc != 2 || argv[1][0] == '-')
    {
      dossier_cli_error (_("verify takes one archive: dossier-cli verify ARCHIVE.zip"));
      return DOSSIER_EXIT_USAGE;
    }
  if (dossier_archive_is_encrypted (argv[1], NULL)
      && (passphrase = get_passphrase (FALSE)) == NULL)
    return DOSSIER_EXIT_USAGE;
  if (!dossier_submission_verify (argv[1], passphrase, &problems, &n_files, &error))
    {
      dossier_cli_error ("%s", error->message);
      return DOSSIER_EXIT_USAGE;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      DossierVerifyProblem *problem = g_ptr_array_index (problems, i);

      switch (problem->kind)
        {
        case DOSSIER_VERIFY_CHANGED:
          printf (_("changed: %s (its checksum or size differs from the manifest)\n"), problem->name);
          break;
        case DOSSIER_VERIFY_MISSING:
          printf (_("missing: %s (listed in the manifest, not in the archive)\n"), problem->name);
          break;
        case DOSSIER_VERIFY_EXTRA:
        default:
          printf (_("extra: %s (in the archive, not in the manifest)\n"), problem->name);
          break;
        }
    }
  if (problems->len > 0)
    {
      printf (_("%s: %u problem(s); do not submit it: package the profile again\n"), argv[1], problems->len);
      return DOSSIER_EXIT_NO;
    }
  printf (_("%s: intact, %u files match the manifest\n"), argv[1], n_files);
  return DOSSIER_EXIT_OK;
}
