/* test-gui-spell.c: the spell checker on a real GtkTextView, with the real hunspell
 * dictionaries, and in the job dialog
 *
 * Needs a display (tests/run-with-display.sh starts Xvfb and D-Bus).
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dossier-job-dialog.h"
#include "dossier-spell-checker.h"
#include "dossier-speller.h"

typedef struct
{
  GtkWindow           *window;
  GtkTextView         *view;
  GtkTextBuffer       *buffer;
  DossierSpellChecker *checker;
} Fixture;

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs the main loop until the checker has loaded its dictionary and checked what
 * there is to check. */
static void
wait_checked (DossierSpellChecker *checker)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* What was just done may have scheduled work: let it start. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (dossier_spell_checker_get_busy (checker))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 400);
  fixture->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (fixture->view, GTK_WRAP_WORD_CHAR);
  gtk_accessible_update_property (GTK_ACCESSIBLE (fixture->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Duties", -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->view));
  gtk_window_set_child (fixture->window, scrolled);
  fixture->buffer = gtk_text_view_get_buffer (fixture->view);
  if (data != NULL)
    gtk_text_buffer_set_text (fixture->buffer, data, -1);
  fixture->checker = dossier_spell_checker_attach (fixture->view, "en_CA");
  g_object_add_weak_pointer (G_OBJECT (fixture->checker), (gpointer *) &fixture->checker);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  spin (20);
  /* The view took the checker with it. */
  g_assert_null (fixture->checker);
}

/* The underlined words, "word|word". */
static char *
underlined (Fixture *fixture)
{
  GtkTextTag *tag = dossier_spell_checker_get_tag (fixture->checker);
  g_autoptr(GString) out = g_string_new (NULL);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (fixture->buffer, &iter);
  while (gtk_text_iter_starts_tag (&iter, tag) || gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    {
      GtkTextIter start = iter;
      g_autofree char *word = NULL;

      g_assert_true (gtk_text_iter_starts_tag (&start, tag));
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      word = gtk_text_iter_get_slice (&start, &iter);
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append (out, word);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static guint
count_underlined (Fixture *fixture)
{
  g_autofree char *words = underlined (fixture);
  g_auto(GStrv) list = g_strsplit (words, "|", -1);

  return *words == '\0' ? 0 : g_strv_length (list);
}

/* Every item of the menu, sections and submenus included, as "label=action(target)". */
static void
collect_items (GMenuModel *model,
               GPtrArray  *items)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);

      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      if (label != NULL || action != NULL)
        g_ptr_array_add (items, g_strdup_printf ("%s=%s(%s)", label ? label : "", action ? action : "",
                                                 target != NULL ? g_variant_get_string (target, NULL) : ""));
      if (section != NULL)
        collect_items (section, items);
      if (submenu != NULL)
        collect_items (submenu, items);
    }
}

static gboolean
menu_has (DossierSpellChecker *checker,
          const char          *item)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  collect_items (dossier_spell_checker_get_menu (checker), items);
  for (guint i = 0; i < items->len; i++)
    {
      g_test_message ("menu: %s", (char *) g_ptr_array_index (items, i));
      if (g_str_equal (g_ptr_array_index (items, i), item))
        return TRUE;
    }
  return FALSE;
}

static void
place_cursor (Fixture *fixture,
              int      offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, offset);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);
}

static int
offset_of (Fixture    *fixture,
           const char *word)
{
  GtkTextIter start, end, match;

  gtk_text_buffer_get_bounds (fixture->buffer, &start, &end);
  g_assert_true (gtk_text_iter_forward_search (&start, word, 0, &match, NULL, NULL));
  return gtk_text_iter_get_offset (&match);
}

/* ------------------------------------------------------------------------------------
 * Typing
 */

static void
test_typing (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *words = NULL;
  g_autofree char *text = NULL;
  g_autofree char *list = NULL;
  g_autofree char *list_path = NULL;
  GtkTextIter start, end;

  wait_checked (fixture->checker);
  g_assert_null (dossier_spell_checker_get_problem (fixture->checker));
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (fixture->view)));

  /* Typed at the cursor, word by word: the last word is still being typed. */
  gtk_text_buffer_insert_interactive_at_cursor (fixture->buffer, "Yesterday I helpd the ", -1, TRUE);
  wait_checked (fixture->checker);
  gtk_text_buffer_insert_interactive_at_cursor (fixture->buffer, "childern with their colour homwork", -1, TRUE);
  wait_checked (fixture->checker);
  words = underlined (fixture);
  g_assert_cmpstr (words, ==, "helpd|childern");

  /* Once the cursor leaves it, it is checked too. */
  place_cursor (fixture, 0);
  wait_checked (fixture->checker);
  g_clear_pointer (&words, g_free);
  words = underlined (fixture);
  g_assert_cmpstr (words, ==, "helpd|childern|homwork");

  /* Typing into a word checks it again, and nothing else. */
  place_cursor (fixture, offset_of (fixture, "helpd") + 4);
  gtk_text_buffer_insert_interactive_at_cursor (fixture->buffer, "e", -1, TRUE);
  wait_checked (fixture->checker);
  g_clear_pointer (&words, g_free);
  words = underlined (fixture);
  g_assert_cmpstr (words, ==, "childern|homwork");

  /* The context menu: suggestions for the word at the cursor, the language. */
  place_cursor (fixture, offset_of (fixture, "childern") + 3);
  /* Suggestions are looked up in a worker. */
  wait_checked (fixture->checker);
  g_assert_true (menu_has (fixture->checker, "children=spell.correct(children)"));
  g_assert_true (menu_has (fixture->checker, "_Add to Dictionary=spell.add()"));
  g_assert_true (menu_has (fixture->checker, "_Ignore=spell.ignore()"));
  g_assert_true (menu_has (fixture->checker, "English (Canada)=spell.language(en_CA)"));
  g_assert_true (menu_has (fixture->checker, "French (Canada)=spell.language(fr_CA)"));
  g_assert_true (gtk_text_view_get_extra_menu (fixture->view)
                 == dossier_spell_checker_get_menu (fixture->checker));

  /* Choosing a suggestion replaces the word. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "spell.correct", "s", "children"));
  wait_checked (fixture->checker);
  gtk_text_buffer_get_bounds (fixture->buffer, &start, &end);
  text = gtk_text_buffer_get_text (fixture->buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Yesterday I helped the children with their colour homwork");
  place_cursor (fixture, 0);
  wait_checked (fixture->checker);
  g_clear_pointer (&words, g_free);
  words = underlined (fixture);
  g_assert_cmpstr (words, ==, "homwork");
  g_assert_false (menu_has (fixture->checker, "children=spell.correct(children)"));

  /* Ignore, for this session. */
  place_cursor (fixture, offset_of (fixture, "homwork") + 1);
  /* Suggestions are looked up in a worker. */
  wait_checked (fixture->checker);
  g_assert_true (menu_has (fixture->checker, "homework=spell.correct(homework)"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "spell.ignore", NULL));
  place_cursor (fixture, 0);
  wait_checked (fixture->checker);
  g_clear_pointer (&words, g_free);
  words = underlined (fixture);
  g_assert_cmpstr (words, ==, "");

  /* Add to Dictionary: in the personal list (the test's own XDG_CONFIG_HOME). */
  g_assert_true (g_str_has_prefix (g_get_user_config_dir (), g_get_tmp_dir ()));
  gtk_text_buffer_set_text (fixture->buffer, "We ate kalamansi and rice.", -1);
  wait_checked (fixture->checker);
  g_clear_pointer (&words, g_free);
  words = underlined (fixture);
  g_assert_cmpstr (words, ==, "kalamansi");
  place_cursor (fixture, offset_of (fixture, "kalamansi") + 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "spell.add", NULL));
  place_cursor (fixture, 0);
  wait_checked (fixture->checker);
  g_clear_pointer (&words, g_free);
  words = underlined (fixture);
  g_assert_cmpstr (words, ==, "");
  list_path = g_build_filename (g_get_user_config_dir (), "dossier", "words-en_CA.txt", NULL);
  g_assert_true (g_file_get_contents (list_path, &list, NULL, NULL));
  g_assert_cmpstr (list, ==, "kalamansi\n");
}

/* ------------------------------------------------------------------------------------
 * A long text
 */

#define LONG_WORDS 5000

static char *
long_text (void)
{
  static const char * const words[] = {
    "prepared", "meals", "for", "the", "children", "and", "helped", "with", "their",
    "homework", "after", "school", "every", "day", "in", "the", "family", "home",
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < LONG_WORDS; i++)
    {
      /* One misspelling every hundred words. */
      g_string_append (text, i % 100 == 50 ? "recieve" : words[i % G_N_ELEMENTS (words)]);
      g_string_append_c (text, i % 12 == 11 ? '\n' : ' ');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_long_text (Fixture       *fixture,
                gconstpointer  data)
{
  guint n_batches = 0, max_words = 0, n_before;

  wait_checked (fixture->checker);
  dossier_spell_checker_get_stats (fixture->checker, &n_batches, &max_words);
  g_assert_cmpuint (count_underlined (fixture), ==, LONG_WORDS / 100);
  /* Bounded batches from the idle handler: never more than the batch's words. */
  g_assert_cmpuint (max_words, ==, DOSSIER_SPELL_CHECKER_BATCH_WORDS);
  g_assert_cmpuint (n_batches, >=, LONG_WORDS / DOSSIER_SPELL_CHECKER_BATCH_WORDS);
  g_assert_cmpuint (n_batches, <=, LONG_WORDS / DOSSIER_SPELL_CHECKER_BATCH_WORDS + 2);

  /* An edit in the middle checks only the text around it: one small batch. */
  n_before = n_batches;
  place_cursor (fixture, offset_of (fixture, "recieve") + 2);
  gtk_text_buffer_insert_at_cursor (fixture->buffer, " zzzq ", -1);
  place_cursor (fixture, 0);
  wait_checked (fixture->checker);
  dossier_spell_checker_get_stats (fixture->checker, &n_batches, &max_words);
  g_assert_cmpuint (n_batches - n_before, <=, 2);
  /* "recieve" became "rec" (a word), "zzzq" and "ieve". */
  g_assert_cmpuint (count_underlined (fixture), ==, LONG_WORDS / 100 + 1);
}

/* A run of words with no blank in it, longer than a batch ("wrod,wrod,…"): it is cut
 * into batches, and the checking ends. */
static void
test_long_run_without_blanks (Fixture       *fixture,
                              gconstpointer  data)
{
  guint n_batches = 0, max_words = 0;

  wait_checked (fixture->checker);
  dossier_spell_checker_get_stats (fixture->checker, &n_batches, &max_words);
  g_assert_cmpuint (max_words, <=, DOSSIER_SPELL_CHECKER_BATCH_WORDS);
  g_assert_cmpuint (n_batches, >=, 3);
  g_assert_cmpuint (n_batches, <=, 5);
  g_assert_cmpuint (count_underlined (fixture), >=, 1);
}

/* ------------------------------------------------------------------------------------
 * Languages
 */

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_language (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *english = NULL;
  g_autofree char *french = NULL;
  guint notified = 0;

  g_signal_connect_swapped (fixture->checker, "notify::language", G_CALLBACK (count_cb), &notified);

  wait_checked (fixture->checker);
  english = underlined (fixture);
  g_assert_nonnull (strstr (english, "préparé|"));
  g_assert_nonnull (strstr (english, "|acompagné|"));
  g_assert_nonnull (strstr (english, "|enfants|"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "spell.language", "s", "fr_CA"));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (dossier_spell_checker_get_language (fixture->checker), ==, "fr_CA");
  wait_checked (fixture->checker);
  french = underlined (fixture);
  g_assert_cmpstr (french, ==, "acompagné");
  place_cursor (fixture, offset_of (fixture, "acompagné") + 1);
  /* Suggestions are looked up in a worker. */
  wait_checked (fixture->checker);
  g_assert_true (menu_has (fixture->checker, "accompagné=spell.correct(accompagné)"));
}

/* A missing dictionary is said, with the package to install, in a process of its own
 * (where no speller was loaded yet). */
static void
test_missing_dictionary_subprocess (void)
{
  g_autofree char *empty = g_dir_make_tmp ("dossier-spell-XXXXXX", NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  DossierSpellChecker *checker;
  GtkTextIter start, end;

  g_setenv (DOSSIER_SPELLER_PATH_ENV, empty, TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Les enfnats", -1);
  gtk_window_set_child (GTK_WINDOW (window), view);
  checker = dossier_spell_checker_attach (GTK_TEXT_VIEW (view), "fr_CA");
  gtk_window_present (GTK_WINDOW (window));
  wait_checked (checker);

  g_assert_nonnull (dossier_spell_checker_get_problem (checker));
  g_assert_nonnull (strstr (dossier_spell_checker_get_problem (checker), "hunspell-fr"));
  g_assert_true (menu_has (checker, "Install “hunspell-fr” to check spelling=spell.no-dictionary()"));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
  g_assert_false (gtk_text_iter_has_tag (&start, dossier_spell_checker_get_tag (checker)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (empty);
}

static void
test_missing_dictionary (void)
{
  g_test_trap_subprocess ("/gui/spell/missing-dictionary/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------------------------
 * The job dialog
 */

static void
test_job_dialog (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "examples",
                                               "maria-dela-cruz.dossier", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = dossier_profile_load (example, &error);
  DossierJobDialog *dialog;
  DossierSpellChecker *checker;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *lang = NULL;
  g_autofree char *restored = NULL;

  g_assert_no_error (error);
  dialog = dossier_job_dialog_new (profile, "j1");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  view = GTK_TEXT_VIEW (dossier_job_dialog_get_field (dialog, "duties"));
  buffer = gtk_text_view_get_buffer (view);
  checker = dossier_spell_checker_get_for_view (view);
  g_assert_nonnull (checker);
  g_assert_cmpstr (dossier_spell_checker_get_language (checker), ==, "en_CA");
  wait_checked (checker);

  /* The example's duties are spelled right. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&start, dossier_spell_checker_get_tag (checker)));

  gtk_text_buffer_set_text (buffer, "Supervized the children.", -1);
  wait_checked (checker);
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_starts_tag (&start, dossier_spell_checker_get_tag (checker)));
  end = start;
  gtk_text_iter_forward_to_tag_toggle (&end, dossier_spell_checker_get_tag (checker));
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, strlen ("Supervized"));

  /* The language chosen in the menu goes in the duties' xml:lang. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "spell.language", "s", "fr_CA"));
  lang = dossier_profile_get_value (profile, "work-history/job[@id='j1']/duties/@xml:lang");
  g_assert_cmpstr (lang, ==, "fr");
  g_assert_cmpstr (dossier_profile_get_records (profile)->jobs->len > 0
                   ? ((DossierJob *) g_ptr_array_index (dossier_profile_get_records (profile)->jobs, 0))->duties_lang
                   : NULL, ==, "fr");
  wait_checked (checker);
  g_assert_null (dossier_job_dialog_get_problem (dialog, "duties"));

  /* Cancel puts the language back with the text. */
  dossier_job_dialog_cancel (dialog);
  spin (50);
  g_assert_null (dialog);
  restored = dossier_profile_get_value (profile, "work-history/job[@id='j1']/duties/@xml:lang");
  g_assert_cmpstr (restored, ==, "en");
}

/* Test data, reachable until the end. */
static char *long_text_data;
static char *run_text_data;

int
main (int    argc,
      char **argv)
{
  g_autofree char *config = g_dir_make_tmp ("dossier-spell-config-XXXXXX", NULL);
  g_autofree char *words = NULL;
  g_autofree char *words_dir = NULL;
  int status;

  /* The personal word list is the test's own (gtk_test_init() takes no
   * G_TEST_OPTION_ISOLATE_DIRS). */
  g_assert_nonnull (config);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/spell/typing", Fixture, NULL, fixture_set_up, test_typing, fixture_tear_down);
  long_text_data = long_text ();
  g_test_add ("/gui/spell/long-text", Fixture, long_text_data, fixture_set_up, test_long_text,
              fixture_tear_down);
  {
    g_autoptr(GString) run = g_string_new (NULL);

    for (guint i = 0; i < 250; i++)
      g_string_append (run, i == 0 ? "wrod" : ",wrod");
    run_text_data = g_string_free (g_steal_pointer (&run), FALSE);
  }
  g_test_add ("/gui/spell/long-run-without-blanks", Fixture, run_text_data, fixture_set_up,
              test_long_run_without_blanks, fixture_tear_down);
  g_test_add ("/gui/spell/language", Fixture,
              "J’ai préparé les repas et acompagné les enfants aujourd’hui.",
              fixture_set_up, test_language, fixture_tear_down);
  g_test_add_func ("/gui/spell/missing-dictionary", test_missing_dictionary);
  g_test_add_func ("/gui/spell/missing-dictionary/subprocess", test_missing_dictionary_subprocess);
  g_test_add_func ("/gui/spell/job-dialog", test_job_dialog);
  status = g_test_run ();
  g_free (long_text_data);
  g_free (run_text_data);
  words_dir = g_build_filename (config, "dossier", NULL);
  words = g_build_filename (words_dir, "words-en_CA.txt", NULL);
  g_unlink (words);
  g_rmdir (words_dir);
  g_rmdir (config);
  return status;
}
