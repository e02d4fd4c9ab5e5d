/* test-gui-shell.c: the application's window as a user drives it: clients created,
 * listed, searched, deleted and brought back, opened, autosaved, and damaged files that
 * are never loaded silently
 *
 * Needs a display (tests/run-with-display.sh starts Xvfb and D-Bus). Runs with its own
 * XDG_DATA_HOME, so the clients folder is a temporary one, and the settings in memory.
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dossier-application.h"
#include "dossier-autosave.h"
#include "dossier-client-list.h"
#include "dossier-client-store.h"
#include "dossier-window.h"

/* The test is long-running: one application and one window for every case, in order. */
static struct
{
  char               *data_home;
  char               *folder;
  DossierApplication *app;
  DossierWindow      *window;
  DossierClientStore *store;
  DossierClientList  *list;
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

static gboolean
store_idle (void)
{
  return !dossier_client_store_get_loading (shell.store);
}

static const char *
page (void)
{
  return dossier_window_get_page (shell.window);
}

static guint
n_visible (void)
{
  dossier_client_list_update_now (shell.list);
  return g_list_model_get_n_items (dossier_client_list_get_visible (shell.list));
}

static DossierClient *
visible_client_named (const char *display_name)
{
  GListModel *visible = dossier_client_list_get_visible (shell.list);

  dossier_client_list_update_now (shell.list);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(DossierClient) client = g_list_model_get_item (visible, i);

      if (g_strcmp0 (dossier_client_get_display_name (client), display_name) == 0)
        return client;   /* The list keeps it alive. */
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    return NULL;
  return contents;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = read_file (path);

  return contents != NULL && strstr (contents, needle) != NULL;
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
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

/* A client made the way the New Client dialog makes one, through the store. */
static DossierClient *
create_client (const char *family_name,
               const char *given_names,
               const char *program)
{
  g_autoptr(DossierProfile) profile = dossier_profile_new ();
  g_autoptr(GError) error = NULL;
  DossierClient *client = NULL;

  dossier_profile_set_value (profile, "applicant/family-name", family_name, &error);
  g_assert_no_error (error);
  dossier_profile_set_value (profile, "applicant/given-names", given_names, &error);
  g_assert_no_error (error);
  if (program != NULL)
    {
      dossier_profile_set_value (profile, "program/@id", program, &error);
      g_assert_no_error (error);
    }
  dossier_client_store_create_async (shell.store, profile, NULL, create_client_cb, &client);
  WAIT_UNTIL (client != NULL, 5000);
  g_object_unref (client);   /* The store keeps it. */
  return client;
}

static void
open_client_and_wait (DossierClient *client)
{
  dossier_window_open_client (shell.window, client);
  WAIT_UNTIL (dossier_window_get_profile (shell.window) != NULL
              && dossier_window_is_showing_path (shell.window, dossier_client_get_path (client)),
              5000);
  g_assert_cmpstr (page (), ==, "client");
}

static void
back_to_clients (void)
{
  dossier_window_show_clients (shell.window);
  WAIT_UNTIL (g_strcmp0 (page (), "clients") == 0 && dossier_window_get_profile (shell.window) == NULL,
              5000);
  WAIT_UNTIL (store_idle (), 30000);
}

/* ------------------------------------------------------------------------------------
 * The cases
 */

static void
test_create_and_list (void)
{
  GStatBuf st;
  AdwMessageDialog *dialog;
  GtkEditable *family;
  GtkEditable *given;
  DossierClient *client;

  g_assert_cmpstr (page (), ==, "clients");
  g_assert_cmpuint (n_visible (), ==, 0);

  create_client ("Dela Cruz", "Maria Luisa", "hcwip-child-care");
  create_client ("Okafor", "Ngozi", "hcwip-home-support");

  /* The third through the New Client dialog, as a user would. */
  gtk_widget_activate_action (GTK_WIDGET (shell.window), "win.new-client", NULL);
  WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  family = g_object_get_data (G_OBJECT (dialog), "family");
  given = g_object_get_data (G_OBJECT (dialog), "given");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (family, "Santos");
  gtk_editable_set_text (given, "José");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  adw_message_dialog_response (dialog, "create");
  gtk_window_close (GTK_WINDOW (dialog));

  /* A new client opens at once, in the wizard. */
  WAIT_UNTIL (dossier_window_get_profile (shell.window) != NULL, 5000);
  g_assert_cmpstr (page (), ==, "client");
  back_to_clients ();

  g_assert_cmpuint (n_visible (), ==, 3);
  g_assert_nonnull (visible_client_named ("Maria Luisa Dela Cruz"));
  g_assert_nonnull (visible_client_named ("Ngozi Okafor"));
  client = visible_client_named ("José Santos");
  g_assert_nonnull (client);
  g_assert_cmpint (dossier_client_get_status (client), ==, DOSSIER_CLIENT_LOADED);

  /* Sorted by family name; the programs and their verdicts are read. */
  {
    g_autoptr(DossierClient) first = g_list_model_get_item (dossier_client_list_get_visible (shell.list), 0);

    g_assert_cmpstr (dossier_client_get_family_name (first), ==, "Dela Cruz");
    g_assert_cmpstr (dossier_client_get_program_id (first), ==, "hcwip-child-care");
    g_assert_nonnull (dossier_client_get_program_title (first));
    g_assert_cmpint (dossier_client_get_verdict (first), !=, DOSSIER_CLIENT_NO_VERDICT);
  }

  /* Private: the folder and the files are their owner's only. */
  g_assert_cmpint (g_stat (shell.folder, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_str_has_prefix (dossier_client_get_path (client), shell.folder));
  g_assert_cmpuint (file_mode (dossier_client_get_path (client)), ==, 0600);
}

static void
test_search (void)
{
  DossierClient *client;

  dossier_client_list_set_search_text (shell.list, "okaf");
  g_assert_cmpuint (n_visible (), ==, 1);
  g_assert_nonnull (visible_client_named ("Ngozi Okafor"));

  /* Accents and case do not matter; every word must match. */
  dossier_client_list_set_search_text (shell.list, "JOSE");
  g_assert_cmpuint (n_visible (), ==, 1);
  dossier_client_list_set_search_text (shell.list, "maria cruz");
  g_assert_cmpuint (n_visible (), ==, 1);
  dossier_client_list_set_search_text (shell.list, "maria okafor");
  g_assert_cmpuint (n_visible (), ==, 0);

  /* Selecting a client hidden by the search shows every client again. */
  dossier_client_list_set_search_text (shell.list, "");
  client = visible_client_named ("Ngozi Okafor");
  dossier_client_list_set_search_text (shell.list, "santos");
  dossier_client_list_select_client (shell.list, client, FALSE);
  g_assert_cmpstr (dossier_client_list_get_search_text (shell.list), ==, "");
  g_assert_true (dossier_client_list_get_selected_client (shell.list) == client);
  g_assert_cmpuint (n_visible (), ==, 3);

  /* Sorting by another key keeps every client. */
  dossier_client_list_set_sort_key (shell.list, "expiry");
  g_assert_cmpuint (n_visible (), ==, 3);
  dossier_client_list_set_sort_key (shell.list, "name");
}

static void
test_delete_and_undo (void)
{
  DossierClient *client = visible_client_named ("Ngozi Okafor");
  g_autofree char *path = g_strdup (dossier_client_get_path (client));
  g_autofree char *contents = read_file (path);

  dossier_client_list_select_client (shell.list, client, TRUE);
  g_assert_true (dossier_client_list_get_selected_client (shell.list) == client);
  gtk_widget_activate_action (GTK_WIDGET (shell.window), "win.delete", NULL);
  spin (50);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_visible (), ==, 2);
  g_assert_null (visible_client_named ("Ngozi Okafor"));
  /* The focus went to the client that took its place. */
  g_assert_nonnull (dossier_client_list_get_selected_client (shell.list));

  /* Undo (the toast's button) puts the very file back. */
  gtk_widget_activate_action (GTK_WIDGET (shell.window), "win.undo-delete", "s", path);
  spin (50);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    g_autofree char *restored = read_file (path);

    g_assert_cmpstr (restored, ==, contents);
  }
  g_assert_cmpuint (n_visible (), ==, 3);
  g_assert_true (dossier_client_list_get_selected_client (shell.list) == client);

  /* Ctrl+Z does the same for the last deletion. */
  gtk_widget_activate_action (GTK_WIDGET (shell.window), "win.delete", NULL);
  spin (50);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_widget_activate_action (GTK_WIDGET (shell.window), "win.undo", NULL);
  spin (50);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_visible (), ==, 3);
}

/* Windows closed while their toasts are still moving in or out, with animations on (a
 * toast's animation that outlived its overlay would be a use-after-free, which the
 * sanitizer build reports). */
static void
test_close_during_toast (void)
{
  for (guint round = 0; round < 2; round++)
    {
      DossierClient *client = create_client ("Toast", round == 0 ? "Undone" : "Closed", NULL);
      g_autofree char *path = g_strdup (dossier_client_get_path (client));
      DossierWindow *window = dossier_window_new (shell.app);
      DossierClientList *list = dossier_window_get_client_list (window);

      gtk_window_present (GTK_WINDOW (window));
      spin (100);
      dossier_client_list_select_client (list, client, TRUE);
      g_assert_true (dossier_client_list_get_selected_client (list) == client);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL);
      spin (30);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      if (round == 0)
        {
          /* Undone while the toast is still appearing, then closed at once. */
          gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", "s", path);
          spin (30);
          g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
        }
      gtk_window_close (GTK_WINDOW (window));
      spin (1500);
      /* Closing the window makes a pending deletion final; an undone one stays undone. */
      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, round == 0);
      if (round == 0)
        {
          /* Not one of the clients the other cases count. */
          g_autoptr(GError) error = NULL;

          g_assert_true (dossier_client_store_delete (shell.store, client, &error));
          g_assert_no_error (error);
          dossier_client_store_commit_delete (shell.store, client);
        }
    }
  WAIT_UNTIL (store_idle (), 5000);
}

/* Every toplevel window is a visible one: GTK 4.8's accessibility bridge crashes the
 * application when a screen reader's GetChildAtIndex lands on a hidden window (it answers
 * with the last toplevel, visible or not), as it does when a window has just closed. */
static guint
n_hidden_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint hidden = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (!gtk_widget_get_visible (window))
        hidden++;
    }
  return hidden;
}

static void
test_no_hidden_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before = g_list_model_get_n_items (toplevels);

  g_assert_cmpuint (n_hidden_toplevels (), ==, 0);

  /* The shortcuts window is made when asked for, and goes when closed. */
  gtk_widget_activate_action (GTK_WIDGET (shell.window), "win.show-help-overlay", NULL);
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
  g_assert_cmpuint (n_hidden_toplevels (), ==, 0);
  {
    g_autoptr(GtkWindow) shortcuts = g_list_model_get_item (toplevels, before);

    g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
    gtk_window_close (shortcuts);
  }
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before);
  g_assert_cmpuint (n_hidden_toplevels (), ==, 0);
}

static void
test_autosave (void)
{
  DossierClient *client = visible_client_named ("Maria Luisa Dela Cruz");
  g_autofree char *path = g_strdup (dossier_client_get_path (client));
  g_autofree char *backup = dossier_backup_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) previous = NULL;
  DossierProfile *profile;
  gint64 changed_at;
  gint64 saved_at;

  open_client_and_wait (client);
  profile = dossier_window_get_profile (shell.window);
  g_assert_false (dossier_autosave_get_dirty (dossier_window_get_autosave (shell.window)));

  /* Written within two seconds, off the main loop, with nothing to press. */
  changed_at = g_get_monotonic_time ();
  dossier_profile_set_value (profile, "applicant/email", "maria@example.org", &error);
  g_assert_no_error (error);
  g_assert_true (dossier_autosave_get_dirty (dossier_window_get_autosave (shell.window)));
  WAIT_UNTIL (file_contains (path, "maria@example.org"), 2500);
  saved_at = g_get_monotonic_time ();
  g_assert_cmpint (saved_at - changed_at, <=, DOSSIER_AUTOSAVE_MAX_DELAY * G_TIME_SPAN_MILLISECOND);
  WAIT_UNTIL (!dossier_autosave_get_dirty (dossier_window_get_autosave (shell.window)), 2000);
  g_assert_nonnull (dossier_autosave_get_last_saved (dossier_window_get_autosave (shell.window)));
  g_assert_cmpuint (file_mode (path), ==, 0600);

  /* The file replaced is kept as FILE~, and it is the previous good copy. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (backup), ==, 0600);
  previous = dossier_profile_load (backup, &error);
  g_assert_no_error (error);
  {
    g_autofree char *email = dossier_profile_get_value (previous, "applicant/email");

    g_assert_null (email);
  }

  /* Going back writes what is left at once, and the list shows the change. */
  dossier_profile_set_value (profile, "applicant/given-names", "Maria Luz", &error);
  g_assert_no_error (error);
  back_to_clients ();
  {
    g_autofree char *now = read_file (path);

    g_assert_nonnull (strstr (now, "Maria Luz"));
  }
  g_assert_nonnull (visible_client_named ("Maria Luz Dela Cruz"));
  /* The focus is back on that client. */
  g_assert_true (dossier_client_list_get_selected_client (shell.list) == client);
}

static void
test_damaged_file_is_not_loaded_silently (void)
{
  DossierClient *client = visible_client_named ("Maria Luz Dela Cruz");
  g_autofree char *path = g_strdup (dossier_client_get_path (client));
  g_autofree char *backup = dossier_backup_path (path);
  g_autofree char *damaged = g_strconcat (path, ".damaged", NULL);
  g_autofree char *backup_contents = read_file (backup);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  DossierProfile *profile;

  g_assert_nonnull (backup_contents);

  /* A power cut in the middle of someone else's write, say. */
  g_file_set_contents (path, "<dossier xmlns=\"urn:dossier:profile:1\" format-v", -1, &error);
  g_assert_no_error (error);

  dossier_window_open_client (shell.window, client);
  WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  /* Nothing is open while the user has not chosen. */
  g_assert_cmpstr (page (), ==, "clients");
  g_assert_null (dossier_window_get_profile (shell.window));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));

  /* Cancel: still nothing open, the damaged file untouched. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  spin (100);
  g_assert_null (dossier_window_get_profile (shell.window));
  g_assert_false (g_file_test (damaged, G_FILE_TEST_EXISTS));

  /* Open the previous copy: it becomes the file, the damaged one is kept aside. */
  dossier_window_open_client (shell.window, client);
  WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
  adw_message_dialog_response (dialog, "restore");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (dossier_window_get_profile (shell.window) != NULL, 5000);
  profile = dossier_window_get_profile (shell.window);
  {
    g_autofree char *family = dossier_profile_get_value (profile, "applicant/family-name");
    g_autofree char *now = read_file (path);

    g_assert_cmpstr (family, ==, "Dela Cruz");
    g_assert_cmpstr (now, ==, backup_contents);
  }
  g_assert_true (g_file_test (damaged, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (path), ==, 0600);
  back_to_clients ();

  /* Damaged with no previous copy: an error naming the file, nothing loaded. */
  {
    DossierClient *okafor = visible_client_named ("Ngozi Okafor");
    const char *okafor_path = dossier_client_get_path (okafor);
    g_autofree char *basename = g_path_get_basename (okafor_path);
    g_autofree char *okafor_backup = dossier_backup_path (okafor_path);

    g_assert_false (g_file_test (okafor_backup, G_FILE_TEST_EXISTS));
    g_file_set_contents (okafor_path, "not a profile", -1, &error);
    g_assert_no_error (error);
    dossier_window_open_client (shell.window, okafor);
    WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5000);
    g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), basename));
    g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
    g_assert_null (dossier_window_get_profile (shell.window));
    adw_message_dialog_response (dialog, "close");
    gtk_window_close (GTK_WINDOW (dialog));
    spin (50);

    /* The list says so too, once the summary is read again. */
    dossier_client_store_refresh (shell.store, okafor);
    WAIT_UNTIL (store_idle (), 10000);
    g_assert_cmpint (dossier_client_get_status (okafor), ==, DOSSIER_CLIENT_DAMAGED);
    g_assert_nonnull (dossier_client_get_error_message (okafor));
  }
}

static void
test_open_file_in_place (void)
{
  g_autofree char *outside_dir = g_build_filename (shell.data_home, "usb-stick", NULL);
  g_autofree char *outside = g_build_filename (outside_dir, "visitor.dossier", NULL);
  g_autoptr(DossierProfile) profile = dossier_profile_new ();
  g_autoptr(GFile) file = g_file_new_for_path (outside);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (outside_dir, 0700);
  dossier_profile_set_value (profile, "applicant/family-name", "Visitor", &error);
  g_assert_no_error (error);
  dossier_profile_save (profile, outside, &error);
  g_assert_no_error (error);

  /* As from the file manager or the command line. */
  dossier_window_open_file (shell.window, file);
  WAIT_UNTIL (dossier_window_is_showing_path (shell.window, outside), 5000);
  g_assert_cmpstr (page (), ==, "client");

  /* Edited where it is. */
  dossier_profile_set_value (dossier_window_get_profile (shell.window),
                             "applicant/given-names", "Guest", &error);
  g_assert_no_error (error);
  dossier_window_flush (shell.window);
  {
    g_autofree char *now = read_file (outside);

    g_assert_nonnull (strstr (now, "Guest"));
  }
  back_to_clients ();
  /* It is not one of the clients. */
  g_assert_cmpuint (n_visible (), ==, 3);
}

static void
test_duplicate (void)
{
  DossierClient *client = visible_client_named ("José Santos");
  guint before = n_visible ();

  dossier_client_list_select_client (shell.list, client, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (shell.window), "win.duplicate", NULL);
  WAIT_UNTIL (n_visible () == before + 1, 5000);
  WAIT_UNTIL (store_idle (), 10000);
  /* The copy is selected, a different file with the same applicant. */
  g_assert_true (dossier_client_list_get_selected_client (shell.list) != client);
  g_assert_cmpstr (dossier_client_get_display_name (dossier_client_list_get_selected_client (shell.list)),
                   ==, "José Santos");
  g_assert_cmpuint (file_mode (dossier_client_get_path (dossier_client_list_get_selected_client (shell.list))),
                    ==, 0600);
}

/* 500 clients: listed at once, summaries read in the background. */
static void
test_many_clients (void)
{
  g_autofree char *template = read_file (dossier_client_get_path (visible_client_named ("José Santos")));
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *name = g_strdup_printf ("bulk-%03u.dossier", i);
      g_autofree char *path = g_build_filename (shell.folder, name, NULL);
      g_autofree char *given = g_strdup_printf ("<given-names>Person %03u</given-names>", i);
      g_autoptr(GString) contents = g_string_new (template);

      g_string_replace (contents, "<given-names>José</given-names>", given, 1);
      g_file_set_contents (path, contents->str, contents->len, &error);
      g_assert_no_error (error);
    }

  start = g_get_monotonic_time ();
  dossier_client_store_load_async (shell.store, NULL, NULL, NULL);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (shell.store)) >= 504, 5000);
  g_test_message ("500 clients listed in %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  /* Listed before their summaries are read. */
  g_assert_true (dossier_client_store_get_loading (shell.store));

  WAIT_UNTIL (store_idle (), 90000);
  g_test_message ("500 summaries read in %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  dossier_client_list_set_search_text (shell.list, "person 123");
  g_assert_cmpuint (n_visible (), ==, 1);
  dossier_client_list_set_search_text (shell.list, "");
  g_assert_cmpuint (n_visible (), ==, 504);
}

typedef struct
{
  gboolean       done;
  DossierClient *client;
  GError        *error;
} AddResult;

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  AddResult *add = user_data;

  add->client = dossier_client_store_add_finish (DOSSIER_CLIENT_STORE (object), result, &add->error);
  add->done = TRUE;
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AddResult *export = user_data;

  dossier_client_store_export_finish (DOSSIER_CLIENT_STORE (object), result, &export->error);
  export->done = TRUE;
}

/* From a USB stick and back: a copy in the clients folder, private; a damaged file is
 * refused before it is copied. */
static void
test_import_and_export (void)
{
  g_autofree char *stick = g_build_filename (shell.data_home, "usb-stick", NULL);
  g_autofree char *visitor = g_build_filename (stick, "visitor.dossier", NULL);
  g_autofree char *broken = g_build_filename (stick, "broken.dossier", NULL);
  g_autofree char *exported = g_build_filename (stick, "exported.dossier", NULL);
  g_autoptr(GFile) visitor_file = g_file_new_for_path (visitor);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr(GFile) exported_file = g_file_new_for_path (exported);
  g_autoptr(GError) error = NULL;
  AddResult import = { FALSE, NULL, NULL };
  AddResult refused = { FALSE, NULL, NULL };
  AddResult export = { FALSE, NULL, NULL };
  guint before = g_list_model_get_n_items (G_LIST_MODEL (shell.store));

  g_assert_true (g_file_test (visitor, G_FILE_TEST_EXISTS));
  dossier_client_store_import_async (shell.store, visitor_file, NULL, add_cb, &import);
  WAIT_UNTIL (import.done, 5000);
  g_assert_no_error (import.error);
  g_assert_nonnull (import.client);
  g_assert_true (g_str_has_prefix (dossier_client_get_path (import.client), shell.folder));
  g_assert_cmpuint (file_mode (dossier_client_get_path (import.client)), ==, 0600);
  {
    g_autofree char *copy = read_file (dossier_client_get_path (import.client));
    g_autofree char *original = read_file (visitor);

    g_assert_cmpstr (copy, ==, original);
  }
  WAIT_UNTIL (store_idle (), 10000);
  g_assert_cmpstr (dossier_client_get_display_name (import.client), ==, "Guest Visitor");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shell.store)), ==, before + 1);

  g_file_set_contents (broken, "<?xml version=\"1.0\"?><html/>", -1, &error);
  g_assert_no_error (error);
  dossier_client_store_import_async (shell.store, broken_file, NULL, add_cb, &refused);
  WAIT_UNTIL (refused.done, 5000);
  g_assert_null (refused.client);
  g_assert_error (refused.error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shell.store)), ==, before + 1);

  dossier_client_store_export_async (shell.store, import.client, exported_file, NULL,
                                     export_cb, &export);
  WAIT_UNTIL (export.done, 5000);
  g_assert_no_error (export.error);
  {
    g_autofree char *copy = read_file (exported);
    g_autofree char *original = read_file (dossier_client_get_path (import.client));

    g_assert_cmpstr (copy, ==, original);
  }

  g_object_unref (import.client);
  g_clear_error (&refused.error);
}

/* ------------------------------------------------------------------------------------
 * Set-up
 */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Settings in memory, from the schema compiled in the build folder; clients in a
   * folder of their own. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* Software OpenGL (Xvfb) leaks in its driver when it is unloaded, which
   * LeakSanitizer reports; cairo draws the same widgets. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL && g_getenv ("DOSSIER_DATADIR") != NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", g_getenv ("DOSSIER_DATADIR"), TRUE);
  shell.data_home = g_dir_make_tmp ("dossier-shell-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", shell.data_home, TRUE);
  shell.folder = g_build_filename (shell.data_home, "dossier", "clients", NULL);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  shell.app = dossier_application_new ();
  g_application_set_flags (G_APPLICATION (shell.app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (shell.app), NULL, &error);
  g_assert_no_error (error);
  shell.store = dossier_application_get_store (shell.app);
  WAIT_UNTIL (store_idle (), 5000);

  shell.window = dossier_window_new (shell.app);
  shell.list = dossier_window_get_client_list (shell.window);
  gtk_window_present (GTK_WINDOW (shell.window));
  spin (100);

  g_test_add_func ("/shell/create-and-list", test_create_and_list);
  g_test_add_func ("/shell/search", test_search);
  g_test_add_func ("/shell/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/shell/close-during-toast", test_close_during_toast);
  g_test_add_func ("/shell/no-hidden-windows", test_no_hidden_windows);
  g_test_add_func ("/shell/autosave", test_autosave);
  g_test_add_func ("/shell/damaged-file", test_damaged_file_is_not_loaded_silently);
  g_test_add_func ("/shell/open-file-in-place", test_open_file_in_place);
  g_test_add_func ("/shell/duplicate", test_duplicate);
  g_test_add_func ("/shell/many-clients", test_many_clients);
  g_test_add_func ("/shell/import-and-export", test_import_and_export);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (shell.window));
  spin (50);
  g_clear_object (&shell.app);
  remove_tree (shell.data_home);
  g_free (shell.data_home);
  g_free (shell.folder);
  return status;
}
