/* dossier-page-review.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-field-row.h"
#include "dossier-i18n.h"
#include "dossier-page-review.h"
#include "dossier-toast.h"
#include "dossier-spell-checker.h"
#include "dossier-speller.h"
#include "dossier-wizard.h"

/* The client's notes: free text kept with the profile, never packaged. */
#define NOTES_PATH      "notes"
#define NOTES_LANG_PATH "notes/@xml:lang"

struct _DossierPageReview
{
  AdwBin                   parent_instance;

  DossierProfile          *profile;
  const DossierEvaluation *evaluation;   /* the wizard's */
  GPtrArray               *rows;         /* rows added to problems_group and rules_group */
  GHashTable              *expanded;     /* rule id → what the user chose */
  char                    *shown;        /* what the rows say (describe_shown ()) */
  gulong                   changed_id;   /* the profile's "changed", for the notes */
  guint                    notes_clear_id;
  guint                    notes_updating;
  guint                    dirty : 1;
  guint                    notes_writing : 1;
  guint                    notes_stale : 1; /* changed elsewhere while being typed in */

  AdwActionRow            *verdict_row;
  GtkImage                *verdict_icon;
  AdwPreferencesGroup     *problems_group;
  AdwPreferencesGroup     *rules_group;
  AdwPreferencesGroup     *notes_group;
  GtkTextView             *notes_view;
  GtkWidget               *spell_problem_list;
  AdwActionRow            *spell_problem_row;
};

G_DEFINE_FINAL_TYPE (DossierPageReview, dossier_page_review, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *id;
  const char *title;
} step_titles[] = {
  { "program", N_("Program") },
  { "about", N_("About you") },
  { "work", N_("Work history") },
  { "training", N_("Training") },
  { "language", N_("Language tests") },
  { "education", N_("Education") },
  { "offer", N_("Job offer") },
  { "documents", N_("Documents") },
};

static const char *
step_title (const char *step)
{
  for (guint i = 0; step != NULL && i < G_N_ELEMENTS (step_titles); i++)
    if (g_str_equal (step_titles[i].id, step))
      return _(step_titles[i].title);
  return NULL;
}

static const char *
in_lang (char * const *texts)
{
  DossierLang lang = dossier_i18n_data_lang_index ();

  return texts[lang] != NULL ? texts[lang] : texts[DOSSIER_LANG_EN];
}

static const char *
outcome_text (DossierOutcome outcome)
{
  switch (outcome)
    {
    case DOSSIER_OUTCOME_PASS:
      return _("Met");
    case DOSSIER_OUTCOME_FAIL:
      return _("Not met");
    case DOSSIER_OUTCOME_UNKNOWN:
    case DOSSIER_N_OUTCOMES:
    default:
      return _("Not enough information to decide");
    }
}

static const char *
outcome_icon (DossierOutcome outcome)
{
  switch (outcome)
    {
    case DOSSIER_OUTCOME_PASS:
      return "emblem-ok-symbolic";
    case DOSSIER_OUTCOME_FAIL:
      return "dialog-error-symbolic";
    case DOSSIER_OUTCOME_UNKNOWN:
    case DOSSIER_N_OUTCOMES:
    default:
      return "dialog-question-symbolic";
    }
}

static const char *
outcome_class (DossierOutcome outcome)
{
  switch (outcome)
    {
    case DOSSIER_OUTCOME_PASS:
      return "success";
    case DOSSIER_OUTCOME_FAIL:
      return "error";
    case DOSSIER_OUTCOME_UNKNOWN:
    case DOSSIER_N_OUTCOMES:
    default:
      return "warning";
    }
}

static const char *
state_text (DossierProgramState state)
{
  switch (state)
    {
    case DOSSIER_PROGRAM_UPCOMING:
      return _("not open yet");
    case DOSSIER_PROGRAM_OPEN:
      return _("open");
    case DOSSIER_PROGRAM_PAUSED:
      return _("paused");
    case DOSSIER_PROGRAM_CLOSED:
      return _("closed");
    case DOSSIER_PROGRAM_UNKNOWN:
    default:
      return _("not known");
    }
}

static const char *
grade_text (const char *grade)
{
  if (g_strcmp0 (grade, "official") == 0)
    return _("Official");
  if (g_strcmp0 (grade, "official-copy") == 0)
    return _("Copy of an official text");
  if (g_strcmp0 (grade, "news") == 0)
    return _("News report");
  if (g_strcmp0 (grade, "third-party") == 0)
    return _("Third party");
  return grade;
}

/* The first field a rule's predicates read: where to send the user when it fails. */
static const char *
predicate_field_path (const DossierPredicate *predicate)
{
  if (predicate == NULL)
    return NULL;
  if (predicate->field != NULL && predicate->field->path != NULL)
    return predicate->field->path;
  if (predicate->to_field != NULL && predicate->to_field->path != NULL)
    return predicate->to_field->path;
  for (guint i = 0; predicate->children != NULL && i < predicate->children->len; i++)
    {
      const char *path = predicate_field_path (g_ptr_array_index (predicate->children, i));

      if (path != NULL)
        return path;
    }
  return NULL;
}

/* The field whose value made the rule fail, from the evidence ("status.expires =
 * 2026-06-30 (≥ 2026-11-22): fail"). */
static const DossierField *
failing_field (const DossierRuleResult *result)
{
  for (guint i = 0; result->evidence != NULL && i < result->evidence->len; i++)
    {
      const char *evidence = g_ptr_array_index (result->evidence, i);
      const char *equals = strstr (evidence, " = ");
      g_autofree char *name = NULL;
      const DossierField *field;

      if (equals == NULL || !g_str_has_suffix (evidence, ": fail"))
        continue;
      name = g_strndup (evidence, equals - evidence);
      field = dossier_field_lookup (name);
      if (field != NULL && field->path != NULL)
        return field;
    }
  return NULL;
}

/* ------------------------------------------------------------------------------------
 * Rows
 */

static GtkWidget *
text_row_new (const char *text,
              const char *css_class)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  return row;
}

/* A row saying what is wrong or missing, with a button that goes to the field. */
static GtkWidget *
action_row_new (const char *title,
                const char *subtitle,
                const char *button_label,
                const char *action,
                const char *target)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *accessible = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (action == NULL)
    return row;

  button = gtk_button_new_with_mnemonic (button_label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  /* TRANSLATORS: the accessible name of a button beside a problem: "Fix: <problem>". */
  accessible = g_strdup_printf (_("%s: %s"), gtk_button_get_label (GTK_BUTTON (button)), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
source_row_new (const DossierSource *source)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* TRANSLATORS: a source's title, "Source: Home Care Worker Immigration Pilots: Who can apply" */
  title = g_strdup_printf (_("Source: %s"), source->title ? source->title : source->id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (source->seen != NULL)
    /* TRANSLATORS: a source's grade and the day it was read: "Official, read on 2026-11-01" */
    subtitle = g_strdup_printf (_("%s, read on %s"), grade_text (source->grade), source->seen);
  else
    subtitle = g_strdup (grade_text (source->grade));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  if (source->url != NULL)
    {
      GtkWidget *link = gtk_link_button_new_with_label (source->url, _("Open"));
      g_autofree char *label = g_strdup_printf (_("Open the source “%s”"),
                                                source->title ? source->title : source->id);

      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (link, source->url);
      gtk_accessible_update_property (GTK_ACCESSIBLE (link),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
    }
  return row;
}

static void
on_expanded_cb (AdwExpanderRow    *row,
                GParamSpec        *pspec,
                DossierPageReview *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "rule-id");

  if (id != NULL)
    g_hash_table_insert (self->expanded, g_strdup (id),
                         GINT_TO_POINTER (adw_expander_row_get_expanded (row) ? 1 : 2));
}

static GtkWidget *
rule_row_new (DossierPageReview       *self,
              const DossierRuleResult *result)
{
  const DossierRule *rule = result->rule;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (outcome_icon (result->outcome));
  const char *message = in_lang (result->message);
  gpointer chosen = g_hash_table_lookup (self->expanded, rule->id);
  gboolean has_fix = FALSE;
  g_autofree char *description = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), in_lang (rule->titles));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), outcome_text (result->outcome));
  gtk_widget_add_css_class (icon, outcome_class (result->outcome));
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  /* TRANSLATORS: a requirement's accessible description: "<outcome>. <explanation>" */
  description = g_strdup_printf (_("%s. %s"), outcome_text (result->outcome),
                                 message ? message : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  if (message != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text_row_new (message, NULL));

  if (result->evidence != NULL && result->evidence->len > 0)
    {
      g_autoptr(GString) text = g_string_new (_("Values used:"));

      for (guint i = 0; i < result->evidence->len; i++)
        g_string_append_printf (text, "\n• %s",
                                (const char *) g_ptr_array_index (result->evidence, i));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text_row_new (text->str, "dim-label"));
    }

  for (guint i = 0; result->unverified != NULL && i < result->unverified->len; i++)
    {
      const DossierNote *note = g_ptr_array_index (result->unverified, i);
      /* TRANSLATORS: a value of the rules that no official text confirms, and why. */
      g_autofree char *text = g_strdup_printf (_("Not confirmed: %s"), in_lang (note->text));

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text_row_new (text, NULL));
    }

  for (guint i = 0; result->missing != NULL && i < result->missing->len; i++)
    {
      const DossierMissing *missing = g_ptr_array_index (result->missing, i);
      const char *step = dossier_wizard_step_for_path (missing->path);
      g_autofree char *subtitle = NULL;

      if (step_title (step) != NULL)
        /* TRANSLATORS: where a missing value goes: "Missing, in the step “Job offer”" */
        subtitle = g_strdup_printf (_("Missing, in the step “%s”"), step_title (step));
      else
        subtitle = g_strdup (_("Missing"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                action_row_new (in_lang (missing->what), subtitle,
                                                _("_Fill In"),
                                                step ? "wizard.focus-field" : NULL,
                                                missing->path));
      has_fix = has_fix || step != NULL;
    }

  if (result->outcome == DOSSIER_OUTCOME_FAIL && !has_fix)
    {
      const DossierField *field = failing_field (result);
      const char *path = field ? field->path
                               : result->version ? predicate_field_path (result->version->predicate)
                                                 : NULL;
      const char *step = path ? dossier_wizard_step_for_path (path) : NULL;

      if (step == NULL)
        {
          step = dossier_wizard_step_for_kind (rule->kind);
          path = NULL;
        }
      if (field != NULL && step != NULL)
        {
          /* TRANSLATORS: under the value a requirement is not met because of. */
          g_autofree char *subtitle = g_strdup_printf (_("Not met because of this value, in "
                                                         "the step “%s”"), step_title (step));
          g_autofree char *title = g_strdup (dossier_i18n_data_lang_index () == DOSSIER_LANG_FR
                                             && field->title_fr ? field->title_fr
                                                                : field->title_en);

          title[0] = g_ascii_toupper (title[0]);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    action_row_new (title, subtitle, _("_Change"),
                                                    "wizard.focus-field", path));
        }
      else if (step != NULL)
        {
          /* TRANSLATORS: "Change what this depends on, in the step “Job offer”" */
          g_autofree char *title = g_strdup_printf (_("Change what this depends on, in the "
                                                      "step “%s”"), step_title (step));
          const char *action = path ? "wizard.focus-field" : "wizard.open-step";

          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    action_row_new (title, NULL, _("_Open"), action,
                                                    path ? path : step));
        }
    }

  for (guint i = 0; result->sources != NULL && i < result->sources->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              source_row_new (g_ptr_array_index (result->sources, i)));

  g_object_set_data_full (G_OBJECT (row), "rule-id", g_strdup (rule->id), g_free);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                 chosen ? GPOINTER_TO_INT (chosen) == 1
                                        : result->outcome != DOSSIER_OUTCOME_PASS);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expanded_cb), self);
  return row;
}

static void
add_row (DossierPageReview   *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
clear_rows (DossierPageReview *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
show_verdict (DossierPageReview *self)
{
  static const char * const classes[] = { "success", "error", "warning" };
  const DossierEvaluation *evaluation = self->evaluation;
  const char *title;
  const char *icon;
  const char *css;
  g_autofree char *as_of = NULL;
  g_autofree char *subtitle = NULL;
  const char *program;
  const char *note;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), classes[i]);
  if (evaluation == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row), _("Not checked yet"));
      adw_action_row_set_subtitle (self->verdict_row, "");
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-question-symbolic");
      return;
    }

  switch (evaluation->verdict)
    {
    case DOSSIER_VERDICT_ELIGIBLE:
      title = _("Eligible: every requirement is met");
      icon = "emblem-ok-symbolic";
      css = "success";
      break;
    case DOSSIER_VERDICT_NOT_ELIGIBLE:
      title = _("Not eligible: a requirement is not met");
      icon = "dialog-error-symbolic";
      css = "error";
      break;
    case DOSSIER_VERDICT_INCOMPLETE:
    default:
      title = _("Incomplete: some information is missing");
      icon = "dialog-question-symbolic";
      css = "warning";
      break;
    }
  as_of = dossier_day_format (evaluation->as_of);
  program = dossier_pack_get_title (evaluation->pack, dossier_i18n_data_language ());
  note = evaluation->state_note[dossier_i18n_data_lang_index ()];
  if (note == NULL)
    note = evaluation->state_note[DOSSIER_LANG_EN];
  /* TRANSLATORS: "Checked against “<program>” as of 2025-03-31, when the program is open." */
  subtitle = g_strdup_printf (_("Checked against “%s” as of %s. The program’s status that "
                                "day: %s.%s%s"),
                              program, as_of, state_text (evaluation->state),
                              note ? " " : "", note ? note : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row), title);
  adw_action_row_set_subtitle (self->verdict_row, subtitle);
  gtk_image_set_from_icon_name (self->verdict_icon, icon);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), css);
}

static void
append_texts (GString     *out,
              char * const texts[DOSSIER_N_LANGS])
{
  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    g_string_append_printf (out, "%s\x1f", texts[l] != NULL ? texts[l] : "");
}

/* Everything the rows are made from, in one string: the rows stay as they are while it
 * stays the same (each keystroke in the notes brings a new evaluation, and building
 * the rows again takes longer than a frame). */
static char *
describe_shown (DossierPageReview *self)
{
  const DossierEvaluation *evaluation = self->evaluation;
  GPtrArray *problems = self->profile ? dossier_profile_get_problems (self->profile) : NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DossierProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (out, "P%s\x1f%s\x1f", problem->path, problem->message);
    }
  if (evaluation == NULL)
    return g_string_free (g_steal_pointer (&out), FALSE);

  g_string_append_printf (out, "E%u\x1f%p\x1f%u\x1f%d\x1f%d\x1f", dossier_i18n_data_lang_index (),
                          (gpointer) evaluation->pack, (guint) evaluation->as_of,
                          (int) evaluation->state, (int) evaluation->verdict);
  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    g_string_append_printf (out, "%s\x1f",
                            evaluation->state_note[l] ? evaluation->state_note[l] : "");
  for (guint i = 0; i < evaluation->results->len; i++)
    {
      const DossierRuleResult *result = g_ptr_array_index (evaluation->results, i);

      g_string_append_printf (out, "R%p\x1f%p\x1f%d\x1f", (gpointer) result->rule,
                              (gpointer) result->version, (int) result->outcome);
      append_texts (out, result->message);
      for (guint j = 0; result->evidence != NULL && j < result->evidence->len; j++)
        g_string_append_printf (out, "V%s\x1f",
                                (const char *) g_ptr_array_index (result->evidence, j));
      for (guint j = 0; result->missing != NULL && j < result->missing->len; j++)
        {
          const DossierMissing *missing = g_ptr_array_index (result->missing, j);

          g_string_append_printf (out, "M%s\x1f", missing->path ? missing->path : "");
          append_texts (out, missing->what);
        }
      for (guint j = 0; result->unverified != NULL && j < result->unverified->len; j++)
        {
          const DossierNote *note = g_ptr_array_index (result->unverified, j);

          g_string_append_c (out, 'U');
          append_texts (out, note->text);
        }
      for (guint j = 0; result->sources != NULL && j < result->sources->len; j++)
        g_string_append_printf (out, "S%p\x1f", g_ptr_array_index (result->sources, j));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
rebuild (DossierPageReview *self)
{
  GPtrArray *problems = self->profile ? dossier_profile_get_problems (self->profile) : NULL;
  g_autofree char *shown = describe_shown (self);

  if (!self->dirty && g_strcmp0 (shown, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_steal_pointer (&shown);
  self->dirty = FALSE;
  clear_rows (self);
  show_verdict (self);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DossierProblem *problem = g_ptr_array_index (problems, i);
      const char *step = dossier_wizard_step_for_path (problem->path);
      g_autofree char *subtitle = NULL;

      if (step != NULL)
        {
          GtkWidget *wizard = gtk_widget_get_ancestor (GTK_WIDGET (self), DOSSIER_TYPE_WIZARD);
          DossierFieldRow *field = wizard ? dossier_field_rows_find (wizard, problem->path) : NULL;
          const char *field_title = NULL;

          if (field != NULL)
            field_title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field));
          if (field_title != NULL)
            /* TRANSLATORS: where a value to correct is: "“Expires on”, in the step
             * “About you”" */
            subtitle = g_strdup_printf (_("“%s”, in the step “%s”"), field_title,
                                        step_title (step));
          else
            subtitle = g_strdup_printf (_("In the step “%s”"), step_title (step));
        }
      add_row (self, self->problems_group,
               action_row_new (problem->message, subtitle, _("_Fix"),
                               step ? "wizard.focus-field" : NULL, problem->path));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems != NULL && problems->len > 0);

  for (guint i = 0; self->evaluation != NULL && i < self->evaluation->results->len; i++)
    add_row (self, self->rules_group,
             rule_row_new (self, g_ptr_array_index (self->evaluation->results, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->rules_group), self->evaluation != NULL);
}

static void
on_map_cb (DossierPageReview *self)
{
  if (self->dirty)
    rebuild (self);
}

/* ------------------------------------------------------------------------------------
 * Notes: written to the profile as they are typed, as the job dialog does with the
 * duties (the autosave waits for a pause), in the language the spell checker's menu says
 */

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* What the view holds, without the blanks around it; NULL when that is nothing. */
static char *
dup_typed_notes (DossierPageReview *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_notes_value (DossierPageReview *self,
                 const char        *path,
                 const char        *value)
{
  g_autofree char *current = dossier_profile_get_value (self->profile, path);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (current, value) == 0)
    return;
  /* What is written here is in the view already: nothing to load back. */
  self->notes_writing = TRUE;
  if (!dossier_profile_set_value (self->profile, path, value, &error))
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      /* Translators: %s says why, from the profile */
      g_autofree char *message = g_strdup_printf (_("The notes could not be kept: %s"),
                                                  error->message);

      /* The text stays in the field: the user can copy it elsewhere. */
      if (overlay != NULL)
        dossier_toast_add (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
      else
        g_warning ("%s", message);
    }
  self->notes_writing = FALSE;
}

/* The language chosen in the notes' menu goes in their xml:lang while there are notes
 * (the attribute goes with the element); English, the default, is not written unless
 * the notes said otherwise. A language the checker does not know stays, unless the
 * user chose another one (@chosen). */
static void
store_notes_language (DossierPageReview *self,
                      gboolean           chosen)
{
  DossierSpellChecker *checker = dossier_spell_checker_get_for_view (self->notes_view);
  g_autofree char *text = NULL;
  g_autofree char *current = NULL;
  const char *tag;

  if (self->profile == NULL || checker == NULL)
    return;
  text = dossier_profile_get_value (self->profile, NOTES_PATH);
  if (text == NULL)
    return;
  current = dossier_profile_get_value (self->profile, NOTES_LANG_PATH);
  tag = dossier_spell_checker_language_to_store (checker, current, chosen);
  if (tag != NULL)
    set_notes_value (self, NOTES_LANG_PATH, tag);
}

static void
write_notes (DossierPageReview *self)
{
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->notes_clear_id, g_source_remove);
  if (self->profile == NULL)
    return;
  /* Nothing left removes the element, and its language with it. */
  text = dup_typed_notes (self);
  set_notes_value (self, NOTES_PATH, text);
  store_notes_language (self, FALSE);
}

static gboolean
clear_notes_cb (gpointer user_data)
{
  DossierPageReview *self = user_data;

  self->notes_clear_id = 0;
  write_notes (self);
  return G_SOURCE_REMOVE;
}

static void
on_notes_changed_cb (DossierPageReview *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->notes_updating || self->profile == NULL)
    return;
  self->notes_stale = FALSE;

  /* Replacing the text (a paste over everything) empties the view on the way: removing
   * the element then would lose its language and its place. So emptying waits for
   * the main loop. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (is_blank (text))
    {
      if (self->notes_clear_id == 0)
        self->notes_clear_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, clear_notes_cb, self, NULL);
    }
  else
    {
      write_notes (self);
    }
}

static void
on_notes_language_cb (DossierPageReview *self)
{
  if (!self->notes_updating)
    store_notes_language (self, TRUE);
}

static void
on_spell_problem_cb (DossierPageReview   *self,
                     GParamSpec          *pspec,
                     DossierSpellChecker *checker)
{
  const char *problem = dossier_spell_checker_get_problem (checker);
  gboolean has = problem != NULL && *problem != '\0';

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->spell_problem_row), has ? problem : "");
  gtk_widget_set_visible (self->spell_problem_list, has);
}

static gboolean
notes_have_focus (DossierPageReview *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->notes_view));

  return root != NULL && gtk_root_get_focus (root) == GTK_WIDGET (self->notes_view);
}

/* Shows the profile's notes. While the user types in them, another change is shown
 * only once they leave (@typing_or_not), never under their cursor; the cursor stays
 * where it was in the text. Loading is not something to undo. */
static void
load_notes_text (DossierPageReview *self,
                 gboolean           typing_or_not)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *value = NULL;
  g_autofree char *shown = NULL;
  GtkTextIter iter;
  int offset;

  /* The view was just emptied: that is what the profile is about to get. */
  if (self->notes_clear_id != 0)
    return;
  value = self->profile != NULL ? dossier_profile_get_value (self->profile, NOTES_PATH) : NULL;
  shown = dup_typed_notes (self);
  if (g_strcmp0 (value, shown) == 0)
    return;
  if (!typing_or_not && notes_have_focus (self))
    {
      self->notes_stale = TRUE;
      return;
    }

  self->notes_stale = FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&iter);
  self->notes_updating++;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, value != NULL ? value : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
  self->notes_updating--;
}

/* The spell checker follows the notes' language: when there are notes (without, the
 * language chosen in the menu waits for them), or for another client (@new_profile). */
static void
load_notes_language (DossierPageReview *self,
                     gboolean           new_profile)
{
  DossierSpellChecker *checker = dossier_spell_checker_get_for_view (self->notes_view);
  g_autofree char *text = NULL;
  g_autofree char *lang = NULL;

  if (checker == NULL || self->profile == NULL)
    return;
  text = dossier_profile_get_value (self->profile, NOTES_PATH);
  if (text == NULL && !new_profile)
    return;
  lang = dossier_profile_get_value (self->profile, NOTES_LANG_PATH);
  self->notes_updating++;
  dossier_spell_checker_set_language (checker, lang);
  self->notes_updating--;
}

static void
on_profile_changed_cb (DossierPageReview *self)
{
  if (self->notes_writing)
    return;
  load_notes_text (self, FALSE);
  load_notes_language (self, FALSE);
}

static void
on_notes_focus_leave_cb (DossierPageReview *self)
{
  if (self->notes_stale)
    load_notes_text (self, TRUE);
}

/* What was emptied goes to the profile it was typed for. */
static void
flush_notes (DossierPageReview *self)
{
  if (self->notes_clear_id != 0)
    write_notes (self);
}

static void
set_profile (DossierPageReview *self,
             DossierProfile    *profile)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start;

  flush_notes (self);
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_set_object (&self->profile, profile);
  if (profile != NULL)
    self->changed_id = g_signal_connect_object (profile, "changed",
                                                G_CALLBACK (on_profile_changed_cb), self,
                                                G_CONNECT_SWAPPED);

  self->notes_stale = FALSE;
  load_notes_text (self, TRUE);
  load_notes_language (self, TRUE);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_group), profile != NULL);
}

/**
 * dossier_page_review_set_evaluation:
 * @evaluation: (nullable) (transfer none): valid until the next call
 *
 * Shows the evaluation; while the page is not on screen, only when it comes to it.
 */
void
dossier_page_review_set_evaluation (DossierPageReview       *self,
                                    const DossierEvaluation *evaluation)
{
  g_return_if_fail (DOSSIER_IS_PAGE_REVIEW (self));

  self->evaluation = evaluation;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
  else
    self->dirty = TRUE;
}

/* ------------------------------------------------------------------------------------
 * GObject
 */

static void
dossier_page_review_dispose (GObject *object)
{
  DossierPageReview *self = (DossierPageReview *) object;

  flush_notes (self);
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
  self->evaluation = NULL;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  /* The template built the bin's child: it goes first, as AdwBin would unparent it
   * again after the template is disposed. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PAGE_REVIEW);
  G_OBJECT_CLASS (dossier_page_review_parent_class)->dispose (object);
}

static void
dossier_page_review_finalize (GObject *object)
{
  DossierPageReview *self = (DossierPageReview *) object;

  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_free (self->shown);
  G_OBJECT_CLASS (dossier_page_review_parent_class)->finalize (object);
}

static void
dossier_page_review_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierPageReview *self = (DossierPageReview *) object;

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
dossier_page_review_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DossierPageReview *self = (DossierPageReview *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      if (self->profile != g_value_get_object (value))
        {
          set_profile (self, g_value_get_object (value));
          /* Another client: the rows opened for the last one mean nothing here. */
          g_hash_table_remove_all (self->expanded);
          self->dirty = TRUE;
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_review_class_init (DossierPageReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_review_dispose;
  object_class->finalize = dossier_page_review_finalize;
  object_class->get_property = dossier_page_review_get_property;
  object_class->set_property = dossier_page_review_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-review.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPageReview, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPageReview, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, DossierPageReview, problems_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageReview, rules_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageReview, notes_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageReview, notes_view);
  gtk_widget_class_bind_template_child (widget_class, DossierPageReview, spell_problem_list);
  gtk_widget_class_bind_template_child (widget_class, DossierPageReview, spell_problem_row);
  gtk_widget_class_bind_template_callback (widget_class, on_map_cb);
}

static void
dossier_page_review_init (DossierPageReview *self)
{
  DossierSpellChecker *checker;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty = TRUE;

  /* The group's description says where the notes go: the view says it too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  adw_preferences_group_get_description (self->notes_group),
                                  -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed_cb), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_notes_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->notes_view), focus);

  /* Spelling, in the notes' language (English until a profile says otherwise). */
  checker = dossier_spell_checker_attach (self->notes_view, NULL);
  g_signal_connect_object (checker, "notify::language",
                           G_CALLBACK (on_notes_language_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (checker, "notify::problem",
                           G_CALLBACK (on_spell_problem_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_group), FALSE);
}
