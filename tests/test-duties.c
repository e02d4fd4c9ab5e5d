/* test-duties.c: job descriptions against the NOC's main duties (dossier-duties.c), on
 * the real data/noc/noc.xml and the real hunspell dictionaries, and the note that
 * `dossier-cli check` writes with it
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>

#include "dossier-duties.h"
#include "dossier-noc.h"
#include "dossier-profile.h"
#include "dossier-speller.h"
#include "dossier-xml.h"

/* A nanny's letter that describes the job fully, in the words employers use. */
static const char nanny_en[] =
  "Cared for the employer's three children (a 10-month-old baby and twins aged 4) in the "
  "family's home while both parents worked. Bathed, dressed and fed the children every "
  "morning; prepared the baby's formula and changed diapers. Planned and cooked healthy "
  "meals and snacks, and did the children's laundry. Followed the parents' schedule for "
  "naps and quiet time. Kept the house childproofed and safe. Taught the twins to wash "
  "their hands and brush their teeth. Comforted the children when they were upset and "
  "arranged playdates with the neighbours' children. Used the time-outs the parents asked "
  "for. Read stories, did arts and crafts and took the twins to the park and the library. "
  "Walked the twins to kindergarten and picked them up, and took the baby to her doctor's "
  "appointments. Wrote a daily log of meals, naps and any illness for the parents.";

/* Housekeeping only: the job a housekeeper (65310 now, no longer 44101) does. */
static const char housekeeping_en[] =
  "Cleaned the house every day: vacuumed and mopped the floors, dusted the furniture, "
  "cleaned the bathrooms and kitchen, washed the dishes, did the laundry and the ironing "
  "for the family, changed the bed sheets, took out the garbage and did the grocery "
  "shopping.";

/* The same kind of job as nanny_en, in Quebec French. */
static const char nanny_fr[] =
  "Je m'occupais des deux enfants de la famille à leur domicile pendant que les parents "
  "travaillaient : je les baignais, je les habillais et je les nourrissais. Je préparais "
  "les biberons du bébé et je changeais ses couches. Je préparais les repas et les "
  "collations et je faisais la lessive des enfants. Je surveillais leurs activités et "
  "leurs siestes selon les consignes des parents. Je veillais à leur sécurité dans la "
  "maison. Je leur apprenais à se brosser les dents et à se laver les mains. Je les "
  "emmenais à l'école et chez le médecin, je leur lisais des histoires et nous allions au "
  "parc.";

static const char home_support_fr[] =
  "Je prenais soin d'une dame âgée en convalescence à son domicile et je lui tenais "
  "compagnie. Je l'aidais à prendre son bain et à s'habiller. Je préparais ses repas "
  "selon son régime sans sel et je lui rappelais de prendre ses médicaments. Je faisais "
  "le ménage, la lessive et la vaisselle.";

static const DossierDutyCoverage *
find_duty (const DossierDutyListCoverage *list,
           const char                    *id)
{
  for (guint i = 0; i < list->duties->len; i++)
    {
      const DossierDutyCoverage *coverage = g_ptr_array_index (list->duties, i);

      if (g_str_equal (coverage->duty->id, id))
        return coverage;
    }
  g_assert_not_reached ();
}

static gboolean
has_evidence (const DossierDutyCoverage *coverage,
              const char                *word)
{
  for (guint i = 0; i < coverage->evidence->len; i++)
    if (g_str_equal (g_ptr_array_index (coverage->evidence, i), word))
      return TRUE;
  return FALSE;
}

static DossierDutiesResult *
check (const char *code,
       const char *text,
       const char *lang)
{
  g_autoptr(GError) error = NULL;
  DossierDutiesResult *result = dossier_duties_check (code, text, lang, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* ------------------------------------------------------------------------------------
 * The data
 */

static char *
data_file (void)
{
  return g_build_filename (g_getenv ("DOSSIER_DATADIR"), "noc", "noc.xml", NULL);
}

static gboolean
all_stop_words (const char *term,
                const char *lang)
{
  g_autoptr(GArray) ranges = dossier_speller_tokenize (term);

  for (guint i = 0; i < ranges->len; i++)
    {
      DossierSpellRange *range = &g_array_index (ranges, DossierSpellRange, i);
      const char *start = g_utf8_offset_to_pointer (term, range->start);
      const char *end = g_utf8_offset_to_pointer (term, range->end);
      g_autofree char *word = g_utf8_strdown (start, end - start);

      if (!dossier_duties_is_stop_word (word, lang))
        return FALSE;
    }
  return TRUE;
}

/* The shipped file validates against data/schema/noc.rng (read with libxml2, as the
 * application does), and holds what issue 5 needs for the four occupations. */
static void
test_data (void)
{
  g_autofree char *filename = data_file ();
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new ();
  g_autoptr(DossierNocTable) table = NULL;
  static const char * const codes[] = { "44100", "44101", "42202", "33102", NULL };
  static const guint n_duties[] = { 12 + 3, 5, 9 + 8, 3 };

  doc = dossier_xml_read_file (filename, 1024 * 1024, 8, &error);
  g_assert_no_error (error);
  g_assert_true (dossier_xml_validate (doc, "noc.rng", problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  table = dossier_noc_table_load (filename, &error);
  g_assert_no_error (error);
  for (guint c = 0; codes[c] != NULL; c++)
    {
      const DossierNoc *noc = dossier_noc_table_find (table, codes[c]);
      const DossierNocText *lead;
      guint total = 0;

      g_assert_nonnull (noc);
      g_assert_true (dossier_duties_known (codes[c]));
      lead = dossier_noc_get_lead_statement (noc, "en");
      g_assert_nonnull (lead);
      g_assert_nonnull (lead->sources[0]);
      /* No French NOC text was retrieved: every French one is the project's, unverified. */
      lead = dossier_noc_get_lead_statement (noc, "fr");
      g_assert_cmpstr (lead->sources[0], ==, "project-translation");
      g_assert_false (lead->verified);

      for (guint l = 0; l < noc->duty_lists->len; l++)
        {
          const DossierNocDutyList *list = g_ptr_array_index (noc->duty_lists, l);

          /* Only 33102's list is known to be cut off, and it says so. */
          g_assert_true (list->complete == !g_str_equal (codes[c], "33102"));
          if (!list->complete)
            g_assert_nonnull (list->note);
          if (noc->duty_lists->len > 1)
            g_assert_nonnull (list->titles[0]);
          for (guint d = 0; d < list->duties->len; d++)
            {
              const DossierNocDuty *duty = g_ptr_array_index (list->duties, d);

              g_assert_nonnull (duty->texts[0]);
              g_assert_nonnull (duty->texts[0]->sources[0]);
              g_assert_cmpstr (dossier_noc_table_get_source_grade (table, duty->texts[0]->sources[0]),
                               !=, "project");
              g_assert_nonnull (duty->texts[1]);
              g_assert_cmpstr (duty->texts[1]->sources[0], ==, "project-translation");
              g_assert_false (duty->texts[1]->verified);
              for (guint lang = 0; lang < 2; lang++)
                {
                  const DossierNocMatch *match = duty->matches[lang];

                  g_assert_nonnull (match);
                  g_assert_cmpuint (match->need, <=, match->keys->len);
                  for (guint k = 0; k < match->keys->len; k++)
                    {
                      const DossierNocKey *key = g_ptr_array_index (match->keys, k);

                      g_assert_nonnull (key->terms[0]);
                      /* A term of stop-words only would never match, nor one the
                       * tokenizer skips (acronyms such as "CPR"). */
                      for (guint t = 0; key->terms[t] != NULL; t++)
                        if (all_stop_words (key->terms[t], lang == 1 ? "fr" : "en"))
                          g_error ("NOC %s, duty %s: the term “%s” has no word that can match",
                                   codes[c], duty->id, key->terms[t]);
                    }
                }
              total++;
            }
        }
      g_assert_cmpuint (total, ==, n_duties[c]);
    }
  g_assert_cmpstr (dossier_noc_table_get_source_grade (table, "copy-4214"), ==, "third-party");
  g_assert_nonnull (dossier_noc_table_get_source_url (table, "noc-44101"));
}

/* A file that breaks the rules the schema cannot state is refused with its line. */
static void
test_data_refused (void)
{
  static const struct
  {
    const char *duties;
    const char *message;
  } cases[] = {
    { "<duty id=\"a\"><text xml:lang=\"en\" source=\"s\">A</text>\n"
      "<match xml:lang=\"en\" source=\"s\" need=\"3\"><key>a</key><key>b</key></match></duty>",
      "line 6: need=\"3\" but the match has only 2 keys" },
    { "<duty id=\"a\"><text xml:lang=\"en\" source=\"s\">A</text></duty>\n"
      "<duty id=\"a\"><text xml:lang=\"en\" source=\"s\">B</text></duty>",
      "line 6: duty “a” is listed twice" },
    { "<duty id=\"a\">\n<text xml:lang=\"en\" source=\"nowhere\">A</text></duty>",
      "line 6: unknown source “nowhere”" },
    { "<duty id=\"a\"><text xml:lang=\"en\" source=\"s\">A</text>\n"
      "<match xml:lang=\"en\" source=\"s\"><key>a</key></match>\n"
      "<match xml:lang=\"en\" source=\"s\"><key>b</key></match></duty>",
      "line 7: a duty has one match per language" },
  };
  g_autofree char *dir = g_dir_make_tmp ("dossier-duties-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "noc.xml", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *xml = g_strdup_printf (
        "<?xml version=\"1.0\"?>\n"
        "<noc xmlns=\"urn:dossier:noc:1\" format-version=\"1\" version=\"2021-1.0\" revision=\"2026-11-30\">\n"
        "<sources><source id=\"s\" grade=\"project\">S</source></sources>\n"
        "<unit-group code=\"44100\" teer=\"4\"><title xml:lang=\"en\" source=\"s\">T</title><duties>\n"
        "%s\n</duties></unit-group></noc>\n", cases[i].duties);
      g_autoptr(DossierNocTable) table = NULL;

      g_assert_true (g_file_set_contents (path, xml, -1, NULL));
      table = dossier_noc_table_load (path, &error);
      g_assert_null (table);
      g_assert_error (error, DOSSIER_NOC_ERROR, DOSSIER_NOC_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].message);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* ------------------------------------------------------------------------------------
 * Matching
 */

static void
test_nanny_most (void)
{
  g_autoptr(DossierDutiesResult) result = check ("44100", nanny_en, "en");
  const DossierDutyListCoverage *best = dossier_duties_result_get_best (result);

  g_assert_cmpint (result->stems, ==, DOSSIER_DUTIES_STEMS_HUNSPELL);
  g_assert_null (result->stems_note);
  g_assert_cmpstr (result->lang, ==, "en");
  g_assert_false (result->lang_guessed);
  /* The home child care providers' list (44100.01), not the foster parents'. */
  g_assert_cmpstr (best->list->occupation, ==, "44100.01");
  g_assert_cmpuint (best->duties->len, ==, 12);
  g_assert_cmpuint (best->n_covered, >=, 10);
  g_assert_true (best->most);
  g_assert_true (find_duty (best, "formula-diapers")->covered);
  g_assert_true (has_evidence (find_duty (best, "formula-diapers"), "diapers"));
  g_assert_true (find_duty (best, "hygiene")->covered);
  g_assert_true (has_evidence (find_duty (best, "hygiene"), "brush their teeth"));
  g_assert_true (find_duty (best, "school-appointments")->covered);

  /* The foster parents' duties are not in it. */
  g_assert_cmpuint (((DossierDutyListCoverage *) g_ptr_array_index (result->lists, 1))->n_covered, ==, 0);
}

static void
test_housekeeping_only (void)
{
  g_autoptr(DossierDutiesResult) result = check ("44100", housekeeping_en, NULL);
  const DossierDutyListCoverage *best = dossier_duties_result_get_best (result);

  g_assert_cmpstr (result->lang, ==, "en");
  g_assert_true (result->lang_guessed);
  g_assert_cmpuint (best->n_covered, <=, 2);
  g_assert_false (best->most);
  g_assert_true (find_duty (best, "meals-housekeeping")->covered);
  /* "washed the dishes", "changed the bed sheets": no bath, no diapers. */
  g_assert_false (find_duty (best, "bathe-dress-feed")->covered);
  g_assert_false (find_duty (best, "formula-diapers")->covered);
  g_assert_false (find_duty (best, "school-appointments")->covered);

  /* For a home support worker, housekeeping is one duty of five: still not most. */
  {
    g_autoptr(DossierDutiesResult) support = check ("44101", housekeeping_en, "en");

    best = dossier_duties_result_get_best (support);
    g_assert_cmpuint (best->n_covered, ==, 1);
    g_assert_false (best->most);
  }
}

static void
test_french (void)
{
  g_autoptr(DossierDutiesResult) result = check ("44100", nanny_fr, NULL);
  g_autoptr(DossierDutiesResult) support = check ("44101", home_support_fr, "fr");
  const DossierDutyListCoverage *best = dossier_duties_result_get_best (result);
  const DossierDutyCoverage *bathe;

  g_assert_cmpstr (result->lang, ==, "fr");
  g_assert_true (result->lang_guessed);
  g_assert_cmpint (result->stems, ==, DOSSIER_DUTIES_STEMS_HUNSPELL);
  g_assert_true (best->most);
  /* Conjugated verbs reach their infinitives through hunspell. */
  bathe = find_duty (best, "bathe-dress-feed");
  g_assert_true (bathe->covered);
  g_assert_true (has_evidence (bathe, "baignais"));
  g_assert_true (has_evidence (bathe, "nourrissais"));
  g_assert_true (find_duty (best, "formula-diapers")->covered);
  g_assert_true (find_duty (best, "hygiene")->covered);
  g_assert_true (find_duty (best, "school-appointments")->covered);
  /* "consignes" (instructions) is not record keeping (consigner), and "couches"
   * (diapers) is not bedtime (coucher). */
  g_assert_false (find_duty (best, "records")->covered);
  g_assert_false (has_evidence (find_duty (best, "oversee-activities"), "couches"));

  best = dossier_duties_result_get_best (support);
  g_assert_cmpuint (best->n_covered, ==, 5);
  g_assert_true (best->most);
  g_assert_true (has_evidence (find_duty (best, "care-companionship"), "tenais compagnie"));
}

/* The words as a letter inflects them reach the data's dictionary forms. */
static void
test_inflections (void)
{
  g_autoptr(DossierDutiesResult) result =
    check ("44100", "Bathed the baby, feeding the toddler and prepared her bottles.", "en");
  g_autoptr(DossierDutiesResult) support =
    check ("44101", "Preparing special diets; assisted the client when walking.", "en");
  const DossierDutyListCoverage *best = dossier_duties_result_get_best (result);
  const DossierDutyCoverage *bathe = find_duty (best, "bathe-dress-feed");

  g_assert_true (bathe->covered);
  g_assert_true (has_evidence (bathe, "Bathed"));
  g_assert_true (has_evidence (bathe, "feeding"));
  g_assert_true (has_evidence (find_duty (best, "meals-housekeeping"), "prepared"));
  g_assert_true (find_duty (best, "formula-diapers")->covered);
  g_assert_true (has_evidence (find_duty (best, "formula-diapers"), "bottles"));

  best = dossier_duties_result_get_best (support);
  g_assert_true (has_evidence (find_duty (best, "meals-diets"), "diets"));
  g_assert_true (has_evidence (find_duty (best, "meals-diets"), "Preparing"));
  g_assert_true (find_duty (best, "personal-care")->covered);
}

/* The example applicant's letter: honest about what it leaves out. */
static void
test_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "examples",
                                            "maria-dela-cruz.dossier", NULL);
  g_autoptr(DossierProfile) profile = dossier_profile_load (path, &error);
  const DossierRecords *records;
  const DossierJob *job;
  g_autoptr(DossierDutiesResult) result = NULL;
  const DossierDutyListCoverage *best;

  g_assert_no_error (error);
  records = dossier_profile_get_records (profile);
  job = g_ptr_array_index (records->jobs, 0);
  g_assert_cmpstr (job->duties_lang, ==, "en");
  result = check (job->noc, job->duties, job->duties_lang);
  best = dossier_duties_result_get_best (result);
  /* Her two children were 3 and 6: no formulas or diapers; every other duty is there. */
  g_assert_cmpuint (best->n_covered, ==, 11);
  g_assert_true (best->most);
  g_assert_false (find_duty (best, "formula-diapers")->covered);
  g_assert_true (find_duty (best, "supervise")->covered);
}

/* Stop-words never count, and the language is guessed from them. */
static void
test_stop_words (void)
{
  g_autoptr(DossierDutiesResult) empty = check ("44100", "The and of, with the, for a.", "en");
  g_autoptr(DossierDutiesResult) nothing = check ("44101", NULL, "en");

  g_assert_cmpuint (empty->n_words, ==, 0);
  g_assert_cmpuint (dossier_duties_result_get_best (empty)->n_covered, ==, 0);
  g_assert_cmpuint (nothing->n_words, ==, 0);
  g_assert_cmpuint (dossier_duties_result_get_best (nothing)->n_covered, ==, 0);
  g_assert_true (dossier_duties_is_stop_word ("the", "en"));
  g_assert_false (dossier_duties_is_stop_word ("after", "en"));
  g_assert_true (dossier_duties_is_stop_word ("les", "fr"));
  g_assert_cmpstr (dossier_duties_guess_language ("Je prenais soin de la dame."), ==, "fr");
  g_assert_cmpstr (dossier_duties_guess_language ("I took care of the lady."), ==, "en");
  g_assert_cmpstr (dossier_duties_guess_language (""), ==, "en");
}

/* 42202's two lists: an assistant's description is judged on the assistants' list. */
static void
test_lists (void)
{
  g_autoptr(DossierDutiesResult) result = check ("42202",
    "Daycare assistant: helped the early childhood educators carry out the program, told "
    "stories and prepared crafts, prepared snacks and set up the cots for nap time, "
    "helped the children with eating and toilet training, wrote observations for the "
    "educators and attended staff meetings.", "en");
  g_autoptr(DossierDutiesResult) partial = check ("33102",
    "Took residents' blood pressure and temperature and gave first aid.", "en");
  const DossierDutyListCoverage *best = dossier_duties_result_get_best (result);

  g_assert_cmpstr (best->list->occupation, ==, "42202.02");
  g_assert_true (best->most);

  best = dossier_duties_result_get_best (partial);
  g_assert_false (best->list->complete);
  g_assert_cmpuint (best->n_covered, ==, 2);
  g_assert_true (best->most);
}

static void
test_unknown (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (dossier_duties_check ("65310", "Cleaned rooms.", "en", &error));
  g_assert_error (error, DOSSIER_DUTIES_ERROR, DOSSIER_DUTIES_ERROR_NO_DUTIES);
  g_clear_error (&error);
  g_assert_null (dossier_duties_check ("99999", "Cleaned rooms.", "en", &error));
  g_assert_error (error, DOSSIER_DUTIES_ERROR, DOSSIER_DUTIES_ERROR_NO_DUTIES);
  g_assert_false (dossier_duties_known ("65310"));
}

/* The fallback stemmer on its own. */
static void
test_suffixes (void)
{
  static const char * const en[][2] = {
    { "bathed", "bath" }, { "bathe", "bath" }, { "bathing", "bath" }, { "cared", "car" },
    { "care", "car" }, { "feeding", "feed" }, { "prepared", "prepar" }, { "prepare", "prepar" },
    { "dressed", "dress" }, { "babies", "baby" }, { "planned", "plan" }, { "dishes", "dish" },
  };
  static const char * const fr[][2] = {
    { "préparais", "prepar" }, { "préparé", "prepar" }, { "préparer", "prepar" },
    { "enfants", "enf" }, { "enfant", "enf" }, { "nourrissait", "nourr" }, { "nourrir", "nourr" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (en); i++)
    {
      g_autofree char *stripped = dossier_duties_strip_suffixes (en[i][0], "en");

      g_assert_cmpstr (stripped, ==, en[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fr); i++)
    {
      g_autofree char *stripped = dossier_duties_strip_suffixes (fr[i][0], "fr");

      g_assert_cmpstr (stripped, ==, fr[i][1]);
    }
}

/* No dictionary installed: suffix stripping instead, said in the result, no crash. */
static void
test_no_dictionary (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *empty = g_dir_make_tmp ("dossier-no-dict-XXXXXX", NULL);
      g_autoptr(DossierDutiesResult) result = NULL;
      g_autoptr(DossierDutiesResult) french = NULL;
      const DossierDutyListCoverage *best;

      g_setenv (DOSSIER_SPELLER_PATH_ENV, empty, TRUE);
      result = check ("44100", nanny_en, "en");
      g_assert_cmpint (result->stems, ==, DOSSIER_DUTIES_STEMS_SUFFIXES);
      g_assert_nonnull (result->stems_note);
      best = dossier_duties_result_get_best (result);
      g_assert_true (best->most);
      g_assert_true (find_duty (best, "bathe-dress-feed")->covered);

      french = check ("44100", nanny_fr, "fr");
      g_assert_cmpint (french->stems, ==, DOSSIER_DUTIES_STEMS_SUFFIXES);
      g_assert_true (find_duty (dossier_duties_result_get_best (french), "bathe-dress-feed")->covered);
      g_rmdir (empty);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------------------------
 * dossier-cli check
 */

/* The example's description before it was completed: half of the duties. */
#define SHORT_DUTIES \
  "Supervised and cared for two children aged 3 and 6 in the family home: prepared meals, bathed and dressed them, took them to school and activities, helped with homework and kept the children's rooms and play areas tidy."

static char *
run_check (const char *format,
           const char *lang,
           const char *profile,
           int        *status)
{
  const char *argv[] = { g_getenv ("DOSSIER_CLI"), "check", "--program", "hcwip-child-care",
                         "--as-of", "2025-03-31", "--format", format, "--lang", lang, profile, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                status, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_cli_note (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("DOSSIER_DATADIR"), "examples",
                                               "maria-dela-cruz.dossier", NULL);
  g_autofree char *dir = g_dir_make_tmp ("dossier-duties-cli-XXXXXX", NULL);
  g_autofree char *nanny = g_build_filename (dir, "nanny.dossier", NULL);
  g_autofree char *brief = g_build_filename (dir, "brief.dossier", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *french = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *full = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *escaped = NULL;
  const char *rule, *note, *next;
  int status;

  /* The example with a shorter description, which covers half of the duties. */
  g_assert_true (g_file_get_contents (example, &contents, NULL, NULL));
  regex = g_regex_new ("<duties xml:lang=\"en\">[^<]*</duties>", 0, 0, NULL);
  {
    g_autofree char *short_escaped = g_markup_escape_text (SHORT_DUTIES, -1);
    g_autofree char *short_full = g_strdup_printf ("<duties xml:lang=\"en\">%s</duties>",
                                                   short_escaped);
    g_autofree char *short_contents = g_regex_replace_literal (regex, contents, -1, 0,
                                                               short_full, 0, NULL);

    g_assert_true (g_file_set_contents (brief, short_contents, -1, NULL));
  }

  text = run_check ("text", "en", brief, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Under the experience rule, before the next rule. */
  rule = strstr (text, "[experience-or-training]");
  g_assert_nonnull (rule);
  note = strstr (rule, "        Duties: The description of job j1 (NOC 44100) covers 6 of the 12 "
                       "main duties of Home child care providers, not most of them.");
  g_assert_nonnull (note);
  next = strstr (rule, "\n\n");
  g_assert_true (next == NULL || note < next);
  g_assert_nonnull (strstr (note, "Not in the description: “Prepare formulas and change diapers for infants”"));
  g_assert_nonnull (strstr (note, "Duties from: OaSIS profile 44100.01"));

  french = run_check ("text", "fr", brief, &status);
  g_assert_nonnull (strstr (french, "Fonctions : La description de l'emploi j1 (CNP 44100) couvre "
                                    "6 des 12 fonctions principales"));

  xml = run_check ("xml", "en", brief, &status);
  g_assert_nonnull (strstr (xml, "<duties job=\"j1\" noc=\"44100\" list=\"44100.01\" covered=\"6\" "
                                 "total=\"12\" most=\"false\" complete=\"true\" lang=\"en\" "
                                 "stems=\"hunspell\">"));
  g_assert_nonnull (strstr (xml, "<duty id=\"formula-diapers\" covered=\"false\">"));
  {
    g_autoptr(xmlDoc) doc = xmlReadMemory (xml, strlen (xml), "report.xml", NULL, XML_PARSE_NONET);

    g_assert_nonnull (doc);
  }

  /* The same applicant with a full description: "most", and no list of what is missing. */
  escaped = g_markup_escape_text (nanny_en, -1);
  full = g_strdup_printf ("<duties xml:lang=\"en\">%s</duties>", escaped);
  replaced = g_regex_replace_literal (regex, contents, -1, 0, full, 0, NULL);
  g_assert_true (g_file_set_contents (nanny, replaced, -1, NULL));
  g_free (text);
  text = run_check ("text", "en", nanny, &status);
  g_assert_nonnull (strstr (text, "main duties of Home child care providers, most of them."));
  g_assert_null (strstr (text, "Not in the description"));
  g_unlink (nanny);
  g_unlink (brief);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/duties/data/valid", test_data);
  g_test_add_func ("/duties/data/refused", test_data_refused);
  g_test_add_func ("/duties/nanny-most", test_nanny_most);
  g_test_add_func ("/duties/housekeeping-only", test_housekeeping_only);
  g_test_add_func ("/duties/french", test_french);
  g_test_add_func ("/duties/inflections", test_inflections);
  g_test_add_func ("/duties/example", test_example);
  g_test_add_func ("/duties/stop-words", test_stop_words);
  g_test_add_func ("/duties/lists", test_lists);
  g_test_add_func ("/duties/unknown", test_unknown);
  g_test_add_func ("/duties/suffixes", test_suffixes);
  g_test_add_func ("/duties/no-dictionary", test_no_dictionary);
  g_test_add_func ("/duties/cli-note", test_cli_note);

  return g_test_run ();
}
