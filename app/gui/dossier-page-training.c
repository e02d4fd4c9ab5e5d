/* dossier-page-training.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-field-row.h"
#include "dossier-page-training.h"

#define LIST_PATH "training/course"

/* The fields of a course, relative to it; elements only (removal needs them). */
static const char * const course_fields[] = {
  "name", "institution", "country", "start", "end", "hours-per-week", "in-person",
  "credential", NULL,
};

struct _DossierPageTraining
{
  AdwBin               parent_instance;

  DossierProfile      *profile;
  gulong               changed_id;
  guint                update_id;
  GPtrArray           *keys;         /* char *: "training/course[@id='t1']", one per row */
  GPtrArray           *rows;         /* AdwExpanderRow */

  AdwPreferencesGroup *courses_group;
  GtkWidget           *empty_row;
  GtkWidget           *add_button;
};

G_DEFINE_FINAL_TYPE (DossierPageTraining, dossier_page_training, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
course_key (const DossierCourse *course,
            guint                position)
{
  if (course->id != NULL && strchr (course->id, '\'') == NULL)
    return g_strdup_printf (LIST_PATH "[@id='%s']", course->id);
  return g_strdup_printf (LIST_PATH "[%u]", position + 1);
}

static void
add_field (AdwExpanderRow   *expander,
           const char       *key,
           const char       *field,
           DossierInputKind  kind,
           const char       *title,
           const char       *hint)
{
  g_autofree char *path = g_strdup_printf ("%s/%s", key, field);
  GtkWidget *row = dossier_field_row_new (kind, title, path);

  if (hint != NULL)
    dossier_field_row_set_hint (DOSSIER_FIELD_ROW (row), hint);
  adw_expander_row_add_row (expander, row);
}

static GtkWidget *
course_row_new (DossierPageTraining *self,
                const char          *key)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove_button = gtk_button_new_with_mnemonic (_("_Remove"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  add_field (expander, key, "name", DOSSIER_INPUT_TEXT, _("Name of the course"), NULL);
  add_field (expander, key, "institution", DOSSIER_INPUT_TEXT, _("School or institution"), NULL);
  add_field (expander, key, "country", DOSSIER_INPUT_COUNTRY, _("Country"),
             _("Two-letter country code, CA for Canada"));
  add_field (expander, key, "start", DOSSIER_INPUT_DATE, _("Started on"), NULL);
  add_field (expander, key, "end", DOSSIER_INPUT_DATE, _("Ended on"), NULL);
  add_field (expander, key, "hours-per-week", DOSSIER_INPUT_NUMBER, _("Hours per week"),
             _("Hours of class and practice in a usual week"));
  add_field (expander, key, "in-person", DOSSIER_INPUT_YES_NO, _("Taken in person"), NULL);
  add_field (expander, key, "credential", DOSSIER_INPUT_TEXT, _("Credential obtained"),
             _("For example certificate or diploma; empty if none"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (remove_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), _("Remove this course"));
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove_button), "training.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove_button), "s", key);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (remove_row), remove_button);
  adw_expander_row_add_row (expander, remove_row);
  g_object_set_data (G_OBJECT (expander), "remove-button", remove_button);

  dossier_field_rows_bind (GTK_WIDGET (expander), self->profile);
  return GTK_WIDGET (expander);
}

static void
update_titles (DossierPageTraining *self,
               const DossierRecords *records)
{
  for (guint i = 0; i < self->rows->len && i < records->courses->len; i++)
    {
      const DossierCourse *course = g_ptr_array_index (records->courses, i);
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *start = dossier_day_format (course->start);
      g_autofree char *end = dossier_day_format (course->end);
      g_autofree char *remove_label = NULL;

      if (course->name != NULL)
        title = g_strdup (course->name);
      else
        title = g_strdup_printf (_("Course %u (no name yet)"), i + 1);
      if (course->start != DOSSIER_DAY_UNKNOWN || course->end != DOSSIER_DAY_UNKNOWN)
        /* TRANSLATORS: a course's dates: "2024-01-08 to 2024-07-26" */
        subtitle = g_strdup_printf (_("%s to %s"),
                                    course->start ? start : "…", course->end ? end : "…");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle ? subtitle : "");
      /* TRANSLATORS: the accessible name of a remove button: "Remove the course “PSW”" */
      remove_label = g_strdup_printf (_("Remove the course “%s”"), title);
      gtk_accessible_update_property (g_object_get_data (G_OBJECT (row), "remove-button"),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                      -1);
      g_object_set_data_full (G_OBJECT (row), "title", g_strdup (title), g_free);
    }
}

static void
update (DossierPageTraining *self)
{
  const DossierRecords *records;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gboolean same;

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->profile == NULL)
    records = NULL;
  else
    records = dossier_profile_get_records (self->profile);

  for (guint i = 0; records != NULL && i < records->courses->len; i++)
    g_ptr_array_add (keys, course_key (g_ptr_array_index (records->courses, i), i));

  same = keys->len == self->keys->len;
  for (guint i = 0; same && i < keys->len; i++)
    same = g_str_equal (g_ptr_array_index (keys, i), g_ptr_array_index (self->keys, i));

  if (!same)
    {
      for (guint i = 0; i < self->rows->len; i++)
        adw_preferences_group_remove (self->courses_group, g_ptr_array_index (self->rows, i));
      g_ptr_array_set_size (self->rows, 0);
      g_ptr_array_set_size (self->keys, 0);
      for (guint i = 0; i < keys->len; i++)
        {
          GtkWidget *row = course_row_new (self, g_ptr_array_index (keys, i));

          adw_preferences_group_add (self->courses_group, row);
          g_ptr_array_add (self->rows, row);
          g_ptr_array_add (self->keys, g_strdup (g_ptr_array_index (keys, i)));
          /* The first one open, so that the step opens on a field. */
          if (i == 0)
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
        }
    }
  gtk_widget_set_visible (self->empty_row, keys->len == 0);
  if (records != NULL)
    update_titles (self, records);
}

static gboolean
update_cb (gpointer user_data)
{
  DossierPageTraining *self = user_data;

  self->update_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
on_profile_changed_cb (DossierPageTraining *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_cb, self);
}

static void
show_toast (DossierPageTraining *self,
            const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DossierPageTraining *self = DOSSIER_PAGE_TRAINING (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *key = NULL;

  if (self->profile == NULL)
    return;
  id = dossier_profile_add_record (self->profile, LIST_PATH, "t", &error);
  if (id == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  update (self);
  key = g_strdup_printf (LIST_PATH "[@id='%s']", id);
  for (guint i = 0; i < self->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (self->keys, i), key))
      {
        GtkWidget *row = g_ptr_array_index (self->rows, i);

        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
        dossier_field_rows_focus_first (row);
      }
}

static void
remove_record (DossierPageTraining *self,
               const char          *key)
{
  g_autoptr(GError) error = NULL;

  if (!dossier_profile_remove_record (self->profile, key, course_fields, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The course cannot be removed: %s"),
                                                  error->message);

      show_toast (self, message);
      return;
    }
  update (self);
  gtk_widget_grab_focus (self->add_button);
}

static void
on_remove_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       DossierPageTraining *self)
{
  const char *key = g_object_get_data (G_OBJECT (dialog), "key");

  if (g_str_equal (response, "remove") && self->profile != NULL)
    remove_record (self, key);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierPageTraining *self = DOSSIER_PAGE_TRAINING (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  const char *title = NULL;
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  GtkRoot *root;

  if (self->profile == NULL)
    return;
  for (guint i = 0; i < self->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (self->keys, i), key))
      title = g_object_get_data (G_OBJECT (g_ptr_array_index (self->rows, i)), "title");

  root = gtk_widget_get_root (widget);
  /* TRANSLATORS: the question before a course is removed: "Remove “PSW certificate”?" */
  body = g_strdup_printf (_("Everything entered about “%s” will be removed from the "
                            "profile."), title ? title : key);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove the Course?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "key", g_strdup (key), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dossier_page_training_set_profile (DossierPageTraining *self,
                                   DossierProfile      *profile)
{
  if (self->profile == profile)
    return;
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_set_object (&self->profile, profile);
  if (profile != NULL)
    self->changed_id = g_signal_connect_swapped (profile, "changed",
                                                 G_CALLBACK (on_profile_changed_cb), self);
  /* Rows of another client's courses are not this one's, even with the same ids. */
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->courses_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->keys, 0);
  update (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.add", profile != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
dossier_page_training_dispose (GObject *object)
{
  DossierPageTraining *self = (DossierPageTraining *) object;

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
  /* The template built the bin's child: it goes first, as AdwBin would unparent it
   * again after the template is disposed. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PAGE_TRAINING);
  G_OBJECT_CLASS (dossier_page_training_parent_class)->dispose (object);
}

static void
dossier_page_training_finalize (GObject *object)
{
  DossierPageTraining *self = (DossierPageTraining *) object;

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (dossier_page_training_parent_class)->finalize (object);
}

static void
dossier_page_training_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierPageTraining *self = (DossierPageTraining *) object;

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
dossier_page_training_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DossierPageTraining *self = (DossierPageTraining *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      dossier_page_training_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_training_class_init (DossierPageTrainingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_training_dispose;
  object_class->finalize = dossier_page_training_finalize;
  object_class->get_property = dossier_page_training_get_property;
  object_class->set_property = dossier_page_training_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-training.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPageTraining, courses_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageTraining, empty_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPageTraining, add_button);

  gtk_widget_class_install_action (widget_class, "training.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "training.remove", "s", remove_action);
}

static void
dossier_page_training_init (DossierPageTraining *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.add", FALSE);
}
