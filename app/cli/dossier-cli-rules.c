/* dossier-cli-rules.c: `dossier-cli rules lint` and `dossier-cli rules test`
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dossier-cli.h"
#include "dossier-evaluation.h"
#include "dossier-pack.h"
#include "dossier-profile.h"
#include "dossier-xml.h"

#define CASES_NS "urn:dossier:cases:1"
#define CASE_MAX_BYTES (1024 * 1024)
#define CASE_MAX_DEPTH 24

static int
rules_lint (int    argc,
            char **argv)
{
  gboolean problems_found = FALSE;
  gboolean unusable = FALSE;

  if (argc < 2)
    {
      dossier_cli_error (_("rules lint needs at least one rule pack file"));
      return DOSSIER_EXIT_USAGE;
    }
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(DossierPack) pack = dossier_pack_load (argv[i], problems, &error);

      if (pack != NULL)
        {
          printf (_("%s: ok (%s, %u rules)\n"), argv[i], dossier_pack_get_id (pack),
                  dossier_pack_get_n_rules (pack));
          continue;
        }
      if (problems->len == 0)
        {
          dossier_cli_error ("%s", error->message);
          unusable = TRUE;
          continue;
        }
      problems_found = TRUE;
      for (guint j = 0; j < problems->len; j++)
        {
          DossierProblem *problem = g_ptr_array_index (problems, j);

          printf ("%s:%u: %s: %s\n", argv[i], problem->line, problem->path, problem->message);
        }
    }
  if (unusable)
    return DOSSIER_EXIT_USAGE;
  return problems_found ? DOSSIER_EXIT_NO : DOSSIER_EXIT_OK;
}

static gboolean
is_case_element (xmlNode    *node,
                 const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL
         && g_strcmp0 ((const char *) node->ns->href, CASES_NS) == 0
         && g_strcmp0 ((const char *) node->name, name) == 0;
}

static char *
get_prop (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *result = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return result;
}

/* The profile of a case: inline (<profile><dossier …/></profile>) or referred to
 * (<profile href="…"/>, relative to the case file). Inline profiles go through the same
 * loader as files, serialized, so that cases test exactly what users get. */
static DossierProfile *
load_case_profile (const char  *case_path,
                   xmlNode     *profile_node,
                   GError     **error)
{
  g_autofree char *href = get_prop (profile_node, "href");
  g_autofree char *display = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlChar *data = NULL;
  int length = 0;
  DossierProfile *profile;

  if (href != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (case_path);
      g_autofree char *path = g_build_filename (dir, href, NULL);

      return dossier_profile_load (path, error);
    }

  for (xmlNode *child = profile_node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      {
        doc = xmlNewDoc ((const xmlChar *) "1.0");
        xmlDocSetRootElement (doc, xmlDocCopyNode (child, doc, 1));
        xmlReconciliateNs (doc, xmlDocGetRootElement (doc));
        break;
      }
  if (doc == NULL)
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID,
                   _("%s: <profile> holds no profile"), case_path);
      return NULL;
    }
  xmlDocDumpMemoryEnc (doc, &data, &length, "UTF-8");
  display = g_strdup_printf ("%s (embedded profile)", case_path);
  profile = dossier_profile_load_from_data ((const char *) data, length, display, error);
  xmlFree (data);
  return profile;
}

/* Runs one case; returns NULL when it passed, else why it did not. */
static char *
run_case (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  g_autoptr(DossierEvaluation) evaluation = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  g_autofree char *program = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *verdict = NULL;
  xmlNode *root;
  xmlNode *profile_node = NULL;
  DossierPack *pack;
  DossierDay as_of;
  GPtrArray *value_problems;

  doc = dossier_xml_read_file (path, CASE_MAX_BYTES, CASE_MAX_DEPTH, &error);
  if (doc == NULL)
    return g_strdup (error->message);
  if (!dossier_xml_validate (doc, "cases.rng", problems, &error))
    {
      DossierProblem *problem;

      if (error)
        return g_strdup (error->message);
      problem = g_ptr_array_index (problems, 0);
      return g_strdup_printf ("line %u: %s: %s", problem->line, problem->path, problem->message);
    }
  root = xmlDocGetRootElement (doc);
  program = get_prop (root, "program");
  as_of_text = get_prop (root, "as-of");
  verdict = get_prop (root, "verdict");
  if (!dossier_day_parse (as_of_text, &as_of))
    return g_strdup_printf ("as-of=“%s” is not a date", as_of_text ? as_of_text : "");
  pack = dossier_pack_find (program, &error);
  if (pack == NULL)
    return g_strdup (error->message);

  for (xmlNode *child = root->children; child; child = child->next)
    if (is_case_element (child, "profile"))
      profile_node = child;
  if (profile_node == NULL)
    return g_strdup ("the case has no <profile>");
  profile = load_case_profile (path, profile_node, &error);
  if (profile == NULL)
    return g_strdup (error->message);
  value_problems = dossier_profile_get_problems (profile);
  if (value_problems && value_problems->len > 0)
    {
      DossierProblem *problem = g_ptr_array_index (value_problems, 0);

      return g_strdup_printf ("profile line %u: %s: %s", problem->line, problem->path, problem->message);
    }

  evaluation = dossier_evaluate (pack, dossier_profile_get_records (profile), as_of);
  if (verdict && g_strcmp0 (verdict, dossier_verdict_to_string (evaluation->verdict)) != 0)
    g_string_append_printf (why, "verdict: expected %s, got %s; ", verdict,
                            dossier_verdict_to_string (evaluation->verdict));

  for (xmlNode *child = root->children; child; child = child->next)
    {
      g_autofree char *rule = NULL;
      g_autofree char *outcome = NULL;
      const DossierRuleResult *result;

      if (!is_case_element (child, "expect"))
        continue;
      rule = get_prop (child, "rule");
      outcome = get_prop (child, "outcome");
      result = dossier_evaluation_find (evaluation, rule);
      if (result == NULL)
        g_string_append_printf (why, "rule %s: not in pack %s; ", rule, program);
      else if (g_strcmp0 (outcome, dossier_outcome_to_string (result->outcome)) != 0)
        g_string_append_printf (why, "rule %s: expected %s, got %s (%s); ", rule, outcome,
                                dossier_outcome_to_string (result->outcome),
                                result->message[DOSSIER_LANG_EN] ? result->message[DOSSIER_LANG_EN] : "");
    }

  if (why->len == 0)
    return NULL;
  g_string_truncate (why, why->len - 2);
  return g_string_free (g_steal_pointer (&why), FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static int
rules_test (int    argc,
            char **argv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint passed = 0, failed = 0;

  if (argc < 2)
    {
      dossier_cli_error (_("rules test needs at least one folder of test cases"));
      return DOSSIER_EXIT_USAGE;
    }
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;

      if (g_file_test (argv[i], G_FILE_TEST_IS_REGULAR))
        {
          g_ptr_array_add (paths, g_strdup (argv[i]));
          continue;
        }
      dir = g_dir_open (argv[i], 0, &error);
      if (dir == NULL)
        {
          dossier_cli_error (_("%s: %s; give a folder of test cases"), argv[i], error->message);
          return DOSSIER_EXIT_USAGE;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".xml"))
          g_ptr_array_add (paths, g_build_filename (argv[i], name, NULL));
    }
  g_ptr_array_sort (paths, compare_strings);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *why = run_case (path);

      if (why == NULL)
        passed++;
      else
        {
          failed++;
          printf (_("FAIL %s: %s\n"), path, why);
        }
    }
  printf (_("%u passed, %u failed\n"), passed, failed);
  return failed ? DOSSIER_EXIT_NO : DOSSIER_EXIT_OK;
}

int
dossier_cli_rules (int    argc,
                   char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "lint"))
    return rules_lint (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "test"))
    return rules_test (argc - 1, argv + 1);
  dossier_cli_error (_("use “rules lint PACK…” or “rules test FOLDER…”"));
  return DOSSIER_EXIT_USAGE;
}
