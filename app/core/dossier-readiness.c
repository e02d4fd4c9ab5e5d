/* dossier-readiness.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-language.h"
#include "dossier-readiness.h"
#include "dossier-report.h"

typedef struct
{
  char                    *id;
  const DossierJob        *job;
  const DossierCredential *credential;
  char                    *country;
} Instance;

static void
instance_clear (Instance *instance)
{
  g_free (instance->id);
  g_free (instance->country);
}

static DossierNote *
note_new (const char *en,
          const char *fr)
{
  DossierNote *note = g_new0 (DossierNote, 1);

  note->text[DOSSIER_LANG_EN] = g_strdup (en);
  note->text[DOSSIER_LANG_FR] = g_strdup (fr ? fr : en);
  return note;
}

static void
note_free (DossierNote *note)
{
  g_free (note->text[DOSSIER_LANG_EN]);
  g_free (note->text[DOSSIER_LANG_FR]);
  g_free (note);
}

G_GNUC_PRINTF (3, 0)
static void
add_note (GPtrArray  *notes,
          const char *en,
          const char *fr_format,
          ...)
{
  g_autofree char *fr = NULL;
  va_list args;

  va_start (args, fr_format);
  fr = g_strdup_vprintf (fr_format, args);
  va_end (args);
  g_ptr_array_add (notes, note_new (en, fr));
}

static void
slot_status_free (DossierSlotStatus *status)
{
  g_free (status->instance);
  g_free (status->label[DOSSIER_LANG_EN]);
  g_free (status->label[DOSSIER_LANG_FR]);
  g_clear_pointer (&status->files, g_ptr_array_unref);
  g_clear_pointer (&status->problems, g_ptr_array_unref);
  g_free (status);
}

static void
document_info_free (DossierDocumentInfo *info)
{
  dossier_document_info_clear (info);
  g_free (info);
}

/* Countries where the applicant lived 6 months or more since age 18, as far as the
 * profile shows: the country of residence, and every country with 6 months or more of
 * work after the 18th birthday. */
static void
add_countries (GArray               *instances,
               const DossierRecords *records,
               DossierDay            as_of)
{
  const DossierApplicant *a = &records->applicant;
  DossierDay adult = a->birth_date ? dossier_day_add_years (a->birth_date, 18) : DOSSIER_DAY_UNKNOWN;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  if (a->residence_country)
    g_ptr_array_add (seen, a->residence_country);
  for (guint i = 0; i < records->jobs->len; i++)
    {
      const DossierJob *job = g_ptr_array_index (records->jobs, i);
      DossierDay first = MAX (job->start, adult);
      DossierDay last = job->end ? job->end : as_of;

      if (job->country == NULL || job->start == DOSSIER_DAY_UNKNOWN)
        continue;
      if (dossier_day_whole_months (first, last) >= 6
          && !g_ptr_array_find_with_equal_func (seen, job->country, g_str_equal, NULL))
        g_ptr_array_add (seen, job->country);
    }
  for (guint i = 0; i < seen->len; i++)
    {
      Instance instance = { g_strdup (g_ptr_array_index (seen, i)), NULL, NULL,
                            g_strdup (g_ptr_array_index (seen, i)) };

      g_array_append_val (instances, instance);
    }
}

static GArray *
expand (const DossierSlot    *slot,
        const DossierRecords *records,
        DossierDay            as_of)
{
  GArray *instances = g_array_new (FALSE, TRUE, sizeof (Instance));

  g_array_set_clear_func (instances, (GDestroyNotify) instance_clear);
  switch (slot->per)
    {
    case DOSSIER_SLOT_PER_NONE:
      {
        Instance instance = { 0 };

        g_array_append_val (instances, instance);
      }
      break;
    case DOSSIER_SLOT_PER_JOB:
      for (guint i = 0; i < records->jobs->len; i++)
        {
          const DossierJob *job = g_ptr_array_index (records->jobs, i);
          Instance instance = { g_strdup (job->id ? job->id : "?"), job, NULL, NULL };

          g_array_append_val (instances, instance);
        }
      break;
    case DOSSIER_SLOT_PER_CREDENTIAL:
      for (guint i = 0; i < records->credentials->len; i++)
        {
          const DossierCredential *credential = g_ptr_array_index (records->credentials, i);
          Instance instance = { g_strdup (credential->id ? credential->id : "?"), NULL, credential, NULL };

          g_array_append_val (instances, instance);
        }
      break;
    case DOSSIER_SLOT_PER_COUNTRY:
      add_countries (instances, records, as_of);
      break;
    default:
      g_assert_not_reached ();
    }
  return instances;
}

static gboolean
document_matches (const DossierDocument *document,
                  const DossierSlot     *slot,
                  const Instance        *instance,
                  guint                  n_instances)
{
  if (g_strcmp0 (document->kind, slot->kind) != 0)
    return FALSE;
  switch (slot->per)
    {
    case DOSSIER_SLOT_PER_JOB:
      return g_strcmp0 (document->job, instance->id) == 0;
    case DOSSIER_SLOT_PER_CREDENTIAL:
      /* An ECA report names its credential; with a single credential it need not. */
      return g_strcmp0 (document->credential, instance->id) == 0
             || (document->credential == NULL && n_instances == 1);
    case DOSSIER_SLOT_PER_COUNTRY:
      return g_strcmp0 (document->country, instance->country) == 0;
    case DOSSIER_SLOT_PER_NONE:
    default:
      return TRUE;
    }
}

static char *
resolve (DossierProfile *profile,
         const char     *file)
{
  const char *profile_path = dossier_profile_get_filename (profile);
  g_autofree char *dir = NULL;

  if (g_path_is_absolute (file))
    return g_strdup (file);
  dir = profile_path ? g_path_get_dirname (profile_path) : g_get_current_dir ();
  return g_build_filename (dir, file, NULL);
}

/* The designated test the language rule would use: the most recent one. */
static const DossierLanguageTest *
latest_designated_test (const DossierRecords *records)
{
  DossierLanguageTables *tables = dossier_language_tables_get_default (NULL);
  const DossierLanguageTest *latest = NULL;

  for (guint i = 0; tables && i < records->language_tests->len; i++)
    {
      const DossierLanguageTest *test = g_ptr_array_index (records->language_tests, i);

      if (test->date == DOSSIER_DAY_UNKNOWN
          || dossier_language_tables_lookup (tables, test->kind, test->scale, NULL) == NULL)
        continue;
      if (latest == NULL || test->date > latest->date)
        latest = test;
    }
  return latest;
}

static DossierDay
validity_end (const DossierSlot    *slot,
              const DossierRecords *records,
              const Instance       *instance,
              GPtrArray            *documents)
{
  DossierDay from = DOSSIER_DAY_UNKNOWN;

  switch (slot->validity_from)
    {
    case DOSSIER_VALIDITY_PASSPORT_EXPIRES:
      from = records->applicant.passport_expires;
      break;
    case DOSSIER_VALIDITY_STATUS_EXPIRES:
      from = records->applicant.status_expires;
      break;
    case DOSSIER_VALIDITY_LANGUAGE_TEST_DATE:
      {
        const DossierLanguageTest *test = latest_designated_test (records);

        from = test ? test->date : DOSSIER_DAY_UNKNOWN;
      }
      break;
    case DOSSIER_VALIDITY_ECA_ISSUED:
      from = instance->credential && instance->credential->has_eca ? instance->credential->eca_issued
                                                                   : DOSSIER_DAY_UNKNOWN;
      break;
    case DOSSIER_VALIDITY_DOCUMENT_ISSUED:
      /* Several files of one slot: the oldest decides. */
      for (guint i = 0; i < documents->len; i++)
        {
          const DossierDocument *document = g_ptr_array_index (documents, i);

          if (document->issued && (from == DOSSIER_DAY_UNKNOWN || document->issued < from))
            from = document->issued;
        }
      break;
    case DOSSIER_VALIDITY_NONE:
    default:
      return DOSSIER_DAY_UNKNOWN;
    }
  if (from == DOSSIER_DAY_UNKNOWN)
    return DOSSIER_DAY_UNKNOWN;
  return dossier_day_add_period (from, &slot->validity_period, 1);
}

static char *
format_size (goffset bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_DEFAULT);
}

static void
make_label (DossierSlotStatus *status,
            const Instance    *instance)
{
  const DossierSlot *slot = status->slot;

  for (guint l = 0; l < DOSSIER_N_LANGS; l++)
    {
      const char *title = slot->titles[l] ? slot->titles[l] : slot->titles[DOSSIER_LANG_EN];

      if (instance->job)
        status->label[l] = g_strdup_printf ("%s: %s (%s)", title,
                                            instance->job->employer ? instance->job->employer : "?",
                                            instance->id);
      else if (instance->credential)
        status->label[l] = g_strdup_printf ("%s: %s (%s)", title,
                                            instance->credential->name ? instance->credential->name : "?",
                                            instance->id);
      else if (instance->country)
        status->label[l] = g_strdup_printf ("%s: %s", title, instance->country);
      else
        status->label[l] = g_strdup (title);
    }
}

static void
judge_files (DossierSlotStatus *status,
             DossierProfile    *profile,
             GPtrArray         *documents)
{
  gboolean accepted_single = documents->len == 1;

  for (guint i = 0; i < documents->len; i++)
    {
      const DossierDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      DossierDocumentInfo *info = g_new0 (DossierDocumentInfo, 1);
      const char *name;

      if (document->file == NULL)
        {
          g_free (info);
          add_note (status->problems, "A document of this slot names no file.",
                    "Un document de cet emplacement n’indique aucun fichier.");
          continue;
        }
      path = resolve (profile, document->file);
      name = document->file;
      if (!dossier_document_inspect (path, info, &error))
        {
          g_autofree char *en = g_strdup_printf ("%s cannot be read (%s): attach the file again.",
                                                 name, error->message);

          add_note (status->problems, en, "%s est illisible (%s) : joignez le fichier de nouveau.",
                    name, error->message);
          document_info_free (info);
          continue;
        }
      status->total_bytes += info->size;
      switch (info->problem)
        {
        case DOSSIER_DOCUMENT_EMPTY:
          {
            g_autofree char *en = g_strdup_printf ("%s is empty: attach the real file.", name);

            add_note (status->problems, en, "%s est vide : joignez le vrai fichier.", name);
          }
          break;
        case DOSSIER_DOCUMENT_ENCRYPTED:
          {
            g_autofree char *en = g_strdup_printf ("%s is protected by a password or encrypted, "
                                                   "and the portal rejects such files: save or "
                                                   "print it again as a PDF without protection.", name);

            add_note (status->problems, en,
                      "%s est protégé par un mot de passe ou chiffré, et le portail refuse ces "
                      "fichiers : enregistrez-le ou imprimez-le de nouveau en PDF sans protection.",
                      name);
          }
          break;
        case DOSSIER_DOCUMENT_DAMAGED:
          {
            g_autofree char *en = g_strdup_printf ("%s is damaged (%s): scan or download it again.",
                                                   name, info->detail ? info->detail : "?");

            add_note (status->problems, en, "%s est endommagé (%s) : numérisez-le ou "
                      "téléchargez-le de nouveau.", name, info->detail ? info->detail : "?");
          }
          break;
        case DOSSIER_DOCUMENT_UNKNOWN_FORMAT:
          {
            g_autofree char *en = g_strdup_printf ("%s is not a PDF, an image or a Word document: "
                                                   "save it as a PDF.", name);

            add_note (status->problems, en, "%s n’est ni un PDF, ni une image, ni un document "
                      "Word : enregistrez-le en PDF.", name);
          }
          break;
        case DOSSIER_DOCUMENT_OK:
        default:
          {
            gboolean accepted = (status->formats & (1u << info->format)) != 0;
            /* Pictures become PDF pages when the slot is packaged; other formats cannot
             * be converted here. */
            gboolean convertible = info->format == DOSSIER_FORMAT_JPEG
                                   || info->format == DOSSIER_FORMAT_PNG
                                   || info->format == DOSSIER_FORMAT_TIFF
                                   || info->format == DOSSIER_FORMAT_GIF
                                   || info->format == DOSSIER_FORMAT_PDF;

            if (!accepted)
              accepted_single = FALSE;
            if (!convertible && (!accepted || documents->len > 1))
              {
                const char *format = dossier_file_format_to_string (info->format);
                g_autofree char *en = g_strdup_printf ("%s is a %s file, which cannot go in this "
                                                       "upload as it is: save it as a PDF.", name, format);

                add_note (status->problems, en, "%s est un fichier %s, qui ne peut pas aller "
                          "tel quel dans ce téléversement : enregistrez-le en PDF.", name, format);
              }
          }
          break;
        }
      g_ptr_array_add (status->files, info);
    }

  /* Photos can be shrunk, PDF pages cannot: PDFs alone over the limit will not fit. */
  if (status->problems->len == 0 && status->files->len > 0 && status->total_bytes > status->max_bytes)
    {
      gboolean only_pdfs = TRUE;

      for (guint i = 0; i < status->files->len; i++)
        if (((DossierDocumentInfo *) g_ptr_array_index (status->files, i))->format != DOSSIER_FORMAT_PDF)
          only_pdfs = FALSE;
      if (only_pdfs)
        {
          g_autofree char *size = format_size (status->total_bytes);
          g_autofree char *limit = format_size (status->max_bytes);
          g_autofree char *en = g_strdup_printf ("The PDF pages make %s and the upload limit is %s; "
                                                 "PDF pages cannot be made smaller: split the "
                                                 "document, or scan it again at a lower resolution "
                                                 "or in black and white.", size, limit);

          add_note (status->problems, en, "Les pages PDF font %s et la limite de téléversement "
                    "est de %s; les pages PDF ne peuvent pas être réduites : divisez le document, "
                    "ou numérisez-le de nouveau à une résolution plus faible ou en noir et blanc.",
                    size, limit);
        }
    }

  if (documents->len == 0)
    status->state = DOSSIER_SLOT_EMPTY;
  else if (status->problems->len > 0)
    status->state = DOSSIER_SLOT_PROBLEM;
  else if (accepted_single && status->total_bytes <= status->max_bytes)
    status->state = DOSSIER_SLOT_READY;
  else
    status->state = DOSSIER_SLOT_TO_FIT;
}

static void
judge_dates (DossierSlotStatus *status,
             DossierDay         as_of)
{
  g_autofree char *until = NULL;

  if (status->valid_until == DOSSIER_DAY_UNKNOWN)
    return;
  until = dossier_day_format (status->valid_until);
  if (status->valid_until < as_of)
    {
      g_autofree char *en = g_strdup_printf ("Expired: valid until %s, before the as-of date.", until);

      status->expired = TRUE;
      add_note (status->problems, en, "Expiré : valide jusqu’au %s, avant la date de référence.", until);
      if (status->state != DOSSIER_SLOT_EMPTY)
        status->state = DOSSIER_SLOT_PROBLEM;
    }
  else if (status->valid_until <= dossier_day_add_days (as_of, DOSSIER_EXPIRY_WARNING_DAYS))
    status->expiring_soon = TRUE;
}

DossierReadiness *
dossier_readiness_new (DossierPack     *pack,
                       DossierProfile  *profile,
                       DossierDay       as_of,
                       GError         **error)
{
  g_autoptr(DossierReadiness) readiness = g_new0 (DossierReadiness, 1);
  const DossierRecords *records = dossier_profile_get_records (profile);

  g_return_val_if_fail (DOSSIER_IS_PACK (pack), NULL);
  g_return_val_if_fail (DOSSIER_IS_PROFILE (profile), NULL);

  readiness->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_status_free);
  readiness->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  readiness->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  readiness->evaluation = dossier_evaluate (pack, records, as_of);
  if (pack->checklist_limits)
    {
      readiness->limits = dossier_portal_limits_find (pack->checklist_limits, error);
      if (readiness->limits == NULL)
        return NULL;
    }

  for (guint s = 0; s < pack->slots->len; s++)
    {
      const DossierSlot *slot = g_ptr_array_index (pack->slots, s);
      g_autoptr(GArray) instances = expand (slot, records, as_of);

      for (guint i = 0; i < instances->len; i++)
        {
          const Instance *instance = &g_array_index (instances, Instance, i);
          DossierSlotStatus *status = g_new0 (DossierSlotStatus, 1);
          g_autoptr(GPtrArray) documents = g_ptr_array_new ();
          DossierOutcome condition = DOSSIER_OUTCOME_PASS;

          status->slot = slot;
          status->instance = g_strdup (instance->id);
          status->files = g_ptr_array_new_with_free_func ((GDestroyNotify) document_info_free);
          status->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
          status->formats = dossier_slot_get_formats (slot, readiness->limits);
          status->max_bytes = dossier_slot_get_max_bytes (slot, readiness->limits);
          status->number = slot->position;
          make_label (status, instance);

          if (slot->when)
            condition = dossier_evaluate_condition (pack, slot->when, records, instance->job,
                                                    instance->credential, as_of, NULL);
          status->need = condition == DOSSIER_OUTCOME_FAIL ? DOSSIER_SLOT_NOT_NEEDED
                       : condition == DOSSIER_OUTCOME_UNKNOWN ? DOSSIER_SLOT_MAYBE
                       : slot->required ? DOSSIER_SLOT_REQUIRED : DOSSIER_SLOT_RECOMMENDED;

          for (guint d = 0; d < records->documents->len; d++)
            {
              const DossierDocument *document = g_ptr_array_index (records->documents, d);

              if (document_matches (document, slot, instance, instances->len))
                g_ptr_array_add (documents, (gpointer) document);
            }
          judge_files (status, profile, documents);
          status->valid_until = validity_end (slot, records, instance, documents);
          judge_dates (status, as_of);
          g_ptr_array_add (readiness->slots, status);
        }
    }

  /* Ready: eligible, every needed slot filled with files that can be uploaded, nothing
   * expired on the day of submission. */
  if (readiness->evaluation->verdict != DOSSIER_VERDICT_ELIGIBLE)
    {
      const char *verdict = dossier_verdict_to_string (readiness->evaluation->verdict);
      g_autofree char *en = g_strdup_printf ("The eligibility verdict is %s: see the rules below.", verdict);

      add_note (readiness->reasons, en, "Le verdict d’admissibilité est %s : voyez les règles ci-dessous.",
                readiness->evaluation->verdict == DOSSIER_VERDICT_NOT_ELIGIBLE ? "non admissible" : "incomplet");
    }
  for (guint i = 0; i < readiness->slots->len; i++)
    {
      DossierSlotStatus *status = g_ptr_array_index (readiness->slots, i);
      const char *label_en = status->label[DOSSIER_LANG_EN];
      const char *label_fr = status->label[DOSSIER_LANG_FR];

      if (status->need == DOSSIER_SLOT_NOT_NEEDED)
        continue;
      if (status->state == DOSSIER_SLOT_EMPTY)
        {
          g_autofree char *en = NULL;

          if (status->need == DOSSIER_SLOT_REQUIRED)
            {
              en = g_strdup_printf ("Missing: %s.", label_en);
              add_note (readiness->reasons, en, "Manquant : %s.", label_fr);
            }
          else if (status->need == DOSSIER_SLOT_MAYBE)
            {
              en = g_strdup_printf ("Maybe needed (the profile does not say): %s.", label_en);
              add_note (readiness->warnings, en, "Peut-être nécessaire (le profil ne le dit pas) : %s.", label_fr);
            }
          else
            {
              en = g_strdup_printf ("Recommended, not attached: %s.", label_en);
              add_note (readiness->warnings, en, "Recommandé, non joint : %s.", label_fr);
            }
        }
      else if (status->state == DOSSIER_SLOT_PROBLEM)
        for (guint p = 0; p < status->problems->len; p++)
          {
            DossierNote *problem = g_ptr_array_index (status->problems, p);
            g_autofree char *en = g_strdup_printf ("%s: %s", label_en, problem->text[DOSSIER_LANG_EN]);

            add_note (readiness->reasons, en, "%s : %s", label_fr, problem->text[DOSSIER_LANG_FR]);
          }
      if (status->expiring_soon)
        {
          g_autofree char *until = dossier_day_format (status->valid_until);
          g_autofree char *en = g_strdup_printf ("%s stops being valid on %s, within %d days of the as-of date.",
                                                 label_en, until, DOSSIER_EXPIRY_WARNING_DAYS);

          add_note (readiness->warnings, en, "%s cesse d’être valide le %s, moins de %d jours après la date de référence.",
                    label_fr, until, DOSSIER_EXPIRY_WARNING_DAYS);
        }
    }
  readiness->ready = readiness->reasons->len == 0;
  return g_steal_pointer (&readiness);
}

void
dossier_readiness_free (DossierReadiness *readiness)
{
  if (readiness == NULL)
    return;
  g_clear_pointer (&readiness->evaluation, dossier_evaluation_free);
  g_clear_pointer (&readiness->slots, g_ptr_array_unref);
  g_clear_pointer (&readiness->reasons, g_ptr_array_unref);
  g_clear_pointer (&readiness->warnings, g_ptr_array_unref);
  g_free (readiness);
}

static const char *
need_text (DossierSlotNeed need,
           DossierLang     lang)
{
  static const char * const texts[][DOSSIER_N_LANGS] = {
    [DOSSIER_SLOT_NOT_NEEDED] = { "not needed", "non nécessaire" },
    [DOSSIER_SLOT_MAYBE] = { "maybe needed", "peut-être nécessaire" },
    [DOSSIER_SLOT_RECOMMENDED] = { "recommended", "recommandé" },
    [DOSSIER_SLOT_REQUIRED] = { "required", "obligatoire" },
  };

  return texts[need][lang];
}

static const char *
state_text (const DossierSlotStatus *status,
            DossierLang              lang)
{
  static const char * const texts[][DOSSIER_N_LANGS] = {
    [DOSSIER_SLOT_EMPTY] = { "MISSING", "MANQUANT" },
    [DOSSIER_SLOT_READY] = { "READY", "PRÊT" },
    [DOSSIER_SLOT_TO_FIT] = { "READY", "PRÊT" },
    [DOSSIER_SLOT_PROBLEM] = { "PROBLEM", "PROBLÈME" },
  };

  if (status->state == DOSSIER_SLOT_EMPTY && status->need != DOSSIER_SLOT_REQUIRED)
    return lang == DOSSIER_LANG_FR ? "—" : "—";
  return texts[status->state][lang];
}

static int
compare_valid_until (gconstpointer a,
                     gconstpointer b)
{
  const DossierSlotStatus *sa = *(DossierSlotStatus * const *) a;
  const DossierSlotStatus *sb = *(DossierSlotStatus * const *) b;

  return (sa->valid_until > sb->valid_until) - (sa->valid_until < sb->valid_until);
}

void
dossier_readiness_append_text (GString          *out,
                               DossierReadiness *readiness,
                               const char       *profile_name,
                               const char       *lang_code)
{
  DossierLang lang = g_strcmp0 (lang_code, "fr") == 0 ? DOSSIER_LANG_FR : DOSSIER_LANG_EN;
  const char *colon = lang == DOSSIER_LANG_FR ? " :" : ":";
  g_autofree char *as_of = dossier_day_format (readiness->evaluation->as_of);
  gboolean any_dates = FALSE;

  /* The first line is the answer: a packaged file made with --force says so at once. */
  if (lang == DOSSIER_LANG_FR)
    g_string_append_printf (out, "%s — %s, en date du %s\n",
                            readiness->ready ? "PRÊT À SOUMETTRE" : "PAS PRÊT", profile_name, as_of);
  else
    g_string_append_printf (out, "%s — %s, as of %s\n",
                            readiness->ready ? "READY TO SUBMIT" : "NOT READY", profile_name, as_of);
  for (guint i = 0; i < readiness->reasons->len; i++)
    g_string_append_printf (out, "  ✗ %s\n", ((DossierNote *) g_ptr_array_index (readiness->reasons, i))->text[lang]);
  for (guint i = 0; i < readiness->warnings->len; i++)
    g_string_append_printf (out, "  ! %s\n", ((DossierNote *) g_ptr_array_index (readiness->warnings, i))->text[lang]);

  g_string_append_printf (out, "\n%s\n\n", lang == DOSSIER_LANG_FR ? "DOCUMENTS" : "DOCUMENTS");
  for (guint i = 0; i < readiness->slots->len; i++)
    {
      DossierSlotStatus *status = g_ptr_array_index (readiness->slots, i);

      if (status->need == DOSSIER_SLOT_NOT_NEEDED)
        continue;
      g_string_append_printf (out, "  %02u  %-9s %s (%s)\n", status->number, state_text (status, lang),
                              status->label[lang], need_text (status->need, lang));
      for (guint f = 0; f < status->files->len; f++)
        {
          DossierDocumentInfo *info = g_ptr_array_index (status->files, f);
          g_autofree char *size = format_size (info->size);
          g_autofree char *base = g_path_get_basename (info->path);

          g_string_append_printf (out, "        %s: %s, %s", base, dossier_file_format_to_string (info->format), size);
          if (info->format == DOSSIER_FORMAT_PDF && info->pages > 0)
            g_string_append_printf (out, lang == DOSSIER_LANG_FR ? ", %d p." : ", %d p.", info->pages);
          if (info->width > 0)
            g_string_append_printf (out, ", %d×%d px, %.0f dpi (A4)", info->width, info->height, info->dpi_on_a4);
          g_string_append_c (out, '\n');
        }
      if (status->state == DOSSIER_SLOT_TO_FIT)
        {
          g_autofree char *limit = format_size (status->max_bytes);

          g_string_append_printf (out, lang == DOSSIER_LANG_FR
                                  ? "        L’emballage les combine en un seul fichier de moins de %s.\n"
                                  : "        Packaging combines them into one file under %s.\n", limit);
        }
      if (status->valid_until)
        {
          g_autofree char *until = dossier_day_format (status->valid_until);

          any_dates = TRUE;
          g_string_append_printf (out, "        %s%s %s%s\n", lang == DOSSIER_LANG_FR ? "Valide jusqu’au" : "Valid until",
                                  "", until,
                                  status->expired ? (lang == DOSSIER_LANG_FR ? " (EXPIRÉ)" : " (EXPIRED)")
                                  : status->expiring_soon ? (lang == DOSSIER_LANG_FR ? " (bientôt)" : " (soon)") : "");
        }
      for (guint p = 0; p < status->problems->len; p++)
        g_string_append_printf (out, "        ✗ %s\n", ((DossierNote *) g_ptr_array_index (status->problems, p))->text[lang]);
      if (status->slot->unverified[lang])
        g_string_append_printf (out, "        %s%s %s\n", lang == DOSSIER_LANG_FR ? "Non vérifié" : "Unverified",
                                colon, status->slot->unverified[lang]);
    }

  if (any_dates)
    {
      g_autoptr(GPtrArray) dated = g_ptr_array_new ();

      g_string_append_printf (out, "\n%s\n\n", lang == DOSSIER_LANG_FR ? "DATES D’EXPIRATION" : "DATES THAT WILL EXPIRE");
      for (guint i = 0; i < readiness->slots->len; i++)
        {
          DossierSlotStatus *status = g_ptr_array_index (readiness->slots, i);

          if (status->need != DOSSIER_SLOT_NOT_NEEDED && status->valid_until != DOSSIER_DAY_UNKNOWN)
            g_ptr_array_add (dated, status);
        }
      /* Soonest first: that is the order they must be renewed in. */
      g_ptr_array_sort (dated, compare_valid_until);
      for (guint i = 0; i < dated->len; i++)
        {
          DossierSlotStatus *status = g_ptr_array_index (dated, i);
          g_autofree char *until = dossier_day_format (status->valid_until);

          g_string_append_printf (out, "  %s  %s\n", until, status->label[lang]);
        }
    }
  if (readiness->limits && readiness->limits->unverified[lang])
    g_string_append_printf (out, "\n%s%s %s\n", lang == DOSSIER_LANG_FR ? "Limites du portail, non vérifiées" : "Portal limits, unverified",
                            colon, readiness->limits->unverified[lang]);

  g_string_append_printf (out, "\n%s\n\n", lang == DOSSIER_LANG_FR ? "ADMISSIBILITÉ" : "ELIGIBILITY");
  dossier_report_append_text (out, readiness->evaluation, profile_name, lang_code);
}
