/* dossier-page-language.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dossier-i18n.h"
#include "dossier-job-dialog.h"
#include "dossier-language.h"
#include "dossier-page-language.h"

/* The designated tests, in the order the kind list shows them; the last entry stands
 * for every other test, which the tables then name and reject. */
static const struct
{
  const char *kind;
  const char *title;
} test_kinds[] = {
  { "celpip-g", N_("CELPIP-General") },
  { "ielts-gt", N_("IELTS General Training") },
  { "pte-core", N_("PTE Core") },
  { "tef-canada", N_("TEF Canada") },
  { "tcf-canada", N_("TCF Canada") },
  { NULL, N_("Another test") },
};
#define OTHER_KIND (G_N_ELEMENTS (test_kinds) - 1)

static const char * const tef_scales[] = { "2023", "original" };

static const char * const ability_attributes[DOSSIER_N_ABILITIES] = {
  "reading", "writing", "listening", "speaking",
};

typedef struct
{
  double min;
  double max;
  double step;
} ScoreRange;

typedef struct _TestView TestView;

struct _DossierPageLanguage
{
  AdwBin                 parent_instance;

  AdwPreferencesGroup   *intro_group;
  GtkBox                *tests_box;

  DossierProfile        *profile;
  gulong                 changed_id;
  GPtrArray             *views;          /* TestView */
  guint                  editing;        /* our own edits in progress */
  DossierLanguageTables *tables;
};

struct _TestView
{
  DossierPageLanguage *page;
  char                *id;               /* NULL for a test without id */
  char                *base_path;        /* "language-tests/test[@id='l1']" */
  guint                number;           /* 1-based, for titles */
  guint                updating;         /* setting widgets from the profile */

  AdwPreferencesGroup *group;
  AdwComboRow         *kind_row;
  AdwEntryRow         *other_kind_row;
  AdwActionRow        *status_row;
  AdwComboRow         *scale_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *registration_row;
  AdwActionRow        *score_rows[DOSSIER_N_ABILITIES];
  GtkEntry            *score_entries[DOSSIER_N_ABILITIES];
  GtkLabel            *level_labels[DOSSIER_N_ABILITIES];
  AdwActionRow        *overall_row;
  GtkLabel            *overall_label;
  AdwActionRow        *problems_row;
};

G_DEFINE_FINAL_TYPE (DossierPageLanguage, dossier_page_language, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void test_view_refresh (TestView *view,
                               gboolean  texts);

static void
test_view_free (TestView *view)
{
  g_free (view->id);
  g_free (view->base_path);
  g_free (view);
}

static char *
test_path (TestView   *view,
           const char *attribute)
{
  return g_strdup_printf ("%s/@%s", view->base_path, attribute);
}

static char *
get_attribute (TestView   *view,
               const char *attribute)
{
  g_autofree char *path = test_path (view, attribute);

  return dossier_profile_get_value (view->page->profile, path);
}

static void
set_attribute (TestView   *view,
               const char *attribute,
               const char *value)
{
  g_autofree char *path = test_path (view, attribute);
  g_autoptr(GError) error = NULL;
  g_autofree char *current = dossier_profile_get_value (view->page->profile, path);

  if (g_strcmp0 (current, value) == 0 || (current == NULL && value != NULL && *value == '\0'))
    return;
  view->page->editing++;
  if (!dossier_profile_set_value (view->page->profile, path,
                                  value != NULL && *value != '\0' ? value : NULL, &error))
    g_warning ("Cannot set %s: %s", path, error->message);
  view->page->editing--;
}

static const DossierTestScale *
lookup_scale (DossierPageLanguage  *self,
              const char           *kind,
              const char           *scale,
              GError              **error)
{
  if (self->tables == NULL)
    {
      g_set_error_literal (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_DATA,
                           _("The language test tables could not be loaded"));
      return NULL;
    }
  if (kind == NULL)
    {
      g_set_error_literal (error, DOSSIER_LANGUAGE_ERROR, DOSSIER_LANGUAGE_ERROR_UNKNOWN_TEST,
                           _("Choose the test, or type its name"));
      return NULL;
    }
  return dossier_language_tables_lookup (self->tables, kind, scale, error);
}

/* The tables give a level for every score a test can give and refuse the rest; the
 * range is found by asking, on the half-point grid every designated test uses. */
static gboolean
probe_range (const DossierTestScale *scale,
             DossierAbility          ability,
             ScoreRange             *range)
{
  /* From the tables themselves: this runs on every change of the profile. */
  dossier_test_scale_get_range (scale, ability, &range->min, &range->max, &range->step);
  return range->step > 0;
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

static char *
describe_range (const ScoreRange *range)
{
  g_autofree char *min = format_number (range->min);
  g_autofree char *max = format_number (range->max);
  g_autofree char *step = format_number (range->step);

  if (range->step == 1.0)
    /* Translators: the scores a test can give, "whole numbers from 0 to 12" */
    return g_strdup_printf (_("whole numbers from %s to %s"), min, max);
  /* Translators: "from 0 to 9 in steps of 0.5" */
  return g_strdup_printf (_("from %s to %s in steps of %s"), min, max, step);
}

/* Scores are typed as on the report; a decimal comma is accepted. */
static gboolean
parse_score (const char *text,
             double     *out_score)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double score;

  g_strdelimit (copy, ",", '.');
  if (*copy == '\0')
    return FALSE;
  score = g_ascii_strtod (copy, &end);
  if (end == NULL || *end != '\0' || !isfinite (score))
    return FALSE;
  *out_score = score;
  return TRUE;
}

static char *
normalize_score (const char *text)
{
  char *copy = g_strstrip (g_strdup (text));

  g_strdelimit (copy, ",", '.');
  return copy;
}

/* The kind a free-text test name stands for: "IELTS Academic" is "ielts-academic". */
static char *
normalize_kind (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *lower = g_utf8_strdown (stripped, -1);
  GString *kind = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '_')
        {
          if (kind->len > 0 && kind->str[kind->len - 1] != '-')
            g_string_append_c (kind, '-');
        }
      else
        {
          g_string_append_c (kind, *p);
        }
    }
  return g_string_free (kind, kind->len == 0);
}

static guint
kind_index (const char *kind)
{
  for (guint i = 0; i < OTHER_KIND; i++)
    if (g_strcmp0 (kind, test_kinds[i].kind) == 0)
      return i;
  return OTHER_KIND;
}

static void
set_editable_text (GtkEditable *editable,
                   const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text != NULL ? text : "") != 0)
    gtk_editable_set_text (editable, text != NULL ? text : "");
}

/* One score's level, as words: never by colour alone. Returns the level, -1 when
 * there is none to count. */
static int
update_level_label (TestView               *view,
                    const DossierTestScale *scale,
                    DossierAbility          ability)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (view->score_entries[ability]));
  GtkWidget *label = GTK_WIDGET (view->level_labels[ability]);
  g_autofree char *level_text = NULL;
  g_autofree char *description = NULL;
  gboolean bad = FALSE;
  double score;
  int level = -1;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (scale == NULL)
    {
      level_text = g_strdup (_("no level"));
    }
  else if (*trimmed == '\0')
    {
      level_text = g_strdup (_("not entered"));
    }
  else
    {
      ScoreRange range;

      if (!parse_score (text, &score))
        {
          level_text = g_strdup (_("not a number"));
          bad = TRUE;
        }
      else if ((level = dossier_test_scale_level (scale, ability, score, NULL)) < 0)
        {
          g_autofree char *range_text = probe_range (scale, ability, &range)
                                        ? describe_range (&range) : g_strdup ("?");

          /* Translators: "out of range: from 0 to 9 in steps of 0.5" */
          level_text = g_strdup_printf (_("out of range: %s"), range_text);
          bad = TRUE;
        }
      else if (level == 0)
        {
          /* Translators: "below CLB 4": under the lowest level the tables give */
          level_text = g_strdup_printf (_("below %s 4"),
                                        dossier_test_scale_get_framework (scale));
        }
      else
        {
          /* Translators: "CLB 7" or "NCLC 7" */
          level_text = g_strdup_printf (_("%s %d"), dossier_test_scale_get_framework (scale),
                                        level);
        }
    }

  gtk_label_set_label (GTK_LABEL (label), level_text);
  if (bad)
    {
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (GTK_WIDGET (view->score_entries[ability]), "error");
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (view->score_entries[ability]), "error");
    }
  /* Translators: a score field's accessible description, "Level: CLB 7" */
  description = g_strdup_printf (_("Level: %s"), level_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->score_entries[ability]),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (view->score_entries[ability]),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  return bad ? -2 : level;
}

static void
update_levels (TestView *view)
{
  g_autofree char *kind = get_attribute (view, "kind");
  g_autofree char *scale_id = get_attribute (view, "scale");
  const DossierTestScale *scale = lookup_scale (view->page, kind, scale_id, NULL);
  g_autofree char *overall = NULL;
  gboolean missing = FALSE;
  gboolean bad = FALSE;
  int lowest = G_MAXINT;

  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    {
      int level = update_level_label (view, scale, (DossierAbility) i);

      if (level == -2)
        bad = TRUE;
      else if (level < 0)
        missing = TRUE;
      else
        lowest = MIN (lowest, level);
    }

  if (scale == NULL)
    overall = g_strdup (_("no level: this test is not accepted"));
  else if (bad)
    overall = g_strdup (_("not yet: a score is not valid"));
  else if (missing)
    overall = g_strdup (_("not yet: enter all four scores"));
  else if (lowest == 0)
    overall = g_strdup_printf (_("below %s 4"), dossier_test_scale_get_framework (scale));
  else
    overall = g_strdup_printf (_("%s %d"), dossier_test_scale_get_framework (scale), lowest);
  gtk_label_set_label (view->overall_label, overall);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->overall_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, overall,
                                  -1);
}

static void
update_ranges (TestView               *view,
               const DossierTestScale *scale)
{
  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    {
      ScoreRange range;
      g_autofree char *subtitle = NULL;

      if (scale != NULL && probe_range (scale, (DossierAbility) i, &range))
        {
          g_autofree char *range_text = describe_range (&range);

          /* Translators: a score row's subtitle, "Scores: from 0 to 9 in steps of 0.5" */
          subtitle = g_strdup_printf (_("Scores: %s"), range_text);
        }
      adw_action_row_set_subtitle (view->score_rows[i], subtitle != NULL ? subtitle : "");
      gtk_widget_set_sensitive (GTK_WIDGET (view->score_entries[i]), scale != NULL);
    }
}

static gboolean
problem_is_for (const DossierProblem *problem,
                const char           *origin)
{
  gsize len = strlen (origin);

  return g_str_has_prefix (problem->path, origin)
         && (problem->path[len] == '\0' || problem->path[len] == '/');
}

static const DossierLanguageTest *
find_record (TestView *view)
{
  const DossierRecords *records = dossier_profile_get_records (view->page->profile);

  for (guint i = 0; i < records->language_tests->len; i++)
    {
      const DossierLanguageTest *test = g_ptr_array_index (records->language_tests, i);

      if (view->id != NULL ? g_strcmp0 (test->id, view->id) == 0 : i + 1 == view->number)
        return test;
    }
  return NULL;
}

/* Problems the profile finds in the test's fields other than the scores, whose levels
 * already say what is wrong with them. */
static void
update_problems (TestView *view)
{
  const DossierLanguageTest *test = find_record (view);
  GPtrArray *problems = dossier_profile_get_problems (view->page->profile);
  g_autoptr(GString) text = g_string_new (NULL);

  if (test != NULL && test->origin.path != NULL)
    for (guint i = 0; i < problems->len; i++)
      {
        const DossierProblem *problem = g_ptr_array_index (problems, i);
        gboolean on_score = FALSE;

        if (!problem_is_for (problem, test->origin.path))
          continue;
        for (guint a = 0; a < DOSSIER_N_ABILITIES; a++)
          {
            g_autofree char *suffix = g_strconcat ("/@", ability_attributes[a], NULL);

            on_score |= g_str_has_suffix (problem->path, suffix);
          }
        if (on_score)
          continue;
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, problem->message);
      }
  adw_action_row_set_subtitle (view->problems_row, text->str);
  gtk_widget_set_visible (GTK_WIDGET (view->problems_row), text->len > 0);
}

static void
update_status (TestView *view)
{
  g_autofree char *kind = get_attribute (view, "kind");
  g_autofree char *scale_id = get_attribute (view, "scale");
  g_autoptr(GError) error = NULL;
  const DossierTestScale *scale = lookup_scale (view->page, kind, scale_id, &error);
  guint index = kind_index (kind);
  g_autofree char *title = NULL;

  if (scale == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->status_row),
                                     kind != NULL ? _("Not accepted for this application")
                                                  : _("Which test?"));
      adw_action_row_set_subtitle (view->status_row, error->message);
      adw_action_row_set_icon_name (view->status_row, "dialog-warning-symbolic");
      gtk_widget_set_visible (GTK_WIDGET (view->status_row), TRUE);
    }
  else if (dossier_test_scale_get_unverified (scale) != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->status_row),
                                     _("Equivalences not confirmed"));
      adw_action_row_set_subtitle (view->status_row, dossier_test_scale_get_unverified (scale));
      adw_action_row_set_icon_name (view->status_row, "dialog-information-symbolic");
      gtk_widget_set_visible (GTK_WIDGET (view->status_row), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (view->status_row), FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (view->other_kind_row), index == OTHER_KIND);
  gtk_widget_set_visible (GTK_WIDGET (view->scale_row),
                          g_strcmp0 (kind, "tef-canada") == 0);

  if (scale != NULL)
    /* Translators: a language test's heading, "Test 1: IELTS General Training" */
    title = g_strdup_printf (_("Test %u: %s"), view->number,
                             dossier_test_scale_get_title (scale, dossier_i18n_data_language ()));
  else if (kind != NULL)
    title = g_strdup_printf (_("Test %u: %s"), view->number, kind);
  else
    title = g_strdup_printf (_("Test %u"), view->number);
  adw_preferences_group_set_title (view->group, title);

  update_ranges (view, scale);
}

/* Sets the widgets from the profile; texts only when the change came from elsewhere,
 * so that what is being typed is never rewritten under the cursor. */
static void
test_view_refresh (TestView *view,
                   gboolean  texts)
{
  g_autofree char *kind = get_attribute (view, "kind");

  view->updating++;
  if (texts)
    {
      g_autofree char *scale_id = get_attribute (view, "scale");
      g_autofree char *date = get_attribute (view, "date");
      g_autofree char *registration = get_attribute (view, "registration");
      guint index = kind_index (kind);

      if (index != OTHER_KIND || adw_combo_row_get_selected (view->kind_row) != OTHER_KIND)
        adw_combo_row_set_selected (view->kind_row, index);
      if (index == OTHER_KIND)
        {
          g_autofree char *typed = normalize_kind (gtk_editable_get_text (GTK_EDITABLE (view->other_kind_row)));

          if (g_strcmp0 (typed, kind) != 0)
            set_editable_text (GTK_EDITABLE (view->other_kind_row), kind);
        }
      adw_combo_row_set_selected (view->scale_row,
                                  g_strcmp0 (scale_id, "original") == 0 ? 1 : 0);
      set_editable_text (GTK_EDITABLE (view->date_row), date);
      set_editable_text (GTK_EDITABLE (view->registration_row), registration);
      for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
        {
          g_autofree char *score = get_attribute (view, ability_attributes[i]);
          g_autofree char *typed = normalize_score (gtk_editable_get_text (GTK_EDITABLE (view->score_entries[i])));

          if (g_strcmp0 (typed, score != NULL ? score : "") != 0)
            set_editable_text (GTK_EDITABLE (view->score_entries[i]), score);
        }
    }
  update_status (view);
  update_levels (view);
  update_problems (view);
  view->updating--;
}

static void
kind_selected_cb (TestView *view)
{
  guint index = adw_combo_row_get_selected (view->kind_row);

  if (view->updating)
    return;
  if (index == OTHER_KIND)
    {
      g_autofree char *kind = normalize_kind (gtk_editable_get_text (GTK_EDITABLE (view->other_kind_row)));

      set_attribute (view, "scale", NULL);
      set_attribute (view, "kind", kind);
      gtk_widget_grab_focus (GTK_WIDGET (view->other_kind_row));
    }
  else
    {
      g_autofree char *scale = get_attribute (view, "scale");

      if (g_strcmp0 (test_kinds[index].kind, "tef-canada") == 0)
        set_attribute (view, "scale", scale != NULL ? scale : tef_scales[0]);
      else
        set_attribute (view, "scale", NULL);
      set_attribute (view, "kind", test_kinds[index].kind);
    }
  test_view_refresh (view, FALSE);
}

static void
other_kind_changed_cb (TestView *view)
{
  g_autofree char *kind = NULL;

  if (view->updating || adw_combo_row_get_selected (view->kind_row) != OTHER_KIND)
    return;
  kind = normalize_kind (gtk_editable_get_text (GTK_EDITABLE (view->other_kind_row)));
  set_attribute (view, "kind", kind);
  test_view_refresh (view, FALSE);
}

static void
scale_selected_cb (TestView *view)
{
  guint index = adw_combo_row_get_selected (view->scale_row);

  if (view->updating || index >= G_N_ELEMENTS (tef_scales))
    return;
  set_attribute (view, "scale", tef_scales[index]);
  test_view_refresh (view, FALSE);
}

static void
text_changed_cb (GtkEditable *editable,
                 TestView    *view)
{
  const char *attribute = g_object_get_data (G_OBJECT (editable), "dossier-attribute");
  g_autofree char *value = NULL;

  if (view->updating)
    return;
  if (g_strv_contains (ability_attributes, attribute))
    value = normalize_score (gtk_editable_get_text (editable));
  else
    value = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  set_attribute (view, attribute, value);
  test_view_refresh (view, FALSE);
}

static GtkStringList *
kind_model_new (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (test_kinds); i++)
    gtk_string_list_append (list, _(test_kinds[i].title));
  return list;
}

static TestView *
test_view_new (DossierPageLanguage *self,
               const char          *id,
               guint                number)
{
  TestView *view = g_new0 (TestView, 1);
  g_autoptr(GtkStringList) kinds = kind_model_new ();
  g_autoptr(GtkStringList) scales = NULL;
  GtkWidget *remove_button;
  GtkWidget *date_button;

  view->page = self;
  view->id = g_strdup (id);
  view->number = number;
  view->base_path = id != NULL ? g_strdup_printf ("language-tests/test[@id='%s']", id)
                               : g_strdup_printf ("language-tests/test[%u]", number);

  view->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "flat");
  gtk_widget_set_tooltip_text (remove_button, _("Remove this test"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove_button), "language.remove-test");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove_button), "u", number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove this test"),
                                  -1);
  adw_preferences_group_set_header_suffix (view->group, remove_button);

  view->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->kind_row), _("_Test"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (view->kind_row), TRUE);
  adw_combo_row_set_model (view->kind_row, G_LIST_MODEL (kinds));
  adw_preferences_group_add (view->group, GTK_WIDGET (view->kind_row));

  view->other_kind_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->other_kind_row),
                                 _("Name of the test (for example IELTS Academic)"));
  g_object_set_data (G_OBJECT (view->other_kind_row), "dossier-attribute", (gpointer) "kind");
  adw_preferences_group_add (view->group, GTK_WIDGET (view->other_kind_row));

  view->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_action_row_set_subtitle_lines (view->status_row, 0);
  gtk_widget_add_css_class (GTK_WIDGET (view->status_row), "property");
  adw_preferences_group_add (view->group, GTK_WIDGET (view->status_row));

  scales = gtk_string_list_new (NULL);
  gtk_string_list_append (scales, _("0–699 scale (tests from 11 December 2023)"));
  gtk_string_list_append (scales, _("Original scale (tests before 11 December 2023)"));
  view->scale_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->scale_row), _("_Scale"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (view->scale_row), TRUE);
  adw_combo_row_set_model (view->scale_row, G_LIST_MODEL (scales));
  adw_preferences_group_add (view->group, GTK_WIDGET (view->scale_row));

  view->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->date_row),
                                 _("Test date (YYYY-MM-DD)"));
  g_object_set_data (G_OBJECT (view->date_row), "dossier-attribute", (gpointer) "date");
  date_button = dossier_date_button_new (GTK_EDITABLE (view->date_row), _("Choose the test date"));
  adw_entry_row_add_suffix (view->date_row, date_button);
  adw_preferences_group_add (view->group, GTK_WIDGET (view->date_row));

  view->registration_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->registration_row),
                                 _("Registration or test report number"));
  g_object_set_data (G_OBJECT (view->registration_row), "dossier-attribute",
                     (gpointer) "registration");
  adw_preferences_group_add (view->group, GTK_WIDGET (view->registration_row));

  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    {
      const char *ability_title = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *entry = gtk_entry_new ();
      GtkWidget *label = gtk_label_new (NULL);

      switch (i)
        {
        case DOSSIER_ABILITY_READING:
          ability_title = _("Reading");
          break;
        case DOSSIER_ABILITY_WRITING:
          ability_title = _("Writing");
          break;
        case DOSSIER_ABILITY_LISTENING:
          ability_title = _("Listening");
          break;
        case DOSSIER_ABILITY_SPEAKING:
        default:
          ability_title = _("Speaking");
          break;
        }

      view->score_rows[i] = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->score_rows[i]), ability_title);

      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (entry), "dossier-attribute", (gpointer) ability_attributes[i]);
      /* Translators: the accessible name of a score field, "Reading score" */
      accessible = g_strdup_printf (_("%s score"), ability_title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      view->score_entries[i] = GTK_ENTRY (entry);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 14);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      view->level_labels[i] = GTK_LABEL (label);

      adw_action_row_add_suffix (view->score_rows[i], entry);
      adw_action_row_add_suffix (view->score_rows[i], label);
      adw_action_row_set_activatable_widget (view->score_rows[i], entry);
      adw_preferences_group_add (view->group, GTK_WIDGET (view->score_rows[i]));
    }

  view->overall_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->overall_row), _("Overall level"));
  adw_action_row_set_subtitle (view->overall_row,
                               _("The lowest of the four: programs require a minimum in each ability"));
  view->overall_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (view->overall_label), "heading");
  gtk_label_set_wrap (view->overall_label, TRUE);
  gtk_label_set_xalign (view->overall_label, 0);
  gtk_label_set_width_chars (view->overall_label, 14);
  gtk_label_set_max_width_chars (view->overall_label, 22);
  adw_action_row_add_suffix (view->overall_row, GTK_WIDGET (view->overall_label));
  adw_preferences_group_add (view->group, GTK_WIDGET (view->overall_row));

  view->problems_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->problems_row), _("To correct"));
  adw_action_row_set_icon_name (view->problems_row, "dialog-warning-symbolic");
  adw_action_row_set_subtitle_lines (view->problems_row, 0);
  adw_preferences_group_add (view->group, GTK_WIDGET (view->problems_row));

  test_view_refresh (view, TRUE);

  g_signal_connect_swapped (view->kind_row, "notify::selected",
                            G_CALLBACK (kind_selected_cb), view);
  g_signal_connect_swapped (view->scale_row, "notify::selected",
                            G_CALLBACK (scale_selected_cb), view);
  g_signal_connect_swapped (view->other_kind_row, "changed",
                            G_CALLBACK (other_kind_changed_cb), view);
  g_signal_connect (view->date_row, "changed", G_CALLBACK (text_changed_cb), view);
  g_signal_connect (view->registration_row, "changed", G_CALLBACK (text_changed_cb), view);
  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    g_signal_connect (view->score_entries[i], "changed", G_CALLBACK (text_changed_cb), view);

  return view;
}

static void
clear_views (DossierPageLanguage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tests_box))) != NULL)
    gtk_box_remove (self->tests_box, child);
  g_ptr_array_set_size (self->views, 0);
}

static gboolean
views_match_records (DossierPageLanguage *self)
{
  const DossierRecords *records = dossier_profile_get_records (self->profile);

  if (records->language_tests->len != self->views->len)
    return FALSE;
  for (guint i = 0; i < self->views->len; i++)
    {
      const DossierLanguageTest *test = g_ptr_array_index (records->language_tests, i);
      TestView *view = g_ptr_array_index (self->views, i);

      if (g_strcmp0 (test->id, view->id) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
rebuild (DossierPageLanguage *self)
{
  const DossierRecords *records;

  clear_views (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->profile != NULL);
  if (self->profile == NULL)
    return;

  records = dossier_profile_get_records (self->profile);
  for (guint i = 0; i < records->language_tests->len; i++)
    {
      const DossierLanguageTest *test = g_ptr_array_index (records->language_tests, i);
      TestView *view = test_view_new (self, test->id, i + 1);

      g_ptr_array_add (self->views, view);
      gtk_box_append (self->tests_box, GTK_WIDGET (view->group));
    }
  if (self->views->len == 0)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No language test yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Accepted: CELPIP-General, IELTS General Training, PTE Core, "
                                     "TEF Canada and TCF Canada"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      gtk_box_append (self->tests_box, group);
    }
}

static void
profile_changed_cb (DossierPageLanguage *self)
{
  if (!views_match_records (self))
    {
      rebuild (self);
      return;
    }
  for (guint i = 0; i < self->views->len; i++)
    test_view_refresh (g_ptr_array_index (self->views, i), self->editing == 0);
}

static void
dossier_page_language_set_profile (DossierPageLanguage *self,
                                   DossierProfile      *profile)
{
  if (self->profile == profile)
    return;
  g_clear_signal_handler (&self->changed_id, self->profile);
  g_set_object (&self->profile, profile);
  if (profile != NULL)
    self->changed_id = g_signal_connect_object (profile, "changed",
                                                G_CALLBACK (profile_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static TestView *
find_view (DossierPageLanguage *self,
           const char          *id)
{
  for (guint i = 0; i < self->views->len; i++)
    {
      TestView *view = g_ptr_array_index (self->views, i);

      if (g_strcmp0 (view->id, id) == 0)
        return view;
    }
  return NULL;
}

char *
dossier_page_language_add_test (DossierPageLanguage *self)
{
  const DossierRecords *records;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint next = 1;

  g_return_val_if_fail (DOSSIER_IS_PAGE_LANGUAGE (self), NULL);
  g_return_val_if_fail (self->profile != NULL, NULL);

  /* A new id after the highest "lN" in use. */
  records = dossier_profile_get_records (self->profile);
  for (guint i = 0; i < records->language_tests->len; i++)
    {
      const DossierLanguageTest *test = g_ptr_array_index (records->language_tests, i);

      if (test->id != NULL && test->id[0] == 'l' && g_ascii_isdigit (test->id[1]))
        next = MAX (next, (guint) g_ascii_strtoull (test->id + 1, NULL, 10) + 1);
    }
  for (;;)
    {
      g_autofree char *id = g_strdup_printf ("l%u", next);
      g_autofree char *kind_path = g_strdup_printf ("language-tests/test[@id='%s']/@kind", id);
      g_autofree char *existing = dossier_profile_get_value (self->profile, kind_path);
      TestView *view;

      if (existing != NULL)
        {
          next++;
          continue;
        }
      if (!dossier_profile_set_value (self->profile, kind_path, test_kinds[0].kind, &error))
        {
          g_warning ("Cannot add a language test: %s", error->message);
          return NULL;
        }
      view = find_view (self, id);
      if (view != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (view->kind_row));
      return g_steal_pointer (&id);
    }
}

static void
remove_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    DossierPageLanguage *self)
{
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "dossier-number"));
  TestView *view;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->profile == NULL
      || number == 0 || number > self->views->len)
    return;
  view = g_ptr_array_index (self->views, number - 1);
  if (!dossier_profile_set_value (self->profile, view->base_path, NULL, &error))
    g_warning ("Cannot remove the test: %s", error->message);
}

static void
remove_test_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierPageLanguage *self = DOSSIER_PAGE_LANGUAGE (widget);
  guint number = g_variant_get_uint32 (parameter);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  TestView *view;

  if (number == 0 || number > self->views->len)
    return;
  view = g_ptr_array_index (self->views, number - 1);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove this language test?"),
                                                       NULL));
  adw_message_dialog_format_body (dialog, _("“%s” and its scores will be removed from the profile."),
                                  adw_preferences_group_get_title (view->group));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "dossier-number", GUINT_TO_POINTER (number));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_test_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autofree char *id = dossier_page_language_add_test (DOSSIER_PAGE_LANGUAGE (widget));
}

GtkEditable *
dossier_page_language_get_score_entry (DossierPageLanguage *self,
                                       const char          *test_id,
                                       DossierAbility       ability)
{
  TestView *view;

  g_return_val_if_fail (DOSSIER_IS_PAGE_LANGUAGE (self), NULL);
  g_return_val_if_fail ((guint) ability < DOSSIER_N_ABILITIES, NULL);

  view = find_view (self, test_id);
  return view != NULL ? GTK_EDITABLE (view->score_entries[ability]) : NULL;
}

const char *
dossier_page_language_get_level_text (DossierPageLanguage *self,
                                      const char          *test_id,
                                      DossierAbility       ability)
{
  TestView *view;

  g_return_val_if_fail (DOSSIER_IS_PAGE_LANGUAGE (self), NULL);
  g_return_val_if_fail ((guint) ability < DOSSIER_N_ABILITIES, NULL);

  view = find_view (self, test_id);
  return view != NULL ? gtk_label_get_label (view->level_labels[ability]) : NULL;
}

const char *
dossier_page_language_get_overall_text (DossierPageLanguage *self,
                                        const char          *test_id)
{
  TestView *view;

  g_return_val_if_fail (DOSSIER_IS_PAGE_LANGUAGE (self), NULL);

  view = find_view (self, test_id);
  return view != NULL ? gtk_label_get_label (view->overall_label) : NULL;
}

AdwComboRow *
dossier_page_language_get_kind_row (DossierPageLanguage *self,
                                    const char          *test_id)
{
  TestView *view;

  g_return_val_if_fail (DOSSIER_IS_PAGE_LANGUAGE (self), NULL);

  view = find_view (self, test_id);
  return view != NULL ? view->kind_row : NULL;
}

static void
dossier_page_language_dispose (GObject *object)
{
  DossierPageLanguage *self = (DossierPageLanguage *) object;

  g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
  if (self->views != NULL)
    g_ptr_array_set_size (self->views, 0);
  /* GTK 4.8: the template's child is also the AdwBin's; unparent it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PAGE_LANGUAGE);
  G_OBJECT_CLASS (dossier_page_language_parent_class)->dispose (object);
}

static void
dossier_page_language_finalize (GObject *object)
{
  DossierPageLanguage *self = (DossierPageLanguage *) object;

  g_clear_pointer (&self->views, g_ptr_array_unref);
  G_OBJECT_CLASS (dossier_page_language_parent_class)->finalize (object);
}

static void
dossier_page_language_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierPageLanguage *self = (DossierPageLanguage *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_language_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DossierPageLanguage *self = (DossierPageLanguage *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      dossier_page_language_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_language_class_init (DossierPageLanguageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_language_dispose;
  object_class->finalize = dossier_page_language_finalize;
  object_class->get_property = dossier_page_language_get_property;
  object_class->set_property = dossier_page_language_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-language.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPageLanguage, intro_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageLanguage, tests_box);

  gtk_widget_class_install_action (widget_class, "language.add-test", NULL, add_test_action);
  gtk_widget_class_install_action (widget_class, "language.remove-test", "u", remove_test_action);
}

static void
dossier_page_language_init (DossierPageLanguage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->views = g_ptr_array_new_with_free_func ((GDestroyNotify) test_view_free);
  self->tables = dossier_language_tables_get_default (&error);
  if (self->tables == NULL)
    g_warning ("Cannot load the language tables: %s", error->message);
  rebuild (self);
}
