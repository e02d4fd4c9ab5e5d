/* test-gui-i18n.c: the interface changes language while a client is open, in place, and
 * nothing is lost: the words change (Dossier's own, the programs' titles from the rule
 * packs, the countries' names from iso-codes), the client, its step and what was typed
 * but not yet written stay, and the file on disk holds it all.
 *
 * Needs a display (tests/run-with-display.sh) and the French catalogue of the build tree
 * (build/locale/fr), which dossier_i18n_init () finds beside DOSSIER_DATADIR.
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dossier-application.h"
#include "dossier-autosave.h"
#include "dossier-client-store.h"
#include "dossier-countries.h"
#include "dossier-field-row.h"
#include "dossier-i18n.h"
#include "dossier-pack.h"
#include "dossier-preferences.h"
#include "dossier-window.h"
#include "dossier-wizard.h"

static struct
{
  char               *data_home;
  DossierApplication *app;
  DossierClientStore *store;
} shell;

#define WAIT_UNTIL(condition, timeout_ms)                                          \
  G_STMT_START {                                                                   \
    gint64 wait_end_ = g_get_monotonic_time () + (timeout_ms) * G_TIME_SPAN_MILLISECOND; \
    while (!(condition))                                                           \
      {                                                                            \
        if (g_get_monotonic_time () > wait_end_)                                   \
          g_error ("%s:%d: still not true after %d ms: %s", __FILE__, __LINE__,    \
                   (int) (timeout_ms), #condition);                                \
        if (!g_main_context_iteration (NULL, FALSE))                               \
          g_usleep (1000);                                                         \
      }                                                                            \
  } G_STMT_END

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

/* Whether a label under root shows exactly text. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The one DossierWindow, or the one preferences window (which is not the
 * application's: it is found among the toplevels). */
static GtkWindow *
only_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        {
          g_assert_null (found);
          found = window;
        }
    }
  return found;
}

/* What the drop-down of a choice row shows. */
static const char *
shown_choice (DossierFieldRow *row)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (find_widget (GTK_WIDGET (row), GTK_TYPE_DROP_DOWN));
  GtkStringObject *item;

  g_assert_nonnull (drop_down);
  item = gtk_drop_down_get_selected_item (drop_down);
  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static void
create_client_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DossierClient **client = user_data;
  g_autoptr(GError) error = NULL;

  *client = dossier_client_store_add_finish (DOSSIER_CLIENT_STORE (object), result, &error);
  g_assert_no_error (error);
}

static DossierClient *
create_client (void)
{
  g_autoptr(DossierProfile) profile = dossier_profile_new ();
  g_autoptr(GError) error = NULL;
  DossierClient *client = NULL;

  dossier_profile_set_value (profile, "applicant/family-name", "Reyes", &error);
  g_assert_no_error (error);
  dossier_profile_set_value (profile, "applicant/given-names", "Ana Sofía", &error);
  g_assert_no_error (error);
  dossier_profile_set_value (profile, "applicant/citizenship", "MX", &error);
  g_assert_no_error (error);
  dossier_profile_set_value (profile, "program/@id", "hcwip-child-care", &error);
  g_assert_no_error (error);
  dossier_client_store_create_async (shell.store, profile, NULL, create_client_cb, &client);
  WAIT_UNTIL (client != NULL, 5000);
  g_object_unref (client);   /* The store keeps it. */
  return client;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Changes the language through the settings, as the preferences do, and waits for the
 * window to be made again. */
static DossierWindow *
switch_language (DossierWindow *window,
                 const char    *language)
{
  GSettings *settings = dossier_application_get_settings (shell.app);
  DossierWindow *old = window;

  g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);
  g_settings_set_string (settings, "language", language);
  WAIT_UNTIL (old == NULL, 10000);
  window = DOSSIER_WINDOW (only_window (DOSSIER_TYPE_WINDOW));
  g_assert_nonnull (window);
  g_assert_cmpstr (dossier_i18n_get_language (), ==, language);
  spin (100);
  return window;
}

static void
test_switch_while_editing (void)
{
  static const char * const others[] = { "es", "tl", "zh_CN" };
  DossierWindow *window = DOSSIER_WINDOW (only_window (DOSSIER_TYPE_WINDOW));
  DossierClient *client = create_client ();
  g_autofree char *path = g_strdup (dossier_client_get_path (client));
  g_autoptr(DossierPack) pack = dossier_pack_find ("hcwip-child-care", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *in_memory = NULL;
  g_autofree char *on_disk = NULL;
  DossierProfile *profile;
  DossierWizard *wizard;
  DossierFieldRow *citizenship;
  gsize length = 0;
  const char *about;

  g_assert_nonnull (pack);
  g_assert_true (dossier_i18n_has_catalogue ("fr"));
  g_assert_cmpstr (dossier_i18n_data_language (), ==, "en");

  dossier_window_open_client (window, client);
  WAIT_UNTIL (dossier_window_get_profile (window) != NULL, 5000);
  wizard = DOSSIER_WIZARD (find_widget (GTK_WIDGET (window), DOSSIER_TYPE_WIZARD));
  dossier_wizard_open_step (wizard, "about");
  spin (100);

  /* In English: the step, the program's title, the country. */
  g_assert_true (shows_label (GTK_WIDGET (window), "About you"));
  g_assert_true (shows_label (GTK_WIDGET (window), dossier_pack_get_title (pack, "en")));
  citizenship = dossier_field_rows_find (GTK_WIDGET (window), "/dossier/applicant/citizenship");
  g_assert_nonnull (citizenship);
  g_assert_cmpstr (shown_choice (citizenship), ==, "Mexico");

  /* Typed, not yet written (the autosave waits a second): it must survive. */
  profile = dossier_window_get_profile (window);
  dossier_profile_set_value (profile, "applicant/phone", "+1 514 555 0199", &error);
  g_assert_no_error (error);
  g_assert_true (dossier_autosave_get_dirty (dossier_window_get_autosave (window)));
  in_memory = dossier_profile_to_data (profile, &length);

  window = switch_language (window, "fr");

  /* The same client, the same profile, at the same step; all of it on disk. */
  g_assert_cmpstr (dossier_window_get_page (window), ==, "client");
  g_assert_true (dossier_window_is_showing_path (window, path));
  g_assert_true (dossier_window_get_profile (window) == profile);
  wizard = DOSSIER_WIZARD (find_widget (GTK_WIDGET (window), DOSSIER_TYPE_WIZARD));
  g_assert_cmpstr (dossier_wizard_get_step (wizard), ==, "about");
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, in_memory);
  g_clear_pointer (&in_memory, g_free);
  in_memory = dossier_profile_to_data (dossier_window_get_profile (window), &length);
  g_assert_cmpstr (on_disk, ==, in_memory);

  /* In French: Dossier's words, the pack's French title, the country in French. */
  about = g_dgettext (GETTEXT_PACKAGE, "About you");
  g_assert_cmpstr (about, !=, "About you");
  g_assert_true (shows_label (GTK_WIDGET (window), about));
  g_assert_false (shows_label (GTK_WIDGET (window), "About you"));
  g_assert_cmpstr (dossier_i18n_data_language (), ==, "fr");
  g_assert_true (shows_label (GTK_WIDGET (window), dossier_pack_get_title (pack, "fr")));
  citizenship = dossier_field_rows_find (GTK_WIDGET (window), "/dossier/applicant/citizenship");
  g_assert_cmpstr (shown_choice (citizenship), ==, "Mexique");
  g_assert_cmpstr (shown_choice (citizenship), ==, dossier_country_get_name ("MX"));

  /* Every other catalogue: the window shows the wizard's words in it, and the packs'
   * English (the data language follows only French). */
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      const char *translated;

      g_assert_true (dossier_i18n_has_catalogue (others[i]));
      window = switch_language (window, others[i]);
      translated = g_dgettext (GETTEXT_PACKAGE, "About you");
      g_assert_cmpstr (translated, !=, "About you");
      g_assert_true (shows_label (GTK_WIDGET (window), translated));
      g_assert_true (shows_label (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "Work history")));
      g_assert_false (shows_label (GTK_WIDGET (window), "About you"));
      g_assert_cmpstr (dossier_i18n_data_language (), ==, "en");
      g_assert_true (shows_label (GTK_WIDGET (window), dossier_pack_get_title (pack, "en")));
    }

  /* Back to the system's language, English here. */
  window = switch_language (window, "");
  g_assert_true (shows_label (GTK_WIDGET (window), "About you"));
  g_assert_cmpstr (dossier_i18n_data_language (), ==, "en");
  citizenship = dossier_field_rows_find (GTK_WIDGET (window), "/dossier/applicant/citizenship");
  g_assert_cmpstr (shown_choice (citizenship), ==, "Mexico");
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, in_memory);
}

/* Chosen in the preferences, the language applies at once, and the preferences open
 * again in it. */
static void
test_switch_from_preferences (void)
{
  DossierPreferences *preferences;
  DossierPreferences *old;
  AdwComboRow *row = NULL;
  GListModel *model;
  guint french = GTK_INVALID_LIST_POSITION;

  g_action_group_activate_action (G_ACTION_GROUP (shell.app), "preferences", NULL);
  WAIT_UNTIL (only_window (DOSSIER_TYPE_PREFERENCES) != NULL, 5000);
  preferences = DOSSIER_PREFERENCES (only_window (DOSSIER_TYPE_PREFERENCES));
  g_assert_true (shows_label (GTK_WIDGET (preferences), "Language"));

  /* The first row of its kind is the interface language's. */
  row = ADW_COMBO_ROW (find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "_Language of the windows");
  model = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "Français"))
      french = i;
  g_assert_cmpuint (french, !=, GTK_INVALID_LIST_POSITION);

  old = preferences;
  g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);
  adw_combo_row_set_selected (row, french);
  WAIT_UNTIL (old == NULL && only_window (DOSSIER_TYPE_PREFERENCES) != NULL, 10000);
  g_assert_cmpstr (dossier_i18n_get_language (), ==, "fr");
  preferences = DOSSIER_PREFERENCES (only_window (DOSSIER_TYPE_PREFERENCES));
  g_assert_true (shows_label (GTK_WIDGET (preferences), g_dgettext (GETTEXT_PACKAGE, "Language")));
  g_assert_false (shows_label (GTK_WIDGET (preferences), "Language"));
  row = ADW_COMBO_ROW (find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, french);

  gtk_window_destroy (GTK_WINDOW (preferences));
  switch_language (DOSSIER_WINDOW (only_window (DOSSIER_TYPE_WINDOW)), "");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  DossierWindow *window;
  int status;

  /* English to start with, whatever the machine says; the catalogues of the build
   * tree. */
  g_unsetenv ("LANGUAGE");
  dossier_i18n_init ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL && g_getenv ("DOSSIER_DATADIR") != NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", g_getenv ("DOSSIER_DATADIR"), TRUE);
  shell.data_home = g_dir_make_tmp ("dossier-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", shell.data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  shell.app = dossier_application_new ();
  g_application_set_flags (G_APPLICATION (shell.app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (shell.app), NULL, &error);
  g_assert_no_error (error);
  shell.store = dossier_application_get_store (shell.app);
  WAIT_UNTIL (!dossier_client_store_get_loading (shell.store), 5000);

  window = dossier_window_new (shell.app);
  gtk_window_present (GTK_WINDOW (window));
  spin (100);

  g_test_add_func ("/i18n/switch-while-editing", test_switch_while_editing);
  g_test_add_func ("/i18n/switch-from-preferences", test_switch_from_preferences);

  status = g_test_run ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (shell.app)); l; )
    {
      GtkWindow *w = l->data;

      l = l->next;
      gtk_window_destroy (w);
    }
  spin (50);
  g_clear_object (&shell.app);
  remove_tree (shell.data_home);
  g_free (shell.data_home);
  return status;
}
