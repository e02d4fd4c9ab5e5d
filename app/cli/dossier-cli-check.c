/* dossier-cli-check.c: `dossier-cli programs` and `dossier-cli check`
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dossier-cli.h"
#include "dossier-evaluation.h"
#include "dossier-pack.h"
#include "dossier-profile.h"
#include "dossier-report.h"
#include "dossier-xml.h"

/* Parses the common options; returns FALSE after printing the usage error. */
static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      dossier_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_as_of (const char *text,
             DossierDay *as_of)
{
  *as_of = DOSSIER_DAY_UNKNOWN;
  if (text == NULL)
    return TRUE;
  if (dossier_day_parse (text, as_of))
    return TRUE;
  dossier_cli_error (_("--as-of “%s” is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31"), text);
  return FALSE;
}

/* The report language when --lang is not given: French for a French locale. */
static const char *
default_lang (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] && g_str_has_prefix (names[0], "fr") ? "fr" : "en";
}

int
dossier_cli_programs (int    argc,
                      char **argv)
{
  g_autofree char *as_of_text = NULL;
  g_autofree char *lang = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("The date to give the status on (default: today)"), N_("DATE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the titles: en or fr"), N_("LANG") },
    { NULL }
  };
  DossierDay as_of;
  GPtrArray *packs;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("One line per program: ID, status on the date, title."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv) || !parse_as_of (as_of_text, &as_of))
    return DOSSIER_EXIT_USAGE;
  if (argc > 1)
    {
      dossier_cli_error (_("programs takes no arguments, only --as-of DATE"));
      return DOSSIER_EXIT_USAGE;
    }
  if (as_of == DOSSIER_DAY_UNKNOWN)
    as_of = dossier_day_today ();

  packs = dossier_pack_get_all (&error);
  if (packs == NULL)
    {
      dossier_cli_error ("%s", error->message);
      return DOSSIER_EXIT_USAGE;
    }
  for (guint i = 0; i < packs->len; i++)
    {
      DossierPack *pack = g_ptr_array_index (packs, i);

      printf ("%s\t%s\t%s\n", dossier_pack_get_id (pack),
              dossier_program_state_to_string (dossier_pack_get_state (pack, as_of, NULL, NULL)),
              dossier_pack_get_title (pack, lang ? lang : default_lang ()));
    }
  return DOSSIER_EXIT_OK;
}

/* Loads a profile and refuses it, with every problem on its own line, if it cannot be
 * judged: the spec's exit 2. */
static DossierProfile *
load_profile (const char *filename)
{
  g_autoptr(DossierProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  profile = dossier_profile_load (filename, &error);
  if (profile == NULL)
    {
      dossier_cli_error ("%s", error->message);
      return NULL;
    }
  problems = dossier_profile_get_problems (profile);
  if (problems != NULL && problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          DossierProblem *problem = g_ptr_array_index (problems, i);

          dossier_cli_error ("%s:%u: %s: %s", filename, problem->line, problem->path,
                             problem->message);
        }
      dossier_cli_error (_("%s: correct the values above, then check again"), filename);
      return NULL;
    }
  return g_steal_pointer (&profile);
}

int
dossier_cli_check (int    argc,
                   char **argv)
{
  g_autofree char *program = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *lang = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) packs = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GOptionEntry entries[] = {
    { "program", 0, 0, G_OPTION_ARG_STRING, &program, N_("Check only this program (default: all)"), N_("ID") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("The date the application would be received (default: the next intake opening, else today)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or xml"), N_("FORMAT") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the text report: en or fr (default: from the locale)"), N_("LANG") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("PROFILE…") },
    { NULL }
  };
  xmlNode *reports = NULL;
  gboolean xml;
  gboolean all_eligible = TRUE;
  gboolean unusable = FALSE;
  DossierDay as_of;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Judge each profile against the programs’ rules."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv) || !parse_as_of (as_of_text, &as_of))
    return DOSSIER_EXIT_USAGE;
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "xml"))
    {
      dossier_cli_error (_("--format “%s” is not known; use text or xml"), format);
      return DOSSIER_EXIT_USAGE;
    }
  if (lang != NULL && !g_str_equal (lang, "en") && !g_str_equal (lang, "fr"))
    {
      dossier_cli_error (_("--lang “%s” is not known; reports are written in en or fr"), lang);
      return DOSSIER_EXIT_USAGE;
    }
  if (files == NULL || files[0] == NULL)
    {
      dossier_cli_error (_("check needs at least one profile file (.dossier)"));
      return DOSSIER_EXIT_USAGE;
    }
  xml = format != NULL && g_str_equal (format, "xml");

  packs = g_ptr_array_new_with_free_func (g_object_unref);
  if (program != NULL)
    {
      DossierPack *pack = dossier_pack_find (program, &error);

      if (pack == NULL)
        {
          dossier_cli_error ("--program: %s", error->message);
          return DOSSIER_EXIT_USAGE;
        }
      g_ptr_array_add (packs, g_object_ref (pack));
    }
  else
    {
      GPtrArray *all = dossier_pack_get_all (&error);

      if (all == NULL)
        {
          dossier_cli_error ("%s", error->message);
          return DOSSIER_EXIT_USAGE;
        }
      for (guint i = 0; i < all->len; i++)
        g_ptr_array_add (packs, g_object_ref (g_ptr_array_index (all, i)));
    }

  /* The XML document is streamed one report at a time, so that memory stays flat
   * however many profiles a settlement worker checks in one run. */
  if (xml)
    {
      doc = xmlNewDoc ((const xmlChar *) "1.0");
      reports = xmlNewDocNode (doc, NULL, (const xmlChar *) "reports", NULL);
      xmlDocSetRootElement (doc, reports);
      xmlSetNs (reports, xmlNewNs (reports, (const xmlChar *) DOSSIER_REPORT_NS, NULL));
      fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<reports xmlns=\"" DOSSIER_REPORT_NS "\">\n", stdout);
    }

  for (guint f = 0; files[f]; f++)
    {
      g_autoptr(DossierProfile) profile = load_profile (files[f]);
      const DossierRecords *records;

      if (profile == NULL)
        {
          unusable = TRUE;
          continue;
        }
      records = dossier_profile_get_records (profile);
      for (guint p = 0; p < packs->len; p++)
        {
          DossierPack *pack = g_ptr_array_index (packs, p);
          DossierDay day = as_of ? as_of : dossier_pack_get_default_as_of (pack);
          g_autoptr(DossierEvaluation) evaluation = dossier_evaluate (pack, records, day);

          if (evaluation->verdict != DOSSIER_VERDICT_ELIGIBLE)
            all_eligible = FALSE;
          if (xml)
            {
              xmlNode *report = dossier_report_new_xml (reports, evaluation, files[f]);
              xmlBuffer *buffer = xmlBufferCreate ();

              xmlNodeDump (buffer, doc, report, 1, 1);
              fputs ("  ", stdout);
              fwrite (xmlBufferContent (buffer), 1, xmlBufferLength (buffer), stdout);
              fputc ('\n', stdout);
              xmlBufferFree (buffer);
              xmlUnlinkNode (report);
              xmlFreeNode (report);
            }
          else
            {
              if (text->len)
                g_string_append (text, "\n────────\n\n");
              dossier_report_append_text (text, evaluation, files[f], lang ? lang : default_lang ());
            }
        }
      /* Large batches: write as we go rather than holding every report. */
      if (!xml)
        {
          fputs (text->str, stdout);
          g_string_truncate (text, 0);
          g_string_append_c (text, '\n');
        }
    }

  if (xml)
    fputs ("</reports>\n", stdout);
  fflush (stdout);

  if (unusable)
    return DOSSIER_EXIT_USAGE;
  return all_eligible ? DOSSIER_EXIT_OK : DOSSIER_EXIT_NO;
}
