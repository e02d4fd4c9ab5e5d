/* test-profile.c: loading, checking and saving applicant profiles, and refusing
 * hostile files
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dossier-profile.h"
#include "dossier-xml.h"

#define PROFILE_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<dossier xmlns=\"urn:dossier:profile:1\" format-version=\"1\">\n"

/* Hostile inputs must be refused long before this; a parser that expands or fetches
 * anything takes seconds or hangs. */
#define QUICK_USEC (2 * G_USEC_PER_SEC)

/* ------------------------------------------------------------------------------------
 * Helpers
 */

static char *
example_path (void)
{
  const char *datadir = g_getenv ("DOSSIER_DATADIR");

  g_assert_nonnull (datadir);
  return g_build_filename (datadir, "examples", "maria-dela-cruz.dossier", NULL);
}

static char *
bad_path (const char *name)
{
  const char *srcdir = g_getenv ("DOSSIER_TEST_SRCDIR");

  g_assert_nonnull (srcdir);
  return g_build_filename (srcdir, "bad", name, NULL);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dossier-test-profile-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
write_file (const char *filename,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (filename, data, length, &error);
  g_assert_no_error (error);
}

static DossierProfile *
load_string (const char *xml)
{
  g_autoptr(GError) error = NULL;
  DossierProfile *profile = dossier_profile_load_from_data (xml, strlen (xml), "test.dossier",
                                                            &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

static void
append_day (GString    *out,
            const char *name,
            DossierDay  day)
{
  g_autofree char *text = day != DOSSIER_DAY_UNKNOWN ? dossier_day_format (day) : NULL;

  g_string_append_printf (out, "%s=%s\n", name, text ? text : "-");
}

static void
append_str (GString    *out,
            const char *name,
            const char *value)
{
  g_string_append_printf (out, "%s=%s\n", name, value ? value : "(null)");
}

static void
append_num (GString    *out,
            const char *name,
            double      value)
{
  g_string_append_printf (out, "%s=%g\n", name, value);
}

static void
append_origin (GString             *out,
               const DossierOrigin *origin)
{
  g_string_append_printf (out, "origin=%s:%u\n", origin->path ? origin->path : "-",
                          origin->line);
}

/* Every field of the records as text, to compare two views at once. Lines are left out
 * when asked, as a save may move elements to other lines. */
static char *
describe_records (const DossierRecords *records,
                  gboolean              with_lines)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const DossierApplicant *a = &records->applicant;
  const DossierJobOffer *o = &records->offer;

  append_str (out, "family_name", a->family_name);
  append_str (out, "given_names", a->given_names);
  append_day (out, "birth_date", a->birth_date);
  append_str (out, "citizenship", a->citizenship);
  append_str (out, "email", a->email);
  append_str (out, "phone", a->phone);
  append_str (out, "passport_number", a->passport_number);
  append_str (out, "passport_country", a->passport_country);
  append_day (out, "passport_issued", a->passport_issued);
  append_day (out, "passport_expires", a->passport_expires);
  append_str (out, "residence_country", a->residence_country);
  append_str (out, "residence_province", a->residence_province);
  append_day (out, "residence_since", a->residence_since);
  append_str (out, "intended_province", a->intended_province);
  append_str (out, "status_kind", a->status_kind);
  append_str (out, "status_permit", a->status_permit);
  append_str (out, "status_province", a->status_province);
  append_day (out, "status_issued", a->status_issued);
  append_day (out, "status_expires", a->status_expires);
  append_day (out, "first_entry", a->first_entry);

  for (guint i = 0; i < records->jobs->len; i++)
    {
      const DossierJob *job = g_ptr_array_index (records->jobs, i);

      g_string_append_printf (out, "job %u\n", i);
      append_str (out, "id", job->id);
      append_str (out, "employer", job->employer);
      append_str (out, "title", job->title);
      append_str (out, "noc", job->noc);
      append_str (out, "country", job->country);
      append_str (out, "province", job->province);
      append_str (out, "setting", job->setting);
      append_day (out, "start", job->start);
      append_day (out, "end", job->end);
      append_num (out, "ongoing", job->ongoing);
      append_num (out, "hours", job->hours_per_week);
      append_num (out, "authorized", job->authorized);
      append_num (out, "full_time_student", job->full_time_student);
      append_str (out, "duties", job->duties);
      append_str (out, "duties_lang", job->duties_lang);
      if (with_lines)
        append_origin (out, &job->origin);
      else
        append_str (out, "path", job->origin.path);
    }
  for (guint i = 0; i < records->courses->len; i++)
    {
      const DossierCourse *course = g_ptr_array_index (records->courses, i);

      g_string_append_printf (out, "course %u\n", i);
      append_str (out, "id", course->id);
      append_str (out, "name", course->name);
      append_str (out, "institution", course->institution);
      append_str (out, "country", course->country);
      append_day (out, "start", course->start);
      append_day (out, "end", course->end);
      append_num (out, "hours", course->hours_per_week);
      append_num (out, "in_person", course->in_person);
      append_str (out, "credential", course->credential);
      if (with_lines)
        append_origin (out, &course->origin);
    }
  for (guint i = 0; i < records->language_tests->len; i++)
    {
      const DossierLanguageTest *test = g_ptr_array_index (records->language_tests, i);

      g_string_append_printf (out, "test %u\n", i);
      append_str (out, "id", test->id);
      append_str (out, "kind", test->kind);
      append_str (out, "scale", test->scale);
      append_day (out, "date", test->date);
      append_str (out, "registration", test->registration);
      for (guint j = 0; j < DOSSIER_N_ABILITIES; j++)
        append_num (out, "score", test->scores[j]);
      if (with_lines)
        append_origin (out, &test->origin);
    }
  for (guint i = 0; i < records->credentials->len; i++)
    {
      const DossierCredential *credential = g_ptr_array_index (records->credentials, i);

      g_string_append_printf (out, "credential %u\n", i);
      append_str (out, "id", credential->id);
      append_str (out, "level", credential->level);
      append_str (out, "country", credential->country);
      append_day (out, "completed", credential->completed);
      append_str (out, "name", credential->name);
      append_num (out, "has_eca", credential->has_eca);
      append_str (out, "eca_organization", credential->eca_organization);
      append_str (out, "eca_reference", credential->eca_reference);
      append_day (out, "eca_issued", credential->eca_issued);
      append_str (out, "eca_equivalent", credential->eca_equivalent);
      if (with_lines)
        append_origin (out, &credential->origin);
    }
  g_string_append (out, "offer\n");
  append_num (out, "present", o->present);
  append_str (out, "employer", o->employer);
  append_str (out, "employer_kind", o->employer_kind);
  append_str (out, "noc", o->noc);
  append_str (out, "province", o->province);
  append_str (out, "setting", o->setting);
  append_num (out, "hours", o->hours_per_week);
  append_num (out, "wage", o->hourly_wage);
  append_num (out, "median", o->median_hourly_wage);
  append_str (out, "median_source", o->median_source);
  append_num (out, "permanent", o->permanent);
  append_num (out, "seasonal", o->seasonal);
  append_day (out, "start", o->start);
  if (with_lines)
    append_origin (out, &o->origin);
  for (guint i = 0; i < records->documents->len; i++)
    {
      const DossierDocument *document = g_ptr_array_index (records->documents, i);

      g_string_append_printf (out, "document %u\n", i);
      append_str (out, "kind", document->kind);
      append_str (out, "file", document->file);
      append_str (out, "job", document->job);
      append_str (out, "country", document->country);
      if (with_lines)
        append_origin (out, &document->origin);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const DossierProblem *
find_problem (GPtrArray  *problems,
              const char *path)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const DossierProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->path, path) == 0)
        return problem;
    }
  return NULL;
}

static void
dump_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const DossierProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("problem: %u %s [%s] %s", problem->line, problem->path,
                      problem->value ? problem->value : "", problem->message);
    }
}

/* Asserts a problem at path, on line, about value, whose message mentions hint. */
static void
assert_problem (GPtrArray  *problems,
                const char *path,
                guint       line,
                const char *value,
                const char *hint)
{
  const DossierProblem *problem = find_problem (problems, path);

  if (problem == NULL)
    {
      dump_problems (problems);
      g_error ("no problem reported at %s", path);
    }
  g_assert_cmpuint (problem->line, ==, line);
  g_assert_cmpstr (problem->value, ==, value);
  g_assert_nonnull (problem->message);
  if (strstr (problem->message, hint) == NULL)
    g_error ("problem at %s: “%s” does not mention “%s”", path, problem->message, hint);
}

/* ------------------------------------------------------------------------------------
 * The example
 */

static void
test_example (void)
{
  g_autofree char *filename = example_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  const DossierRecords *records;
  const DossierJob *job;
  const DossierLanguageTest *test;
  const DossierCredential *credential;
  GPtrArray *problems;

  profile = dossier_profile_load (filename, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_profile_get_filename (profile), ==, filename);

  problems = dossier_profile_get_problems (profile);
  dump_problems (problems);
  g_assert_cmpuint (problems->len, ==, 0);

  records = dossier_profile_get_records (profile);
  g_assert_cmpstr (records->applicant.family_name, ==, "Dela Cruz");
  g_assert_cmpstr (records->applicant.given_names, ==, "Maria Luisa");
  g_assert_cmpuint (records->applicant.birth_date, ==, dossier_day_from_ymd (1990, 2, 14));
  g_assert_cmpstr (records->applicant.citizenship, ==, "PH");
  g_assert_cmpuint (records->applicant.passport_expires, ==, dossier_day_from_ymd (2032, 4, 30));
  g_assert_cmpstr (records->applicant.status_kind, ==, "work-permit");
  g_assert_cmpstr (records->applicant.status_permit, ==, "open");
  g_assert_cmpstr (records->applicant.status_province, ==, "ON");
  g_assert_cmpuint (records->applicant.status_expires, ==, dossier_day_from_ymd (2026, 6, 30));
  g_assert_cmpstr (records->applicant.intended_province, ==, "ON");

  g_assert_cmpuint (records->jobs->len, ==, 1);
  job = g_ptr_array_index (records->jobs, 0);
  g_assert_cmpstr (job->id, ==, "j1");
  g_assert_cmpstr (job->noc, ==, "44100");
  g_assert_cmpuint (job->start, ==, dossier_day_from_ymd (2023, 1, 9));
  g_assert_cmpuint (job->end, ==, dossier_day_from_ymd (2024, 12, 31));
  g_assert_false (job->ongoing);
  g_assert_cmpfloat (job->hours_per_week, ==, 40);
  g_assert_cmpint (job->authorized, ==, DOSSIER_ANSWER_YES);
  g_assert_cmpint (job->full_time_student, ==, DOSSIER_ANSWER_NO);
  g_assert_cmpstr (job->duties_lang, ==, "en");
  g_assert_cmpstr (job->origin.path, ==, "/dossier/work-history/job");
  g_assert_cmpuint (job->origin.line, >, 0);

  g_assert_cmpuint (records->courses->len, ==, 1);
  g_assert_cmpuint (records->language_tests->len, ==, 2);
  test = g_ptr_array_index (records->language_tests, 0);
  g_assert_cmpstr (test->kind, ==, "celpip-g");
  g_assert_cmpuint (test->date, ==, dossier_day_from_ymd (2024, 6, 1));
  for (guint i = 0; i < DOSSIER_N_ABILITIES; i++)
    g_assert_cmpfloat (test->scores[i], >=, 4);
  g_assert_cmpstr (test->origin.path, ==, "/dossier/language-tests/test[1]");

  g_assert_cmpuint (records->credentials->len, ==, 1);
  credential = g_ptr_array_index (records->credentials, 0);
  g_assert_cmpstr (credential->level, ==, "bachelor");
  g_assert_true (credential->has_eca);
  g_assert_cmpstr (credential->eca_organization, ==, "wes");
  g_assert_cmpuint (credential->eca_issued, ==, dossier_day_from_ymd (2024, 2, 1));

  g_assert_true (records->offer.present);
  g_assert_cmpstr (records->offer.noc, ==, "44100");
  g_assert_cmpstr (records->offer.province, ==, "ON");
  g_assert_cmpfloat (records->offer.hours_per_week, >=, 30);
  g_assert_cmpfloat (records->offer.hourly_wage, >=, records->offer.median_hourly_wage);
  g_assert_cmpint (records->offer.permanent, ==, DOSSIER_ANSWER_YES);
  g_assert_cmpstr (records->offer.origin.path, ==, "/dossier/job-offer");

  g_assert_cmpuint (records->documents->len, >, 0);

  /* Asking twice gives the cached view. */
  g_assert_true (records == dossier_profile_get_records (profile));
}

static void
test_new (void)
{
  g_autoptr(DossierProfile) profile = dossier_profile_new ();
  g_autoptr(DossierProfile) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_null (dossier_profile_get_filename (profile));
  g_assert_null (dossier_profile_get_records (profile)->applicant.family_name);
  g_assert_false (dossier_profile_get_records (profile)->offer.present);
  g_assert_cmpuint (dossier_profile_get_problems (profile)->len, ==, 0);

  /* What a new profile saves is a profile. */
  data = dossier_profile_to_data (profile, &length);
  reloaded = dossier_profile_load_from_data (data, length, "new.dossier", &error);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------------------
 * Round trips
 */

static void
test_round_trip (void)
{
  g_autofree char *filename = example_path ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *saved = g_build_filename (dir, "maria.dossier", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) first = NULL;
  g_autoptr(DossierProfile) second = NULL;
  g_autoptr(DossierProfile) third = NULL;
  g_autofree char *first_data = NULL;
  g_autofree char *second_data = NULL;
  g_autofree char *third_data = NULL;
  g_autofree char *original = NULL;
  g_autofree char *first_records = NULL;
  g_autofree char *second_records = NULL;

  first = dossier_profile_load (filename, &error);
  g_assert_no_error (error);
  first_data = dossier_profile_to_data (first, NULL);

  /* The example is written as the serializer writes, so even the first save is the
   * file itself, comments and all. */
  g_file_get_contents (filename, &original, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_data, ==, original);

  dossier_profile_save (first, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_profile_get_filename (first), ==, saved);

  second = dossier_profile_load (saved, &error);
  g_assert_no_error (error);
  second_data = dossier_profile_to_data (second, NULL);
  g_assert_cmpstr (first_data, ==, second_data);

  first_records = describe_records (dossier_profile_get_records (first), TRUE);
  second_records = describe_records (dossier_profile_get_records (second), TRUE);
  g_assert_cmpstr (first_records, ==, second_records);

  /* From memory too. */
  third = dossier_profile_load_from_data (second_data, strlen (second_data), "copy", &error);
  g_assert_no_error (error);
  third_data = dossier_profile_to_data (third, NULL);
  g_assert_cmpstr (third_data, ==, second_data);

  remove_tree (dir);
}

static const char unknown_profile[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- a comment before the root -->\n"
  "<dossier xmlns=\"urn:dossier:profile:1\" xmlns:x=\"urn:example:other\" "
  "format-version=\"1.3\" x:origin=\"import\" revision=\"7\">\n"
  "  <x:sync last=\"2025-01-01\"><x:token>abc</x:token></x:sync>\n"
  "  <applicant pronouns=\"she/her\">\n"
  "    <family-name x:verified=\"yes\">Dela Cruz</family-name>\n"
  "    <nickname>Malou</nickname>\n"
  "    <passport number=\"P1\" chip=\"yes\"><biometrics/></passport>\n"
  "  </applicant>\n"
  "  <?dossier-editor folded=\"work-history\"?>\n"
  "  <work-history>\n"
  "    <job id=\"j1\" verified-by=\"employer\">\n"
  "      <noc>44100</noc>\n"
  "      <reference-letter date=\"2025-01-15\">yes</reference-letter>\n"
  "      <x:note>from the import</x:note>\n"
  "    </job>\n"
  "  </work-history>\n"
  "  <pets><pet kind=\"cat\">Miming</pet></pets>\n"
  "  <notes xml:lang=\"tl\">Salamat &amp; ingat &lt;3</notes>\n"
  "</dossier>\n";

static void
test_unknown_kept (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *saved = g_build_filename (dir, "unknown.dossier", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  g_autoptr(DossierProfile) reloaded = NULL;
  g_autofree char *data = NULL;
  g_autofree char *reloaded_data = NULL;
  static const char * const kept[] = {
    "<!-- a comment before the root -->",
    "xmlns:x=\"urn:example:other\"",
    "format-version=\"1.3\"",
    "x:origin=\"import\"",
    "revision=\"7\"",
    "<x:sync last=\"2025-01-01\"><x:token>abc</x:token></x:sync>",
    "<applicant pronouns=\"she/her\">",
    "<family-name x:verified=\"yes\">",
    "<nickname>Malou</nickname>",
    "<passport number=\"P1\" chip=\"yes\"><biometrics/></passport>",
    "<?dossier-editor folded=\"work-history\"?>",
    "<job id=\"j1\" verified-by=\"employer\">",
    "<reference-letter date=\"2025-01-15\">yes</reference-letter>",
    "<x:note>from the import</x:note>",
    "<pets><pet kind=\"cat\">Miming</pet></pets>",
    "Salamat &amp; ingat &lt;3",
  };

  /* A newer minor revision (1.3) of format 1 opens, and nothing of it is lost. */
  profile = load_string (unknown_profile);
  g_assert_cmpuint (dossier_profile_get_problems (profile)->len, ==, 0);
  g_assert_cmpstr (dossier_profile_get_records (profile)->applicant.family_name, ==, "Dela Cruz");
  g_assert_cmpstr (dossier_profile_get_records (profile)->applicant.passport_number, ==, "P1");

  /* An edit in between, then save and load again. */
  g_assert_true (dossier_profile_set_value (profile, "applicant/given-names", "Maria", &error));
  g_assert_no_error (error);
  dossier_profile_save (profile, saved, &error);
  g_assert_no_error (error);
  reloaded = dossier_profile_load (saved, &error);
  g_assert_no_error (error);

  data = dossier_profile_to_data (profile, NULL);
  reloaded_data = dossier_profile_to_data (reloaded, NULL);
  g_assert_cmpstr (data, ==, reloaded_data);
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    if (strstr (reloaded_data, kept[i]) == NULL)
      g_error ("lost on save: %s\n%s", kept[i], reloaded_data);
  g_assert_cmpstr (dossier_profile_get_records (reloaded)->applicant.given_names, ==, "Maria");

  remove_tree (dir);
}

/* ------------------------------------------------------------------------------------
 * Saving
 */

static void
test_save_mode (void)
{
  g_autofree char *filename = example_path ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *saved = g_build_filename (dir, "maria.dossier", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  struct stat st;

  profile = dossier_profile_load (filename, &error);
  g_assert_no_error (error);

  /* New file. */
  g_assert_true (dossier_profile_save (profile, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (saved, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* Replacing a file someone made readable by all makes it private again. */
  g_assert_cmpint (g_chmod (saved, 0644), ==, 0);
  g_assert_true (dossier_profile_save (profile, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (saved, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* Nothing left behind but the profile. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  remove_tree (dir);
}

static void
test_save_failure (void)
{
  g_autofree char *filename = example_path ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "maria.dossier", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "maria.dossier", NULL);
  g_autofree char *as_dir = g_build_filename (dir, "a-folder.dossier", NULL);
  g_autofree char *inside = g_build_filename (as_dir, "keep", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  static const char original[] = "the original, untouched\n";

  profile = dossier_profile_load (filename, &error);
  g_assert_no_error (error);

  /* A folder that does not exist. */
  g_assert_false (dossier_profile_save (profile, missing, &error));
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "maria.dossier"));
  g_clear_error (&error);

  /* The rename fails (the target is a folder): the temporary file goes away and the
   * target is as it was. This works even for root, unlike permissions. */
  g_assert_cmpint (g_mkdir (as_dir, 0700), ==, 0);
  write_file (inside, original, -1);
  g_assert_false (dossier_profile_save (profile, as_dir, &error));
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "a-folder.dossier"));
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_cmpuint (count_entries (as_dir), ==, 1);

  /* The profile still has the file name it had: the failed saves did not take. */
  g_assert_cmpstr (dossier_profile_get_filename (profile), ==, filename);

  remove_tree (dir);
}

static const char unwritable_original[] = "the original, untouched\n";

/* Saving into a folder we may not write to; the folder is set up by the caller. */
static void
save_into_unwritable (const char *dir)
{
  g_autofree char *filename = example_path ();
  g_autofree char *target = g_build_filename (dir, "maria.dossier", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;

  profile = dossier_profile_load (filename, &error);
  g_assert_no_error (error);

  /* Root may write anywhere: become nobody first (the profile is read already). */
  if (geteuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }

  g_assert_false (dossier_profile_save (profile, target, &error));
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "maria.dossier"));
  g_assert_nonnull (strstr (error->message, "folder"));
  g_test_message ("unwritable folder: %s", error->message);
}

static void
test_save_unwritable_subprocess (void)
{
  save_into_unwritable (g_getenv ("DOSSIER_TEST_UNWRITABLE_DIR"));
}

static void
test_save_unwritable (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "maria.dossier", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  write_file (target, unwritable_original, -1);
  g_assert_cmpint (g_chmod (target, 0644), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  if (geteuid () == 0)
    {
      /* Dropping root is for good, so it happens in a child. */
      g_setenv ("DOSSIER_TEST_UNWRITABLE_DIR", dir, TRUE);
      g_test_trap_subprocess ("/profile/save/unwritable/subprocess", 0,
                              G_TEST_SUBPROCESS_DEFAULT);
      g_unsetenv ("DOSSIER_TEST_UNWRITABLE_DIR");
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("");
    }
  else
    {
      save_into_unwritable (dir);
    }

  /* The original is untouched and nothing was left next to it. */
  g_file_get_contents (target, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, unwritable_original);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_chmod (dir, 0700);
  remove_tree (dir);
}

/* ------------------------------------------------------------------------------------
 * Problems with values
 */

static const char problem_profile[] =
  PROFILE_HEAD
  "  <applicant>\n"                                                            /* 3 */
  "    <family-name>Dela Cruz</family-name>\n"
  "    <birth-date>1990-02-30</birth-date>\n"                                  /* 5 */
  "    <citizenship>Philippines</citizenship>\n"                               /* 6 */
  "    <passport number=\"P1\" country=\"ph\" issued=\"2022-05-01\" expires=\"2021-04-30\"/>\n" /* 7 */
  "    <residence country=\"CA\" province=\"Ontario\" since=\"2021-11-02\"/>\n" /* 8 */
  "    <intended-province>ZZ</intended-province>\n"                          /* 9 */
  "  </applicant>\n"
  "  <work-history>\n"
  "    <job id=\"j1\">\n"                                                      /* 12 */
  "      <noc>4410</noc>\n"                                                    /* 13 */
  "      <country>CAN</country>\n"                                             /* 14 */
  "      <start>2024-01-09</start>\n"                                          /* 15 */
  "      <end>2023-12-31</end>\n"                                              /* 16 */
  "      <hours-per-week>200</hours-per-week>\n"                               /* 17 */
  "    </job>\n"
  "    <job id=\"j2\">\n"                                                      /* 19 */
  "      <start>2025-13-01</start>\n"                                          /* 20 */
  "      <hours-per-week>-5</hours-per-week>\n"                                /* 21 */
  "    </job>\n"
  "    <job id=\"j3\">\n"                                                      /* 23 */
  "      <hours-per-week>forty</hours-per-week>\n"                             /* 24 */
  "    </job>\n"
  "  </work-history>\n"
  "  <language-tests>\n"
  "    <test id=\"l1\" kind=\"celpip-g\" date=\"2024-06-01\" reading=\"13\" "
  "writing=\"5\" listening=\"M\" speaking=\"6\"/>\n"                            /* 28 */
  "    <test id=\"l2\" kind=\"toefl\" reading=\"29\"/>\n"                      /* 29 */
  "  </language-tests>\n"
  "  <job-offer>\n"
  "    <noc>NOC 44100</noc>\n"                                               /* 32 */
  "    <province>on</province>\n"                                            /* 33 */
  "    <hourly-wage currency=\"CAD\">-19.50</hourly-wage>\n"                   /* 34 */
  "    <median-hourly-wage currency=\"CAD\">lots</median-hourly-wage>\n"       /* 35 */
  "    <hours-per-week>37.5</hours-per-week>\n"                              /* 36 */
  "  </job-offer>\n"
  "</dossier>\n";

static void
test_value_problems (void)
{
  g_autoptr(DossierProfile) profile = load_string (problem_profile);
  GPtrArray *problems = dossier_profile_get_problems (profile);
  const DossierRecords *records = dossier_profile_get_records (profile);
  const DossierJob *job;
  const DossierLanguageTest *test;

  dump_problems (problems);

  assert_problem (problems, "/dossier/applicant/birth-date", 5, "1990-02-30", "YYYY-MM-DD");
  assert_problem (problems, "/dossier/applicant/citizenship", 6, "Philippines", "ISO 3166-1");
  assert_problem (problems, "/dossier/applicant/passport/@country", 7, "ph", "two capital letters");
  assert_problem (problems, "/dossier/applicant/passport/@expires", 7, "2021-04-30", "2022-05-01");
  assert_problem (problems, "/dossier/applicant/residence/@province", 8, "Ontario", "ON");
  assert_problem (problems, "/dossier/applicant/intended-province", 9, "ZZ", "QC");
  assert_problem (problems, "/dossier/work-history/job[1]/noc", 13, "4410", "five digits");
  assert_problem (problems, "/dossier/work-history/job[1]/country", 14, "CAN", "ISO 3166-1");
  assert_problem (problems, "/dossier/work-history/job[1]/end", 16, "2023-12-31", "before it starts");
  assert_problem (problems, "/dossier/work-history/job[1]/hours-per-week", 17, "200", "168");
  assert_problem (problems, "/dossier/work-history/job[2]/start", 20, "2025-13-01", "YYYY-MM-DD");
  assert_problem (problems, "/dossier/work-history/job[2]/hours-per-week", 21, "-5", "0 to 168");
  assert_problem (problems, "/dossier/work-history/job[3]/hours-per-week", 24, "forty", "number");
  assert_problem (problems, "/dossier/language-tests/test[1]/@reading", 28, "13", "12");
  assert_problem (problems, "/dossier/language-tests/test[1]/@listening", 28, "M", "score");
  assert_problem (problems, "/dossier/job-offer/noc", 32, "NOC 44100", "five digits");
  assert_problem (problems, "/dossier/job-offer/province", 33, "on", "ON");
  assert_problem (problems, "/dossier/job-offer/hourly-wage", 34, "-19.50", "negative");
  assert_problem (problems, "/dossier/job-offer/median-hourly-wage", 35, "lots", "19.50");
  g_assert_cmpuint (problems->len, ==, 19);

  /* Values with problems are not given; the others are. */
  g_assert_cmpstr (records->applicant.family_name, ==, "Dela Cruz");
  g_assert_cmpuint (records->applicant.birth_date, ==, DOSSIER_DAY_UNKNOWN);
  g_assert_null (records->applicant.citizenship);
  g_assert_null (records->applicant.passport_country);
  g_assert_cmpuint (records->applicant.passport_issued, ==, dossier_day_from_ymd (2022, 5, 1));
  g_assert_cmpuint (records->applicant.passport_expires, ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpstr (records->applicant.residence_country, ==, "CA");
  g_assert_null (records->applicant.residence_province);
  g_assert_null (records->applicant.intended_province);

  g_assert_cmpuint (records->jobs->len, ==, 3);
  job = g_ptr_array_index (records->jobs, 0);
  g_assert_null (job->noc);
  g_assert_cmpuint (job->start, ==, dossier_day_from_ymd (2024, 1, 9));
  g_assert_cmpuint (job->end, ==, DOSSIER_DAY_UNKNOWN);
  g_assert_false (job->ongoing);   /* an end was given, just a wrong one */
  g_assert_true (isnan (job->hours_per_week));
  g_assert_cmpstr (job->origin.path, ==, "/dossier/work-history/job[1]");
  g_assert_cmpuint (job->origin.line, ==, 12);
  job = g_ptr_array_index (records->jobs, 1);
  g_assert_true (job->ongoing);
  g_assert_cmpuint (job->start, ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (job->origin.line, ==, 19);

  test = g_ptr_array_index (records->language_tests, 0);
  g_assert_true (isnan (test->scores[DOSSIER_ABILITY_READING]));
  g_assert_cmpfloat (test->scores[DOSSIER_ABILITY_WRITING], ==, 5);
  g_assert_true (isnan (test->scores[DOSSIER_ABILITY_LISTENING]));
  g_assert_cmpfloat (test->scores[DOSSIER_ABILITY_SPEAKING], ==, 6);
  /* A test the tables do not know is left to the rules, score and all. */
  test = g_ptr_array_index (records->language_tests, 1);
  g_assert_cmpfloat (test->scores[DOSSIER_ABILITY_READING], ==, 29);

  g_assert_null (records->offer.noc);
  g_assert_null (records->offer.province);
  g_assert_true (isnan (records->offer.hourly_wage));
  g_assert_true (isnan (records->offer.median_hourly_wage));
  g_assert_cmpfloat (records->offer.hours_per_week, ==, 37.5);
}

/* ------------------------------------------------------------------------------------
 * Editing
 */

static void
changed_cb (DossierProfile *profile,
            guint          *count)
{
  (*count)++;
}

static void
test_get_set (void)
{
  g_autofree char *filename = example_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  g_autoptr(DossierProfile) reloaded = NULL;
  g_autofree char *data = NULL;
  const DossierRecords *records;
  const DossierJob *job;
  guint changes = 0;
  char *value;

  profile = dossier_profile_load (filename, &error);
  g_assert_no_error (error);
  g_signal_connect (profile, "changed", G_CALLBACK (changed_cb), &changes);

#define ASSERT_VALUE(path, expected) \
  G_STMT_START { \
    value = dossier_profile_get_value (profile, path); \
    g_assert_cmpstr (value, ==, expected); \
    g_free (value); \
  } G_STMT_END

  ASSERT_VALUE ("applicant/given-names", "Maria Luisa");
  ASSERT_VALUE ("applicant/passport/@expires", "2032-04-30");
  ASSERT_VALUE ("work-history/job[@id='j1']/hours-per-week", "40");
  ASSERT_VALUE ("work-history/job[1]/end", "2024-12-31");
  ASSERT_VALUE ("/dossier/work-history/job/end", "2024-12-31");
  ASSERT_VALUE ("/dossier/language-tests/test[2]/@kind", "tef-canada");
  ASSERT_VALUE ("/dossier/@format-version", "1");
  ASSERT_VALUE ("applicant/nickname", NULL);
  ASSERT_VALUE ("work-history/job[@id='nope']/end", NULL);
  ASSERT_VALUE ("not a path", NULL);

  /* The records are rebuilt after a change. */
  records = dossier_profile_get_records (profile);
  g_assert_cmpuint (records->jobs->len, ==, 1);

  /* Changing a value, adding a job (elements created on the way), removing values. */
  g_assert_true (dossier_profile_set_value (profile, "work-history/job[@id='j1']/hours-per-week", "35", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (dossier_profile_set_value (profile, "work-history/job[@id='j1']/hours-per-week", "35", &error));
  g_assert_cmpuint (changes, ==, 1);   /* same value: no change */
  g_assert_true (dossier_profile_set_value (profile, "work-history/job[@id='j2']/employer", "Sunny Daycare & Co <Toronto>", &error));
  g_assert_true (dossier_profile_set_value (profile, "work-history/job[@id='j2']/start", "2025-01-06", &error));
  g_assert_true (dossier_profile_set_value (profile, "applicant/status/@expires", "2027-01-31", &error));
  g_assert_true (dossier_profile_set_value (profile, "applicant/phone", NULL, &error));
  g_assert_true (dossier_profile_set_value (profile, "applicant/passport/@issued", NULL, &error));
  g_assert_true (dossier_profile_set_value (profile, "applicant/nickname", NULL, &error));
  g_assert_true (dossier_profile_set_value (profile, "/dossier/job-offer/start", "2025-10-01", &error));
  g_assert_true (dossier_profile_set_value (profile, "training/course[2]/name", "First aid", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 8);

  records = dossier_profile_get_records (profile);
  g_assert_cmpuint (records->jobs->len, ==, 2);
  job = g_ptr_array_index (records->jobs, 0);
  g_assert_cmpfloat (job->hours_per_week, ==, 35);
  job = g_ptr_array_index (records->jobs, 1);
  g_assert_cmpstr (job->id, ==, "j2");
  g_assert_cmpstr (job->employer, ==, "Sunny Daycare & Co <Toronto>");
  g_assert_cmpuint (job->start, ==, dossier_day_from_ymd (2025, 1, 6));
  g_assert_true (job->ongoing);
  g_assert_cmpuint (records->applicant.status_expires, ==, dossier_day_from_ymd (2027, 1, 31));
  g_assert_null (records->applicant.phone);
  g_assert_cmpuint (records->applicant.passport_issued, ==, DOSSIER_DAY_UNKNOWN);
  g_assert_cmpuint (records->offer.start, ==, dossier_day_from_ymd (2025, 10, 1));
  g_assert_cmpuint (records->courses->len, ==, 2);
  g_assert_cmpuint (dossier_profile_get_problems (profile)->len, ==, 0);

  /* The result is a valid profile, with the new elements in the profile's namespace
   * and indented like the others. */
  data = dossier_profile_to_data (profile, NULL);
  g_assert_nonnull (strstr (data, "    <job id=\"j2\">\n      <employer>Sunny Daycare &amp; Co &lt;Toronto&gt;</employer>\n"
                            "      <start>2025-01-06</start>\n"
                            "    </job>\n"
                            "  </work-history>\n"));
  g_assert_null (strstr (data, "<phone>"));
  reloaded = dossier_profile_load_from_data (data, strlen (data), "edited", &error);
  g_assert_no_error (error);

  /* A bad value is a problem, as in a file. */
  g_assert_true (dossier_profile_set_value (profile, "applicant/birth-date", "1990-02-31", &error));
  assert_problem (dossier_profile_get_problems (profile), "/dossier/applicant/birth-date", 11,
                  "1990-02-31", "YYYY-MM-DD");
  /* So is one the schema does not allow. */
  g_assert_true (dossier_profile_set_value (profile, "applicant/status/@kind", "tourist", &error));
  assert_problem (dossier_profile_get_problems (profile), "/dossier/applicant/status/@kind", 20,
                  "tourist", "work-permit, maintained-status");

  /* Paths that are not fields. */
  g_assert_false (dossier_profile_set_value (profile, "applicant//given-names", "x", &error));
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dossier_profile_set_value (profile, "/other/x", "x", &error));
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dossier_profile_set_value (profile, "applicant", "x", &error));
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dossier_profile_set_value (profile, "work-history/job[5]/end", "2025-01-01", &error));
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dossier_profile_set_value (profile, "applicant/email", "a\001b", &error));
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID);
  g_clear_error (&error);

#undef ASSERT_VALUE
}

/* ------------------------------------------------------------------------------------
 * Refused files
 */

static void
assert_load_error (const char *filename,
                   int         code,
                   const char *hint)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  g_autofree char *display_name = g_filename_display_name (filename);
  gint64 start = g_get_monotonic_time ();

  profile = dossier_profile_load (filename, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, QUICK_USEC);
  g_assert_null (profile);
  g_assert_error (error, DOSSIER_PROFILE_ERROR, code);
  g_test_message ("%s", error->message);
  /* Every message names the file. */
  g_assert_nonnull (strstr (error->message, display_name));
  if (hint != NULL && strstr (error->message, hint) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, hint);
}

static void
assert_bad_file (const char *name,
                 int         code,
                 const char *hint)
{
  g_autofree char *filename = bad_path (name);

  assert_load_error (filename, code, hint);
}

static void
test_newer_format (void)
{
  assert_bad_file ("newer-format.dossier", DOSSIER_PROFILE_ERROR_NEWER_FORMAT,
                   "written by a newer Dossier (format 2); update Dossier to open it");
}

static void
test_wrong_root (void)
{
  assert_bad_file ("wrong-root.dossier", DOSSIER_PROFILE_ERROR_INVALID, "<rules>");
  assert_bad_file ("wrong-namespace.dossier", DOSSIER_PROFILE_ERROR_INVALID,
                   "urn:example:not-dossier");
  assert_bad_file ("no-namespace.dossier", DOSSIER_PROFILE_ERROR_INVALID,
                   "urn:dossier:profile:1");
}

static const char twice_xml[] =
  PROFILE_HEAD
  "  <applicant>\n"
  "    <family-name>A</family-name>\n"
  "    <family-name>B</family-name>\n"
  "  </applicant>\n"
  "</dossier>\n";

static const char kind_xml[] =
  PROFILE_HEAD
  "  <applicant>\n"
  "    <family-name>A</family-name>\n"
  "    <status kind=\"tourist\"/>\n"
  "  </applicant>\n"
  "</dossier>\n";

static const char tokens_xml[] =
  PROFILE_HEAD
  "  <applicant>\n"
  "    <family-name>A</family-name>\n"
  "  </applicant>\n"
  "  <work-history>\n"
  "    <job id=\"j1\">\n"
  "      <setting>garage</setting>\n"                                            /* 8 */
  "      <authorized>yes</authorized>\n"                                         /* 9 */
  "    </job>\n"
  "  </work-history>\n"
  "  <education>\n"
  "    <credential level=\"phd\"><eca organization=\"xyz\"/></credential>\n"   /* 13 */
  "  </education>\n"
  "</dossier>\n";

static void
test_schema_invalid (void)
{
  g_autofree char *filename = bad_path ("schema-invalid.dossier");
  g_autofree char *display_name = g_filename_display_name (filename);
  g_autofree char *expected = g_strdup_printf ("\n%s:3: /dossier/applicant: ", display_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;

  assert_load_error (filename, DOSSIER_PROFILE_ERROR_INVALID, "family-name");

  /* One "FILE:LINE: PATH: message" line per problem. */
  profile = dossier_profile_load (filename, &error);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  /* A repeated element and a value outside an enumeration. */
  g_clear_object (&profile);
  profile = dossier_profile_load_from_data (twice_xml, strlen (twice_xml), "twice.dossier",
                                            &error);
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "\ntwice.dossier:5: /dossier/applicant/family-name[2]: "
                                            "<family-name> appears more than once"));
  g_clear_error (&error);

  profile = dossier_profile_load_from_data (kind_xml, strlen (kind_xml), "kind.dossier",
                                            &error);
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "\nkind.dossier:5: /dossier/applicant/status/@kind: "
                                            "“tourist” is not one of the values allowed here: "
                                            "work-permit, "));
  g_clear_error (&error);

  /* Every value outside its list is named, even where libxml2 stops at the first. */
  profile = dossier_profile_load_from_data (tokens_xml, strlen (tokens_xml), "tokens.dossier",
                                            &error);
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message,
                            "\ntokens.dossier:8: /dossier/work-history/job/setting: “garage” is "
                            "not one of the values allowed here: private-home, institution"));
  g_assert_nonnull (strstr (error->message,
                            "\ntokens.dossier:9: /dossier/work-history/job/authorized: “yes” is "
                            "not a yes/no answer; write true or false"));
  g_assert_nonnull (strstr (error->message,
                            "\ntokens.dossier:13: /dossier/education/credential/@level: “phd”"));
  g_assert_nonnull (strstr (error->message,
                            "\ntokens.dossier:13: /dossier/education/credential/eca/@organization: "
                            "“xyz” is not one of the values allowed here: wes, "));
  g_clear_error (&error);
}

static void
test_billion_laughs (void)
{
  assert_bad_file ("billion-laughs.dossier", DOSSIER_PROFILE_ERROR_HOSTILE, "DOCTYPE");
}

static void
test_external_dtd (void)
{
  /* Port 9 on the loopback: a fetch would fail fast too, so the timing alone proves
   * little; the error code proves the DOCTYPE was refused before anything else. */
  assert_bad_file ("external-dtd.dossier", DOSSIER_PROFILE_ERROR_HOSTILE, "DOCTYPE");
  assert_bad_file ("xxe-parameter-entity.dossier", DOSSIER_PROFILE_ERROR_HOSTILE, "DOCTYPE");
  assert_bad_file ("xxe-file.dossier", DOSSIER_PROFILE_ERROR_HOSTILE, "DOCTYPE");
}

static void
test_bare_doctype (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE dossier>\n"
    "<dossier xmlns=\"urn:dossier:profile:1\" format-version=\"1\">\n"
    "  <applicant><family-name>A</family-name></applicant>\n"
    "</dossier>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;

  /* Even a harmless DOCTYPE: there is no telling harmless ones apart cheaply. */
  profile = dossier_profile_load_from_data (xml, strlen (xml), "bare.dossier", &error);
  g_assert_null (profile);
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_HOSTILE);
  g_assert_nonnull (strstr (error->message, "“bare.dossier” contains a document type "
                                            "declaration (DOCTYPE)"));
}

#define SECRET "DOSSIER-SECRET-6c1f0e9b"

static void
test_xxe_secret_subprocess (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *hostile = g_build_filename (dir, "hostile.dossier", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *xml_in_attribute = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;

  write_file (secret, SECRET "\n", -1);
  uri = g_filename_to_uri (secret, NULL, &error);
  g_assert_no_error (error);
  xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<!DOCTYPE dossier [ <!ENTITY secret SYSTEM \"%s\"> ]>\n"
                         "<dossier xmlns=\"urn:dossier:profile:1\" format-version=\"1\">\n"
                         "  <applicant><family-name>&secret;</family-name></applicant>\n"
                         "</dossier>\n", uri);
  write_file (hostile, xml, -1);

  profile = dossier_profile_load (hostile, &error);
  g_assert_null (profile);
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_HOSTILE);
  g_assert_null (strstr (error->message, SECRET));
  /* Print it, so that the parent sees whatever would have leaked. */
  g_print ("%s\n", error->message);
  g_clear_error (&error);

  profile = dossier_profile_load_from_data (xml, strlen (xml), "hostile", &error);
  g_assert_null (profile);
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_HOSTILE);
  g_print ("%s\n", error->message);
  g_clear_error (&error);

  /* The same entity used in an attribute value. */
  xml_in_attribute = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                                      "<!DOCTYPE d [ <!ENTITY s SYSTEM \"%s\"> ]>\n"
                                      "<dossier xmlns=\"urn:dossier:profile:1\" "
                                      "format-version=\"1\" x=\"&s;\"/>\n", uri);
  profile = dossier_profile_load_from_data (xml_in_attribute, strlen (xml_in_attribute),
                                            "hostile", &error);
  g_assert_null (profile);
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_HOSTILE);
  g_print ("%s\n", error->message);
  g_clear_error (&error);

  remove_tree (dir);
}

static void
test_xxe_secret (void)
{
  /* In a child, so that anything libxml2 might print is caught too. */
  g_test_trap_subprocess ("/profile/hostile/xxe-secret/subprocess", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*DOCTYPE*");
  g_test_trap_assert_stdout_unmatched ("*" SECRET "*");
  g_test_trap_assert_stderr_unmatched ("*" SECRET "*");
  g_test_trap_assert_stderr ("");
}

static void
test_too_large (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *big = g_build_filename (dir, "big.dossier", NULL);
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;

  /* A DOCTYPE first: had the file been parsed at all, the error would be HOSTILE. */
  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<!DOCTYPE dossier>\n"
                        "<dossier xmlns=\"urn:dossier:profile:1\" format-version=\"1\">\n"
                        "  <applicant><family-name>A</family-name></applicant>\n"
                        "  <notes>");
  while (xml->len < 5 * 1024 * 1024)
    g_string_append (xml, "All work and no play makes Jack a dull boy. ");
  g_string_append (xml, "</notes>\n</dossier>\n");
  write_file (big, xml->str, xml->len);

  assert_load_error (big, DOSSIER_PROFILE_ERROR_TOO_LARGE, "refused unread");

  profile = dossier_profile_load_from_data (xml->str, xml->len, "big", &error);
  g_assert_null (profile);
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  remove_tree (dir);
}

static void
test_too_deep (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *deep = g_build_filename (dir, "deep.dossier", NULL);
  g_autoptr(GString) xml = g_string_new (NULL);

  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<dossier xmlns=\"urn:dossier:profile:1\" format-version=\"1\">\n");
  for (guint i = 0; i < 10000; i++)
    g_string_append (xml, "<a>");
  for (guint i = 0; i < 10000; i++)
    g_string_append (xml, "</a>");
  g_string_append (xml, "\n</dossier>\n");
  write_file (deep, xml->str, xml->len);

  assert_load_error (deep, DOSSIER_PROFILE_ERROR_TOO_LARGE, "deep");
  assert_bad_file ("deep-nesting.dossier", DOSSIER_PROFILE_ERROR_TOO_LARGE, "16 deep");

  remove_tree (dir);
}

static void
test_malformed (void)
{
  assert_bad_file ("invalid-utf8.dossier", DOSSIER_PROFILE_ERROR_MALFORMED, ":4:28:");
  assert_bad_file ("invalid-utf8.dossier", DOSSIER_PROFILE_ERROR_MALFORMED, "UTF-8");
  assert_bad_file ("latin1.dossier", DOSSIER_PROFILE_ERROR_MALFORMED, "UTF-8");
  assert_bad_file ("truncated.dossier", DOSSIER_PROFILE_ERROR_MALFORMED, ":5:");
  assert_bad_file ("empty.dossier", DOSSIER_PROFILE_ERROR_MALFORMED, "empty");
  assert_bad_file ("binary.dossier", DOSSIER_PROFILE_ERROR_MALFORMED, "UTF-8");
}

static void
test_not_a_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.dossier", NULL);

  assert_load_error (missing, DOSSIER_PROFILE_ERROR_IO, NULL);
  assert_load_error (dir, DOSSIER_PROFILE_ERROR_IO, "not a regular file");

  remove_tree (dir);
}

/* Every file in tests/bad is refused, and libxml2 says nothing on stderr about it. */
static void
test_all_bad_subprocess (void)
{
  g_autofree char *dir = bad_path (NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *filename = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(DossierProfile) profile = NULL;

      if (!g_str_has_suffix (name, ".dossier"))
        continue;
      profile = dossier_profile_load (filename, &error);
      g_assert_null (profile);
      g_assert_nonnull (error);
      n++;
    }
  g_assert_cmpuint (n, >=, 10);
}

static void
test_all_bad (void)
{
  g_test_trap_subprocess ("/profile/hostile/all/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("");
}

static void
test_node_path (void)
{
  g_autoptr(GError) error = NULL;
  static const char xml[] =
    "<a xmlns=\"urn:x\" xmlns:o=\"urn:o\"><b/><c k=\"v\"/><c/><o:c/><d>  text \n</d><e>  </e></a>";
  g_autoptr(xmlDoc) doc = dossier_xml_read_memory (xml, strlen (xml), "t", 1024, 8, &error);
  xmlNode *root;
  xmlNode *c1;
  xmlNode *oc;
  xmlNode *d;
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  g_autofree char *p3 = NULL;
  g_autofree char *p4 = NULL;
  g_autofree char *p5 = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;

  g_assert_no_error (error);
  root = xmlDocGetRootElement (doc);
  c1 = root->children->next;
  oc = c1->next->next;
  d = oc->next;
  p1 = dossier_xml_node_path (root);
  p2 = dossier_xml_node_path (c1);
  p3 = dossier_xml_node_path ((xmlNode *) c1->properties);
  p4 = dossier_xml_node_path (oc);
  p5 = dossier_xml_node_path (root->children);
  g_assert_cmpstr (p1, ==, "/a");
  g_assert_cmpstr (p2, ==, "/a/c[1]");
  g_assert_cmpstr (p3, ==, "/a/c[1]/@k");
  g_assert_cmpstr (p4, ==, "/a/c");      /* alone in its namespace */
  g_assert_cmpstr (p5, ==, "/a/b");
  t1 = dossier_xml_node_text (d);
  t2 = dossier_xml_node_text (d->next);
  g_assert_cmpstr (t1, ==, "text");
  g_assert_null (t2);
  g_assert_null (dossier_xml_node_text (NULL));
}

static gpointer
validate_thread (gpointer data)
{
  const char *xml = data;

  for (guint i = 0; i < 25; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);
      g_autoptr(xmlDoc) doc = dossier_xml_read_memory (xml, strlen (xml), "thread", 1 << 20, 16,
                                                       &error);

      g_assert_no_error (error);
      g_assert_true (dossier_xml_validate (doc, "profile.rng", problems, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);
    }
  return NULL;
}

/* The compiled schema is shared; each validation has its own context. */
static void
test_validate_threads (void)
{
  g_autofree char *filename = example_path ();
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  GThread *threads[6];

  g_file_get_contents (filename, &xml, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("validate", validate_thread, xml);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

static void
test_validate_missing_schema (void)
{
  static const char xml[] = "<a/>";
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = dossier_xml_read_memory (xml, strlen (xml), "a", 1024, 4, &error);

  g_assert_no_error (error);
  g_assert_false (dossier_xml_validate (doc, "no-such-schema.rng", NULL, &error));
  g_assert_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no-such-schema.rng"));
}

/* A check in a worker thread keeps its records while the user goes on typing. */
static void
test_dup_records_outlive_changes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = dossier_profile_new ();
  g_autoptr(DossierRecords) before = NULL;
  const DossierRecords *after;

  g_assert_true (dossier_profile_set_value (profile, "job-offer/hours-per-week", "37.5", &error));
  g_assert_no_error (error);
  before = dossier_profile_dup_records (profile);
  g_assert_cmpfloat (before->offer.hours_per_week, ==, 37.5);

  g_assert_true (dossier_profile_set_value (profile, "job-offer/hours-per-week", "20", &error));
  after = dossier_profile_get_records (profile);
  g_assert_true (after != before);
  g_assert_cmpfloat (after->offer.hours_per_week, ==, 20);
  /* The old view is untouched and still readable. */
  g_assert_cmpfloat (before->offer.hours_per_week, ==, 37.5);
}

/* A worker's copy: no file name, documents found where the original says. */
static void
test_load_detached (void)
{
  g_autofree char *path = example_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) original = dossier_profile_load (path, &error);
  g_autofree char *data = NULL;
  g_autoptr(DossierProfile) copy = NULL;
  const DossierRecords *records;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_true (dossier_profile_set_value (original, "documents/document[1]/@file",
                                            "/elsewhere/passport.pdf", &error));
  data = dossier_profile_to_data (original, &length);
  copy = dossier_profile_load_detached (data, length, "/clients/maria.dossier", &error);
  g_assert_no_error (error);
  g_assert_null (dossier_profile_get_filename (copy));
  records = dossier_profile_get_records (copy);
  g_assert_cmpuint (records->documents->len, >, 2);
  for (guint i = 0; i < records->documents->len; i++)
    {
      const DossierDocument *document = g_ptr_array_index (records->documents, i);

      g_assert_true (g_path_is_absolute (document->file));
      if (i == 0)
        g_assert_cmpstr (document->file, ==, "/elsewhere/passport.pdf");
      else
        g_assert_true (g_str_has_prefix (document->file, "/clients/files/"));
    }
  /* The original is not touched. */
  records = dossier_profile_get_records (original);
  g_assert_cmpstr (((const DossierDocument *) g_ptr_array_index (records->documents, 1))->file,
                   ==, "files/celpip-results.pdf");

  /* Bad text is refused, with the reason. */
  g_assert_null (dossier_profile_load_detached ("<dossier", 8, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile/example", test_example);
  g_test_add_func ("/profile/new", test_new);
  g_test_add_func ("/profile/round-trip", test_round_trip);
  g_test_add_func ("/profile/unknown-kept", test_unknown_kept);
  g_test_add_func ("/profile/save/mode", test_save_mode);
  g_test_add_func ("/profile/save/failure", test_save_failure);
  g_test_add_func ("/profile/save/unwritable", test_save_unwritable);
  g_test_add_func ("/profile/save/unwritable/subprocess", test_save_unwritable_subprocess);
  g_test_add_func ("/profile/value-problems", test_value_problems);
  g_test_add_func ("/profile/get-set", test_get_set);
  g_test_add_func ("/profile/newer-format", test_newer_format);
  g_test_add_func ("/profile/wrong-root", test_wrong_root);
  g_test_add_func ("/profile/schema-invalid", test_schema_invalid);
  g_test_add_func ("/profile/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/profile/hostile/external-dtd", test_external_dtd);
  g_test_add_func ("/profile/hostile/bare-doctype", test_bare_doctype);
  g_test_add_func ("/profile/hostile/xxe-secret", test_xxe_secret);
  g_test_add_func ("/profile/hostile/xxe-secret/subprocess", test_xxe_secret_subprocess);
  g_test_add_func ("/profile/hostile/too-large", test_too_large);
  g_test_add_func ("/profile/hostile/too-deep", test_too_deep);
  g_test_add_func ("/profile/hostile/malformed", test_malformed);
  g_test_add_func ("/profile/hostile/not-a-file", test_not_a_file);
  g_test_add_func ("/profile/hostile/all", test_all_bad);
  g_test_add_func ("/profile/hostile/all/subprocess", test_all_bad_subprocess);
  g_test_add_func ("/profile/xml/node-path", test_node_path);
  g_test_add_func ("/profile/xml/validate-threads", test_validate_threads);
  g_test_add_func ("/profile/xml/validate-missing-schema", test_validate_missing_schema);
  g_test_add_func ("/profile/records/dup-outlives-changes", test_dup_records_outlive_changes);
  g_test_add_func ("/profile/load-detached", test_load_detached);

  return g_test_run ();
}
