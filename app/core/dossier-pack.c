/* dossier-pack.c: loading and checking rule packs
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-checklist.h"
#include "dossier-data.h"
#include "dossier-pack-private.h"
#include "dossier-profile.h"
#include "dossier-xml.h"

#define RULES_NS "urn:dossier:rules:1"
#define ECA_NS "urn:dossier:education:1"
#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define PACK_MAX_BYTES (2 * 1024 * 1024)
#define PACK_MAX_DEPTH 24

G_DEFINE_FINAL_TYPE (DossierPack, dossier_pack, G_TYPE_OBJECT)

G_DEFINE_QUARK (dossier-pack-error-quark, dossier_pack_error)

typedef struct
{
  DossierPack *pack;
  GPtrArray   *problems;
  const char  *filename;
  /* The item fields a predicate may read here: "job." inside a per="job" slot... */
  const char  *item_prefix;
} Loader;

static const char * const state_names[] = {
  [DOSSIER_PROGRAM_UPCOMING] = "upcoming",
  [DOSSIER_PROGRAM_OPEN] = "open",
  [DOSSIER_PROGRAM_PAUSED] = "paused",
  [DOSSIER_PROGRAM_CLOSED] = "closed",
  [DOSSIER_PROGRAM_UNKNOWN] = "unknown",
};

/* Education levels in increasing order; credential predicates compare positions. */
static const char * const credential_levels[] = {
  "none", "secondary", "post-secondary-1y", "post-secondary-2y", "bachelor", "master",
  "doctorate", NULL
};

const char *
dossier_program_state_to_string (DossierProgramState state)
{
  if ((guint) state >= G_N_ELEMENTS (state_names))
    return "unknown";
  return state_names[state];
}

const char *
dossier_lang_code (DossierLang lang)
{
  return lang == DOSSIER_LANG_FR ? "fr" : "en";
}

const char *
dossier_outcome_to_string (DossierOutcome outcome)
{
  switch (outcome)
    {
    case DOSSIER_OUTCOME_PASS: return "pass";
    case DOSSIER_OUTCOME_FAIL: return "fail";
    case DOSSIER_OUTCOME_UNKNOWN:
    case DOSSIER_N_OUTCOMES:
    default: return "unknown";
    }
}

void
dossier_predicate_free (DossierPredicate *predicate)
{
  if (predicate == NULL)
    return;
  g_free (predicate->name);
  g_free (predicate->unverified[DOSSIER_LANG_EN]);
  g_free (predicate->unverified[DOSSIER_LANG_FR]);
  g_strfreev (predicate->sources);
  g_strfreev (predicate->values);
  g_strfreev (predicate->tests);
  g_free (predicate->lang);
  g_strfreev (predicate->eca_organizations);
  g_strfreev (predicate->nocs);
  g_strfreev (predicate->settings);
  g_clear_pointer (&predicate->children, g_ptr_array_unref);
  g_free (predicate);
}

static void
rule_version_free (DossierRuleVersion *version)
{
  g_strfreev (version->sources);
  dossier_predicate_free (version->predicate);
  for (guint o = 0; o < DOSSIER_N_OUTCOMES; o++)
    for (guint l = 0; l < DOSSIER_N_LANGS; l++)
      g_free (version->messages[o][l]);
  g_free (version);
}

static void
rule_free (DossierRule *rule)
{
  g_free (rule->id);
  g_free (rule->kind);
  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    g_free (rule->titles[l]);
  g_clear_pointer (&rule->versions, g_ptr_array_unref);
  g_free (rule);
}

static void
source_free (DossierSource *source)
{
  g_free (source->id);
  g_free (source->grade);
  g_free (source->url);
  g_free (source->title);
  g_free (source->seen);
  g_free (source);
}

static void
status_period_free (DossierStatusPeriod *period)
{
  g_clear_pointer (&period->from, g_date_time_unref);
  g_clear_pointer (&period->until, g_date_time_unref);
  g_strfreev (period->sources);
  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    g_free (period->notes[l]);
  g_free (period);
}

static void
cap_free (DossierCap *cap)
{
  g_free (cap->category);
  g_free (cap->channel);
  g_free (cap->source);
  g_free (cap->unverified);
  g_free (cap);
}

static void
intake_free (DossierIntake *intake)
{
  g_free (intake->id);
  g_clear_pointer (&intake->opens, g_date_time_unref);
  g_clear_pointer (&intake->closes, g_date_time_unref);
  g_free (intake->zone);
  g_strfreev (intake->sources);
  g_clear_pointer (&intake->caps, g_ptr_array_unref);
  g_free (intake);
}

static void
dossier_pack_finalize (GObject *object)
{
  DossierPack *self = (DossierPack *)object;

  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->revision, g_free);
  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    g_clear_pointer (&self->titles[l], g_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->status, g_ptr_array_unref);
  g_clear_pointer (&self->intakes, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->checklist_limits, g_free);
  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (dossier_pack_parent_class)->finalize (object);
}

static void
dossier_pack_class_init (DossierPackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_pack_finalize;
}

static void
dossier_pack_init (DossierPack *self)
{
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) source_free);
  self->status = g_ptr_array_new_with_free_func ((GDestroyNotify) status_period_free);
  self->intakes = g_ptr_array_new_with_free_func ((GDestroyNotify) intake_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_slot_free);
}

/* Reading helpers. */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && (g_strcmp0 ((const char *) node->ns->href, RULES_NS) == 0
             || g_strcmp0 ((const char *) node->ns->href, ECA_NS) == 0)
         && (name == NULL || strcmp ((const char *) node->name, name) == 0);
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *result;

  if (value == NULL)
    return NULL;
  result = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);
  if (*result == '\0')
    g_clear_pointer (&result, g_free);
  return result;
}

static char **
get_list_attr (xmlNode    *node,
               const char *name)
{
  g_autofree char *value = get_attr (node, name);

  if (value == NULL)
    return NULL;
  return g_strsplit_set (g_strdelimit (value, "\t\n\r", ' '), " ", -1);
}

static DossierLang
get_lang (xmlNode *node)
{
  xmlChar *lang = xmlNodeGetLang (node);
  DossierLang result = DOSSIER_LANG_EN;

  if (lang != NULL && g_str_has_prefix ((const char *) lang, "fr"))
    result = DOSSIER_LANG_FR;
  xmlFree (lang);
  return result;
}

static char *
get_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  g_autofree char *raw = NULL;
  g_auto(GStrv) words = NULL;

  if (content == NULL)
    return NULL;
  raw = g_strdup ((const char *) content);
  xmlFree (content);
  /* Messages are written wrapped in the XML; collapse the layout whitespace. */
  words = g_strsplit_set (g_strstrip (raw), " \t\n\r", -1);
  {
    g_autoptr(GString) s = g_string_new (NULL);

    for (guint i = 0; words[i]; i++)
      {
        if (words[i][0] == '\0')
          continue;
        if (s->len)
          g_string_append_c (s, ' ');
        g_string_append (s, words[i]);
      }
    return g_string_free (g_steal_pointer (&s), FALSE);
  }
}

G_GNUC_PRINTF (3, 4)
static void
add_problem (Loader     *loader,
             xmlNode    *node,
             const char *format,
             ...)
{
  DossierProblem *problem;
  va_list args;

  if (loader->problems == NULL)
    return;
  problem = g_new0 (DossierProblem, 1);
  problem->path = node ? dossier_xml_node_path (node) : g_strdup ("/pack");
  problem->line = node ? (guint) xmlGetLineNo (node) : 0;
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (loader->problems, problem);
}

static void
check_sources (Loader      *loader,
               xmlNode     *node,
               char *const *ids)
{
  for (guint i = 0; ids && ids[i]; i++)
    if (ids[i][0] && !g_hash_table_contains (loader->pack->sources, ids[i]))
      add_problem (loader, node, _("source “%s” is not declared in <sources>"), ids[i]);
}

static gboolean
parse_day_attr (Loader     *loader,
                xmlNode    *node,
                const char *name,
                DossierDay *out)
{
  g_autofree char *value = get_attr (node, name);

  *out = DOSSIER_DAY_UNKNOWN;
  if (value == NULL)
    return TRUE;
  if (!dossier_day_parse (value, out))
    {
      add_problem (loader, node, _("%s=“%s” is not a date; write it as YYYY-MM-DD"), name, value);
      return FALSE;
    }
  return TRUE;
}

static void
parse_period_attr (Loader        *loader,
                   xmlNode       *node,
                   const char    *name,
                   DossierPeriod *out,
                   int           *sign)
{
  g_autofree char *value = get_attr (node, name);
  const char *p = value;

  memset (out, 0, sizeof *out);
  if (sign)
    *sign = 1;
  if (value == NULL)
    return;
  if (*p == '-' && sign)
    {
      *sign = -1;
      p++;
    }
  if (!dossier_period_parse (p, out))
    add_problem (loader, node,
                 _("%s=“%s” is not a period; write it as in P2Y, P6M or P30D"), name, value);
}

static GDateTime *
parse_instant_attr (Loader     *loader,
                    xmlNode    *node,
                    const char *name)
{
  g_autofree char *value = get_attr (node, name);
  GDateTime *instant = NULL;

  if (value == NULL)
    return NULL;
  if (!dossier_instant_parse (value, &instant))
    add_problem (loader, node,
                 _("%s=“%s” is not an instant with its UTC offset, as in 2025-03-31T10:00:00-04:00"),
                 name, value);
  return instant;
}

static gboolean
parse_bool_attr (xmlNode    *node,
                 const char *name,
                 gboolean    fallback)
{
  g_autofree char *value = get_attr (node, name);

  if (value == NULL)
    return fallback;
  return g_strcmp0 (value, "true") == 0;
}

static double
parse_number_attr (Loader     *loader,
                   xmlNode    *node,
                   const char *name)
{
  g_autofree char *value = get_attr (node, name);
  char *end = NULL;
  double number;

  if (value == NULL)
    return NAN;
  number = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (number))
    {
      add_problem (loader, node, _("%s=“%s” is not a number"), name, value);
      return NAN;
    }
  return number;
}

static const DossierField *
parse_field_attr (Loader     *loader,
                  xmlNode    *node,
                  const char *name,
                  gboolean    required)
{
  g_autofree char *value = get_attr (node, name);
  const DossierField *field;

  if (value == NULL)
    {
      if (required)
        add_problem (loader, node, _("<%s> needs a %s attribute"), (const char *) node->name, name);
      return NULL;
    }
  field = dossier_field_lookup (value);
  if (field == NULL)
    add_problem (loader, node,
                 _("unknown field “%s”; the fields are listed in data/rules/README.md"), value);
  else if ((g_str_has_prefix (value, "job.") || g_str_has_prefix (value, "credential."))
           && (loader->item_prefix == NULL || !g_str_has_prefix (value, loader->item_prefix)))
    add_problem (loader, node,
                 _("field “%s” can only be read in the <when> of a checklist slot with per=\"%s\""),
                 value, g_str_has_prefix (value, "job.") ? "job" : "credential");
  return field;
}

static const struct
{
  const char           *element;
  DossierPredicateKind  kind;
} predicate_elements[] = {
  { "all", PRED_ALL },
  { "any", PRED_ANY },
  { "none", PRED_NONE },
  { "compare", PRED_COMPARE },
  { "in", PRED_IN },
  { "not-in", PRED_NOT_IN },
  { "is", PRED_IS },
  { "date", PRED_DATE },
  { "age", PRED_AGE },
  { "language", PRED_LANGUAGE },
  { "credential", PRED_CREDENTIAL },
  { "experience", PRED_EXPERIENCE },
  { "training", PRED_TRAINING },
  { "undetermined", PRED_UNDETERMINED },
};

static gboolean
parse_op (const char       *value,
          DossierCompareOp *op)
{
  static const struct { const char *name; DossierCompareOp op; } ops[] = {
    { "ge", OP_GE }, { "gt", OP_GT }, { "le", OP_LE }, { "lt", OP_LT }, { "eq", OP_EQ },
    { "ne", OP_NE },
    /* Date comparisons read better in words. */
    { "on-or-after", OP_GE }, { "after", OP_GT }, { "on-or-before", OP_LE },
    { "before", OP_LT }, { "on", OP_EQ },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (g_strcmp0 (value, ops[i].name) == 0)
      {
        *op = ops[i].op;
        return TRUE;
      }
  return FALSE;
}

int
dossier_credential_level_rank (const char *level)
{
  for (guint i = 0; credential_levels[i]; i++)
    if (g_strcmp0 (level, credential_levels[i]) == 0)
      return (int) i;
  return -1;
}

const char *
dossier_credential_level_name (int rank)
{
  if (rank < 0 || rank >= (int) G_N_ELEMENTS (credential_levels) - 1)
    return "?";
  return credential_levels[rank];
}

static DossierPredicate *
parse_predicate (Loader  *loader,
                 xmlNode *node)
{
  g_autoptr(GPtrArray) children = NULL;
  DossierPredicate *predicate = NULL;
  g_autofree char *op = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (predicate_elements); i++)
    if (is_element (node, predicate_elements[i].element))
      {
        predicate = g_new0 (DossierPredicate, 1);
        predicate->kind = predicate_elements[i].kind;
        predicate->element = predicate_elements[i].element;
        break;
      }
  if (predicate == NULL)
    {
      add_problem (loader, node, _("<%s> is not a predicate"), (const char *) node->name);
      return NULL;
    }

  predicate->line = (guint) xmlGetLineNo (node);
  predicate->name = get_attr (node, "name");
  predicate->unverified[DOSSIER_LANG_EN] = get_attr (node, "unverified");
  predicate->unverified[DOSSIER_LANG_FR] = get_attr (node, "unverified-fr");
  if ((predicate->unverified[DOSSIER_LANG_EN] == NULL) != (predicate->unverified[DOSSIER_LANG_FR] == NULL))
    add_problem (loader, node, _("unverified and unverified-fr go together: reports are in English and French"));
  predicate->sources = get_list_attr (node, "source");
  check_sources (loader, node, predicate->sources);
  predicate->number = NAN;
  predicate->min_hours = NAN;
  predicate->in_person = DOSSIER_ANSWER_UNSET;
  op = get_attr (node, "op");

  switch (predicate->kind)
    {
    case PRED_ALL:
    case PRED_ANY:
    case PRED_NONE:
      predicate->children = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_predicate_free);
      for (xmlNode *child = node->children; child; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
          {
            DossierPredicate *sub = parse_predicate (loader, child);

            if (sub)
              g_ptr_array_add (predicate->children, sub);
          }
      if (predicate->children->len == 0)
        add_problem (loader, node, _("<%s> needs at least one predicate inside"), predicate->element);
      break;

    case PRED_COMPARE:
      predicate->field = parse_field_attr (loader, node, "field", TRUE);
      predicate->to_field = parse_field_attr (loader, node, "to-field", FALSE);
      predicate->number = parse_number_attr (loader, node, "value");
      if (predicate->to_field == NULL && isnan (predicate->number))
        add_problem (loader, node, _("<compare> needs a value or a to-field"));
      if (predicate->field && predicate->field->type != FIELD_NUMBER)
        add_problem (loader, node, _("<compare> works on numbers; %s is not one"),
                     predicate->field->name);
      if (!parse_op (op, &predicate->op) || predicate->op > OP_NE)
        add_problem (loader, node, _("op=“%s” must be one of ge, gt, le, lt, eq, ne"), op ? op : "");
      break;

    case PRED_IN:
    case PRED_NOT_IN:
      predicate->field = parse_field_attr (loader, node, "field", TRUE);
      predicate->values = get_list_attr (node, "values");
      if (predicate->values == NULL)
        add_problem (loader, node, _("<%s> needs values"), predicate->element);
      break;

    case PRED_IS:
      {
        g_autofree char *value = get_attr (node, "value");

        predicate->field = parse_field_attr (loader, node, "field", TRUE);
        if (g_strcmp0 (value, "true") != 0 && g_strcmp0 (value, "false") != 0)
          add_problem (loader, node, _("<is> needs value=“true” or value=“false”"));
        predicate->boolean = g_strcmp0 (value, "true") == 0;
        if (predicate->field && predicate->field->type != FIELD_ANSWER)
          add_problem (loader, node, _("<is> works on yes/no answers; %s is not one"),
                       predicate->field->name);
      }
      break;

    case PRED_DATE:
      {
        g_autofree char *ref = get_attr (node, "ref");

        predicate->field = parse_field_attr (loader, node, "field", TRUE);
        if (predicate->field && predicate->field->type != FIELD_DAY)
          add_problem (loader, node, _("<date> works on dates; %s is not one"),
                       predicate->field->name);
        if (!parse_op (op, &predicate->op))
          add_problem (loader, node,
                       _("op=“%s” must be one of before, on-or-before, after, on-or-after, on"),
                       op ? op : "");
        if (ref == NULL || g_strcmp0 (ref, "as-of") == 0)
          predicate->ref_as_of = TRUE;
        else
          parse_day_attr (loader, node, "ref", &predicate->ref_day);
        parse_period_attr (loader, node, "offset", &predicate->offset, &predicate->offset_sign);
      }
      break;

    case PRED_AGE:
      predicate->field = parse_field_attr (loader, node, "field", TRUE);
      predicate->number = parse_number_attr (loader, node, "years");
      if (!parse_op (op, &predicate->op) || predicate->op > OP_NE)
        add_problem (loader, node, _("op=“%s” must be one of ge, gt, le, lt, eq, ne"), op ? op : "");
      if (isnan (predicate->number))
        add_problem (loader, node, _("<age> needs years"));
      break;

    case PRED_LANGUAGE:
      predicate->min_level = (int) parse_number_attr (loader, node, "min-level");
      parse_period_attr (loader, node, "max-age", &predicate->max_age, NULL);
      predicate->tests = get_list_attr (node, "tests");
      predicate->lang = get_attr (node, "lang");
      if (predicate->min_level < 1 || predicate->min_level > 12)
        add_problem (loader, node, _("<language> needs min-level between 1 and 12"));
      break;

    case PRED_CREDENTIAL:
      {
        g_autofree char *level = get_attr (node, "min-level");

        predicate->min_credential = dossier_credential_level_rank (level);
        if (predicate->min_credential < 0)
          add_problem (loader, node, _("min-level=“%s” is not an education level"), level ? level : "");
        parse_period_attr (loader, node, "eca-max-age", &predicate->max_age, NULL);
        predicate->eca_organizations = get_list_attr (node, "eca-organizations");
      }
      break;

    case PRED_EXPERIENCE:
      predicate->nocs = get_list_attr (node, "nocs");
      predicate->settings = get_list_attr (node, "settings");
      predicate->min_months = (int) parse_number_attr (loader, node, "min-months");
      parse_period_attr (loader, node, "window", &predicate->window, NULL);
      predicate->min_hours = parse_number_attr (loader, node, "min-hours");
      predicate->continuous = parse_bool_attr (node, "continuous", FALSE);
      predicate->min_age = (int) parse_number_attr (loader, node, "min-age");
      predicate->canadian_only = parse_bool_attr (node, "canadian-only", FALSE);
      predicate->authorized = parse_bool_attr (node, "authorized", TRUE);
      predicate->exclude_students = parse_bool_attr (node, "exclude-students", TRUE);
      predicate->combine_nocs = parse_bool_attr (node, "combine-nocs", TRUE);
      if (predicate->min_months <= 0)
        add_problem (loader, node, _("<experience> needs min-months"));
      if (predicate->min_age < 0)
        predicate->min_age = 0;
      break;

    case PRED_TRAINING:
      {
        g_autofree char *in_person = get_attr (node, "in-person");

        predicate->min_months = (int) parse_number_attr (loader, node, "min-months");
        parse_period_attr (loader, node, "window", &predicate->window, NULL);
        predicate->min_hours = parse_number_attr (loader, node, "min-hours");
        if (in_person)
          predicate->in_person = g_strcmp0 (in_person, "true") == 0 ? DOSSIER_ANSWER_YES
                                                                    : DOSSIER_ANSWER_NO;
        if (predicate->min_months <= 0)
          add_problem (loader, node, _("<training> needs min-months"));
      }
      break;

    case PRED_UNDETERMINED:
    default:
      break;
    }

  return predicate;
}

static void
check_placeholders (Loader             *loader,
                    xmlNode            *node,
                    const char         *message,
                    GHashTable         *names,
                    GHashTable         *reported)
{
  const char *p = message;

  while ((p = strchr (p, '{')) != NULL)
    {
      const char *end = strchr (p, '}');
      g_autofree char *name = NULL;

      if (end == NULL)
        {
          add_problem (loader, node, _("a placeholder is not closed with “}”"));
          return;
        }
      name = g_strndup (p + 1, end - p - 1);
      if (!g_hash_table_contains (names, name) && g_hash_table_add (reported, g_strdup (name)))
        add_problem (loader, node,
                     _("placeholder {%s} is set by no predicate of this version"), name);
      p = end + 1;
    }
}

static DossierRuleVersion *
parse_version (Loader      *loader,
               DossierRule *rule,
               xmlNode     *node)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  DossierRuleVersion *version = g_new0 (DossierRuleVersion, 1);
  static const char * const outcome_names[] = { "unknown", "pass", "fail" };

  version->line = (guint) xmlGetLineNo (node);
  parse_day_attr (loader, node, "from", &version->from);
  parse_day_attr (loader, node, "until", &version->until);
  version->sources = get_list_attr (node, "source");
  check_sources (loader, node, version->sources);
  if (version->sources == NULL)
    add_problem (loader, node, _("rule “%s”: every version must cite its source"), rule->id);
  if (version->from && version->until && version->until <= version->from)
    add_problem (loader, node, _("rule “%s”: until must come after from"), rule->id);

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (child, "message"))
        {
          g_autofree char *outcome = get_attr (child, "outcome");
          DossierLang lang = get_lang (child);
          guint o;

          for (o = 0; o < DOSSIER_N_OUTCOMES; o++)
            if (g_strcmp0 (outcome, outcome_names[o]) == 0)
              break;
          if (o == DOSSIER_N_OUTCOMES)
            {
              add_problem (loader, child, _("outcome=“%s” must be pass, fail or unknown"),
                           outcome ? outcome : "");
              continue;
            }
          g_free (version->messages[o][lang]);
          version->messages[o][lang] = get_text (child);
        }
      else if (version->predicate == NULL)
        version->predicate = parse_predicate (loader, child);
      else
        add_problem (loader, child, _("a version holds one predicate; combine several with <all>"));
    }

  if (version->predicate == NULL)
    {
      add_problem (loader, node, _("rule “%s”: this version has no predicate"), rule->id);
      return version;
    }

  g_hash_table_add (names, g_strdup ("as-of"));
  g_hash_table_add (names, g_strdup ("program"));
  dossier_predicate_collect_placeholders (version->predicate, names);
  for (guint o = 0; o < DOSSIER_N_OUTCOMES; o++)
    for (guint l = 0; l < DOSSIER_N_LANGS; l++)
      {
        if (version->messages[o][l] == NULL)
          add_problem (loader, node, _("rule “%s”: no %s message for outcome “%s”"), rule->id,
                       dossier_lang_code (l), outcome_names[o]);
        else
          check_placeholders (loader, node, version->messages[o][l], names, reported);
      }

  return version;
}

static int
compare_versions (gconstpointer a,
                  gconstpointer b)
{
  const DossierRuleVersion *va = *(DossierRuleVersion * const *) a;
  const DossierRuleVersion *vb = *(DossierRuleVersion * const *) b;

  return (va->from > vb->from) - (va->from < vb->from);
}

static void
parse_rule (Loader  *loader,
            xmlNode *node)
{
  static const char * const kinds[] = {
    "work-authorization", "residence", "language", "education", "experience", "job-offer",
    "age", "other", NULL
  };
  DossierRule *rule = g_new0 (DossierRule, 1);

  rule->id = get_attr (node, "id");
  rule->kind = get_attr (node, "kind");
  rule->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_version_free);
  if (rule->id == NULL)
    rule->id = g_strdup ("?");
  if (rule->kind == NULL || !g_strv_contains (kinds, rule->kind))
    add_problem (loader, node, _("rule “%s”: kind=“%s” is not one of the kinds in cli.md"),
                 rule->id, rule->kind ? rule->kind : "");

  for (guint i = 0; i < loader->pack->rules->len; i++)
    {
      DossierRule *other = g_ptr_array_index (loader->pack->rules, i);

      if (g_strcmp0 (other->id, rule->id) == 0)
        add_problem (loader, node, _("rule id “%s” is used twice"), rule->id);
    }

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (is_element (child, "title"))
        {
          DossierLang lang = get_lang (child);

          g_free (rule->titles[lang]);
          rule->titles[lang] = get_text (child);
        }
      else if (is_element (child, "version"))
        g_ptr_array_add (rule->versions, parse_version (loader, rule, child));
    }

  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    if (rule->titles[l] == NULL)
      add_problem (loader, node, _("rule “%s” has no title in %s"), rule->id, dossier_lang_code (l));

  g_ptr_array_sort (rule->versions, compare_versions);
  for (guint i = 1; i < rule->versions->len; i++)
    {
      DossierRuleVersion *prev = g_ptr_array_index (rule->versions, i - 1);
      DossierRuleVersion *next = g_ptr_array_index (rule->versions, i);

      if (prev->until == DOSSIER_DAY_UNKNOWN || next->from == DOSSIER_DAY_UNKNOWN
          || prev->until > next->from)
        {
          g_autofree char *from = dossier_day_format (next->from);

          add_problem (loader, node,
                       _("rule “%s”: the versions at lines %u and %u overlap (the second starts %s)"),
                       rule->id, prev->line, next->line, from);
        }
    }

  g_ptr_array_add (loader->pack->rules, rule);
}

static guint
parse_formats_attr (Loader  *loader,
                    xmlNode *node)
{
  g_auto(GStrv) names = get_list_attr (node, "formats");
  guint formats = 0;

  for (guint i = 0; names && names[i]; i++)
    {
      DossierFileFormat format;

      if (names[i][0] == '\0')
        continue;
      if (dossier_file_format_from_string (names[i], &format))
        formats |= 1u << format;
      else
        add_problem (loader, node, _("“%s” is not a file format Dossier knows"), names[i]);
    }
  return formats;
}

static void
parse_slot (Loader  *loader,
            xmlNode *node)
{
  static const char * const pers[] = { "", "job", "credential", "country-lived", NULL };
  static const struct { const char *name; DossierValidityFrom from; } validities[] = {
    { "passport.expires", DOSSIER_VALIDITY_PASSPORT_EXPIRES },
    { "status.expires", DOSSIER_VALIDITY_STATUS_EXPIRES },
    { "language-test.date", DOSSIER_VALIDITY_LANGUAGE_TEST_DATE },
    { "eca.issued", DOSSIER_VALIDITY_ECA_ISSUED },
    { "document.issued", DOSSIER_VALIDITY_DOCUMENT_ISSUED },
  };
  DossierSlot *slot = g_new0 (DossierSlot, 1);
  g_autofree char *per = get_attr (node, "per");
  g_autofree char *required = get_attr (node, "required");

  slot->id = get_attr (node, "id");
  slot->kind = get_attr (node, "kind");
  slot->required = g_strcmp0 (required, "true") == 0;
  slot->line = (guint) xmlGetLineNo (node);
  slot->sources = get_list_attr (node, "source");
  check_sources (loader, node, slot->sources);
  slot->unverified[DOSSIER_LANG_EN] = get_attr (node, "unverified");
  slot->unverified[DOSSIER_LANG_FR] = get_attr (node, "unverified-fr");
  slot->formats = parse_formats_attr (loader, node);
  slot->max_bytes = (goffset) (isnan (parse_number_attr (loader, node, "max-bytes"))
                               ? 0 : parse_number_attr (loader, node, "max-bytes"));
  if (slot->id == NULL)
    slot->id = g_strdup ("?");
  for (guint i = 0; pers[i]; i++)
    if (g_strcmp0 (per ? per : "", pers[i]) == 0)
      slot->per = (DossierSlotPer) i;
  if (per && slot->per == DOSSIER_SLOT_PER_NONE)
    add_problem (loader, node, _("per=“%s” must be job, credential or country-lived"), per);
  for (guint i = 0; i < loader->pack->slots->len; i++)
    if (g_strcmp0 (((DossierSlot *) g_ptr_array_index (loader->pack->slots, i))->id, slot->id) == 0)
      add_problem (loader, node, _("slot id “%s” is used twice"), slot->id);

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (is_element (child, "title"))
        {
          DossierLang lang = get_lang (child);

          g_free (slot->titles[lang]);
          slot->titles[lang] = get_text (child);
        }
      else if (is_element (child, "help"))
        {
          DossierLang lang = get_lang (child);

          g_free (slot->help[lang]);
          slot->help[lang] = get_text (child);
        }
      else if (is_element (child, "when"))
        {
          loader->item_prefix = slot->per == DOSSIER_SLOT_PER_JOB ? "job."
                              : slot->per == DOSSIER_SLOT_PER_CREDENTIAL ? "credential." : NULL;
          for (xmlNode *p = child->children; p; p = p->next)
            if (p->type == XML_ELEMENT_NODE && slot->when == NULL)
              slot->when = parse_predicate (loader, p);
          loader->item_prefix = NULL;
        }
      else if (is_element (child, "validity"))
        {
          g_autofree char *from = get_attr (child, "from");
          guint i;

          for (i = 0; i < G_N_ELEMENTS (validities); i++)
            if (g_strcmp0 (from, validities[i].name) == 0)
              slot->validity_from = validities[i].from;
          if (slot->validity_from == DOSSIER_VALIDITY_NONE)
            add_problem (loader, child, _("validity from=“%s” is not one of the dated fields"), from ? from : "");
          if (slot->validity_from == DOSSIER_VALIDITY_ECA_ISSUED && slot->per != DOSSIER_SLOT_PER_CREDENTIAL)
            add_problem (loader, child, _("eca.issued needs a slot with per=\"credential\""));
          parse_period_attr (loader, child, "period", &slot->validity_period, NULL);
          slot->validity_unverified[DOSSIER_LANG_EN] = get_attr (child, "unverified");
          slot->validity_unverified[DOSSIER_LANG_FR] = get_attr (child, "unverified-fr");
        }
    }

  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    if (slot->titles[l] == NULL)
      add_problem (loader, node, _("slot “%s” has no title in %s"), slot->id, dossier_lang_code (l));
  if ((slot->unverified[DOSSIER_LANG_EN] == NULL) != (slot->unverified[DOSSIER_LANG_FR] == NULL))
    add_problem (loader, node, _("unverified and unverified-fr go together: reports are in English and French"));

  slot->position = loader->pack->slots->len + 1;
  g_ptr_array_add (loader->pack->slots, slot);
}

static void
parse_checklist (Loader  *loader,
                 xmlNode *node)
{
  g_autoptr(GError) error = NULL;

  loader->pack->checklist_limits = get_attr (node, "limits");
  if (dossier_portal_limits_find (loader->pack->checklist_limits, &error) == NULL)
    add_problem (loader, node, "%s", error->message);
  for (xmlNode *child = node->children; child; child = child->next)
    if (is_element (child, "slot"))
      parse_slot (loader, child);
}

static void
parse_sources (Loader  *loader,
               xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    {
      DossierSource *source;

      if (!is_element (child, "source"))
        continue;
      source = g_new0 (DossierSource, 1);
      source->id = get_attr (child, "id");
      source->grade = get_attr (child, "grade");
      source->url = get_attr (child, "url");
      source->seen = get_attr (child, "seen");
      source->title = get_text (child);
      if (source->id == NULL || g_hash_table_contains (loader->pack->sources, source->id))
        {
          add_problem (loader, child, _("every source needs its own id"));
          source_free (source);
          continue;
        }
      g_hash_table_insert (loader->pack->sources, source->id, source);
    }
}

static DossierProgramState
parse_state (const char *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (value, state_names[i]) == 0)
      return i;
  return DOSSIER_PROGRAM_UNKNOWN;
}

static void
parse_status (Loader  *loader,
              xmlNode *node)
{
  g_autofree char *zone = get_attr (node, "zone");

  if (zone != NULL && loader->pack->zone == NULL)
    loader->pack->zone = g_time_zone_new_identifier (zone);

  for (xmlNode *child = node->children; child; child = child->next)
    {
      DossierStatusPeriod *period;
      g_autofree char *state = NULL;

      if (!is_element (child, "period"))
        continue;
      period = g_new0 (DossierStatusPeriod, 1);
      period->from = parse_instant_attr (loader, child, "from");
      period->until = parse_instant_attr (loader, child, "until");
      state = get_attr (child, "state");
      period->state = parse_state (state);
      if (period->state == DOSSIER_PROGRAM_UNKNOWN)
        add_problem (loader, child, _("state=“%s” must be open, upcoming, closed or paused"),
                     state ? state : "");
      period->sources = get_list_attr (child, "source");
      check_sources (loader, child, period->sources);
      for (xmlNode *note = child->children; note; note = note->next)
        if (is_element (note, "note"))
          {
            DossierLang lang = get_lang (note);

            g_free (period->notes[lang]);
            period->notes[lang] = get_text (note);
          }
      if (loader->pack->status->len > 0)
        {
          DossierStatusPeriod *prev = g_ptr_array_index (loader->pack->status,
                                                         loader->pack->status->len - 1);

          if (prev->until == NULL || period->from == NULL
              || g_date_time_compare (prev->until, period->from) > 0)
            add_problem (loader, child,
                         _("status periods must follow each other without overlapping"));
        }
      g_ptr_array_add (loader->pack->status, period);
    }
}

static void
parse_intake (Loader  *loader,
              xmlNode *node)
{
  DossierIntake *intake = g_new0 (DossierIntake, 1);

  intake->id = get_attr (node, "id");
  intake->opens = parse_instant_attr (loader, node, "opens");
  intake->closes = parse_instant_attr (loader, node, "closes");
  intake->zone = get_attr (node, "zone");
  intake->sources = get_list_attr (node, "source");
  check_sources (loader, node, intake->sources);
  intake->caps = g_ptr_array_new_with_free_func ((GDestroyNotify) cap_free);
  if (intake->opens && intake->closes && g_date_time_compare (intake->opens, intake->closes) >= 0)
    add_problem (loader, node, _("intake “%s” closes before it opens"), intake->id ? intake->id : "");

  for (xmlNode *child = node->children; child; child = child->next)
    {
      DossierCap *cap;
      g_autofree char *text = NULL;
      char *end = NULL;

      if (!is_element (child, "cap"))
        continue;
      cap = g_new0 (DossierCap, 1);
      cap->category = get_attr (child, "category");
      cap->channel = get_attr (child, "channel");
      cap->source = get_attr (child, "source");
      cap->unverified = get_attr (child, "unverified");
      text = get_text (child);
      cap->value = text ? g_ascii_strtoll (text, &end, 10) : -1;
      if (text == NULL || *end != '\0' || cap->value < 0)
        add_problem (loader, child, _("a cap is a whole number of applications"));
      if (cap->source)
        {
          g_auto(GStrv) ids = g_strsplit (cap->source, " ", -1);

          check_sources (loader, child, ids);
        }
      g_ptr_array_add (intake->caps, cap);
    }
  g_ptr_array_add (loader->pack->intakes, intake);
}

DossierPack *
dossier_pack_load (const char  *filename,
                   GPtrArray   *problems,
                   GError     **error)
{
  g_autoptr(DossierPack) pack = NULL;
  g_autoptr(GPtrArray) own_problems = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *format = NULL;
  Loader loader;
  xmlNode *root;

  g_return_val_if_fail (filename != NULL, NULL);

  if (problems == NULL)
    problems = own_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);

  doc = dossier_xml_read_file (filename, PACK_MAX_BYTES, PACK_MAX_DEPTH, error);
  if (doc == NULL)
    return NULL;

  pack = g_object_new (DOSSIER_TYPE_PACK, NULL);
  pack->filename = g_strdup (filename);
  loader.pack = pack;
  loader.problems = problems;
  loader.filename = filename;
  loader.item_prefix = NULL;

  if (!dossier_xml_validate (doc, "rules.rng", problems, error))
    {
      if (error && *error)
        return NULL;
    }
  else
    {
      root = xmlDocGetRootElement (doc);
      pack->id = get_attr (root, "id");
      pack->revision = get_attr (root, "revision");

      /* Sources first: everything else refers to them. */
      for (xmlNode *child = root->children; child; child = child->next)
        if (is_element (child, "sources"))
          parse_sources (&loader, child);

      for (xmlNode *child = root->children; child; child = child->next)
        {
          if (is_element (child, "title"))
            {
              DossierLang lang = get_lang (child);

              g_free (pack->titles[lang]);
              pack->titles[lang] = get_text (child);
            }
          else if (is_element (child, "status"))
            parse_status (&loader, child);
          else if (is_element (child, "intake"))
            parse_intake (&loader, child);
          else if (is_element (child, "rule"))
            parse_rule (&loader, child);
          else if (is_element (child, "checklist"))
            parse_checklist (&loader, child);
        }
      if (pack->zone == NULL)
        pack->zone = g_time_zone_new_utc ();
    }

  if (problems->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE, "%s: %u problem in the rule pack",
                                           "%s: %u problems in the rule pack", problems->len),
                              filename, problems->len);
      for (guint i = 0; i < problems->len; i++)
        {
          DossierProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (message, "\n%s:%u: %s: %s", filename, problem->line,
                                  problem->path, problem->message);
        }
      g_set_error_literal (error, DOSSIER_PACK_ERROR, DOSSIER_PACK_ERROR_INVALID, message->str);
      return NULL;
    }

  return g_steal_pointer (&pack);
}

static int
compare_packs (gconstpointer a,
               gconstpointer b)
{
  DossierPack *pa = *(DossierPack * const *) a;
  DossierPack *pb = *(DossierPack * const *) b;

  return g_strcmp0 (pa->id, pb->id);
}

static GPtrArray *
load_all (GError **error)
{
  g_autoptr(GPtrArray) packs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir_path = dossier_data_path ("rules", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, error);
  if (dir == NULL)
    {
      g_prefix_error (error, _("Cannot read the rule packs (reinstall Dossier or set DOSSIER_DATADIR): "));
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      DossierPack *pack;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      pack = dossier_pack_load (path, NULL, error);
      if (pack == NULL)
        return NULL;
      g_ptr_array_add (packs, pack);
    }
  g_ptr_array_sort (packs, compare_packs);
  return g_steal_pointer (&packs);
}

GPtrArray *
dossier_pack_get_all (GError **error)
{
  static GPtrArray *packs;
  static GError *load_error;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      packs = load_all (&load_error);
      g_once_init_leave (&loaded, 1);
    }
  if (packs == NULL)
    {
      g_propagate_error (error, g_error_copy (load_error));
      return NULL;
    }
  return packs;
}

DossierPack *
dossier_pack_find (const char  *id,
                   GError     **error)
{
  GPtrArray *packs = dossier_pack_get_all (error);
  g_autoptr(GString) known = NULL;

  if (packs == NULL)
    return NULL;
  known = g_string_new (NULL);
  for (guint i = 0; i < packs->len; i++)
    {
      DossierPack *pack = g_ptr_array_index (packs, i);

      if (g_strcmp0 (pack->id, id) == 0)
        return pack;
      g_string_append_printf (known, "%s%s", i ? ", " : "", pack->id);
    }
  g_set_error (error, DOSSIER_PACK_ERROR, DOSSIER_PACK_ERROR_NOT_FOUND,
               _("No program has the id “%s”; the programs are: %s"), id, known->str);
  return NULL;
}

const char *
dossier_pack_get_id (DossierPack *self)
{
  g_return_val_if_fail (DOSSIER_IS_PACK (self), NULL);
  return self->id;
}

const char *
dossier_pack_get_title (DossierPack *self,
                        const char  *lang)
{
  g_return_val_if_fail (DOSSIER_IS_PACK (self), NULL);
  if (g_strcmp0 (lang, "fr") == 0 && self->titles[DOSSIER_LANG_FR])
    return self->titles[DOSSIER_LANG_FR];
  return self->titles[DOSSIER_LANG_EN];
}

const char *
dossier_pack_get_filename (DossierPack *self)
{
  g_return_val_if_fail (DOSSIER_IS_PACK (self), NULL);
  return self->filename;
}

guint
dossier_pack_get_n_rules (DossierPack *self)
{
  g_return_val_if_fail (DOSSIER_IS_PACK (self), 0);
  return self->rules->len;
}

const DossierSource *
dossier_pack_get_source (DossierPack *self,
                         const char  *id)
{
  return g_hash_table_lookup (self->sources, id);
}

/* A program's state on a day is what it was at any moment of that day, preferring
 * "open": on the day an intake opens at 10:00 the program is open, even though it was
 * upcoming at midnight and may fill up by the afternoon. */
DossierProgramState
dossier_pack_get_state (DossierPack  *self,
                        DossierDay    day,
                        const char  **note_en,
                        const char  **note_fr)
{
  g_autoptr(GDateTime) day_start = NULL;
  g_autoptr(GDateTime) day_end = NULL;
  DossierStatusPeriod *found = NULL;
  int y, m, d;

  g_return_val_if_fail (DOSSIER_IS_PACK (self), DOSSIER_PROGRAM_UNKNOWN);

  if (note_en)
    *note_en = NULL;
  if (note_fr)
    *note_fr = NULL;
  if (day == DOSSIER_DAY_UNKNOWN)
    return DOSSIER_PROGRAM_UNKNOWN;

  dossier_day_to_ymd (day, &y, &m, &d);
  day_start = g_date_time_new (self->zone, y, m, d, 0, 0, 0);
  day_end = g_date_time_add_days (day_start, 1);

  for (guint i = 0; i < self->status->len; i++)
    {
      DossierStatusPeriod *period = g_ptr_array_index (self->status, i);

      if (period->from && g_date_time_compare (period->from, day_end) >= 0)
        continue;
      if (period->until && g_date_time_compare (period->until, day_start) <= 0)
        continue;
      if (found == NULL || period->state == DOSSIER_PROGRAM_OPEN)
        found = period;
      if (found->state == DOSSIER_PROGRAM_OPEN)
        break;
    }

  if (found == NULL)
    return DOSSIER_PROGRAM_UNKNOWN;
  if (note_en)
    *note_en = found->notes[DOSSIER_LANG_EN];
  if (note_fr)
    *note_fr = found->notes[DOSSIER_LANG_FR] ? found->notes[DOSSIER_LANG_FR]
                                             : found->notes[DOSSIER_LANG_EN];
  return found->state;
}

GDateTime *
dossier_pack_get_next_opening (DossierPack *self,
                               GDateTime   *now)
{
  GDateTime *next = NULL;

  g_return_val_if_fail (DOSSIER_IS_PACK (self), NULL);

  for (guint i = 0; i < self->intakes->len; i++)
    {
      DossierIntake *intake = g_ptr_array_index (self->intakes, i);

      if (intake->opens == NULL || g_date_time_compare (intake->opens, now) <= 0)
        continue;
      if (next == NULL || g_date_time_compare (intake->opens, next) < 0)
        next = intake->opens;
    }
  return next ? g_date_time_ref (next) : NULL;
}

DossierDay
dossier_pack_get_default_as_of (DossierPack *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next = dossier_pack_get_next_opening (self, now);
  g_autoptr(GDateTime) local = NULL;

  if (next == NULL)
    return dossier_day_today ();
  /* The opening day as the government announced it, in its own time zone. */
  local = g_date_time_to_timezone (next, self->zone);
  return dossier_day_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local),
                               g_date_time_get_day_of_month (local));
}

/* ECA bodies. */

static void
eca_body_free (DossierEcaBody *body)
{
  g_free (body->id);
  g_free (body->scope);
  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    g_free (body->titles[l]);
  g_free (body);
}

static GPtrArray *
load_eca_bodies (GError **error)
{
  g_autofree char *path = dossier_data_path ("education", "eca-bodies.xml");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) eca_body_free);
  g_autoptr(xmlDoc) doc = NULL;
  Loader loader = { NULL, problems, path, NULL };

  doc = dossier_xml_read_file (path, PACK_MAX_BYTES, PACK_MAX_DEPTH, error);
  if (doc == NULL)
    return NULL;
  if (!dossier_xml_validate (doc, "eca-bodies.rng", problems, error))
    {
      if (error && *error == NULL)
        {
          DossierProblem *problem = g_ptr_array_index (problems, 0);

          g_set_error (error, DOSSIER_PACK_ERROR, DOSSIER_PACK_ERROR_INVALID,
                       "%s:%u: %s: %s", path, problem->line, problem->path, problem->message);
        }
      return NULL;
    }

  for (xmlNode *child = xmlDocGetRootElement (doc)->children; child; child = child->next)
    {
      DossierEcaBody *body;

      if (!is_element (child, "body"))
        continue;
      body = g_new0 (DossierEcaBody, 1);
      body->id = get_attr (child, "id");
      body->scope = get_attr (child, "scope");
      parse_day_attr (&loader, child, "designated", &body->designated);
      for (xmlNode *title = child->children; title; title = title->next)
        if (is_element (title, "title"))
          {
            DossierLang lang = get_lang (title);

            g_free (body->titles[lang]);
            body->titles[lang] = get_text (title);
          }
      g_ptr_array_add (bodies, body);
    }
  return g_steal_pointer (&bodies);
}

GPtrArray *
dossier_eca_bodies_get (GError **error)
{
  static GPtrArray *bodies;
  static GError *load_error;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      bodies = load_eca_bodies (&load_error);
      g_once_init_leave (&loaded, 1);
    }
  if (bodies == NULL)
    {
      g_propagate_error (error, g_error_copy (load_error));
      return NULL;
    }
  return bodies;
}

const DossierEcaBody *
dossier_eca_body_find (GPtrArray  *bodies,
                       const char *id)
{
  for (guint i = 0; bodies && i < bodies->len; i++)
    {
      const DossierEcaBody *body = g_ptr_array_index (bodies, i);

      if (g_strcmp0 (body->id, id) == 0)
        return body;
    }
  return NULL;
}
