/* dossier-noc.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-data.h"
#include "dossier-noc.h"
#include "dossier-profile.h"
#include "dossier-xml.h"

#define NOC_NS "urn:dossier:noc:1"
#define XML_NS "http://www.w3.org/XML/1998/namespace"
/* A few dozen unit groups at most; the whole NOC (516 groups) would still fit. */
#define NOC_MAX_BYTES (1024 * 1024)
#define NOC_MAX_DEPTH 8

struct _DossierNocTable
{
  GPtrArray  *items;      /* DossierNoc, in file order */
  GHashTable *by_code;    /* code -> DossierNoc */
  GHashTable *sources;    /* id -> description */
  GHashTable *grades;     /* id -> grade */
  GHashTable *urls;       /* id -> address, for those that have one */
};

G_DEFINE_QUARK (dossier-noc-error-quark, dossier_noc_error)

static void
noc_text_free (DossierNocText *text)
{
  if (text == NULL)
    return;
  g_free (text->text);
  g_strfreev (text->sources);
  g_free (text->note);
  g_free (text);
}

static void
noc_key_free (DossierNocKey *key)
{
  g_strfreev (key->terms);
  g_free (key);
}

static void
noc_match_free (DossierNocMatch *match)
{
  if (match == NULL)
    return;
  g_ptr_array_unref (match->keys);
  g_free (match);
}

static void
noc_duty_free (DossierNocDuty *duty)
{
  g_free (duty->id);
  for (guint i = 0; i < G_N_ELEMENTS (duty->texts); i++)
    {
      noc_text_free (duty->texts[i]);
      noc_match_free (duty->matches[i]);
    }
  g_free (duty);
}

static void
noc_duty_list_free (DossierNocDutyList *list)
{
  g_free (list->occupation);
  for (guint i = 0; i < G_N_ELEMENTS (list->titles); i++)
    noc_text_free (list->titles[i]);
  noc_text_free (list->heading);
  g_free (list->note);
  g_ptr_array_unref (list->duties);
  g_free (list);
}

static void
dossier_noc_free (DossierNoc *noc)
{
  g_free (noc->code);
  g_free (noc->noc_2016);
  for (guint i = 0; i < G_N_ELEMENTS (noc->titles); i++)
    {
      g_free (noc->titles[i]);
      g_free (noc->notes[i]);
      g_strfreev (noc->sources[i]);
      g_ptr_array_unref (noc->lead_statements[i]);
    }
  g_ptr_array_unref (noc->duty_lists);
  g_free (noc);
}

void
dossier_noc_table_free (DossierNocTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->by_code, g_hash_table_unref);
  g_clear_pointer (&table->sources, g_hash_table_unref);
  g_clear_pointer (&table->grades, g_hash_table_unref);
  g_clear_pointer (&table->urls, g_hash_table_unref);
  g_clear_pointer (&table->items, g_ptr_array_unref);
  g_free (table);
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && g_strcmp0 ((const char *) node->ns->href, NOC_NS) == 0
         && g_strcmp0 ((const char *) node->name, name) == 0;
}

static char *
get_attr (xmlNode    *node,
          const char *name,
          const char *ns)
{
  xmlChar *raw = ns != NULL ? xmlGetNsProp (node, BAD_CAST name, BAD_CAST ns)
                            : xmlGetNoNsProp (node, BAD_CAST name);
  char *value;

  if (raw == NULL)
    return NULL;
  value = g_strstrip (g_strdup ((const char *) raw));
  xmlFree (raw);
  return value;
}

/* Whitespace inside a title (line breaks of the file) becomes single spaces. */
static char *
collapse_text (xmlNode *node)
{
  g_autofree char *text = dossier_xml_node_text (node);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (text == NULL)
    return NULL;
  words = g_strsplit_set (text, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
invalid (GError     **error,
         const char  *filename,
         xmlNode     *node,
         const char  *message)
{
  g_set_error (error, DOSSIER_NOC_ERROR, DOSSIER_NOC_ERROR_INVALID,
               _("%s, line %u: %s"), filename, node != NULL ? (guint) xmlGetLineNo (node) : 0,
               message);
  return FALSE;
}

/* 0 for English, 1 for French. */
static guint
lang_index (xmlNode *node)
{
  g_autofree char *lang = get_attr (node, "lang", XML_NS);

  return g_strcmp0 (lang, "fr") == 0 ? 1 : 0;
}

/* Splits a source attribute into ids, each of which must be in <sources>. */
static char **
read_sources (DossierNocTable  *table,
              xmlNode          *node,
              const char       *filename,
              GError          **error)
{
  g_autofree char *source = get_attr (node, "source", NULL);
  g_auto(GStrv) ids = g_strsplit_set (source != NULL ? source : "", " \t\r\n", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (*ids[i] == '\0')
        continue;
      if (!g_hash_table_contains (table->sources, ids[i]))
        {
          g_autofree char *message = g_strdup_printf (_("unknown source “%s”"), ids[i]);

          invalid (error, filename, node, message);
          return NULL;
        }
      g_strv_builder_add (kept, ids[i]);
    }
  return g_strv_builder_end (kept);
}

static DossierNocText *
read_text (DossierNocTable  *table,
           xmlNode          *node,
           const char       *filename,
           GError          **error)
{
  g_autofree char *verified = get_attr (node, "verified", NULL);
  DossierNocText *text;
  char **sources = read_sources (table, node, filename, error);

  if (sources == NULL)
    return NULL;
  text = g_new0 (DossierNocText, 1);
  text->sources = sources;
  text->text = collapse_text (node);
  text->verified = g_strcmp0 (verified, "false") != 0;
  text->note = get_attr (node, "note", NULL);
  return text;
}

static DossierNocMatch *
read_match (xmlNode     *node,
            const char  *filename,
            GError     **error)
{
  g_autofree char *need = get_attr (node, "need", NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) noc_key_free);
  DossierNocMatch *match;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *text = NULL;
      g_autofree char *core = NULL;
      g_auto(GStrv) terms = NULL;
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      DossierNocKey *key;

      if (!is_element (child, "key"))
        continue;
      text = collapse_text (child);
      core = get_attr (child, "core", NULL);
      terms = g_strsplit (text != NULL ? text : "", ",", -1);
      for (guint i = 0; terms[i] != NULL; i++)
        {
          g_strstrip (terms[i]);
          if (*terms[i] != '\0')
            g_strv_builder_add (kept, terms[i]);
        }
      key = g_new0 (DossierNocKey, 1);
      key->terms = g_strv_builder_end (kept);
      key->core = g_strcmp0 (core, "true") == 0;
      g_ptr_array_add (keys, key);
    }

  match = g_new0 (DossierNocMatch, 1);
  match->need = need != NULL ? (guint) g_ascii_strtoull (need, NULL, 10) : 0;
  match->keys = g_steal_pointer (&keys);
  if (match->need > match->keys->len)
    {
      g_autofree char *message = g_strdup_printf (_("need=\"%u\" but the match has only %u keys"),
                                                  match->need, match->keys->len);

      noc_match_free (match);
      invalid (error, filename, node, message);
      return NULL;
    }
  return match;
}

static DossierNocDuty *
read_duty (DossierNocTable  *table,
           xmlNode          *node,
           const char       *filename,
           GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  DossierNocDuty *duty = g_new0 (DossierNocDuty, 1);

  duty->id = get_attr (node, "id", NULL);
  for (xmlNode *child = node->children; child != NULL && local_error == NULL; child = child->next)
    {
      guint index;

      if (is_element (child, "text"))
        {
          index = lang_index (child);
          noc_text_free (duty->texts[index]);
          duty->texts[index] = read_text (table, child, filename, &local_error);
        }
      else if (is_element (child, "match"))
        {
          index = lang_index (child);
          if (duty->matches[index] != NULL)
            invalid (&local_error, filename, child,
                     _("a duty has one match per language; merge the keys into one"));
          else
            duty->matches[index] = read_match (child, filename, &local_error);
        }
    }
  if (local_error != NULL)
    {
      noc_duty_free (duty);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return duty;
}

static DossierNocDutyList *
read_duty_list (DossierNocTable  *table,
                xmlNode          *node,
                const char       *filename,
                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *complete = get_attr (node, "complete", NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  DossierNocDutyList *list = g_new0 (DossierNocDutyList, 1);

  list->occupation = get_attr (node, "occupation", NULL);
  list->complete = g_strcmp0 (complete, "false") != 0;
  list->note = get_attr (node, "note", NULL);
  list->duties = g_ptr_array_new_with_free_func ((GDestroyNotify) noc_duty_free);
  for (xmlNode *child = node->children; child != NULL && local_error == NULL; child = child->next)
    {
      if (is_element (child, "title"))
        {
          guint index = lang_index (child);

          noc_text_free (list->titles[index]);
          list->titles[index] = read_text (table, child, filename, &local_error);
        }
      else if (is_element (child, "heading"))
        {
          noc_text_free (list->heading);
          list->heading = read_text (table, child, filename, &local_error);
        }
      else if (is_element (child, "duty"))
        {
          DossierNocDuty *duty = read_duty (table, child, filename, &local_error);

          if (duty == NULL)
            break;
          g_ptr_array_add (list->duties, duty);
          if (!g_hash_table_add (ids, duty->id))
            {
              g_autofree char *message = g_strdup_printf (_("duty “%s” is listed twice"), duty->id);

              invalid (&local_error, filename, child, message);
            }
        }
    }
  if (local_error != NULL)
    {
      noc_duty_list_free (list);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return list;
}

static gboolean
read_unit_group (DossierNocTable  *table,
                 xmlNode          *node,
                 const char       *filename,
                 GError          **error)
{
  DossierNoc *noc = g_new0 (DossierNoc, 1);
  g_autofree char *teer = get_attr (node, "teer", NULL);

  noc->code = get_attr (node, "code", NULL);
  noc->noc_2016 = get_attr (node, "noc-2016", NULL);
  noc->teer = teer != NULL ? (int) g_ascii_strtoll (teer, NULL, 10) : -1;
  for (guint i = 0; i < G_N_ELEMENTS (noc->lead_statements); i++)
    noc->lead_statements[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) noc_text_free);
  noc->duty_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) noc_duty_list_free);
  g_ptr_array_add (table->items, noc);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *lang = NULL;
      g_autofree char *verified = NULL;
      g_autofree char *source = NULL;
      guint index;

      if (is_element (child, "lead-statement"))
        {
          DossierNocText *text = read_text (table, child, filename, error);

          if (text == NULL)
            return FALSE;
          g_ptr_array_add (noc->lead_statements[lang_index (child)], text);
          continue;
        }
      if (is_element (child, "duties"))
        {
          DossierNocDutyList *list = read_duty_list (table, child, filename, error);

          if (list == NULL)
            return FALSE;
          g_ptr_array_add (noc->duty_lists, list);
          continue;
        }
      if (!is_element (child, "title"))
        continue;
      lang = get_attr (child, "lang", XML_NS);
      index = g_strcmp0 (lang, "fr") == 0 ? 1 : 0;
      verified = get_attr (child, "verified", NULL);
      source = get_attr (child, "source", NULL);
      noc->titles[index] = collapse_text (child);
      noc->verified[index] = g_strcmp0 (verified, "false") != 0;
      noc->notes[index] = get_attr (child, "note", NULL);
      noc->sources[index] = g_strsplit_set (source != NULL ? source : "", " \t\r\n", -1);
      for (guint i = 0; noc->sources[index][i] != NULL; i++)
        if (*noc->sources[index][i] != '\0'
            && !g_hash_table_contains (table->sources, noc->sources[index][i]))
          {
            g_autofree char *message = g_strdup_printf (_("unknown source “%s”"),
                                                        noc->sources[index][i]);

            return invalid (error, filename, child, message);
          }
    }

  if (g_hash_table_contains (table->by_code, noc->code))
    {
      g_autofree char *message = g_strdup_printf (_("NOC %s is listed twice"), noc->code);

      return invalid (error, filename, node, message);
    }
  g_hash_table_insert (table->by_code, noc->code, noc);
  return TRUE;
}

DossierNocTable *
dossier_noc_table_load (const char  *filename,
                        GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DossierNocTable) table = NULL;
  xmlNode *root;

  g_return_val_if_fail (filename != NULL, NULL);

  doc = dossier_xml_read_file (filename, NOC_MAX_BYTES, NOC_MAX_DEPTH, error);
  if (doc == NULL)
    return NULL;

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);
  if (!dossier_xml_validate (doc, "noc.rng", problems, error))
    {
      const DossierProblem *first;

      if (problems->len == 0)
        return NULL;
      first = g_ptr_array_index (problems, 0);
      g_set_error (error, DOSSIER_NOC_ERROR, DOSSIER_NOC_ERROR_INVALID,
                   _("%s, line %u: %s"), filename, first->line, first->message);
      return NULL;
    }

  table = g_new0 (DossierNocTable, 1);
  table->items = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_noc_free);
  table->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  table->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  table->grades = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  table->urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  root = xmlDocGetRootElement (doc);
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (is_element (child, "sources"))
        {
          for (xmlNode *source = child->children; source != NULL; source = source->next)
            if (is_element (source, "source"))
              {
                g_hash_table_insert (table->sources, get_attr (source, "id", NULL),
                                     collapse_text (source));
                g_hash_table_insert (table->grades, get_attr (source, "id", NULL),
                                     get_attr (source, "grade", NULL));
                if (xmlHasProp (source, BAD_CAST "url"))
                  g_hash_table_insert (table->urls, get_attr (source, "id", NULL),
                                       get_attr (source, "url", NULL));
              }
        }
      else if (is_element (child, "unit-group"))
        {
          if (!read_unit_group (table, child, filename, error))
            return NULL;
        }
    }
  return g_steal_pointer (&table);
}

typedef struct
{
  DossierNocTable *table;
  GError          *error;
} DefaultTable;

DossierNocTable *
dossier_noc_table_get_default (GError **error)
{
  /* Kept for the life of the process, failure included, as the language tables are. */
  static DefaultTable *defaults;

  if (g_once_init_enter (&defaults))
    {
      DefaultTable *loaded = g_new0 (DefaultTable, 1);
      g_autofree char *filename = dossier_data_path ("noc", "noc.xml");

      loaded->table = dossier_noc_table_load (filename, &loaded->error);
      g_once_init_leave (&defaults, loaded);
    }

  if (defaults->table == NULL)
    {
      g_propagate_error (error, g_error_copy (defaults->error));
      return NULL;
    }
  return defaults->table;
}

guint
dossier_noc_table_get_n_items (DossierNocTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->items->len;
}

const DossierNoc *
dossier_noc_table_get_item (DossierNocTable *table,
                            guint            position)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (position < table->items->len, NULL);

  return g_ptr_array_index (table->items, position);
}

const DossierNoc *
dossier_noc_table_find (DossierNocTable *table,
                        const char      *code)
{
  g_return_val_if_fail (table != NULL, NULL);

  return code != NULL ? g_hash_table_lookup (table->by_code, code) : NULL;
}

const char *
dossier_noc_table_get_source (DossierNocTable *table,
                              const char      *id)
{
  g_return_val_if_fail (table != NULL, NULL);

  return id != NULL ? g_hash_table_lookup (table->sources, id) : NULL;
}

const char *
dossier_noc_table_get_source_grade (DossierNocTable *table,
                                    const char      *id)
{
  g_return_val_if_fail (table != NULL, NULL);

  return id != NULL ? g_hash_table_lookup (table->grades, id) : NULL;
}

const char *
dossier_noc_table_get_source_url (DossierNocTable *table,
                                  const char      *id)
{
  g_return_val_if_fail (table != NULL, NULL);

  return id != NULL ? g_hash_table_lookup (table->urls, id) : NULL;
}

const char *
dossier_noc_get_title (const DossierNoc *noc,
                       const char       *lang)
{
  g_return_val_if_fail (noc != NULL, NULL);

  if (g_strcmp0 (lang, "fr") == 0 && noc->titles[1] != NULL)
    return noc->titles[1];
  return noc->titles[0];
}

const DossierNocText *
dossier_noc_get_lead_statement (const DossierNoc *noc,
                                const char       *lang)
{
  g_return_val_if_fail (noc != NULL, NULL);

  if (g_strcmp0 (lang, "fr") == 0 && noc->lead_statements[1]->len > 0)
    return g_ptr_array_index (noc->lead_statements[1], 0);
  if (noc->lead_statements[0]->len > 0)
    return g_ptr_array_index (noc->lead_statements[0], 0);
  return NULL;
}

const DossierNocText *
dossier_noc_text_pick (DossierNocText * const *texts,
                       const char             *lang)
{
  g_return_val_if_fail (texts != NULL, NULL);

  if (g_strcmp0 (lang, "fr") == 0 && texts[1] != NULL)
    return texts[1];
  return texts[0];
}

/* Every word of the query must start a word of the title ("home care" finds "Home
 * child care providers"), accents and case aside. */
static gboolean
title_matches (const char *query,
               const char *title)
{
  g_auto(GStrv) words = NULL;

  if (title == NULL)
    return FALSE;
  words = g_strsplit (query, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && !g_str_match_string (words[i], title, TRUE))
      return FALSE;
  return TRUE;
}

static gboolean
noc_matches (const DossierNoc *noc,
             const char       *query)
{
  if (*query == '\0')
    return TRUE;
  if (g_str_has_prefix (noc->code, query))
    return TRUE;
  return title_matches (query, noc->titles[0]) || title_matches (query, noc->titles[1]);
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  const DossierNoc *noc_a = *(const DossierNoc * const *) a;
  const DossierNoc *noc_b = *(const DossierNoc * const *) b;

  return strcmp (noc_a->code, noc_b->code);
}

GPtrArray *
dossier_noc_table_search (DossierNocTable    *table,
                          const char         *query,
                          const char * const *first)
{
  g_autofree char *stripped = g_strstrip (g_strdup (query != NULL ? query : ""));
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (table != NULL, found);

  for (guint i = 0; first != NULL && first[i] != NULL; i++)
    {
      const DossierNoc *noc = dossier_noc_table_find (table, first[i]);

      if (noc != NULL && noc_matches (noc, stripped) && !g_ptr_array_find (found, noc, NULL))
        g_ptr_array_add (found, (gpointer) noc);
    }
  for (guint i = 0; i < table->items->len; i++)
    {
      const DossierNoc *noc = g_ptr_array_index (table->items, i);

      if (!g_ptr_array_find (found, noc, NULL) && noc_matches (noc, stripped))
        g_ptr_array_add (rest, (gpointer) noc);
    }
  g_ptr_array_sort (rest, compare_codes);
  for (guint i = 0; i < rest->len; i++)
    g_ptr_array_add (found, g_ptr_array_index (rest, i));
  return found;
}
