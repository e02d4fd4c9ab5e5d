/* dossier-report.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

void
dossier_report_append_text (GString           *out,
                            DossierEvaluation *evaluation,
                            const char        *profile_name,
                            const char        *lang_code)
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

/* Written straight into a string rather than through a DOM: checking a thousand
 * profiles writes tens of thousands of these elements, and the report format is flat. */
void
dossier_report_append_xml (GString           *out,
                           DossierEvaluation *evaluation,
                           const char        *profile_name)
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
      g_string_append (out, "    </rule>\n");
    }
  g_string_append (out, "  </report>\n");
}
