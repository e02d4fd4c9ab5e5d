/* dossier-evaluation.c: three-valued, explained evaluation of rule packs
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-evaluation.h"
#include "dossier-experience.h"
#include "dossier-language.h"

/* The scalars generic predicates can read. The order matches field_read(). */
enum
{
  F_FAMILY_NAME,
  F_GIVEN_NAMES,
  F_BIRTH_DATE,
  F_CITIZENSHIP,
  F_PASSPORT_EXPIRES,
  F_PASSPORT_COUNTRY,
  F_RESIDENCE_COUNTRY,
  F_RESIDENCE_PROVINCE,
  F_RESIDENCE_SINCE,
  F_INTENDED_PROVINCE,
  F_STATUS_KIND,
  F_STATUS_PERMIT,
  F_STATUS_PROVINCE,
  F_STATUS_ISSUED,
  F_STATUS_EXPIRES,
  F_FIRST_ENTRY,
  F_OFFER_EMPLOYER_KIND,
  F_OFFER_NOC,
  F_OFFER_PROVINCE,
  F_OFFER_SETTING,
  F_OFFER_HOURS,
  F_OFFER_WAGE,
  F_OFFER_MEDIAN,
  F_OFFER_PERMANENT,
  F_OFFER_SEASONAL,
  F_OFFER_START,
  /* Only inside a checklist slot's <when>, for the job or credential it is about. */
  F_JOB_NOC,
  F_JOB_COUNTRY,
  F_JOB_SETTING,
  F_CREDENTIAL_COUNTRY,
  F_CREDENTIAL_LEVEL,
  N_FIELDS
};

static const DossierField fields[N_FIELDS] = {
  [F_FAMILY_NAME] = { "applicant.family-name", FIELD_TEXT, "/dossier/applicant/family-name", "family name", "nom de famille" },
  [F_GIVEN_NAMES] = { "applicant.given-names", FIELD_TEXT, "/dossier/applicant/given-names", "given names", "prénoms" },
  [F_BIRTH_DATE] = { "applicant.birth-date", FIELD_DAY, "/dossier/applicant/birth-date", "date of birth", "date de naissance" },
  [F_CITIZENSHIP] = { "applicant.citizenship", FIELD_TEXT, "/dossier/applicant/citizenship", "citizenship", "citoyenneté" },
  [F_PASSPORT_EXPIRES] = { "passport.expires", FIELD_DAY, "/dossier/applicant/passport/@expires", "passport expiry date", "date d’expiration du passeport" },
  [F_PASSPORT_COUNTRY] = { "passport.country", FIELD_TEXT, "/dossier/applicant/passport/@country", "passport country", "pays du passeport" },
  [F_RESIDENCE_COUNTRY] = { "residence.country", FIELD_TEXT, "/dossier/applicant/residence/@country", "country of residence", "pays de résidence" },
  [F_RESIDENCE_PROVINCE] = { "residence.province", FIELD_TEXT, "/dossier/applicant/residence/@province", "province of residence", "province de résidence" },
  [F_RESIDENCE_SINCE] = { "residence.since", FIELD_DAY, "/dossier/applicant/residence/@since", "date residence began", "date de début de résidence" },
  [F_INTENDED_PROVINCE] = { "intended-province", FIELD_TEXT, "/dossier/applicant/intended-province", "province where you plan to live", "province où vous prévoyez vivre" },
  [F_STATUS_KIND] = { "status.kind", FIELD_TEXT, "/dossier/applicant/status/@kind", "status in Canada", "statut au Canada" },
  [F_STATUS_PERMIT] = { "status.permit", FIELD_TEXT, "/dossier/applicant/status/@permit", "kind of work permit", "type de permis de travail" },
  [F_STATUS_PROVINCE] = { "status.province", FIELD_TEXT, "/dossier/applicant/status/@province", "province of the permit", "province du permis" },
  [F_STATUS_ISSUED] = { "status.issued", FIELD_DAY, "/dossier/applicant/status/@issued", "permit issue date", "date de délivrance du permis" },
  [F_STATUS_EXPIRES] = { "status.expires", FIELD_DAY, "/dossier/applicant/status/@expires", "permit expiry date", "date d’expiration du permis" },
  [F_FIRST_ENTRY] = { "first-entry", FIELD_DAY, "/dossier/applicant/first-entry/@date", "date of first entry to Canada", "date de première entrée au Canada" },
  [F_OFFER_EMPLOYER_KIND] = { "offer.employer-kind", FIELD_TEXT, "/dossier/job-offer/employer/@kind", "kind of employer", "type d’employeur" },
  [F_OFFER_NOC] = { "offer.noc", FIELD_TEXT, "/dossier/job-offer/noc", "NOC of the job offer", "CNP de l’offre d’emploi" },
  [F_OFFER_PROVINCE] = { "offer.province", FIELD_TEXT, "/dossier/job-offer/province", "province of the job offer", "province de l’offre d’emploi" },
  [F_OFFER_SETTING] = { "offer.setting", FIELD_TEXT, "/dossier/job-offer/setting", "work setting of the offer", "milieu de travail de l’offre" },
  [F_OFFER_HOURS] = { "offer.hours-per-week", FIELD_NUMBER, "/dossier/job-offer/hours-per-week", "hours per week offered", "heures par semaine offertes" },
  [F_OFFER_WAGE] = { "offer.hourly-wage", FIELD_NUMBER, "/dossier/job-offer/hourly-wage", "hourly wage offered", "salaire horaire offert" },
  [F_OFFER_MEDIAN] = { "offer.median-hourly-wage", FIELD_NUMBER, "/dossier/job-offer/median-hourly-wage", "Job Bank median hourly wage", "salaire horaire médian du Guichet-Emplois" },
  [F_OFFER_PERMANENT] = { "offer.permanent", FIELD_ANSWER, "/dossier/job-offer/permanent", "whether the job is permanent", "caractère permanent de l’emploi" },
  [F_OFFER_SEASONAL] = { "offer.seasonal", FIELD_ANSWER, "/dossier/job-offer/seasonal", "whether the job is seasonal", "caractère saisonnier de l’emploi" },
  [F_OFFER_START] = { "offer.start", FIELD_DAY, "/dossier/job-offer/start", "start date of the offer", "date de début de l’offre" },
  [F_JOB_NOC] = { "job.noc", FIELD_TEXT, "/dossier/work-history/job/noc", "NOC of the job", "CNP de l’emploi" },
  [F_JOB_COUNTRY] = { "job.country", FIELD_TEXT, "/dossier/work-history/job/country", "country of the job", "pays de l’emploi" },
  [F_JOB_SETTING] = { "job.setting", FIELD_TEXT, "/dossier/work-history/job/setting", "work setting of the job", "milieu de travail de l’emploi" },
  [F_CREDENTIAL_COUNTRY] = { "credential.country", FIELD_TEXT, "/dossier/education/credential/@country", "country of the credential", "pays du diplôme" },
  [F_CREDENTIAL_LEVEL] = { "credential.level", FIELD_TEXT, "/dossier/education/credential/@level", "level of the credential", "niveau du diplôme" },
};

const DossierField *
dossier_fields (guint *n_fields)
{
  *n_fields = N_FIELDS;
  return fields;
}

const DossierField *
dossier_field_lookup (const char *name)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

typedef struct
{
  gboolean       known;
  const char    *text;
  DossierDay     day;
  double         number;
  DossierAnswer  answer;
} FieldValue;

/* What a check reads: the profile, and for a checklist slot the job or credential the
 * slot is about. */
typedef struct
{
  const DossierRecords    *records;
  const DossierJob        *job;
  const DossierCredential *credential;
} Scope;

static void
field_read (const DossierField   *field,
            const Scope          *scope,
            FieldValue           *v)
{
  const DossierRecords *r = scope->records;
  const DossierApplicant *a = &r->applicant;
  const DossierJobOffer *o = &r->offer;

  memset (v, 0, sizeof *v);
  v->number = NAN;
  v->answer = DOSSIER_ANSWER_UNSET;
  switch (field - fields)
    {
    case F_FAMILY_NAME: v->text = a->family_name; break;
    case F_GIVEN_NAMES: v->text = a->given_names; break;
    case F_BIRTH_DATE: v->day = a->birth_date; break;
    case F_CITIZENSHIP: v->text = a->citizenship; break;
    case F_PASSPORT_EXPIRES: v->day = a->passport_expires; break;
    case F_PASSPORT_COUNTRY: v->text = a->passport_country; break;
    case F_RESIDENCE_COUNTRY: v->text = a->residence_country; break;
    case F_RESIDENCE_PROVINCE: v->text = a->residence_province; break;
    case F_RESIDENCE_SINCE: v->day = a->residence_since; break;
    case F_INTENDED_PROVINCE: v->text = a->intended_province; break;
    case F_STATUS_KIND: v->text = a->status_kind; break;
    case F_STATUS_PERMIT: v->text = a->status_permit; break;
    case F_STATUS_PROVINCE: v->text = a->status_province; break;
    case F_STATUS_ISSUED: v->day = a->status_issued; break;
    case F_STATUS_EXPIRES: v->day = a->status_expires; break;
    case F_FIRST_ENTRY: v->day = a->first_entry; break;
    case F_OFFER_EMPLOYER_KIND: v->text = o->employer_kind; break;
    case F_OFFER_NOC: v->text = o->noc; break;
    case F_OFFER_PROVINCE: v->text = o->province; break;
    case F_OFFER_SETTING: v->text = o->setting; break;
    case F_OFFER_HOURS: v->number = o->hours_per_week; break;
    case F_OFFER_WAGE: v->number = o->hourly_wage; break;
    case F_OFFER_MEDIAN: v->number = o->median_hourly_wage; break;
    case F_OFFER_PERMANENT: v->answer = o->permanent; break;
    case F_OFFER_SEASONAL: v->answer = o->seasonal; break;
    case F_OFFER_START: v->day = o->start; break;
    case F_JOB_NOC: v->text = scope->job ? scope->job->noc : NULL; break;
    case F_JOB_COUNTRY: v->text = scope->job ? scope->job->country : NULL; break;
    case F_JOB_SETTING: v->text = scope->job ? scope->job->setting : NULL; break;
    case F_CREDENTIAL_COUNTRY: v->text = scope->credential ? scope->credential->country : NULL; break;
    case F_CREDENTIAL_LEVEL: v->text = scope->credential ? scope->credential->level : NULL; break;
    default: g_assert_not_reached ();
    }

  switch (field->type)
    {
    case FIELD_TEXT: v->known = v->text != NULL && v->text[0] != '\0'; break;
    case FIELD_DAY: v->known = v->day != DOSSIER_DAY_UNKNOWN; break;
    case FIELD_NUMBER: v->known = !isnan (v->number); break;
    case FIELD_ANSWER: v->known = v->answer != DOSSIER_ANSWER_UNSET; break;
    default: g_assert_not_reached ();
    }
}

/* Evaluation state for one rule. */

typedef struct
{
  char *value[DOSSIER_N_LANGS];
} Var;

typedef struct
{
  const DossierRecords *records;
  Scope                 scope;
  DossierPack          *pack;
  DossierDay            as_of;
  GHashTable           *vars;        /* name → Var */
  DossierRuleResult    *result;
  const char           *prefix;      /* a domain predicate's name="…", for its placeholders */
} Context;

static void
var_free (Var *var)
{
  g_free (var->value[DOSSIER_LANG_EN]);
  g_free (var->value[DOSSIER_LANG_FR]);
  g_free (var);
}

static void
set_var2 (Context    *ctx,
          const char *prefix,
          const char *suffix,
          const char *en,
          const char *fr)
{
  Var *var = g_new0 (Var, 1);
  char *name;

  /* Inside a named domain predicate, {months} becomes {NAME.months}, so that an
   * experience and a training predicate can both speak in one message. */
  if (ctx->prefix && suffix == NULL)
    name = g_strconcat (ctx->prefix, ".", prefix, NULL);
  else
    name = suffix ? g_strconcat (prefix, ".", suffix, NULL) : g_strdup (prefix);

  var->value[DOSSIER_LANG_EN] = g_strdup (en ? en : "?");
  var->value[DOSSIER_LANG_FR] = g_strdup (fr ? fr : var->value[DOSSIER_LANG_EN]);
  g_hash_table_replace (ctx->vars, name, var);
}

static void
set_var (Context    *ctx,
         const char *name,
         const char *value)
{
  set_var2 (ctx, name, NULL, value, value);
}

static void
set_var_day (Context    *ctx,
             const char *name,
             DossierDay  day)
{
  g_autofree char *text = dossier_day_format (day);

  set_var (ctx, name, text);
}

static void
set_var_int (Context    *ctx,
             const char *name,
             int         value)
{
  g_autofree char *text = g_strdup_printf ("%d", value);

  set_var (ctx, name, text);
}

G_GNUC_PRINTF (2, 3)
static void
add_evidence (Context    *ctx,
              const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (ctx->result->evidence, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
note_free (DossierNote *note)
{
  g_free (note->text[DOSSIER_LANG_EN]);
  g_free (note->text[DOSSIER_LANG_FR]);
  g_free (note);
}

/* An unverified value, said once however often the predicate runs. */
static void
add_note (Context    *ctx,
          const char *about_en,
          const char *text_en,
          const char *about_fr,
          const char *text_fr)
{
  DossierNote *note = g_new0 (DossierNote, 1);

  note->text[DOSSIER_LANG_EN] = about_en ? g_strdup_printf ("%s: %s", about_en, text_en) : g_strdup (text_en);
  note->text[DOSSIER_LANG_FR] = about_fr ? g_strdup_printf ("%s : %s", about_fr, text_fr ? text_fr : text_en)
                                         : g_strdup (text_fr ? text_fr : text_en);
  for (guint i = 0; i < ctx->result->unverified->len; i++)
    {
      DossierNote *other = g_ptr_array_index (ctx->result->unverified, i);

      if (g_str_equal (other->text[DOSSIER_LANG_EN], note->text[DOSSIER_LANG_EN]))
        {
          note_free (note);
          return;
        }
    }
  g_ptr_array_add (ctx->result->unverified, note);
}

static void
add_missing (Context    *ctx,
             const char *what_en,
             const char *what_fr,
             const char *path,
             guint       line)
{
  DossierMissing *missing;

  for (guint i = 0; i < ctx->result->missing->len; i++)
    {
      missing = g_ptr_array_index (ctx->result->missing, i);
      if (g_strcmp0 (missing->what[DOSSIER_LANG_EN], what_en) == 0
          && g_strcmp0 (missing->path, path) == 0)
        return;
    }
  missing = g_new0 (DossierMissing, 1);
  missing->what[DOSSIER_LANG_EN] = g_strdup (what_en);
  missing->what[DOSSIER_LANG_FR] = g_strdup (what_fr ? what_fr : what_en);
  missing->path = g_strdup (path);
  missing->line = line;
  g_ptr_array_add (ctx->result->missing, missing);
}

static void
add_missing_field (Context            *ctx,
                   const DossierField *field)
{
  add_missing (ctx, field->title_en, field->title_fr, field->path, 0);
}

static char *
format_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Wages and hours: no trailing zeros, no exponent. */
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", number);
  if (strchr (buffer, '.'))
    {
      char *end = buffer + strlen (buffer) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  return g_strdup (buffer);
}

/* Money reads with its cents: $19.50, not $19.5. */
static char *
format_field_number (const DossierField *field,
                     double              number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* g_ascii_formatd: the report's decimal mark must not follow the process locale. */
  if (g_str_has_suffix (field->name, "wage"))
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", number));
  return format_number (number);
}

static char *
french_number (const char *number)
{
  return g_strdelimit (g_strdup (number), ".", ',');
}

static void
set_field_vars (Context            *ctx,
                const DossierPredicate *predicate,
                const FieldValue   *v,
                const char         *threshold)
{
  const char *prefix = predicate->name ? predicate->name : predicate->field->name;
  g_autofree char *value = NULL;
  g_autofree char *value_fr = NULL;
  g_autofree char *threshold_fr = NULL;

  if (!v->known)
    value = g_strdup ("?");
  else
    switch (predicate->field->type)
      {
      case FIELD_TEXT: value = g_strdup (v->text); break;
      case FIELD_DAY: value = dossier_day_format (v->day); break;
      case FIELD_NUMBER: value = format_field_number (predicate->field, v->number); break;
      case FIELD_ANSWER: value = g_strdup (v->answer == DOSSIER_ANSWER_YES ? "yes" : "no"); break;
      default: g_assert_not_reached ();
      }
  if (v->known && predicate->field->type == FIELD_ANSWER)
    value_fr = g_strdup (v->answer == DOSSIER_ANSWER_YES ? "oui" : "non");
  else if (predicate->field->type == FIELD_NUMBER)
    value_fr = french_number (value);
  else
    value_fr = g_strdup (value);
  set_var2 (ctx, prefix, NULL, value, value_fr);
  if (threshold)
    {
      threshold_fr = predicate->field->type == FIELD_NUMBER ? french_number (threshold)
                                                           : g_strdup (threshold);
      set_var2 (ctx, prefix, "threshold", threshold, threshold_fr);
    }
}

static const char *
op_symbol (DossierCompareOp op)
{
  static const char * const symbols[] = { "≥", ">", "≤", "<", "=", "≠" };

  return symbols[op];
}

static gboolean
compare_numbers (double           a,
                 DossierCompareOp op,
                 double           b)
{
  switch (op)
    {
    case OP_GE: return a >= b;
    case OP_GT: return a > b;
    case OP_LE: return a <= b;
    case OP_LT: return a < b;
    case OP_EQ: return a == b;
    case OP_NE: return a != b;
    default: g_assert_not_reached ();
    }
}

static DossierOutcome
from_bool (gboolean value)
{
  return value ? DOSSIER_OUTCOME_PASS : DOSSIER_OUTCOME_FAIL;
}

static const char *
outcome_arrow (DossierOutcome outcome)
{
  return dossier_outcome_to_string (outcome);
}

static DossierOutcome evaluate (Context                *ctx,
                                const DossierPredicate *predicate);

static DossierOutcome
evaluate_compare (Context                *ctx,
                  const DossierPredicate *predicate)
{
  FieldValue v, to;
  double threshold = predicate->number;
  g_autofree char *threshold_text = NULL;
  g_autofree char *value_text = NULL;
  DossierOutcome outcome;

  field_read (predicate->field, &ctx->scope, &v);
  if (predicate->to_field)
    {
      field_read (predicate->to_field, &ctx->scope, &to);
      threshold = to.known ? to.number : NAN;
      if (!to.known)
        add_missing_field (ctx, predicate->to_field);
    }
  threshold_text = isnan (threshold) ? g_strdup ("?") : format_field_number (predicate->field, threshold);
  set_field_vars (ctx, predicate, &v, threshold_text);
  if (!v.known)
    add_missing_field (ctx, predicate->field);
  if (!v.known || isnan (threshold))
    outcome = DOSSIER_OUTCOME_UNKNOWN;
  else
    outcome = from_bool (compare_numbers (v.number, predicate->op, threshold));
  value_text = v.known ? format_number (v.number) : g_strdup ("?");
  add_evidence (ctx, "%s = %s (%s %s%s%s): %s", predicate->field->name, value_text,
                op_symbol (predicate->op), threshold_text,
                predicate->to_field ? ", " : "",
                predicate->to_field ? predicate->to_field->name : "",
                outcome_arrow (outcome));
  return outcome;
}

static DossierOutcome
evaluate_in (Context                *ctx,
             const DossierPredicate *predicate)
{
  g_autofree char *values = g_strjoinv (" ", predicate->values);
  FieldValue v;
  DossierOutcome outcome;
  gboolean found;

  field_read (predicate->field, &ctx->scope, &v);
  set_field_vars (ctx, predicate, &v, values);
  if (!v.known)
    {
      add_missing_field (ctx, predicate->field);
      outcome = DOSSIER_OUTCOME_UNKNOWN;
    }
  else
    {
      found = g_strv_contains ((const char * const *) predicate->values, v.text);
      outcome = from_bool (predicate->kind == PRED_IN ? found : !found);
    }
  add_evidence (ctx, "%s = %s (%s {%s}): %s", predicate->field->name, v.known ? v.text : "?",
                predicate->kind == PRED_IN ? "∈" : "∉", values, outcome_arrow (outcome));
  return outcome;
}

static DossierOutcome
evaluate_is (Context                *ctx,
             const DossierPredicate *predicate)
{
  FieldValue v;
  DossierOutcome outcome;
  const char *expected = predicate->boolean ? "yes" : "no";

  field_read (predicate->field, &ctx->scope, &v);
  set_field_vars (ctx, predicate, &v, expected);
  if (!v.known)
    {
      add_missing_field (ctx, predicate->field);
      outcome = DOSSIER_OUTCOME_UNKNOWN;
    }
  else
    outcome = from_bool ((v.answer == DOSSIER_ANSWER_YES) == predicate->boolean);
  add_evidence (ctx, "%s = %s (= %s): %s", predicate->field->name,
                !v.known ? "?" : v.answer == DOSSIER_ANSWER_YES ? "yes" : "no", expected,
                outcome_arrow (outcome));
  return outcome;
}

static DossierOutcome
evaluate_date (Context                *ctx,
               const DossierPredicate *predicate)
{
  DossierDay ref = predicate->ref_as_of ? ctx->as_of : predicate->ref_day;
  g_autofree char *ref_text = NULL;
  g_autofree char *value_text = NULL;
  DossierOutcome outcome;
  FieldValue v;

  ref = dossier_day_add_period (ref, &predicate->offset, predicate->offset_sign);
  ref_text = dossier_day_format (ref);
  field_read (predicate->field, &ctx->scope, &v);
  set_field_vars (ctx, predicate, &v, ref_text);
  if (!v.known)
    {
      add_missing_field (ctx, predicate->field);
      outcome = DOSSIER_OUTCOME_UNKNOWN;
    }
  else
    outcome = from_bool (compare_numbers (v.day, predicate->op, ref));
  value_text = dossier_day_format (v.day);
  add_evidence (ctx, "%s = %s (%s %s): %s", predicate->field->name, value_text,
                op_symbol (predicate->op), ref_text, outcome_arrow (outcome));
  return outcome;
}

static DossierOutcome
evaluate_age (Context                *ctx,
              const DossierPredicate *predicate)
{
  const char *prefix = predicate->name ? predicate->name : "age";
  g_autofree char *threshold = format_number (predicate->number);
  DossierOutcome outcome;
  FieldValue v;
  int age = -1;

  field_read (predicate->field, &ctx->scope, &v);
  if (v.known)
    age = dossier_day_age_on (v.day, ctx->as_of);
  if (age < 0)
    {
      add_missing_field (ctx, predicate->field);
      outcome = DOSSIER_OUTCOME_UNKNOWN;
      set_var (ctx, prefix, "?");
    }
  else
    {
      outcome = from_bool (compare_numbers (age, predicate->op, predicate->number));
      set_var_int (ctx, prefix, age);
    }
  set_var2 (ctx, prefix, "threshold", threshold, threshold);
  add_evidence (ctx, "age on the as-of date = %d (%s %s): %s", age, op_symbol (predicate->op),
                threshold, outcome_arrow (outcome));
  return outcome;
}

/* Language: one test, all four abilities, not too old. */

/* Ability names go mid-sentence in messages: "your writing is CLB 3". */
static char *
ability_word (DossierAbility ability,
              const char    *lang)
{
  return g_utf8_strdown (dossier_ability_get_title (ability, lang), -1);
}

static void
level_text (int  level,
            char buffer[8])
{
  if (level < 0)
    g_strlcpy (buffer, "?", 8);
  else
    g_snprintf (buffer, 8, "%d", level);
}

typedef struct
{
  const DossierLanguageTest *test;
  const DossierTestScale    *scale;
  DossierOutcome             outcome;
  int                        levels[DOSSIER_N_ABILITIES];   /* -1 = not given */
  int                        lowest;                        /* -1 = unknown */
  DossierDay                 expires;
} TestJudgement;

static DossierOutcome
evaluate_language (Context                *ctx,
                   const DossierPredicate *predicate)
{
  g_autoptr(GError) error = NULL;
  DossierLanguageTables *tables = dossier_language_tables_get_default (&error);
  GPtrArray *tests = ctx->records->language_tests;
  TestJudgement best = { 0 };
  gboolean have_best = FALSE;
  gboolean any_unknown = FALSE;
  gboolean any_pass = FALSE;
  const char *framework = g_strcmp0 (predicate->lang, "fr") == 0 ? "NCLC" : "CLB";

  set_var_int (ctx, "min", predicate->min_level);
  set_var (ctx, "framework", framework);
  set_var (ctx, "level", "?");
  set_var (ctx, "test", "?");
  set_var (ctx, "test-date", "?");
  set_var (ctx, "test-expires", "?");
  set_var2 (ctx, "ability", NULL, "?", "?");
  set_var2 (ctx, "remedy", NULL,
            "a test from a designated organization (CELPIP-General, IELTS General Training, PTE Core, TEF Canada or TCF Canada)",
            "un test d’un organisme désigné (CELPIP-General, IELTS General Training, PTE Core, TEF Canada ou TCF Canada)");

  if (tables == NULL)
    {
      add_evidence (ctx, "language tables unavailable: %s", error->message);
      return DOSSIER_OUTCOME_UNKNOWN;
    }

  if (tests->len == 0)
    {
      add_missing (ctx, "a language test result", "un résultat de test de langue",
                   "/dossier/language-tests/test", 0);
      return DOSSIER_OUTCOME_UNKNOWN;
    }

  for (guint i = 0; i < tests->len; i++)
    {
      const DossierLanguageTest *test = g_ptr_array_index (tests, i);
      g_autoptr(GError) lookup_error = NULL;
      TestJudgement j = { test, NULL, DOSSIER_OUTCOME_PASS, { -1, -1, -1, -1 }, -1, 0 };
      g_autofree char *date_text = dossier_day_format (test->date);
      const char *test_framework;
      gboolean all_known = TRUE;

      if (test->kind == NULL)
        {
          add_missing (ctx, "the kind of language test", "le type de test de langue",
                       test->origin.path, test->origin.line);
          any_unknown = TRUE;
          continue;
        }
      j.scale = dossier_language_tables_lookup (tables, test->kind, test->scale, &lookup_error);
      if (j.scale == NULL)
        {
          add_evidence (ctx, "%s (%s, line %u): %s", test->kind, date_text, test->origin.line,
                        lookup_error->message);
          continue;
        }
      if (predicate->tests && !g_strv_contains ((const char * const *) predicate->tests, test->kind))
        {
          add_evidence (ctx, "%s (%s): not one of the tests this rule accepts", test->kind, date_text);
          continue;
        }
      test_framework = dossier_test_scale_get_framework (j.scale);
      if (predicate->lang && g_strcmp0 (predicate->lang, "any") != 0
          && (g_strcmp0 (predicate->lang, "fr") == 0) != (g_strcmp0 (test_framework, "NCLC") == 0))
        {
          add_evidence (ctx, "%s (%s): a test of the other official language", test->kind, date_text);
          continue;
        }

      if (dossier_test_scale_get_unverified_in (j.scale, "en"))
        add_note (ctx, dossier_test_scale_get_title (j.scale, "en"),
                  dossier_test_scale_get_unverified_in (j.scale, "en"),
                  dossier_test_scale_get_title (j.scale, "fr"),
                  dossier_test_scale_get_unverified_in (j.scale, "fr"));

      for (guint a = 0; a < DOSSIER_N_ABILITIES; a++)
        {
          if (isnan (test->scores[a]))
            {
              g_autofree char *path = g_strdup_printf ("%s/@%s", test->origin.path,
                                                       dossier_ability_get_name (a));
              g_autofree char *what_en = g_strdup_printf ("the %s score of test %s",
                                                          dossier_ability_get_title (a, "en"),
                                                          test->id ? test->id : test->kind);
              g_autofree char *what_fr = g_strdup_printf ("le résultat en %s du test %s",
                                                          dossier_ability_get_title (a, "fr"),
                                                          test->id ? test->id : test->kind);

              add_missing (ctx, what_en, what_fr, path, test->origin.line);
              all_known = FALSE;
              continue;
            }
          j.levels[a] = dossier_test_scale_level (j.scale, a, test->scores[a], NULL);
          if (j.levels[a] < 0)
            {
              all_known = FALSE;
              continue;
            }
          if (j.lowest < 0 || j.levels[a] < j.lowest)
            j.lowest = j.levels[a];
          if (j.levels[a] < predicate->min_level)
            j.outcome = DOSSIER_OUTCOME_FAIL;
        }
      if (!all_known)
        {
          if (j.outcome != DOSSIER_OUTCOME_FAIL)
            j.outcome = DOSSIER_OUTCOME_UNKNOWN;
          /* The lowest level is not known while an ability is missing. */
          j.lowest = j.outcome == DOSSIER_OUTCOME_FAIL ? j.lowest : -1;
        }

      if (test->date == DOSSIER_DAY_UNKNOWN)
        {
          add_missing (ctx, "the date of the language test", "la date du test de langue",
                       test->origin.path, test->origin.line);
          if (j.outcome == DOSSIER_OUTCOME_PASS)
            j.outcome = DOSSIER_OUTCOME_UNKNOWN;
        }
      else
        {
          j.expires = dossier_day_add_period (test->date, &predicate->max_age, 1);
          if (test->date > ctx->as_of)
            j.outcome = DOSSIER_OUTCOME_FAIL;
          else if ((predicate->max_age.years || predicate->max_age.months || predicate->max_age.days)
                   && j.expires < ctx->as_of)
            j.outcome = DOSSIER_OUTCOME_FAIL;
        }

      {
        g_autofree char *expires = dossier_day_format (j.expires);
        char levels[DOSSIER_N_ABILITIES + 1][8];

        for (guint a = 0; a < DOSSIER_N_ABILITIES; a++)
          level_text (j.levels[a], levels[a]);
        level_text (j.lowest, levels[DOSSIER_N_ABILITIES]);
        add_evidence (ctx, "%s %s: reading %s, writing %s, listening %s, speaking %s → %s %s (needs %d in each); valid until %s: %s",
                      test->kind, date_text, levels[0], levels[1], levels[2], levels[3],
                      test_framework, levels[DOSSIER_N_ABILITIES], predicate->min_level,
                      expires, outcome_arrow (j.outcome));
      }

      if (j.outcome == DOSSIER_OUTCOME_PASS)
        any_pass = TRUE;
      else if (j.outcome == DOSSIER_OUTCOME_UNKNOWN)
        any_unknown = TRUE;

      /* The test worth talking about: a passing one, else the one closest to passing. */
      if (!have_best
          || (j.outcome == DOSSIER_OUTCOME_PASS && best.outcome != DOSSIER_OUTCOME_PASS)
          || (j.outcome == best.outcome && (j.lowest > best.lowest
                                            || (j.lowest == best.lowest && test->date > best.test->date))))
        {
          best = j;
          have_best = TRUE;
        }
    }

  if (have_best)
    {
      const DossierTestScale *scale = best.scale;
      g_autoptr(GString) remedy_en = g_string_new (NULL);
      g_autoptr(GString) remedy_fr = g_string_new (NULL);
      const char *title_en = dossier_test_scale_get_title (scale, "en");
      const char *title_fr = dossier_test_scale_get_title (scale, "fr");
      int weakest = -1;

      set_var (ctx, "framework", dossier_test_scale_get_framework (scale));
      set_var2 (ctx, "test", NULL, title_en, title_fr);
      set_var_day (ctx, "test-date", best.test->date);
      set_var_day (ctx, "test-expires", best.expires);
      /* Level 0 means below the lowest level the tables define. */
      if (best.lowest > 0)
        set_var_int (ctx, "level", best.lowest);
      else if (best.lowest == 0)
        set_var2 (ctx, "level", NULL, "below 4", "inférieur à 4");
      for (guint a = 0; a < DOSSIER_N_ABILITIES; a++)
        if (best.levels[a] >= 0 && (weakest < 0 || best.levels[a] < best.levels[weakest]))
          weakest = (int) a;
      if (weakest >= 0)
        {
          g_autofree char *en = ability_word (weakest, "en");
          g_autofree char *fr = ability_word (weakest, "fr");

          set_var2 (ctx, "ability", NULL, en, fr);
        }

      if (best.test->date != DOSSIER_DAY_UNKNOWN && best.expires < ctx->as_of)
        {
          g_autofree char *after = dossier_day_format (dossier_day_add_period (ctx->as_of, &predicate->max_age, -1));

          g_string_append_printf (remedy_en, "a new test taken on or after %s", after);
          g_string_append_printf (remedy_fr, "un nouveau test passé le %s ou après", after);
        }
      else
        for (guint a = 0; a < DOSSIER_N_ABILITIES; a++)
          {
            double needed;
            g_autofree char *score = NULL;
            g_autofree char *score_fr = NULL;
            g_autofree char *word_en = NULL;
            g_autofree char *word_fr = NULL;

            if (best.levels[a] < 0 || best.levels[a] >= predicate->min_level)
              continue;
            needed = dossier_test_scale_min_score (scale, a, predicate->min_level);
            if (isnan (needed))
              continue;
            score = dossier_test_scale_format_score (scale, needed);
            score_fr = french_number (score);
            word_en = ability_word (a, "en");
            word_fr = ability_word (a, "fr");
            g_string_append_printf (remedy_en, "%s%s ≥ %s", remedy_en->len ? ", " : "", word_en, score);
            g_string_append_printf (remedy_fr, "%s%s ≥ %s", remedy_fr->len ? ", " : "", word_fr, score_fr);
          }
      if (remedy_en->len && best.test->date != DOSSIER_DAY_UNKNOWN && best.expires >= ctx->as_of)
        {
          g_string_prepend (remedy_en, "a new test with ");
          g_string_append_printf (remedy_en, " in %s", title_en);
          g_string_prepend (remedy_fr, "un nouveau test avec ");
          g_string_append_printf (remedy_fr, " au %s", title_fr);
        }
      if (remedy_en->len)
        set_var2 (ctx, "remedy", NULL, remedy_en->str, remedy_fr->str);
    }

  if (any_pass)
    return DOSSIER_OUTCOME_PASS;
  if (any_unknown)
    return DOSSIER_OUTCOME_UNKNOWN;
  /* Every test given is one IRCC does not accept (or too old, or too low): that is an
   * answer, not missing data. */
  return DOSSIER_OUTCOME_FAIL;
}

/* Education: a Canadian credential, or a foreign one with a valid ECA. */

static const char *
credential_label (const DossierCredential *credential)
{
  if (credential->name)
    return credential->name;
  if (credential->id)
    return credential->id;
  return credential->level ? credential->level : "?";
}

static DossierOutcome
judge_credential (Context                 *ctx,
                  const DossierPredicate  *predicate,
                  const DossierCredential *credential,
                  GPtrArray               *bodies,
                  DossierDay              *eca_expires)
{
  int rank = dossier_credential_level_rank (credential->level);
  const DossierEcaBody *body;
  DossierDay expires;
  int eca_rank;

  *eca_expires = DOSSIER_DAY_UNKNOWN;
  if (credential->country && g_strcmp0 (credential->country, "CA") == 0)
    {
      if (rank < 0)
        {
          add_missing (ctx, "the level of the credential", "le niveau du diplôme",
                       credential->origin.path, credential->origin.line);
          return DOSSIER_OUTCOME_UNKNOWN;
        }
      add_evidence (ctx, "%s: Canadian, %s (needs %s or higher): %s", credential_label (credential),
                    credential->level, predicate->min_credential >= 0 ? "" : "?",
                    outcome_arrow (from_bool (rank >= predicate->min_credential)));
      return from_bool (rank >= predicate->min_credential);
    }

  /* An assessment never finds a credential worth more than its own level, so one
   * below the minimum fails whatever an ECA would say. */
  if (rank >= 0 && rank < predicate->min_credential)
    {
      add_evidence (ctx, "%s: %s, below the level needed: fail", credential_label (credential),
                    credential->level);
      return DOSSIER_OUTCOME_FAIL;
    }

  /* Foreign, or not yet known: only an ECA can settle it. */
  if (!credential->has_eca)
    {
      g_autofree char *what_en = g_strdup_printf ("an ECA report for “%s”", credential_label (credential));
      g_autofree char *what_fr = g_strdup_printf ("une évaluation des diplômes d’études (EDE) pour « %s »",
                                                  credential_label (credential));

      if (credential->country == NULL)
        add_missing (ctx, "the country where the credential was earned",
                     "le pays où le diplôme a été obtenu", credential->origin.path,
                     credential->origin.line);
      else
        add_missing (ctx, what_en, what_fr, credential->origin.path, credential->origin.line);
      add_evidence (ctx, "%s: earned in %s, no ECA: unknown", credential_label (credential),
                    credential->country ? credential->country : "?");
      return DOSSIER_OUTCOME_UNKNOWN;
    }

  if (credential->eca_organization == NULL)
    {
      add_missing (ctx, "the organization that issued the ECA", "l’organisme qui a délivré l’EDE",
                   credential->origin.path, credential->origin.line);
      return DOSSIER_OUTCOME_UNKNOWN;
    }
  body = dossier_eca_body_find (bodies, credential->eca_organization);
  if (body == NULL
      || (predicate->eca_organizations
          && !g_strv_contains ((const char * const *) predicate->eca_organizations, body->id))
      || (predicate->eca_organizations == NULL && g_strcmp0 (body->scope, "general") != 0))
    {
      add_evidence (ctx, "%s: the ECA is from “%s”, which is not designated for this purpose: fail",
                    credential_label (credential), credential->eca_organization);
      return DOSSIER_OUTCOME_FAIL;
    }
  if (credential->eca_issued == DOSSIER_DAY_UNKNOWN)
    {
      add_missing (ctx, "the date the ECA was issued", "la date de délivrance de l’EDE",
                   credential->origin.path, credential->origin.line);
      return DOSSIER_OUTCOME_UNKNOWN;
    }
  if (credential->eca_issued < body->designated)
    {
      g_autofree char *issued = dossier_day_format (credential->eca_issued);
      g_autofree char *designated = dossier_day_format (body->designated);

      add_evidence (ctx, "%s: ECA issued %s, before %s was designated on %s: fail",
                    credential_label (credential), issued, body->id, designated);
      return DOSSIER_OUTCOME_FAIL;
    }
  expires = dossier_day_add_period (credential->eca_issued, &predicate->max_age, 1);
  *eca_expires = expires;
  if (credential->eca_issued > ctx->as_of || expires < ctx->as_of)
    {
      g_autofree char *issued = dossier_day_format (credential->eca_issued);
      g_autofree char *until = dossier_day_format (expires);

      add_evidence (ctx, "%s: ECA issued %s, valid until %s: fail", credential_label (credential),
                    issued, until);
      return DOSSIER_OUTCOME_FAIL;
    }
  eca_rank = dossier_credential_level_rank (credential->eca_equivalent);
  if (eca_rank < 0)
    {
      add_missing (ctx, "the Canadian equivalent the ECA states", "l’équivalence canadienne indiquée dans l’EDE",
                   credential->origin.path, credential->origin.line);
      return DOSSIER_OUTCOME_UNKNOWN;
    }
  {
    g_autofree char *until = dossier_day_format (expires);

    add_evidence (ctx, "%s: ECA by %s, equivalent %s, valid until %s: %s", credential_label (credential),
                  body->id, credential->eca_equivalent, until,
                  outcome_arrow (from_bool (eca_rank >= predicate->min_credential)));
  }
  return from_bool (eca_rank >= predicate->min_credential);
}

static DossierOutcome
evaluate_credential (Context                *ctx,
                     const DossierPredicate *predicate)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *bodies = dossier_eca_bodies_get (&error);
  GPtrArray *credentials = ctx->records->credentials;
  DossierOutcome result = DOSSIER_OUTCOME_FAIL;
  const DossierCredential *shown = NULL;
  DossierDay shown_expires = DOSSIER_DAY_UNKNOWN;

  set_var (ctx, "min", dossier_credential_level_name (predicate->min_credential));
  set_var (ctx, "credential", "?");
  set_var (ctx, "level", "?");
  set_var (ctx, "eca", "?");
  set_var (ctx, "eca-expires", "?");

  if (bodies == NULL)
    {
      add_evidence (ctx, "ECA organizations unavailable: %s", error->message);
      return DOSSIER_OUTCOME_UNKNOWN;
    }
  if (credentials->len == 0)
    {
      add_missing (ctx, "an education credential", "un diplôme", "/dossier/education/credential", 0);
      return DOSSIER_OUTCOME_UNKNOWN;
    }

  for (guint i = 0; i < credentials->len; i++)
    {
      const DossierCredential *credential = g_ptr_array_index (credentials, i);
      DossierDay expires;
      DossierOutcome outcome = judge_credential (ctx, predicate, credential, bodies, &expires);

      if (shown == NULL || outcome == DOSSIER_OUTCOME_PASS
          || (outcome == DOSSIER_OUTCOME_UNKNOWN && result == DOSSIER_OUTCOME_FAIL))
        {
          if (result != DOSSIER_OUTCOME_PASS)
            {
              shown = credential;
              shown_expires = expires;
            }
        }
      if (outcome == DOSSIER_OUTCOME_PASS)
        result = DOSSIER_OUTCOME_PASS;
      else if (outcome == DOSSIER_OUTCOME_UNKNOWN && result == DOSSIER_OUTCOME_FAIL)
        result = DOSSIER_OUTCOME_UNKNOWN;
    }

  if (shown)
    {
      set_var (ctx, "credential", credential_label (shown));
      set_var (ctx, "level", shown->has_eca && shown->eca_equivalent ? shown->eca_equivalent
                             : shown->level ? shown->level : "?");
      set_var (ctx, "eca", shown->has_eca && shown->eca_organization ? shown->eca_organization : "—");
      set_var_day (ctx, "eca-expires", shown_expires);
    }
  return result;
}

/* Experience and training. */

static DossierOutcome
evaluate_experience (Context                *ctx,
                     const DossierPredicate *predicate)
{
  DossierExperienceQuery query = { 0 };
  DossierExperienceResult result = { 0 };
  DossierOutcome outcome;
  int known, possible;
  g_autofree char *nocs = predicate->nocs ? g_strjoinv (" ", predicate->nocs) : g_strdup ("any");
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *window_first = NULL;
  g_autofree char *window_last = NULL;

  query.nocs = (const char * const *) predicate->nocs;
  query.settings = (const char * const *) predicate->settings;
  query.window_first = dossier_day_add_period (ctx->as_of, &predicate->window, -1);
  /* Experience gained on or after the day the application is received does not count. */
  query.window_last = dossier_day_add_days (ctx->as_of, -1);
  query.birth_date = ctx->records->applicant.birth_date;
  query.min_age = predicate->min_age;
  query.min_hours_per_week = isnan (predicate->min_hours) ? 0 : predicate->min_hours;
  query.canadian_only = predicate->canadian_only;
  query.require_authorized = predicate->authorized;
  query.exclude_full_time_student = predicate->exclude_students;
  query.combine_nocs = predicate->combine_nocs;
  query.continuous = predicate->continuous;

  window_first = dossier_day_format (query.window_first);
  window_last = dossier_day_format (query.window_last);
  set_var_int (ctx, "min", predicate->min_months);
  set_var (ctx, "window-first", window_first);
  set_var (ctx, "window-last", window_last);
  set_var (ctx, "nocs", nocs);

  if (ctx->records->jobs->len == 0)
    {
      set_var (ctx, "months", "0");
      set_var (ctx, "first", "?");
      set_var (ctx, "last", "?");
      set_var2 (ctx, "missing", NULL, "no job entered", "aucun emploi indiqué");
      add_missing (ctx, "your work history", "vos antécédents de travail", "/dossier/work-history/job", 0);
      return DOSSIER_OUTCOME_UNKNOWN;
    }

  dossier_experience_compute (ctx->records, &query, &result);
  known = predicate->continuous ? result.known.continuous_months : result.known.cumulative_months;
  possible = predicate->continuous ? result.possible.continuous_months : result.possible.cumulative_months;
  if (known >= predicate->min_months)
    outcome = DOSSIER_OUTCOME_PASS;
  else if (possible < predicate->min_months)
    outcome = DOSSIER_OUTCOME_FAIL;
  else
    outcome = DOSSIER_OUTCOME_UNKNOWN;

  set_var_int (ctx, "months", known);
  first = dossier_day_format (result.known.continuous_first);
  last = dossier_day_format (result.known.continuous_last);
  set_var (ctx, "first", first);
  set_var (ctx, "last", last);

  for (guint i = 0; result.notes && i < result.notes->len; i++)
    {
      DossierExperienceNote *note = g_ptr_array_index (result.notes, i);

      g_string_append_printf (missing, "%s%s: %s", missing->len ? "; " : "",
                              note->job_id ? note->job_id : "?", note->reason);
      if (outcome == DOSSIER_OUTCOME_UNKNOWN && note->field)
        {
          g_autofree char *what = g_strdup_printf ("job %s: %s", note->job_id ? note->job_id : "?",
                                                   note->reason);

          add_missing (ctx, what, what, note->field, note->line);
        }
    }
  set_var (ctx, "missing", missing->len ? missing->str : "—");

  {
    g_autofree char *hours = format_number (isnan (predicate->min_hours) ? 0 : predicate->min_hours);

    add_evidence (ctx, "experience in NOC %s from %s to %s, %s, ≥ %s h/week: %d months proven%s%s (possible: %d; needs %d): %s",
                  nocs, window_first, window_last, predicate->continuous ? "continuous" : "cumulative",
                  hours, known, result.known.noc ? " in " : "", result.known.noc ? result.known.noc : "",
                  possible, predicate->min_months, outcome_arrow (outcome));
  }
  if (missing->len)
    add_evidence (ctx, "jobs not (fully) counted: %s", missing->str);

  dossier_experience_result_clear (&result);
  return outcome;
}

static DossierOutcome
evaluate_training (Context                *ctx,
                   const DossierPredicate *predicate)
{
  GPtrArray *courses = ctx->records->courses;
  DossierDay window_first = dossier_day_add_period (ctx->as_of, &predicate->window, -1);
  DossierOutcome result = DOSSIER_OUTCOME_FAIL;
  int best_months = -1;
  const char *best_course = NULL;

  set_var_int (ctx, "min", predicate->min_months);
  set_var (ctx, "months", "0");
  set_var (ctx, "course", "?");

  if (courses->len == 0)
    {
      add_missing (ctx, "a training course", "une formation", "/dossier/training/course", 0);
      return DOSSIER_OUTCOME_UNKNOWN;
    }

  for (guint i = 0; i < courses->len; i++)
    {
      const DossierCourse *course = g_ptr_array_index (courses, i);
      const char *label = course->name ? course->name : course->id ? course->id : "?";
      DossierOutcome outcome = DOSSIER_OUTCOME_PASS;
      g_autofree char *start = dossier_day_format (course->start);
      g_autofree char *end = dossier_day_format (course->end);
      int months = -1;

      if (course->start == DOSSIER_DAY_UNKNOWN || course->end == DOSSIER_DAY_UNKNOWN)
        {
          add_missing (ctx, "the start and end dates of the training", "les dates de début et de fin de la formation",
                       course->origin.path, course->origin.line);
          outcome = DOSSIER_OUTCOME_UNKNOWN;
        }
      else
        {
          months = dossier_day_whole_months (course->start, course->end);
          if (months < predicate->min_months || course->end >= ctx->as_of)
            outcome = DOSSIER_OUTCOME_FAIL;
          else if ((predicate->window.years || predicate->window.months || predicate->window.days)
                   && course->end < window_first)
            outcome = DOSSIER_OUTCOME_FAIL;
        }
      if (predicate->in_person != DOSSIER_ANSWER_UNSET && outcome != DOSSIER_OUTCOME_FAIL)
        {
          if (course->in_person == DOSSIER_ANSWER_UNSET)
            {
              add_missing (ctx, "whether the training was in person", "si la formation était en personne",
                           course->origin.path, course->origin.line);
              outcome = DOSSIER_OUTCOME_UNKNOWN;
            }
          else if (course->in_person != predicate->in_person)
            outcome = DOSSIER_OUTCOME_FAIL;
        }
      if (!isnan (predicate->min_hours) && outcome != DOSSIER_OUTCOME_FAIL)
        {
          if (isnan (course->hours_per_week))
            {
              add_missing (ctx, "the hours per week of the training", "les heures par semaine de la formation",
                           course->origin.path, course->origin.line);
              outcome = DOSSIER_OUTCOME_UNKNOWN;
            }
          else if (course->hours_per_week < predicate->min_hours)
            outcome = DOSSIER_OUTCOME_FAIL;
        }
      if (outcome != DOSSIER_OUTCOME_FAIL && course->credential == NULL)
        {
          add_missing (ctx, "the credential the training led to", "le titre obtenu à la fin de la formation",
                       course->origin.path, course->origin.line);
          outcome = DOSSIER_OUTCOME_UNKNOWN;
        }
      {
        g_autofree char *earliest = dossier_day_format (window_first);

        add_evidence (ctx, "training “%s” %s to %s: %d months (needs %d, ending on or after %s): %s",
                      label, start, end, months, predicate->min_months, earliest,
                      outcome_arrow (outcome));
      }

      if (months > best_months)
        {
          best_months = months;
          best_course = label;
        }
      if (outcome == DOSSIER_OUTCOME_PASS)
        result = DOSSIER_OUTCOME_PASS;
      else if (outcome == DOSSIER_OUTCOME_UNKNOWN && result == DOSSIER_OUTCOME_FAIL)
        result = DOSSIER_OUTCOME_UNKNOWN;
    }

  if (best_months >= 0)
    set_var_int (ctx, "months", best_months);
  if (best_course)
    set_var (ctx, "course", best_course);
  return result;
}

static DossierOutcome
evaluate (Context                *ctx,
          const DossierPredicate *predicate)
{
  DossierOutcome outcome = DOSSIER_OUTCOME_UNKNOWN;

  switch (predicate->kind)
    {
    case PRED_ALL:
    case PRED_ANY:
    case PRED_NONE:
      {
        gboolean any_pass = FALSE, any_fail = FALSE, any_unknown = FALSE;

        for (guint i = 0; i < predicate->children->len; i++)
          switch (evaluate (ctx, g_ptr_array_index (predicate->children, i)))
            {
            case DOSSIER_OUTCOME_PASS: any_pass = TRUE; break;
            case DOSSIER_OUTCOME_FAIL: any_fail = TRUE; break;
            case DOSSIER_OUTCOME_UNKNOWN:
            case DOSSIER_N_OUTCOMES:
            default: any_unknown = TRUE; break;
            }
        if (predicate->kind == PRED_ALL)
          outcome = any_fail ? DOSSIER_OUTCOME_FAIL
                  : any_unknown ? DOSSIER_OUTCOME_UNKNOWN : DOSSIER_OUTCOME_PASS;
        else
          {
            outcome = any_pass ? DOSSIER_OUTCOME_PASS
                    : any_unknown ? DOSSIER_OUTCOME_UNKNOWN : DOSSIER_OUTCOME_FAIL;
            if (predicate->kind == PRED_NONE && outcome != DOSSIER_OUTCOME_UNKNOWN)
              outcome = outcome == DOSSIER_OUTCOME_PASS ? DOSSIER_OUTCOME_FAIL : DOSSIER_OUTCOME_PASS;
          }
      }
      break;
    case PRED_COMPARE: outcome = evaluate_compare (ctx, predicate); break;
    case PRED_IN:
    case PRED_NOT_IN: outcome = evaluate_in (ctx, predicate); break;
    case PRED_IS: outcome = evaluate_is (ctx, predicate); break;
    case PRED_DATE: outcome = evaluate_date (ctx, predicate); break;
    case PRED_AGE: outcome = evaluate_age (ctx, predicate); break;
    case PRED_LANGUAGE:
    case PRED_CREDENTIAL:
    case PRED_EXPERIENCE:
    case PRED_TRAINING:
      {
        const char *saved = ctx->prefix;

        ctx->prefix = predicate->name;
        if (predicate->kind == PRED_LANGUAGE)
          outcome = evaluate_language (ctx, predicate);
        else if (predicate->kind == PRED_CREDENTIAL)
          outcome = evaluate_credential (ctx, predicate);
        else if (predicate->kind == PRED_EXPERIENCE)
          outcome = evaluate_experience (ctx, predicate);
        else
          outcome = evaluate_training (ctx, predicate);
        ctx->prefix = saved;
      }
      break;
    case PRED_UNDETERMINED:
      add_evidence (ctx, "no published threshold can be checked: unknown");
      outcome = DOSSIER_OUTCOME_UNKNOWN;
      break;
    default:
      g_assert_not_reached ();
    }

  if (predicate->unverified[DOSSIER_LANG_EN])
    add_note (ctx, NULL, predicate->unverified[DOSSIER_LANG_EN], NULL,
              predicate->unverified[DOSSIER_LANG_FR]);
  for (guint i = 0; predicate->sources && predicate->sources[i]; i++)
    {
      const DossierSource *source = dossier_pack_get_source (ctx->pack, predicate->sources[i]);

      if (source && !g_ptr_array_find (ctx->result->sources, source, NULL))
        g_ptr_array_add (ctx->result->sources, (gpointer) source);
    }
  return outcome;
}

void
dossier_predicate_collect_placeholders (const DossierPredicate *predicate,
                                        GHashTable             *names)
{
  static const char * const language[] = { "level", "framework", "min", "test", "test-date",
                                           "test-expires", "ability", "remedy", NULL };
  static const char * const credential[] = { "credential", "level", "min", "eca", "eca-expires", NULL };
  static const char * const experience[] = { "months", "min", "first", "last", "window-first",
                                             "window-last", "nocs", "missing", NULL };
  static const char * const training[] = { "months", "min", "course", NULL };
  const char * const *set = NULL;

  switch (predicate->kind)
    {
    case PRED_ALL:
    case PRED_ANY:
    case PRED_NONE:
      for (guint i = 0; i < predicate->children->len; i++)
        dossier_predicate_collect_placeholders (g_ptr_array_index (predicate->children, i), names);
      return;
    case PRED_COMPARE:
    case PRED_IN:
    case PRED_NOT_IN:
    case PRED_IS:
    case PRED_DATE:
    case PRED_AGE:
      {
        const char *prefix = predicate->name ? predicate->name
                           : predicate->kind == PRED_AGE ? "age"
                           : predicate->field ? predicate->field->name : NULL;

        if (prefix)
          {
            g_hash_table_add (names, g_strdup (prefix));
            g_hash_table_add (names, g_strconcat (prefix, ".threshold", NULL));
          }
      }
      return;
    case PRED_LANGUAGE: set = language; break;
    case PRED_CREDENTIAL: set = credential; break;
    case PRED_EXPERIENCE: set = experience; break;
    case PRED_TRAINING: set = training; break;
    case PRED_UNDETERMINED:
    default:
      return;
    }
  for (guint i = 0; set[i]; i++)
    g_hash_table_add (names, predicate->name ? g_strconcat (predicate->name, ".", set[i], NULL)
                                             : g_strdup (set[i]));
}

static char *
render_message (const char *template,
                GHashTable *vars,
                DossierLang lang)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = template;

  if (template == NULL)
    return NULL;
  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close;

      if (open == NULL || (close = strchr (open, '}')) == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      {
        g_autofree char *name = g_strndup (open + 1, close - open - 1);
        Var *var = g_hash_table_lookup (vars, name);

        if (var)
          g_string_append (out, var->value[lang]);
        else
          g_string_append_len (out, open, close - open + 1);
      }
      p = close + 1;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
missing_free (DossierMissing *missing)
{
  g_free (missing->what[DOSSIER_LANG_EN]);
  g_free (missing->what[DOSSIER_LANG_FR]);
  g_free (missing->path);
  g_free (missing);
}

static void
rule_result_free (DossierRuleResult *result)
{
  g_free (result->message[DOSSIER_LANG_EN]);
  g_free (result->message[DOSSIER_LANG_FR]);
  g_clear_pointer (&result->evidence, g_ptr_array_unref);
  g_clear_pointer (&result->missing, g_ptr_array_unref);
  g_clear_pointer (&result->unverified, g_ptr_array_unref);
  g_clear_pointer (&result->sources, g_ptr_array_unref);
  g_free (result);
}

static const DossierRuleVersion *
version_in_effect (const DossierRule *rule,
                   DossierDay         as_of)
{
  for (guint i = 0; i < rule->versions->len; i++)
    {
      const DossierRuleVersion *version = g_ptr_array_index (rule->versions, i);

      if ((version->from == DOSSIER_DAY_UNKNOWN || version->from <= as_of)
          && (version->until == DOSSIER_DAY_UNKNOWN || as_of < version->until))
        return version;
    }
  return NULL;
}

static DossierRuleResult *
evaluate_rule (DossierPack          *pack,
               const DossierRule    *rule,
               const DossierRecords *records,
               DossierDay            as_of)
{
  g_autoptr(GHashTable) vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) var_free);
  DossierRuleResult *result = g_new0 (DossierRuleResult, 1);
  Context ctx = { records, { records, NULL, NULL }, pack, as_of, vars, result, NULL };
  g_autofree char *as_of_text = dossier_day_format (as_of);

  result->rule = rule;
  result->evidence = g_ptr_array_new_with_free_func (g_free);
  result->missing = g_ptr_array_new_with_free_func ((GDestroyNotify) missing_free);
  result->unverified = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  result->sources = g_ptr_array_new ();
  result->version = version_in_effect (rule, as_of);

  if (result->version == NULL)
    {
      result->outcome = DOSSIER_OUTCOME_UNKNOWN;
      result->message[DOSSIER_LANG_EN] =
        g_strdup_printf ("No version of this rule is in effect on %s.", as_of_text);
      result->message[DOSSIER_LANG_FR] =
        g_strdup_printf ("Aucune version de cette règle n’est en vigueur le %s.", as_of_text);
      return result;
    }

  for (guint i = 0; result->version->sources && result->version->sources[i]; i++)
    {
      const DossierSource *source = dossier_pack_get_source (pack, result->version->sources[i]);

      if (source && !g_ptr_array_find (result->sources, source, NULL))
        g_ptr_array_add (result->sources, (gpointer) source);
    }
  set_var (&ctx, "as-of", as_of_text);
  set_var2 (&ctx, "program", NULL, pack->titles[DOSSIER_LANG_EN], pack->titles[DOSSIER_LANG_FR]);
  result->outcome = evaluate (&ctx, result->version->predicate);
  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    result->message[l] = render_message (result->version->messages[result->outcome][l], vars, l);
  /* What is missing matters only while the outcome depends on it. */
  if (result->outcome != DOSSIER_OUTCOME_UNKNOWN)
    g_ptr_array_set_size (result->missing, 0);
  return result;
}

DossierEvaluation *
dossier_evaluate (DossierPack          *pack,
                  const DossierRecords *records,
                  DossierDay            as_of)
{
  DossierEvaluation *evaluation;
  gboolean any_fail = FALSE, any_unknown = FALSE;

  g_return_val_if_fail (DOSSIER_IS_PACK (pack), NULL);
  g_return_val_if_fail (records != NULL, NULL);
  g_return_val_if_fail (as_of != DOSSIER_DAY_UNKNOWN, NULL);

  evaluation = g_new0 (DossierEvaluation, 1);
  evaluation->pack = g_object_ref (pack);
  evaluation->as_of = as_of;
  evaluation->state = dossier_pack_get_state (pack, as_of, &evaluation->state_note[DOSSIER_LANG_EN],
                                              &evaluation->state_note[DOSSIER_LANG_FR]);
  evaluation->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_result_free);

  for (guint i = 0; i < pack->rules->len; i++)
    {
      DossierRuleResult *result = evaluate_rule (pack, g_ptr_array_index (pack->rules, i),
                                                 records, as_of);

      any_fail |= result->outcome == DOSSIER_OUTCOME_FAIL;
      any_unknown |= result->outcome == DOSSIER_OUTCOME_UNKNOWN;
      g_ptr_array_add (evaluation->results, result);
    }

  evaluation->verdict = any_fail ? DOSSIER_VERDICT_NOT_ELIGIBLE
                      : any_unknown ? DOSSIER_VERDICT_INCOMPLETE : DOSSIER_VERDICT_ELIGIBLE;
  return evaluation;
}

DossierOutcome
dossier_evaluate_condition (DossierPack             *pack,
                            const DossierPredicate  *condition,
                            const DossierRecords    *records,
                            const DossierJob        *job,
                            const DossierCredential *credential,
                            DossierDay               as_of,
                            GPtrArray               *missing)
{
  g_autoptr(GHashTable) vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) var_free);
  DossierRuleResult result = { 0 };
  Context ctx = { records, { records, job, credential }, pack, as_of, vars, &result, NULL };
  DossierOutcome outcome;

  result.evidence = g_ptr_array_new_with_free_func (g_free);
  result.missing = missing ? g_ptr_array_ref (missing)
                           : g_ptr_array_new_with_free_func ((GDestroyNotify) missing_free);
  result.unverified = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  result.sources = g_ptr_array_new ();
  outcome = evaluate (&ctx, condition);
  g_ptr_array_unref (result.evidence);
  g_ptr_array_unref (result.missing);
  g_ptr_array_unref (result.unverified);
  g_ptr_array_unref (result.sources);
  return outcome;
}

void
dossier_missing_free (DossierMissing *missing)
{
  missing_free (missing);
}

void
dossier_evaluation_free (DossierEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;
  g_clear_object (&evaluation->pack);
  g_clear_pointer (&evaluation->results, g_ptr_array_unref);
  g_free (evaluation);
}

const char *
dossier_verdict_to_string (DossierVerdict verdict)
{
  switch (verdict)
    {
    case DOSSIER_VERDICT_ELIGIBLE: return "eligible";
    case DOSSIER_VERDICT_NOT_ELIGIBLE: return "not-eligible";
    case DOSSIER_VERDICT_INCOMPLETE:
    default: return "incomplete";
    }
}

const DossierRuleResult *
dossier_evaluation_find (DossierEvaluation *evaluation,
                         const char        *rule_id)
{
  for (guint i = 0; i < evaluation->results->len; i++)
    {
      const DossierRuleResult *result = g_ptr_array_index (evaluation->results, i);

      if (g_strcmp0 (result->rule->id, rule_id) == 0)
        return result;
    }
  return NULL;
}
