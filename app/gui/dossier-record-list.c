/* dossier-record-list.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-record-list.h"
#include "dossier-toast.h"

struct _DossierRecordList
{
  AdwPreferencesGroup      parent_instance;

  const DossierRecordKind *kind;
  GStrv                    elements;     /* what removal takes out first: "name", "eca" */
  char                    *remove_title;
  char                    *remove_heading;
  char                    *remove_failed;

  DossierProfile          *profile;
  gulong                   changed_id;
  guint                    update_id;
  GPtrArray               *keys;         /* char *: "training/course[@id='t1']", one per row */
  GPtrArray               *rows;         /* AdwExpanderRow */

  GtkWidget               *add_button;
  AdwButtonContent        *add_content;
  AdwActionRow            *empty_row;
};

G_DEFINE_FINAL_TYPE (DossierRecordList, dossier_record_list, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_ADD_LABEL,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_SUBTITLE,
  PROP_REMOVE_TITLE,
  PROP_REMOVE_HEADING,
  PROP_REMOVE_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
summary_clear (gpointer data)
{
  DossierRecordSummary *summary = data;

  g_free (summary->title);
  g_free (summary->subtitle);
  g_free (summary->remove_label);
}

static char *
record_key (DossierRecordList          *self,
            const DossierRecordSummary *summary,
            guint                       position)
{
  if (summary->id != NULL && strchr (summary->id, '\'') == NULL)
    return g_strdup_printf ("%s[@id='%s']", self->kind->list, summary->id);
  return g_strdup_printf ("%s[%u]", self->kind->list, position + 1);
}

static GtkWidget *
record_row_new (DossierRecordList *self,
                const char        *key)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove_button = gtk_button_new_with_mnemonic (_("_Remove"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  for (const DossierRecordField *field = self->kind->fields; field->path != NULL; field++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s", key, field->path);
      GtkWidget *row = dossier_field_row_new (field->kind, _(field->title), path);

      if (field->hint != NULL)
        dossier_field_row_set_hint (DOSSIER_FIELD_ROW (row), _(field->hint));
      adw_expander_row_add_row (expander, row);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (remove_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row),
                                 self->remove_title ? self->remove_title : "");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove_button), "record-list.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove_button), "s", key);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (remove_row), remove_button);
  adw_expander_row_add_row (expander, remove_row);
  g_object_set_data (G_OBJECT (expander), "remove-button", remove_button);

  dossier_field_rows_bind (GTK_WIDGET (expander), self->profile);
  return GTK_WIDGET (expander);
}

static void
remove_rows (DossierRecordList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->keys, 0);
}

static void
update_titles (DossierRecordList *self,
               GArray            *summaries)
{
  for (guint i = 0; i < self->rows->len && i < summaries->len; i++)
    {
      const DossierRecordSummary *summary = &g_array_index (summaries, DossierRecordSummary, i);
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary->title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                     summary->subtitle ? summary->subtitle : "");
      if (summary->remove_label != NULL)
        gtk_accessible_update_property (g_object_get_data (G_OBJECT (row), "remove-button"),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, summary->remove_label,
                                        -1);
      g_object_set_data_full (G_OBJECT (row), "title", g_strdup (summary->title), g_free);
    }
}

static void
update (DossierRecordList *self)
{
  const DossierRecords *records = NULL;
  g_autoptr(GArray) summaries = g_array_new (FALSE, TRUE, sizeof (DossierRecordSummary));
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gboolean same;

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_array_set_clear_func (summaries, summary_clear);
  if (self->profile != NULL && self->kind != NULL)
    records = dossier_profile_get_records (self->profile);

  for (guint i = 0; records != NULL; i++)
    {
      DossierRecordSummary summary = { NULL, };

      if (!self->kind->describe (records, i, &summary))
        break;
      g_array_append_val (summaries, summary);
      g_ptr_array_add (keys, record_key (self, &summary, i));
    }

  same = keys->len == self->keys->len;
  for (guint i = 0; same && i < keys->len; i++)
    same = g_str_equal (g_ptr_array_index (keys, i), g_ptr_array_index (self->keys, i));

  if (!same)
    {
      remove_rows (self);
      for (guint i = 0; i < keys->len; i++)
        {
          GtkWidget *row = record_row_new (self, g_ptr_array_index (keys, i));

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
          g_ptr_array_add (self->rows, row);
          g_ptr_array_add (self->keys, g_strdup (g_ptr_array_index (keys, i)));
          /* The first one open, so that the step opens on a field. */
          if (i == 0)
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), keys->len == 0);
  update_titles (self, summaries);
}

/* Rows made for another kind, another client or with other texts are made again. */
static void
rebuild (DossierRecordList *self)
{
  remove_rows (self);
  update (self);
}

static gboolean
update_cb (gpointer user_data)
{
  DossierRecordList *self = user_data;

  self->update_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
on_profile_changed_cb (DossierRecordList *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_cb, self);
}

static void
show_toast (DossierRecordList *self,
            const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    dossier_toast_add (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

void
dossier_record_list_add_record (DossierRecordList *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (DOSSIER_IS_RECORD_LIST (self));

  if (self->profile == NULL || self->kind == NULL)
    return;
  id = dossier_profile_add_record (self->profile, self->kind->list, self->kind->id_prefix,
                                   &error);
  if (id == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  update (self);
  key = g_strdup_printf ("%s[@id='%s']", self->kind->list, id);
  for (guint i = 0; i < self->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (self->keys, i), key))
      {
        GtkWidget *row = g_ptr_array_index (self->rows, i);

        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
        dossier_field_rows_focus_first (row);
      }
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  dossier_record_list_add_record (DOSSIER_RECORD_LIST (widget));
}

static void
remove_record (DossierRecordList *self,
               const char        *key)
{
  g_autoptr(GError) error = NULL;

  if (!dossier_profile_remove_record (self->profile, key,
                                      (const char * const *) self->elements, &error))
    {
      /* TRANSLATORS: why a record was not removed: "The course cannot be removed: …" */
      g_autofree char *message = g_strdup_printf (_("%s: %s"),
                                                  self->remove_failed ? self->remove_failed : "",
                                                  error->message);

      show_toast (self, message);
      return;
    }
  update (self);
  gtk_widget_grab_focus (self->add_button);
}

static void
on_remove_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       DossierRecordList *self)
{
  const char *key = g_object_get_data (G_OBJECT (dialog), "key");

  if (g_str_equal (response, "remove") && self->profile != NULL && self->kind != NULL)
    remove_record (self, key);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierRecordList *self = DOSSIER_RECORD_LIST (widget);
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
  /* TRANSLATORS: the question before a record is removed: "Remove “PSW certificate”?" */
  body = g_strdup_printf (_("Everything entered about “%s” will be removed from the "
                            "profile."), title ? title : key);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   self->remove_heading, body);
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

/**
 * dossier_record_list_set_kind:
 * @kind: (transfer none): kept, not copied
 *
 * Sets which records the list shows and how. Removing a record first takes out the
 * elements its fields are in ("eca" for "eca/@reference"); its attributes go with it.
 */
void
dossier_record_list_set_kind (DossierRecordList       *self,
                              const DossierRecordKind *kind)
{
  g_autoptr(GStrvBuilder) elements = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_if_fail (DOSSIER_IS_RECORD_LIST (self));
  g_return_if_fail (kind != NULL && kind->list != NULL && kind->id_prefix != NULL);
  g_return_if_fail (kind->fields != NULL && kind->describe != NULL);

  for (const DossierRecordField *field = kind->fields; field->path != NULL; field++)
    {
      g_autofree char *element = g_strndup (field->path, strcspn (field->path, "/"));

      if (element[0] != '@' && g_hash_table_add (seen, g_strdup (element)))
        g_strv_builder_add (elements, element);
    }
  g_strfreev (self->elements);
  self->elements = g_strv_builder_end (elements);
  self->kind = kind;
  rebuild (self);
}

DossierProfile *
dossier_record_list_get_profile (DossierRecordList *self)
{
  g_return_val_if_fail (DOSSIER_IS_RECORD_LIST (self), NULL);

  return self->profile;
}

void
dossier_record_list_set_profile (DossierRecordList *self,
                                 DossierProfile    *profile)
{
  g_return_if_fail (DOSSIER_IS_RECORD_LIST (self));
  g_return_if_fail (profile == NULL || DOSSIER_IS_PROFILE (profile));

  if (self->profile == profile)
    return;
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_set_object (&self->profile, profile);
  if (profile != NULL)
    self->changed_id = g_signal_connect_swapped (profile, "changed",
                                                 G_CALLBACK (on_profile_changed_cb), self);
  /* Rows of another client's records are not this one's, even with the same ids. */
  rebuild (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-list.add", profile != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

/* Returns whether the text changed. */
static gboolean
set_text (char       **text,
          const char  *value)
{
  if (g_strcmp0 (*text, value) == 0)
    return FALSE;
  g_free (*text);
  *text = g_strdup (value);
  return TRUE;
}

static void
dossier_record_list_dispose (GObject *object)
{
  DossierRecordList *self = (DossierRecordList *) object;

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_RECORD_LIST);
  G_OBJECT_CLASS (dossier_record_list_parent_class)->dispose (object);
}

static void
dossier_record_list_finalize (GObject *object)
{
  DossierRecordList *self = (DossierRecordList *) object;

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->elements, g_strfreev);
  g_clear_pointer (&self->remove_title, g_free);
  g_clear_pointer (&self->remove_heading, g_free);
  g_clear_pointer (&self->remove_failed, g_free);
  G_OBJECT_CLASS (dossier_record_list_parent_class)->finalize (object);
}

static void
dossier_record_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierRecordList *self = (DossierRecordList *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_ADD_LABEL:
      g_value_set_string (value, adw_button_content_get_label (self->add_content));
      break;
    case PROP_EMPTY_TITLE:
      g_value_set_string (value,
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->empty_row)));
      break;
    case PROP_EMPTY_SUBTITLE:
      g_value_set_string (value, adw_action_row_get_subtitle (self->empty_row));
      break;
    case PROP_REMOVE_TITLE:
      g_value_set_string (value, self->remove_title);
      break;
    case PROP_REMOVE_HEADING:
      g_value_set_string (value, self->remove_heading);
      break;
    case PROP_REMOVE_FAILED:
      g_value_set_string (value, self->remove_failed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_record_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DossierRecordList *self = (DossierRecordList *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      dossier_record_list_set_profile (self, g_value_get_object (value));
      break;
    case PROP_ADD_LABEL:
      adw_button_content_set_label (self->add_content, g_value_get_string (value));
      break;
    case PROP_EMPTY_TITLE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row),
                                     g_value_get_string (value));
      break;
    case PROP_EMPTY_SUBTITLE:
      adw_action_row_set_subtitle (self->empty_row, g_value_get_string (value));
      break;
    case PROP_REMOVE_TITLE:
      /* The rows are made again with it. */
      if (set_text (&self->remove_title, g_value_get_string (value)))
        {
          rebuild (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_REMOVE_HEADING:
      if (set_text (&self->remove_heading, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_REMOVE_FAILED:
      if (set_text (&self->remove_failed, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_record_list_class_init (DossierRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dossier_record_list_dispose;
  object_class->finalize = dossier_record_list_finalize;
  object_class->get_property = dossier_record_list_get_property;
  object_class->set_property = dossier_record_list_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE, flags);
  /* The Add button's label, with a mnemonic: "_Add a Course". */
  properties[PROP_ADD_LABEL] =
    g_param_spec_string ("add-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The row shown while there are no records. */
  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_SUBTITLE] =
    g_param_spec_string ("empty-subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The title of the row with a record's Remove button: "Remove this course". */
  properties[PROP_REMOVE_TITLE] =
    g_param_spec_string ("remove-title", NULL, NULL, NULL, flags);
  /* The heading of the question before removing: "Remove the Course?". */
  properties[PROP_REMOVE_HEADING] =
    g_param_spec_string ("remove-heading", NULL, NULL, NULL, flags);
  /* Shown with the reason when removing fails: "The course cannot be removed". */
  properties[PROP_REMOVE_FAILED] =
    g_param_spec_string ("remove-failed", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-record-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierRecordList, add_button);
  gtk_widget_class_bind_template_child (widget_class, DossierRecordList, add_content);
  gtk_widget_class_bind_template_child (widget_class, DossierRecordList, empty_row);

  gtk_widget_class_install_action (widget_class, "record-list.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "record-list.remove", "s", remove_action);
}

static void
dossier_record_list_init (DossierRecordList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-list.add", FALSE);
}
