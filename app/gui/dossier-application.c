/* dossier-application.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-application.h"
#include "dossier-toast.h"
#include "dossier-i18n.h"
#include "dossier-preferences.h"
#include "dossier-window.h"

struct _DossierApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  DossierClientStore *store;
  gboolean            load_started;
  guint               relocalize_id;
};

G_DEFINE_FINAL_TYPE (DossierApplication, dossier_application, ADW_TYPE_APPLICATION)

const char *
dossier_application_get_language (void)
{
  return dossier_i18n_data_language ();
}

/* ------------------------------------------------------------------------------------
 * The interface language
 *
 * The language chosen in the preferences ("" for the system's) is applied in place,
 * without starting the program again: the catalogue is switched ($LANGUAGE, and the
 * locale set again so that gettext forgets what it looked up), then every window is made
 * again, since GTK translates a widget's words once, when it is built. Each new window
 * takes over from its old one (dossier_window_take_over ()): the client's changes are
 * written first, then the same profile object, step and as-of day move to it, with the
 * deletions that can still be undone. Re-executing the program would also work, but it
 * would lose what is only in memory (the step, the as-of day, the undo toasts) and make
 * the window blink away; a second instance started by the desktop in the meantime would
 * become the primary one.
 */

static void
present_preferences (DossierApplication *self,
                     GtkWindow          *parent)
{
  DossierPreferences *preferences = dossier_preferences_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static gboolean
destroy_windows_cb (gpointer data)
{
  GPtrArray *windows = data;

  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (g_ptr_array_index (windows, i));
  return G_SOURCE_REMOVE;
}

static gboolean
relocalize_cb (gpointer user_data)
{
  DossierApplication *self = user_data;
  g_autofree char *language = g_settings_get_string (self->settings, "language");
  g_autoptr(GList) windows = NULL;
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *new_active = NULL;
  gboolean had_preferences = FALSE;

  self->relocalize_id = 0;
  if (g_strcmp0 (language, dossier_i18n_get_language ()) == 0)
    return G_SOURCE_REMOVE;

  dossier_i18n_set_language (language);
  dossier_client_store_set_language (self->store, dossier_i18n_data_language ());

  /* The old windows go once the new ones are there: the application would quit when its
   * last window goes. */
  g_application_hold (G_APPLICATION (self));
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;

      if (DOSSIER_IS_WINDOW (window))
        {
          DossierWindow *fresh = dossier_window_new (self);
          g_autoptr(GError) error = NULL;

          if (!dossier_window_take_over (fresh, DOSSIER_WINDOW (window), &error))
            {
              /* Nothing is lost: this window stays, in the old language, and says why. */
              gtk_window_destroy (GTK_WINDOW (fresh));
              dossier_window_show_error (DOSSIER_WINDOW (window), _("Changes Not Saved"),
                                         error->message);
              continue;
            }
          gtk_window_present (GTK_WINDOW (fresh));
          if (window == active || new_active == NULL)
            new_active = GTK_WINDOW (fresh);
          g_ptr_array_add (old, g_object_ref (window));
        }
    }
  /* The preferences window is not the application's (it is only transient for one of
   * its windows), so it is found among all the toplevels. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (DOSSIER_IS_PREFERENCES (window))
          {
            had_preferences = TRUE;
            /* First: it is transient for one of the old windows. */
            g_ptr_array_insert (old, 0, g_object_ref (window));
          }
      }
  }
  /* A toast still moving in an old window would outlive it (libadwaita 1.2): those
   * windows go once it has stopped. */
  if (dossier_toast_get_settle_delay () > 0)
    g_timeout_add_full (G_PRIORITY_DEFAULT, dossier_toast_get_settle_delay () + 50,
                        destroy_windows_cb, g_ptr_array_ref (old),
                        (GDestroyNotify) g_ptr_array_unref);
  else
    destroy_windows_cb (old);

  /* The preferences, where the language was chosen, open again in it. */
  if (had_preferences && new_active != NULL)
    present_preferences (self, new_active);
  else if (new_active != NULL)
    gtk_window_present (new_active);
  g_application_release (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

/* Not at once: the preferences' row that changed the setting is still busy telling of
 * it, and it is destroyed with its window. */
static void
on_language_changed_cb (DossierApplication *self)
{
  if (self->relocalize_id == 0)
    self->relocalize_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, relocalize_cb,
                                           g_object_ref (self), g_object_unref);
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

  present_preferences (self, gtk_application_get_active_window (GTK_APPLICATION (self)));
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
  /* The language chosen in the preferences, before anything is translated. */
  {
    g_autofree char *language = g_settings_get_string (self->settings, "language");

    if (*language != '\0')
      dossier_i18n_set_language (language);
  }
  g_signal_connect_object (self->settings, "changed::language",
                           G_CALLBACK (on_language_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (dossier_application_update_color_scheme), self,
                           G_CONNECT_SWAPPED);
  dossier_application_update_color_scheme (self);

  folder = dossier_client_store_default_folder ();
  self->store = dossier_client_store_new (folder);
  dossier_client_store_set_language (self->store, dossier_i18n_data_language ());
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

  g_clear_handle_id (&self->relocalize_id, g_source_remove);
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
