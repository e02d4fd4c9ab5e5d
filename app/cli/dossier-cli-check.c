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
#include <libxml/parser.h>

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

/* One profile of a `check` run. Workers fill it in; the main thread writes the results
 * in the order the files were given, so the output does not depend on timing. */
typedef struct
{
  const char  *filename;
  GString     *output;
  GString     *errors;
  gboolean     unusable;
  gboolean     all_eligible;
  gboolean     done;
} CheckJob;

typedef struct
{
  GPtrArray   *packs;
  DossierDay  *as_of;          /* one per pack */
  gboolean     xml;
  const char  *lang;
  GMutex       lock;
  GCond        cond;
} CheckRun;

G_GNUC_PRINTF (2, 3)
static void
job_error (CheckJob   *job,
           const char *format,
           ...)
{
  va_list args;

  g_string_append (job->errors, "dossier-cli: ");
  va_start (args, format);
  g_string_append_vprintf (job->errors, format, args);
  va_end (args);
  g_string_append_c (job->errors, '\n');
}

/* Loads a profile and refuses it, with every problem on its own line, if it cannot be
 * judged: the spec's exit 2. */
static DossierProfile *
load_profile (CheckJob *job)
{
  g_autoptr(DossierProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  profile = dossier_profile_load (job->filename, &error);
  if (profile == NULL)
    {
      job_error (job, "%s", error->message);
      return NULL;
    }
  problems = dossier_profile_get_problems (profile);
  if (problems != NULL && problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          DossierProblem *problem = g_ptr_array_index (problems, i);

          job_error (job, "%s:%u: %s: %s", job->filename, problem->line, problem->path,
                     problem->message);
        }
      job_error (job, _("%s: correct the values above, then check again"), job->filename);
      return NULL;
    }
  return g_steal_pointer (&profile);
}

static void
check_one (CheckJob *job,
           CheckRun *run)
{
  g_autoptr(DossierProfile) profile = load_profile (job);

  if (profile == NULL)
    job->unusable = TRUE;
  else
    {
      const DossierRecords *records = dossier_profile_get_records (profile);
      /* Each job's duties against its NOC, noted under the experience rules: worked out
       * once for all the packs. */
      g_autoptr(DossierReportNotes) notes = dossier_report_notes_new (records);

      for (guint p = 0; p < run->packs->len; p++)
        {
          DossierPack *pack = g_ptr_array_index (run->packs, p);
          g_autoptr(DossierEvaluation) evaluation = dossier_evaluate (pack, records, run->as_of[p]);

          if (evaluation->verdict != DOSSIER_VERDICT_ELIGIBLE)
            job->all_eligible = FALSE;
          if (run->xml)
            dossier_report_append_xml_with_notes (job->output, evaluation, notes, job->filename);
          else
            {
              if (p > 0)
                g_string_append (job->output, "\n");
              dossier_report_append_text_with_notes (job->output, evaluation, notes, job->filename,
                                                     run->lang);
            }
        }
    }

  g_mutex_lock (&run->lock);
  job->done = TRUE;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

/* Waits for a job, writes what it found, and frees it. */
static void
finish_job (CheckRun  *run,
            CheckJob  *job,
            gboolean   first,
            gboolean  *unusable,
            gboolean  *all_eligible)
{
  g_mutex_lock (&run->lock);
  while (!job->done)
    g_cond_wait (&run->cond, &run->lock);
  g_mutex_unlock (&run->lock);

  if (!run->xml && !first && job->output->len)
    fputs ("\n────────\n\n", stdout);
  fwrite (job->output->str, 1, job->output->len, stdout);
  fputs (job->errors->str, stderr);
  *unusable |= job->unusable;
  *all_eligible &= job->all_eligible && !job->unusable;

  g_string_free (job->output, TRUE);
  g_string_free (job->errors, TRUE);
  g_free (job);
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
  g_autofree DossierDay *pack_as_of = NULL;
  g_autoptr(GQueue) pending = g_queue_new ();
  GOptionEntry entries[] = {
    { "program", 0, 0, G_OPTION_ARG_STRING, &program, N_("Check only this program (default: all)"), N_("ID") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("The date the application would be received (default: the next intake opening, else today)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or xml"), N_("FORMAT") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the text report: en or fr (default: from the locale)"), N_("LANG") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("PROFILE…") },
    { NULL }
  };
  GThreadPool *pool;
  CheckRun run = { 0 };
  gboolean all_eligible = TRUE;
  gboolean unusable = FALSE;
  gboolean first = TRUE;
  guint n_threads, window;
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
  pack_as_of = g_new0 (DossierDay, packs->len);
  for (guint p = 0; p < packs->len; p++)
    pack_as_of[p] = as_of ? as_of : dossier_pack_get_default_as_of (g_ptr_array_index (packs, p));

  run.packs = packs;
  run.as_of = pack_as_of;
  run.xml = format != NULL && g_str_equal (format, "xml");
  run.lang = lang ? lang : default_lang ();
  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);

  /* libxml2 sets up its globals once, before any worker parses. */
  xmlInitParser ();

  /* Settlement workers check whole caseloads: use every core, but keep only a bounded
   * number of finished reports waiting, so that memory does not grow with the batch. */
  n_threads = CLAMP (g_get_num_processors (), 1, 8);
  window = n_threads * 4;
  pool = g_thread_pool_new ((GFunc) check_one, &run, n_threads, FALSE, NULL);

  if (run.xml)
    fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<reports xmlns=\"" DOSSIER_REPORT_NS "\">\n", stdout);

  for (guint f = 0; files[f]; f++)
    {
      CheckJob *job = g_new0 (CheckJob, 1);

      job->filename = files[f];
      job->output = g_string_new (NULL);
      job->errors = g_string_new (NULL);
      job->all_eligible = TRUE;
      g_queue_push_tail (pending, job);
      g_thread_pool_push (pool, job, NULL);
      while (g_queue_get_length (pending) >= window)
        {
          finish_job (&run, g_queue_pop_head (pending), first, &unusable, &all_eligible);
          first = FALSE;
        }
    }
  while (!g_queue_is_empty (pending))
    {
      finish_job (&run, g_queue_pop_head (pending), first, &unusable, &all_eligible);
      first = FALSE;
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.cond);

  if (run.xml)
    fputs ("</reports>\n", stdout);
  fflush (stdout);

  if (unusable)
    return DOSSIER_EXIT_USAGE;
  return all_eligible ? DOSSIER_EXIT_OK : DOSSIER_EXIT_NO;
}
