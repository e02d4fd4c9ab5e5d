/* dossier-profile.c: one applicant's file (.dossier), its loading, checking and saving
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/tree.h>

#include "dossier-language.h"
#include "dossier-profile.h"
#include "dossier-xml.h"

#define PROFILE_NS     "urn:dossier:profile:1"
#define PROFILE_SCHEMA "profile.rng"
#define FORMAT_VERSION 1

/* What dossier_profile_new() starts from: the one required field, still empty. */
#define EMPTY_PROFILE                                                   \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                        \
  "<dossier xmlns=\"" PROFILE_NS "\" format-version=\"1\">\n"           \
  "  <applicant>\n"                                                     \
  "    <family-name></family-name>\n"                                   \
  "  </applicant>\n"                                                    \
  "</dossier>\n"

struct _DossierProfile
{
  GObject         parent_instance;

  /* The document is the source of truth: it keeps what we do not know (elements and
   * attributes of a newer revision), comments and order, so that saving never loses
   * anything. The records are only a view of it. */
  xmlDoc         *doc;
  char           *filename;
  DossierRecords *records;
  GPtrArray      *problems;

  /* The document passed the schema as loaded and has not been edited since. */
  guint           schema_checked : 1;
};

G_DEFINE_FINAL_TYPE (DossierProfile, dossier_profile, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_QUARK (dossier-profile-error-quark, dossier_profile_error)

void
dossier_problem_free (DossierProblem *problem)
{
  if (problem == NULL)
    return;

  g_clear_pointer (&problem->path, g_free);
  g_clear_pointer (&problem->value, g_free);
  g_clear_pointer (&problem->message, g_free);
  g_free (problem);
}

/* ------------------------------------------------------------------------------------
 * Walking the document
 */

static gboolean
is_profile_element (xmlNode    *node,
                    const char *name)
{
  return node != NULL
         && node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && xmlStrEqual (node->ns->href, BAD_CAST PROFILE_NS)
         && (name == NULL || xmlStrEqual (node->name, BAD_CAST name));
}

static xmlNode *
first_child (xmlNode    *parent,
             const char *name)
{
  if (parent == NULL)
    return NULL;
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_profile_element (child, name))
      return child;
  return NULL;
}

static xmlNode *
next_sibling (xmlNode    *node,
              const char *name)
{
  for (xmlNode *sibling = node->next; sibling != NULL; sibling = sibling->next)
    if (is_profile_element (sibling, name))
      return sibling;
  return NULL;
}

/* Attributes of the format are unqualified, but for xml:lang (given as "xml:lang"). */
static xmlNode *
get_attribute (xmlNode    *element,
               const char *name)
{
  if (element == NULL)
    return NULL;
  if (g_str_equal (name, "xml:lang"))
    return (xmlNode *) xmlHasNsProp (element, BAD_CAST "lang", XML_XML_NAMESPACE);
  return (xmlNode *) xmlHasNsProp (element, BAD_CAST name, NULL);
}

static guint
node_line (xmlNode *node)
{
  if (node->type == XML_ATTRIBUTE_NODE && node->parent != NULL)
    node = node->parent;
  return (guint) MAX (xmlGetLineNo (node), 0);
}

/* ------------------------------------------------------------------------------------
 * Building the records
 */

typedef struct
{
  DossierRecords        *records;
  GPtrArray             *problems;
  /* Values outside a list the format defines. The schema refuses them too, but says
   * only that something is wrong with the element; these say what would be valid. */
  GPtrArray             *enum_problems;
  DossierLanguageTables *tables;
} Builder;

static const char * const provinces[] = {
  "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT", NULL,
};

/* The lists of profile-format.md; profile.rng has the same. */
static const char * const status_kinds[] = {
  "work-permit", "maintained-status", "visitor", "student", "asylum-claimant",
  "out-of-status", "permanent-resident", "none", NULL,
};
static const char * const permits[] = {
  "open", "employer-specific", "occupation-restricted", NULL,
};
static const char * const settings[] = {
  "private-home", "institution", NULL,
};
static const char * const levels[] = {
  "secondary", "post-secondary-1y", "post-secondary-2y", "bachelor", "master",
  "doctorate", "none", NULL,
};
static const char * const eca_organizations[] = {
  "wes", "ices", "iqas", "ces", "icas", "mcc", "pebc", NULL,
};
static const char * const employer_kinds[] = {
  "private-household", "home-care-provider", "placement-agency", "family-member",
  "other", NULL,
};
static const char * const tef_scales[] = {
  "2023", "original", NULL,
};

static DossierProblem *new_problem (xmlNode    *node,
                                    const char *value,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (3, 4);

static DossierProblem *
new_problem (xmlNode    *node,
             const char *value,
             const char *format,
             ...)
{
  DossierProblem *problem = g_new0 (DossierProblem, 1);
  va_list args;

  problem->path = dossier_xml_node_path (node);
  problem->line = node_line (node);
  problem->value = g_strdup (value);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  return problem;
}

#define add_problem(builder, node, value, ...) \
  g_ptr_array_add ((builder)->problems, new_problem ((node), (value), __VA_ARGS__))

static const char *
intern (Builder    *builder,
        const char *text)
{
  if (text == NULL)
    return NULL;
  return g_string_chunk_insert (builder->records->strings, text);
}

/* The stripped text of node, in the records' string chunk; NULL when absent or empty. */
static char *
read_string (Builder *builder,
             xmlNode *node)
{
  g_autofree char *text = dossier_xml_node_text (node);

  return (char *) intern (builder, text);
}

static char *
read_enum (Builder           *builder,
           xmlNode           *node,
           const char * const *allowed)
{
  g_autofree char *text = dossier_xml_node_text (node);
  g_autofree char *list = NULL;

  if (text == NULL)
    return NULL;
  if (g_strv_contains (allowed, text))
    return (char *) intern (builder, text);
  list = g_strjoinv (", ", (char **) allowed);
  g_ptr_array_add (builder->enum_problems,
                   new_problem (node, text,
                                _("“%s” is not one of the values allowed here: %s"),
                                text, list));
  return NULL;
}

static char *
read_origin_path (Builder *builder,
                  xmlNode *node)
{
  g_autofree char *path = dossier_xml_node_path (node);

  return (char *) intern (builder, path);
}

static DossierDay
read_date (Builder *builder,
           xmlNode *node)
{
  g_autofree char *text = dossier_xml_node_text (node);
  DossierDay day = DOSSIER_DAY_UNKNOWN;

  if (text == NULL)
    return DOSSIER_DAY_UNKNOWN;
  if (!dossier_day_parse (text, &day) || day == DOSSIER_DAY_UNKNOWN)
    {
      add_problem (builder, node, text,
                   _("“%s” is not a date that exists; write dates as YYYY-MM-DD, "
                     "for example 2025-03-31"),
                   text);
      return DOSSIER_DAY_UNKNOWN;
    }
  return day;
}

typedef enum
{
  ORDER_PASSPORT,
  ORDER_STATUS,
  ORDER_JOB,
  ORDER_COURSE,
} OrderKind;

/* A later date that must not come before an earlier one (an end and its start, an
 * expiry and its issue). The later one is the one reported and left unset. */
static void
check_order (Builder    *builder,
             OrderKind   kind,
             DossierDay  first,
             xmlNode    *last_node,
             DossierDay *last)
{
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;

  if (first == DOSSIER_DAY_UNKNOWN || *last == DOSSIER_DAY_UNKNOWN || *last >= first)
    return;
  first_text = dossier_day_format (first);
  last_text = dossier_day_format (*last);
  switch (kind)
    {
    case ORDER_PASSPORT:
      add_problem (builder, last_node, last_text,
                   _("the passport expires (%s) before it was issued (%s); check both "
                     "dates"), last_text, first_text);
      break;
    case ORDER_STATUS:
      add_problem (builder, last_node, last_text,
                   _("the status expires (%s) before it was issued (%s); check both "
                     "dates"), last_text, first_text);
      break;
    case ORDER_JOB:
      add_problem (builder, last_node, last_text,
                   _("the job ends (%s) before it starts (%s); check both dates"),
                   last_text, first_text);
      break;
    case ORDER_COURSE:
      add_problem (builder, last_node, last_text,
                   _("the course ends (%s) before it starts (%s); check both dates"),
                   last_text, first_text);
      break;
    default:
      g_assert_not_reached ();
    }
  *last = DOSSIER_DAY_UNKNOWN;
}

static gboolean
parse_number (const char *text,
              double     *out_value)
{
  char *end = NULL;
  double value;

  /* Plain decimal notation only: g_ascii_strtod() would also take "inf", "nan" and
   * hexadecimal, which no one means in a form. */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '+')
      return FALSE;
  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || errno != 0 || !isfinite (value))
    return FALSE;
  *out_value = value;
  return TRUE;
}

static double
read_hours (Builder *builder,
            xmlNode *node)
{
  g_autofree char *text = dossier_xml_node_text (node);
  double hours;

  if (text == NULL)
    return NAN;
  if (!parse_number (text, &hours))
    {
      add_problem (builder, node, text,
                   _("“%s” is not a number of hours; give the usual hours a week as a "
                     "number from 0 to 168, for example 37.5"),
                   text);
      return NAN;
    }
  if (hours < 0 || hours > 168)
    {
      add_problem (builder, node, text,
                   _("%s hours a week is impossible; a week has 168 hours, so give a "
                     "number from 0 to 168"),
                   text);
      return NAN;
    }
  return hours;
}

static double
read_money (Builder *builder,
            xmlNode *node)
{
  g_autofree char *text = dossier_xml_node_text (node);
  double amount;

  if (text == NULL)
    return NAN;
  if (!parse_number (text, &amount))
    {
      add_problem (builder, node, text,
                   _("“%s” is not an amount; write it with digits and a decimal point, "
                     "for example 19.50"),
                   text);
      return NAN;
    }
  if (amount < 0)
    {
      add_problem (builder, node, text,
                   _("the wage %s is negative; give the hourly wage in dollars, "
                     "0 or more"),
                   text);
      return NAN;
    }
  return amount;
}

static DossierAnswer
read_answer (Builder *builder,
             xmlNode *node)
{
  g_autofree char *text = dossier_xml_node_text (node);

  if (text == NULL)
    return DOSSIER_ANSWER_UNSET;
  if (g_str_equal (text, "true"))
    return DOSSIER_ANSWER_YES;
  if (g_str_equal (text, "false"))
    return DOSSIER_ANSWER_NO;
  g_ptr_array_add (builder->enum_problems,
                   new_problem (node, text,
                                _("“%s” is not a yes/no answer; write true or false"),
                                text));
  return DOSSIER_ANSWER_UNSET;
}

static char *
read_country (Builder *builder,
              xmlNode *node)
{
  g_autofree char *text = dossier_xml_node_text (node);

  if (text == NULL)
    return NULL;
  if (strlen (text) != 2 || !g_ascii_isupper (text[0]) || !g_ascii_isupper (text[1]))
    {
      add_problem (builder, node, text,
                   _("“%s” is not a country code; use the two capital letters of "
                     "ISO 3166-1, for example PH for the Philippines or CA for Canada"),
                   text);
      return NULL;
    }
  return (char *) intern (builder, text);
}

static char *
read_province (Builder *builder,
               xmlNode *node)
{
  g_autofree char *text = dossier_xml_node_text (node);

  if (text == NULL)
    return NULL;
  if (g_strv_contains (provinces, text))
    return (char *) intern (builder, text);
  add_problem (builder, node, text,
               _("“%s” is not a Canadian province or territory; use one of AB, BC, MB, "
                 "NB, NL, NS, NT, NU, ON, PE, QC, SK, YT"),
               text);
  return NULL;
}

static char *
read_noc (Builder *builder,
          xmlNode *node)
{
  g_autofree char *text = dossier_xml_node_text (node);
  gboolean valid;

  if (text == NULL)
    return NULL;
  valid = strlen (text) == 5;
  for (guint i = 0; valid && i < 5; i++)
    valid = g_ascii_isdigit (text[i]);
  if (!valid)
    {
      add_problem (builder, node, text,
                   _("“%s” is not a NOC 2021 code; NOC codes have five digits, for "
                     "example 44100 for home child care providers"),
                   text);
      return NULL;
    }
  return (char *) intern (builder, text);
}

static void
build_applicant (Builder *builder,
                 xmlNode *applicant_node)
{
  DossierApplicant *applicant = &builder->records->applicant;
  xmlNode *node;

  if (applicant_node == NULL)
    return;

  applicant->family_name = read_string (builder, first_child (applicant_node, "family-name"));
  applicant->given_names = read_string (builder, first_child (applicant_node, "given-names"));
  applicant->birth_date = read_date (builder, first_child (applicant_node, "birth-date"));
  applicant->citizenship = read_country (builder, first_child (applicant_node, "citizenship"));
  applicant->email = read_string (builder, first_child (applicant_node, "email"));
  applicant->phone = read_string (builder, first_child (applicant_node, "phone"));

  if ((node = first_child (applicant_node, "passport")) != NULL)
    {
      applicant->passport_number = read_string (builder, get_attribute (node, "number"));
      applicant->passport_country = read_country (builder, get_attribute (node, "country"));
      applicant->passport_issued = read_date (builder, get_attribute (node, "issued"));
      applicant->passport_expires = read_date (builder, get_attribute (node, "expires"));
      check_order (builder, ORDER_PASSPORT, applicant->passport_issued,
                   get_attribute (node, "expires"), &applicant->passport_expires);
    }

  if ((node = first_child (applicant_node, "residence")) != NULL)
    {
      applicant->residence_country = read_country (builder, get_attribute (node, "country"));
      applicant->residence_province = read_province (builder, get_attribute (node, "province"));
      applicant->residence_since = read_date (builder, get_attribute (node, "since"));
    }

  applicant->intended_province =
    read_province (builder, first_child (applicant_node, "intended-province"));

  if ((node = first_child (applicant_node, "status")) != NULL)
    {
      applicant->status_kind = read_enum (builder, get_attribute (node, "kind"), status_kinds);
      applicant->status_permit = read_enum (builder, get_attribute (node, "permit"), permits);
      applicant->status_province = read_province (builder, get_attribute (node, "province"));
      applicant->status_issued = read_date (builder, get_attribute (node, "issued"));
      applicant->status_expires = read_date (builder, get_attribute (node, "expires"));
      check_order (builder, ORDER_STATUS, applicant->status_issued,
                   get_attribute (node, "expires"), &applicant->status_expires);
    }

  if ((node = first_child (applicant_node, "first-entry")) != NULL)
    applicant->first_entry = read_date (builder, get_attribute (node, "date"));
}

static void
build_job (Builder *builder,
           xmlNode *node)
{
  DossierJob *job = g_new0 (DossierJob, 1);
  xmlNode *start_node = first_child (node, "start");
  xmlNode *end_node = first_child (node, "end");
  xmlNode *duties_node = first_child (node, "duties");
  g_autofree char *end_text = dossier_xml_node_text (end_node);

  job->id = read_string (builder, get_attribute (node, "id"));
  job->employer = read_string (builder, first_child (node, "employer"));
  job->title = read_string (builder, first_child (node, "title"));
  job->noc = read_noc (builder, first_child (node, "noc"));
  job->country = read_country (builder, first_child (node, "country"));
  job->province = read_province (builder, first_child (node, "province"));
  job->setting = read_enum (builder, first_child (node, "setting"), settings);
  job->start = read_date (builder, start_node);
  job->end = read_date (builder, end_node);
  /* No end at all is the current job; an end that is there but wrong is unknown. */
  job->ongoing = end_text == NULL;
  check_order (builder, ORDER_JOB, job->start, end_node, &job->end);
  job->hours_per_week = read_hours (builder, first_child (node, "hours-per-week"));
  job->authorized = read_answer (builder, first_child (node, "authorized"));
  job->full_time_student = read_answer (builder, first_child (node, "full-time-student"));
  job->duties = read_string (builder, duties_node);
  if (duties_node != NULL)
    {
      xmlChar *lang = xmlNodeGetLang (duties_node);

      job->duties_lang = (char *) intern (builder, (const char *) lang);
      xmlFree (lang);
    }
  job->origin.path = read_origin_path (builder, node);
  job->origin.line = node_line (node);
  g_ptr_array_add (builder->records->jobs, job);
}

static void
build_course (Builder *builder,
              xmlNode *node)
{
  DossierCourse *course = g_new0 (DossierCourse, 1);
  xmlNode *start_node = first_child (node, "start");
  xmlNode *end_node = first_child (node, "end");

  course->id = read_string (builder, get_attribute (node, "id"));
  course->name = read_string (builder, first_child (node, "name"));
  course->institution = read_string (builder, first_child (node, "institution"));
  course->country = read_country (builder, first_child (node, "country"));
  course->start = read_date (builder, start_node);
  course->end = read_date (builder, end_node);
  check_order (builder, ORDER_COURSE, course->start, end_node, &course->end);
  course->hours_per_week = read_hours (builder, first_child (node, "hours-per-week"));
  course->in_person = read_answer (builder, first_child (node, "in-person"));
  course->credential = read_string (builder, first_child (node, "credential"));
  course->origin.path = read_origin_path (builder, node);
  course->origin.line = node_line (node);
  g_ptr_array_add (builder->records->courses, course);
}

static void
build_language_test (Builder *builder,
                     xmlNode *node)
{
  static const char * const abilities[DOSSIER_N_ABILITIES] = {
    [DOSSIER_ABILITY_READING] = "reading",
    [DOSSIER_ABILITY_WRITING] = "writing",
    [DOSSIER_ABILITY_LISTENING] = "listening",
    [DOSSIER_ABILITY_SPEAKING] = "speaking",
  };
  DossierLanguageTest *test = g_new0 (DossierLanguageTest, 1);
  const DossierTestScale *scale = NULL;

  test->id = read_string (builder, get_attribute (node, "id"));
  test->kind = read_string (builder, get_attribute (node, "kind"));
  test->scale = read_enum (builder, get_attribute (node, "scale"), tef_scales);
  test->date = read_date (builder, get_attribute (node, "date"));
  test->registration = read_string (builder, get_attribute (node, "registration"));

  /* Tests the tables do not know (or IRCC does not accept) cannot be checked here;
   * the rules say what is wrong with them. */
  if (builder->tables != NULL && test->kind != NULL)
    scale = dossier_language_tables_lookup (builder->tables, test->kind, test->scale, NULL);

  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    {
      xmlNode *score_node = get_attribute (node, abilities[i]);
      g_autofree char *text = dossier_xml_node_text (score_node);
      g_autoptr(GError) error = NULL;
      double score;

      test->scores[i] = NAN;
      if (text == NULL)
        continue;
      if (!parse_number (text, &score))
        {
          add_problem (builder, score_node, text,
                       _("“%s” is not a test score; copy the %s score from the test "
                         "report, for example 7 or 6.5"),
                       text, abilities[i]);
          continue;
        }
      if (scale != NULL
          && dossier_test_scale_level (scale, (DossierAbility) i, score, &error) < 0)
        {
          add_problem (builder, score_node, text, "%s",
                       error != NULL ? error->message
                                     : _("the score is outside the test’s scale"));
          continue;
        }
      test->scores[i] = score;
    }

  test->origin.path = read_origin_path (builder, node);
  test->origin.line = node_line (node);
  g_ptr_array_add (builder->records->language_tests, test);
}

static void
build_credential (Builder *builder,
                  xmlNode *node)
{
  DossierCredential *credential = g_new0 (DossierCredential, 1);
  xmlNode *eca = first_child (node, "eca");

  credential->id = read_string (builder, get_attribute (node, "id"));
  credential->level = read_enum (builder, get_attribute (node, "level"), levels);
  credential->country = read_country (builder, get_attribute (node, "country"));
  credential->completed = read_date (builder, get_attribute (node, "completed"));
  credential->name = read_string (builder, first_child (node, "name"));
  if (eca != NULL)
    {
      credential->has_eca = TRUE;
      credential->eca_organization = read_enum (builder, get_attribute (eca, "organization"),
                                                 eca_organizations);
      credential->eca_reference = read_string (builder, get_attribute (eca, "reference"));
      credential->eca_issued = read_date (builder, get_attribute (eca, "issued"));
      credential->eca_equivalent = read_enum (builder, get_attribute (eca, "equivalent"), levels);
    }
  credential->origin.path = read_origin_path (builder, node);
  credential->origin.line = node_line (node);
  g_ptr_array_add (builder->records->credentials, credential);
}

static void
build_job_offer (Builder *builder,
                 xmlNode *node)
{
  DossierJobOffer *offer = &builder->records->offer;
  xmlNode *employer = first_child (node, "employer");
  xmlNode *median = first_child (node, "median-hourly-wage");

  offer->present = TRUE;
  offer->employer = read_string (builder, employer);
  offer->employer_kind = read_enum (builder, get_attribute (employer, "kind"), employer_kinds);
  offer->noc = read_noc (builder, first_child (node, "noc"));
  offer->province = read_province (builder, first_child (node, "province"));
  offer->setting = read_enum (builder, first_child (node, "setting"), settings);
  offer->hours_per_week = read_hours (builder, first_child (node, "hours-per-week"));
  offer->hourly_wage = read_money (builder, first_child (node, "hourly-wage"));
  offer->median_hourly_wage = read_money (builder, median);
  offer->median_source = read_string (builder, get_attribute (median, "source"));
  offer->permanent = read_answer (builder, first_child (node, "permanent"));
  offer->seasonal = read_answer (builder, first_child (node, "seasonal"));
  offer->start = read_date (builder, first_child (node, "start"));
  offer->origin.path = read_origin_path (builder, node);
  offer->origin.line = node_line (node);
}

static void
build_document (Builder *builder,
                xmlNode *node)
{
  DossierDocument *document = g_new0 (DossierDocument, 1);

  document->kind = read_string (builder, get_attribute (node, "kind"));
  document->file = read_string (builder, get_attribute (node, "file"));
  document->job = read_string (builder, get_attribute (node, "job"));
  document->country = read_country (builder, get_attribute (node, "country"));
  document->credential = read_string (builder, get_attribute (node, "credential"));
  document->issued = read_date (builder, get_attribute (node, "issued"));
  document->lang = read_string (builder, get_attribute (node, "lang"));
  document->origin.path = read_origin_path (builder, node);
  document->origin.line = node_line (node);
  g_ptr_array_add (builder->records->documents, document);
}

static void
build_list (Builder    *builder,
            xmlNode    *root,
            const char *list_name,
            const char *item_name,
            void      (*build_item) (Builder *builder,
                                     xmlNode *node))
{
  xmlNode *list = first_child (root, list_name);

  if (list == NULL)
    return;
  for (xmlNode *item = first_child (list, item_name);
       item != NULL;
       item = next_sibling (item, item_name))
    build_item (builder, item);
}

static gboolean
path_is_within (const char *inner,
                const char *outer)
{
  gsize outer_len = strlen (outer);

  return strncmp (inner, outer, outer_len) == 0
         && (inner[outer_len] == '\0' || inner[outer_len] == '/');
}

static int
compare_problem_lines (gconstpointer a,
                       gconstpointer b)
{
  const DossierProblem *pa = *(DossierProblem * const *) a;
  const DossierProblem *pb = *(DossierProblem * const *) b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

/* Puts the three kinds of problems together, in the order of the file. A schema
 * problem on an element that holds a value outside its list is that value's problem
 * said less well, so it is dropped. */
static GPtrArray *
combine_problems (GPtrArray *value_problems,
                  GPtrArray *enum_problems,
                  GPtrArray *schema_problems)
{
  GPtrArray *problems = g_ptr_array_ref (value_problems);

  if (schema_problems != NULL)
    {
      g_autofree gpointer *items = NULL;
      gsize n_items = 0;

      items = g_ptr_array_steal (schema_problems, &n_items);
      for (gsize i = 0; i < n_items; i++)
        {
          DossierProblem *problem = items[i];
          gboolean explained = FALSE;

          for (guint j = 0; !explained && j < enum_problems->len; j++)
            {
              const DossierProblem *enum_problem = g_ptr_array_index (enum_problems, j);

              explained = path_is_within (enum_problem->path, problem->path);
            }
          if (explained)
            dossier_problem_free (problem);
          else
            g_ptr_array_add (problems, problem);
        }
    }
  g_ptr_array_extend_and_steal (problems, g_ptr_array_ref (enum_problems));
  g_ptr_array_sort (problems, compare_problem_lines);
  return problems;
}

static GPtrArray *
new_problem_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);
}

/* Reads the typed view out of doc. */
static void
build_records (xmlDoc     *doc,
               Builder    *builder)
{
  g_autoptr(GError) error = NULL;
  xmlNode *root;
  xmlNode *offer;

  builder->tables = dossier_language_tables_get_default (&error);
  if (builder->tables == NULL)
    g_debug ("Language scores are not checked: %s", error->message);

  root = xmlDocGetRootElement (doc);
  build_applicant (builder, first_child (root, "applicant"));
  build_list (builder, root, "work-history", "job", build_job);
  build_list (builder, root, "training", "course", build_course);
  build_list (builder, root, "language-tests", "test", build_language_test);
  build_list (builder, root, "education", "credential", build_credential);
  if ((offer = first_child (root, "job-offer")) != NULL)
    build_job_offer (builder, offer);
  {
    xmlNode *program = first_child (root, "program");

    if (program != NULL)
      builder->records->program = read_string (builder, get_attribute (program, "id"));
  }
  build_list (builder, root, "documents", "document", build_document);
}

static void
dossier_profile_build_records (DossierProfile *self)
{
  g_autoptr(DossierRecords) records = dossier_records_new ();
  g_autoptr(GPtrArray) value_problems = new_problem_array ();
  g_autoptr(GPtrArray) enum_problems = new_problem_array ();
  g_autoptr(GPtrArray) schema_problems = NULL;
  Builder builder = { records, value_problems, enum_problems, NULL };

  g_assert (DOSSIER_IS_PROFILE (self));

  build_records (self->doc, &builder);

  /* After an edit the shape may have gone wrong (a repeated element); say so with the
   * value problems rather than refusing anything. */
  if (!self->schema_checked)
    {
      g_autoptr(GError) error = NULL;

      schema_problems = new_problem_array ();
      if (!dossier_xml_validate (self->doc, PROFILE_SCHEMA, schema_problems, &error)
          && error != NULL)
        g_warning ("Cannot check the profile: %s", error->message);
    }

  g_clear_pointer (&self->records, dossier_records_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->records = g_steal_pointer (&records);
  self->problems = combine_problems (value_problems, enum_problems, schema_problems);
}

static void
dossier_profile_changed (DossierProfile *self)
{
  g_assert (DOSSIER_IS_PROFILE (self));

  g_clear_pointer (&self->records, dossier_records_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->schema_checked = FALSE;
  g_signal_emit (self, signals [CHANGED], 0);
}

/* ------------------------------------------------------------------------------------
 * Loading
 */

static DossierProfile *
dossier_profile_new_for_doc (xmlDoc      *doc,
                             const char  *filename,
                             const char  *display_name,
                             GError     **error)
{
  g_autoptr(xmlDoc) owned_doc = doc;
  g_autoptr(GPtrArray) schema_problems = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *version = NULL;
  DossierProfile *self;
  xmlNode *root = xmlDocGetRootElement (doc);
  char *end = NULL;
  guint64 major;

  if (!is_profile_element (root, "dossier"))
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID,
                   _("“%s” is not a Dossier profile: it is a <%s> document%s%s%s, not a "
                     "<dossier> in the namespace %s. Check that you chose the right "
                     "file."),
                   display_name, root->name,
                   root->ns != NULL ? _(" in the namespace “") : "",
                   root->ns != NULL ? (const char *) root->ns->href : "",
                   root->ns != NULL ? "”" : "",
                   PROFILE_NS);
      return NULL;
    }

  version = dossier_xml_node_text (get_attribute (root, "format-version"));
  if (version != NULL)
    major = g_ascii_strtoull (version, &end, 10);
  if (version == NULL || end == version || (*end != '\0' && *end != '.') || major == 0)
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID,
                   _("%s:%d: /dossier/@format-version: the format version is “%s”, "
                     "which is not a version number (this version of Dossier writes 1)"),
                   display_name, (int) node_line (root), version ? version : "");
      return NULL;
    }
  if (major > FORMAT_VERSION)
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_NEWER_FORMAT,
                   /* A plain conversion: xgettext cannot see through G_GUINT64_FORMAT. */
                   _("“%s” was written by a newer Dossier (format %llu); update Dossier "
                     "to open it."),
                   display_name, (unsigned long long) major);
      return NULL;
    }

  schema_problems = new_problem_array ();
  if (!dossier_xml_validate (doc, PROFILE_SCHEMA, schema_problems, &local_error))
    {
      g_autoptr(DossierRecords) records = NULL;
      g_autoptr(GPtrArray) value_problems = NULL;
      g_autoptr(GPtrArray) enum_problems = NULL;
      g_autoptr(GString) message = NULL;
      Builder builder = { NULL, };

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      /* Values outside their lists are reported with what would be valid; the other
       * value problems do not stop loading, so they wait until the file loads. */
      records = dossier_records_new ();
      value_problems = new_problem_array ();
      enum_problems = new_problem_array ();
      builder.records = records;
      builder.problems = value_problems;
      builder.enum_problems = enum_problems;
      build_records (doc, &builder);
      g_ptr_array_set_size (value_problems, 0);
      problems = combine_problems (value_problems, enum_problems, schema_problems);

      message = g_string_new (NULL);
      g_string_append_printf (message,
                              _("“%s” does not follow the profile format:"),
                              display_name);
      for (guint i = 0; i < problems->len; i++)
        {
          DossierProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (message, "\n%s:%u: %s: %s",
                                  display_name, problem->line, problem->path,
                                  problem->message);
        }
      g_set_error_literal (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID,
                           message->str);
      return NULL;
    }

  self = g_object_new (DOSSIER_TYPE_PROFILE, NULL);
  self->doc = g_steal_pointer (&owned_doc);
  self->filename = g_strdup (filename);
  self->schema_checked = TRUE;
  return self;
}

static void
dossier_profile_finalize (GObject *object)
{
  DossierProfile *self = (DossierProfile *)object;

  g_clear_pointer (&self->records, dossier_records_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->doc, xmlFreeDoc);
  g_clear_pointer (&self->filename, g_free);

  G_OBJECT_CLASS (dossier_profile_parent_class)->finalize (object);
}

static void
dossier_profile_class_init (DossierProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_profile_finalize;

  /**
   * DossierProfile::changed:
   *
   * Emitted after dossier_profile_set_value() changed the document. The records and
   * problems handed out before are gone by then.
   */
  signals [CHANGED] = g_signal_new ("changed",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0,
                                    NULL, NULL,
                                    NULL,
                                    G_TYPE_NONE, 0);
}

static void
dossier_profile_init (DossierProfile *self)
{
}

/**
 * dossier_profile_new:
 *
 * Returns: (transfer full): a profile with nothing filled in but the (empty) family
 *   name the format requires, and no file name.
 */
DossierProfile *
dossier_profile_new (void)
{
  g_autoptr(GError) error = NULL;
  DossierProfile *self;
  xmlDoc *doc;

  doc = dossier_xml_read_memory (EMPTY_PROFILE, strlen (EMPTY_PROFILE), "new profile",
                                 DOSSIER_PROFILE_MAX_BYTES, DOSSIER_PROFILE_MAX_DEPTH,
                                 &error);
  g_assert_no_error (error);

  /* Valid by construction, so it needs no schema (nor a working installation). */
  self = g_object_new (DOSSIER_TYPE_PROFILE, NULL);
  self->doc = doc;
  self->schema_checked = TRUE;
  return self;
}

/**
 * dossier_profile_load:
 * @filename: a .dossier file
 * @error: TOO_LARGE, HOSTILE, MALFORMED, IO, NEWER_FORMAT or INVALID
 *
 * Reads, checks and validates a profile. Problems with values (see
 * dossier_profile_get_problems()) do not make loading fail.
 */
DossierProfile *
dossier_profile_load (const char  *filename,
                      GError     **error)
{
  g_autofree char *display_name = NULL;
  xmlDoc *doc;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = dossier_xml_read_file (filename, DOSSIER_PROFILE_MAX_BYTES,
                               DOSSIER_PROFILE_MAX_DEPTH, error);
  if (doc == NULL)
    return NULL;
  display_name = g_filename_display_name (filename);
  return dossier_profile_new_for_doc (doc, filename, display_name, error);
}

DossierProfile *
dossier_profile_load_from_data (const char  *data,
                                gsize        length,
                                const char  *display_name,
                                GError     **error)
{
  xmlDoc *doc;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = _("the profile");
  doc = dossier_xml_read_memory (data, length, display_name, DOSSIER_PROFILE_MAX_BYTES,
                                 DOSSIER_PROFILE_MAX_DEPTH, error);
  if (doc == NULL)
    return NULL;
  return dossier_profile_new_for_doc (doc, NULL, display_name, error);
}

DossierProfile *
dossier_profile_load_detached (const char  *data,
                               gsize        length,
                               const char  *filename,
                               GError     **error)
{
  g_autoptr(DossierProfile) copy = NULL;
  g_autoptr(GPtrArray) fixes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = filename != NULL ? g_path_get_dirname (filename) : g_get_current_dir ();
  const DossierRecords *records;

  copy = dossier_profile_load_from_data (data, length, NULL, error);
  if (copy == NULL)
    return NULL;
  /* Collected first: setting a value rebuilds the records being read. */
  records = dossier_profile_get_records (copy);
  for (guint i = 0; i < records->documents->len; i++)
    {
      const DossierDocument *document = g_ptr_array_index (records->documents, i);

      if (document->file != NULL && !g_path_is_absolute (document->file))
        {
          g_ptr_array_add (fixes, g_strdup_printf ("%s/@file", document->origin.path));
          g_ptr_array_add (fixes, g_build_filename (dir, document->file, NULL));
        }
    }
  for (guint i = 0; i + 1 < fixes->len; i += 2)
    if (!dossier_profile_set_value (copy, g_ptr_array_index (fixes, i),
                                    g_ptr_array_index (fixes, i + 1), error))
      return NULL;
  return g_steal_pointer (&copy);
}

/* ------------------------------------------------------------------------------------
 * Saving
 */

/**
 * dossier_profile_to_data:
 * @length: (out) (optional): the length, without the trailing NUL
 *
 * Returns: (transfer full): the profile as UTF-8 XML, with everything it was loaded
 *   with (unknown elements and attributes, comments, order).
 */
char *
dossier_profile_to_data (DossierProfile *self,
                         gsize          *length)
{
  xmlChar *buffer = NULL;
  int size = 0;
  char *data;

  g_return_val_if_fail (DOSSIER_IS_PROFILE (self), NULL);

  /* No reformatting: the whitespace of the document is kept as it is. */
  xmlDocDumpFormatMemoryEnc (self->doc, &buffer, &size, "UTF-8", 0);
  if (buffer == NULL)
    g_error ("Out of memory serializing a profile");
  data = g_strndup ((const char *) buffer, (gsize) size);
  xmlFree (buffer);
  if (length != NULL)
    *length = (gsize) size;
  return data;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/**
 * dossier_profile_save:
 * @filename: (nullable): where to save; NULL for the file it was loaded from
 *
 * Saves atomically: the profile is written to a temporary file next to @filename,
 * flushed to disk and renamed over it, so a crash or a full disk never leaves a
 * half-written profile, and on any error the existing file is untouched. The file is
 * readable by its owner only (it holds passport numbers and dates of birth).
 * On success the profile's file name becomes @filename.
 */
gboolean
dossier_profile_save (DossierProfile  *self,
                      const char      *filename,
                      GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *dirname = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *target = NULL;
  gsize length = 0;
  int saved_errno = 0;
  int fd;
  int dir_fd;

  g_return_val_if_fail (DOSSIER_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (filename != NULL || self->filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = g_strdup (filename != NULL ? filename : self->filename);
  display_name = g_filename_display_name (target);
  dirname = g_path_get_dirname (target);
  basename = g_path_get_basename (target);
  data = dossier_profile_to_data (self, &length);

  /* Same folder, so that rename() is atomic (same filesystem); hidden, so that a
   * leftover after a power cut does not look like a second profile. */
  tmp_name = g_strdup_printf ("%s%c.%s.XXXXXX", dirname, G_DIR_SEPARATOR, basename);
  fd = g_mkstemp_full (tmp_name, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
                   _("Cannot save “%s”: cannot create a file in its folder (%s). Check "
                     "that the folder exists and that you may write in it, or save "
                     "somewhere else."),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }

  /* mkstemp's mode is 0600 already; fchmod makes sure whatever the filesystem does. */
  if (fchmod (fd, 0600) != 0
      || !write_all (fd, data, length, &saved_errno)
      || fsync (fd) != 0)
    {
      if (saved_errno == 0)
        saved_errno = errno;
      g_close (fd, NULL);
      g_unlink (tmp_name);
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
                   _("Cannot save “%s”: %s. The file was left as it was; free some "
                     "space or save somewhere else."),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }
  if (!g_close (fd, NULL))
    {
      saved_errno = errno;
      g_unlink (tmp_name);
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
                   _("Cannot save “%s”: %s. The file was left as it was; free some "
                     "space or save somewhere else."),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }
  if (g_rename (tmp_name, target) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_name);
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
                   _("Cannot save “%s”: %s. The file was left as it was; save "
                     "somewhere else."),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }

  /* The rename itself must reach the disk too; failing here loses nothing we can act
   * on, so it is not an error. */
  dir_fd = g_open (dirname, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      g_close (dir_fd, NULL);
    }

  if (filename != NULL && g_strcmp0 (filename, self->filename) != 0)
    {
      g_free (self->filename);
      self->filename = g_strdup (filename);
    }
  return TRUE;
}

const char *
dossier_profile_get_filename (DossierProfile *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROFILE (self), NULL);

  return self->filename;
}

/**
 * dossier_profile_get_records:
 *
 * Returns: (transfer none): the typed view, built on first use after a change and
 *   valid until the next change (dossier_profile_set_value()) or the profile's end.
 */
const DossierRecords *
dossier_profile_get_records (DossierProfile *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROFILE (self), NULL);

  if (self->records == NULL)
    dossier_profile_build_records (self);
  return self->records;
}

DossierRecords *
dossier_profile_dup_records (DossierProfile *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROFILE (self), NULL);

  return dossier_records_ref ((DossierRecords *) dossier_profile_get_records (self));
}

/**
 * dossier_profile_get_problems:
 *
 * Returns: (transfer none) (element-type DossierProblem): the problems found while
 *   building the records; valid as long as they are.
 */
GPtrArray *
dossier_profile_get_problems (DossierProfile *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROFILE (self), NULL);

  if (self->records == NULL)
    dossier_profile_build_records (self);
  return self->problems;
}

/* ------------------------------------------------------------------------------------
 * Access by path
 */

typedef struct
{
  char  *name;
  guint  position;       /* 0 = none given */
  char  *key;            /* [@key='value'] */
  char  *key_value;
} Step;

static void
step_clear (Step *step)
{
  g_clear_pointer (&step->name, g_free);
  g_clear_pointer (&step->key, g_free);
  g_clear_pointer (&step->key_value, g_free);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.';
}

static char *
scan_name (const char **p)
{
  const char *start = *p;

  while (is_name_char (**p))
    (*p)++;
  if (*p == start || !g_ascii_isalpha (*start))
    return NULL;
  return g_strndup (start, *p - start);
}

/* "applicant/passport/@expires", "work-history/job[@id='j1']/end", "/dossier/work-
 * history/job[2]/end": element steps, then maybe one attribute step. */
static gboolean
parse_path (const char  *path,
            GArray      *steps,
            char       **out_attribute,
            GError     **error)
{
  const char *p = path;

  *out_attribute = NULL;
  /* Absolute paths, as problems report them, start at the root element. */
  if (*p == '/')
    {
      if (!g_str_has_prefix (p, "/dossier"))
        goto bad;
      p += strlen ("/dossier");
      if (*p == '\0')
        return TRUE;
      if (*p != '/')
        goto bad;
      p++;
    }

  while (*p != '\0')
    {
      Step step = { 0, };

      if (*p == '@')
        {
          p++;
          *out_attribute = scan_name (&p);
          /* The one qualified attribute of the format: the language of a free text,
           * "duties/@xml:lang". */
          if (g_strcmp0 (*out_attribute, "xml") == 0 && g_str_equal (p, ":lang"))
            {
              g_free (*out_attribute);
              *out_attribute = g_strdup ("xml:lang");
              p += strlen (":lang");
            }
          if (*out_attribute == NULL || *p != '\0')
            goto bad;
          return TRUE;
        }

      step.name = scan_name (&p);
      if (step.name == NULL)
        goto bad;
      if (*p == '[')
        {
          p++;
          if (g_ascii_isdigit (*p))
            {
              char *end = NULL;
              guint64 position = g_ascii_strtoull (p, &end, 10);

              if (position == 0 || position > G_MAXUINT || *end != ']')
                {
                  step_clear (&step);
                  goto bad;
                }
              step.position = (guint) position;
              p = end + 1;
            }
          else if (*p == '@')
            {
              const char *value_start;
              char quote;

              p++;
              step.key = scan_name (&p);
              if (step.key == NULL || *p != '=' || (p[1] != '\'' && p[1] != '"'))
                {
                  step_clear (&step);
                  goto bad;
                }
              quote = p[1];
              p += 2;
              value_start = p;
              while (*p != '\0' && *p != quote)
                p++;
              if (*p != quote || p[1] != ']')
                {
                  step_clear (&step);
                  goto bad;
                }
              step.key_value = g_strndup (value_start, p - value_start);
              p += 2;
            }
          else
            {
              step_clear (&step);
              goto bad;
            }
        }
      g_array_append_val (steps, step);
      if (*p == '/')
        {
          p++;
          if (*p == '\0')
            goto bad;
        }
      else if (*p != '\0')
        goto bad;
    }
  return TRUE;

bad:
  g_clear_pointer (out_attribute, g_free);
  g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID,
               _("“%s” is not a field of the profile (expected a path like "
                 "applicant/passport/@expires or work-history/job[@id='j1']/end)"),
               path);
  return FALSE;
}

static gboolean
step_matches (const Step *step,
              xmlNode    *node)
{
  g_autofree char *value = NULL;

  if (!is_profile_element (node, step->name))
    return FALSE;
  if (step->key == NULL)
    return TRUE;
  value = dossier_xml_node_text (get_attribute (node, step->key));
  return g_strcmp0 (value, step->key_value) == 0;
}

static xmlNode *
find_step (xmlNode    *parent,
           const Step *step,
           guint      *out_count)
{
  guint count = 0;

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (!step_matches (step, child))
        continue;
      count++;
      if (step->position == 0 || step->position == count)
        return child;
    }
  if (out_count != NULL)
    *out_count = count;
  return NULL;
}

static guint
element_depth (xmlNode *node)
{
  guint depth = 0;

  for (node = node->parent; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    depth++;
  return depth;
}

static gboolean
is_blank_text (xmlNode *node)
{
  return node != NULL && node->type == XML_TEXT_NODE && xmlIsBlankNode (node);
}

/* Adds a new element at the end of parent, indented like its siblings so that the
 * saved file stays readable. */
static xmlNode *
append_element (xmlNode    *parent,
                const char *name)
{
  xmlDoc *doc = parent->doc;
  guint depth = element_depth (parent);
  g_autofree char *child_indent = NULL;
  g_autofree char *closing_indent = NULL;
  xmlNode *element;

  child_indent = g_strdup_printf ("\n%*s", (int) (depth + 1) * 2, "");
  closing_indent = g_strdup_printf ("\n%*s", (int) depth * 2, "");
  element = xmlNewDocNode (doc, parent->ns, BAD_CAST name, NULL);
  if (element->ns == NULL)
    element->ns = xmlSearchNsByHref (doc, parent, BAD_CAST PROFILE_NS);

  if (parent->children == NULL)
    {
      xmlAddChild (parent, xmlNewDocText (doc, BAD_CAST child_indent));
      xmlAddChild (parent, element);
      xmlAddChild (parent, xmlNewDocText (doc, BAD_CAST closing_indent));
    }
  else if (is_blank_text (parent->last))
    {
      /* The blank before the closing tag becomes the new element's indentation, and a
       * new one goes after it: adding text next to text would merge the two. */
      xmlNodeSetContent (parent->last, BAD_CAST child_indent);
      xmlAddChild (parent, element);
      xmlAddChild (parent, xmlNewDocText (doc, BAD_CAST closing_indent));
    }
  else
    {
      xmlAddChild (parent, element);
    }
  return element;
}

static void
remove_element (xmlNode *element)
{
  /* Its indentation goes with it. */
  if (is_blank_text (element->prev))
    {
      xmlNode *blank = element->prev;

      xmlUnlinkNode (blank);
      xmlFreeNode (blank);
    }
  xmlUnlinkNode (element);
  xmlFreeNode (element);
}

/* Finds the element a path leads to; creates what is missing when create is set. */
static xmlNode *
walk_path (DossierProfile  *self,
           GArray          *steps,
           gboolean         create,
           const char      *path,
           GError         **error)
{
  xmlNode *node = xmlDocGetRootElement (self->doc);

  for (guint i = 0; i < steps->len; i++)
    {
      const Step *step = &g_array_index (steps, Step, i);
      guint count = 0;
      xmlNode *child = find_step (node, step, &count);

      if (child == NULL)
        {
          if (!create)
            return NULL;
          if (step->position != 0 && step->position != count + 1)
            {
              g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID,
                           _("Cannot set “%s”: there are only %u <%s> elements, so "
                             "number %u cannot be added"),
                           path, count, step->name, step->position);
              return NULL;
            }
          child = append_element (node, step->name);
          if (step->key != NULL)
            xmlSetProp (child, BAD_CAST step->key, BAD_CAST step->key_value);
        }
      node = child;
    }
  return node;
}

static GArray *
steps_new (void)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (Step));

  g_array_set_clear_func (steps, (GDestroyNotify) step_clear);
  return steps;
}

/**
 * dossier_profile_get_value:
 * @path: a field, like "applicant/passport/@expires"; see dossier-profile.h
 *
 * Returns: (transfer full) (nullable): the stripped value, or NULL when the field is
 *   absent, empty, or @path is not a valid path.
 */
char *
dossier_profile_get_value (DossierProfile *self,
                           const char     *path)
{
  g_autoptr(GArray) steps = NULL;
  g_autofree char *attribute = NULL;
  xmlNode *node;
  char *value;

  g_return_val_if_fail (DOSSIER_IS_PROFILE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  steps = steps_new ();
  if (!parse_path (path, steps, &attribute, NULL))
    value = NULL;
  else if ((node = walk_path (self, steps, FALSE, path, NULL)) == NULL)
    value = NULL;
  else if (attribute != NULL)
    value = dossier_xml_node_text (get_attribute (node, attribute));
  else
    value = dossier_xml_node_text (node);

  return value;
}

static gboolean
check_value (const char  *path,
             const char  *value,
             GError     **error)
{
  const char *end = NULL;

  if (!g_utf8_validate (value, -1, &end))
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID,
                   _("Cannot set “%s”: the value is not valid UTF-8 text"), path);
      return FALSE;
    }
  /* XML cannot hold control characters other than tab and line breaks at all. */
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      {
        g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID,
                     _("Cannot set “%s”: the value contains a control character "
                       "(0x%02X)"),
                     path, (guint) (guchar) *p);
        return FALSE;
      }
  return TRUE;
}

/**
 * dossier_profile_set_value:
 * @path: a field, like "applicant/passport/@expires"; see dossier-profile.h
 * @value: (nullable): the new value; NULL removes the field
 *
 * Sets a field, creating the elements on the way (in the profile's namespace, after
 * their siblings). Values are not checked here: problems with them show up in
 * dossier_profile_get_problems(), as for a loaded file. Emits ::changed when the
 * document changed.
 *
 * Returns: FALSE with INVALID when @path is not a field or leads to an element that
 *   holds other elements, or @value cannot be stored in XML.
 */
gboolean
dossier_profile_set_value (DossierProfile  *self,
                           const char      *path,
                           const char      *value,
                           GError         **error)
{
  g_autoptr(GArray) steps = NULL;
  g_autofree char *attribute = NULL;
  g_autofree char *current = NULL;
  xmlNode *node;
  gboolean ok = FALSE;

  g_return_val_if_fail (DOSSIER_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  steps = steps_new ();
  if (!parse_path (path, steps, &attribute, error))
    goto out;
  if (value != NULL && !check_value (path, value, error))
    goto out;
  if (steps->len == 0 && attribute == NULL)
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID,
                   _("Cannot set “%s”: it is the whole profile, not a field"), path);
      goto out;
    }

  node = walk_path (self, steps, value != NULL, path, error);
  if (node == NULL)
    {
      /* Removing what is not there is done already. */
      ok = value == NULL && (error == NULL || *error == NULL);
      goto out;
    }

  if (attribute != NULL)
    {
      xmlNode *attr = get_attribute (node, attribute);
      xmlChar *raw = attr != NULL ? xmlNodeGetContent (attr) : NULL;
      gboolean same = (raw == NULL && value == NULL)
                      || (raw != NULL && value != NULL && g_str_equal ((char *) raw, value));

      g_clear_pointer (&raw, xmlFree);
      ok = TRUE;
      if (same)
        goto out;
      if (g_str_equal (attribute, "xml:lang"))
        {
          xmlNs *xml_ns = xmlSearchNs (self->doc, node, BAD_CAST "xml");

          if (value == NULL)
            xmlUnsetNsProp (node, xml_ns, BAD_CAST "lang");
          else
            xmlSetNsProp (node, xml_ns, BAD_CAST "lang", BAD_CAST value);
        }
      else if (value == NULL)
        xmlUnsetProp (node, BAD_CAST attribute);
      else
        xmlSetProp (node, BAD_CAST attribute, BAD_CAST value);
    }
  else
    {
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
          {
            g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID,
                         _("Cannot set “%s”: it holds other fields, not a value"), path);
            goto out;
          }
      ok = TRUE;
      if (value == NULL)
        {
          remove_element (node);
        }
      else
        {
          xmlChar *raw = xmlNodeGetContent (node);
          gboolean same = raw != NULL && g_str_equal ((char *) raw, value);

          g_clear_pointer (&raw, xmlFree);
          if (same)
            goto out;
          /* A text node holds the value as is: no entity parsing, so "&" stays "&". */
          while (node->children != NULL)
            {
              xmlNode *child = node->children;

              xmlUnlinkNode (child);
              xmlFreeNode (child);
            }
          xmlAddChild (node, xmlNewDocText (self->doc, BAD_CAST value));
        }
    }
  dossier_profile_changed (self);

out:
  return ok;
}
