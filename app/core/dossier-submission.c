/* dossier-submission.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "dossier-i18n.h"
#include "dossier-submission.h"
#include "dossier-xml.h"

G_DEFINE_QUARK (dossier-submission-error-quark, dossier_submission_error)

#define MANIFEST_MAX_BYTES (1024 * 1024)

/* "DELA-CRUZ_Maria": what a person reads first in a file name, in ASCII so that every
 * system and the portal keep it intact. */
static char *
name_part (const char *text,
           gboolean    upper)
{
  g_autofree char *ascii = g_str_to_ascii (text ? text : "", "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, upper ? g_ascii_toupper (*p) : *p);
      else if ((*p == ' ' || *p == '-' || *p == '\'') && out->len && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static char *
person_suffix (const DossierRecords *records)
{
  g_autofree char *family = name_part (records->applicant.family_name, TRUE);
  g_auto(GStrv) given = g_strsplit (records->applicant.given_names ? records->applicant.given_names : "", " ", 2);
  g_autofree char *first = name_part (given[0], FALSE);

  if (*first == '\0')
    return g_steal_pointer (&family);
  return g_strdup_printf ("%s_%s", family, first);
}

static char *
entry_name (const DossierSlotStatus *status,
            const char              *person,
            DossierFileFormat        format)
{
  g_autofree char *instance = status->instance ? name_part (status->instance, FALSE) : NULL;

  return g_strdup_printf ("%02u-%s%s%s_%s%s", status->number, status->slot->id,
                          instance ? "-" : "", instance ? instance : "", person,
                          dossier_file_format_extension (format));
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The readiness report as a PDF: the same text on A4 pages, each line laid out with
 * Pango, wrapped lines keeping their line's indentation, the verdict in bold. */
static GBytes *
text_to_pdf (const char  *text,
             GError     **error)
{
  const double width = 595.276, height = 841.89, margin = 56.0;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  PangoFontDescription *font, *heading;
  cairo_surface_t *surface;
  cairo_status_t status;
  PangoLayout *layout;
  double y = margin, space;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, bytes, width, height);
  /* No creation date (cairo 1.16 writes an invalid one when given one): the same inputs
   * must give the same archive, byte for byte. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "none");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Dossier " PACKAGE_VERSION);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("DejaVu Sans 8.5");
  heading = pango_font_description_from_string ("DejaVu Sans Bold 12");
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  /* The width of one space: the text report indents with spaces. */
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "          ", -1);
  {
    int w = 0;

    pango_layout_get_size (layout, &w, NULL);
    space = (double) w / PANGO_SCALE / 10.0;
  }

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];
      double indent, line_height;
      int h = 0;

      while (*line == ' ')
        line++;
      indent = space * (double) (line - lines[i]);
      pango_layout_set_font_description (layout, i == 0 ? heading : font);
      pango_layout_set_width (layout, (int) ((width - 2 * margin - indent) * PANGO_SCALE));
      pango_layout_set_text (layout, *line ? line : " ", -1);
      pango_layout_get_size (layout, NULL, &h);
      line_height = (double) h / PANGO_SCALE;
      if (y + line_height > height - margin)
        {
          cairo_show_page (cr);
          y = margin;
        }
      cairo_move_to (cr, margin + indent, y);
      pango_cairo_show_layout (cr, layout);
      y += line_height + (i == 0 ? 6 : 0);
    }
  pango_font_description_free (font);
  pango_font_description_free (heading);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_WRITE,
                   _("Cannot draw the report as a PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
append_xml_attr (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value ? value : "", -1);

  g_string_append_printf (out, " %s=\"%s\"", name, escaped);
}

static void
append_xml_element (GString    *out,
                    const char *indent,
                    const char *name,
                    const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (out, "%s<%s>%s</%s>\n", indent, name, escaped, name);
}

typedef struct
{
  DossierArchiveEntry *entry;
  char                *sha256;
  goffset              size;
  GString             *details;    /* <source>, <check> and <fitted> elements */
  const char          *slot;
  const char          *instance;
} Packed;

static void
packed_free (Packed *packed)
{
  g_clear_pointer (&packed->entry, dossier_archive_entry_free);
  g_free (packed->sha256);
  if (packed->details)
    g_string_free (packed->details, TRUE);
  g_free (packed);
}

static Packed *
packed_bytes (const char *name,
              GBytes     *bytes,
              gboolean    store)
{
  Packed *packed = g_new0 (Packed, 1);

  packed->entry = dossier_archive_entry_new_bytes (name, bytes, store);
  packed->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  packed->size = g_bytes_get_size (bytes);
  packed->details = g_string_new (NULL);
  return packed;
}

/* The profile as it goes to the government: the private notes stay home. */
static GBytes *
profile_for_package (DossierProfile  *profile,
                     GError         **error)
{
  g_autofree char *data = NULL;
  g_autoptr(DossierProfile) copy = NULL;
  gsize length = 0;

  data = dossier_profile_to_data (profile, &length);
  copy = dossier_profile_load_from_data (data, length, "profile.xml", error);
  if (copy == NULL)
    return NULL;
  if (!dossier_profile_set_value (copy, "notes", NULL, error))
    return NULL;
  g_clear_pointer (&data, g_free);
  data = dossier_profile_to_data (copy, &length);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static char *
derived_dir (DossierProfile *profile)
{
  const char *filename = dossier_profile_get_filename (profile);
  g_autofree char *dir = filename ? g_path_get_dirname (filename) : g_get_current_dir ();
  g_autofree char *base = filename ? g_path_get_basename (filename) : g_strdup ("profile");
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;

  if (dot && dot != base)
    *dot = '\0';
  name = g_strconcat (base, ".derived", NULL);
  return g_build_filename (dir, name, NULL);
}

/* Source files as the profile names them, relative to its folder: an absolute path
 * would tell whoever opens the package the user's account name and folders. */
static char *
source_display_path (const char *derived,
                     const char *path)
{
  g_autofree char *profile_dir = g_path_get_dirname (derived);
  g_autofree char *prefix = g_strconcat (profile_dir, G_DIR_SEPARATOR_S, NULL);

  if (g_str_has_prefix (path, prefix))
    return g_strdup (path + strlen (prefix));
  return g_path_get_basename (path);
}

static gboolean
only_pdfs (DossierSlotStatus *status)
{
  for (guint i = 0; i < status->files->len; i++)
    if (((DossierDocumentInfo *) g_ptr_array_index (status->files, i))->format != DOSSIER_FORMAT_PDF)
      return FALSE;
  return TRUE;
}

/* PDF pages are never re-rendered, so PDFs over the limit cannot be made to fit; say so
 * without reading them into memory. With --force a single such PDF goes in as it is
 * (TRUE); without, it is an error. */
static gboolean
oversized_pdf_forced (DossierSlotStatus              *status,
                      const DossierSubmissionOptions *options,
                      GError                        **error)
{
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;

  if (!only_pdfs (status) || status->total_bytes <= status->max_bytes)
    return FALSE;
  if (options->force && status->files->len == 1)
    return TRUE;
  if (options->force)
    return FALSE;
  size = g_format_size (status->total_bytes);
  limit = g_format_size (status->max_bytes);
  g_set_error (error, DOSSIER_SUBMISSION_ERROR, DOSSIER_SUBMISSION_ERROR_FIT,
               _("%s: the PDF pages make %s and the limit is %s; Dossier keeps PDF pages "
                 "exactly as they are, so it cannot make them smaller. Split the document, "
                 "or make the PDF again at a lower resolution or in black and white."),
               status->label[DOSSIER_LANG_EN], size, limit);
  return FALSE;
}

/* Fits a slot's files into one file in the derived folder; returns its path. */
static char *
fit_slot (DossierSlotStatus              *status,
          const char                     *dir,
          const DossierSubmissionOptions *options,
          char                          **description,
          GError                        **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *fitted = NULL;

  for (guint i = 0; i < status->files->len; i++)
    g_ptr_array_add (paths, ((DossierDocumentInfo *) g_ptr_array_index (status->files, i))->path);
  g_ptr_array_add (paths, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make the folder %s for the fitted files: %s; check that the "
                     "profile’s folder is writable"), dir, g_strerror (saved));
      return NULL;
    }
  name = g_strdup_printf ("%02u-%s%s%s.pdf", status->number, status->slot->id,
                          status->instance ? "-" : "", status->instance ? status->instance : "");
  fitted = g_build_filename (dir, name, NULL);
  if (dossier_fit_slot ((const char * const *) paths->pdata, status->max_bytes, options->page_size,
                        fitted, description, &local_error))
    return g_steal_pointer (&fitted);

  /* Forced packaging keeps going with a file that is too big, and says so. */
  if (options->force && g_error_matches (local_error, DOSSIER_FIT_ERROR, DOSSIER_FIT_ERROR_TOO_LARGE))
    {
      g_autofree char *why = g_strdup (local_error->message);

      g_clear_error (&local_error);
      g_clear_pointer (description, g_free);
      if (dossier_fit_slot ((const char * const *) paths->pdata, G_MAXINT64, options->page_size,
                            fitted, description, &local_error))
        {
          char *said = g_strdup_printf ("%s; OVER THE LIMIT: %s", *description ? *description : "", why);

          g_free (*description);
          *description = said;
          return g_steal_pointer (&fitted);
        }
    }
  g_set_error (error, DOSSIER_SUBMISSION_ERROR, DOSSIER_SUBMISSION_ERROR_FIT,
               "%s: %s", status->label[DOSSIER_LANG_EN], local_error->message);
  return NULL;
}

/* JPEG and PNG are stored; PDFs too when a sample shows they would not shrink (most
 * PDFs compress their streams already). A PDF whose structure still compresses is
 * deflated: the archive is then no larger than zip -r would make it, and the archive
 * writer deflates entries on every core. Over 32 MiB (only with --force) it is stored,
 * since the writer then deflates on one core. */
static gboolean
store_entry (const DossierDocumentInfo *info,
             const char                *path,
             gboolean                   encrypting)
{
  /* Encrypted packages are compared with 7-Zip for time only: a fraction of a percent
   * is not worth deflating every page for. */
  if (info->format != DOSSIER_FORMAT_PDF || encrypting)
    return dossier_file_format_is_compressed (info->format);
  if (info->size > 32 * 1024 * 1024)
    return TRUE;
  return !dossier_archive_worth_deflating (path, NULL);
}

/* One slot's upload. A single file that already fits goes in as it is, read from where
 * the user keeps it; anything else is fitted beside the profile, never in place. */
static Packed *
pack_slot (DossierSlotStatus              *status,
           const char                     *person,
           const char                     *dir,
           const DossierSubmissionOptions *options,
           GError                        **error)
{
  g_autofree char *description = NULL;
  g_autofree char *fitted = NULL;
  g_autofree char *name = NULL;
  DossierDocumentInfo fitted_info = { 0 };
  const DossierDocumentInfo *info;
  const char *path;
  Packed *packed;

  if (status->state == DOSSIER_SLOT_READY || oversized_pdf_forced (status, options, error))
    {
      info = g_ptr_array_index (status->files, 0);
      path = info->path;
      if (status->state != DOSSIER_SLOT_READY)
        description = g_strdup_printf ("the original file, unchanged; OVER THE LIMIT of %" G_GOFFSET_FORMAT
                                       " bytes (--force)", status->max_bytes);
    }
  else if (error && *error)
    return NULL;
  else
    {
      fitted = fit_slot (status, dir, options, &description, error);
      if (fitted == NULL || !dossier_document_inspect (fitted, &fitted_info, error))
        return NULL;
      info = &fitted_info;
      path = fitted;
    }

  name = entry_name (status, person, info->format);
  packed = g_new0 (Packed, 1);
  packed->slot = status->slot->id;
  packed->instance = status->instance;
  packed->size = info->size;
  packed->details = g_string_new (NULL);
  packed->entry = dossier_archive_entry_new_file (name, path, store_entry (info, path, options->passphrase != NULL));
  packed->sha256 = dossier_archive_sha256_file (path, options->cancellable, error);
  if (packed->sha256 == NULL)
    {
      dossier_document_info_clear (&fitted_info);
      packed_free (packed);
      return NULL;
    }

  for (guint i = 0; i < status->files->len; i++)
    {
      DossierDocumentInfo *source = g_ptr_array_index (status->files, i);
      g_autofree char *shown = source_display_path (dir, source->path);
      g_autofree char *sha = fitted ? dossier_archive_sha256_file (source->path, options->cancellable, NULL)
                                    : g_strdup (packed->sha256);

      g_string_append (packed->details, "    <source");
      append_xml_attr (packed->details, "path", shown);
      g_string_append_printf (packed->details, " size=\"%" G_GOFFSET_FORMAT "\"", source->size);
      append_xml_attr (packed->details, "sha256", sha ? sha : "");
      g_string_append (packed->details, "/>\n");
    }
  {
    g_autofree char *format = g_strdup_printf ("format %s, accepted by the portal", dossier_file_format_to_string (info->format));
    g_autofree char *size = g_strdup_printf ("size %" G_GOFFSET_FORMAT " bytes, limit %" G_GOFFSET_FORMAT,
                                             info->size, status->max_bytes);
    g_autofree char *pages = g_strdup_printf ("%d page(s), not encrypted, not damaged", info->pages);

    append_xml_element (packed->details, "    ", "check", format);
    append_xml_element (packed->details, "    ", "check", size);
    append_xml_element (packed->details, "    ", "check", pages);
    if (status->valid_until)
      {
        g_autofree char *until = dossier_day_format (status->valid_until);
        g_autofree char *valid = g_strdup_printf ("valid until %s", until);

        append_xml_element (packed->details, "    ", "check", valid);
      }
    append_xml_element (packed->details, "    ", "fitted", description ? description : "the original file, unchanged");
  }
  dossier_document_info_clear (&fitted_info);
  return packed;
}

static GBytes *
build_manifest (DossierReadiness *readiness,
                GPtrArray        *packed_files)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autofree char *as_of = dossier_day_format (readiness->evaluation->as_of);

  /* No date of making: the manifest must be the same for the same inputs. */
  g_string_append (out, "<manifest xmlns=\"" DOSSIER_MANIFEST_NS "\" format-version=\"1\"");
  append_xml_attr (out, "program", readiness->evaluation->pack->id);
  append_xml_attr (out, "as-of", as_of);
  append_xml_attr (out, "ready", readiness->ready ? "true" : "false");
  append_xml_attr (out, "verdict", dossier_verdict_to_string (readiness->evaluation->verdict));
  append_xml_attr (out, "generator", "Dossier " PACKAGE_VERSION);
  g_string_append (out, ">\n");
  for (guint i = 0; i < packed_files->len; i++)
    {
      Packed *packed = g_ptr_array_index (packed_files, i);

      g_string_append (out, "  <file");
      append_xml_attr (out, "name", packed->entry->name);
      if (packed->slot)
        append_xml_attr (out, "slot", packed->slot);
      if (packed->instance)
        append_xml_attr (out, "for", packed->instance);
      g_string_append_printf (out, " size=\"%" G_GOFFSET_FORMAT "\"", packed->size);
      append_xml_attr (out, "sha256", packed->sha256);
      if (packed->details->len == 0)
        g_string_append (out, "/>\n");
      else
        g_string_append_printf (out, ">\n%s  </file>\n", packed->details->str);
    }
  g_string_append (out, "</manifest>\n");
  return g_string_free_to_bytes (out);
}

static int
compare_packed (gconstpointer a,
                gconstpointer b)
{
  const Packed *pa = *(Packed * const *) a;
  const Packed *pb = *(Packed * const *) b;

  return strcmp (pa->entry->name, pb->entry->name);
}

static char *
reasons_text (DossierReadiness *readiness)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < readiness->reasons->len; i++)
    g_string_append_printf (out, "\n  ✗ %s", ((DossierNote *) g_ptr_array_index (readiness->reasons, i))->text[DOSSIER_LANG_EN]);
  return g_string_free (out, FALSE);
}

/* Everything that goes in the package but the archive itself: the slots' files, the
 * profile, the report and the manifest, in @packed_files. FALSE without @error set, and
 * the readiness given, when the application is not ready (and not forced). */
static gboolean
make_contents (DossierProfile                 *profile,
               DossierPack                    *pack,
               DossierDay                      as_of,
               const DossierSubmissionOptions *options,
               GPtrArray                      *packed_files,
               DossierReadiness              **out_readiness,
               GError                        **error)
{
  g_autoptr(DossierReadiness) readiness = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) profile_bytes = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) text_bytes = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autofree char *person = NULL;
  g_autofree char *dir = NULL;
  const char *profile_name;

  readiness = dossier_readiness_new (pack, profile, as_of, error);
  if (readiness == NULL)
    return FALSE;
  /* Not ready: the caller says so, in the interface's language. */
  if (!readiness->ready && !options->force)
    {
      *out_readiness = g_steal_pointer (&readiness);
      return FALSE;
    }

  person = person_suffix (dossier_profile_get_records (profile));
  dir = derived_dir (profile);

  for (guint i = 0; i < readiness->slots->len; i++)
    {
      DossierSlotStatus *status = g_ptr_array_index (readiness->slots, i);
      Packed *packed;

      if (status->need == DOSSIER_SLOT_NOT_NEEDED || status->files->len == 0)
        continue;
      /* A slot with a problem goes in only when forced, and only if what is wrong is its
       * size: a damaged or encrypted file is never packaged. */
      if (status->state == DOSSIER_SLOT_PROBLEM
          && !(options->force && !status->expired && only_pdfs (status)
               && status->problems->len == 1 && status->total_bytes > status->max_bytes))
        continue;
      packed = pack_slot (status, person, dir, options, error);
      if (packed == NULL)
        return FALSE;
      g_ptr_array_add (packed_files, packed);
    }

  profile_bytes = profile_for_package (profile, error);
  if (profile_bytes == NULL)
    return FALSE;
  g_ptr_array_add (packed_files, packed_bytes ("profile.xml", profile_bytes, FALSE));

  profile_name = dossier_profile_get_filename (profile);
  {
    g_autofree char *base = profile_name ? g_path_get_basename (profile_name) : g_strdup ("profile");

    dossier_readiness_append_text (text, readiness, base, options->lang);
  }
  text_bytes = g_bytes_new (text->str, text->len);
  g_ptr_array_add (packed_files, packed_bytes ("report.txt", text_bytes, FALSE));
  pdf = text_to_pdf (text->str, error);
  if (pdf == NULL)
    return FALSE;
  g_ptr_array_add (packed_files, packed_bytes ("report.pdf", pdf, FALSE));

  g_ptr_array_sort (packed_files, compare_packed);
  manifest = build_manifest (readiness, packed_files);
  g_ptr_array_add (packed_files, packed_bytes ("manifest.xml", manifest, FALSE));

  *out_readiness = g_steal_pointer (&readiness);
  return TRUE;
}

gboolean
dossier_submission_pack (DossierProfile                 *profile,
                         DossierPack                    *pack,
                         DossierDay                      as_of,
                         const char                     *out_path,
                         const DossierSubmissionOptions *options,
                         DossierReadiness              **out_readiness,
                         GError                        **error)
{
  g_autoptr(DossierReadiness) readiness = NULL;
  g_autoptr(GPtrArray) packed_files = g_ptr_array_new_with_free_func ((GDestroyNotify) packed_free);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  locale_t previous;
  gboolean made;

  g_return_val_if_fail (DOSSIER_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (DOSSIER_IS_PACK (pack), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  /* What goes to the government is in English, or in the report's language where the
   * rule packs give French: never in the interface's language. Everything in the
   * package is made with gettext giving the English source strings (in this thread),
   * so that a message, a size or a system error translated for the interface cannot slip
   * into the report, the manifest or a file's name. The price: an error found while it
   * is made (a file that cannot be read or fitted) is told in English too. Writing the
   * archive, whose errors are about the user's disk, is outside. */
  previous = dossier_i18n_begin_untranslated ();
  made = make_contents (profile, pack, as_of, options, packed_files, &readiness, error);
  dossier_i18n_end_untranslated (previous);
  if (!made)
    {
      if (readiness != NULL && !readiness->ready && !options->force)
        {
          g_autofree char *reasons = reasons_text (readiness);

          g_set_error (error, DOSSIER_SUBMISSION_ERROR, DOSSIER_SUBMISSION_ERROR_NOT_READY,
                       _("The application is not ready to submit, so no package was made "
                         "(use --force to package it anyway, marked NOT READY):%s"), reasons);
          if (out_readiness != NULL)
            *out_readiness = g_steal_pointer (&readiness);
        }
      return FALSE;
    }

  for (guint i = 0; i < packed_files->len; i++)
    g_ptr_array_add (entries, ((Packed *) g_ptr_array_index (packed_files, i))->entry);
  if (!dossier_archive_write (out_path, entries, options->passphrase, options->progress,
                              options->progress_data, options->cancellable, error))
    return FALSE;

  if (out_readiness)
    *out_readiness = g_steal_pointer (&readiness);
  return TRUE;
}

void
dossier_verify_problem_free (DossierVerifyProblem *problem)
{
  g_free (problem->name);
  g_free (problem);
}

static void
add_verify_problem (GPtrArray                *problems,
                    DossierVerifyProblemKind  kind,
                    const char               *name)
{
  DossierVerifyProblem *problem = g_new0 (DossierVerifyProblem, 1);

  problem->kind = kind;
  problem->name = g_strdup (name);
  g_ptr_array_add (problems, problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const DossierVerifyProblem *pa = *(DossierVerifyProblem * const *) a;
  const DossierVerifyProblem *pb = *(DossierVerifyProblem * const *) b;

  return strcmp (pa->name, pb->name);
}

gboolean
dossier_submission_verify (const char  *archive_path,
                           const char  *passphrase,
                           GPtrArray  **out_problems,
                           guint       *out_n_files,
                           GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_verify_problem_free);
  g_autoptr(GPtrArray) schema_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_problem_free);
  g_autoptr(GHashTable) checksums = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *display = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n_files = 0;

  manifest = dossier_archive_read_entry (archive_path, "manifest.xml", passphrase, error);
  if (manifest == NULL)
    return FALSE;
  display = g_strdup_printf ("%s (manifest.xml)", archive_path);
  doc = dossier_xml_read_memory (g_bytes_get_data (manifest, NULL), g_bytes_get_size (manifest),
                                 display, MANIFEST_MAX_BYTES, 8, error);
  if (doc == NULL)
    return FALSE;
  if (!dossier_xml_validate (doc, "manifest.rng", schema_problems, error))
    {
      if (error && *error == NULL)
        {
          DossierProblem *problem = g_ptr_array_index (schema_problems, 0);

          g_set_error (error, DOSSIER_ARCHIVE_ERROR, DOSSIER_ARCHIVE_ERROR_INVALID,
                       _("%s:%u: %s: %s; this is not a manifest Dossier wrote"), display,
                       problem->line, problem->path, problem->message);
        }
      return FALSE;
    }

  checksums = dossier_archive_checksums (archive_path, passphrase, error);
  if (checksums == NULL)
    return FALSE;

  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node; node = node->next)
    {
      xmlChar *name, *size, *sha;
      const char *actual;

      if (node->type != XML_ELEMENT_NODE || strcmp ((const char *) node->name, "file") != 0)
        continue;
      name = xmlGetNoNsProp (node, (const xmlChar *) "name");
      size = xmlGetNoNsProp (node, (const xmlChar *) "size");
      sha = xmlGetNoNsProp (node, (const xmlChar *) "sha256");
      n_files++;
      actual = g_hash_table_lookup (checksums, name);
      g_hash_table_add (listed, g_strdup ((const char *) name));
      if (actual == NULL)
        add_verify_problem (problems, DOSSIER_VERIFY_MISSING, (const char *) name);
      else
        {
          g_autofree char *expected = g_strdup_printf ("%s %s", size, sha);

          if (g_strcmp0 (actual, expected) != 0)
            add_verify_problem (problems, DOSSIER_VERIFY_CHANGED, (const char *) name);
        }
      xmlFree (name);
      xmlFree (size);
      xmlFree (sha);
    }

  g_hash_table_iter_init (&iter, checksums);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (listed, key) && g_strcmp0 (key, "manifest.xml") != 0)
      add_verify_problem (problems, DOSSIER_VERIFY_EXTRA, key);
  g_ptr_array_sort (problems, compare_problems);

  if (out_n_files)
    *out_n_files = n_files;
  if (out_problems)
    *out_problems = g_steal_pointer (&problems);
  return TRUE;
}
