/* dossier-wizard.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-field-row.h"
#include "dossier-i18n.h"
#include "dossier-page-about.h"
#include "dossier-page-documents.h"
#include "dossier-page-education.h"
#include "dossier-page-language.h"
#include "dossier-page-offer.h"
#include "dossier-page-package.h"
#include "dossier-page-program.h"
#include "dossier-page-review.h"
#include "dossier-page-training.h"
#include "dossier-page-work.h"
#include "dossier-wizard.h"

/* Preferences may say to judge on today rather than on the next intake opening. The
 * settings object is made once: this is asked on every change of the profile. */
static gboolean
as_of_rule_is_today (void)
{
  static GSettings *settings;
  static gsize looked_up;
  g_autofree char *rule = NULL;

  if (g_once_init_enter (&looked_up))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE)
                                                 : NULL;

      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      g_once_init_leave (&looked_up, 1);
    }
  if (settings == NULL)
    return FALSE;
  rule = g_settings_get_string (settings, "as-of-rule");
  return g_strcmp0 (rule, "today") == 0;
}

/* A check that took longer than half a frame runs in a thread the next time, so that
 * typing never waits for it. One takes about 0.1 ms today. */
#define CHECK_BUDGET_USEC 8000

typedef struct
{
  const char *id;
  const char *prefix;     /* where its fields are in a profile */
} Step;

static const Step steps[] = {
  { "program", "/dossier/program" },
  { "about", "/dossier/applicant" },
  { "work", "/dossier/work-history" },
  { "training", "/dossier/training" },
  { "language", "/dossier/language-tests" },
  { "education", "/dossier/education" },
  { "offer", "/dossier/job-offer" },
  { "documents", "/dossier/documents" },
  { "review", NULL },
  { "package", NULL },
};

#define N_STEPS G_N_ELEMENTS (steps)

typedef struct
{
  GtkListBoxRow *row;
  GtkImage      *icon;
  GtkLabel      *status_label;
  const char    *title;
} StepRow;

struct _DossierWizard
{
  AdwBin              parent_instance;

  DossierProfile     *profile;
  gulong              changed_id;
  DossierEvaluation  *evaluation;
  DossierPack        *pack;            /* not owned: packs live as long as the process */
  char               *pack_error;
  DossierDay          chosen_as_of;    /* DOSSIER_DAY_UNKNOWN: the pack's default */
  DossierDay          default_as_of;
  guint               check_id;
  GCancellable       *cancellable;
  gint64              last_check_usec;
  guint               check_serial;
  guint               check_running : 1;
  guint               check_pending : 1;
  guint               updating_calendar : 1;

  DossierStepStatus   statuses[N_STEPS];
  StepRow             rows[N_STEPS];

  /* Template widgets. */
  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkWidget          *content;
  GtkListBox         *step_list;
  GtkStack           *stack;
  GtkImage           *verdict_icon;
  GtkLabel           *verdict_label;
  GtkLabel           *program_label;
  GtkImage           *verdict_icon_compact;
  GtkLabel           *verdict_label_compact;
  GtkLabel           *as_of_label_compact;
  GtkWidget          *verdict_box;
  GtkMenuButton      *as_of_button;
  GtkCalendar        *as_of_calendar;
  GtkButton          *as_of_reset_button;
  GtkButton          *next_button;
  AdwToastOverlay    *toast_overlay;
  GtkWidget          *page_program;
  GtkWidget          *page_documents;
  GtkWidget          *page_review;
  GtkWidget          *page_package;
};

G_DEFINE_FINAL_TYPE (DossierWizard, dossier_wizard, ADW_TYPE_BIN)

enum {
  BACK_TO_CLIENTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void queue_check  (DossierWizard *self);
static void show_verdict (DossierWizard *self);

/* ------------------------------------------------------------------------------------
 * Steps
 */

static int
step_index (const char *id)
{
  for (guint i = 0; id != NULL && i < N_STEPS; i++)
    if (g_str_equal (steps[i].id, id))
      return (int) i;
  return -1;
}

static gboolean
path_is_within (const char *path,
                const char *prefix)
{
  gsize len;

  if (path == NULL || prefix == NULL)
    return FALSE;
  len = strlen (prefix);
  return strncmp (path, prefix, len) == 0
         && (path[len] == '\0' || path[len] == '/' || path[len] == '[');
}

/**
 * dossier_wizard_step_for_path:
 * @absolute_path: "/dossier/job-offer/hours-per-week"
 *
 * Returns: (nullable): the step that edits the field.
 */
const char *
dossier_wizard_step_for_path (const char *absolute_path)
{
  for (guint i = 0; i < N_STEPS; i++)
    if (steps[i].prefix != NULL && path_is_within (absolute_path, steps[i].prefix))
      return steps[i].id;
  return NULL;
}

/**
 * dossier_wizard_step_for_kind:
 * @rule_kind: the kind of a rule of a pack
 *
 * Returns: (nullable): the step where what the rule checks is filled in.
 */
const char *
dossier_wizard_step_for_kind (const char *rule_kind)
{
  static const struct
  {
    const char *kind;
    const char *step;
  } map[] = {
    { "work-authorization", "about" },
    { "residence", "about" },
    { "age", "about" },
    { "language", "language" },
    { "education", "education" },
    { "experience", "work" },
    { "job-offer", "offer" },
  };

  for (guint i = 0; rule_kind != NULL && i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (map[i].kind, rule_kind))
      return map[i].step;
  return NULL;
}

static const char *
status_text (DossierStepStatus status)
{
  switch (status)
    {
    case DOSSIER_STEP_EMPTY:
      return _("Not started");
    case DOSSIER_STEP_IN_PROGRESS:
      return _("In progress");
    case DOSSIER_STEP_DONE:
      return _("Done");
    case DOSSIER_STEP_PROBLEM:
      return _("Has a problem");
    default:
      g_assert_not_reached ();
    }
}

static void
show_step_status (DossierWizard *self,
                  guint          index)
{
  static const char * const icons[] = {
    [DOSSIER_STEP_EMPTY] = "radio-symbolic",
    [DOSSIER_STEP_IN_PROGRESS] = "document-edit-symbolic",
    [DOSSIER_STEP_DONE] = "emblem-ok-symbolic",
    [DOSSIER_STEP_PROBLEM] = "dialog-warning-symbolic",
  };
  static const char * const classes[] = {
    [DOSSIER_STEP_EMPTY] = "dim-label",
    [DOSSIER_STEP_IN_PROGRESS] = "accent",
    [DOSSIER_STEP_DONE] = "success",
    [DOSSIER_STEP_PROBLEM] = "error",
  };
  StepRow *row = &self->rows[index];
  DossierStepStatus status = self->statuses[index];
  g_autofree char *description = NULL;

  gtk_image_set_from_icon_name (row->icon, icons[status]);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (row->icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (row->icon), classes[status]);
  gtk_label_set_label (row->status_label, status_text (status));

  /* TRANSLATORS: a step of the application and its state, "Training: In progress". */
  description = g_strdup_printf (_("%s: %s"), row->title, status_text (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status_text (status),
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->row), description);
}

static gboolean
step_is_filled (const DossierRecords *records,
                guint                 index)
{
  const DossierApplicant *applicant = &records->applicant;
  const char *id = steps[index].id;

  if (g_str_equal (id, "program"))
    return records->program != NULL;
  if (g_str_equal (id, "about"))
    return applicant->family_name != NULL || applicant->given_names != NULL
           || applicant->birth_date != DOSSIER_DAY_UNKNOWN || applicant->citizenship != NULL
           || applicant->passport_number != NULL || applicant->status_kind != NULL
           || applicant->residence_country != NULL;
  if (g_str_equal (id, "work"))
    return records->jobs->len > 0;
  if (g_str_equal (id, "training"))
    return records->courses->len > 0;
  if (g_str_equal (id, "language"))
    return records->language_tests->len > 0;
  if (g_str_equal (id, "education"))
    return records->credentials->len > 0;
  if (g_str_equal (id, "offer"))
    return records->offer.present;
  if (g_str_equal (id, "documents"))
    return records->documents->len > 0;
  return FALSE;
}

/* What every application needs about the applicant, whatever the rules say. */
static gboolean
about_is_complete (const DossierRecords *records)
{
  const DossierApplicant *applicant = &records->applicant;

  return applicant->family_name != NULL && applicant->given_names != NULL
         && applicant->birth_date != DOSSIER_DAY_UNKNOWN && applicant->citizenship != NULL
         && applicant->passport_number != NULL
         && applicant->passport_expires != DOSSIER_DAY_UNKNOWN
         && applicant->status_kind != NULL;
}

static void
update_step_statuses (DossierWizard *self)
{
  const DossierRecords *records;
  GPtrArray *problems;

  if (self->profile == NULL)
    return;
  records = dossier_profile_get_records (self->profile);
  problems = dossier_profile_get_problems (self->profile);

  for (guint i = 0; i < N_STEPS; i++)
    {
      const char *id = steps[i].id;
      gboolean problem = FALSE;
      gboolean incomplete = FALSE;
      DossierStepStatus status;

      if (g_str_equal (id, "package"))
        {
          switch (dossier_page_package_get_state (DOSSIER_PAGE_PACKAGE (self->page_package)))
            {
            case DOSSIER_PACKAGE_STATE_WRITTEN:
              status = DOSSIER_STEP_DONE;
              break;
            case DOSSIER_PACKAGE_STATE_FAILED:
              status = DOSSIER_STEP_PROBLEM;
              break;
            case DOSSIER_PACKAGE_STATE_READY:
              status = DOSSIER_STEP_IN_PROGRESS;
              break;
            case DOSSIER_PACKAGE_STATE_NOT_READY:
            default:
              status = DOSSIER_STEP_EMPTY;
              break;
            }
          self->statuses[i] = status;
          show_step_status (self, i);
          continue;
        }
      if (g_str_equal (id, "review"))
        {
          if (self->evaluation == NULL)
            status = DOSSIER_STEP_EMPTY;
          else if (self->evaluation->verdict == DOSSIER_VERDICT_ELIGIBLE)
            status = DOSSIER_STEP_DONE;
          else if (self->evaluation->verdict == DOSSIER_VERDICT_NOT_ELIGIBLE)
            status = DOSSIER_STEP_PROBLEM;
          else
            status = DOSSIER_STEP_IN_PROGRESS;
          self->statuses[i] = status;
          show_step_status (self, i);
          continue;
        }

      for (guint p = 0; !problem && problems != NULL && p < problems->len; p++)
        {
          const DossierProblem *value_problem = g_ptr_array_index (problems, p);

          problem = path_is_within (value_problem->path, steps[i].prefix);
        }

      for (guint r = 0; self->evaluation != NULL && r < self->evaluation->results->len; r++)
        {
          const DossierRuleResult *result = g_ptr_array_index (self->evaluation->results, r);
          gboolean ours = g_strcmp0 (dossier_wizard_step_for_kind (result->rule->kind), id) == 0;

          if (ours && result->outcome == DOSSIER_OUTCOME_FAIL)
            problem = TRUE;
          if (result->outcome != DOSSIER_OUTCOME_UNKNOWN)
            continue;
          /* Unknown because of something missing here, or a rule of this step. */
          if (ours && result->missing->len == 0)
            incomplete = TRUE;
          for (guint m = 0; m < result->missing->len; m++)
            {
              const DossierMissing *missing = g_ptr_array_index (result->missing, m);

              if (path_is_within (missing->path, steps[i].prefix))
                incomplete = TRUE;
            }
        }

      if (g_str_equal (id, "program"))
        problem = records->program != NULL && self->pack_error != NULL;
      else if (g_str_equal (id, "about") && !about_is_complete (records))
        incomplete = TRUE;
      else if (g_str_equal (id, "documents"))
        {
          guint required, required_done, with_problem, attached;

          /* Whether each document is there and acceptable on the as-of day is the
           * Documents page's check to say, once it has run. */
          if (dossier_page_documents_get_tally (DOSSIER_PAGE_DOCUMENTS (self->page_documents),
                                                &required, &required_done, &with_problem,
                                                &attached))
            {
              problem = problem || with_problem > 0;
              incomplete = required_done < required;
              if (attached == 0 && !problem)
                {
                  self->statuses[i] = DOSSIER_STEP_EMPTY;
                  show_step_status (self, i);
                  continue;
                }
            }
          else
            {
              incomplete = TRUE;
            }
        }

      if (problem)
        status = DOSSIER_STEP_PROBLEM;
      else if (!step_is_filled (records, i))
        status = DOSSIER_STEP_EMPTY;
      else if (incomplete)
        status = DOSSIER_STEP_IN_PROGRESS;
      else
        status = DOSSIER_STEP_DONE;

      self->statuses[i] = status;
      show_step_status (self, i);
    }
}

static GtkWidget *
build_step_row (DossierWizard *self,
                guint          index)
{
  StepRow *row = &self->rows[index];
  GtkWidget *child = gtk_stack_get_child_by_name (self->stack, steps[index].id);
  GtkStackPage *page = gtk_stack_get_page (self->stack, child);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title;

  row->title = gtk_stack_page_get_title (page);
  row->row = GTK_LIST_BOX_ROW (gtk_list_box_row_new ());
  row->icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_state (GTK_ACCESSIBLE (row->icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  title = gtk_label_new (row->title);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  row->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->status_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (row->status_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->status_label), "dim-label");

  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->status_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->icon));
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_box_row_set_child (row->row, box);

  self->statuses[index] = DOSSIER_STEP_EMPTY;
  show_step_status (self, index);
  return GTK_WIDGET (row->row);
}

static void
focus_first_field (GtkWidget *page)
{
  if (!dossier_field_rows_focus_first (page))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
show_step (DossierWizard *self,
           guint          index,
           gboolean       focus)
{
  GtkWidget *page;

  g_assert (index < N_STEPS);

  gtk_stack_set_visible_child_name (self->stack, steps[index].id);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  page = gtk_stack_get_visible_child (self->stack);
  if (focus)
    focus_first_field (page);
}

static guint
current_index (DossierWizard *self)
{
  int index = step_index (gtk_stack_get_visible_child_name (self->stack));

  return index < 0 ? 0 : (guint) index;
}

static void
on_visible_page_changed_cb (DossierWizard *self)
{
  guint index = current_index (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.previous", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", index + 1 < N_STEPS);
  if (self->rows[index].row != NULL)
    gtk_list_box_select_row (self->step_list, self->rows[index].row);
  if (index + 1 < N_STEPS && self->rows[index + 1].title != NULL)
    {
      /* TRANSLATORS: the tooltip of the Next button, with the next step's name. */
      g_autofree char *tooltip = g_strdup_printf (_("Go on to “%s”"),
                                                  self->rows[index + 1].title);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), tooltip);
    }
}

static void
on_step_activated_cb (DossierWizard *self,
                      GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0)
    show_step (self, (guint) index, TRUE);
}

static void
on_leaflet_folded_cb (DossierWizard *self)
{
  /* Folded, the list is a page of its own: nothing looks chosen in it then. */
  gtk_list_box_set_selection_mode (self->step_list,
                                   adw_leaflet_get_folded (self->leaflet)
                                   ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
  if (!adw_leaflet_get_folded (self->leaflet))
    on_visible_page_changed_cb (self);
}

/* ------------------------------------------------------------------------------------
 * The as-of date
 */

static DossierDay
effective_as_of (DossierWizard *self)
{
  if (self->chosen_as_of != DOSSIER_DAY_UNKNOWN)
    return self->chosen_as_of;
  if (self->default_as_of != DOSSIER_DAY_UNKNOWN)
    return self->default_as_of;
  return dossier_day_today ();
}

static void
update_as_of (DossierWizard *self)
{
  DossierDay as_of = effective_as_of (self);
  DossierDay fallback = self->default_as_of ? self->default_as_of : dossier_day_today ();
  g_autofree char *text = dossier_day_format (as_of);
  g_autofree char *fallback_text = dossier_day_format (fallback);
  g_autofree char *label = NULL;
  g_autofree char *reset = NULL;

  if (self->chosen_as_of != DOSSIER_DAY_UNKNOWN)
    /* TRANSLATORS: the as-of button's accessible name; the date is YYYY-MM-DD. */
    label = g_strdup_printf (_("Checks made as of %s, a day you chose; change the day"), text);
  else
    /* TRANSLATORS: the as-of button's accessible name; the date is YYYY-MM-DD. */
    label = g_strdup_printf (_("Checks made as of %s, the next opening of the program or "
                               "today; change the day"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->as_of_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->as_of_button), label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.reset-as-of",
                                 self->chosen_as_of != DOSSIER_DAY_UNKNOWN);
  if (fallback == dossier_day_today ())
    /* TRANSLATORS: the button that goes back to the default as-of day, today. */
    reset = g_strdup_printf (_("Use _Today, %s"), fallback_text);
  else
    /* TRANSLATORS: the button that goes back to the default as-of day. */
    reset = g_strdup_printf (_("Use the _Next Opening, %s"), fallback_text);
  gtk_button_set_label (self->as_of_reset_button, reset);
  g_object_set (self->page_program, "as-of", (guint) as_of, NULL);
  g_object_set (self->page_documents, "as-of", (guint) as_of, NULL);
  g_object_set (self->page_package, "as-of", (guint) as_of, NULL);
  show_verdict (self);
}

static void
select_calendar_day (DossierWizard *self)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  dossier_day_to_ymd (effective_as_of (self), &y, &m, &d);
  date = g_date_time_new_local (y, m, d, 12, 0, 0);
  self->updating_calendar = TRUE;
  gtk_calendar_select_day (self->as_of_calendar, date);
  self->updating_calendar = FALSE;
}

static void
on_as_of_popover_show_cb (DossierWizard *self)
{
  select_calendar_day (self);
}

static void
on_as_of_day_selected_cb (DossierWizard *self)
{
  g_autoptr(GDateTime) date = NULL;

  if (self->updating_calendar)
    return;
  date = gtk_calendar_get_date (self->as_of_calendar);
  dossier_wizard_set_as_of (self,
                            dossier_day_from_ymd (g_date_time_get_year (date),
                                                  g_date_time_get_month (date),
                                                  g_date_time_get_day_of_month (date)));
}

/* ------------------------------------------------------------------------------------
 * The check
 */

static void
show_verdict (DossierWizard *self)
{
  static const char * const classes[] = { "success", "error", "warning", "dim-label" };
  const char *icon;
  const char *css;
  const char *text;
  g_autofree char *tooltip = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *program_text = NULL;
  g_autofree char *as_of = dossier_day_format (effective_as_of (self));
  const char *title = self->pack ? dossier_pack_get_title (self->pack, dossier_i18n_data_language ()) : NULL;

  if (self->evaluation == NULL)
    {
      icon = "dialog-question-symbolic";
      css = "dim-label";
      text = self->pack_error ? _("Cannot check") : _("Not checked yet");
    }
  else
    {
      switch (self->evaluation->verdict)
        {
        case DOSSIER_VERDICT_ELIGIBLE:
          icon = "emblem-ok-symbolic";
          css = "success";
          text = _("Eligible");
          break;
        case DOSSIER_VERDICT_NOT_ELIGIBLE:
          icon = "dialog-error-symbolic";
          css = "error";
          text = _("Not eligible");
          break;
        case DOSSIER_VERDICT_INCOMPLETE:
        default:
          icon = "dialog-question-symbolic";
          css = "warning";
          text = _("Incomplete");
          break;
        }
    }

  for (guint v = 0; v < 2; v++)
    {
      GtkWidget *image = GTK_WIDGET (v == 0 ? self->verdict_icon : self->verdict_icon_compact);

      gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
      for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
        gtk_widget_remove_css_class (image, classes[i]);
      gtk_widget_add_css_class (image, css);
    }
  gtk_label_set_label (self->verdict_label, text);
  gtk_label_set_label (self->verdict_label_compact, text);

  /* TRANSLATORS: under the verdict: "As of 2025-03-31 · <program>" */
  program_text = g_strdup_printf (_("As of %s · %s"), as_of,
                                  self->pack_error ? self->pack_error : title ? title : "");
  /* TRANSLATORS: under the verdict in a narrow window: "As of 2025-03-31" */
  as_of_text = g_strdup_printf (_("As of %s"), as_of);
  gtk_label_set_label (self->program_label, program_text);
  gtk_label_set_label (self->as_of_label_compact, as_of_text);

  if (self->pack_error != NULL)
    tooltip = g_strdup (self->pack_error);
  else
    /* TRANSLATORS: the verdict's tooltip: "Eligible for <program> as of 2025-03-31". */
    tooltip = g_strdup_printf (_("%s for “%s” as of %s"), text, title ? title : "", as_of);
  gtk_widget_set_tooltip_text (self->verdict_box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
}

static void
apply_evaluation (DossierWizard     *self,
                  DossierEvaluation *evaluation)
{
  g_autoptr(DossierEvaluation) old = g_steal_pointer (&self->evaluation);

  self->evaluation = evaluation;
  dossier_page_review_set_evaluation (DOSSIER_PAGE_REVIEW (self->page_review), evaluation);
  show_verdict (self);
  update_step_statuses (self);
}

typedef struct
{
  DossierPack    *pack;
  DossierRecords *records;
  DossierDay      as_of;
  guint           serial;
  gint64          usec;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->pack);
  g_clear_pointer (&data->records, dossier_records_unref);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  gint64 start = g_get_monotonic_time ();
  DossierEvaluation *evaluation = dossier_evaluate (data->pack, data->records, data->as_of);

  data->usec = g_get_monotonic_time () - start;
  g_task_return_pointer (task, evaluation, (GDestroyNotify) dossier_evaluation_free);
}

static void start_check (DossierWizard *self,
                         gboolean       now);

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DossierWizard *self = DOSSIER_WIZARD (object);
  CheckData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  DossierEvaluation *evaluation;

  self->check_running = FALSE;
  evaluation = g_task_propagate_pointer (G_TASK (result), &error);
  if (evaluation == NULL)
    return;
  self->last_check_usec = data->usec;
  /* A check made since (dossier_wizard_check_now()) is newer than this one. */
  if (data->serial == self->check_serial)
    apply_evaluation (self, evaluation);
  else
    dossier_evaluation_free (evaluation);
  if (self->check_pending)
    {
      self->check_pending = FALSE;
      start_check (self, FALSE);
    }
}

/* The pack the profile is prepared for, or the default one. */
static void
update_pack (DossierWizard        *self,
             const DossierRecords *records)
{
  g_autoptr(GError) error = NULL;
  const char *id = records->program ? records->program : DOSSIER_WIZARD_DEFAULT_PROGRAM;
  DossierPack *pack = dossier_pack_find (id, &error);

  g_clear_pointer (&self->pack_error, g_free);
  if (pack == NULL)
    {
      self->pack_error = g_strdup (error->message);
      /* A program this version does not know: still check against the default one. */
      if (records->program != NULL)
        pack = dossier_pack_find (DOSSIER_WIZARD_DEFAULT_PROGRAM, NULL);
    }
  if (pack != self->pack)
    {
      self->pack = pack;
      self->default_as_of = pack && !as_of_rule_is_today () ? dossier_pack_get_default_as_of (pack)
                                                            : DOSSIER_DAY_UNKNOWN;
      update_as_of (self);
    }
}

static void
start_check (DossierWizard *self,
             gboolean       now)
{
  g_autoptr(DossierRecords) records = NULL;

  if (self->profile == NULL)
    return;
  if (self->check_running && !now)
    {
      self->check_pending = TRUE;
      return;
    }

  records = dossier_profile_dup_records (self->profile);
  update_pack (self, records);
  if (self->pack == NULL)
    {
      apply_evaluation (self, NULL);
      return;
    }

  self->check_serial++;
  if (self->last_check_usec > CHECK_BUDGET_USEC && !now)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, check_done_cb, NULL);
      CheckData *data = g_new0 (CheckData, 1);

      data->pack = g_object_ref (self->pack);
      data->records = g_steal_pointer (&records);
      data->as_of = effective_as_of (self);
      data->serial = self->check_serial;
      g_task_set_source_tag (task, start_check);
      g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
      self->check_running = TRUE;
      g_task_run_in_thread (task, check_thread);
    }
  else
    {
      gint64 start = g_get_monotonic_time ();
      DossierEvaluation *evaluation = dossier_evaluate (self->pack, records,
                                                        effective_as_of (self));

      self->last_check_usec = g_get_monotonic_time () - start;
      apply_evaluation (self, evaluation);
    }
}

static gboolean
check_cb (gpointer user_data)
{
  DossierWizard *self = user_data;

  self->check_id = 0;
  start_check (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
queue_check (DossierWizard *self)
{
  /* After the frame that shows the keystroke: idles run below redraw priority. */
  if (self->check_id == 0)
    self->check_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, check_cb, self, NULL);
}

static void
on_profile_changed_cb (DossierWizard *self)
{
  queue_check (self);
}

/* ------------------------------------------------------------------------------------
 * Actions
 */

static void
back_to_clients_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK_TO_CLIENTS], 0);
}

static void
show_steps_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierWizard *self = DOSSIER_WIZARD (widget);
  guint index = current_index (self);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  if (self->rows[index].row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->rows[index].row));
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DossierWizard *self = DOSSIER_WIZARD (widget);
  guint index = current_index (self);

  if (index > 0)
    show_step (self, index - 1, TRUE);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DossierWizard *self = DOSSIER_WIZARD (widget);
  guint index = current_index (self);

  if (index + 1 < N_STEPS)
    show_step (self, index + 1, TRUE);
}

static void
open_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  dossier_wizard_open_step (DOSSIER_WIZARD (widget), g_variant_get_string (parameter, NULL));
}

static void
focus_field_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  dossier_wizard_focus_field (DOSSIER_WIZARD (widget), g_variant_get_string (parameter, NULL));
}

static void
reset_as_of_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierWizard *self = DOSSIER_WIZARD (widget);

  dossier_wizard_set_as_of (self, DOSSIER_DAY_UNKNOWN);
  select_calendar_day (self);
}

/* ------------------------------------------------------------------------------------
 * GObject
 */

static void
dossier_wizard_dispose (GObject *object)
{
  DossierWizard *self = DOSSIER_WIZARD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
  /* The template built the bin's child: it goes first, as AdwBin would unparent it
   * again after the template is disposed. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_WIZARD);

  G_OBJECT_CLASS (dossier_wizard_parent_class)->dispose (object);
}

static void
dossier_wizard_finalize (GObject *object)
{
  DossierWizard *self = DOSSIER_WIZARD (object);

  g_clear_pointer (&self->evaluation, dossier_evaluation_free);
  g_clear_pointer (&self->pack_error, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dossier_wizard_parent_class)->finalize (object);
}

static void
dossier_wizard_class_init (DossierWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_wizard_dispose;
  object_class->finalize = dossier_wizard_finalize;

  /**
   * DossierWizard::back-to-clients:
   *
   * Emitted when the user asks for the list of clients.
   */
  signals[BACK_TO_CLIENTS] =
    g_signal_new ("back-to-clients", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DOSSIER_TYPE_FIELD_ROW);
  g_type_ensure (DOSSIER_TYPE_PAGE_PROGRAM);
  g_type_ensure (DOSSIER_TYPE_PAGE_ABOUT);
  g_type_ensure (DOSSIER_TYPE_PAGE_WORK);
  g_type_ensure (DOSSIER_TYPE_PAGE_TRAINING);
  g_type_ensure (DOSSIER_TYPE_PAGE_LANGUAGE);
  g_type_ensure (DOSSIER_TYPE_PAGE_EDUCATION);
  g_type_ensure (DOSSIER_TYPE_PAGE_OFFER);
  g_type_ensure (DOSSIER_TYPE_PAGE_DOCUMENTS);
  g_type_ensure (DOSSIER_TYPE_PAGE_REVIEW);
  g_type_ensure (DOSSIER_TYPE_PAGE_PACKAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, content);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, step_list);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, program_label);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, verdict_icon_compact);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, verdict_label_compact);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, as_of_label_compact);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, as_of_calendar);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, as_of_reset_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, page_program);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, page_review);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, page_documents);
  gtk_widget_class_bind_template_child (widget_class, DossierWizard, page_package);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_step_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_as_of_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_as_of_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "wizard.back-to-clients", NULL,
                                   back_to_clients_action);
  gtk_widget_class_install_action (widget_class, "wizard.show-steps", NULL, show_steps_action);
  gtk_widget_class_install_action (widget_class, "wizard.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.open-step", "s", open_step_action);
  gtk_widget_class_install_action (widget_class, "wizard.focus-field", "s", focus_field_action);
  gtk_widget_class_install_action (widget_class, "wizard.reset-as-of", NULL, reset_as_of_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "wizard.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "wizard.next", NULL);
}

static void
dossier_wizard_init (DossierWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < N_STEPS; i++)
    gtk_list_box_append (self->step_list, build_step_row (self, i));

  /* Documents and Package judge in worker threads; their steps' states follow. */
  g_signal_connect_object (self->page_documents, "notify::busy",
                           G_CALLBACK (update_step_statuses), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_package, "notify::busy",
                           G_CALLBACK (update_step_statuses), self, G_CONNECT_SWAPPED);

  update_pack (self, &(DossierRecords) { 0, });
  update_as_of (self);
  show_verdict (self);
  on_leaflet_folded_cb (self);
  on_visible_page_changed_cb (self);
}

/* ------------------------------------------------------------------------------------
 * Public API
 */

void
dossier_wizard_set_profile (DossierWizard  *self,
                            DossierProfile *profile)
{
  GtkWidget *child;

  g_return_if_fail (DOSSIER_IS_WIZARD (self));
  g_return_if_fail (profile == NULL || DOSSIER_IS_PROFILE (profile));

  if (self->profile == profile)
    return;

  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_set_object (&self->profile, profile);
  if (profile != NULL)
    self->changed_id = g_signal_connect_swapped (profile, "changed",
                                                 G_CALLBACK (on_profile_changed_cb), self);

  /* The as-of day chosen for the last client is not this one's. */
  self->chosen_as_of = DOSSIER_DAY_UNKNOWN;
  self->last_check_usec = 0;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_object_set (child, "profile", profile, NULL);

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (profile != NULL)
    {
      start_check (self, TRUE);
      /* Start where work remains: the program first, then the first step not done. */
      for (guint i = 0; i < N_STEPS; i++)
        if (self->statuses[i] != DOSSIER_STEP_DONE)
          {
            gtk_stack_set_visible_child_name (self->stack, steps[i].id);
            break;
          }
    }
  else
    {
      apply_evaluation (self, NULL);
    }
}

DossierProfile *
dossier_wizard_get_profile (DossierWizard *self)
{
  g_return_val_if_fail (DOSSIER_IS_WIZARD (self), NULL);

  return self->profile;
}

const char *
dossier_wizard_get_step (DossierWizard *self)
{
  g_return_val_if_fail (DOSSIER_IS_WIZARD (self), NULL);

  return steps[current_index (self)].id;
}

void
dossier_wizard_open_step (DossierWizard *self,
                          const char    *step)
{
  int index;

  g_return_if_fail (DOSSIER_IS_WIZARD (self));

  index = step_index (step);
  g_return_if_fail (index >= 0);
  show_step (self, (guint) index, TRUE);
}

DossierStepStatus
dossier_wizard_get_step_status (DossierWizard *self,
                                const char    *step)
{
  int index;

  g_return_val_if_fail (DOSSIER_IS_WIZARD (self), DOSSIER_STEP_EMPTY);

  index = step_index (step);
  g_return_val_if_fail (index >= 0, DOSSIER_STEP_EMPTY);
  return self->statuses[index];
}

gboolean
dossier_wizard_focus_field (DossierWizard *self,
                            const char    *absolute_path)
{
  const char *step;
  DossierFieldRow *row;
  GtkWidget *page;
  int index;

  g_return_val_if_fail (DOSSIER_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (absolute_path != NULL, FALSE);

  step = dossier_wizard_step_for_path (absolute_path);
  index = step_index (step);
  if (index < 0)
    return FALSE;

  show_step (self, (guint) index, FALSE);
  page = gtk_stack_get_visible_child (self->stack);
  row = dossier_field_rows_find (page, absolute_path);
  if (row != NULL && dossier_field_row_reveal (row))
    return TRUE;
  focus_first_field (page);
  return FALSE;
}

DossierDay
dossier_wizard_get_as_of (DossierWizard *self)
{
  g_return_val_if_fail (DOSSIER_IS_WIZARD (self), DOSSIER_DAY_UNKNOWN);

  return effective_as_of (self);
}

/**
 * dossier_wizard_get_chosen_as_of:
 *
 * Returns: the day the user chose, or DOSSIER_DAY_UNKNOWN if the checks are made as of
 *   the default day.
 */
DossierDay
dossier_wizard_get_chosen_as_of (DossierWizard *self)
{
  g_return_val_if_fail (DOSSIER_IS_WIZARD (self), DOSSIER_DAY_UNKNOWN);

  return self->chosen_as_of;
}

void
dossier_wizard_set_as_of (DossierWizard *self,
                          DossierDay     as_of)
{
  g_return_if_fail (DOSSIER_IS_WIZARD (self));

  if (self->chosen_as_of == as_of)
    return;
  self->chosen_as_of = as_of;
  update_as_of (self);
  queue_check (self);
}

const DossierEvaluation *
dossier_wizard_get_evaluation (DossierWizard *self)
{
  g_return_val_if_fail (DOSSIER_IS_WIZARD (self), NULL);

  return self->evaluation;
}

void
dossier_wizard_check_now (DossierWizard *self)
{
  g_return_if_fail (DOSSIER_IS_WIZARD (self));

  g_clear_handle_id (&self->check_id, g_source_remove);
  start_check (self, TRUE);
}
