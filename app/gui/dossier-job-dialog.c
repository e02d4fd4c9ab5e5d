/* dossier-job-dialog.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-job-dialog.h"
#include "dossier-noc.h"

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,
  FIELD_NUMBER,
  FIELD_CHOICE,
  FIELD_NOC,
  FIELD_DUTIES,
} FieldKind;

typedef enum
{
  GROUP_POSITION,
  GROUP_PERIOD,
  GROUP_CONDITIONS,
  GROUP_DUTIES,
} FieldGroup;

typedef struct
{
  const char *value;      /* NULL: not given */
  const char *label;
} Choice;

static const Choice province_choices[] = {
  { NULL, N_("Not given") },
  { "AB", N_("Alberta") },
  { "BC", N_("British Columbia") },
  { "MB", N_("Manitoba") },
  { "NB", N_("New Brunswick") },
  { "NL", N_("Newfoundland and Labrador") },
  { "NS", N_("Nova Scotia") },
  { "NT", N_("Northwest Territories") },
  { "NU", N_("Nunavut") },
  { "ON", N_("Ontario") },
  { "PE", N_("Prince Edward Island") },
  { "QC", N_("Quebec") },
  { "SK", N_("Saskatchewan") },
  { "YT", N_("Yukon") },
  { NULL, NULL },
};

static const Choice setting_choices[] = {
  { NULL, N_("Not given") },
  { "private-home", N_("In a private home") },
  { "institution", N_("In an institution (daycare, nursing home, hospital…)") },
  { NULL, NULL },
};

static const Choice answer_choices[] = {
  { NULL, N_("Not given") },
  { "true", N_("Yes") },
  { "false", N_("No") },
  { NULL, NULL },
};

typedef struct
{
  const char   *name;
  FieldKind     kind;
  FieldGroup    group;
  const char   *title;
  const Choice *choices;
} FieldSpec;

static const FieldSpec field_specs[] = {
  { "employer", FIELD_TEXT, GROUP_POSITION, N_("Employer"), NULL },
  { "title", FIELD_TEXT, GROUP_POSITION, N_("Job title"), NULL },
  { "noc", FIELD_NOC, GROUP_POSITION, N_("Occupation (NOC 2021)"), NULL },
  { "country", FIELD_TEXT, GROUP_POSITION, N_("Country (two-letter code, for example CA or PH)"), NULL },
  { "province", FIELD_CHOICE, GROUP_POSITION, N_("Province or territory (work in Canada)"), province_choices },
  { "setting", FIELD_CHOICE, GROUP_POSITION, N_("Where the work was done"), setting_choices },
  { "start", FIELD_DATE, GROUP_PERIOD, N_("Start date (YYYY-MM-DD)"), NULL },
  { "end", FIELD_DATE, GROUP_PERIOD, N_("End date (YYYY-MM-DD)"), NULL },
  { "hours-per-week", FIELD_NUMBER, GROUP_PERIOD, N_("Paid hours per week"), NULL },
  { "authorized", FIELD_CHOICE, GROUP_CONDITIONS, N_("Work in Canada was authorized (work permit)"), answer_choices },
  { "full-time-student", FIELD_CHOICE, GROUP_CONDITIONS, N_("Was a full-time student during this job"), answer_choices },
  { "duties", FIELD_DUTIES, GROUP_DUTIES, N_("Main duties"), NULL },
};

typedef struct
{
  const FieldSpec *spec;
  GtkWidget       *row;
  GtkWidget       *widget;        /* what takes the input */
  AdwActionRow    *problem_row;
  char            *problem;
} Field;

struct _DossierJobDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *general_group;
  AdwPreferencesGroup *position_group;
  AdwPreferencesGroup *period_group;
  AdwPreferencesGroup *conditions_group;
  AdwPreferencesGroup *duties_group;

  DossierProfile      *profile;
  gulong               changed_id;
  char                *job_id;
  char                *base_path;
  gboolean             is_new;
  gboolean             finished;
  guint                updating;
  GHashTable          *snapshot;     /* field name -> value, or no entry */

  Field                fields[G_N_ELEMENTS (field_specs)];
  AdwActionRow        *general_problem_row;
  AdwActionRow        *current_row;
  GtkSwitch           *current_switch;
  DossierNocPicker    *noc_picker;
};

G_DEFINE_FINAL_TYPE (DossierJobDialog, dossier_job_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------------------
 * Date button
 */

static gboolean
parse_iso_date (const char *text,
                int        *year,
                int        *month,
                int        *day)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (sscanf (copy, "%4d-%2d-%2d", year, month, day) != 3)
    return FALSE;
  return g_date_valid_dmy (*day, *month, *year);
}

/* The field a calendar writes to, held weakly: the field and the popover go away in
 * either order. */
static GtkEditable *
dup_target (GtkPopover *popover)
{
  GWeakRef *ref = g_object_get_data (G_OBJECT (popover), "dossier-target");

  return ref != NULL ? g_weak_ref_get (ref) : NULL;
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
date_popover_show_cb (GtkPopover  *popover,
                      GtkCalendar *calendar)
{
  g_autoptr(GtkEditable) target = dup_target (popover);
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;

  g_object_set_data (G_OBJECT (calendar), "dossier-quiet", GINT_TO_POINTER (TRUE));
  if (target != NULL && parse_iso_date (gtk_editable_get_text (target), &year, &month, &day))
    date = g_date_time_new_local (year, month, day, 0, 0, 0);
  else
    date = g_date_time_new_now_local ();
  gtk_calendar_select_day (calendar, date);
  g_object_set_data (G_OBJECT (calendar), "dossier-quiet", NULL);
}

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          GtkPopover  *popover)
{
  g_autoptr(GtkEditable) target = dup_target (popover);
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (target == NULL || g_object_get_data (G_OBJECT (calendar), "dossier-quiet") != NULL)
    return;
  date = gtk_calendar_get_date (calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (target, text);
}

GtkWidget *
dossier_date_button_new (GtkEditable *target,
                         const char  *accessible_label)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *done = gtk_button_new_with_mnemonic (_("_Done"));

  g_return_val_if_fail (GTK_IS_EDITABLE (target), NULL);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  /* Moving through the days with the keyboard selects them: the field follows, and
   * Done or Escape closes the calendar. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  gtk_box_append (GTK_BOX (box), calendar);
  gtk_widget_set_halign (done, GTK_ALIGN_END);
  g_signal_connect_swapped (done, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
  gtk_box_append (GTK_BOX (box), done);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  {
    GWeakRef *ref = g_new0 (GWeakRef, 1);

    g_weak_ref_init (ref, target);
    g_object_set_data_full (G_OBJECT (popover), "dossier-target", ref,
                            (GDestroyNotify) weak_ref_free);
  }
  g_signal_connect (popover, "show", G_CALLBACK (date_popover_show_cb), calendar);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), popover);
  return button;
}

/* ------------------------------------------------------------------------------------
 * Profile access
 */

static const char * const job_children[] = {
  "employer", "title", "noc", "country", "province", "setting", "start", "end",
  "hours-per-week", "authorized", "full-time-student", "duties", NULL
};

gboolean
dossier_job_remove (DossierProfile  *profile,
                    const char      *job_id,
                    GError         **error)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (DOSSIER_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (job_id != NULL, FALSE);

  base = g_strdup_printf ("work-history/job[@id='%s']", job_id);
  /* The profile removes an element only once it holds no other element. */
  for (guint i = 0; job_children[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s", base, job_children[i]);

      if (!dossier_profile_set_value (profile, path, NULL, error))
        return FALSE;
    }
  return dossier_profile_set_value (profile, base, NULL, error);
}

static char *
field_path (DossierJobDialog *self,
            const char       *name)
{
  return g_strdup_printf ("%s/%s", self->base_path, name);
}

static char *
get_field_value (DossierJobDialog *self,
                 const char       *name)
{
  g_autofree char *path = field_path (self, name);

  return dossier_profile_get_value (self->profile, path);
}

static void
set_field_value (DossierJobDialog *self,
                 const char       *name,
                 const char       *value)
{
  g_autofree char *path = field_path (self, name);
  g_autofree char *current = dossier_profile_get_value (self->profile, path);
  g_autoptr(GError) error = NULL;

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (current, value) == 0)
    return;
  if (!dossier_profile_set_value (self->profile, path, value, &error))
    g_warning ("Cannot set %s: %s", path, error->message);
}

static Field *
find_field (DossierJobDialog *self,
            const char       *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    if (g_str_equal (field_specs[i].name, name))
      return &self->fields[i];
  return NULL;
}

static const char * const *
preferred_codes (DossierJobDialog *self)
{
  const DossierRecords *records = dossier_profile_get_records (self->profile);

  return dossier_noc_picker_codes_for_program (records->program);
}

static void
update_noc_row (DossierJobDialog *self)
{
  Field *field = find_field (self, "noc");
  g_autofree char *code = get_field_value (self, "noc");
  g_autofree char *subtitle = NULL;
  DossierNocTable *table = dossier_noc_table_get_default (NULL);
  const DossierNoc *noc = table != NULL ? dossier_noc_table_find (table, code) : NULL;
  const char * const *codes = preferred_codes (self);
  const char *counts;

  if (code == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), _("Not chosen yet"));
      return;
    }
  counts = g_strv_contains (codes, code) ? _("counts for this program")
                                         : _("does not count for this program’s work experience");
  if (noc != NULL)
    subtitle = g_strdup_printf ("%s · %s (%s)", code,
                                dossier_noc_get_title (noc, C_("data language", "en")), counts);
  else
    subtitle = g_strdup_printf ("%s (%s)", code, counts);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), subtitle);
}

/* ------------------------------------------------------------------------------------
 * Problems beside the fields
 */

static const DossierJob *
find_job (DossierJobDialog *self)
{
  const DossierRecords *records = dossier_profile_get_records (self->profile);

  for (guint i = 0; i < records->jobs->len; i++)
    {
      const DossierJob *job = g_ptr_array_index (records->jobs, i);

      if (g_strcmp0 (job->id, self->job_id) == 0)
        return job;
    }
  return NULL;
}

static void
append_line (GString    *text,
             const char *line)
{
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

static void
set_problem_row (AdwActionRow *row,
                 GtkWidget    *field_widget,
                 const char   *text)
{
  gboolean has = text != NULL && *text != '\0';

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), has ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (row), has);
  if (field_widget != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (field_widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, has ? text : "",
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field_widget),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   has ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
      if (has)
        gtk_widget_add_css_class (field_widget, "error");
      else
        gtk_widget_remove_css_class (field_widget, "error");
    }
}

static void
update_problems (DossierJobDialog *self)
{
  const DossierJob *job = find_job (self);
  GPtrArray *problems = dossier_profile_get_problems (self->profile);
  g_autoptr(GString) general = g_string_new (NULL);
  GString *texts[G_N_ELEMENTS (field_specs)] = { NULL, };
  gsize prefix_len;

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    texts[i] = g_string_new (NULL);

  if (job != NULL && job->origin.path != NULL)
    {
      prefix_len = strlen (job->origin.path);
      for (guint i = 0; i < problems->len; i++)
        {
          const DossierProblem *problem = g_ptr_array_index (problems, i);
          const char *rest;
          g_autofree char *segment = NULL;
          Field *field;

          if (!g_str_has_prefix (problem->path, job->origin.path))
            continue;
          rest = problem->path + prefix_len;
          if (*rest != '\0' && *rest != '/')
            continue;
          if (*rest == '/')
            {
              const char *end = rest + 1;

              while (*end != '\0' && *end != '/' && *end != '[')
                end++;
              segment = g_strndup (rest + 1, end - (rest + 1));
            }
          field = segment != NULL ? find_field (self, segment) : NULL;
          if (field != NULL)
            append_line (texts[field - self->fields], problem->message);
          else
            append_line (general, problem->message);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      Field *field = &self->fields[i];

      g_free (field->problem);
      field->problem = texts[i]->len > 0 ? g_strdup (texts[i]->str) : NULL;
      set_problem_row (field->problem_row, field->widget, field->problem);
      g_string_free (texts[i], TRUE);
    }
  set_problem_row (self->general_problem_row, NULL, general->str);
  gtk_widget_set_visible (GTK_WIDGET (self->general_group), general->len > 0);
}

static void
profile_changed_cb (DossierJobDialog *self)
{
  update_problems (self);
  update_noc_row (self);
  if (self->is_new && find_job (self) != NULL)
    adw_window_title_set_subtitle (self->window_title, NULL);
}

/* ------------------------------------------------------------------------------------
 * Fields
 */

static guint
choice_index (const Choice *choices,
              const char   *value)
{
  for (guint i = 0; choices[i].label != NULL; i++)
    if (g_strcmp0 (choices[i].value, value) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
entry_changed_cb (GtkEditable      *editable,
                  DossierJobDialog *self)
{
  Field *field = g_object_get_data (G_OBJECT (editable), "dossier-field");
  g_autofree char *value = NULL;

  if (self->updating)
    return;
  value = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  if (field->spec->kind == FIELD_NUMBER)
    g_strdelimit (value, ",", '.');
  else if (g_str_equal (field->spec->name, "country"))
    {
      g_autofree char *upper = g_ascii_strup (value, -1);

      g_free (value);
      value = g_steal_pointer (&upper);
    }
  set_field_value (self, field->spec->name, value);
}

static void
combo_selected_cb (AdwComboRow      *combo,
                   GParamSpec       *pspec,
                   DossierJobDialog *self)
{
  Field *field = g_object_get_data (G_OBJECT (combo), "dossier-field");
  guint index = adw_combo_row_get_selected (combo);
  guint n = 0;

  if (self->updating)
    return;
  while (field->spec->choices[n].label != NULL)
    n++;
  /* An extra item shows a value the list does not have; choosing it keeps it. */
  if (index < n)
    set_field_value (self, field->spec->name, field->spec->choices[index].value);
}

static void
duties_changed_cb (GtkTextBuffer    *buffer,
                   DossierJobDialog *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->updating)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  set_field_value (self, "duties", text);
}

static void
noc_chosen_cb (DossierJobDialog *self,
               const char       *code)
{
  set_field_value (self, "noc", code);
  update_noc_row (self);
}

static void
current_switch_cb (DossierJobDialog *self)
{
  gboolean current = gtk_switch_get_active (self->current_switch);
  Field *end = find_field (self, "end");

  g_return_if_fail (end != NULL);
  gtk_widget_set_sensitive (end->row, !current);
  if (self->updating)
    return;
  if (current)
    set_field_value (self, "end", NULL);
  else
    {
      const char *typed = gtk_editable_get_text (GTK_EDITABLE (end->widget));

      set_field_value (self, "end", typed);
      gtk_widget_grab_focus (end->widget);
    }
}

static AdwPreferencesGroup *
group_for (DossierJobDialog *self,
           FieldGroup        group)
{
  switch (group)
    {
    case GROUP_POSITION:
      return self->position_group;
    case GROUP_PERIOD:
      return self->period_group;
    case GROUP_CONDITIONS:
      return self->conditions_group;
    case GROUP_DUTIES:
    default:
      return self->duties_group;
    }
}

static AdwActionRow *
problem_row_new (void)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (row, 0);
  adw_action_row_set_icon_name (row, "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
  return row;
}

static void
build_field (DossierJobDialog *self,
             Field            *field)
{
  const FieldSpec *spec = field->spec;
  AdwPreferencesGroup *group = group_for (self, spec->group);
  g_autofree char *value = get_field_value (self, spec->name);
  const char *title = _(spec->title);

  switch (spec->kind)
    {
    case FIELD_TEXT:
    case FIELD_DATE:
    case FIELD_NUMBER:
      field->row = adw_entry_row_new ();
      field->widget = field->row;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
      gtk_editable_set_text (GTK_EDITABLE (field->row), value != NULL ? value : "");
      if (spec->kind == FIELD_NUMBER)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (field->row), GTK_INPUT_PURPOSE_NUMBER);
      if (spec->kind == FIELD_DATE)
        {
          /* Translators: the calendar button of a date field, "Choose the Start date" */
          g_autofree char *label = g_str_equal (spec->name, "start")
                                   ? g_strdup (_("Choose the start date"))
                                   : g_strdup (_("Choose the end date"));

          adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row),
                                    dossier_date_button_new (GTK_EDITABLE (field->row), label));
        }
      g_object_set_data (G_OBJECT (field->row), "dossier-field", field);
      g_signal_connect (field->row, "changed", G_CALLBACK (entry_changed_cb), self);
      break;

    case FIELD_CHOICE:
      {
        g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
        guint index;

        for (guint i = 0; spec->choices[i].label != NULL; i++)
          gtk_string_list_append (model, _(spec->choices[i].label));
        index = choice_index (spec->choices, value);
        if (index == GTK_INVALID_LIST_POSITION)
          {
            /* Translators: a value in the profile that the list does not offer */
            g_autofree char *other = g_strdup_printf (_("“%s” (as in the profile)"), value);

            gtk_string_list_append (model, other);
            index = g_list_model_get_n_items (G_LIST_MODEL (model)) - 1;
          }
        field->row = adw_combo_row_new ();
        field->widget = field->row;
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
        adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (model));
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), index);
        g_object_set_data (G_OBJECT (field->row), "dossier-field", field);
        g_signal_connect (field->row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
      }
      break;

    case FIELD_NOC:
      {
        GtkWidget *button = gtk_menu_button_new ();

        field->row = adw_action_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field->row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
        adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (field->row), 0);
        gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Choose…"));
        gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
        gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose the occupation (NOC)"),
                                        -1);
        self->noc_picker = DOSSIER_NOC_PICKER (dossier_noc_picker_new ());
        dossier_noc_picker_set_preferred_codes (self->noc_picker, preferred_codes (self));
        g_signal_connect_object (self->noc_picker, "chosen", G_CALLBACK (noc_chosen_cb), self,
                                 G_CONNECT_SWAPPED);
        gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (self->noc_picker));
        adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), button);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), button);
        field->widget = button;
      }
      break;

    case FIELD_DUTIES:
    default:
      {
        GtkWidget *scrolled = gtk_scrolled_window_new ();
        GtkWidget *view = gtk_text_view_new ();
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
        gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
        gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                        GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                        -1);
        gtk_text_buffer_set_text (buffer, value != NULL ? value : "", -1);
        g_signal_connect (buffer, "changed", G_CALLBACK (duties_changed_cb), self);
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
        gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 140);
        gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                        GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
        gtk_widget_add_css_class (scrolled, "card");
        field->row = scrolled;
        field->widget = view;
      }
      break;
    }

  adw_preferences_group_add (group, field->row);
  field->problem_row = problem_row_new ();
  if (spec->kind == FIELD_DUTIES)
    {
      /* The text view is no list row; its message goes in a list of its own below. */
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_margin_top (list, 6);
      gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (field->problem_row));
      g_object_bind_property (field->problem_row, "visible", list, "visible", G_BINDING_SYNC_CREATE);
      adw_preferences_group_add (group, list);
    }
  else
    {
      adw_preferences_group_add (group, GTK_WIDGET (field->problem_row));
    }

  /* "I still work here" goes between the start and the end. */
  if (g_str_equal (spec->name, "start"))
    {
      g_autofree char *end = get_field_value (self, "end");

      self->current_row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_row),
                                     _("I still work here (no end date)"));
      self->current_switch = GTK_SWITCH (gtk_switch_new ());
      gtk_widget_set_valign (GTK_WIDGET (self->current_switch), GTK_ALIGN_CENTER);
      gtk_switch_set_active (self->current_switch, end == NULL && !self->is_new);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->current_switch),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("I still work here (no end date)"),
                                      -1);
      adw_action_row_add_suffix (self->current_row, GTK_WIDGET (self->current_switch));
      adw_action_row_set_activatable_widget (self->current_row, GTK_WIDGET (self->current_switch));
      adw_preferences_group_add (group, GTK_WIDGET (self->current_row));
    }
}

/* ------------------------------------------------------------------------------------
 * Done and cancel
 */

static void
take_snapshot (DossierJobDialog *self)
{
  self->snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; job_children[i] != NULL; i++)
    {
      char *value = get_field_value (self, job_children[i]);

      if (value != NULL)
        g_hash_table_insert (self->snapshot, (gpointer) job_children[i], value);
    }
}

static void
finish (DossierJobDialog *self)
{
  self->finished = TRUE;
  g_clear_signal_handler (&self->changed_id, self->profile);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
dossier_job_dialog_done (DossierJobDialog *self)
{
  g_return_if_fail (DOSSIER_IS_JOB_DIALOG (self));

  if (self->finished)
    return;
  finish (self);
}

void
dossier_job_dialog_cancel (DossierJobDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DOSSIER_IS_JOB_DIALOG (self));

  if (self->finished)
    return;
  g_clear_signal_handler (&self->changed_id, self->profile);
  if (self->is_new)
    {
      if (find_job (self) != NULL && !dossier_job_remove (self->profile, self->job_id, &error))
        g_warning ("Cannot remove the new job: %s", error->message);
    }
  else
    {
      for (guint i = 0; job_children[i] != NULL; i++)
        set_field_value (self, job_children[i],
                         g_hash_table_lookup (self->snapshot, job_children[i]));
    }
  finish (self);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dossier_job_dialog_done (DOSSIER_JOB_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  dossier_job_dialog_cancel (DOSSIER_JOB_DIALOG (widget));
}

static gboolean
dossier_job_dialog_close_request (GtkWindow *window)
{
  DossierJobDialog *self = DOSSIER_JOB_DIALOG (window);

  if (!self->finished)
    {
      dossier_job_dialog_cancel (self);
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------
 * Construction
 */

static char *
new_job_id (DossierProfile *profile)
{
  const DossierRecords *records = dossier_profile_get_records (profile);
  guint next = 1;

  for (guint i = 0; i < records->jobs->len; i++)
    {
      const DossierJob *job = g_ptr_array_index (records->jobs, i);

      if (job->id != NULL && job->id[0] == 'j' && g_ascii_isdigit (job->id[1]))
        next = MAX (next, (guint) g_ascii_strtoull (job->id + 1, NULL, 10) + 1);
    }
  for (;; next++)
    {
      g_autofree char *id = g_strdup_printf ("j%u", next);
      g_autofree char *path = g_strdup_printf ("work-history/job[@id='%s']/@id", id);
      g_autofree char *existing = dossier_profile_get_value (profile, path);

      if (existing == NULL)
        return g_steal_pointer (&id);
    }
}

DossierJobDialog *
dossier_job_dialog_new (DossierProfile *profile,
                        const char     *job_id)
{
  DossierJobDialog *self;

  g_return_val_if_fail (DOSSIER_IS_PROFILE (profile), NULL);

  self = g_object_new (DOSSIER_TYPE_JOB_DIALOG, NULL);
  self->profile = g_object_ref (profile);
  self->is_new = job_id == NULL;
  self->job_id = job_id != NULL ? g_strdup (job_id) : new_job_id (profile);
  self->base_path = g_strdup_printf ("work-history/job[@id='%s']", self->job_id);
  take_snapshot (self);

  if (self->is_new)
    {
      adw_window_title_set_title (self->window_title, _("New Job"));
      adw_window_title_set_subtitle (self->window_title, _("Saved as you type"));
      gtk_window_set_title (GTK_WINDOW (self), _("New Job"));
    }
  else
    {
      g_autofree char *employer = get_field_value (self, "employer");

      adw_window_title_set_title (self->window_title, _("Edit Job"));
      adw_window_title_set_subtitle (self->window_title, employer);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Job"));
    }

  self->updating++;
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      self->fields[i].spec = &field_specs[i];
      build_field (self, &self->fields[i]);
    }
  self->general_problem_row = problem_row_new ();
  adw_preferences_group_add (self->general_group, GTK_WIDGET (self->general_problem_row));
  g_signal_connect_swapped (self->current_switch, "notify::active",
                            G_CALLBACK (current_switch_cb), self);
  current_switch_cb (self);
  self->updating--;

  self->changed_id = g_signal_connect_object (profile, "changed",
                                              G_CALLBACK (profile_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  update_problems (self);
  update_noc_row (self);
  return self;
}

const char *
dossier_job_dialog_get_job_id (DossierJobDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_JOB_DIALOG (self), NULL);

  return self->job_id;
}

GtkWidget *
dossier_job_dialog_get_field (DossierJobDialog *self,
                              const char       *name)
{
  Field *field;

  g_return_val_if_fail (DOSSIER_IS_JOB_DIALOG (self), NULL);

  field = find_field (self, name);
  return field != NULL ? field->widget : NULL;
}

const char *
dossier_job_dialog_get_problem (DossierJobDialog *self,
                                const char       *name)
{
  Field *field;

  g_return_val_if_fail (DOSSIER_IS_JOB_DIALOG (self), NULL);

  field = find_field (self, name);
  return field != NULL ? field->problem : NULL;
}

DossierNocPicker *
dossier_job_dialog_get_noc_picker (DossierJobDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_JOB_DIALOG (self), NULL);

  return self->noc_picker;
}

GtkSwitch *
dossier_job_dialog_get_current_switch (DossierJobDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_JOB_DIALOG (self), NULL);

  return self->current_switch;
}

static void
dossier_job_dialog_dispose (GObject *object)
{
  DossierJobDialog *self = (DossierJobDialog *) object;

  g_clear_signal_handler (&self->changed_id, self->profile);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_JOB_DIALOG);
  G_OBJECT_CLASS (dossier_job_dialog_parent_class)->dispose (object);
}

static void
dossier_job_dialog_finalize (GObject *object)
{
  DossierJobDialog *self = (DossierJobDialog *) object;

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    g_free (self->fields[i].problem);
  g_clear_pointer (&self->snapshot, g_hash_table_unref);
  g_clear_object (&self->profile);
  g_free (self->job_id);
  g_free (self->base_path);
  G_OBJECT_CLASS (dossier_job_dialog_parent_class)->finalize (object);
}

static void
dossier_job_dialog_class_init (DossierJobDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dossier_job_dialog_dispose;
  object_class->finalize = dossier_job_dialog_finalize;
  window_class->close_request = dossier_job_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-job-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierJobDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DossierJobDialog, general_group);
  gtk_widget_class_bind_template_child (widget_class, DossierJobDialog, position_group);
  gtk_widget_class_bind_template_child (widget_class, DossierJobDialog, period_group);
  gtk_widget_class_bind_template_child (widget_class, DossierJobDialog, conditions_group);
  gtk_widget_class_bind_template_child (widget_class, DossierJobDialog, duties_group);

  gtk_widget_class_install_action (widget_class, "job.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "job.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "job.cancel", NULL);
}

static void
dossier_job_dialog_init (DossierJobDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
