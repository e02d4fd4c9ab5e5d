/* dossier-checklist.c: document slots and the portal limits they share
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
#include "dossier-profile.h"
#include "dossier-xml.h"

#define LIMITS_NS "urn:dossier:documents:1"

typedef struct
{
  GPtrArray  *limits;     /* DossierPortalLimits */
  GHashTable *sources;    /* id → DossierSource */
} PortalData;

void
dossier_slot_free (DossierSlot *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->id);
  g_free (slot->kind);
  g_strfreev (slot->sources);
  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    {
      g_free (slot->unverified[l]);
      g_free (slot->titles[l]);
      g_free (slot->help[l]);
      g_free (slot->validity_unverified[l]);
    }
  dossier_predicate_free (slot->when);
  g_free (slot);
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *result = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return result;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns
         && g_strcmp0 ((const char *) node->ns->href, LIMITS_NS) == 0
         && g_strcmp0 ((const char *) node->name, name) == 0;
}

static PortalData *
load_portal_data (GError **error)
{
  g_autofree char *path = dossier_data_path ("documents", "portal-limits.xml");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);
  g_autoptr(xmlDoc) doc = NULL;
  PortalData *data;

  doc = dossier_xml_read_file (path, 256 * 1024, 8, error);
  if (doc == NULL)
    return NULL;
  if (!dossier_xml_validate (doc, "portal-limits.rng", problems, error))
    {
      if (error && *error == NULL)
        {
          DossierProblem *problem = g_ptr_array_index (problems, 0);

          g_set_error (error, DOSSIER_PACK_ERROR, DOSSIER_PACK_ERROR_INVALID,
                       "%s:%u: %s: %s", path, problem->line, problem->path, problem->message);
        }
      return NULL;
    }

  data = g_new0 (PortalData, 1);
  data->limits = g_ptr_array_new ();
  data->sources = g_hash_table_new (g_str_hash, g_str_equal);
  for (xmlNode *child = xmlDocGetRootElement (doc)->children; child; child = child->next)
    {
      if (is_element (child, "source"))
        {
          DossierSource *source = g_new0 (DossierSource, 1);
          xmlChar *content = xmlNodeGetContent (child);

          source->id = get_attr (child, "id");
          source->grade = get_attr (child, "grade");
          source->url = get_attr (child, "url");
          source->seen = get_attr (child, "seen");
          source->title = g_strstrip (g_strdup ((const char *) content));
          xmlFree (content);
          g_hash_table_insert (data->sources, source->id, source);
        }
      else if (is_element (child, "limits"))
        {
          DossierPortalLimits *limits = g_new0 (DossierPortalLimits, 1);
          g_autofree char *max_bytes = get_attr (child, "max-bytes");
          g_autofree char *formats = get_attr (child, "formats");
          g_autofree char *sources = get_attr (child, "source");
          g_auto(GStrv) names = g_strsplit (formats, " ", -1);

          limits->id = get_attr (child, "id");
          limits->max_bytes = g_ascii_strtoll (max_bytes, NULL, 10);
          limits->sources = g_strsplit (sources, " ", -1);
          limits->unverified[DOSSIER_LANG_EN] = get_attr (child, "unverified");
          limits->unverified[DOSSIER_LANG_FR] = get_attr (child, "unverified-fr");
          for (guint i = 0; names[i]; i++)
            {
              DossierFileFormat format;

              if (dossier_file_format_from_string (names[i], &format))
                limits->formats |= 1u << format;
            }
          g_ptr_array_add (data->limits, limits);
        }
    }
  return data;
}

static PortalData *
get_portal_data (GError **error)
{
  static PortalData *data;
  static GError *load_error;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      data = load_portal_data (&load_error);
      g_once_init_leave (&loaded, 1);
    }
  if (data == NULL)
    g_propagate_error (error, g_error_copy (load_error));
  return data;
}

const DossierPortalLimits *
dossier_portal_limits_find (const char  *id,
                            GError     **error)
{
  PortalData *data = get_portal_data (error);

  if (data == NULL)
    return NULL;
  for (guint i = 0; i < data->limits->len; i++)
    {
      const DossierPortalLimits *limits = g_ptr_array_index (data->limits, i);

      if (g_strcmp0 (limits->id, id) == 0)
        return limits;
    }
  g_set_error (error, DOSSIER_PACK_ERROR, DOSSIER_PACK_ERROR_INVALID,
               _("limits=“%s” names no set of portal limits in data/documents/portal-limits.xml"),
               id ? id : "");
  return NULL;
}

const DossierSource *
dossier_portal_limits_source (const char *id)
{
  PortalData *data = get_portal_data (NULL);

  return data ? g_hash_table_lookup (data->sources, id) : NULL;
}

guint
dossier_slot_get_formats (const DossierSlot         *slot,
                          const DossierPortalLimits *limits)
{
  /* A slot narrows the portal's list; it never widens it. */
  if (slot->formats != 0)
    return limits ? slot->formats & limits->formats : slot->formats;
  return limits ? limits->formats : 0;
}

goffset
dossier_slot_get_max_bytes (const DossierSlot         *slot,
                            const DossierPortalLimits *limits)
{
  if (slot->max_bytes > 0 && (limits == NULL || slot->max_bytes < limits->max_bytes))
    return slot->max_bytes;
  return limits ? limits->max_bytes : slot->max_bytes;
}
