/* dossier-application.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-application.h"
#include "dossier-preferences.h"
#include "dossier-window.h"

struct _DossierApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  DossierClientStore *store;
  gboolean            load_started;
};

G_DEFINE_FINAL_TYPE (DossierApplication, dossier_application, ADW_TYPE_APPLICATION)

const char *
dossier_application_get_language (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "fr") ? "fr" : "en";
}

/* ------------------------------------------------------------------------------------
 * Style
 */

static void
dossier_application_update_color_scheme (DossierApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  /* “system” follows the desktop's dark style preference. */
  if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_PREFER_LIGHT);
}

/* ------------------------------------------------------------------------------------
 * Actions
 */

static void
dossier_application_preferences_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  DossierApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  DossierPreferences *preferences = dossier_preferences_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
dossier_application_about_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  DossierApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Dossier authors", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Dossier"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Dossier authors"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "comments", _("Prepare a Canadian caregiver immigration application, "
                                       "offline: eligibility, documents and the submission "
                                       "package. Nothing about an applicant leaves the "
                                       "computer unless you export it."),
                         "copyright", "© 2026 The Dossier authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one per line, to be credited. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
dossier_application_quit_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  DossierApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window writes its client first. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "preferences", dossier_application_preferences_action },
  { "about", dossier_application_about_action },
  { "quit", dossier_application_quit_action },
};

static const struct
{
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "app.preferences", { "<Primary>comma", NULL } },
  { "win.new-client", { "<Primary>n", NULL } },
  { "win.open", { "<Primary>o", NULL } },
  { "win.import", { "<Primary>i", NULL } },
  { "win.export", { "<Primary>e", NULL } },
  { "win.duplicate", { "<Primary>d", NULL } },
  { "win.search", { "<Primary>f", NULL } },
  { "win.show-help-overlay", { "<Primary>question", NULL } },
  { "window.close", { "<Primary>w", NULL } },
};

/* ------------------------------------------------------------------------------------
 * GApplication
 */

static void
store_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DossierApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (dossier_client_store_load_finish (DOSSIER_CLIENT_STORE (object), result, &error))
    return;
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (DOSSIER_IS_WINDOW (window))
    dossier_window_show_error (DOSSIER_WINDOW (window), _("Cannot Read the Clients Folder"),
                               error->message);
  else
    g_printerr ("%s\n", error->message);
}

static void
dossier_application_startup (GApplication *application)
{
  DossierApplication *self = DOSSIER_APPLICATION (application);
  g_autofree char *folder = NULL;

  G_APPLICATION_CLASS (dossier_application_parent_class)->startup (application);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (dossier_application_update_color_scheme), self,
                           G_CONNECT_SWAPPED);
  dossier_application_update_color_scheme (self);

  folder = dossier_client_store_default_folder ();
  self->store = dossier_client_store_new (folder);
  dossier_client_store_set_language (self->store, dossier_application_get_language ());
  g_settings_bind (self->settings, "as-of-rule", self->store, "as-of-rule",
                   G_SETTINGS_BIND_GET);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
start_loading (DossierApplication *self)
{
  if (self->load_started)
    return;
  self->load_started = TRUE;
  dossier_client_store_load_async (self->store, NULL, store_loaded_cb, g_object_ref (self));
}

static void
first_frame_cb (GdkFrameClock      *clock,
                DossierApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  start_loading (self);
}

/* The client list is read once the window has drawn its first frame: with hundreds of
 * clients, making their rows would otherwise hold that frame back. The list shows
 * "Reading…" in the meantime. */
static void
load_after_first_frame (DossierApplication *self,
                        GtkWindow          *window)
{
  GdkFrameClock *clock;

  if (self->load_started)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock == NULL)
    start_loading (self);
  else
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_cb), self, 0);
}

static void
dossier_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (dossier_window_new (DOSSIER_APPLICATION (application)));
  gtk_window_present (window);
  load_after_first_frame (DOSSIER_APPLICATION (application), window);
}

static void
dossier_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      GtkWindow *window = NULL;

      /* A client is edited in one window only: two autosaves would fight. */
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
        if (DOSSIER_IS_WINDOW (l->data)
            && dossier_window_is_showing_path (l->data, path))
          window = l->data;

      if (window == NULL)
        {
          window = gtk_application_get_active_window (GTK_APPLICATION (application));
          if (!DOSSIER_IS_WINDOW (window) || !dossier_window_is_idle (DOSSIER_WINDOW (window)))
            window = GTK_WINDOW (dossier_window_new (DOSSIER_APPLICATION (application)));
          dossier_window_open_file (DOSSIER_WINDOW (window), files[i]);
        }
      gtk_window_present (window);
      load_after_first_frame (DOSSIER_APPLICATION (application), window);
    }
}

static void
dossier_application_shutdown (GApplication *application)
{
  DossierApplication *self = DOSSIER_APPLICATION (application);

  /* Normally every window wrote its client when it closed; this is for the rest
   * (a signal, the session ending). */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data))
      dossier_window_flush (l->data);

  /* Deletions nobody undid are final. */
  if (self->store != NULL)
    g_object_run_dispose (G_OBJECT (self->store));

  G_APPLICATION_CLASS (dossier_application_parent_class)->shutdown (application);
}

static void
dossier_application_dispose (GObject *object)
{
  DossierApplication *self = (DossierApplication *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dossier_application_parent_class)->dispose (object);
}

static void
dossier_application_class_init (DossierApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dossier_application_dispose;

  app_class->startup = dossier_application_startup;
  app_class->activate = dossier_application_activate;
  app_class->open = dossier_application_open;
  app_class->shutdown = dossier_application_shutdown;
}

static void
dossier_application_init (DossierApplication *self)
{
}

DossierApplication *
dossier_application_new (void)
{
  return g_object_new (DOSSIER_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", APP_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/**
 * dossier_application_get_settings:
 *
 * Returns: (transfer none): the settings, once the application has started.
 */
GSettings *
dossier_application_get_settings (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * dossier_application_get_store:
 *
 * Returns: (transfer none): the clients, once the application has started.
 */
DossierClientStore *
dossier_application_get_store (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);
  return self->store;
}
