/* dossier-language.c: designated language tests and their CLB/NCLC equivalences
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libxml/tree.h>

#include "dossier-data.h"
#include "dossier-i18n.h"
#include "dossier-language.h"
#include "dossier-profile.h"
#include "dossier-xml.h"

#define LANGUAGE_NS "urn:dossier:language:1"

/* The shipped file is about 20 kB; a file fifty times that size is not a table. */
#define LANGUAGE_MAX_BYTES (1024 * 1024)
#define LANGUAGE_MAX_DEPTH 8

/* CLB and NCLC both run from 1 to 12. */
#define MIN_LEVEL 1
#define MAX_LEVEL 12

/* A scale is turned into one level per possible score (see AbilityScale); this bounds
 * that array for a mistaken file. The largest real scale has 700 scores. */
#define MAX_SCORES 100000

/* Scores are compared in units of the test's step, so that 6.5 and 6.4999999 (what a
 * float parsed from a form may hold) are the same IELTS band, while 6.25 is not one. */
#define STEP_EPSILON 1e-6

enum
{
  LANG_EN,
  LANG_FR,
  N_LANGS
};

typedef struct _Test Test;

typedef struct
{
  double  min;
  double  max;
  double  step;
  guint   n_scores;                     /* (max - min) / step + 1 */
  /* The level of every score the test can give, by its number of steps above min, so
   * that a lookup is one division and one load: the engine asks for levels in its
   * innermost loop. */
  gint8  *levels;
  double  thresholds[MAX_LEVEL + 1];    /* lowest score of each level; NAN if none */
} AbilityScale;

struct _DossierTestScale
{
  Test         *test;                   /* owns this scale */
  char         *id;
  char         *title[N_LANGS];         /* NULL: the test's title */
  char         *unverified[N_LANGS];
  char         *source;
  guint         decimals;
  AbilityScale  abilities[DOSSIER_N_ABILITIES];
};

struct _Test
{
  char             *kind;
  char             *framework;
  char             *title[N_LANGS];
  GPtrArray        *scales;             /* DossierTestScale */
  DossierTestScale *default_scale;
};

typedef struct
{
  char *kind;
  char *title[N_LANGS];
  char *reason[N_LANGS];
} Rejected;

struct _DossierLanguageTables
{
  GPtrArray  *tests;                    /* Test */
  GHashTable *tests_by_kind;            /* kind (borrowed) → Test (borrowed) */
  GHashTable *rejected;                 /* kind (borrowed) → Rejected (owned) */
  char       *designated;               /* "celpip-g, ielts-gt, …", for messages */
};

static const char * const ability_names[DOSSIER_N_ABILITIES] = {
  "reading", "writing", "listening", "speaking",
};

G_DEFINE_QUARK (dossier-language-error-quark, dossier_language_error)

/* "fr", "fr_CA" and "fr-CA" are French; anything else falls back to English. */
static guint
lang_index (const char *lang)
{
  if (lang != NULL && g_ascii_strncasecmp (lang, "fr", 2) == 0
      && (lang[2] == '\0' || lang[2] == '_' || lang[2] == '-'))
    return LANG_FR;
  return LANG_EN;
}

/* Test names and reasons come from the data file in English and French. Messages show
 * the one that matches the language the messages around them are translated into, which
 * the translation of this string tells. */
static guint
messages_lang (void)
{
  return lang_index (dossier_i18n_data_language ());
}

/* The text in that language, else the English one, which the loader requires. */
static const char *
in_lang (char * const *texts,
         guint         lang)
{
  return texts[lang] != NULL ? texts[lang] : texts[LANG_EN];
}

static void
test_scale_free (DossierTestScale *scale)
{
  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    g_free (scale->abilities[i].levels);
  for (guint i = 0; i < N_LANGS; i++)
    {
      g_free (scale->title[i]);
      g_free (scale->unverified[i]);
    }
  g_free (scale->id);
  g_free (scale->source);
  g_free (scale);
}

static void
test_free (Test *test)
{
  g_clear_pointer (&test->scales, g_ptr_array_unref);
  for (guint i = 0; i < N_LANGS; i++)
    g_free (test->title[i]);
  g_free (test->kind);
  g_free (test->framework);
  g_free (test);
}

static void
rejected_free (Rejected *rejected)
{
  for (guint i = 0; i < N_LANGS; i++)
    {
      g_free (rejected->title[i]);
      g_free (rejected->reason[i]);
    }
  g_free (rejected->kind);
  g_free (rejected);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierTestScale, test_scale_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Test, test_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rejected, rejected_free)

static DossierLanguageTables *
tables_new (void)
{
  DossierLanguageTables *tables = g_new0 (DossierLanguageTables, 1);

  tables->tests = g_ptr_array_new_with_free_func ((GDestroyNotify) test_free);
  tables->tests_by_kind = g_hash_table_new (g_str_hash, g_str_equal);
  tables->rejected = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            NULL, (GDestroyNotify) rejected_free);
  return tables;
}

void
dossier_language_tables_free (DossierLanguageTables *tables)
{
  if (tables == NULL)
    return;
  g_clear_pointer (&tables->tests_by_kind, g_hash_table_unref);
  g_clear_pointer (&tables->rejected, g_hash_table_unref);
  g_clear_pointer (&tables->tests, g_ptr_array_unref);
  g_free (tables->designated);
  g_free (tables);
}

/* Loading */

typedef struct
{
  const char *filename;
  GHashTable *sources;                  /* id → citation, both owned */
} LoadContext;

/* Always returns FALSE, so that a check can end with "return data_error (...)". */
static gboolean data_error (LoadContext  *ctx,
                            xmlNode      *node,
                            GError      **error,
                            const char   *format,
                            ...) G_GNUC_PRINTF (4, 5);

static gboolean
data_error (LoadContext  *ctx,
            xmlNode      *node,
            GError      **error,
            const char   *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_DATA,
               "%s:%ld: %s", ctx->filename, node != NULL ? xmlGetLineNo (node) : 0L,
               message);
  return FALSE;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && g_strcmp0 ((const char *) node->ns->href, LANGUAGE_NS) == 0
         && g_strcmp0 ((const char *) node->name, name) == 0;
}

/* A copy in GLib's allocator, so that g_autofree can own it. */
static char *
get_prop (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* The text with every run of white space made one space: the file wraps long texts over
 * several indented lines. NULL when blank. */
static char *
get_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  g_auto(GStrv) words = g_strsplit_set ((const char *) content, " \t\r\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  xmlFree (content);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[i]);
    }
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Reads the children named name, one per language, into texts[]. */
static gboolean
get_texts (LoadContext  *ctx,
           xmlNode      *parent,
           const char   *name,
           char        **texts,
           GError      **error)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      xmlChar *lang = NULL;
      guint index;

      if (!is_element (child, name))
        continue;
      lang = xmlNodeGetLang (child);
      index = lang_index ((const char *) lang);
      xmlFree (lang);
      if (texts[index] != NULL)
        return data_error (ctx, child, error, "two <%s> in the same language", name);
      texts[index] = get_text (child);
      if (texts[index] == NULL)
        return data_error (ctx, child, error, "<%s> is empty", name);
    }
  return TRUE;
}

static gboolean
parse_number (const char *text,
              double     *out_value)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value))
    return FALSE;
  *out_value = value;
  return TRUE;
}

static gboolean
get_number (LoadContext  *ctx,
            xmlNode      *node,
            const char   *name,
            double       *out_value,
            GError      **error)
{
  g_autofree char *text = get_prop (node, name);

  if (!parse_number (text, out_value) || *out_value < 0)
    return data_error (ctx, node, error, "%s=\"%s\" is not a score", name,
                       text != NULL ? text : "");
  return TRUE;
}

/* How many decimals a score of this scale needs to be printed as the test prints it
 * (IELTS "6.5" and "6.0", TEF "352"). */
static guint
decimals_of (double value)
{
  double scaled = value;

  for (guint decimals = 0; decimals < 3; decimals++, scaled *= 10)
    if (fabs (scaled - round (scaled)) < 1e-9)
      return decimals;
  return 3;
}

/* The position of score on the scale, in steps from its minimum; -1 when the test
 * cannot give that score (below, above, between two steps, or not a number). */
static gint64
score_index (const AbilityScale *scale,
             double              score)
{
  double position = (score - scale->min) / scale->step;
  double nearest;

  /* NAN fails both comparisons. */
  if (!(position >= -STEP_EPSILON && position <= (scale->n_scores - 1) + STEP_EPSILON))
    return -1;
  nearest = round (position);
  if (fabs (position - nearest) > STEP_EPSILON)
    return -1;
  return (gint64) nearest;
}

/* A score for a message: as short as it can be, and never 5.0999999999999996 for the
 * 5.1 the user typed. */
static const char *
score_to_text (char   *buffer,
               gsize   size,
               double  score)
{
  return g_ascii_formatd (buffer, size, "%.10g", score);
}

/* Formats a citation for get_source: the text, where to find it, and its grade. */
static char *
format_citation (xmlNode *node)
{
  g_autofree char *text = get_text (node);
  g_autofree char *url = get_prop (node, "url");
  g_autofree char *site = get_prop (node, "site");
  g_autofree char *grade = get_prop (node, "grade");
  g_autoptr(GString) citation = g_string_new (text);

  if (url != NULL)
    g_string_append_printf (citation, " <%s>", url);
  else if (site != NULL)
    g_string_append_printf (citation, " (%s)", site);
  if (grade != NULL)
    g_string_append_printf (citation, " [%s]", grade);
  return g_string_free (g_steal_pointer (&citation), FALSE);
}

static gboolean
parse_sources (LoadContext  *ctx,
               xmlNode      *node,
               GError      **error)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *id = NULL;

      if (!is_element (child, "source"))
        continue;
      id = get_prop (child, "id");
      if (id == NULL)
        return data_error (ctx, child, error, "a <source> has no id");
      if (g_hash_table_contains (ctx->sources, id))
        return data_error (ctx, child, error, "two sources have the id \"%s\"", id);
      g_hash_table_insert (ctx->sources, g_steal_pointer (&id), format_citation (child));
    }
  return TRUE;
}

/* Checks that every id in a source="…" attribute is a known source, and returns their
 * citations, one after the other. */
static gboolean
resolve_sources (LoadContext  *ctx,
                 xmlNode      *node,
                 char        **out_citations,
                 GError      **error)
{
  g_autofree char *refs = get_prop (node, "source");
  g_auto(GStrv) ids = NULL;
  g_autoptr(GString) citations = g_string_new (NULL);

  if (refs == NULL)
    return data_error (ctx, node, error, "<%s> has no source", (const char *) node->name);
  ids = g_strsplit_set (refs, " \t\r\n", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *citation;

      if (ids[i][0] == '\0')
        continue;
      citation = g_hash_table_lookup (ctx->sources, ids[i]);
      if (citation == NULL)
        return data_error (ctx, node, error, "no <source> has the id \"%s\"", ids[i]);
      if (citations->len > 0)
        g_string_append (citations, "; ");
      g_string_append (citations, citation);
    }
  if (citations->len == 0)
    return data_error (ctx, node, error, "<%s> has no source", (const char *) node->name);
  if (out_citations != NULL)
    *out_citations = g_string_free (g_steal_pointer (&citations), FALSE);
  return TRUE;
}

static gboolean
parse_range (LoadContext       *ctx,
             DossierTestScale  *scale,
             xmlNode           *node,
             GError           **error)
{
  g_autofree char *name = get_prop (node, "ability");
  DossierAbility ability;
  AbilityScale *range;
  double n_steps;

  if (!dossier_ability_from_name (name, &ability))
    return data_error (ctx, node, error, "\"%s\" is not an ability", name ? name : "");
  range = &scale->abilities[ability];
  if (range->step > 0)
    return data_error (ctx, node, error, "two ranges for %s", name);
  if (!get_number (ctx, node, "min", &range->min, error)
      || !get_number (ctx, node, "max", &range->max, error)
      || !get_number (ctx, node, "step", &range->step, error))
    return FALSE;
  if (range->step <= 0 || range->max <= range->min)
    return data_error (ctx, node, error,
                       "the %s range must have min < max and a step above 0", name);

  n_steps = (range->max - range->min) / range->step;
  if (fabs (n_steps - round (n_steps)) > STEP_EPSILON || n_steps + 1 > MAX_SCORES)
    return data_error (ctx, node, error,
                       "the %s range must hold a whole number of steps, at most %d",
                       name, MAX_SCORES);
  range->n_scores = (guint) round (n_steps) + 1;
  scale->decimals = MAX (scale->decimals, MAX (decimals_of (range->step),
                                               decimals_of (range->min)));
  return TRUE;
}

static gboolean
parse_table (LoadContext       *ctx,
             DossierTestScale  *scale,
             xmlNode           *node,
             GError           **error)
{
  int lowest = MAX_LEVEL + 1;
  int highest = MIN_LEVEL - 1;

  if (!resolve_sources (ctx, node, &scale->source, error))
    return FALSE;

  for (xmlNode *row = node->children; row != NULL; row = row->next)
    {
      g_autofree char *level_text = NULL;
      guint64 level;

      if (!is_element (row, "row"))
        continue;
      level_text = get_prop (row, "level");
      if (!g_ascii_string_to_unsigned (level_text, 10, MIN_LEVEL, MAX_LEVEL, &level, NULL))
        return data_error (ctx, row, error, "level=\"%s\" is not a level from %d to %d",
                           level_text ? level_text : "", MIN_LEVEL, MAX_LEVEL);
      if (!isnan (scale->abilities[0].thresholds[level]))
        return data_error (ctx, row, error, "two rows for level %u", (guint) level);

      for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
        {
          AbilityScale *range = &scale->abilities[i];
          double min_score;

          if (!get_number (ctx, row, ability_names[i], &min_score, error))
            return FALSE;
          if (score_index (range, min_score) < 0)
            {
              char text[G_ASCII_DTOSTR_BUF_SIZE];

              score_to_text (text, sizeof text, min_score);
              return data_error (ctx, row, error,
                                 "%s=\"%s\" at level %u is not a score of the %s range",
                                 ability_names[i], text, (guint) level, ability_names[i]);
            }
          range->thresholds[level] = min_score;
        }
      lowest = MIN (lowest, (int) level);
      highest = MAX (highest, (int) level);
    }

  if (highest < lowest)
    return data_error (ctx, node, error, "the table has no rows");

  /* A gap would leave scores whose level nobody knows, and a minimum that does not rise
   * with the level is a typing slip in the file. */
  for (int level = lowest; level <= highest; level++)
    {
      if (isnan (scale->abilities[0].thresholds[level]))
        return data_error (ctx, node, error, "the table has no row for level %d", level);
      for (guint i = 0; level > lowest && i < DOSSIER_N_ABILITIES; i++)
        if (scale->abilities[i].thresholds[level] <= scale->abilities[i].thresholds[level - 1])
          return data_error (ctx, node, error,
                             "the %s minimum of level %d is not above that of level %d",
                             ability_names[i], level, level - 1);
    }

  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    {
      AbilityScale *range = &scale->abilities[i];

      range->levels = g_new0 (gint8, range->n_scores);
      for (guint index = 0; index < range->n_scores; index++)
        {
          double score = range->min + index * range->step;

          for (int level = highest; level >= lowest; level--)
            if (score >= range->thresholds[level] - STEP_EPSILON * range->step)
              {
                range->levels[index] = (gint8) level;
                break;
              }
        }
    }
  return TRUE;
}

static gboolean
parse_scale (LoadContext       *ctx,
             Test              *test,
             xmlNode           *node,
             DossierTestScale **out_scale,
             GError           **error)
{
  g_autoptr(DossierTestScale) scale = g_new0 (DossierTestScale, 1);
  xmlNode *table = NULL;

  scale->test = test;
  scale->id = get_prop (node, "id");
  if (scale->id == NULL)
    return data_error (ctx, node, error, "a <scale> of %s has no id", test->kind);
  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    for (guint level = 0; level <= MAX_LEVEL; level++)
      scale->abilities[i].thresholds[level] = NAN;

  if (!get_texts (ctx, node, "title", scale->title, error)
      || !get_texts (ctx, node, "unverified", scale->unverified, error))
    return FALSE;
  if ((scale->unverified[LANG_EN] == NULL) != (scale->unverified[LANG_FR] == NULL))
    return data_error (ctx, node, error,
                       "<unverified> must be given in both English and French");

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "range"))
        {
          if (!parse_range (ctx, scale, child, error))
            return FALSE;
        }
      else if (is_element (child, "table"))
        {
          if (table != NULL)
            return data_error (ctx, child, error, "two tables in one scale");
          table = child;
        }
    }
  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    if (scale->abilities[i].step <= 0)
      return data_error (ctx, node, error, "the %s scale of %s has no %s range",
                         scale->id, test->kind, ability_names[i]);
  if (table == NULL)
    return data_error (ctx, node, error, "the %s scale of %s has no table",
                       scale->id, test->kind);
  if (!parse_table (ctx, scale, table, error))
    return FALSE;

  *out_scale = g_steal_pointer (&scale);
  return TRUE;
}

static gboolean
parse_test (LoadContext            *ctx,
            DossierLanguageTables  *tables,
            xmlNode                *node,
            GError                **error)
{
  g_autoptr(Test) test = g_new0 (Test, 1);
  g_autofree char *default_id = NULL;
  Test *borrowed;

  test->kind = get_prop (node, "kind");
  test->framework = get_prop (node, "framework");
  test->scales = g_ptr_array_new_with_free_func ((GDestroyNotify) test_scale_free);
  if (test->kind == NULL)
    return data_error (ctx, node, error, "a <test> has no kind");
  if (g_hash_table_contains (tables->tests_by_kind, test->kind))
    return data_error (ctx, node, error, "two tests have the kind \"%s\"", test->kind);
  if (g_strcmp0 (test->framework, "CLB") != 0 && g_strcmp0 (test->framework, "NCLC") != 0)
    return data_error (ctx, node, error, "the framework of %s must be CLB or NCLC",
                       test->kind);
  if (!resolve_sources (ctx, node, NULL, error)
      || !get_texts (ctx, node, "title", test->title, error))
    return FALSE;
  if (test->title[LANG_EN] == NULL)
    return data_error (ctx, node, error, "%s has no English title", test->kind);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      DossierTestScale *scale = NULL;

      if (!is_element (child, "scale"))
        continue;
      if (!parse_scale (ctx, test, child, &scale, error))
        return FALSE;
      for (guint i = 0; i < test->scales->len; i++)
        if (g_str_equal (((DossierTestScale *) test->scales->pdata[i])->id, scale->id))
          {
            test_scale_free (scale);
            return data_error (ctx, child, error, "%s has two scales called \"%s\"",
                               test->kind, ((DossierTestScale *) test->scales->pdata[i])->id);
          }
      g_ptr_array_add (test->scales, scale);
    }
  if (test->scales->len == 0)
    return data_error (ctx, node, error, "%s has no scale", test->kind);

  default_id = get_prop (node, "default-scale");
  if (default_id == NULL && test->scales->len > 1)
    return data_error (ctx, node, error, "%s has several scales and no default-scale",
                       test->kind);
  for (guint i = 0; i < test->scales->len; i++)
    {
      DossierTestScale *scale = test->scales->pdata[i];

      if (default_id == NULL || g_str_equal (scale->id, default_id))
        test->default_scale = scale;
    }
  if (test->default_scale == NULL)
    return data_error (ctx, node, error, "%s has no scale called \"%s\"",
                       test->kind, default_id);

  borrowed = g_steal_pointer (&test);
  g_ptr_array_add (tables->tests, borrowed);
  g_hash_table_insert (tables->tests_by_kind, borrowed->kind, borrowed);
  return TRUE;
}

static gboolean
parse_rejected (LoadContext            *ctx,
                DossierLanguageTables  *tables,
                xmlNode                *node,
                GError                **error)
{
  g_autoptr(Rejected) rejected = g_new0 (Rejected, 1);
  Rejected *borrowed;

  rejected->kind = get_prop (node, "kind");
  if (rejected->kind == NULL)
    return data_error (ctx, node, error, "a <rejected> has no kind");
  if (g_hash_table_contains (tables->tests_by_kind, rejected->kind)
      || g_hash_table_contains (tables->rejected, rejected->kind))
    return data_error (ctx, node, error, "\"%s\" is listed twice", rejected->kind);
  if (!resolve_sources (ctx, node, NULL, error)
      || !get_texts (ctx, node, "title", rejected->title, error)
      || !get_texts (ctx, node, "reason", rejected->reason, error))
    return FALSE;
  if (rejected->title[LANG_EN] == NULL || rejected->reason[LANG_EN] == NULL)
    return data_error (ctx, node, error, "%s needs an English title and reason",
                       rejected->kind);

  borrowed = g_steal_pointer (&rejected);
  g_hash_table_insert (tables->rejected, borrowed->kind, borrowed);
  return TRUE;
}

static gboolean
parse_document (LoadContext            *ctx,
                DossierLanguageTables  *tables,
                xmlNode                *root,
                GError                **error)
{
  g_autoptr(GString) designated = g_string_new (NULL);

  if (root == NULL || !is_element (root, "language-tests"))
    return data_error (ctx, root, error, "this is not a <language-tests> file of %s",
                       LANGUAGE_NS);

  /* Sources first, wherever they are, so that the tests can refer to them. */
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    if (is_element (child, "sources") && !parse_sources (ctx, child, error))
      return FALSE;

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (is_element (child, "test"))
        {
          if (!parse_test (ctx, tables, child, error))
            return FALSE;
        }
    }
  /* After every test, so that a kind cannot be both designated and rejected. */
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (is_element (child, "rejected"))
        {
          if (!parse_rejected (ctx, tables, child, error))
            return FALSE;
        }
    }
  if (tables->tests->len == 0)
    return data_error (ctx, root, error, "no designated test");

  for (guint i = 0; i < tables->tests->len; i++)
    {
      const Test *test = tables->tests->pdata[i];

      if (designated->len > 0)
        g_string_append (designated, ", ");
      g_string_append (designated, test->kind);
    }
  tables->designated = g_string_free (g_steal_pointer (&designated), FALSE);
  return TRUE;
}

DossierLanguageTables *
dossier_language_tables_load (const char  *filename,
                              GError     **error)
{
  g_autoptr(DossierLanguageTables) tables = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) sources = NULL;
  LoadContext ctx = { filename, NULL };

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = dossier_xml_read_file (filename, LANGUAGE_MAX_BYTES, LANGUAGE_MAX_DEPTH,
                               &local_error);
  if (doc == NULL)
    {
      g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_DATA,
                   _("Cannot read the language test tables: %s"), local_error->message);
      return NULL;
    }

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);
  if (!dossier_xml_validate (doc, "language.rng", problems, &local_error))
    {
      if (local_error != NULL)
        g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_DATA,
                     _("Cannot check the language test tables %s: %s"),
                     filename, local_error->message);
      else if (problems->len > 0)
        {
          const DossierProblem *first = problems->pdata[0];

          if (problems->len == 1)
            g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_DATA,
                         /* Translators: file:line: message (path in the file) */
                         _("%s:%u: %s (%s); the language test tables are invalid"),
                         filename, first->line, first->message, first->path);
          else
            g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_DATA,
                         /* Translators: file:line: message (path in the file) */
                         ngettext ("%s:%u: %s (%s); the language test tables are invalid, "
                                   "with %u more problem",
                                   "%s:%u: %s (%s); the language test tables are invalid, "
                                   "with %u more problems",
                                   problems->len - 1),
                         filename, first->line, first->message, first->path,
                         problems->len - 1);
        }
      else
        g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_DATA,
                     _("The language test tables %s are invalid"), filename);
      return NULL;
    }

  tables = tables_new ();
  sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.sources = sources;
  if (!parse_document (&ctx, tables, xmlDocGetRootElement (doc), error))
    return NULL;
  return g_steal_pointer (&tables);
}

typedef struct
{
  DossierLanguageTables *tables;
  GError                *error;
} DefaultTables;

DossierLanguageTables *
dossier_language_tables_get_default (GError **error)
{
  /* Kept for the life of the process: every caller shares these tables, and a failure
   * is remembered too, so that every caller hears the same reason. */
  static DefaultTables *defaults;

  if (g_once_init_enter (&defaults))
    {
      DefaultTables *loaded = g_new0 (DefaultTables, 1);
      g_autofree char *filename = dossier_data_path ("language", "tests.xml");

      loaded->tables = dossier_language_tables_load (filename, &loaded->error);
      g_once_init_leave (&defaults, loaded);
    }

  if (defaults->tables == NULL)
    {
      g_propagate_error (error, g_error_copy (defaults->error));
      return NULL;
    }
  return defaults->tables;
}

/* Lookup */

static const DossierTestScale *
find_scale (const Test *test,
            const char *id)
{
  for (guint i = 0; i < test->scales->len; i++)
    {
      const DossierTestScale *scale = test->scales->pdata[i];

      if (g_str_equal (scale->id, id))
        return scale;
    }
  return NULL;
}

const DossierTestScale *
dossier_language_tables_lookup (DossierLanguageTables  *tables,
                                const char             *kind,
                                const char             *scale,
                                GError                **error)
{
  const Test *test;
  const DossierTestScale *found;
  guint lang;

  g_return_val_if_fail (tables != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kind == NULL || *kind == '\0')
    {
      g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_UNKNOWN_TEST,
                   _("The test kind is not given; the designated tests are %s"),
                   tables->designated);
      return NULL;
    }

  test = g_hash_table_lookup (tables->tests_by_kind, kind);
  if (test == NULL)
    {
      /* Profiles are typed by people: "IELTS-GT" means ielts-gt. */
      g_autofree char *lower = g_ascii_strdown (kind, -1);
      const Rejected *rejected;

      test = g_hash_table_lookup (tables->tests_by_kind, lower);
      if (test == NULL)
        {
          lang = messages_lang ();
          rejected = g_hash_table_lookup (tables->rejected, lower);
          if (rejected != NULL)
            g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_REJECTED,
                         /* Translators: test name, then the reason */
                         _("%s is not accepted: %s"),
                         in_lang (rejected->title, lang), in_lang (rejected->reason, lang));
          else
            g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_UNKNOWN_TEST,
                         _("“%s” is not a designated language test; "
                           "the designated tests are %s"),
                         kind, tables->designated);
          return NULL;
        }
    }

  if (scale == NULL || *scale == '\0')
    return test->default_scale;
  found = find_scale (test, scale);
  if (found != NULL)
    return found;

  lang = messages_lang ();
  if (test->scales->len == 1)
    g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_UNKNOWN_TEST,
                 _("%s has a single scale, not “%s”; leave the scale out"),
                 in_lang (test->title, lang), scale);
  else
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < test->scales->len; i++)
        {
          if (ids->len > 0)
            g_string_append (ids, ", ");
          g_string_append (ids, ((const DossierTestScale *) test->scales->pdata[i])->id);
        }
      g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_UNKNOWN_TEST,
                   _("%s has no “%s” scale; the scales are %s"),
                   in_lang (test->title, lang), scale,
                   ids->str);
    }
  return NULL;
}

/* Test scales */

const char *
dossier_test_scale_get_kind (const DossierTestScale *scale)
{
  g_return_val_if_fail (scale != NULL, NULL);

  return scale->test->kind;
}

const char *
dossier_test_scale_get_scale (const DossierTestScale *scale)
{
  g_return_val_if_fail (scale != NULL, NULL);

  return scale->id;
}

const char *
dossier_test_scale_get_title (const DossierTestScale *scale,
                              const char             *lang)
{
  guint index = lang_index (lang);

  g_return_val_if_fail (scale != NULL, NULL);

  if (scale->title[index] != NULL)
    return scale->title[index];
  if (scale->title[LANG_EN] != NULL)
    return scale->title[LANG_EN];
  if (scale->test->title[index] != NULL)
    return scale->test->title[index];
  return scale->test->title[LANG_EN];
}

const char *
dossier_test_scale_get_framework (const DossierTestScale *scale)
{
  g_return_val_if_fail (scale != NULL, NULL);

  return scale->test->framework;
}

const char *
dossier_test_scale_get_unverified (const DossierTestScale *scale)
{
  g_return_val_if_fail (scale != NULL, NULL);

  return scale->unverified[messages_lang ()];
}

void
dossier_test_scale_get_range (const DossierTestScale *scale,
                              DossierAbility          ability,
                              double                 *min,
                              double                 *max,
                              double                 *step)
{
  g_return_if_fail (scale != NULL);
  g_return_if_fail (ability < DOSSIER_N_ABILITIES);

  if (min)
    *min = scale->abilities[ability].min;
  if (max)
    *max = scale->abilities[ability].max;
  if (step)
    *step = scale->abilities[ability].step;
}

const char *
dossier_test_scale_get_unverified_in (const DossierTestScale *scale,
                                      const char             *lang)
{
  g_return_val_if_fail (scale != NULL, NULL);

  return scale->unverified[LANG_EN] ? in_lang (scale->unverified, lang_index (lang)) : NULL;
}

const char *
dossier_test_scale_get_source (const DossierTestScale *scale)
{
  g_return_val_if_fail (scale != NULL, NULL);

  return scale->source;
}

/* Lowercase, for the middle of a sentence. */
static const char *
ability_label (DossierAbility ability)
{
  switch (ability)
    {
    case DOSSIER_ABILITY_READING:
      return _("reading");
    case DOSSIER_ABILITY_WRITING:
      return _("writing");
    case DOSSIER_ABILITY_LISTENING:
      return _("listening");
    case DOSSIER_ABILITY_SPEAKING:
      return _("speaking");
    case DOSSIER_N_ABILITIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
set_out_of_scale (const DossierTestScale  *scale,
                  DossierAbility           ability,
                  double                   score,
                  GError                 **error)
{
  const AbilityScale *range = &scale->abilities[ability];
  char min[G_ASCII_DTOSTR_BUF_SIZE];
  char max[G_ASCII_DTOSTR_BUF_SIZE];
  char step[G_ASCII_DTOSTR_BUF_SIZE];
  char given[G_ASCII_DTOSTR_BUF_SIZE];
  const char *title = dossier_test_scale_get_title (scale, dossier_i18n_data_language ());

  score_to_text (min, sizeof min, range->min);
  score_to_text (max, sizeof max, range->max);
  score_to_text (step, sizeof step, range->step);
  score_to_text (given, sizeof given, score);

  if (range->step == 1)
    g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_OUT_OF_SCALE,
                 /* Translators: "TEF Canada (original scale) reading scores are whole
                  * numbers from 0 to 300; 301 is not one" */
                 _("%s %s scores are whole numbers from %s to %s; %s is not one"),
                 title, ability_label (ability), min, max, given);
  else
    g_set_error (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_OUT_OF_SCALE,
                 /* Translators: "IELTS General Training writing scores run from 0 to 9
                  * in steps of 0.5; 9.5 is not one" */
                 _("%s %s scores run from %s to %s in steps of %s; %s is not one"),
                 title, ability_label (ability), min, max, step, given);
}

int
dossier_test_scale_level (const DossierTestScale *scale,
                          DossierAbility          ability,
                          double                  score,
                          GError                **error)
{
  const AbilityScale *range;
  gint64 index;

  g_return_val_if_fail (scale != NULL, -1);
  g_return_val_if_fail ((guint) ability < DOSSIER_N_ABILITIES, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  range = &scale->abilities[ability];
  index = score_index (range, score);
  if (G_UNLIKELY (index < 0))
    {
      set_out_of_scale (scale, ability, score, error);
      return -1;
    }
  return range->levels[index];
}

double
dossier_test_scale_min_score (const DossierTestScale *scale,
                              DossierAbility          ability,
                              int                     level)
{
  g_return_val_if_fail (scale != NULL, NAN);
  g_return_val_if_fail ((guint) ability < DOSSIER_N_ABILITIES, NAN);

  if (level < MIN_LEVEL || level > MAX_LEVEL)
    return NAN;
  return scale->abilities[ability].thresholds[level];
}

char *
dossier_test_scale_format_score (const DossierTestScale *scale,
                                 double                  score)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  const char *format;

  g_return_val_if_fail (scale != NULL, NULL);

  /* Literal formats, and the C locale's decimal point: scores are printed as the test
   * prints them, whatever the user's locale. */
  switch (scale->decimals)
    {
    case 0:
      format = "%.0f";
      break;
    case 1:
      format = "%.1f";
      break;
    case 2:
      format = "%.2f";
      break;
    default:
      format = "%.3f";
      break;
    }
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, score));
}

/* Abilities */

const char *
dossier_ability_get_name (DossierAbility ability)
{
  g_return_val_if_fail ((guint) ability < DOSSIER_N_ABILITIES, NULL);

  return ability_names[ability];
}

const char *
dossier_ability_get_title (DossierAbility  ability,
                           const char     *lang)
{
  /* Not gettext: the caller names the language (a report written in French from an
   * English desktop, say), and IRCC's own wording is used in both. */
  static const char * const titles[N_LANGS][DOSSIER_N_ABILITIES] = {
    { "Reading", "Writing", "Listening", "Speaking" },
    { "Compréhension de l'écrit", "Expression écrite",
      "Compréhension de l'oral", "Expression orale" },
  };

  g_return_val_if_fail ((guint) ability < DOSSIER_N_ABILITIES, NULL);

  return titles[lang_index (lang)][ability];
}

gboolean
dossier_ability_from_name (const char     *name,
                           DossierAbility *out_ability)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    if (g_str_equal (name, ability_names[i]))
      {
        if (out_ability != NULL)
          *out_ability = (DossierAbility) i;
        return TRUE;
      }
  return FALSE;
}
