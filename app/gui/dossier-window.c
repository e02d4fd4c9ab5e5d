/* dossier-window.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dossier-client-row.h"
#include "dossier-window.h"
#include "dossier-toast.h"
#include "dossier-wizard.h"

/* A toast long enough to find its Undo button with the keyboard. */
#define UNDO_TIMEOUT_S 10
/* Profiles' error messages can list every schema problem; a dialog shows the start. */
#define MAX_MESSAGE_CHARS 600

typedef struct
{
  DossierClient *client;
  AdwToast      *toast;      /* weak */
} Deletion;

struct _DossierWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  DossierClientStore   *store;
  GCancellable         *cancellable;

  /* The client being edited. */
  char                 *path;
  DossierProfile       *profile;
  DossierAutosave      *autosave;
  guint                 loading;
  gboolean              close_confirmed;
  guint                 close_retry_id;

  GHashTable           *deletions;      /* path -> Deletion: undo can bring them back */
  char                 *last_deleted;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  DossierClientList    *client_list;
  GtkBox               *wizard_box;
  DossierWizard        *wizard;        /* made when a client is first opened */
  GtkWidget            *save_bar;
  GtkImage             *save_icon;
  GtkLabel             *save_label;
  GtkMenuButton        *client_menu_button;
};

G_DEFINE_FINAL_TYPE (DossierWindow, dossier_window, ADW_TYPE_APPLICATION_WINDOW)

static void dossier_window_update_actions (DossierWindow *self);
static void dossier_window_load           (DossierWindow *self,
                                           const char    *path);

static void
deletion_free (Deletion *deletion)
{
  g_clear_object (&deletion->client);
  g_clear_weak_pointer (&deletion->toast);
  g_free (deletion);
}

static char *
shorten (const char *message)
{
  if (message == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (message, -1) <= MAX_MESSAGE_CHARS)
    return g_strdup (message);
  return g_strconcat (g_utf8_substring (message, 0, MAX_MESSAGE_CHARS), "…", NULL);
}

static char *
display_basename (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);

  return g_filename_display_name (basename);
}

static void
dossier_window_toast (DossierWindow *self,
                      const char    *title)
{
  dossier_toast_add (self->toast_overlay, adw_toast_new (title));
}

void
dossier_window_show_error (DossierWindow *self,
                           const char    *heading,
                           const char    *message)
{
  g_autofree char *body = shorten (message);
  AdwMessageDialog *dialog;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------------------
 * The client being edited
 */

static DossierClient *
dossier_window_get_target_client (DossierWindow *self)
{
  if (g_strcmp0 (dossier_window_get_page (self), "client") == 0)
    return self->path != NULL && self->store != NULL
           ? dossier_client_store_find (self->store, self->path) : NULL;
  return dossier_client_list_get_selected_client (self->client_list);
}

static const char *
dossier_window_get_target_path (DossierWindow *self)
{
  DossierClient *client;

  if (g_strcmp0 (dossier_window_get_page (self), "client") == 0)
    return self->path;
  client = dossier_client_list_get_selected_client (self->client_list);
  return client != NULL ? dossier_client_get_path (client) : NULL;
}

static void
dossier_window_update_save_status (DossierWindow *self)
{
  const GError *error;
  GDateTime *last_saved;
  g_autofree char *text = NULL;
  const char *icon_name;

  if (self->autosave == NULL)
    return;

  error = dossier_autosave_get_error (self->autosave);
  last_saved = dossier_autosave_get_last_saved (self->autosave);
  gtk_widget_remove_css_class (GTK_WIDGET (self->save_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->save_icon), "error");
  if (error != NULL)
    {
      /* Translators: the autosave failed; %s says why. */
      text = g_strdup_printf (_("Not saved: %s"), error->message);
      icon_name = "dialog-error-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self->save_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->save_icon), "error");
    }
  else if (dossier_autosave_get_dirty (self->autosave))
    {
      text = g_strdup (_("Saving…"));
      icon_name = "document-save-symbolic";
    }
  else if (last_saved != NULL)
    {
      g_autofree char *time = g_date_time_format (last_saved, "%X");

      /* Translators: %s is the time of the last automatic save. */
      text = g_strdup_printf (_("All changes saved at %s"), time);
      icon_name = "emblem-ok-symbolic";
    }
  else
    {
      text = g_strdup (_("All changes saved"));
      icon_name = "emblem-ok-symbolic";
    }
  gtk_label_set_label (self->save_label, text);
  gtk_image_set_from_icon_name (self->save_icon, icon_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_label), self->path);
}

static void
on_autosave_failed_cb (DossierWindow *self,
                       const GError  *error)
{
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  dossier_window_update_save_status (self);
  name = display_basename (self->path != NULL ? self->path : "");
  /* Translators: %s is the file that could not be written. */
  title = g_strdup_printf (_("Cannot save “%s”"), name);
  dossier_window_toast (self, title);
}

static void on_back_to_clients_cb (DossierWindow *self);

/* The wizard (ten pages of fields) is made when a client is first opened, not at
 * start-up: the list of clients comes first, and sooner. */
static void
dossier_window_ensure_wizard (DossierWindow *self)
{
  if (self->wizard != NULL)
    return;
  self->wizard = g_object_new (DOSSIER_TYPE_WIZARD, "vexpand", TRUE, NULL);
  g_signal_connect_object (self->wizard, "back-to-clients",
                           G_CALLBACK (on_back_to_clients_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->wizard_box, GTK_WIDGET (self->wizard));
}

static void
dossier_window_show_profile (DossierWindow  *self,
                             const char     *path,
                             DossierProfile *profile)
{
  const DossierRecords *records = dossier_profile_get_records (profile);
  g_autofree char *title = NULL;
  const char *step;

  g_assert (self->profile == NULL);

  self->path = g_strdup (path);
  self->profile = g_object_ref (profile);
  self->autosave = dossier_autosave_new (profile, path);
  g_settings_bind (self->settings, "autosave-delay", self->autosave, "delay",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->autosave, "saved",
                           G_CALLBACK (dossier_window_update_save_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autosave, "notify::dirty",
                           G_CALLBACK (dossier_window_update_save_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autosave, "failed",
                           G_CALLBACK (on_autosave_failed_cb), self, G_CONNECT_SWAPPED);
  dossier_window_update_save_status (self);

  dossier_window_ensure_wizard (self);
  dossier_wizard_set_profile (self->wizard, profile);

  if (records->applicant.family_name != NULL && *records->applicant.family_name != '\0')
    title = g_strdup_printf ("%s %s",
                             records->applicant.given_names ? records->applicant.given_names : "",
                             records->applicant.family_name);
  else
    title = display_basename (path);
  gtk_window_set_title (GTK_WINDOW (self), g_strstrip (title));

  gtk_stack_set_visible_child_name (self->stack, "client");
  dossier_window_update_actions (self);

  /* The step's first field, where the user goes on. */
  step = dossier_wizard_get_step (self->wizard);
  if (step != NULL)
    dossier_wizard_open_step (self->wizard, step);
  else
    gtk_widget_child_focus (GTK_WIDGET (self->wizard), GTK_DIR_TAB_FORWARD);
}

/* Forgets the client shown (its changes are on disk) and reads its summary again. */
static char *
dossier_window_release_client (DossierWindow *self)
{
  g_autofree char *path = g_steal_pointer (&self->path);
  DossierClient *client;

  if (self->autosave != NULL)
    {
      g_settings_unbind (self->autosave, "delay");
      g_signal_handlers_disconnect_by_data (self->autosave, self);
    }
  if (self->wizard != NULL)
    dossier_wizard_set_profile (self->wizard, NULL);
  g_clear_object (&self->autosave);
  g_clear_object (&self->profile);
  gtk_window_set_title (GTK_WINDOW (self), _("Dossier"));

  if (path != NULL && (client = dossier_client_store_find (self->store, path)) != NULL)
    dossier_client_store_refresh (self->store, client);
  return g_steal_pointer (&path);
}

static void
close_flush_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierWindow *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!dossier_autosave_flush_finish (DOSSIER_AUTOSAVE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Another client may have been opened meanwhile; only this one goes. */
  if (self->autosave == DOSSIER_AUTOSAVE (object))
    g_task_return_pointer (task, dossier_window_release_client (self), g_free);
  else
    g_task_return_pointer (task, NULL, NULL);
}

/* Writes the client's last changes, then lets it go. Completes with its path (or
 * NULL if none was open); fails, keeping it open, if the changes cannot be written. */
static void
dossier_window_close_client_async (DossierWindow       *self,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, dossier_window_close_client_async);
  if (self->autosave == NULL)
    {
      g_task_return_pointer (task, dossier_window_release_client (self), g_free);
      return;
    }
  dossier_autosave_flush_async (self->autosave, NULL, close_flush_cb, g_steal_pointer (&task));
}

static char *
dossier_window_close_client_finish (DossierWindow  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
show_clients_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  DossierClient *client;

  path = dossier_window_close_client_finish (self, result, &error);
  if (error != NULL)
    {
      dossier_window_show_error (self, _("Changes Not Saved"), error->message);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "clients");
  if (path != NULL && (client = dossier_client_store_find (self->store, path)) != NULL)
    dossier_client_list_select_client (self->client_list, client, TRUE);
  else
    dossier_client_list_focus_list (self->client_list);
}

void
dossier_window_show_clients (DossierWindow *self)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  dossier_window_close_client_async (self, show_clients_cb, NULL);
}

void
dossier_window_flush (DossierWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  if (self->autosave != NULL && !dossier_autosave_flush (self->autosave, &error))
    g_printerr ("%s\n", error->message);
}

/* ------------------------------------------------------------------------------------
 * Opening, and damaged files
 */

typedef struct
{
  char           *path;
  DossierProfile *profile;
  GError         *error;
  gboolean        backup_loads;
  GDateTime      *backup_time;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_clear_object (&job->profile);
  g_clear_error (&job->error);
  g_clear_pointer (&job->backup_time, g_date_time_unref);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(DossierProfile) backup_profile = NULL;
  g_autofree char *backup = NULL;
  GStatBuf st;

  job->profile = dossier_profile_load (job->path, &job->error);
  if (job->profile != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* Damaged: is the previous good copy there? */
  backup = dossier_backup_path (job->path);
  if (g_stat (backup, &st) == 0)
    {
      backup_profile = dossier_profile_load (backup, NULL);
      job->backup_loads = backup_profile != NULL;
      job->backup_time = g_date_time_new_from_unix_local (st.st_mtime);
    }
  g_task_return_boolean (task, TRUE);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadJob *job = task_data;

  g_clear_error (&job->error);
  if (dossier_restore_backup (job->path, &job->error))
    job->profile = dossier_profile_load (job->path, &job->error);
  g_task_return_boolean (task, TRUE);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (object);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = display_basename (job->path);
  g_autofree char *title = NULL;
  DossierClient *client;

  self->loading--;
  dossier_window_update_actions (self);
  if (job->profile == NULL)
    {
      /* Translators: %s is a file name. */
      title = g_strdup_printf (_("Cannot Open the Previous Copy of “%s”"), name);
      dossier_window_show_error (self, title, job->error ? job->error->message : "");
      return;
    }
  if ((client = dossier_client_store_find (self->store, job->path)) != NULL)
    dossier_client_store_refresh (self->store, client);
  dossier_window_show_profile (self, job->path, job->profile);
  /* Translators: %s is a file name. */
  title = g_strdup_printf (_("Opened the previous copy of “%s”"), name);
  dossier_window_toast (self, title);
}

static void
on_backup_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  /* Only the first response counts (closing the dialog may send “cancel” too). */
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (dialog), "task");
  DossierWindow *self;

  if (task == NULL)
    return;
  self = g_task_get_source_object (task);

  if (g_strcmp0 (response, "restore") != 0)
    {
      dossier_client_list_focus_list (self->client_list);
      return;
    }
  self->loading++;
  g_task_run_in_thread (task, restore_thread);
}

static void
dossier_window_offer_backup (DossierWindow *self,
                             LoadJob       *job)
{
  g_autofree char *name = display_basename (job->path);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *message = shorten (job->error ? job->error->message : "");
  g_autofree char *when = g_date_time_format (job->backup_time, "%c");
  g_autoptr(GTask) task = NULL;
  LoadJob *restore;
  AdwMessageDialog *dialog;

  /* Translators: %s is a file name. */
  heading = g_strdup_printf (_("“%s” Is Damaged"), name);
  /* Translators: the first %s says what is wrong with the file, the second is a date
   * and time, the third a file name. */
  body = g_strdup_printf (_("Dossier cannot read this file: %s\n\n"
                            "The previous copy, saved %s, can be opened instead. "
                            "The damaged file is kept beside it as “%s.damaged”."),
                          message, when, name);

  restore = g_new0 (LoadJob, 1);
  restore->path = g_strdup (job->path);
  task = g_task_new (self, self->cancellable, restore_cb, NULL);
  g_task_set_source_tag (task, restore_thread);
  g_task_set_task_data (task, restore, (GDestroyNotify) load_job_free);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Open the Previous Copy"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "task", g_steal_pointer (&task), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_backup_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (object);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = display_basename (job->path);
  g_autofree char *heading = NULL;

  self->loading--;
  dossier_window_update_actions (self);

  if (job->profile != NULL)
    {
      dossier_window_show_profile (self, job->path, job->profile);
      return;
    }
  if (job->backup_loads)
    {
      dossier_window_offer_backup (self, job);
      return;
    }
  /* Translators: %s is a file name. */
  heading = g_strdup_printf (_("Cannot Open “%s”"), name);
  dossier_window_show_error (self, heading, job->error ? job->error->message : "");
}

static void
dossier_window_load (DossierWindow *self,
                     const char    *path)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (path);
  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, dossier_window_load);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  self->loading++;
  dossier_window_update_actions (self);
  g_task_run_in_thread (task, load_thread);
}

static void
open_after_close_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (object);
  g_autofree char *path = user_data;
  g_autofree char *previous = NULL;
  g_autoptr(GError) error = NULL;

  previous = dossier_window_close_client_finish (self, result, &error);
  if (error != NULL)
    {
      dossier_window_show_error (self, _("Changes Not Saved"), error->message);
      return;
    }
  dossier_window_load (self, path);
}

static void
dossier_window_open_path (DossierWindow *self,
                          const char    *path)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);

  if (g_strcmp0 (canonical, self->path) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "client");
      return;
    }
  if (self->profile != NULL)
    dossier_window_close_client_async (self, open_after_close_cb, g_steal_pointer (&canonical));
  else
    dossier_window_load (self, canonical);
}

void
dossier_window_open_client (DossierWindow *self,
                            DossierClient *client)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));

  dossier_window_open_path (self, dossier_client_get_path (client));
}

static void
import_then_open_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = dossier_client_store_add_finish (DOSSIER_CLIENT_STORE (object), result, &error);
  if (client == NULL)
    {
      dossier_window_show_error (self, _("Cannot Import the File"), error->message);
      return;
    }
  dossier_window_open_client (self, client);
}

void
dossier_window_open_file (DossierWindow *self,
                          GFile         *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  /* Not a local file (a phone, a network share): it is copied in as a client. */
  if (path == NULL)
    {
      dossier_client_store_import_async (self->store, file, self->cancellable,
                                         import_then_open_cb, g_object_ref (self));
      return;
    }
  dossier_window_open_path (self, path);
}

/* ------------------------------------------------------------------------------------
 * New client
 */

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = dossier_client_store_add_finish (DOSSIER_CLIENT_STORE (object), result, &error);
  if (client == NULL)
    {
      dossier_window_show_error (self, _("Cannot Create the Client"), error->message);
      return;
    }
  dossier_client_list_select_client (self->client_list, client, FALSE);
  dossier_window_open_client (self, client);
}

static void
dossier_window_create_client (DossierWindow *self,
                              const char    *family_name,
                              const char    *given_names)
{
  g_autoptr(DossierProfile) profile = dossier_profile_new ();
  g_autoptr(GError) error = NULL;

  if (!dossier_profile_set_value (profile, "applicant/family-name", family_name, &error)
      || (given_names != NULL && *given_names != '\0'
          && !dossier_profile_set_value (profile, "applicant/given-names", given_names, &error)))
    {
      dossier_window_show_error (self, _("Cannot Create the Client"), error->message);
      return;
    }
  dossier_client_store_create_async (self->store, profile, self->cancellable,
                                     create_cb, g_object_ref (self));
}

static void
on_new_client_changed_cb (AdwMessageDialog *dialog)
{
  GtkEditable *family = g_object_get_data (G_OBJECT (dialog), "family");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (family)));

  adw_message_dialog_set_response_enabled (dialog, "create", *text != '\0');
}

static void
on_new_client_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           DossierWindow    *self)
{
  GtkEditable *family = g_object_get_data (G_OBJECT (dialog), "family");
  GtkEditable *given = g_object_get_data (G_OBJECT (dialog), "given");
  g_autofree char *family_name = g_strstrip (g_strdup (gtk_editable_get_text (family)));
  g_autofree char *given_names = g_strstrip (g_strdup (gtk_editable_get_text (given)));

  if (g_strcmp0 (response, "create") != 0 || *family_name == '\0')
    return;
  dossier_window_create_client (self, family_name, given_names);
}

static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *group;
  GtkWidget *family;
  GtkWidget *given;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Client"),
                                                       _("The applicant’s names as their "
                                                         "passport gives them. Everything "
                                                         "else is asked step by step.")));
  group = adw_preferences_group_new ();
  family = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (family), _("_Family name"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (family), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (family), TRUE);
  given = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (given), _("_Given names"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (given), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (given), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), family);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), given);
  adw_message_dialog_set_extra_child (dialog, group);
  g_object_set_data (G_OBJECT (dialog), "family", family);
  g_object_set_data (G_OBJECT (dialog), "given", given);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "create", FALSE);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_swapped (family, "changed", G_CALLBACK (on_new_client_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_client_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (family);
}

/* ------------------------------------------------------------------------------------
 * Open, import, export, duplicate
 */

static GtkFileFilter *
dossier_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Dossier files"));
  gtk_file_filter_add_pattern (filter, "*.dossier");
  gtk_file_filter_add_mime_type (filter, "application/x-dossier");
  return filter;
}

static void
on_open_response_cb (GtkNativeDialog *native,
                     int              response,
                     DossierWindow   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (file != NULL)
    dossier_window_open_file (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open a Client File"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), dossier_file_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

typedef struct
{
  DossierWindow *self;
  guint          remaining;
  guint          imported;
  DossierClient *last;
  GString       *errors;
} ImportBatch;

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ImportBatch *batch = user_data;
  DossierWindow *self = batch->self;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = dossier_client_store_add_finish (DOSSIER_CLIENT_STORE (object), result, &error);
  if (client != NULL)
    {
      batch->imported++;
      g_set_object (&batch->last, client);
    }
  else
    {
      g_string_append_printf (batch->errors, "%s%s", batch->errors->len ? "\n" : "", error->message);
    }

  if (--batch->remaining > 0)
    return;

  if (batch->imported > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u client imported",
                                                          "%u clients imported",
                                                          batch->imported),
                                                batch->imported);
      dossier_window_toast (self, title);
      if (g_strcmp0 (dossier_window_get_page (self), "clients") == 0)
        dossier_client_list_select_client (self->client_list, batch->last, TRUE);
    }
  if (batch->errors->len > 0)
    dossier_window_show_error (self, _("Some Files Were Not Imported"), batch->errors->str);

  g_clear_object (&batch->last);
  g_string_free (batch->errors, TRUE);
  g_object_unref (batch->self);
  g_free (batch);
}

static void
on_import_response_cb (GtkNativeDialog *native,
                       int              response,
                       DossierWindow   *self)
{
  g_autoptr(GListModel) files = NULL;
  ImportBatch *batch;
  guint n;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (files == NULL || (n = g_list_model_get_n_items (files)) == 0)
    return;

  batch = g_new0 (ImportBatch, 1);
  batch->self = g_object_ref (self);
  batch->remaining = n;
  batch->errors = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      dossier_client_store_import_async (self->store, file, self->cancellable, import_cb, batch);
    }
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import Clients"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), dossier_file_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

typedef struct
{
  DossierWindow *self;
  DossierClient *client;
  GFile         *destination;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->client);
  g_clear_object (&data->destination);
  g_free (data);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!dossier_client_store_export_finish (DOSSIER_CLIENT_STORE (object), result, &error))
    {
      dossier_window_show_error (data->self, _("Cannot Export the Client"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_parse_name (data->destination);
      /* Translators: %s is where the client's file was written. */
      g_autofree char *title = g_strdup_printf (_("Exported to “%s”"), name);

      dossier_window_toast (data->self, title);
    }
  export_data_free (data);
}

static void
export_flushed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (object != NULL && !dossier_autosave_flush_finish (DOSSIER_AUTOSAVE (object), result, &error))
    {
      dossier_window_show_error (data->self, _("Cannot Export the Client"), error->message);
      export_data_free (data);
      return;
    }
  dossier_client_store_export_async (data->self->store, data->client, data->destination,
                                     data->self->cancellable, export_cb, data);
}

static void
on_export_response_cb (GtkNativeDialog *native,
                       int              response,
                       gpointer         user_data)
{
  ExportData *data = user_data;
  DossierWindow *self = data->self;

  if (response == GTK_RESPONSE_ACCEPT)
    data->destination = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (data->destination == NULL)
    {
      export_data_free (data);
      return;
    }
  /* The file exported has every change made so far. */
  if (self->autosave != NULL
      && g_strcmp0 (self->path, dossier_client_get_path (data->client)) == 0)
    dossier_autosave_flush_async (self->autosave, NULL, export_flushed_cb, data);
  else
    export_flushed_cb (NULL, NULL, data);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  const char *path = dossier_window_get_target_path (self);
  g_autofree char *basename = NULL;
  GtkFileChooserNative *native;
  ExportData *data;

  if (path == NULL)
    return;

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->client = dossier_client_new (path);

  native = gtk_file_chooser_native_new (_("Export the Client"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  basename = g_path_get_basename (path);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), basename);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), dossier_file_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_export_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
duplicate_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(DossierClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  client = dossier_client_store_add_finish (DOSSIER_CLIENT_STORE (object), result, &error);
  if (client == NULL)
    {
      dossier_window_show_error (self, _("Cannot Duplicate the Client"), error->message);
      return;
    }
  name = display_basename (dossier_client_get_path (client));
  /* Translators: %s is the new file's name. */
  title = g_strdup_printf (_("Duplicated as “%s”"), name);
  dossier_window_toast (self, title);
  if (g_strcmp0 (dossier_window_get_page (self), "clients") == 0)
    dossier_client_list_select_client (self->client_list, client, TRUE);
}

static void
duplicate_flushed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  DossierClient *client;
  const char *path;

  if (object != NULL && !dossier_autosave_flush_finish (DOSSIER_AUTOSAVE (object), result, &error))
    {
      dossier_window_show_error (self, _("Cannot Duplicate the Client"), error->message);
      return;
    }
  client = dossier_window_get_target_client (self);
  path = dossier_window_get_target_path (self);
  if (client != NULL)
    {
      dossier_client_store_duplicate_async (self->store, client, self->cancellable,
                                            duplicate_cb, g_object_ref (self));
    }
  else if (path != NULL)
    {
      /* A file opened from elsewhere: its copy goes among the clients. */
      g_autoptr(GFile) file = g_file_new_for_path (path);

      dossier_client_store_import_async (self->store, file, self->cancellable,
                                         duplicate_cb, g_object_ref (self));
    }
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  if (self->autosave != NULL
      && g_strcmp0 (self->path, dossier_window_get_target_path (self)) == 0)
    dossier_autosave_flush_async (self->autosave, NULL, duplicate_flushed_cb, g_object_ref (self));
  else
    duplicate_flushed_cb (NULL, NULL, g_object_ref (self));
}

/* ------------------------------------------------------------------------------------
 * Delete, undo
 */

static void
on_deletion_toast_dismissed_cb (AdwToast      *toast,
                                DossierWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (toast), "path");
  Deletion *deletion;

  /* The window is being destroyed: its toasts go with it, after it committed the
   * deletions. */
  if (self->deletions == NULL)
    return;
  deletion = g_hash_table_lookup (self->deletions, path);
  /* Not undone: final. */
  if (deletion == NULL || deletion->toast != toast)
    return;
  dossier_client_store_commit_delete (self->store, deletion->client);
  if (g_strcmp0 (self->last_deleted, path) == 0)
    g_clear_pointer (&self->last_deleted, g_free);
  g_hash_table_remove (self->deletions, path);
  dossier_window_update_actions (self);
}

/* A client deleted in the store (its file set aside): the toast that can bring it back,
 * and the deletion it undoes. */
static void
dossier_window_offer_undo (DossierWindow *self,
                           DossierClient *client)
{
  g_autofree char *title = NULL;
  const char *path = dossier_client_get_path (client);
  Deletion *deletion;
  AdwToast *toast;

  /* Translators: %s is the client's name. */
  title = g_strdup_printf (_("“%s” deleted"), dossier_client_get_display_name (client));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (path));
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_S);
  g_object_set_data_full (G_OBJECT (toast), "path", g_strdup (path), g_free);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_deletion_toast_dismissed_cb),
                           self, 0);

  deletion = g_new0 (Deletion, 1);
  deletion->client = g_object_ref (client);
  g_set_weak_pointer (&deletion->toast, toast);
  g_hash_table_insert (self->deletions, g_strdup (path), deletion);
  g_free (self->last_deleted);
  self->last_deleted = g_strdup (path);

  dossier_toast_add (self->toast_overlay, toast);
}

static void
dossier_window_delete_client (DossierWindow *self,
                              DossierClient *client)
{
  GListModel *visible = dossier_client_list_get_visible (self->client_list);
  g_autoptr(GError) error = NULL;
  guint position = 0;
  guint n;

  for (n = g_list_model_get_n_items (visible); position < n; position++)
    {
      g_autoptr(DossierClient) item = g_list_model_get_item (visible, position);

      if (item == client)
        break;
    }

  if (!dossier_client_store_delete (self->store, client, &error))
    {
      dossier_window_show_error (self, _("Cannot Delete the Client"), error->message);
      return;
    }
  dossier_window_offer_undo (self, client);

  /* The focus goes to the client that took its place. */
  n = g_list_model_get_n_items (visible);
  if (n > 0)
    {
      g_autoptr(DossierClient) next = g_list_model_get_item (visible, MIN (position, n - 1));

      dossier_client_list_select_client (self->client_list, next, TRUE);
    }
  else
    {
      dossier_client_list_focus_list (self->client_list);
    }
  dossier_window_update_actions (self);
}

static void
delete_after_close_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (object);
  g_autoptr(DossierClient) client = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = dossier_window_close_client_finish (self, result, &error);
  if (error != NULL)
    {
      dossier_window_show_error (self, _("Changes Not Saved"), error->message);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "clients");
  dossier_window_delete_client (self, client);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  DossierClient *client = dossier_window_get_target_client (self);

  if (client == NULL)
    return;
  /* An open client is written and closed first. */
  if (g_strcmp0 (self->path, dossier_client_get_path (client)) == 0)
    dossier_window_close_client_async (self, delete_after_close_cb, g_object_ref (client));
  else
    dossier_window_delete_client (self, client);
}

static void
dossier_window_undo_delete (DossierWindow *self,
                            const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierClient) client = NULL;
  Deletion *deletion = g_hash_table_lookup (self->deletions, path);

  if (deletion == NULL)
    return;
  client = g_object_ref (deletion->client);
  if (!dossier_client_store_undo_delete (self->store, client, &error))
    {
      dossier_window_show_error (self, _("Cannot Restore the Client"), error->message);
      return;
    }
  if (deletion->toast != NULL)
    dossier_toast_dismiss (deletion->toast);
  g_hash_table_remove (self->deletions, path);
  if (g_strcmp0 (self->last_deleted, path) == 0)
    g_clear_pointer (&self->last_deleted, g_free);

  if (g_strcmp0 (dossier_window_get_page (self), "clients") == 0)
    {
      dossier_client_list_update_now (self->client_list);
      dossier_client_list_select_client (self->client_list, client, TRUE);
    }
  dossier_window_update_actions (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  dossier_window_undo_delete (DOSSIER_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autofree char *path = g_strdup (self->last_deleted);

  if (path != NULL)
    dossier_window_undo_delete (self, path);
}

static void
dossier_window_commit_deletions (DossierWindow *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->deletions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Deletion *deletion = value;

      dossier_client_store_commit_delete (self->store, deletion->client);
      g_hash_table_iter_remove (&iter);
    }
  g_clear_pointer (&self->last_deleted, g_free);
}

/* ------------------------------------------------------------------------------------
 * Other actions
 */

static void
open_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  DossierClient *client = dossier_client_list_get_selected_client (self->client_list);

  if (client != NULL)
    dossier_window_open_client (self, client);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  dossier_client_list_focus_search (self->client_list);
}

/* The shortcuts window is made when asked for and destroyed when closed, rather than
 * kept hidden for the window's life as GtkApplication does with gtk/help-overlay.ui: GTK
 * 4.8's accessibility bridge crashes the application when a screen reader asks for a
 * window that is hidden (its GetChildAtIndex answers with the last toplevel, hidden or
 * not, whose accessible has no path). No hidden window lingers. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/ca/dossier/Dossier/help-overlay.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_hide_on_close (shortcuts, FALSE);
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
dossier_window_update_actions (DossierWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean on_list = g_strcmp0 (dossier_window_get_page (self), "clients") == 0;
  DossierClient *client = dossier_window_get_target_client (self);
  const char *path = dossier_window_get_target_path (self);
  gboolean idle = self->loading == 0;

  gtk_widget_action_set_enabled (widget, "win.new-client", idle);
  gtk_widget_action_set_enabled (widget, "win.open", idle);
  gtk_widget_action_set_enabled (widget, "win.open-selected", idle && on_list && client != NULL);
  gtk_widget_action_set_enabled (widget, "win.duplicate", idle && path != NULL);
  gtk_widget_action_set_enabled (widget, "win.export", idle && path != NULL);
  gtk_widget_action_set_enabled (widget, "win.delete", idle && client != NULL);
  gtk_widget_action_set_enabled (widget, "win.search", on_list);
  gtk_widget_action_set_enabled (widget, "win.undo", on_list && self->last_deleted != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->client_menu_button), on_list && client != NULL);
}

/* ------------------------------------------------------------------------------------
 * Template callbacks
 */

static void
on_client_activated_cb (DossierWindow *self,
                        DossierClient *client)
{
  dossier_window_open_client (self, client);
}

static void
on_back_to_clients_cb (DossierWindow *self)
{
  dossier_window_show_clients (self);
}

static void
on_page_changed_cb (DossierWindow *self)
{
  dossier_window_update_actions (self);
}

/* ------------------------------------------------------------------------------------
 * GtkWindow
 */

static void
on_unsaved_close_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              DossierWindow    *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
close_flushed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (dossier_autosave_flush_finish (DOSSIER_AUTOSAVE (object), result, &error))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* Never lost without asking: the window stays open unless the user says so. */
  body = shorten (error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Changes Not Saved"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep the Window Open"),
                                    "discard", _("_Close Without Saving"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_close_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
close_retry_cb (gpointer data)
{
  DossierWindow *self = data;

  self->close_retry_id = 0;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static gboolean
dossier_window_close_request (GtkWindow *window)
{
  DossierWindow *self = DOSSIER_WINDOW (window);
  int width, height;

  if (!self->close_confirmed && self->autosave != NULL
      && dossier_autosave_get_dirty (self->autosave))
    {
      dossier_autosave_flush_async (self->autosave, NULL, close_flushed_cb, g_object_ref (self));
      return TRUE;
    }

  /* A toast still moving would outlive its overlay (libadwaita 1.2): the window goes a
   * moment later, once it has stopped. */
  if (dossier_toast_get_settle_delay () > 0)
    {
      if (self->close_retry_id == 0)
        self->close_retry_id = g_timeout_add (dossier_toast_get_settle_delay () + 50,
                                              close_retry_cb, self);
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return TRUE;
    }

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  dossier_window_commit_deletions (self);
  g_free (dossier_window_release_client (self));

  return GTK_WINDOW_CLASS (dossier_window_parent_class)->close_request (window);
}

/* ------------------------------------------------------------------------------------
 * GObject
 */

/* The application is set after construction, so the window is set up here. */
static void
dossier_window_setup (DossierWindow      *self,
                      DossierApplication *application)
{
  self->settings = g_object_ref (dossier_application_get_settings (application));
  self->store = g_object_ref (dossier_application_get_store (application));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  dossier_client_list_set_store (self->client_list, self->store);
  g_settings_bind (self->settings, "sort-key", self->client_list, "sort-key",
                   G_SETTINGS_BIND_DEFAULT);
  dossier_window_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->client_list));
}

static void
dossier_window_dispose (GObject *object)
{
  DossierWindow *self = (DossierWindow *) object;

  g_clear_handle_id (&self->close_retry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->autosave != NULL)
    g_signal_handlers_disconnect_by_data (self->autosave, self);
  g_clear_object (&self->autosave);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->path, g_free);
  if (self->deletions != NULL)
    dossier_window_commit_deletions (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_WINDOW);

  g_clear_pointer (&self->deletions, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dossier_window_parent_class)->dispose (object);
}

static void
dossier_window_class_init (DossierWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dossier_window_dispose;
  window_class->close_request = dossier_window_close_request;

  g_type_ensure (DOSSIER_TYPE_CLIENT_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/dossier-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, client_list);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, wizard_box);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, save_bar);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, save_icon);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, save_label);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, client_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_client_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, dossier_window_update_actions);

  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_client_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.open-selected", NULL, open_selected_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);

  /* Ctrl+Z brings back the last client deleted, from the list (in the search entry it
   * undoes typing). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
}

static void
dossier_window_init (DossierWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->deletions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) deletion_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

DossierWindow *
dossier_window_new (DossierApplication *application)
{
  DossierWindow *self;

  g_return_val_if_fail (DOSSIER_IS_APPLICATION (application), NULL);

  self = g_object_new (DOSSIER_TYPE_WINDOW, "application", application, NULL);
  dossier_window_setup (self, application);
  return self;
}

/**
 * dossier_window_take_over:
 * @self: a new window
 * @from: a window that is destroyed after this
 *
 * Shows in @self what @from showed, and takes it from it: the client being edited (its
 * profile as it is in memory, all its changes written to disk first), at the same step
 * and as-of day, or the list with the same client selected; the deletions that can still
 * be undone, each with a toast of its own; the window's size. The windows are made again
 * this way when the interface language changes, since a widget does not translate its
 * words again.
 *
 * Returns: FALSE, with nothing taken, if the client's changes cannot be written.
 */
gboolean
dossier_window_take_over (DossierWindow  *self,
                          DossierWindow  *from,
                          GError        **error)
{
  g_autofree char *last_deleted = NULL;
  GHashTableIter iter;
  gpointer value;
  int width, height;

  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_WINDOW (from), FALSE);
  g_return_val_if_fail (self->profile == NULL && self->loading == 0, FALSE);

  /* Everything typed is on disk before the profile changes windows. */
  if (from->autosave != NULL && !dossier_autosave_flush (from->autosave, error))
    return FALSE;

  gtk_window_get_default_size (GTK_WINDOW (from), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (gtk_window_is_maximized (GTK_WINDOW (from)))
    gtk_window_maximize (GTK_WINDOW (self));
  else
    gtk_window_unmaximize (GTK_WINDOW (self));

  last_deleted = g_strdup (from->last_deleted);
  g_hash_table_iter_init (&iter, from->deletions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Deletion *deletion = value;

      dossier_window_offer_undo (self, deletion->client);
      /* Not committed: the new window has it now. */
      g_hash_table_iter_remove (&iter);
    }
  g_clear_pointer (&from->last_deleted, g_free);
  if (last_deleted != NULL && g_hash_table_contains (self->deletions, last_deleted))
    {
      g_free (self->last_deleted);
      self->last_deleted = g_steal_pointer (&last_deleted);
    }

  if (from->profile != NULL)
    {
      g_autoptr(DossierProfile) profile = g_object_ref (from->profile);
      g_autofree char *path = g_strdup (from->path);
      g_autofree char *step = g_strdup (dossier_wizard_get_step (from->wizard));
      DossierDay as_of = dossier_wizard_get_chosen_as_of (from->wizard);
      gboolean on_client = g_strcmp0 (dossier_window_get_page (from), "client") == 0;

      g_free (dossier_window_release_client (from));
      dossier_window_show_profile (self, path, profile);
      if (as_of != DOSSIER_DAY_UNKNOWN)
        dossier_wizard_set_as_of (self->wizard, as_of);
      if (step != NULL)
        dossier_wizard_open_step (self->wizard, step);
      if (!on_client)
        gtk_stack_set_visible_child_name (self->stack, "clients");
    }
  else
    {
      DossierClient *selected = dossier_client_list_get_selected_client (from->client_list);

      if (selected != NULL)
        dossier_client_list_select_client (self->client_list, selected, TRUE);
    }
  dossier_window_update_actions (self);
  return TRUE;
}

const char *
dossier_window_get_page (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
dossier_window_is_showing_path (DossierWindow *self,
                                const char    *path)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), FALSE);

  if (path == NULL || self->path == NULL)
    return FALSE;
  canonical = g_canonicalize_filename (path, NULL);
  return g_strcmp0 (canonical, self->path) == 0;
}

gboolean
dossier_window_is_idle (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), FALSE);
  return self->profile == NULL && self->loading == 0;
}

DossierClientList *
dossier_window_get_client_list (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);
  return self->client_list;
}

DossierProfile *
dossier_window_get_profile (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);
  return self->profile;
}

DossierAutosave *
dossier_window_get_autosave (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);
  return self->autosave;
}
