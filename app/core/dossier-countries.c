/* dossier-countries.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "dossier-countries.h"

/* iso-codes' gettext domain for the names of ISO 3166-1. */
#define ISO_3166_1_DOMAIN "iso_3166-1"

typedef struct
{
  GPtrArray  *codes;   /* char *, NULL-terminated */
  GHashTable *names;   /* code -> English name (the msgid of its translations) */
} Countries;

static gboolean
is_alpha_2 (const char *code)
{
  return code != NULL && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) && code[2] == '\0';
}

/* Debian 12's iso-codes (4.15) ships the table as JSON and as XML; json-glib is not a
 * dependency of Dossier and libxml2 is, so the XML is read. */
static void
load_table (Countries *countries)
{
  g_autofree char *path = g_build_filename (ISO_CODES_PREFIX, "share", "xml", "iso-codes",
                                            "iso_3166-1.xml", NULL);
  xmlDoc *doc;

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_debug ("Cannot read %s: countries are shown by their codes", path);
      return;
    }
  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    {
      xmlChar *code, *name, *common;

      if (node->type != XML_ELEMENT_NODE
          || strcmp ((const char *) node->name, "iso_3166_entry") != 0)
        continue;
      code = xmlGetProp (node, (const xmlChar *) "alpha_2_code");
      name = xmlGetProp (node, (const xmlChar *) "name");
      common = xmlGetProp (node, (const xmlChar *) "common_name");
      /* "Bolivia" rather than "Bolivia, Plurinational State of": iso-codes translates
       * both. */
      if (is_alpha_2 ((const char *) code) && name != NULL
          && !g_hash_table_contains (countries->names, code))
        {
          char *key = g_strdup ((const char *) code);

          g_ptr_array_add (countries->codes, key);
          g_hash_table_insert (countries->names, key,
                               g_strdup ((const char *) (common != NULL ? common : name)));
        }
      xmlFree (code);
      xmlFree (name);
      xmlFree (common);
    }
  xmlFreeDoc (doc);
}

static Countries *
get_countries (void)
{
  static Countries *countries;

  if (g_once_init_enter (&countries))
    {
      Countries *loaded = g_new0 (Countries, 1);
      g_autofree char *locale_dir = g_build_filename (ISO_CODES_PREFIX, "share", "locale", NULL);

      loaded->codes = g_ptr_array_new ();
      loaded->names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      load_table (loaded);
      g_ptr_array_add (loaded->codes, NULL);
      bindtextdomain (ISO_3166_1_DOMAIN, locale_dir);
      bind_textdomain_codeset (ISO_3166_1_DOMAIN, "UTF-8");
      g_once_init_leave (&countries, loaded);
    }
  return countries;
}

const char * const *
dossier_countries_get_codes (void)
{
  return (const char * const *) get_countries ()->codes->pdata;
}

const char *
dossier_country_get_name_en (const char *code)
{
  if (code == NULL)
    return NULL;
  return g_hash_table_lookup (get_countries ()->names, code);
}

const char *
dossier_country_get_name (const char *code)
{
  const char *name = dossier_country_get_name_en (code);

  return name != NULL ? g_dgettext (ISO_3166_1_DOMAIN, name) : NULL;
}

typedef struct
{
  const char *code;
  char       *key;
} SortItem;

/* Accents and letter case do not count: "Égypte" sorts among the E, as a reader
 * expects even in a locale (C.UTF-8) whose collation is by code point. */
static char *
sort_key (const char *name)
{
  g_autofree char *decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);
  g_autofree char *folded = NULL;

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  folded = g_utf8_casefold (bare->str, -1);
  return g_utf8_collate_key (folded, -1);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SortItem *ia = a;
  const SortItem *ib = b;
  int c = strcmp (ia->key, ib->key);

  return c != 0 ? c : strcmp (ia->code, ib->code);
}

const char **
dossier_countries_dup_sorted (void)
{
  const char * const *codes = dossier_countries_get_codes ();
  guint n = g_strv_length ((char **) codes);
  g_autofree SortItem *items = g_new0 (SortItem, MAX (n, 1));
  const char **sorted = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      items[i].code = codes[i];
      items[i].key = sort_key (dossier_country_get_name (codes[i]));
    }
  qsort (items, n, sizeof (SortItem), compare_items);
  for (guint i = 0; i < n; i++)
    {
      sorted[i] = items[i].code;
      g_free (items[i].key);
    }
  return sorted;
}
