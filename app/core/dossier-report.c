/* dossier-report.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dossier-duties.h"
#include "dossier-report.h"

/* The report's own words, in both official languages. They are not gettext strings on
 * purpose: the report's language is chosen per report, not by the interface locale. */
typedef enum
{
  T_AS_OF,
  T_STATUS,
  T_VERDICT,
  T_ELIGIBLE,
  T_NOT_ELIGIBLE,
  T_INCOMPLETE,
  T_USED,
  T_MISSING,
  T_UNVERIFIED,
  T_SOURCE,
  T_SEEN,
  T_LINE,
  T_PASS,
  T_FAIL,
  T_UNKNOWN,
  T_UPCOMING,
  T_OPEN,
  T_PAUSED,
  T_CLOSED,
  T_STATE_UNKNOWN,
  T_STATUS_ADVICE,
  T_DUTIES,
  T_NOT_DESCRIBED,
  T_DUTIES_FROM,
  N_TERMS
} Term;

static const char * const terms[N_TERMS][DOSSIER_N_LANGS] = {
  [T_AS_OF] = { "As of", "En date du" },
  [T_STATUS] = { "Program status", "État du programme" },
  [T_VERDICT] = { "Verdict", "Verdict" },
  [T_ELIGIBLE] = { "ELIGIBLE", "ADMISSIBLE" },
  [T_NOT_ELIGIBLE] = { "NOT ELIGIBLE", "NON ADMISSIBLE" },
  [T_INCOMPLETE] = { "INCOMPLETE", "INCOMPLET" },
  [T_USED] = { "Used", "Données" },
  [T_MISSING] = { "To decide, add", "Pour trancher, ajoutez" },
  [T_UNVERIFIED] = { "Unverified", "Non vérifié" },
  [T_SOURCE] = { "Source", "Source" },
  [T_SEEN] = { "seen", "consulté le" },
  [T_LINE] = { "line", "ligne" },
  [T_PASS] = { "PASS", "OUI" },
  [T_FAIL] = { "FAIL", "NON" },
  [T_UNKNOWN] = { "?   ", "?   " },
  [T_UPCOMING] = { "upcoming", "à venir" },
  [T_OPEN] = { "open", "ouvert" },
  [T_PAUSED] = { "paused", "suspendu" },
  [T_CLOSED] = { "closed", "fermé" },
  [T_STATE_UNKNOWN] = { "unknown", "inconnu" },
  [T_STATUS_ADVICE] = { "The rules below are checked anyway, so that you are ready if intake reopens.",
                        "Les règles ci-dessous sont tout de même vérifiées, pour que vous soyez prêt si la réception des demandes reprend." },
  [T_DUTIES] = { "Duties", "Fonctions" },
  [T_NOT_DESCRIBED] = { "Not in the description", "Absente de la description" },
  [T_DUTIES_FROM] = { "Duties from", "Fonctions tirées de" },
};

/* French puts a space before a colon. */
static const char *
colon (DossierLang lang)
{
  return lang == DOSSIER_LANG_FR ? " :" : ":";
}

static DossierLang
parse_lang (const char *lang)
{
  return g_strcmp0 (lang, "fr") == 0 ? DOSSIER_LANG_FR : DOSSIER_LANG_EN;
}

static Term
state_term (DossierProgramState state)
{
  switch (state)
    {
    case DOSSIER_PROGRAM_UPCOMING: return T_UPCOMING;
    case DOSSIER_PROGRAM_OPEN: return T_OPEN;
    case DOSSIER_PROGRAM_PAUSED: return T_PAUSED;
    case DOSSIER_PROGRAM_CLOSED: return T_CLOSED;
    case DOSSIER_PROGRAM_UNKNOWN:
    default: return T_STATE_UNKNOWN;
    }
}

static Term
outcome_term (DossierOutcome outcome)
{
  switch (outcome)
    {
    case DOSSIER_OUTCOME_PASS: return T_PASS;
    case DOSSIER_OUTCOME_FAIL: return T_FAIL;
    case DOSSIER_OUTCOME_UNKNOWN:
    case DOSSIER_N_OUTCOMES:
    default: return T_UNKNOWN;
    }
}

static Term
verdict_term (DossierVerdict verdict)
{
  switch (verdict)
    {
    case DOSSIER_VERDICT_ELIGIBLE: return T_ELIGIBLE;
    case DOSSIER_VERDICT_NOT_ELIGIBLE: return T_NOT_ELIGIBLE;
    case DOSSIER_VERDICT_INCOMPLETE:
    default: return T_INCOMPLETE;
    }
}

static const char *
term (Term        t,
      DossierLang lang)
{
  return terms[t][lang];
}

/* ------------------------------------------------------------------------------------
 * Notes: the duties of each job
 */

struct _DossierReportNotes
{
  DossierRecords       *records;
  DossierDutiesResult **duties;       /* per job; NULL: no description or not checked */
  char                **errors;       /* per job: why it could not be checked */
  gboolean             *done;
};

DossierReportNotes *
dossier_report_notes_new (const DossierRecords *records)
{
  DossierReportNotes *notes = g_new0 (DossierReportNotes, 1);

  g_return_val_if_fail (records != NULL, notes);

  notes->records = dossier_records_ref ((DossierRecords *) records);
  notes->duties = g_new0 (DossierDutiesResult *, records->jobs->len);
  notes->errors = g_new0 (char *, records->jobs->len);
  notes->done = g_new0 (gboolean, records->jobs->len);
  return notes;
}

void
dossier_report_notes_free (DossierReportNotes *notes)
{
  if (notes == NULL)
    return;
  for (guint i = 0; notes->records != NULL && i < notes->records->jobs->len; i++)
    {
      dossier_duties_result_free (notes->duties[i]);
      g_free (notes->errors[i]);
    }
  g_free (notes->duties);
  g_free (notes->errors);
  g_free (notes->done);
  g_clear_pointer (&notes->records, dossier_records_unref);
  g_free (notes);
}

static gboolean
has_description (const DossierJob *job)
{
  const char *p = job->duties;

  while (p != NULL && *p != '\0' && g_ascii_isspace (*p))
    p++;
  return p != NULL && *p != '\0';
}

static const DossierDutiesResult *
job_duties (DossierReportNotes *notes,
            guint               index)
{
  const DossierJob *job = g_ptr_array_index (notes->records->jobs, index);

  if (!notes->done[index] && has_description (job))
    {
      g_autoptr(GError) error = NULL;

      notes->duties[index] = dossier_duties_check (job->noc, job->duties, job->duties_lang, &error);
      if (notes->duties[index] == NULL)
        notes->errors[index] = g_strdup (error->message);
    }
  notes->done[index] = TRUE;
  return notes->duties[index];
}

/* The NOCs an experience predicate counts; any is set when one counts every NOC. */
static void
collect_nocs (const DossierPredicate *predicate,
              GPtrArray              *nocs,
              gboolean               *any)
{
  if (predicate == NULL)
    return;
  if (predicate->kind == PRED_EXPERIENCE)
    {
      if (predicate->nocs == NULL)
        *any = TRUE;
      for (guint i = 0; predicate->nocs != NULL && predicate->nocs[i] != NULL; i++)
        g_ptr_array_add (nocs, predicate->nocs[i]);
    }
  for (guint i = 0; predicate->children != NULL && i < predicate->children->len; i++)
    collect_nocs (g_ptr_array_index (predicate->children, i), nocs, any);
}

/* The jobs whose duties go under this rule: those in an occupation its experience
 * counts and whose main duties the data has. */
static GArray *
noted_jobs (DossierReportNotes      *notes,
            const DossierRuleResult *result)
{
  GArray *jobs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) nocs = g_ptr_array_new ();
  gboolean any = FALSE;

  if (notes == NULL || result->version == NULL || g_strcmp0 (result->rule->kind, "experience") != 0)
    return jobs;
  collect_nocs (result->version->predicate, nocs, &any);
  for (guint i = 0; i < notes->records->jobs->len; i++)
    {
      const DossierJob *job = g_ptr_array_index (notes->records->jobs, i);
      gboolean counted = any;

      if (job->noc == NULL)
        continue;
      for (guint n = 0; n < nocs->len && !counted; n++)
        counted = g_str_equal (g_ptr_array_index (nocs, n), job->noc);
      if (counted && dossier_duties_known (job->noc))
        g_array_append_val (jobs, i);
    }
  return jobs;
}

/* The note on one job, in the report's language. */
static char *
duties_summary (DossierReportNotes *notes,
                guint               index,
                DossierLang         lang)
{
  const DossierJob *job = g_ptr_array_index (notes->records->jobs, index);
  const DossierDutiesResult *duties = job_duties (notes, index);
  const char *id = job->id != NULL ? job->id : "?";
  GString *out = g_string_new (NULL);
  const DossierDutyListCoverage *best;
  const DossierNocText *title;

  if (notes->errors[index] != NULL)
    {
      if (lang == DOSSIER_LANG_FR)
        g_string_append_printf (out, "les fonctions de l'emploi %s (CNP %s) n'ont pas pu être comparées : %s",
                                id, job->noc, notes->errors[index]);
      else
        g_string_append_printf (out, "the duties of job %s (NOC %s) could not be compared: %s",
                                id, job->noc, notes->errors[index]);
      return g_string_free (out, FALSE);
    }
  if (duties == NULL)
    {
      if (lang == DOSSIER_LANG_FR)
        g_string_append_printf (out, "l'emploi %s (CNP %s) n'a pas de description de ses fonctions. "
                                "La lettre de l'employeur doit les décrire, en correspondance avec la "
                                "plupart des fonctions principales énumérées pour la CNP.", id, job->noc);
      else
        g_string_append_printf (out, "job %s (NOC %s) has no description of its duties. The "
                                "employment letter must describe them, matching most of the main "
                                "duties listed for the NOC.", id, job->noc);
      return g_string_free (out, FALSE);
    }

  best = dossier_duties_result_get_best (duties);
  /* A unit group with several lists (44100: home child care providers, foster parents)
   * names the one the figures are about. */
  title = duties->lists->len > 1
          ? dossier_noc_text_pick ((DossierNocText * const *) best->list->titles,
                                   dossier_lang_code (lang))
          : NULL;
  if (lang == DOSSIER_LANG_FR)
    {
      g_string_append_printf (out, "la description de l'emploi %s (CNP %s) couvre %u des %u "
                              "fonctions principales", id, job->noc, best->n_covered,
                              best->duties->len);
      if (title != NULL)
        g_string_append_printf (out, " (%s)", title->text);
      if (!best->list->complete)
        g_string_append (out, " des données (la liste de la CNP y est incomplète)");
      if (best->most)
        g_string_append (out, ", soit la plupart.");
      else
        g_string_append (out, ", pas la plupart. IRCC demande que l'emploi corresponde à la "
                         "plupart des fonctions principales énumérées pour sa CNP.");
    }
  else
    {
      g_string_append_printf (out, "the description of job %s (NOC %s) covers %u of the %u main "
                              "duties", id, job->noc, best->n_covered, best->duties->len);
      if (title != NULL)
        g_string_append_printf (out, " of %s", title->text);
      if (!best->list->complete)
        g_string_append (out, " in the data (the NOC's list is incomplete there)");
      if (best->most)
        g_string_append (out, ", most of them.");
      else
        g_string_append (out, ", not most of them. IRCC asks that the job match most of the "
                         "main duties listed for its NOC.");
    }
  if (duties->stems == DOSSIER_DUTIES_STEMS_SUFFIXES)
    {
      if (lang == DOSSIER_LANG_FR)
        g_string_append_printf (out, " (Mots comparés sans dictionnaire, terminaisons retirées : %s)",
                                duties->stems_note);
      else
        g_string_append_printf (out, " (Words compared without a dictionary, by their endings: %s)",
                                duties->stems_note);
    }
  return g_string_free (out, FALSE);
}

/* The sources of a list's (English) duty texts, each once, in order. */
static GPtrArray *
list_sources (const DossierNocDutyList *list)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint d = 0; d < list->duties->len; d++)
    {
      const DossierNocDuty *duty = g_ptr_array_index (list->duties, d);

      for (guint i = 0; duty->texts[0]->sources[i] != NULL; i++)
        if (!g_ptr_array_find_with_equal_func (ids, duty->texts[0]->sources[i], g_str_equal, NULL))
          g_ptr_array_add (ids, duty->texts[0]->sources[i]);
    }
  return ids;
}

static void
append_duties_text (GString                 *out,
                    DossierReportNotes      *notes,
                    const DossierRuleResult *result,
                    DossierLang              lang)
{
  g_autoptr(GArray) jobs = noted_jobs (notes, result);

  for (guint j = 0; j < jobs->len; j++)
    {
      guint index = g_array_index (jobs, guint, j);
      g_autofree char *summary = duties_summary (notes, index, lang);
      const DossierDutiesResult *duties = notes->duties[index];
      const DossierDutyListCoverage *best;

      /* The summary starts in lower case after the label: capitalize it. */
      g_string_append_printf (out, "        %s%s %c%s\n", terms[T_DUTIES][lang],
                              lang == DOSSIER_LANG_FR ? " :" : ":",
                              g_ascii_toupper (summary[0]), summary + 1);
      if (duties == NULL)
        continue;
      best = dossier_duties_result_get_best (duties);
      /* What to add, as the official (English) text: the French is the project's own. */
      for (guint d = 0; !best->most && d < best->duties->len; d++)
        {
          const DossierDutyCoverage *coverage = g_ptr_array_index (best->duties, d);

          if (!coverage->covered)
            g_string_append_printf (out, lang == DOSSIER_LANG_FR ? "        %s : « %s »\n"
                                                                 : "        %s: “%s”\n",
                                    terms[T_NOT_DESCRIBED][lang], coverage->duty->texts[0]->text);
        }
      {
        DossierNocTable *table = dossier_noc_table_get_default (NULL);
        g_autoptr(GPtrArray) ids = list_sources (best->list);

        for (guint i = 0; table != NULL && i < ids->len; i++)
          {
            const char *id = g_ptr_array_index (ids, i);
            const char *url = dossier_noc_table_get_source_url (table, id);

            g_string_append_printf (out, "        %s%s %s", terms[T_DUTIES_FROM][lang], colon (lang),
                                    dossier_noc_table_get_source (table, id));
            if (url != NULL)
              g_string_append_printf (out, " <%s>", url);
            g_string_append_printf (out, " (%s)\n", dossier_noc_table_get_source_grade (table, id));
          }
      }
    }
}

void
dossier_report_append_text (GString           *out,
                            DossierEvaluation *evaluation,
                            const char        *profile_name,
                            const char        *lang_code)
{
  dossier_report_append_text_with_notes (out, evaluation, NULL, profile_name, lang_code);
}

void
dossier_report_append_text_with_notes (GString            *out,
                                       DossierEvaluation  *evaluation,
                                       DossierReportNotes *notes,
                                       const char         *profile_name,
                                       const char         *lang_code)
{
  DossierLang lang = parse_lang (lang_code);
  DossierPack *pack = evaluation->pack;
  g_autofree char *as_of = dossier_day_format (evaluation->as_of);
  guint counts[DOSSIER_N_OUTCOMES] = { 0 };

  for (guint i = 0; i < evaluation->results->len; i++)
    {
      DossierRuleResult *result = g_ptr_array_index (evaluation->results, i);

      counts[result->outcome]++;
    }

  g_string_append_printf (out, "%s%s %s (%s)\n", profile_name, colon (lang), pack->titles[lang] ? pack->titles[lang]
                                                                 : pack->titles[DOSSIER_LANG_EN],
                          pack->id);
  g_string_append_printf (out, "%s %s. %s%s %s", term (T_AS_OF, lang), as_of,
                          term (T_STATUS, lang), colon (lang),
                          term (state_term (evaluation->state), lang));
  if (evaluation->state_note[lang])
    g_string_append_printf (out, ". %s", evaluation->state_note[lang]);
  g_string_append_c (out, '\n');
  if (evaluation->state != DOSSIER_PROGRAM_OPEN)
    g_string_append_printf (out, "%s\n", term (T_STATUS_ADVICE, lang));
  g_string_append_printf (out, "%s%s %s (", term (T_VERDICT, lang), colon (lang),
                          term (verdict_term (evaluation->verdict), lang));
  if (lang == DOSSIER_LANG_FR)
    g_string_append_printf (out, "%u respectées, %u non respectées, %u indéterminées",
                            counts[DOSSIER_OUTCOME_PASS], counts[DOSSIER_OUTCOME_FAIL],
                            counts[DOSSIER_OUTCOME_UNKNOWN]);
  else
    g_string_append_printf (out, "%u passed, %u failed, %u unknown", counts[DOSSIER_OUTCOME_PASS],
                            counts[DOSSIER_OUTCOME_FAIL], counts[DOSSIER_OUTCOME_UNKNOWN]);
  g_string_append (out, ")\n");

  for (guint i = 0; i < evaluation->results->len; i++)
    {
      DossierRuleResult *result = g_ptr_array_index (evaluation->results, i);
      const DossierRule *rule = result->rule;

      g_string_append_printf (out, "\n  %-4s  %s [%s]\n", term (outcome_term (result->outcome), lang),
                              rule->titles[lang] ? rule->titles[lang] : rule->titles[DOSSIER_LANG_EN],
                              rule->id);
      if (result->message[lang])
        g_string_append_printf (out, "        %s\n", result->message[lang]);
      for (guint j = 0; j < result->missing->len; j++)
        {
          DossierMissing *missing = g_ptr_array_index (result->missing, j);

          g_string_append_printf (out, "        %s%s %s (%s", term (T_MISSING, lang), colon (lang),
                                  missing->what[lang], missing->path);
          if (missing->line)
            g_string_append_printf (out, ", %s %u", term (T_LINE, lang), missing->line);
          g_string_append (out, ")\n");
        }
      for (guint j = 0; j < result->evidence->len; j++)
        g_string_append_printf (out, "        %s%s %s\n", term (T_USED, lang), colon (lang),
                                (const char *) g_ptr_array_index (result->evidence, j));
      for (guint j = 0; j < result->unverified->len; j++)
        g_string_append_printf (out, "        %s%s %s\n", term (T_UNVERIFIED, lang), colon (lang),
                                ((DossierNote *) g_ptr_array_index (result->unverified, j))->text[lang]);
      for (guint j = 0; j < result->sources->len; j++)
        {
          const DossierSource *source = g_ptr_array_index (result->sources, j);

          g_string_append_printf (out, "        %s%s %s", term (T_SOURCE, lang), colon (lang), source->title);
          if (source->url)
            g_string_append_printf (out, " <%s>", source->url);
          g_string_append_printf (out, " (%s", source->grade ? source->grade : "?");
          if (source->seen)
            g_string_append_printf (out, ", %s %s", term (T_SEEN, lang), source->seen);
          g_string_append (out, ")\n");
        }
      append_duties_text (out, notes, result, lang);
    }
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
append_attr (GString    *out,
             const char *name,
             const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value);
  g_string_append_c (out, '"');
}

static void
append_element (GString    *out,
                const char *name,
                const char *lang,
                const char *text)
{
  g_string_append_printf (out, "      <%s", name);
  if (lang)
    append_attr (out, "xml:lang", lang);
  g_string_append_c (out, '>');
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

/* <duties job="j1" noc="44100" list="44100.01" covered="6" total="12" most="false" …>
 * with the note in both languages and each duty of the list the figures are about. */
static void
append_duties_xml (GString                 *out,
                   DossierReportNotes      *notes,
                   const DossierRuleResult *result)
{
  g_autoptr(GArray) jobs = noted_jobs (notes, result);

  for (guint j = 0; j < jobs->len; j++)
    {
      guint index = g_array_index (jobs, guint, j);
      const DossierJob *job = g_ptr_array_index (notes->records->jobs, index);
      const DossierDutiesResult *duties = job_duties (notes, index);
      const DossierDutyListCoverage *best = duties != NULL ? dossier_duties_result_get_best (duties) : NULL;

      g_string_append (out, "      <duties");
      append_attr (out, "job", job->id != NULL ? job->id : "");
      append_attr (out, "noc", job->noc);
      if (best != NULL)
        {
          if (best->list->occupation != NULL)
            append_attr (out, "list", best->list->occupation);
          g_string_append_printf (out, " covered=\"%u\" total=\"%u\" most=\"%s\" complete=\"%s\"",
                                  best->n_covered, best->duties->len, best->most ? "true" : "false",
                                  best->list->complete ? "true" : "false");
          append_attr (out, "lang", duties->lang);
          append_attr (out, "stems", duties->stems == DOSSIER_DUTIES_STEMS_HUNSPELL ? "hunspell" : "suffixes");
        }
      else if (notes->errors[index] != NULL)
        {
          append_attr (out, "checked", "false");
        }
      else
        {
          append_attr (out, "described", "false");
        }
      g_string_append (out, ">\n");
      for (guint l = 0; l < DOSSIER_N_LANGS; l++)
        {
          g_autofree char *summary = duties_summary (notes, index, l);

          summary[0] = g_ascii_toupper (summary[0]);
          g_string_append (out, "  ");
          append_element (out, "message", dossier_lang_code (l), summary);
        }
      if (best != NULL)
        {
          DossierNocTable *table = dossier_noc_table_get_default (NULL);
          g_autoptr(GPtrArray) ids = list_sources (best->list);

          for (guint i = 0; table != NULL && i < ids->len; i++)
            {
              const char *id = g_ptr_array_index (ids, i);
              const char *url = dossier_noc_table_get_source_url (table, id);

              g_string_append (out, "        <source");
              if (url != NULL)
                append_attr (out, "url", url);
              append_attr (out, "grade", dossier_noc_table_get_source_grade (table, id));
              g_string_append_c (out, '>');
              append_escaped (out, dossier_noc_table_get_source (table, id));
              g_string_append (out, "</source>\n");
            }
        }
      for (guint d = 0; best != NULL && d < best->duties->len; d++)
        {
          const DossierDutyCoverage *coverage = g_ptr_array_index (best->duties, d);

          g_string_append (out, "        <duty");
          append_attr (out, "id", coverage->duty->id);
          append_attr (out, "covered", coverage->covered ? "true" : "false");
          g_string_append_c (out, '>');
          append_escaped (out, coverage->duty->texts[0]->text);
          g_string_append (out, "</duty>\n");
        }
      g_string_append (out, "      </duties>\n");
    }
}

void
dossier_report_append_xml (GString           *out,
                           DossierEvaluation *evaluation,
                           const char        *profile_name)
{
  dossier_report_append_xml_with_notes (out, evaluation, NULL, profile_name);
}

/* Written straight into a string rather than through a DOM: checking a thousand
 * profiles writes tens of thousands of these elements, and the report format is flat. */
void
dossier_report_append_xml_with_notes (GString            *out,
                                      DossierEvaluation  *evaluation,
                                      DossierReportNotes *notes,
                                      const char         *profile_name)
{
  g_autofree char *as_of = dossier_day_format (evaluation->as_of);

  g_string_append (out, "  <report");
  append_attr (out, "profile", profile_name);
  append_attr (out, "program", evaluation->pack->id);
  append_attr (out, "as-of", as_of);
  append_attr (out, "verdict", dossier_verdict_to_string (evaluation->verdict));
  append_attr (out, "program-status", dossier_program_state_to_string (evaluation->state));
  g_string_append (out, ">\n");

  for (guint i = 0; i < evaluation->results->len; i++)
    {
      DossierRuleResult *result = g_ptr_array_index (evaluation->results, i);

      g_string_append (out, "    <rule");
      append_attr (out, "id", result->rule->id);
      append_attr (out, "kind", result->rule->kind);
      append_attr (out, "outcome", dossier_outcome_to_string (result->outcome));
      g_string_append (out, ">\n");
      for (guint l = 0; l < DOSSIER_N_LANGS; l++)
        if (result->message[l])
          append_element (out, "message", dossier_lang_code (l), result->message[l]);
      for (guint j = 0; j < result->missing->len; j++)
        {
          DossierMissing *missing = g_ptr_array_index (result->missing, j);

          g_string_append (out, "      <missing");
          append_attr (out, "path", missing->path);
          if (missing->line)
            g_string_append_printf (out, " line=\"%u\"", missing->line);
          g_string_append_c (out, '>');
          append_escaped (out, missing->what[DOSSIER_LANG_EN]);
          g_string_append (out, "</missing>\n");
        }
      for (guint j = 0; j < result->evidence->len; j++)
        append_element (out, "used", NULL, g_ptr_array_index (result->evidence, j));
      for (guint j = 0; j < result->unverified->len; j++)
        {
          DossierNote *note = g_ptr_array_index (result->unverified, j);

          for (guint l = 0; l < DOSSIER_N_LANGS; l++)
            append_element (out, "unverified", dossier_lang_code (l), note->text[l]);
        }
      for (guint j = 0; j < result->sources->len; j++)
        {
          const DossierSource *source = g_ptr_array_index (result->sources, j);

          g_string_append (out, "      <source");
          if (source->url)
            append_attr (out, "url", source->url);
          if (source->seen)
            append_attr (out, "seen", source->seen);
          if (source->grade)
            append_attr (out, "grade", source->grade);
          g_string_append_c (out, '>');
          append_escaped (out, source->title);
          g_string_append (out, "</source>\n");
        }
      append_duties_xml (out, notes, result);
      g_string_append (out, "    </rule>\n");
    }
  g_string_append (out, "  </report>\n");
}
