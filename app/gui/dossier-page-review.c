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
#include "dossier-wizard.h"

struct _DossierPageReview
{
  AdwBin                   parent_instance;

  DossierProfile          *profile;
  const DossierEvaluation *evaluation;   /* the wizard's */
  GPtrArray               *rows;         /* rows added to problems_group and rules_group */
  GHashTable              *expanded;     /* rule id → what the user chose */
  guint                    dirty : 1;

  AdwActionRow            *verdict_row;
  GtkImage                *verdict_icon;
  AdwPreferencesGroup     *problems_group;
  AdwPreferencesGroup     *rules_group;
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
rebuild (DossierPageReview *self)
{
  GPtrArray *problems = self->profile ? dossier_profile_get_problems (self->profile) : NULL;

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
      if (g_set_object (&self->profile, g_value_get_object (value)))
        {
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
  gtk_widget_class_bind_template_callback (widget_class, on_map_cb);
}

static void
dossier_page_review_init (DossierPageReview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty = TRUE;
}
