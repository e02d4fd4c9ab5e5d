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
};

G_DEFINE_QUARK (dossier-noc-error-quark, dossier_noc_error)

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
    }
  g_free (noc);
}

void
dossier_noc_table_free (DossierNocTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->by_code, g_hash_table_unref);
  g_clear_pointer (&table->sources, g_hash_table_unref);
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
  g_ptr_array_add (table->items, noc);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *lang = NULL;
      g_autofree char *verified = NULL;
      g_autofree char *source = NULL;
      guint index;

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

  root = xmlDocGetRootElement (doc);
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (is_element (child, "sources"))
        {
          for (xmlNode *source = child->children; source != NULL; source = source->next)
            if (is_element (source, "source"))
              g_hash_table_insert (table->sources, get_attr (source, "id", NULL),
                                   collapse_text (source));
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
dossier_noc_get_title (const DossierNoc *noc,
                       const char       *lang)
{
  g_return_val_if_fail (noc != NULL, NULL);

  if (g_strcmp0 (lang, "fr") == 0 && noc->titles[1] != NULL)
    return noc->titles[1];
  return noc->titles[0];
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
