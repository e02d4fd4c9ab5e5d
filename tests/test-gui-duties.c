/* test-gui-duties.c: the job dialog's main duties of the chosen NOC, compared with the
 * description as it is typed, and a duty inserted into it
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

#define SHORT_DUTIES \
  "Supervised and cared for two children aged 3 and 6 in the family home: prepared meals, bathed and dressed them, took them to school and activities, helped with homework and kept the children's rooms and play areas tidy."

typedef struct
{
  char           *dir;
  DossierProfile *profile;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *example = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "examples",
                                               "maria-dela-cruz.dossier", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  fixture->dir = g_dir_make_tmp ("dossier-gui-duties-XXXXXX", &error);
  g_assert_no_error (error);
  copy = g_build_filename (fixture->dir, "maria-dela-cruz.dossier", NULL);
  g_file_get_contents (example, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, length, &error);
  g_assert_no_error (error);
  fixture->profile = dossier_profile_load (copy, &error);
  g_assert_no_error (error);
  /* The example covers most duties; these tests start from a shorter description that
   * does not, so that inserting a duty changes something. */
  dossier_profile_set_value (fixture->profile, "work-history/job[@id='j1']/duties",
                             SHORT_DUTIES, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "maria-dela-cruz.dossier", NULL);

  g_clear_object (&fixture->profile);
  g_unlink (copy);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
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

/* Until the description has been compared again (after the pause in the typing). */
static void
wait_for_duties (DossierJobDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  spin (10);
  while (dossier_job_dialog_get_duties_pending (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The row of the duty whose text starts with prefix; its index in *index. */
static AdwActionRow *
find_duty_row (DossierJobDialog *dialog,
               const char       *prefix,
               gboolean         *covered,
               GtkButton       **insert)
{
  for (guint i = 0; i < dossier_job_dialog_get_n_duties (dialog); i++)
    {
      AdwActionRow *row = dossier_job_dialog_get_duty_row (dialog, i, covered, insert);

      if (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), prefix))
        return row;
    }
  g_assert_not_reached ();
}

static char *
description_text (DossierJobDialog *dialog)
{
  GtkTextView *view = GTK_TEXT_VIEW (dossier_job_dialog_get_field (dialog, "duties"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_coverage_and_insert (Fixture       *fixture,
                          gconstpointer  data)
{
  DossierJobDialog *dialog = dossier_job_dialog_new (fixture->profile, "j1");
  GtkTextBuffer *buffer;
  AdwActionRow *row;
  GtkButton *insert = NULL;
  gboolean covered = TRUE;
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  const char *subtitle;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_duties (dialog);

  /* NOC 44100: the home child care providers' 12 duties and the foster parents' 3. */
  g_assert_cmpuint (dossier_job_dialog_get_n_duties (dialog), ==, 15);
  g_assert_true (g_str_has_prefix (dossier_job_dialog_get_duties_summary (dialog),
                                   "Your description covers 6 of the 12 main duties of Home child care "
                                   "providers: not most of them."));

  /* "bathed and dressed them": covered, and the row says by which words. */
  row = find_duty_row (dialog, "Bathe, dress and feed infants and children", &covered, NULL);
  g_assert_true (covered);
  subtitle = adw_action_row_get_subtitle (row);
  g_assert_nonnull (strstr (subtitle, "In your description:"));
  g_assert_nonnull (strstr (subtitle, "“bathed”"));

  /* Diapers: not in the description, until inserted. */
  row = find_duty_row (dialog, "Prepare formulas and change diapers for infants", &covered, &insert);
  g_assert_false (covered);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Not found in your description");
  g_assert_nonnull (insert);
  g_signal_emit_by_name (insert, "clicked");
  text = description_text (dialog);
  g_assert_true (g_str_has_suffix (text, "play areas tidy.\nPrepare formulas and change diapers for infants"));
  /* The inserted text is selected, to be rewritten. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (dossier_job_dialog_get_field (dialog, "duties")));
  g_assert_true (gtk_text_buffer_get_has_selection (buffer));
  /* It is in the profile too, as typing would put it. */
  saved = dossier_profile_get_value (fixture->profile, "work-history/job[@id='j1']/duties");
  g_assert_true (g_str_has_suffix (saved, "Prepare formulas and change diapers for infants"));

  wait_for_duties (dialog);
  find_duty_row (dialog, "Prepare formulas and change diapers for infants", &covered, NULL);
  g_assert_true (covered);
  g_assert_true (g_str_has_prefix (dossier_job_dialog_get_duties_summary (dialog),
                                   "Your description covers 7 of the 12 main duties"));

  /* Typed on: most of the duties. */
  gtk_text_buffer_set_text (buffer,
                            "Cared for the family's two children at home. Bathed, dressed and fed "
                            "them, prepared formula and changed diapers, cooked their meals and did "
                            "their laundry. Supervised naps and activities, kept the home safe, taught "
                            "them to wash their hands, comforted them, read stories and took them to "
                            "school and to the doctor.", -1);
  wait_for_duties (dialog);
  g_assert_nonnull (strstr (dossier_job_dialog_get_duties_summary (dialog), ": most of them"));

  dossier_job_dialog_cancel (dialog);
  spin (50);
  g_assert_null (dialog);
}

/* A new job: no duties until an occupation is chosen; then they follow the NOC. */
static void
test_follows_noc (Fixture       *fixture,
                  gconstpointer  data)
{
  DossierJobDialog *dialog = dossier_job_dialog_new (fixture->profile, NULL);
  GtkTextView *view;
  gboolean covered = FALSE;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_null (dossier_job_dialog_get_duties_summary (dialog));
  g_assert_cmpuint (dossier_job_dialog_get_n_duties (dialog), ==, 0);

  view = GTK_TEXT_VIEW (dossier_job_dialog_get_field (dialog, "duties"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                            "Je prenais soin d'une dame âgée à son domicile et je lui tenais "
                            "compagnie. Je l'aidais à prendre son bain. Je préparais ses repas.", -1);
  dossier_noc_picker_choose (dossier_job_dialog_get_noc_picker (dialog), "44101");
  wait_for_duties (dialog);
  g_assert_cmpuint (dossier_job_dialog_get_n_duties (dialog), ==, 5);
  /* French, guessed from the words. */
  find_duty_row (dialog, "Provide care and companionship", &covered, NULL);
  g_assert_true (covered);
  g_assert_true (g_str_has_prefix (dossier_job_dialog_get_duties_summary (dialog),
                                   "Your description covers 3 of the 5 main duties: most of them"));

  /* An occupation the data has no duties for says so, with no rows. */
  dossier_noc_picker_choose (dossier_job_dialog_get_noc_picker (dialog), "65310");
  wait_for_duties (dialog);
  g_assert_cmpuint (dossier_job_dialog_get_n_duties (dialog), ==, 0);
  g_assert_nonnull (strstr (dossier_job_dialog_get_duties_summary (dialog), "are not in this application"));

  dossier_job_dialog_cancel (dialog);
  spin (50);
  g_assert_null (dialog);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/duties/coverage-and-insert", Fixture, NULL, fixture_set_up,
              test_coverage_and_insert, fixture_tear_down);
  g_test_add ("/gui/duties/follows-noc", Fixture, NULL, fixture_set_up, test_follows_noc,
              fixture_tear_down);
  return g_test_run ();
}
