/* dossier-cli-spell.c: "dossier-cli spell", the misspelled words of a profile's texts
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dossier-cli.h"
#include "dossier-profile.h"
#include "dossier-speller.h"

/* How many suggestions a line gives at most. */
#define MAX_SUGGESTIONS 5

/* One free text of a profile: the job duties and the notes. */
typedef struct
{
  char *path;        /* "/dossier/work-history/job[1]/duties" */
  char *text;
  char *lang;        /* its xml:lang, or NULL */
} SpellField;

static void
spell_field_free (SpellField *field)
{
  g_free (field->path);
  g_free (field->text);
  g_free (field->lang);
  g_free (field);
}

static void
add_field (GPtrArray  *fields,
           const char *path,
           const char *text,
           const char *lang)
{
  SpellField *field;

  if (text == NULL || *text == '\0')
    return;
  field = g_new0 (SpellField, 1);
  field->path = g_strdup (path);
  field->text = g_strdup (text);
  field->lang = g_strdup (lang);
  g_ptr_array_add (fields, field);
}

/* The profile's multi-line texts, in file order. */
static GPtrArray *
collect_fields (DossierProfile *profile)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) spell_field_free);
  const DossierRecords *records = dossier_profile_get_records (profile);
  g_autofree char *notes = dossier_profile_get_value (profile, "notes");
  g_autofree char *notes_lang = dossier_profile_get_value (profile, "notes/@xml:lang");

  for (guint i = 0; i < records->jobs->len; i++)
    {
      const DossierJob *job = g_ptr_array_index (records->jobs, i);
      g_autofree char *path = g_strdup_printf ("%s/duties", job->origin.path);

      add_field (fields, path, job->duties, job->duties_lang);
    }
  add_field (fields, "/dossier/notes", notes, notes_lang);
  return fields;
}

/* Prints the misspellings of one field; returns how many there were, or -1 when the
 * field's dictionary is missing (with the message in @error). */
static int
spell_field (const SpellField  *field,
             const char        *prefix,
             const char        *default_lang,
             GError           **error)
{
  const char *lang = field->lang != NULL ? dossier_speller_normalize_language (field->lang)
                                         : default_lang;
  g_autoptr(DossierSpeller) speller = NULL;
  g_autoptr(GArray) misspelled = NULL;

  if (lang == NULL)
    {
      /* On stderr: stdout has misspellings only. */
      g_printerr (_("dossier-cli: note: %s%s is in “%s”, which cannot be spell-checked "
                    "(only English and French can); it was skipped\n"),
                  prefix, field->path, field->lang);
      return 0;
    }
  speller = dossier_speller_get_for_language (lang, error);
  if (speller == NULL)
    return -1;

  misspelled = dossier_speller_check_text (speller, field->text, 0, -1);
  for (guint i = 0; i < misspelled->len; i++)
    {
      const DossierSpellRange *range = &g_array_index (misspelled, DossierSpellRange, i);
      const char *start = g_utf8_offset_to_pointer (field->text, range->start);
      const char *end = g_utf8_offset_to_pointer (start, range->end - range->start);
      g_autofree char *word = g_strndup (start, end - start);
      g_auto(GStrv) suggestions = dossier_speller_suggest (speller, word);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%s%s: %s:", prefix, field->path, word);
      for (guint j = 0; suggestions[j] != NULL && j < MAX_SUGGESTIONS; j++)
        g_string_append_printf (line, "%s%s", j == 0 ? " " : ", ", suggestions[j]);
      printf ("%s\n", line->str);
    }
  return (int) misspelled->len;
}

int
dossier_cli_spell (int    argc,
                   char **argv)
{
  g_autofree char *lang_option = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_option,
      N_("The language of texts that do not name theirs: en_CA (the default) or fr_CA"),
      N_("LANG") },
    { NULL }
  };
  const char *default_lang;
  gboolean any = FALSE;

  context = g_option_context_new (_("PROFILE…"));
  g_option_context_set_summary (context,
                                _("Checks the spelling of a profile’s free texts (the duties "
                                  "of each job, the notes) in their language: English "
                                  "(Canada) unless the text says otherwise with xml:lang. "
                                  "Prints one line per misspelled word, “FIELD-PATH: WORD: "
                                  "suggestion, suggestion”, and exits with 1 if there are "
                                  "any, 0 if there are none."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      dossier_cli_error (_("spell: %s; see “dossier-cli spell --help”"), error->message);
      return DOSSIER_EXIT_USAGE;
    }
  if (argc < 2)
    {
      dossier_cli_error (_("spell needs at least one profile file (.dossier); see "
                           "“dossier-cli spell --help”"));
      return DOSSIER_EXIT_USAGE;
    }
  default_lang = dossier_speller_normalize_language (lang_option != NULL ? lang_option
                                                                         : DOSSIER_SPELLER_DEFAULT_LANGUAGE);
  if (default_lang == NULL)
    {
      dossier_cli_error (_("spell: --lang “%s” is not known; use en_CA or fr_CA"), lang_option);
      return DOSSIER_EXIT_USAGE;
    }

  /* Every file is read first, so that an unusable one stops the run before anything
   * is printed. */
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(DossierProfile) profile = dossier_profile_load (argv[i], &error);

      if (profile == NULL)
        {
          dossier_cli_error ("%s", error->message);
          return DOSSIER_EXIT_USAGE;
        }
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(DossierProfile) profile = dossier_profile_load (argv[i], &error);
      g_autoptr(GPtrArray) fields = NULL;
      /* Like grep: the file name before each line when there are several files. */
      g_autofree char *prefix = argc > 2 ? g_strconcat (argv[i], ": ", NULL) : g_strdup ("");

      if (profile == NULL)
        {
          dossier_cli_error ("%s", error->message);
          return DOSSIER_EXIT_USAGE;
        }
      fields = collect_fields (profile);
      for (guint j = 0; j < fields->len; j++)
        {
          int n = spell_field (g_ptr_array_index (fields, j), prefix, default_lang, &error);

          if (n < 0)
            {
              dossier_cli_error ("spell: %s", error->message);
              return DOSSIER_EXIT_USAGE;
            }
          any = any || n > 0;
        }
    }

  return any ? DOSSIER_EXIT_NO : DOSSIER_EXIT_OK;
}
