/* dossier-job-dialog.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-duties.h"
#include "dossier-i18n.h"
#include "dossier-job-dialog.h"
#include "dossier-noc.h"
#include "dossier-spell-checker.h"
#include "dossier-speller.h"

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

  /* The duties of the occupation (see "Duties of the occupation" below). */
  AdwPreferencesGroup *occupation_group;
  GtkWidget           *duty_lists_box;
  AdwActionRow        *summary_row;
  AdwActionRow        *lead_row;
  GPtrArray           *duty_rows;          /* DutyRow */
  char                *shown_duties_code;  /* the NOC whose duties are shown, or NULL */
  char                *duties_code;        /* the same, when the data has its duties */
  char                *duties_summary;
  guint                duties_timeout;
  GCancellable        *duties_cancellable;
  gboolean             duties_pending;
  AdwActionRow        *spell_problem_row;
};

G_DEFINE_FINAL_TYPE (DossierJobDialog, dossier_job_dialog, ADW_TYPE_WINDOW)

static void update_occupation_duties (DossierJobDialog *self);

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
  "hours-per-week", "authorized", "full-time-student", "duties",
  /* After the duties: it goes with them, and is put back after them. */
  "duties/@xml:lang", NULL
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
                                dossier_noc_get_title (noc, dossier_i18n_data_language ()), counts);
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
  update_occupation_duties (self);
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

/* The language of the duties' checker goes in their xml:lang, while there are duties
 * (the attribute goes with the element): see dossier_spell_checker_language_to_store(). */
static void
store_duties_language (DossierJobDialog *self,
                       gboolean          chosen)
{
  Field *field = find_field (self, "duties");
  g_autofree char *text = get_field_value (self, "duties");
  g_autofree char *current = get_field_value (self, "duties/@xml:lang");
  DossierSpellChecker *checker;
  const char *tag;

  if (field == NULL || field->widget == NULL || text == NULL)
    return;
  checker = dossier_spell_checker_get_for_view (GTK_TEXT_VIEW (field->widget));
  if (checker == NULL)
    return;
  tag = dossier_spell_checker_language_to_store (checker, current, chosen);
  if (tag != NULL)
    set_field_value (self, "duties/@xml:lang", tag);
}

static void
duties_language_cb (DossierJobDialog *self)
{
  if (!self->updating)
    store_duties_language (self, TRUE);
}

static void
spell_problem_cb (DossierJobDialog    *self,
                  GParamSpec          *pspec,
                  DossierSpellChecker *checker)
{
  set_problem_row (self->spell_problem_row, NULL, dossier_spell_checker_get_problem (checker));
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
  store_duties_language (self, FALSE);
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
        {
          const DossierJob *job = find_job (self);
          DossierSpellChecker *checker;

          /* Spelling, in the duties' language (English unless they say otherwise). */
          checker = dossier_spell_checker_attach (GTK_TEXT_VIEW (view),
                                                  job != NULL ? job->duties_lang : NULL);
          g_signal_connect_object (checker, "notify::language",
                                   G_CALLBACK (duties_language_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (checker, "notify::problem",
                                   G_CALLBACK (spell_problem_cb), self, G_CONNECT_SWAPPED);
        }
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

      /* Why spelling is not checked (a dictionary to install). */
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_margin_top (list, 6);
      self->spell_problem_row = problem_row_new ();
      gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->spell_problem_row));
      g_object_bind_property (self->spell_problem_row, "visible", list, "visible", G_BINDING_SYNC_CREATE);
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
 * Duties of the occupation: the NOC's main duties, and whether the description covers
 * each (dossier-duties.h), checked in a thread a moment after the typing stops
 */

/* A pause in the typing before the description is compared again. */
#define DUTIES_DELAY_MS 400

typedef struct
{
  DossierJobDialog     *self;          /* not a reference: the rows go before it */
  const DossierNocDuty *duty;
  guint                 list;
  guint                 index;
  AdwActionRow         *row;
  GtkImage             *icon;
  GtkWidget            *insert;
  gboolean              covered;
} DutyRow;

typedef struct
{
  char *code;
  char *text;
  char *lang;
} DutiesInput;

static GtkTextView *
duties_view (DossierJobDialog *self)
{
  Field *field = find_field (self, "duties");

  g_return_val_if_fail (field != NULL, NULL);
  return GTK_TEXT_VIEW (field->widget);
}

static void
duties_input_free (DutiesInput *input)
{
  g_free (input->code);
  g_free (input->text);
  g_free (input->lang);
  g_free (input);
}

/* The duty and lead statement texts are shown in the data language; French ones are the
 * project's translation, and say so. */
static const DossierNocText *
shown_text (DossierNocText * const *texts)
{
  return dossier_noc_text_pick (texts, dossier_i18n_data_language ());
}

/* Where a text comes from, ending without a full stop. */
static char *
sources_label (DossierNocTable      *table,
               const DossierNocText *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean translated = FALSE;

  for (guint i = 0; text->sources[i] != NULL; i++)
    {
      const char *grade = dossier_noc_table_get_source_grade (table, text->sources[i]);

      if (out->len > 0)
        g_string_append (out, "; ");
      if (g_str_equal (text->sources[i], "project-translation"))
        {
          g_string_append (out, _("this application’s translation: the official French text of the NOC was not available"));
          translated = TRUE;
        }
      else
        /* Translators: a source and its grade: "OaSIS profile 44100.01 (official)" */
        g_string_append_printf (out, _("%s (%s)"), dossier_noc_table_get_source (table, text->sources[i]),
                                grade != NULL ? grade : "?");
    }
  /* The data's notes are in English; a translation's says what the sentence above does. */
  if (!text->verified && text->note != NULL && !translated)
    {
      g_string_append_printf (out, ". %s", text->note);
      while (out->len > 0 && out->str[out->len - 1] == '.')
        g_string_truncate (out, out->len - 1);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
set_duty_row_state (DutyRow                   *duty_row,
                    const DossierDutyCoverage *coverage)
{
  g_autofree char *subtitle = NULL;

  duty_row->covered = coverage != NULL && coverage->covered;
  if (coverage == NULL)
    subtitle = g_strdup (_("Not compared yet"));
  else if (coverage->covered)
    {
      g_autoptr(GString) words = g_string_new (NULL);

      for (guint i = 0; i < coverage->evidence->len; i++)
        /* Translators: the words of the description that show a duty, “bathed”, “fed” */
        g_string_append_printf (words, i == 0 ? _("“%s”") : _(", “%s”"),
                                (const char *) g_ptr_array_index (coverage->evidence, i));
      /* Translators: %s: the words that show it, “bathed”, “dressed” */
      subtitle = g_strdup_printf (_("In your description: %s"), words->str);
    }
  else
    subtitle = g_strdup (_("Not found in your description"));

  gtk_image_set_from_icon_name (duty_row->icon, duty_row->covered ? "emblem-ok-symbolic"
                                                                  : "action-unavailable-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (duty_row->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  duty_row->covered ? _("Covered") : _("Not covered"), -1);
  if (duty_row->covered)
    {
      gtk_widget_add_css_class (GTK_WIDGET (duty_row->icon), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (duty_row->icon), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (duty_row->icon), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (duty_row->icon), "success");
    }
  adw_action_row_set_subtitle (duty_row->row, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (duty_row->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle, -1);
}

static void
set_duties_summary (DossierJobDialog          *self,
                    const DossierDutiesResult *result)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  const DossierDutyListCoverage *best = result != NULL ? dossier_duties_result_get_best (result) : NULL;
  gboolean good = FALSE;

  if (result == NULL)
    g_string_append (summary, _("Comparing your description with the main duties…"));
  else if (result->n_words == 0)
    g_string_append (summary, _("Describe the duties above: they are compared with the main duties of the occupation as you type."));
  else
    {
      const DossierNocText *title = result->lists->len > 1 ? shown_text (best->list->titles) : NULL;
      guint total = best->duties->len;

      good = best->most;
      if (title != NULL)
        g_string_append_printf (summary,
                                /* Translators: "covers 6 of the 12 main duties of Home child care providers" */
                                g_dngettext (NULL, "Your description covers %u of the %u main duty of %s",
                                             "Your description covers %u of the %u main duties of %s", total),
                                best->n_covered, total, title->text);
      else
        g_string_append_printf (summary,
                                g_dngettext (NULL, "Your description covers %u of the %u main duty",
                                             "Your description covers %u of the %u main duties", total),
                                best->n_covered, total);
      g_string_append (summary, best->most ? _(": most of them, as IRCC asks.")
                                           : _(": not most of them. IRCC asks that the duties match most of the main duties listed: add those the job really has, in your own words."));
      if (!best->list->complete)
        g_string_append_printf (summary, " %s", _("The application’s list of this occupation’s duties is incomplete."));
      if (result->stems == DOSSIER_DUTIES_STEMS_SUFFIXES)
        g_string_append_printf (summary, " %s", _("Words are compared without a dictionary, less precisely."));
      if (result->stems_note != NULL)
        g_string_append_printf (summary, " %s", result->stems_note);
    }

  g_free (self->duties_summary);
  self->duties_summary = g_string_free (g_steal_pointer (&summary), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), self->duties_summary);
  adw_action_row_set_icon_name (self->summary_row, good ? "emblem-ok-symbolic" : "dialog-information-symbolic");
}

static void
duties_checked_cb (GObject      *source,
                   GAsyncResult *async,
                   gpointer      user_data)
{
  DossierJobDialog *self = DOSSIER_JOB_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierDutiesResult) result = g_task_propagate_pointer (G_TASK (async), &error);

  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_free (self->duties_summary);
          self->duties_summary = g_strdup (error->message);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), error->message);
          self->duties_pending = FALSE;
        }
      return;
    }
  /* A check for another occupation than the one shown is stale. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (async)))
      || g_strcmp0 (result->noc->code, self->duties_code) != 0)
    return;

  for (guint i = 0; i < self->duty_rows->len; i++)
    {
      DutyRow *duty_row = g_ptr_array_index (self->duty_rows, i);
      const DossierDutyListCoverage *list = g_ptr_array_index (result->lists, duty_row->list);

      set_duty_row_state (duty_row, g_ptr_array_index (list->duties, duty_row->index));
    }
  set_duties_summary (self, result);
  self->duties_pending = FALSE;
}

static void
check_duties_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  DutiesInput *input = task_data;
  GError *error = NULL;
  DossierDutiesResult *result;

  /* The first check of a language loads its dictionary, which takes a moment. */
  result = dossier_duties_check (input->code, input->text, input->lang, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) dossier_duties_result_free);
}

static gboolean
check_duties_cb (gpointer data)
{
  DossierJobDialog *self = data;
  g_autoptr(GTask) task = NULL;
  DutiesInput *input;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (duties_view (self));
  GtkTextIter start, end;
  g_autofree char *lang = get_field_value (self, "duties/@xml:lang");

  self->duties_timeout = 0;
  if (self->duties_code == NULL)
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->duties_cancellable);
  g_clear_object (&self->duties_cancellable);
  self->duties_cancellable = g_cancellable_new ();

  input = g_new0 (DutiesInput, 1);
  input->code = g_strdup (self->duties_code);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  input->text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* The language the duties are written in (the spelling menu's); none: guessed. */
  input->lang = g_steal_pointer (&lang);

  task = g_task_new (self, self->duties_cancellable, duties_checked_cb, NULL);
  g_task_set_source_tag (task, check_duties_cb);
  g_task_set_task_data (task, input, (GDestroyNotify) duties_input_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, check_duties_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_duties_check (DossierJobDialog *self,
                       guint             delay_ms)
{
  if (self->duties_code == NULL)
    return;
  self->duties_pending = TRUE;
  g_clear_handle_id (&self->duties_timeout, g_source_remove);
  self->duties_timeout = g_timeout_add (delay_ms, check_duties_cb, self);
}

static void
duties_typed_cb (DossierJobDialog *self)
{
  schedule_duties_check (self, DUTIES_DELAY_MS);
}

/* "Insert": the duty's text goes at the end of the description, selected, to be
 * rewritten. */
static void
insert_duty_cb (GtkButton *button,
                DutyRow   *duty_row)
{
  GtkTextView *view = duties_view (duty_row->self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  const DossierNocText *text = shown_text (duty_row->duty->texts);
  GtkTextIter start, end;
  GtkTextMark *mark;
  g_autofree char *line = NULL;

  gtk_text_buffer_get_end_iter (buffer, &end);
  line = gtk_text_iter_is_start (&end) || gtk_text_iter_starts_line (&end)
         ? g_strdup (text->text) : g_strconcat ("\n", text->text, NULL);
  gtk_text_buffer_begin_user_action (buffer);
  mark = gtk_text_buffer_create_mark (buffer, NULL, &end, TRUE);
  gtk_text_buffer_insert (buffer, &end, line, -1);
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_buffer_get_iter_at_mark (buffer, &start, mark);
  if (*line == '\n')
    gtk_text_iter_forward_char (&start);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_buffer_delete_mark (buffer, mark);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
}

static AdwPreferencesGroup *
duty_list_group_new (DossierJobDialog         *self,
                     DossierNocTable          *table,
                     const DossierNoc         *noc,
                     const DossierNocDutyList *list,
                     guint                     list_index)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const DossierNocText *title = shown_text ((DossierNocText * const *) list->titles);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *group_title = NULL;

  /* A group's title is one line: an occupation's list goes without the code, which the
   * NOC row shows. */
  if (title != NULL)
    /* Translators: the title of an occupation's list of duties, "Main duties: Foster parents" */
    group_title = g_strdup_printf (_("Main duties: %s"), title->text);
  else
    group_title = g_strdup_printf (_("Main duties (NOC %s)"), noc->code);
  adw_preferences_group_set_title (group, group_title);

  /* The official heading is English, as the duties are; not over their translation. */
  if (list->heading != NULL && !g_str_equal (dossier_i18n_data_language (), "fr"))
    g_string_append_printf (description, "%s\n", list->heading->text);
  if (list->duties->len > 0)
    {
      const DossierNocDuty *first = g_ptr_array_index (list->duties, 0);
      g_autofree char *sources = sources_label (table, first->texts[0]);

      /* Translators: where the duties come from: "Source: OaSIS profile 44100.01 (official)" */
      g_string_append_printf (description, _("Source: %s."), sources);
    }
  if (noc->duty_lists->len > 1)
    g_string_append_printf (description, " %s",
                            _("This occupation has several lists of duties: a job is judged on the one it matches best."));
  if (g_str_equal (dossier_i18n_data_language (), "fr"))
    g_string_append_printf (description, " %s",
                            _("The French text of the duties is this application’s translation: the official French text of the NOC was not available."));
  if (list->note != NULL)
    g_string_append_printf (description, " %s", list->note);
  adw_preferences_group_set_description (group, description->str);

  for (guint d = 0; d < list->duties->len; d++)
    {
      const DossierNocDuty *duty = g_ptr_array_index (list->duties, d);
      const DossierNocText *text = shown_text (duty->texts);
      DutyRow *duty_row = g_new0 (DutyRow, 1);
      g_autofree char *insert_label = NULL;

      duty_row->self = self;
      duty_row->duty = duty;
      duty_row->list = list_index;
      duty_row->index = d;
      duty_row->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (duty_row->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (duty_row->row), text->text);
      adw_action_row_set_title_lines (duty_row->row, 0);
      adw_action_row_set_subtitle_lines (duty_row->row, 0);

      duty_row->icon = GTK_IMAGE (gtk_image_new ());
      gtk_widget_set_valign (GTK_WIDGET (duty_row->icon), GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (duty_row->row, GTK_WIDGET (duty_row->icon));

      duty_row->insert = gtk_button_new_with_mnemonic (_("_Insert"));
      gtk_widget_set_valign (duty_row->insert, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (duty_row->insert, "flat");
      gtk_widget_set_tooltip_text (duty_row->insert,
                                   _("Add this duty to your description, as a starting point to rewrite in your own words"));
      /* Translators: the accessible name of a duty's Insert button */
      insert_label = g_strdup_printf (_("Insert into the description: %s"), text->text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (duty_row->insert),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, insert_label, -1);
      g_signal_connect (duty_row->insert, "clicked", G_CALLBACK (insert_duty_cb), duty_row);
      adw_action_row_add_suffix (duty_row->row, duty_row->insert);

      set_duty_row_state (duty_row, NULL);
      adw_preferences_group_add (group, GTK_WIDGET (duty_row->row));
      g_ptr_array_add (self->duty_rows, duty_row);
    }
  return group;
}

/* Shows the main duties of the NOC chosen, once per NOC, and compares again. */
static void
update_occupation_duties (DossierJobDialog *self)
{
  g_autofree char *code = get_field_value (self, "noc");
  DossierNocTable *table;
  const DossierNoc *noc;
  const DossierNocText *lead;
  GtkWidget *child;

  if (g_strcmp0 (code, self->shown_duties_code) == 0)
    return;
  g_free (self->shown_duties_code);
  self->shown_duties_code = g_strdup (code);

  g_cancellable_cancel (self->duties_cancellable);
  g_clear_handle_id (&self->duties_timeout, g_source_remove);
  g_clear_pointer (&self->duties_code, g_free);
  self->duties_pending = FALSE;
  g_ptr_array_set_size (self->duty_rows, 0);
  while ((child = gtk_widget_get_first_child (self->duty_lists_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->duty_lists_box), child);
  if (self->lead_row != NULL)
    {
      adw_preferences_group_remove (self->occupation_group, GTK_WIDGET (self->lead_row));
      self->lead_row = NULL;
    }

  table = dossier_noc_table_get_default (NULL);
  noc = table != NULL && code != NULL ? dossier_noc_table_find (table, code) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->occupation_group), code != NULL);
  gtk_widget_set_visible (self->duty_lists_box, noc != NULL && noc->duty_lists->len > 0);
  if (code == NULL)
    return;
  if (noc == NULL || noc->duty_lists->len == 0)
    {
      g_free (self->duties_summary);
      self->duties_summary = g_strdup_printf (_("The main duties of NOC %s are not in this application: compare your description with the NOC’s description yourself."),
                                              code);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), self->duties_summary);
      adw_action_row_set_icon_name (self->summary_row, "dialog-information-symbolic");
      return;
    }

  lead = dossier_noc_get_lead_statement (noc, dossier_i18n_data_language ());
  if (lead != NULL)
    {
      g_autofree char *sources = sources_label (table, lead);
      g_autofree char *subtitle = NULL;

      self->lead_row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->lead_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lead_row), lead->text);
      adw_action_row_set_title_lines (self->lead_row, 0);
      /* Translators: under the lead statement of an occupation; %s: its source */
      subtitle = g_strdup_printf (_("What the occupation is (the NOC’s lead statement). Source: %s."), sources);
      adw_action_row_set_subtitle (self->lead_row, subtitle);
      adw_action_row_set_subtitle_lines (self->lead_row, 0);
      adw_preferences_group_add (self->occupation_group, GTK_WIDGET (self->lead_row));
    }
  for (guint l = 0; l < noc->duty_lists->len; l++)
    gtk_box_append (GTK_BOX (self->duty_lists_box),
                    GTK_WIDGET (duty_list_group_new (self, table, noc, g_ptr_array_index (noc->duty_lists, l), l)));

  self->duties_code = g_strdup (code);
  set_duties_summary (self, NULL);
  schedule_duties_check (self, 0);
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

  self->summary_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->summary_row), FALSE);
  adw_action_row_set_title_lines (self->summary_row, 0);
  adw_preferences_group_add (self->occupation_group, GTK_WIDGET (self->summary_row));
  g_signal_connect_object (gtk_text_view_get_buffer (duties_view (self)), "changed",
                           G_CALLBACK (duties_typed_cb), self, G_CONNECT_SWAPPED);
  update_occupation_duties (self);
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

gboolean
dossier_job_dialog_get_duties_pending (DossierJobDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_JOB_DIALOG (self), FALSE);

  return self->duties_pending;
}

const char *
dossier_job_dialog_get_duties_summary (DossierJobDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_JOB_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->occupation_group)) ? self->duties_summary : NULL;
}

guint
dossier_job_dialog_get_n_duties (DossierJobDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_JOB_DIALOG (self), 0);

  return self->duty_rows->len;
}

AdwActionRow *
dossier_job_dialog_get_duty_row (DossierJobDialog *self,
                                 guint             index,
                                 gboolean         *covered,
                                 GtkButton       **insert)
{
  DutyRow *duty_row;

  g_return_val_if_fail (DOSSIER_IS_JOB_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->duty_rows->len, NULL);

  duty_row = g_ptr_array_index (self->duty_rows, index);
  if (covered != NULL)
    *covered = duty_row->covered;
  if (insert != NULL)
    *insert = GTK_BUTTON (duty_row->insert);
  return duty_row->row;
}

static void
dossier_job_dialog_dispose (GObject *object)
{
  DossierJobDialog *self = (DossierJobDialog *) object;

  g_cancellable_cancel (self->duties_cancellable);
  g_clear_handle_id (&self->duties_timeout, g_source_remove);
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
  g_clear_pointer (&self->duty_rows, g_ptr_array_unref);
  g_clear_object (&self->duties_cancellable);
  g_free (self->shown_duties_code);
  g_free (self->duties_code);
  g_free (self->duties_summary);
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
  gtk_widget_class_bind_template_child (widget_class, DossierJobDialog, occupation_group);
  gtk_widget_class_bind_template_child (widget_class, DossierJobDialog, duty_lists_box);

  gtk_widget_class_install_action (widget_class, "job.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "job.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "job.cancel", NULL);
}

static void
dossier_job_dialog_init (DossierJobDialog *self)
{
  self->duty_rows = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}
