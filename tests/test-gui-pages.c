/* test-gui-pages.c: the Work, Language, Documents and Package pages driven through
 * their widgets, on a copy of the example profile with its specimen documents
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
#include "dossier-noc-picker.h"
#include "dossier-page-documents.h"
#include "dossier-page-language.h"
#include "dossier-page-package.h"
#include "dossier-page-work.h"

typedef struct
{
  char           *dir;
  char           *profile_path;
  DossierProfile *profile;
  GtkWindow      *window;
} Fixture;

static char *
source_example (void)
{
  const char *datadir = g_getenv ("DOSSIER_DATADIR");

  g_assert_nonnull (datadir);
  return g_build_filename (datadir, "examples", "maria-dela-cruz.dossier", NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *example = source_example ();
  g_autofree char *contents = NULL;
  g_autofree char *files = NULL;
  g_autoptr(GError) error = NULL;
  const char *make_specimens = g_getenv ("DOSSIER_MAKE_SPECIMENS");
  const char *argv[3] = { make_specimens, NULL, NULL };
  gsize length;
  int status = -1;

  fixture->dir = g_dir_make_tmp ("dossier-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->profile_path = g_build_filename (fixture->dir, "maria-dela-cruz.dossier", NULL);
  g_file_get_contents (example, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (fixture->profile_path, contents, length, &error);
  g_assert_no_error (error);

  g_assert_nonnull (make_specimens);
  files = g_build_filename (fixture->dir, "files", NULL);
  argv[1] = files;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  fixture->profile = dossier_profile_load (fixture->profile_path, &error);
  g_assert_no_error (error);
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->profile);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->profile_path);
}

static void
show_page (Fixture   *fixture,
           GtkWidget *page)
{
  adw_window_set_content (ADW_WINDOW (fixture->window), page);
  gtk_window_present (fixture->window);
}

/* Runs the main loop until condition holds (or fails the test after a while). */
typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition  condition,
          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

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

static char *
get (Fixture    *fixture,
     const char *path)
{
  return dossier_profile_get_value (fixture->profile, path);
}

/* ------------------------------------------------------------------------------------
 * Language
 */

static void
type_score (DossierPageLanguage *page,
            const char          *id,
            DossierAbility       ability,
            const char          *text)
{
  GtkEditable *entry = dossier_page_language_get_score_entry (page, id, ability);

  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, text);
}

static void
test_language (Fixture       *fixture,
               gconstpointer  data)
{
  DossierPageLanguage *page = g_object_new (DOSSIER_TYPE_PAGE_LANGUAGE,
                                            "profile", fixture->profile, NULL);
  g_autofree char *id = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *kind = NULL;

  show_page (fixture, GTK_WIDGET (page));

  /* The example's CELPIP-G test: 5, 5, 6, 6. */
  g_assert_cmpstr (dossier_page_language_get_level_text (page, "l1", DOSSIER_ABILITY_READING), ==, "CLB 5");
  g_assert_cmpstr (dossier_page_language_get_level_text (page, "l1", DOSSIER_ABILITY_LISTENING), ==, "CLB 6");
  g_assert_cmpstr (dossier_page_language_get_overall_text (page, "l1"), ==, "CLB 5");

  /* A new IELTS General Training test, typed score by score. */
  id = dossier_page_language_add_test (page);
  g_assert_cmpstr (id, ==, "l3");
  adw_combo_row_set_selected (dossier_page_language_get_kind_row (page, id), 1);
  kind = get (fixture, "language-tests/test[@id='l3']/@kind");
  g_assert_cmpstr (kind, ==, "ielts-gt");

  type_score (page, id, DOSSIER_ABILITY_READING, "6,5");
  g_assert_cmpstr (dossier_page_language_get_level_text (page, id, DOSSIER_ABILITY_READING), ==, "CLB 8");
  reading = get (fixture, "language-tests/test[@id='l3']/@reading");
  g_assert_cmpstr (reading, ==, "6.5");
  g_assert_cmpstr (dossier_page_language_get_overall_text (page, id), ==,
                   "not yet: enter all four scores");

  type_score (page, id, DOSSIER_ABILITY_WRITING, "6");
  type_score (page, id, DOSSIER_ABILITY_LISTENING, "7");
  type_score (page, id, DOSSIER_ABILITY_SPEAKING, "5.5");
  g_assert_cmpstr (dossier_page_language_get_level_text (page, id, DOSSIER_ABILITY_WRITING), ==, "CLB 7");
  g_assert_cmpstr (dossier_page_language_get_level_text (page, id, DOSSIER_ABILITY_LISTENING), ==, "CLB 7");
  g_assert_cmpstr (dossier_page_language_get_level_text (page, id, DOSSIER_ABILITY_SPEAKING), ==, "CLB 6");
  g_assert_cmpstr (dossier_page_language_get_overall_text (page, id), ==, "CLB 6");

  /* Below the tables, and off the scale. */
  type_score (page, id, DOSSIER_ABILITY_SPEAKING, "3");
  g_assert_cmpstr (dossier_page_language_get_level_text (page, id, DOSSIER_ABILITY_SPEAKING), ==, "below CLB 4");
  type_score (page, id, DOSSIER_ABILITY_SPEAKING, "9.5");
  g_assert_cmpstr (dossier_page_language_get_level_text (page, id, DOSSIER_ABILITY_SPEAKING), ==,
                   "out of range: from 0 to 9 in steps of 0.5");
  g_assert_cmpstr (dossier_page_language_get_overall_text (page, id), ==, "not yet: a score is not valid");

  /* A test IRCC does not accept: no level, and the reason. */
  adw_combo_row_set_selected (dossier_page_language_get_kind_row (page, id), 5);
  g_assert_cmpstr (dossier_page_language_get_overall_text (page, id), ==,
                   "no level: this test is not accepted");
}

/* ------------------------------------------------------------------------------------
 * Work history
 */

static void
set_field (DossierJobDialog *dialog,
           const char       *name,
           const char       *text)
{
  GtkWidget *widget = dossier_job_dialog_get_field (dialog, name);

  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
test_work (Fixture       *fixture,
           gconstpointer  data)
{
  DossierPageWork *page = g_object_new (DOSSIER_TYPE_PAGE_WORK, "profile", fixture->profile, NULL);
  DossierJobDialog *dialog;
  DossierNocPicker *picker;
  GtkWidget *duties;
  g_auto(GStrv) shown = NULL;
  g_auto(GStrv) found = NULL;
  g_autofree char *employer = NULL;
  g_autofree char *noc = NULL;
  g_autofree char *end = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *setting = NULL;
  g_autofree char *duties_text = NULL;
  g_autofree char *cancelled = NULL;
  g_autofree char *j1_employer = NULL;

  show_page (fixture, GTK_WIDGET (page));
  g_assert_cmpuint (dossier_page_work_get_n_rows (page), ==, 1);
  g_assert_cmpstr (dossier_page_work_get_row_title (page, 0), ==, "Nanny at Household of J. Smith");

  dialog = dossier_page_work_open_job (page, NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (dossier_job_dialog_get_job_id (dialog), ==, "j2");

  /* The picker: the program's occupations first, then a search by title. */
  picker = dossier_job_dialog_get_noc_picker (dialog);
  shown = dossier_noc_picker_dup_shown_codes (picker);
  g_assert_cmpstr (shown[0], ==, "44100");
  g_assert_cmpstr (shown[1], ==, "42202");
  dossier_noc_picker_set_query (picker, "home support");
  found = dossier_noc_picker_dup_shown_codes (picker);
  g_assert_cmpstrv (found, ((const char * const[]) { "44101", NULL }));
  dossier_noc_picker_choose (picker, "44101");

  set_field (dialog, "employer", "Household of R. Singh");
  set_field (dialog, "title", "Caregiver");
  set_field (dialog, "country", "ca");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dossier_job_dialog_get_field (dialog, "setting")), 1);
  set_field (dialog, "start", "2025-02-01");
  gtk_switch_set_active (dossier_job_dialog_get_current_switch (dialog), FALSE);
  set_field (dialog, "end", "2025-01-15");
  set_field (dialog, "hours-per-week", "200");
  duties = dossier_job_dialog_get_field (dialog, "duties");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (duties)),
                            "Cared for an elderly man at home.\nPrepared meals.", -1);

  /* The problems show beside their fields, and go once corrected. */
  g_assert_nonnull (dossier_job_dialog_get_problem (dialog, "hours-per-week"));
  g_assert_nonnull (dossier_job_dialog_get_problem (dialog, "end"));
  set_field (dialog, "end", "2025-08-31");
  set_field (dialog, "hours-per-week", "37,5");
  g_assert_null (dossier_job_dialog_get_problem (dialog, "end"));
  g_assert_null (dossier_job_dialog_get_problem (dialog, "hours-per-week"));
  dossier_job_dialog_done (dialog);
  spin (50);
  g_assert_null (dialog);

  employer = get (fixture, "work-history/job[@id='j2']/employer");
  noc = get (fixture, "work-history/job[@id='j2']/noc");
  end = get (fixture, "work-history/job[@id='j2']/end");
  hours = get (fixture, "work-history/job[@id='j2']/hours-per-week");
  setting = get (fixture, "work-history/job[@id='j2']/setting");
  duties_text = get (fixture, "work-history/job[@id='j2']/duties");
  g_assert_cmpstr (employer, ==, "Household of R. Singh");
  g_assert_cmpstr (noc, ==, "44101");
  g_assert_cmpstr (end, ==, "2025-08-31");
  g_assert_cmpstr (hours, ==, "37.5");
  g_assert_cmpstr (setting, ==, "private-home");
  g_assert_cmpstr (duties_text, ==, "Cared for an elderly man at home.\nPrepared meals.");
  g_assert_cmpuint (dossier_page_work_get_n_rows (page), ==, 2);
  g_assert_cmpstr (dossier_page_work_get_row_title (page, 1), ==, "Caregiver at Household of R. Singh");

  /* Cancel puts back what was there. */
  dialog = dossier_page_work_open_job (page, "j1");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  set_field (dialog, "employer", "Somebody else");
  dossier_job_dialog_cancel (dialog);
  spin (50);
  j1_employer = get (fixture, "work-history/job[@id='j1']/employer");
  g_assert_cmpstr (j1_employer, ==, "Household of J. Smith");

  /* A new job cancelled leaves nothing behind. */
  dialog = dossier_page_work_open_job (page, NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  set_field (dialog, "employer", "Never mind");
  dossier_job_dialog_cancel (dialog);
  spin (50);
  cancelled = get (fixture, "work-history/job[@id='j3']/employer");
  g_assert_null (cancelled);
  g_assert_cmpuint (dossier_page_work_get_n_rows (page), ==, 2);

  /* Removing a job removes all of it. */
  g_assert_true (dossier_job_remove (fixture->profile, "j2", NULL));
  g_assert_cmpuint (dossier_page_work_get_n_rows (page), ==, 1);
}

/* ------------------------------------------------------------------------------------
 * Documents
 */

static gboolean
documents_idle (gpointer page)
{
  return !dossier_page_documents_get_busy (page);
}

static void
test_documents (Fixture       *fixture,
                gconstpointer  data)
{
  DossierPageDocuments *page = g_object_new (DOSSIER_TYPE_PAGE_DOCUMENTS,
                                             "profile", fixture->profile, NULL);
  g_autofree char *inside = g_build_filename (fixture->dir, "files", "passport.pdf", NULL);
  g_autofree char *outside_dir = g_dir_make_tmp ("dossier-outside-XXXXXX", NULL);
  g_autofree char *outside = g_build_filename (outside_dir, "police.pdf", NULL);
  g_autoptr(GFile) inside_file = g_file_new_for_path (inside);
  g_autoptr(GFile) outside_file = g_file_new_for_path (outside);
  g_autofree char *contents = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *country = NULL;
  g_autofree char *file = NULL;
  g_autofree char *file2 = NULL;
  g_autoptr(GError) error = NULL;
  DossierSlotRow *row;
  gsize length;

  show_page (fixture, GTK_WIDGET (page));
  wait_for (documents_idle, page);

  row = dossier_page_documents_get_slot_row (page, "passport");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (dossier_slot_row_get_summary (row), "Required · Ready"));
  row = dossier_page_documents_get_slot_row (page, "employment-letter/j1");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (dossier_slot_row_get_summary (row), "To fit: 2 files"));
  row = dossier_page_documents_get_slot_row (page, "police-certificate/CA");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (dossier_slot_row_get_summary (row), "No file attached"));

  /* The as-of day of the wizard's header: the work permit (valid until 2026-06-30) is
   * judged again on each day chosen. */
  dossier_page_documents_set_as_of (page, dossier_day_from_ymd (2026, 7, 1));
  g_assert_true (dossier_page_documents_get_busy (page));
  wait_for (documents_idle, page);
  row = dossier_page_documents_get_slot_row (page, "work-permit");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (dossier_slot_row_get_summary (row), "expired"));
  dossier_page_documents_set_as_of (page, dossier_day_from_ymd (2025, 3, 31));
  wait_for (documents_idle, page);
  row = dossier_page_documents_get_slot_row (page, "work-permit");
  g_assert_null (strstr (dossier_slot_row_get_summary (row), "expired"));
  g_assert_true (g_str_has_prefix (dossier_slot_row_get_summary (row), "Required · Ready"));

  /* A file inside the profile's folder is kept relative. */
  g_assert_true (dossier_page_documents_attach (page, "police-certificate/CA", inside_file, &error));
  g_assert_no_error (error);
  kind = get (fixture, "documents/document[11]/@kind");
  country = get (fixture, "documents/document[11]/@country");
  file = get (fixture, "documents/document[11]/@file");
  g_assert_cmpstr (kind, ==, "police-certificate");
  g_assert_cmpstr (country, ==, "CA");
  g_assert_cmpstr (file, ==, "files/passport.pdf");
  wait_for (documents_idle, page);
  row = dossier_page_documents_get_slot_row (page, "police-certificate/CA");
  g_assert_nonnull (strstr (dossier_slot_row_get_summary (row), "Ready"));

  /* One outside it, absolute. */
  g_file_get_contents (inside, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (outside, contents, length, &error);
  g_assert_no_error (error);
  g_assert_true (dossier_page_documents_attach (page, "police-certificate/CA", outside_file, &error));
  g_assert_no_error (error);
  file2 = get (fixture, "documents/document[12]/@file");
  g_assert_cmpstr (file2, ==, outside);
  wait_for (documents_idle, page);
  row = dossier_page_documents_get_slot_row (page, "police-certificate/CA");
  g_assert_nonnull (strstr (dossier_slot_row_get_summary (row), "To fit: 2 files"));

  /* Removing a file from the slot, as its button does. */
  g_signal_emit_by_name (row, "remove-document", "/dossier/documents/document[12]");
  g_clear_pointer (&file2, g_free);
  file2 = get (fixture, "documents/document[12]/@file");
  g_assert_null (file2);
  wait_for (documents_idle, page);
  g_assert_nonnull (strstr (dossier_slot_row_get_summary (row), "Ready"));

  /* Make it fit: the two photos of the letter become one PDF in the .derived folder. */
  row = dossier_page_documents_get_slot_row (page, "employment-letter/j1");
  g_signal_emit_by_name (row, "make-it-fit");
  while (dossier_slot_row_get_fit_result (row) == NULL)
    spin (10);
  g_assert_true (g_str_has_prefix (dossier_slot_row_get_fit_result (row), "Done: "));
  {
    g_autofree char *fitted = g_build_filename (fixture->dir, "maria-dela-cruz.derived",
                                                "employment-letter-j1-fitted.pdf", NULL);

    g_assert_true (g_file_test (fitted, G_FILE_TEST_IS_REGULAR));
  }
  /* The slot now holds the fitted file alone; the photos stay on disk. */
  wait_for (documents_idle, page);
  row = dossier_page_documents_get_slot_row (page, "employment-letter/j1");
  g_assert_true (g_str_has_prefix (dossier_slot_row_get_summary (row), "Required · Ready"));
  {
    const DossierRecords *records = dossier_profile_get_records (fixture->profile);
    guint n_letters = 0;
    g_autofree char *photo = g_build_filename (fixture->dir, "files", "smith-letter-1.jpg", NULL);

    for (guint i = 0; i < records->documents->len; i++)
      {
        const DossierDocument *document = g_ptr_array_index (records->documents, i);

        if (g_strcmp0 (document->kind, "employment-letter") != 0)
          continue;
        n_letters++;
        g_assert_cmpstr (document->file, ==, "maria-dela-cruz.derived/employment-letter-j1-fitted.pdf");
        g_assert_cmpstr (document->job, ==, "j1");
      }
    g_assert_cmpuint (n_letters, ==, 1);
    g_assert_true (g_file_test (photo, G_FILE_TEST_IS_REGULAR));
  }

  remove_tree (outside_dir);
}

/* ------------------------------------------------------------------------------------
 * Package
 */

static gboolean
package_idle (gpointer page)
{
  return !dossier_page_package_get_busy (page);
}

static void
test_package (Fixture       *fixture,
              gconstpointer  data)
{
  DossierPagePackage *page = g_object_new (DOSSIER_TYPE_PAGE_PACKAGE,
                                           "profile", fixture->profile, NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out.zip", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);

  show_page (fixture, GTK_WIDGET (page));
  wait_for (package_idle, page);
  dossier_page_package_set_destination (page, out_file);

  /* The example is not ready on the pack's default date (its permit has expired by
   * then), so it is packaged anyway, marked NOT READY. */
  dossier_page_package_start (page, TRUE);
  g_assert_true (dossier_page_package_get_busy (page));
  wait_for (package_idle, page);
  g_assert_nonnull (dossier_page_package_get_result_text (page));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_true (dossier_page_package_get_verified (page));
  g_assert_true (g_str_has_prefix (dossier_page_package_get_verify_text (page), "Checked: all "));
  g_assert_false (dossier_page_package_get_ready (page));

  /* On the day the application will be received (the wizard's header), she is ready. */
  dossier_page_package_set_as_of (page, dossier_day_from_ymd (2025, 3, 31));
  g_assert_true (dossier_page_package_get_busy (page));
  wait_for (package_idle, page);
  g_assert_true (dossier_page_package_get_ready (page));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/pages/language", Fixture, NULL, fixture_set_up, test_language, fixture_tear_down);
  g_test_add ("/gui/pages/work", Fixture, NULL, fixture_set_up, test_work, fixture_tear_down);
  g_test_add ("/gui/pages/documents", Fixture, NULL, fixture_set_up, test_documents, fixture_tear_down);
  g_test_add ("/gui/pages/package", Fixture, NULL, fixture_set_up, test_package, fixture_tear_down);
  return g_test_run ();
}
