/* dossier-cli-clb.c: "dossier-cli clb", language test scores to CLB/NCLC levels
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "dossier-cli.h"
#include "dossier-i18n.h"
#include "dossier-language.h"

/* Scores are read as strings rather than with G_OPTION_ARG_DOUBLE, so that a bad one is
 * reported in the same words as every other mistake, and in the C locale's notation
 * ("6.5") whatever the user's locale: score reports print them so. */
static gboolean
parse_score (const char *text,
             double     *out_score)
{
  char *end = NULL;
  double score;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  score = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || isnan (score))
    return FALSE;
  *out_score = score;
  return TRUE;
}

/* The four --reading… strings, freed together whichever way the command ends. */
typedef struct
{
  char *text[DOSSIER_N_ABILITIES];
} ScoreArgs;

static void
score_args_clear (ScoreArgs *args)
{
  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    g_clear_pointer (&args->text[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScoreArgs, score_args_clear)

int
dossier_cli_clb (int    argc,
                 char **argv)
{
  g_autofree char *test = NULL;
  g_autofree char *scale = NULL;
  g_auto(ScoreArgs) scores = { { NULL, } };
  int levels[DOSSIER_N_ABILITIES];
  int overall = G_MAXINT;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  DossierLanguageTables *tables;
  const DossierTestScale *test_scale;
  const char *unverified;
  const GOptionEntry entries[] = {
    { "test", 0, 0, G_OPTION_ARG_STRING, &test,
      N_("The test: celpip-g, ielts-gt, pte-core, tef-canada or tcf-canada"), N_("KIND") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale,
      N_("TEF Canada's scale: original or 2023 (the default)"), N_("SCALE") },
    { "reading", 0, 0, G_OPTION_ARG_STRING, &scores.text[DOSSIER_ABILITY_READING],
      N_("The reading score"), N_("SCORE") },
    { "writing", 0, 0, G_OPTION_ARG_STRING, &scores.text[DOSSIER_ABILITY_WRITING],
      N_("The writing score"), N_("SCORE") },
    { "listening", 0, 0, G_OPTION_ARG_STRING, &scores.text[DOSSIER_ABILITY_LISTENING],
      N_("The listening score"), N_("SCORE") },
    { "speaking", 0, 0, G_OPTION_ARG_STRING, &scores.text[DOSSIER_ABILITY_SPEAKING],
      N_("The speaking score"), N_("SCORE") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Prints the CLB or NCLC level each score of a designated "
                                  "language test reaches, then the overall level, the lowest "
                                  "of the four. Level 0 is below the lowest level IRCC's "
                                  "table gives."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      dossier_cli_error (_("clb: %s; see “dossier-cli clb --help”"), error->message);
      return DOSSIER_EXIT_USAGE;
    }
  if (argc > 1)
    {
      dossier_cli_error (_("clb: unexpected argument “%s”; see “dossier-cli clb --help”"),
                         argv[1]);
      return DOSSIER_EXIT_USAGE;
    }

  tables = dossier_language_tables_get_default (&error);
  if (tables == NULL)
    {
      dossier_cli_error ("%s", error->message);
      return DOSSIER_EXIT_USAGE;
    }

  if (test == NULL)
    {
      dossier_cli_error (_("clb: --test is missing; “dossier-cli clb --help” lists the "
                           "designated tests"));
      return DOSSIER_EXIT_USAGE;
    }
  test_scale = dossier_language_tables_lookup (tables, test, scale, &error);
  if (test_scale == NULL)
    {
      dossier_cli_error ("clb: %s", error->message);
      return DOSSIER_EXIT_USAGE;
    }

  /* Every score is checked before anything is printed, so that a script never reads
   * half an answer. */
  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    {
      const char *name = dossier_ability_get_name (i);
      double score;

      if (scores.text[i] == NULL)
        {
          dossier_cli_error (_("clb: --%s is missing; give all four scores"), name);
          return DOSSIER_EXIT_USAGE;
        }
      if (!parse_score (scores.text[i], &score))
        {
          dossier_cli_error (_("clb: --%s “%s” is not a number"), name, scores.text[i]);
          return DOSSIER_EXIT_USAGE;
        }
      levels[i] = dossier_test_scale_level (test_scale, i, score, &error);
      if (levels[i] < 0)
        {
          dossier_cli_error ("clb: %s", error->message);
          return DOSSIER_EXIT_USAGE;
        }
      overall = MIN (overall, levels[i]);
    }

  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    g_print ("%s\t%d\n", dossier_ability_get_name (i), levels[i]);
  g_print ("overall\t%d\n", overall);

  /* On stderr, so that the contract on stdout stays the same, but said every time: a
   * level read from an unconfirmed table should not be trusted silently. */
  unverified = dossier_test_scale_get_unverified (test_scale);
  if (unverified != NULL)
    g_printerr (_("dossier-cli: note: the %s table is not verified: %s\n"),
                dossier_test_scale_get_title (test_scale, dossier_i18n_data_language ()),
                unverified);

  return DOSSIER_EXIT_OK;
}
