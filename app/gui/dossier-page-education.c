/* dossier-page-education.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-field-row.h"
#include "dossier-page-education.h"

#define LIST_PATH "education/credential"

/* The elements of a credential, relative to it (removal needs them). */
static const char * const credential_fields[] = {
  "name", "eca", NULL,
};

struct _DossierPageEducation
{
  AdwBin               parent_instance;

  DossierProfile      *profile;
  gulong               changed_id;
  guint                update_id;
  GPtrArray           *keys;         /* char *: "education/credential[@id='e1']", one per row */
  GPtrArray           *rows;         /* AdwExpanderRow */

  AdwPreferencesGroup *credentials_group;
  GtkWidget           *empty_row;
  GtkWidget           *add_button;
};

G_DEFINE_FINAL_TYPE (DossierPageEducation, dossier_page_education, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
credential_key (const DossierCredential *credential,
            guint                position)
{
  if (credential->id != NULL && strchr (credential->id, '\'') == NULL)
    return g_strdup_printf (LIST_PATH "[@id='%s']", credential->id);
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
credential_row_new (DossierPageEducation *self,
                const char          *key)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove_button = gtk_button_new_with_mnemonic (_("_Remove"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  add_field (expander, key, "name", DOSSIER_INPUT_TEXT, _("Name of the credential"),
             _("As on the diploma"));
  add_field (expander, key, "@level", DOSSIER_INPUT_EDUCATION_LEVEL, _("Level"), NULL);
  add_field (expander, key, "@country", DOSSIER_INPUT_COUNTRY, _("Country where it was earned"),
             _("Two-letter country code, CA for Canada"));
  add_field (expander, key, "@completed", DOSSIER_INPUT_DATE, _("Completed on"), NULL);
  add_field (expander, key, "eca/@organization", DOSSIER_INPUT_ECA_ORGANIZATION,
             _("ECA: organization"),
             _("The educational credential assessment, needed for a credential earned "
               "outside Canada"));
  add_field (expander, key, "eca/@reference", DOSSIER_INPUT_TEXT, _("ECA: reference number"),
             NULL);
  add_field (expander, key, "eca/@issued", DOSSIER_INPUT_DATE, _("ECA: issued on"), NULL);
  add_field (expander, key, "eca/@equivalent", DOSSIER_INPUT_EDUCATION_LEVEL,
             _("ECA: Canadian equivalent"), _("The level the report says it equals in Canada"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (remove_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), _("Remove this credential"));
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove_button), "education.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove_button), "s", key);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (remove_row), remove_button);
  adw_expander_row_add_row (expander, remove_row);
  g_object_set_data (G_OBJECT (expander), "remove-button", remove_button);

  dossier_field_rows_bind (GTK_WIDGET (expander), self->profile);
  return GTK_WIDGET (expander);
}

static void
update_titles (DossierPageEducation *self,
               const DossierRecords *records)
{
  for (guint i = 0; i < self->rows->len && i < records->credentials->len; i++)
    {
      const DossierCredential *credential = g_ptr_array_index (records->credentials, i);
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *completed = dossier_day_format (credential->completed);
      g_autofree char *remove_label = NULL;

      if (credential->name != NULL)
        title = g_strdup (credential->name);
      else
        title = g_strdup_printf (_("Credential %u (no name yet)"), i + 1);
      if (credential->completed != DOSSIER_DAY_UNKNOWN)
        /* TRANSLATORS: when a credential was completed: "Completed on 2011-04-01" */
        subtitle = g_strdup_printf (_("Completed on %s"), completed);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle ? subtitle : "");
      /* TRANSLATORS: the accessible name of a remove button: "Remove the credential “BSN”" */
      remove_label = g_strdup_printf (_("Remove the credential “%s”"), title);
      gtk_accessible_update_property (g_object_get_data (G_OBJECT (row), "remove-button"),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                      -1);
      g_object_set_data_full (G_OBJECT (row), "title", g_strdup (title), g_free);
    }
}

static void
update (DossierPageEducation *self)
{
  const DossierRecords *records;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gboolean same;

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->profile == NULL)
    records = NULL;
  else
    records = dossier_profile_get_records (self->profile);

  for (guint i = 0; records != NULL && i < records->credentials->len; i++)
    g_ptr_array_add (keys, credential_key (g_ptr_array_index (records->credentials, i), i));

  same = keys->len == self->keys->len;
  for (guint i = 0; same && i < keys->len; i++)
    same = g_str_equal (g_ptr_array_index (keys, i), g_ptr_array_index (self->keys, i));

  if (!same)
    {
      for (guint i = 0; i < self->rows->len; i++)
        adw_preferences_group_remove (self->credentials_group, g_ptr_array_index (self->rows, i));
      g_ptr_array_set_size (self->rows, 0);
      g_ptr_array_set_size (self->keys, 0);
      for (guint i = 0; i < keys->len; i++)
        {
          GtkWidget *row = credential_row_new (self, g_ptr_array_index (keys, i));

          adw_preferences_group_add (self->credentials_group, row);
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
  DossierPageEducation *self = user_data;

  self->update_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
on_profile_changed_cb (DossierPageEducation *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_cb, self);
}

static void
show_toast (DossierPageEducation *self,
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
  DossierPageEducation *self = DOSSIER_PAGE_EDUCATION (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *key = NULL;

  if (self->profile == NULL)
    return;
  id = dossier_profile_add_record (self->profile, LIST_PATH, "e", &error);
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
remove_record (DossierPageEducation *self,
               const char          *key)
{
  g_autoptr(GError) error = NULL;

  if (!dossier_profile_remove_record (self->profile, key, credential_fields, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The credential cannot be removed: %s"),
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
                       DossierPageEducation *self)
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
  DossierPageEducation *self = DOSSIER_PAGE_EDUCATION (widget);
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
  /* TRANSLATORS: the question before a credential is removed. */
  body = g_strdup_printf (_("Everything entered about “%s” will be removed from the "
                            "profile."), title ? title : key);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove the Credential?"), body);
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
dossier_page_education_set_profile (DossierPageEducation *self,
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
  /* Rows of another client's credentials are not this one's, even with the same ids. */
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->credentials_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->keys, 0);
  update (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "education.add", profile != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
dossier_page_education_dispose (GObject *object)
{
  DossierPageEducation *self = (DossierPageEducation *) object;

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
  /* The template built the bin's child: it goes first, as AdwBin would unparent it
   * again after the template is disposed. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PAGE_EDUCATION);
  G_OBJECT_CLASS (dossier_page_education_parent_class)->dispose (object);
}

static void
dossier_page_education_finalize (GObject *object)
{
  DossierPageEducation *self = (DossierPageEducation *) object;

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (dossier_page_education_parent_class)->finalize (object);
}

static void
dossier_page_education_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierPageEducation *self = (DossierPageEducation *) object;

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
dossier_page_education_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DossierPageEducation *self = (DossierPageEducation *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      dossier_page_education_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_education_class_init (DossierPageEducationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_education_dispose;
  object_class->finalize = dossier_page_education_finalize;
  object_class->get_property = dossier_page_education_get_property;
  object_class->set_property = dossier_page_education_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-education.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPageEducation, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageEducation, empty_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPageEducation, add_button);

  gtk_widget_class_install_action (widget_class, "education.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "education.remove", "s", remove_action);
}

static void
dossier_page_education_init (DossierPageEducation *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "education.add", FALSE);
}
