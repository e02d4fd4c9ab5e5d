/* test-gui-wizard.c: the wizard, its field rows and its pages (Program, About you,
 * Training, Education, Job offer, Review) driven through their widgets, on a copy of the
 * example profile
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

#include "dossier-field-row.h"
#include "dossier-page-program.h"
#include "dossier-page-review.h"
#include "dossier-page-training.h"
#include "dossier-spell-checker.h"
#include "dossier-wizard.h"

typedef struct
{
  char           *dir;
  char           *profile_path;
  DossierProfile *profile;
  GtkWindow      *window;
  DossierWizard  *wizard;
} Fixture;

/* The example profile meets every requirement of HCWIP child care on this day. */
#define ELIGIBLE_DAY "2025-03-31"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *datadir = g_getenv ("DOSSIER_DATADIR");
  g_autofree char *example = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_nonnull (datadir);
  example = g_build_filename (datadir, "examples", "maria-dela-cruz.dossier", NULL);
  fixture->dir = g_dir_make_tmp ("dossier-wizard-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->profile_path = g_build_filename (fixture->dir, "maria-dela-cruz.dossier", NULL);
  g_file_get_contents (example, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (fixture->profile_path, contents, length, &error);
  g_assert_no_error (error);
  fixture->profile = dossier_profile_load (fixture->profile_path, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 800);
  fixture->wizard = g_object_new (DOSSIER_TYPE_WIZARD, NULL);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->wizard));
  dossier_wizard_set_profile (fixture->wizard, fixture->profile);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *files = NULL;

  gtk_window_destroy (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->profile);
  g_unlink (fixture->profile_path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->profile_path);
}

/* Runs the main loop until condition holds (or fails the test after a while). */
typedef gboolean (*Condition) (Fixture *fixture);

static void
wait_for (Fixture   *fixture,
          Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs what the main loop has to do now (idles included), within reason. */
static void
flush (void)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
is_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->wizard));
}

static DossierDay
day (const char *text)
{
  DossierDay result = DOSSIER_DAY_UNKNOWN;

  g_assert_true (dossier_day_parse (text, &result));
  return result;
}

static DossierFieldRow *
row_for (Fixture    *fixture,
         const char *absolute_path)
{
  DossierFieldRow *row = dossier_field_rows_find (GTK_WIDGET (fixture->wizard), absolute_path);

  g_assert_nonnull (row);
  return row;
}

static char *
get (Fixture    *fixture,
     const char *path)
{
  return dossier_profile_get_value (fixture->profile, path);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
focus_is_within (Fixture   *fixture,
                 GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The check runs in an idle after each change: its result is the one for what was last
 * typed once no check is waiting. */
static const DossierEvaluation *
settled_evaluation (Fixture *fixture)
{
  flush ();
  dossier_wizard_check_now (fixture->wizard);
  return dossier_wizard_get_evaluation (fixture->wizard);
}

static DossierStepStatus
status_of (Fixture    *fixture,
           const char *step)
{
  return dossier_wizard_get_step_status (fixture->wizard, step);
}

/* Types text into the field row of a path. */
static void
type_into (Fixture    *fixture,
           const char *absolute_path,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row_for (fixture, absolute_path)), text);
}

/* Whether the focus is on the field row of a path. */
static gboolean
focus_is_on_field (Fixture    *fixture,
                   const char *absolute_path)
{
  return focus_is_within (fixture, GTK_WIDGET (row_for (fixture, absolute_path)));
}

static gboolean
verdict_is_eligible (Fixture *fixture)
{
  const DossierEvaluation *evaluation = dossier_wizard_get_evaluation (fixture->wizard);

  return evaluation != NULL && evaluation->verdict == DOSSIER_VERDICT_ELIGIBLE;
}

static gboolean
verdict_is_not_eligible (Fixture *fixture)
{
  const DossierEvaluation *evaluation = dossier_wizard_get_evaluation (fixture->wizard);

  return evaluation != NULL && evaluation->verdict == DOSSIER_VERDICT_NOT_ELIGIBLE;
}

/* A label with this text somewhere under widget, shown. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_is_drawable (child)
          && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------
 * Field rows
 */

static void
test_fields_write_profile (Fixture       *fixture,
                           gconstpointer  data)
{
  DossierFieldRow *row;
  GtkDropDown *drop_down;
  g_autofree char *value = NULL;

  wait_for (fixture, is_mapped);

  /* Text: written as typed, empty removes it. */
  row = row_for (fixture, "/dossier/applicant/given-names");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Maria Luisa");
  gtk_editable_set_text (GTK_EDITABLE (row), "Maria L.");
  value = get (fixture, "applicant/given-names");
  g_assert_cmpstr (value, ==, "Maria L.");
  g_clear_pointer (&value, g_free);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  flush ();
  value = get (fixture, "applicant/given-names");
  g_assert_null (value);
  gtk_editable_set_text (GTK_EDITABLE (row), "Maria Luisa");

  /* An attribute of an element that is not there yet. */
  row = row_for (fixture, "/dossier/job-offer/median-hourly-wage/@source");
  gtk_editable_set_text (GTK_EDITABLE (row), "Job Bank, 2026 update");
  value = get (fixture, "job-offer/median-hourly-wage/@source");
  g_assert_cmpstr (value, ==, "Job Bank, 2026 update");
  g_clear_pointer (&value, g_free);

  /* A choice writes its token, from the list or from the row's text. */
  row = row_for (fixture, "/dossier/job-offer/setting");
  drop_down = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (row), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (drop_down);
  gtk_editable_set_text (GTK_EDITABLE (row), "institution");
  value = get (fixture, "job-offer/setting");
  g_assert_cmpstr (value, ==, "institution");
  g_clear_pointer (&value, g_free);
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, 2);
  gtk_drop_down_set_selected (drop_down, 1);
  value = get (fixture, "job-offer/setting");
  g_assert_cmpstr (value, ==, "private-home");
  g_clear_pointer (&value, g_free);
  gtk_drop_down_set_selected (drop_down, 0);
  value = get (fixture, "job-offer/setting");
  g_assert_null (value);
  gtk_drop_down_set_selected (drop_down, 1);

  /* A record's field, by id. */
  row = row_for (fixture, "/dossier/training/course/institution");
  g_assert_cmpstr (dossier_field_row_get_path (row), ==, "training/course[@id='t1']/institution");
  gtk_editable_set_text (GTK_EDITABLE (row), "Example College, Toronto");
  value = get (fixture, "training/course[@id='t1']/institution");
  g_assert_cmpstr (value, ==, "Example College, Toronto");
  g_clear_pointer (&value, g_free);

  /* ECA fields of a credential. */
  row = row_for (fixture, "/dossier/education/credential/eca/@reference");
  gtk_editable_set_text (GTK_EDITABLE (row), "9988776");
  value = get (fixture, "education/credential[@id='e1']/eca/@reference");
  g_assert_cmpstr (value, ==, "9988776");
}

static gboolean
expires_has_problem (Fixture *fixture)
{
  DossierFieldRow *row = row_for (fixture, "/dossier/applicant/passport/@expires");

  return dossier_field_row_get_problem (row) != NULL;
}

static gboolean
expires_has_no_problem (Fixture *fixture)
{
  return !expires_has_problem (fixture);
}

static void
test_bad_date_shows_message (Fixture       *fixture,
                             gconstpointer  data)
{
  DossierFieldRow *row;
  GtkWidget *entry;
  const char *problem;
  g_autofree char *value = NULL;
  g_autofree char *description = NULL;

  wait_for (fixture, is_mapped);
  dossier_wizard_open_step (fixture->wizard, "about");
  row = row_for (fixture, "/dossier/applicant/passport/@expires");
  g_assert_null (dossier_field_row_get_problem (row));

  gtk_editable_set_text (GTK_EDITABLE (row), "2032-02-30");
  wait_for (fixture, expires_has_problem);
  problem = dossier_field_row_get_problem (row);
  g_assert_nonnull (strstr (problem, "2032-02-30"));
  g_assert_nonnull (strstr (problem, "YYYY-MM-DD"));

  /* Beside the field: the subtitle, a red entry; nothing lost from the profile. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, problem);
  entry = find_descendant (GTK_WIDGET (row), GTK_TYPE_ENTRY);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2032-02-30");
  value = get (fixture, "applicant/passport/@expires");
  g_assert_cmpstr (value, ==, "2032-02-30");

  /* The step says so too, in words. */
  settled_evaluation (fixture);
  g_assert_cmpint (status_of (fixture, "about"), ==,
                   DOSSIER_STEP_PROBLEM);
  g_assert_true (has_label (GTK_WIDGET (fixture->wizard), "Has a problem"));

  /* A date before the issue date is the expiry's problem. */
  gtk_editable_set_text (GTK_EDITABLE (row), "2020-01-01");
  flush ();
  problem = dossier_field_row_get_problem (row);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "before it was issued"));

  gtk_editable_set_text (GTK_EDITABLE (row), "2032-04-30");
  wait_for (fixture, expires_has_no_problem);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "");

  /* A bad number in the job offer. */
  row = row_for (fixture, "/dossier/job-offer/hours-per-week");
  gtk_editable_set_text (GTK_EDITABLE (row), "200");
  flush ();
  g_assert_nonnull (dossier_field_row_get_problem (row));
  g_assert_nonnull (strstr (dossier_field_row_get_problem (row), "168"));
}

/* ------------------------------------------------------------------------------------
 * The verdict
 */

static void
test_verdict_is_live (Fixture       *fixture,
                      gconstpointer  data)
{
  DossierFieldRow *hours;
  const DossierEvaluation *evaluation;

  wait_for (fixture, is_mapped);
  g_assert_cmpuint (dossier_wizard_get_as_of (fixture->wizard), !=, DOSSIER_DAY_UNKNOWN);

  dossier_wizard_set_as_of (fixture->wizard, day (ELIGIBLE_DAY));
  g_assert_cmpuint (dossier_wizard_get_as_of (fixture->wizard), ==, day (ELIGIBLE_DAY));
  wait_for (fixture, verdict_is_eligible);
  evaluation = dossier_wizard_get_evaluation (fixture->wizard);
  g_assert_cmpuint (evaluation->as_of, ==, day (ELIGIBLE_DAY));
  g_assert_cmpstr (dossier_pack_get_id (evaluation->pack), ==, DOSSIER_WIZARD_DEFAULT_PROGRAM);
  g_assert_true (has_label (GTK_WIDGET (fixture->wizard), "Eligible"));
  g_assert_cmpint (status_of (fixture, "offer"), ==, DOSSIER_STEP_DONE);
  g_assert_cmpint (status_of (fixture, "about"), ==, DOSSIER_STEP_DONE);
  g_assert_cmpint (status_of (fixture, "review"), ==, DOSSIER_STEP_DONE);
  g_assert_cmpint (status_of (fixture, "program"), ==, DOSSIER_STEP_EMPTY);

  /* Typing part-time hours makes the job offer fail, without anything else to do. */
  hours = row_for (fixture, "/dossier/job-offer/hours-per-week");
  gtk_editable_set_text (GTK_EDITABLE (hours), "2");
  gtk_editable_set_text (GTK_EDITABLE (hours), "20");
  wait_for (fixture, verdict_is_not_eligible);
  g_assert_true (has_label (GTK_WIDGET (fixture->wizard), "Not eligible"));
  g_assert_cmpint (status_of (fixture, "offer"), ==, DOSSIER_STEP_PROBLEM);
  g_assert_cmpint (status_of (fixture, "review"), ==, DOSSIER_STEP_PROBLEM);

  gtk_editable_set_text (GTK_EDITABLE (hours), "37.5");
  wait_for (fixture, verdict_is_eligible);
  g_assert_cmpint (status_of (fixture, "offer"), ==, DOSSIER_STEP_DONE);

  /* Missing information: incomplete, and the step is in progress. */
  gtk_editable_set_text (GTK_EDITABLE (hours), "");
  evaluation = settled_evaluation (fixture);
  g_assert_null (dossier_profile_get_value (fixture->profile, "job-offer/hours-per-week"));
  g_assert_cmpint (evaluation->verdict, ==, DOSSIER_VERDICT_INCOMPLETE);
  g_assert_cmpint (status_of (fixture, "offer"), ==,
                   DOSSIER_STEP_IN_PROGRESS);
  g_assert_true (has_label (GTK_WIDGET (fixture->wizard), "Incomplete"));

  /* Back to the default day. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.reset-as-of", NULL);
  g_assert_cmpuint (dossier_wizard_get_as_of (fixture->wizard), !=, day (ELIGIBLE_DAY));
}

/* ------------------------------------------------------------------------------------
 * The states of the Documents and Package steps: from their pages' checks
 */

static DossierStepStatus expected_documents;
static DossierStepStatus expected_package;

static gboolean
documents_and_package_are_as_expected (Fixture *fixture)
{
  return status_of (fixture, "documents") == expected_documents
         && status_of (fixture, "package") == expected_package;
}

static void
expect (Fixture           *fixture,
        DossierStepStatus  documents,
        DossierStepStatus  package)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  expected_documents = documents;
  expected_package = package;
  while (!documents_and_package_are_as_expected (fixture))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Documents is %d (expected %d), Package %d (expected %d)",
                 status_of (fixture, "documents"), documents,
                 status_of (fixture, "package"), package);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_documents_and_package_states (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char *make_specimens = g_getenv ("DOSSIER_MAKE_SPECIMENS");
  g_autofree char *files = g_build_filename (fixture->dir, "files", NULL);
  const char *argv[3] = { make_specimens, files, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (make_specimens);
  wait_for (fixture, is_mapped);

  /* The profile names its documents, but none of the files is there. */
  dossier_wizard_set_as_of (fixture->wizard, day (ELIGIBLE_DAY));
  expect (fixture, DOSSIER_STEP_PROBLEM, DOSSIER_STEP_EMPTY);

  /* The files appear. A day after the work permit's last: that slot has a problem, and
   * the package is not ready. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  dossier_wizard_set_as_of (fixture->wizard, day ("2026-07-01"));
  expect (fixture, DOSSIER_STEP_PROBLEM, DOSSIER_STEP_EMPTY);

  /* On the day she is eligible every required slot is ready, and so is the package (to
   * be made: in progress). */
  dossier_wizard_set_as_of (fixture->wizard, day (ELIGIBLE_DAY));
  expect (fixture, DOSSIER_STEP_DONE, DOSSIER_STEP_IN_PROGRESS);

  /* Removing every document: nothing attached, not started. */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *kind = dossier_profile_get_value (fixture->profile,
                                                         "documents/document[1]/@kind");

      if (kind == NULL)
        break;
      g_assert_true (dossier_profile_set_value (fixture->profile, "documents/document[1]",
                                                NULL, &error));
      g_assert_no_error (error);
    }
  expect (fixture, DOSSIER_STEP_EMPTY, DOSSIER_STEP_EMPTY);

  {
    g_autoptr(GDir) dir = g_dir_open (files, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (files, name, NULL);

        g_unlink (path);
      }
    g_rmdir (files);
  }
}

/* ------------------------------------------------------------------------------------
 * Steps and focus
 */

static void
test_steps_and_focus (Fixture       *fixture,
                      gconstpointer  data)
{
  wait_for (fixture, is_mapped);

  /* Opening a step focuses its first field. */
  dossier_wizard_open_step (fixture->wizard, "offer");
  g_assert_cmpstr (dossier_wizard_get_step (fixture->wizard), ==, "offer");
  g_assert_true (focus_is_on_field (fixture, "/dossier/job-offer/employer"));

  /* Next and Back keep the order. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.next", NULL);
  g_assert_cmpstr (dossier_wizard_get_step (fixture->wizard), ==, "documents");
  gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.previous", NULL);
  g_assert_cmpstr (dossier_wizard_get_step (fixture->wizard), ==, "education");
  g_assert_true (focus_is_on_field (fixture, "/dossier/education/credential/name"));

  /* There is nothing before the first step. */
  dossier_wizard_open_step (fixture->wizard, "program");
  gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.previous", NULL);
  g_assert_cmpstr (dossier_wizard_get_step (fixture->wizard), ==, "program");

  /* A field of another step, by the path a problem gives. */
  g_assert_true (dossier_wizard_focus_field (fixture->wizard,
                                             "/dossier/applicant/status/@expires"));
  g_assert_cmpstr (dossier_wizard_get_step (fixture->wizard), ==, "about");
  g_assert_true (focus_is_on_field (fixture, "/dossier/applicant/status/@expires"));
}

static GtkWidget *
find_focus_button (GtkWidget  *widget,
                   const char *target)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)),
                        "wizard.focus-field") == 0)
        {
          GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));

          if (value != NULL && g_str_equal (g_variant_get_string (value, NULL), target))
            return child;
        }
      if ((found = find_focus_button (child, target)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_review_opens_the_field (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *review;
  GtkWidget *button;
  DossierFieldRow *hours;

  wait_for (fixture, is_mapped);
  dossier_wizard_set_as_of (fixture->wizard, day (ELIGIBLE_DAY));
  hours = row_for (fixture, "/dossier/job-offer/hours-per-week");
  gtk_editable_set_text (GTK_EDITABLE (hours), "20");
  wait_for (fixture, verdict_is_not_eligible);

  dossier_wizard_open_step (fixture->wizard, "review");
  flush ();
  review = find_descendant (GTK_WIDGET (fixture->wizard), DOSSIER_TYPE_PAGE_REVIEW);
  g_assert_nonnull (review);
  g_assert_true (gtk_widget_get_mapped (review));
  g_assert_true (has_label (review, "Not eligible: a requirement is not met"));
  g_assert_true (has_label (review, "Job offer full-time: at least 30 paid hours a week"));

  /* The failing requirement's button opens the job offer at the hours. */
  button = find_focus_button (review, "/dossier/job-offer/hours-per-week");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (dossier_wizard_get_step (fixture->wizard), ==, "offer");
  g_assert_true (focus_is_within (fixture, GTK_WIDGET (hours)));

  /* Something missing: the button fills it in. */
  type_into (fixture, "/dossier/job-offer/permanent", "");
  settled_evaluation (fixture);
  dossier_wizard_open_step (fixture->wizard, "review");
  flush ();
  button = find_focus_button (review, "/dossier/job-offer/permanent");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (dossier_wizard_get_step (fixture->wizard), ==, "offer");
  g_assert_true (focus_is_on_field (fixture, "/dossier/job-offer/permanent"));

  /* A value problem is listed with its own button. */
  type_into (fixture, "/dossier/applicant/birth-date", "1990-13-01");
  settled_evaluation (fixture);
  dossier_wizard_open_step (fixture->wizard, "review");
  flush ();
  button = find_focus_button (review, "/dossier/applicant/birth-date");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (dossier_wizard_get_step (fixture->wizard), ==, "about");
}

/* ------------------------------------------------------------------------------------
 * Pages
 */

static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row_titled (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_program_choice (Fixture       *fixture,
                     gconstpointer  data)
{
  DossierPack *pack = dossier_pack_find ("hcwip-home-support", NULL);
  GtkWidget *page;
  GtkWidget *row;
  GtkWidget *check;
  g_autofree char *value = NULL;
  const DossierEvaluation *evaluation;

  g_assert_nonnull (pack);
  wait_for (fixture, is_mapped);
  dossier_wizard_open_step (fixture->wizard, "program");
  page = find_descendant (GTK_WIDGET (fixture->wizard), DOSSIER_TYPE_PAGE_PROGRAM);
  row = find_row_titled (page, dossier_pack_get_title (pack, "en"));
  g_assert_nonnull (row);
  check = find_descendant (row, GTK_TYPE_CHECK_BUTTON);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  value = get (fixture, "program/@id");
  g_assert_cmpstr (value, ==, "hcwip-home-support");
  evaluation = settled_evaluation (fixture);
  g_assert_cmpstr (dossier_pack_get_id (evaluation->pack), ==, "hcwip-home-support");
  g_assert_cmpint (status_of (fixture, "program"), ==, DOSSIER_STEP_DONE);

  /* The intake's status is shown for the as-of day. */
  g_assert_nonnull (find_row_titled (page, "Status"));
}

static gboolean
has_two_courses (Fixture *fixture)
{
  return dossier_profile_get_records (fixture->profile)->courses->len == 2;
}

static void
test_training_add_and_remove (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char * const fields[] = {
    "name", "institution", "country", "start", "end", "hours-per-week", "in-person",
    "credential", NULL,
  };
  GtkWidget *page;
  DossierFieldRow *name;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  wait_for (fixture, is_mapped);
  dossier_wizard_open_step (fixture->wizard, "training");
  page = find_descendant (GTK_WIDGET (fixture->wizard), DOSSIER_TYPE_PAGE_TRAINING);
  gtk_widget_activate_action (page, "training.add", NULL);
  g_assert_true (has_two_courses (fixture));

  /* The new course's first field has the focus and writes into it. */
  name = row_for (fixture, "/dossier/training/course[2]/name");
  g_assert_cmpstr (dossier_field_row_get_path (name), ==, "training/course[@id='t2']/name");
  g_assert_true (focus_is_within (fixture, GTK_WIDGET (name)));
  gtk_editable_set_text (GTK_EDITABLE (name), "First aid");
  value = get (fixture, "training/course[@id='t2']/name");
  g_assert_cmpstr (value, ==, "First aid");
  type_into (fixture, "/dossier/training/course[2]/start", "2024-02-01");

  g_assert_true (dossier_profile_remove_record (fixture->profile, "training/course[@id='t2']",
                                                fields, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dossier_profile_get_records (fixture->profile)->courses->len, ==, 1);
  flush ();
  g_assert_null (dossier_field_rows_find (page, "/dossier/training/course[2]/name"));
  g_assert_nonnull (dossier_field_rows_find (page, "/dossier/training/course/name"));
}

/* ------------------------------------------------------------------------------------
 * A narrow window
 */

static GtkWidget *
find_step_list (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_BOX (child) && gtk_widget_has_css_class (child, "navigation-sidebar"))
        return child;
      if ((found = find_step_list (child)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_folded (Fixture *fixture)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find_descendant (GTK_WIDGET (fixture->wizard),
                                                      ADW_TYPE_LEAFLET));

  return adw_leaflet_get_folded (leaflet);
}

static gboolean
is_narrow (Fixture *fixture)
{
  return gtk_widget_get_width (GTK_WIDGET (fixture->wizard)) <= 360;
}

static void
test_narrow_window (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwLeaflet *leaflet;
  GtkWidget *steps;
  int minimum = 0;

  wait_for (fixture, is_mapped);
  leaflet = ADW_LEAFLET (find_descendant (GTK_WIDGET (fixture->wizard), ADW_TYPE_LEAFLET));
  g_assert_false (adw_leaflet_get_folded (leaflet));

  dossier_wizard_open_step (fixture->wizard, "offer");
  gtk_widget_measure (GTK_WIDGET (fixture->wizard), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  gtk_window_set_default_size (fixture->window, 360, 640);
  wait_for (fixture, is_folded);
  wait_for (fixture, is_narrow);

  /* One column: the step's content, and the list of steps a button away. */
  steps = find_step_list (GTK_WIDGET (leaflet));
  g_assert_nonnull (steps);
  g_assert_false (gtk_widget_is_ancestor (steps, adw_leaflet_get_visible_child (leaflet)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.show-steps", NULL);
  g_assert_true (gtk_widget_is_ancestor (steps, adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (focus_is_within (fixture, steps));
  dossier_wizard_open_step (fixture->wizard, "about");
  g_assert_false (gtk_widget_is_ancestor (steps, adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (focus_is_on_field (fixture, "/dossier/applicant/family-name"));
}

static void
count_cb (DossierWizard *wizard,
          guint         *count)
{
  (*count)++;
}

static void
test_back_to_clients (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DossierProfile) other = NULL;
  DossierFieldRow *row;
  guint emitted = 0;

  g_signal_connect (fixture->wizard, "back-to-clients", G_CALLBACK (count_cb), &emitted);
  gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.back-to-clients", NULL);
  g_assert_cmpuint (emitted, ==, 1);

  /* Another client replaces every field. */
  other = dossier_profile_new ();
  dossier_wizard_set_profile (fixture->wizard, other);
  row = row_for (fixture, "/dossier/applicant/given-names");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  dossier_wizard_set_profile (fixture->wizard, fixture->profile);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Maria Luisa");
}

/* ------------------------------------------------------------------------------------
 * Notes
 */

#define EXAMPLE_NOTES "Free text kept with the profile; never packaged."

/* The text view in the group with this title, under widget. */
static GtkTextView *
find_group_text_view (GtkWidget  *widget,
                      const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *found;

      if (ADW_IS_PREFERENCES_GROUP (child)
          && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (child)),
                        title) == 0)
        return GTK_TEXT_VIEW (find_descendant (child, GTK_TYPE_TEXT_VIEW));
      if ((found = find_group_text_view (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

/* Runs the main loop until the checker has loaded its dictionary and checked the text. */
static void
wait_spell_checked (DossierSpellChecker *checker)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  flush ();
  while (dossier_spell_checker_get_busy (checker))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* Whether the word at the first occurrence of word in the view is underlined, all of it. */
static gboolean
is_underlined (GtkTextView *view,
               const char  *word)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = dossier_spell_checker_get_tag (dossier_spell_checker_get_for_view (view));
  g_autofree char *text = buffer_text (view);
  const char *found = strstr (text, word);
  GtkTextIter start, end;

  g_assert_nonnull (found);
  gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                      (int) g_utf8_strlen (text, found - text));
  if (!gtk_text_iter_starts_tag (&start, tag))
    return FALSE;
  end = start;
  gtk_text_iter_forward_to_tag_toggle (&end, tag);
  return gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start)
         == (int) g_utf8_strlen (word, -1);
}

static void
test_review_notes (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *review;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  DossierSpellChecker *checker;
  GtkWidget *rule_row;
  GtkTextIter iter;
  char *value;
  g_autofree char *shown = NULL;
  g_autofree char *xml = NULL;

  wait_for (fixture, is_mapped);
  dossier_wizard_open_step (fixture->wizard, "review");
  flush ();
  review = find_descendant (GTK_WIDGET (fixture->wizard), DOSSIER_TYPE_PAGE_REVIEW);
  g_assert_nonnull (review);
  g_assert_true (gtk_widget_get_mapped (review));
  g_assert_true (has_label (review, "Notes"));
  view = find_group_text_view (review, "Notes");
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view)));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (view), ==, GTK_WRAP_WORD_CHAR);
  buffer = gtk_text_view_get_buffer (view);

  /* The example's notes, which loading did not make something to undo. */
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, EXAMPLE_NOTES);
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  checker = dossier_spell_checker_get_for_view (view);
  g_assert_nonnull (checker);
  g_assert_cmpstr (dossier_spell_checker_get_language (checker), ==, "en_CA");
  wait_spell_checked (checker);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&iter,
                                                       dossier_spell_checker_get_tag (checker)));

  /* Typing goes to the profile as it is typed; the requirements, which it does not
   * change, are not built again for each keystroke. */
  rule_row = find_row_titled (review, "Job offer full-time: at least 30 paid hours a week");
  g_assert_nonnull (rule_row);
  g_object_add_weak_pointer (G_OBJECT (rule_row), (gpointer *) &rule_row);
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, " Call her on Monday.", -1);
  value = get (fixture, "notes");
  g_assert_cmpstr (value, ==, EXAMPLE_NOTES " Call her on Monday.");
  g_free (value);
  settled_evaluation (fixture);
  g_assert_nonnull (rule_row);
  g_assert_true (gtk_widget_is_ancestor (rule_row, review));
  g_object_remove_weak_pointer (G_OBJECT (rule_row), (gpointer *) &rule_row);

  /* Replacing all of it keeps the element and its language; a misspelled word is
   * underlined. */
  gtk_text_buffer_set_text (buffer, "She will send the contarct by email.", -1);
  value = get (fixture, "notes");
  g_assert_cmpstr (value, ==, "She will send the contarct by email.");
  g_free (value);
  flush ();
  value = get (fixture, "notes/@xml:lang");
  g_assert_cmpstr (value, ==, "en");
  g_free (value);
  wait_spell_checked (checker);
  g_assert_true (is_underlined (view, "contarct"));
  g_assert_false (is_underlined (view, "email"));

  /* The language chosen in the menu goes in the notes' xml:lang. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "spell.language", "s", "fr_CA"));
  value = get (fixture, "notes/@xml:lang");
  g_assert_cmpstr (value, ==, "fr");
  g_free (value);

  /* A change from elsewhere is shown, and its language followed... */
  g_assert_true (dossier_profile_set_value (fixture->profile, "notes/@xml:lang", "en", NULL));
  g_assert_true (dossier_profile_set_value (fixture->profile, "notes", "Changed elsewhere.", NULL));
  g_clear_pointer (&shown, g_free);
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, "Changed elsewhere.");
  g_assert_cmpstr (dossier_spell_checker_get_language (checker), ==, "en_CA");

  /* ...but not under the cursor of the user typing: only once they leave. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 7);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (dossier_profile_set_value (fixture->profile, "notes", "Changed again.", NULL));
  g_clear_pointer (&shown, g_free);
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, "Changed elsewhere.");
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, 7);
  gtk_widget_grab_focus (GTK_WIDGET (row_for (fixture, "/dossier/job-offer/hours-per-week")));
  flush ();
  g_clear_pointer (&shown, g_free);
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, "Changed again.");

  /* Removing all of the text removes the element, and its language with it. */
  gtk_text_buffer_set_text (buffer, "", -1);
  flush ();
  value = get (fixture, "notes");
  g_assert_null (value);
  value = get (fixture, "notes/@xml:lang");
  g_assert_null (value);
  xml = dossier_profile_to_data (fixture->profile, NULL);
  g_assert_null (strstr (xml, "<notes"));

  /* Another client's notes replace these, and are not something to undo either. */
  {
    g_autoptr(DossierProfile) other = dossier_profile_new ();
    g_autofree char *other_text = NULL;

    g_assert_true (dossier_profile_set_value (other, "notes", "Another client.", NULL));
    dossier_wizard_set_profile (fixture->wizard, other);
    other_text = buffer_text (view);
    g_assert_cmpstr (other_text, ==, "Another client.");
    g_assert_false (gtk_text_buffer_get_can_undo (buffer));
    dossier_wizard_set_profile (fixture->wizard, fixture->profile);
    g_clear_pointer (&shown, g_free);
    shown = buffer_text (view);
    g_assert_cmpstr (shown, ==, "");
  }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/wizard/fields-write-profile", test_fields_write_profile);
  ADD ("/wizard/bad-date-shows-message", test_bad_date_shows_message);
  ADD ("/wizard/verdict-is-live", test_verdict_is_live);
  ADD ("/wizard/documents-and-package-states", test_documents_and_package_states);
  ADD ("/wizard/steps-and-focus", test_steps_and_focus);
  ADD ("/wizard/review-opens-the-field", test_review_opens_the_field);
  ADD ("/wizard/program-choice", test_program_choice);
  ADD ("/wizard/training-add-and-remove", test_training_add_and_remove);
  ADD ("/wizard/narrow-window", test_narrow_window);
  ADD ("/wizard/back-to-clients", test_back_to_clients);
  ADD ("/wizard/review-notes", test_review_notes);

#undef ADD

  return g_test_run ();
}
