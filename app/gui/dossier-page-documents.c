/* dossier-page-documents.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "dossier-fit.h"
#include "dossier-i18n.h"
#include "dossier-pack.h"
#include "dossier-page-documents.h"
#include "dossier-readiness.h"

#define DEFAULT_PROGRAM "hcwip-child-care"
/* Typing elsewhere changes the profile at every key; the files are checked again once
 * the burst is over. */
#define REFRESH_DELAY_MS 300

struct _DossierPageDocuments
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *slots_group;
  AdwPreferencesGroup *other_group;
  GtkListBox          *slots_list;
  GtkListBox          *other_list;
  GtkSpinner          *spinner;

  DossierProfile      *profile;
  gulong               changed_id;
  guint                refresh_id;
  GCancellable        *cancellable;
  guint                generation;
  gboolean             busy;
  DossierDay           as_of;          /* DOSSIER_DAY_UNKNOWN: the pack's default */

  /* The last check: the profile copy it ran on keeps its records alive. */
  DossierProfile      *checked_copy;
  DossierReadiness    *readiness;
  DossierDay           checked_as_of;
  DossierPack         *pack;
  GHashTable          *thumbnails;     /* resolved path -> GdkTexture */
  GHashTable          *rows;           /* slot key -> DossierSlotRow (owned) */
  GHashTable          *fit_results;    /* slot key -> FitResult */
};

G_DEFINE_FINAL_TYPE (DossierPageDocuments, dossier_page_documents, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_BUSY,
  PROP_AS_OF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *message;
  char *path;
} FitResult;

static void
fit_result_free (FitResult *result)
{
  g_free (result->message);
  g_free (result->path);
  g_free (result);
}

static void schedule_refresh (DossierPageDocuments *self);

/* ------------------------------------------------------------------------------------
 * Paths
 */

static char *
profile_dir (const char *filename)
{
  return filename != NULL ? g_path_get_dirname (filename) : g_get_current_dir ();
}

/* As the readiness resolves them: relative to the profile's folder, or absolute. */
static char *
resolve_file (const char *filename,
              const char *file)
{
  g_autofree char *dir = NULL;

  if (g_path_is_absolute (file))
    return g_strdup (file);
  dir = profile_dir (filename);
  return g_build_filename (dir, file, NULL);
}

static char *
slot_key (const DossierSlotStatus *status)
{
  if (status->instance != NULL)
    return g_strdup_printf ("%s/%s", status->slot->id, status->instance);
  return g_strdup (status->slot->id);
}

static char *
derived_dir (const char *filename)
{
  g_autofree char *dir = profile_dir (filename);
  g_autofree char *base = filename != NULL ? g_path_get_basename (filename) : g_strdup ("profile");
  g_autofree char *name = NULL;

  if (g_str_has_suffix (base, ".dossier"))
    base[strlen (base) - strlen (".dossier")] = '\0';
  name = g_strconcat (base, ".derived", NULL);
  return g_build_filename (dir, name, NULL);
}

/* ------------------------------------------------------------------------------------
 * Checking, in a worker thread
 */

typedef struct
{
  char       *data;
  gsize       length;
  char       *filename;
  char       *program;
  DossierDay  as_of;              /* the wizard's, or DOSSIER_DAY_UNKNOWN: the pack's default */
  guint       generation;
} CheckInput;

typedef struct
{
  DossierProfile   *copy;
  DossierPack      *pack;
  DossierReadiness *readiness;
  GHashTable       *pixbufs;      /* resolved path -> GdkPixbuf */
} CheckResult;

static void
check_input_free (CheckInput *input)
{
  g_free (input->data);
  g_free (input->filename);
  g_free (input->program);
  g_free (input);
}

static void
check_result_free (CheckResult *result)
{
  g_clear_pointer (&result->readiness, dossier_readiness_free);
  g_clear_object (&result->copy);
  g_clear_object (&result->pack);
  g_clear_pointer (&result->pixbufs, g_hash_table_unref);
  g_free (result);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckInput *input = task_data;
  CheckResult *result = g_new0 (CheckResult, 1);
  GError *error = NULL;

  result->pack = dossier_pack_find (input->program, &error);
  if (result->pack != NULL)
    g_object_ref (result->pack);
  else
    goto failed;

  /* A private copy: the user goes on editing the profile while this runs. */
  result->copy = dossier_profile_load_detached (input->data, input->length, input->filename,
                                                &error);
  if (result->copy == NULL)
    goto failed;

  result->readiness = dossier_readiness_new (result->pack, result->copy,
                                             input->as_of ? input->as_of
                                                          : dossier_pack_get_default_as_of (result->pack),
                                             &error);
  if (result->readiness == NULL)
    goto failed;

  /* Thumbnails of the pictures; PDFs get an icon. */
  result->pixbufs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint s = 0; s < result->readiness->slots->len; s++)
    {
      DossierSlotStatus *status = g_ptr_array_index (result->readiness->slots, s);

      for (guint f = 0; f < status->files->len; f++)
        {
          const DossierDocumentInfo *info = g_ptr_array_index (status->files, f);
          GdkPixbuf *pixbuf;

          if (g_cancellable_is_cancelled (cancellable))
            break;
          if (info->problem != DOSSIER_DOCUMENT_OK || info->width <= 0
              || g_hash_table_contains (result->pixbufs, info->path))
            continue;
          pixbuf = gdk_pixbuf_new_from_file_at_scale (info->path, 48, 48, TRUE, NULL);
          if (pixbuf != NULL)
            g_hash_table_insert (result->pixbufs, g_strdup (info->path), pixbuf);
        }
    }
  g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
  return;

failed:
  check_result_free (result);
  g_task_return_error (task, error);
}

/* The <document>s of the profile that a slot holds, as the readiness matches them. */
static GPtrArray *
slot_files (DossierPageDocuments    *self,
            const DossierSlotStatus *status,
            guint                    n_instances)
{
  const DossierRecords *records = dossier_profile_get_records (self->profile);
  const char *filename = dossier_profile_get_filename (self->profile);
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_slot_file_free);
  const DossierSlot *slot = status->slot;

  for (guint i = 0; i < records->documents->len; i++)
    {
      const DossierDocument *document = g_ptr_array_index (records->documents, i);
      gboolean matches;
      DossierSlotFile *file;

      if (g_strcmp0 (document->kind, slot->kind) != 0 || document->file == NULL)
        continue;
      switch (slot->per)
        {
        case DOSSIER_SLOT_PER_JOB:
          matches = g_strcmp0 (document->job, status->instance) == 0;
          break;
        case DOSSIER_SLOT_PER_CREDENTIAL:
          matches = g_strcmp0 (document->credential, status->instance) == 0
                    || (document->credential == NULL && n_instances == 1);
          break;
        case DOSSIER_SLOT_PER_COUNTRY:
          matches = g_strcmp0 (document->country, status->instance) == 0;
          break;
        case DOSSIER_SLOT_PER_NONE:
        default:
          matches = TRUE;
          break;
        }
      if (!matches)
        continue;

      file = g_new0 (DossierSlotFile, 1);
      file->origin_path = g_strdup (document->origin.path);
      file->file = g_strdup (document->file);
      file->resolved = resolve_file (filename, document->file);
      for (guint f = 0; f < status->files->len; f++)
        {
          const DossierDocumentInfo *info = g_ptr_array_index (status->files, f);

          if (g_strcmp0 (info->path, file->resolved) == 0)
            file->info = info;
        }
      g_ptr_array_add (files, file);
    }
  return files;
}

static void
set_busy (DossierPageDocuments *self,
          gboolean              busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void row_add_files_cb      (DossierSlotRow       *row,
                                   DossierPageDocuments *self);
static void row_files_dropped_cb  (DossierSlotRow       *row,
                                   GSList               *files,
                                   DossierPageDocuments *self);
static void row_remove_cb         (DossierSlotRow       *row,
                                   const char           *origin_path,
                                   DossierPageDocuments *self);
static void row_make_it_fit_cb    (DossierSlotRow       *row,
                                   DossierPageDocuments *self);

/* The day the documents were last judged on: the wizard's, else the pack's default. */
static DossierDay
judged_as_of (DossierPageDocuments *self)
{
  if (self->checked_as_of != DOSSIER_DAY_UNKNOWN)
    return self->checked_as_of;
  return self->as_of != DOSSIER_DAY_UNKNOWN ? self->as_of
                                            : dossier_pack_get_default_as_of (self->pack);
}

static void
show_readiness (DossierPageDocuments *self)
{
  GtkWidget *child;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *as_of = NULL;
  g_autofree char *description = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n_other = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->slots_list))) != NULL)
    gtk_list_box_remove (self->slots_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->other_list))) != NULL)
    gtk_list_box_remove (self->other_list, child);
  if (self->readiness == NULL)
    return;

  as_of = dossier_day_format (judged_as_of (self));
  /* Translators: "Checked for <program> as of 2025-03-31. Attach files with + or by
   * dropping them on a slot." */
  description = g_strdup_printf (_("The checklist of %s, checked as of %s. Attach files with "
                                   "the + button of a slot or by dropping them on it; every "
                                   "slot becomes one upload."),
                                 dossier_pack_get_title (self->pack, dossier_i18n_data_language ()),
                                 as_of);
  adw_preferences_group_set_description (self->slots_group, description);

  for (guint i = 0; i < self->readiness->slots->len; i++)
    {
      const DossierSlotStatus *status = g_ptr_array_index (self->readiness->slots, i);
      g_autofree char *slot_id_key = slot_key (status);
      g_autoptr(GPtrArray) files = NULL;
      DossierSlotRow *row = g_hash_table_lookup (self->rows, slot_id_key);
      FitResult *fit = g_hash_table_lookup (self->fit_results, slot_id_key);
      guint n_instances = 0;

      for (guint j = 0; j < self->readiness->slots->len; j++)
        if (((const DossierSlotStatus *) g_ptr_array_index (self->readiness->slots, j))->slot == status->slot)
          n_instances++;

      if (row == NULL)
        {
          row = DOSSIER_SLOT_ROW (dossier_slot_row_new (slot_id_key));
          g_object_ref_sink (row);
          g_signal_connect_object (row, "add-files", G_CALLBACK (row_add_files_cb), self, 0);
          g_signal_connect_object (row, "files-dropped", G_CALLBACK (row_files_dropped_cb), self, 0);
          g_signal_connect_object (row, "remove-document", G_CALLBACK (row_remove_cb), self, 0);
          g_signal_connect_object (row, "make-it-fit", G_CALLBACK (row_make_it_fit_cb), self, 0);
          g_hash_table_insert (self->rows, g_strdup (slot_id_key), row);
          if (fit != NULL)
            dossier_slot_row_set_fit_result (row, fit->message, fit->path);
        }
      g_hash_table_add (seen, (gpointer) dossier_slot_row_get_key (row));
      files = slot_files (self, status, n_instances);
      dossier_slot_row_update (row, status, files, self->thumbnails, judged_as_of (self));
      if (status->need == DOSSIER_SLOT_NOT_NEEDED && files->len == 0)
        {
          gtk_list_box_append (self->other_list, GTK_WIDGET (row));
          n_other++;
        }
      else
        {
          gtk_list_box_append (self->slots_list, GTK_WIDGET (row));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->other_group), n_other > 0);

  /* Slots that went away (a job removed, say). */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      g_hash_table_iter_remove (&iter);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DossierPageDocuments *self = DOSSIER_PAGE_DOCUMENTS (source);
  GTask *task = G_TASK (result);
  CheckInput *input = g_task_get_task_data (task);
  CheckResult *checked;
  g_autoptr(GError) error = NULL;

  checked = g_task_propagate_pointer (task, &error);
  if (input->generation != self->generation)
    {
      /* A newer check is under way. */
      g_clear_pointer (&checked, check_result_free);
      return;
    }
  if (checked == NULL)
    {
      set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The documents could not be checked: %s"),
                                                   error->message);

          adw_preferences_group_set_description (self->slots_group, text);
        }
      return;
    }

  g_clear_pointer (&self->readiness, dossier_readiness_free);
  g_clear_object (&self->checked_copy);
  g_set_object (&self->pack, checked->pack);
  self->readiness = g_steal_pointer (&checked->readiness);
  self->checked_as_of = input->as_of != DOSSIER_DAY_UNKNOWN ? input->as_of
                                                            : dossier_pack_get_default_as_of (self->pack);
  self->checked_copy = g_steal_pointer (&checked->copy);
  g_hash_table_remove_all (self->thumbnails);
  {
    GHashTableIter iter;
    gpointer path, pixbuf;

    g_hash_table_iter_init (&iter, checked->pixbufs);
    while (g_hash_table_iter_next (&iter, &path, &pixbuf))
      g_hash_table_insert (self->thumbnails, g_strdup (path),
                           gdk_texture_new_for_pixbuf (GDK_PIXBUF (pixbuf)));
  }
  check_result_free (checked);
  show_readiness (self);
  /* Last: whoever waits for the check sees its outcome. */
  set_busy (self, FALSE);
}

void
dossier_page_documents_refresh (DossierPageDocuments *self)
{
  g_autoptr(GTask) task = NULL;
  CheckInput *input;
  const DossierRecords *records;

  g_return_if_fail (DOSSIER_IS_PAGE_DOCUMENTS (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;
  if (self->profile == NULL)
    {
      set_busy (self, FALSE);
      return;
    }

  records = dossier_profile_get_records (self->profile);
  input = g_new0 (CheckInput, 1);
  input->data = dossier_profile_to_data (self->profile, &input->length);
  input->filename = g_strdup (dossier_profile_get_filename (self->profile));
  input->program = g_strdup (records->program != NULL ? records->program : DEFAULT_PROGRAM);
  input->as_of = self->as_of;
  input->generation = self->generation;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, check_done_cb, NULL);
  g_task_set_source_tag (task, dossier_page_documents_refresh);
  g_task_set_task_data (task, input, (GDestroyNotify) check_input_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, check_thread);
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  DossierPageDocuments *self = data;

  self->refresh_id = 0;
  dossier_page_documents_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (DossierPageDocuments *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
  set_busy (self, TRUE);
}

gboolean
dossier_page_documents_get_tally (DossierPageDocuments *self,
                                  guint                *n_required,
                                  guint                *n_required_done,
                                  guint                *n_with_problem,
                                  guint                *n_attached)
{
  guint required = 0, required_done = 0, with_problem = 0, attached = 0;

  g_return_val_if_fail (DOSSIER_IS_PAGE_DOCUMENTS (self), FALSE);

  if (self->readiness == NULL)
    return FALSE;
  for (guint i = 0; i < self->readiness->slots->len; i++)
    {
      const DossierSlotStatus *status = g_ptr_array_index (self->readiness->slots, i);
      gboolean done = status->state == DOSSIER_SLOT_READY || status->state == DOSSIER_SLOT_TO_FIT;

      if (status->need == DOSSIER_SLOT_REQUIRED)
        {
          required++;
          required_done += done;
        }
      with_problem += status->state == DOSSIER_SLOT_PROBLEM;
      attached += status->state != DOSSIER_SLOT_EMPTY;
    }
  if (n_required != NULL)
    *n_required = required;
  if (n_required_done != NULL)
    *n_required_done = required_done;
  if (n_with_problem != NULL)
    *n_with_problem = with_problem;
  if (n_attached != NULL)
    *n_attached = attached;
  return TRUE;
}

gboolean
dossier_page_documents_get_busy (DossierPageDocuments *self)
{
  g_return_val_if_fail (DOSSIER_IS_PAGE_DOCUMENTS (self), FALSE);

  return self->busy;
}

DossierSlotRow *
dossier_page_documents_get_slot_row (DossierPageDocuments *self,
                                     const char           *key)
{
  g_return_val_if_fail (DOSSIER_IS_PAGE_DOCUMENTS (self), NULL);

  return g_hash_table_lookup (self->rows, key);
}

/* ------------------------------------------------------------------------------------
 * Attaching and removing
 */

static const DossierSlotStatus *
find_status (DossierPageDocuments *self,
             const char           *key)
{
  if (self->readiness == NULL)
    return NULL;
  for (guint i = 0; i < self->readiness->slots->len; i++)
    {
      const DossierSlotStatus *status = g_ptr_array_index (self->readiness->slots, i);
      g_autofree char *status_key = slot_key (status);

      if (g_str_equal (status_key, key))
        return status;
    }
  return NULL;
}

gboolean
dossier_page_documents_attach (DossierPageDocuments  *self,
                               const char            *key,
                               GFile                 *file,
                               GError               **error)
{
  const DossierSlotStatus *status;
  const DossierRecords *records;
  const char *filename;
  g_autofree char *path = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *base = NULL;
  g_autofree char *kind_path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) dir_file = NULL;
  const char *per_attribute = NULL;
  guint position;

  g_return_val_if_fail (DOSSIER_IS_PAGE_DOCUMENTS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->profile == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No profile is open"));
      return FALSE;
    }
  status = find_status (self, key);
  if (status == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The checklist has no slot “%s” (yet)"), key);
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only files on this computer can be attached; copy “%s” here first"), uri);
      return FALSE;
    }

  /* Inside the profile's folder, the path is kept relative: the folder can then be
   * moved or copied to a USB stick whole. */
  filename = dossier_profile_get_filename (self->profile);
  if (filename != NULL)
    {
      dir = g_path_get_dirname (filename);
      dir_file = g_file_new_for_path (dir);
      stored = g_file_get_relative_path (dir_file, file);
    }
  if (stored == NULL)
    stored = g_strdup (path);

  switch (status->slot->per)
    {
    case DOSSIER_SLOT_PER_JOB:
      per_attribute = "job";
      break;
    case DOSSIER_SLOT_PER_CREDENTIAL:
      per_attribute = "credential";
      break;
    case DOSSIER_SLOT_PER_COUNTRY:
      per_attribute = "country";
      break;
    case DOSSIER_SLOT_PER_NONE:
    default:
      break;
    }

  /* A new <document> after the others. */
  records = dossier_profile_get_records (self->profile);
  position = records->documents->len + 1;
  for (;; position++)
    {
      g_autofree char *probe = g_strdup_printf ("documents/document[%u]/@kind", position);
      g_autofree char *probe_file = g_strdup_printf ("documents/document[%u]/@file", position);
      g_autofree char *kind = dossier_profile_get_value (self->profile, probe);
      g_autofree char *existing = dossier_profile_get_value (self->profile, probe_file);

      if (kind == NULL && existing == NULL)
        break;
    }
  base = g_strdup_printf ("documents/document[%u]", position);
  kind_path = g_strdup_printf ("%s/@kind", base);
  if (!dossier_profile_set_value (self->profile, kind_path, status->slot->kind, error))
    return FALSE;
  if (per_attribute != NULL && status->instance != NULL)
    {
      g_autofree char *instance_path = g_strdup_printf ("%s/@%s", base, per_attribute);

      if (!dossier_profile_set_value (self->profile, instance_path, status->instance, error))
        return FALSE;
    }
  {
    g_autofree char *file_path = g_strdup_printf ("%s/@file", base);

    if (!dossier_profile_set_value (self->profile, file_path, stored, error))
      return FALSE;
  }
  return TRUE;
}

static void
show_error (DossierPageDocuments *self,
            const char           *heading,
            const char           *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
attach_files (DossierPageDocuments *self,
              DossierSlotRow       *row,
              GListModel           *files)
{
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autoptr(GError) error = NULL;

      if (!dossier_page_documents_attach (self, dossier_slot_row_get_key (row), file, &error))
        {
          show_error (self, _("The file could not be attached"), error->message);
          return;
        }
    }
}

static void
chooser_response_cb (GtkNativeDialog      *chooser,
                     int                   response,
                     DossierPageDocuments *self)
{
  DossierSlotRow *row = g_object_get_data (G_OBJECT (chooser), "dossier-row");

  if (response == GTK_RESPONSE_ACCEPT && row != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      attach_files (self, row, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
row_add_files_cb (DossierSlotRow       *row,
                  DossierPageDocuments *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) documents = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *title = NULL;

  /* Translators: the file chooser's title, "Attach to Passport" */
  title = g_strdup_printf (_("Attach to %s"),
                           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  chooser = gtk_file_chooser_native_new (title,
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (documents, _("PDF documents and pictures"));
  gtk_file_filter_add_mime_type (documents, "application/pdf");
  gtk_file_filter_add_mime_type (documents, "image/jpeg");
  gtk_file_filter_add_mime_type (documents, "image/png");
  gtk_file_filter_add_mime_type (documents, "image/tiff");
  gtk_file_filter_add_suffix (documents, "pdf");
  gtk_file_filter_add_suffix (documents, "jpg");
  gtk_file_filter_add_suffix (documents, "jpeg");
  gtk_file_filter_add_suffix (documents, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), documents);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (self->profile != NULL && dossier_profile_get_filename (self->profile) != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (dossier_profile_get_filename (self->profile));
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_object_set_data_full (G_OBJECT (chooser), "dossier-row", g_object_ref (row), g_object_unref);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
row_files_dropped_cb (DossierSlotRow       *row,
                      GSList               *files,
                      DossierPageDocuments *self)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_FILE);

  for (GSList *l = files; l != NULL; l = l->next)
    g_list_store_append (store, l->data);
  attach_files (self, row, G_LIST_MODEL (store));
}

static void
row_remove_cb (DossierSlotRow       *row,
               const char           *origin_path,
               DossierPageDocuments *self)
{
  g_autoptr(GError) error = NULL;

  if (self->profile == NULL || origin_path == NULL)
    return;
  /* The <document> goes; the file stays where it is. */
  if (!dossier_profile_set_value (self->profile, origin_path, NULL, &error))
    show_error (self, _("The file could not be removed from the slot"), error->message);
}

/* ------------------------------------------------------------------------------------
 * Make it fit, in a worker thread
 */

typedef struct
{
  char    *key;
  GStrv    files;
  goffset  max_bytes;
  char    *out_path;
} FitInput;

static void
fit_input_free (FitInput *input)
{
  g_free (input->key);
  g_strfreev (input->files);
  g_free (input->out_path);
  g_free (input);
}

static void
fit_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  FitInput *input = task_data;
  g_autofree char *dir = g_path_get_dirname (input->out_path);
  g_autofree char *description = NULL;
  GError *error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return;
    }
  if (!dossier_fit_slot ((const char * const *) input->files, input->max_bytes, DOSSIER_PAGE_A4,
                         input->out_path, &description, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&description), g_free);
}

static guint
document_index (const char *origin_path)
{
  const char *bracket = origin_path != NULL ? strrchr (origin_path, '[') : NULL;

  return bracket != NULL ? (guint) g_ascii_strtoull (bracket + 1, NULL, 10) : 0;
}

static int
compare_by_index_descending (gconstpointer a,
                             gconstpointer b)
{
  guint ia = document_index (*(const char * const *) a);
  guint ib = document_index (*(const char * const *) b);

  return ia < ib ? 1 : ia > ib ? -1 : 0;
}

/* The slot's files that were fitted give way to the fitted file: their <document>s go
 * (the files stay on disk) and one for the fitted file takes their place. Files
 * attached to the slot while it was fitting stay. */
static gboolean
replace_with_fitted (DossierPageDocuments  *self,
                     FitInput              *input,
                     GError               **error)
{
  const DossierSlotStatus *status = find_status (self, input->key);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) origins = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) fitted = g_file_new_for_path (input->out_path);
  guint n_instances = 0;

  if (self->profile == NULL || status == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("the slot is no longer in the checklist"));
      return FALSE;
    }
  for (guint j = 0; j < self->readiness->slots->len; j++)
    if (((const DossierSlotStatus *) g_ptr_array_index (self->readiness->slots, j))->slot == status->slot)
      n_instances++;
  files = slot_files (self, status, n_instances);
  for (guint i = 0; i < files->len; i++)
    {
      const DossierSlotFile *file = g_ptr_array_index (files, i);

      if (g_strv_contains ((const char * const *) input->files, file->resolved))
        g_ptr_array_add (origins, g_strdup (file->origin_path));
    }
  /* From the last: removing an element renumbers the ones after it. */
  g_ptr_array_sort (origins, compare_by_index_descending);
  for (guint i = 0; i < origins->len; i++)
    if (!dossier_profile_set_value (self->profile, g_ptr_array_index (origins, i), NULL, error))
      return FALSE;
  return dossier_page_documents_attach (self, input->key, fitted, error);
}

static void
fit_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DossierPageDocuments *self = DOSSIER_PAGE_DOCUMENTS (source);
  FitInput *input = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *description = g_task_propagate_pointer (G_TASK (result), &error);
  DossierSlotRow *row = g_hash_table_lookup (self->rows, input->key);
  FitResult *fit = g_new0 (FitResult, 1);

  if (description != NULL)
    {
      g_autofree char *name = g_path_get_basename (input->out_path);

      if (replace_with_fitted (self, input, &error))
        /* Translators: "Done: 2 images combined into one 2-page PDF at 300 dpi
         * (employment-letter-j1-fitted.pdf). …"; the description comes from the fitting
         * engine, in English */
        fit->message = g_strdup_printf (_("Done: %s (%s). The slot now holds this file; "
                                          "the originals were taken out of the slot, not "
                                          "deleted."), description, name);
      else
        fit->message = g_strdup_printf (_("Made %s, but the slot still holds the original "
                                          "files: %s"), name, error->message);
      fit->path = g_strdup (input->out_path);
    }
  else
    {
      fit->message = g_strdup_printf (_("Cannot make it fit: %s"), error->message);
    }
  if (row != NULL)
    dossier_slot_row_set_fit_result (row, fit->message, fit->path);
  g_hash_table_replace (self->fit_results, g_strdup (input->key), fit);
}

static void
row_make_it_fit_cb (DossierSlotRow       *row,
                    DossierPageDocuments *self)
{
  const char *key = dossier_slot_row_get_key (row);
  const DossierSlotStatus *status = find_status (self, key);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *derived = NULL;
  g_autofree char *name = NULL;
  const char *extension = ".pdf";
  FitInput *input;

  if (status == NULL || status->files->len == 0 || self->profile == NULL)
    return;
  for (guint i = 0; i < status->files->len; i++)
    g_strv_builder_add (builder, ((const DossierDocumentInfo *) g_ptr_array_index (status->files, i))->path);
  if (status->files->len == 1)
    {
      const DossierDocumentInfo *info = g_ptr_array_index (status->files, 0);

      if (info->format != DOSSIER_FORMAT_UNKNOWN && dossier_file_format_extension (info->format) != NULL)
        extension = dossier_file_format_extension (info->format);
    }

  input = g_new0 (FitInput, 1);
  input->key = g_strdup (key);
  input->files = g_strv_builder_end (builder);
  input->max_bytes = status->max_bytes;
  derived = derived_dir (dossier_profile_get_filename (self->profile));
  name = g_strconcat (key, "-fitted", extension, NULL);
  g_strdelimit (name, "/\\", '-');
  input->out_path = g_build_filename (derived, name, NULL);

  dossier_slot_row_set_fitting (row, TRUE);
  task = g_task_new (self, NULL, fit_done_cb, NULL);
  g_task_set_source_tag (task, row_make_it_fit_cb);
  g_task_set_task_data (task, input, (GDestroyNotify) fit_input_free);
  g_task_run_in_thread (task, fit_thread);
}

/* ------------------------------------------------------------------------------------
 * GObject
 */

static void
profile_changed_cb (DossierPageDocuments *self)
{
  schedule_refresh (self);
}

static void
dossier_page_documents_set_profile (DossierPageDocuments *self,
                                    DossierProfile       *profile)
{
  if (self->profile == profile)
    return;
  g_clear_signal_handler (&self->changed_id, self->profile);
  g_set_object (&self->profile, profile);
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->fit_results);
  g_clear_pointer (&self->readiness, dossier_readiness_free);
  g_clear_object (&self->checked_copy);
  show_readiness (self);
  if (profile != NULL)
    self->changed_id = g_signal_connect_object (profile, "changed",
                                                G_CALLBACK (profile_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  gtk_widget_set_sensitive (GTK_WIDGET (self), profile != NULL);
  dossier_page_documents_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

void
dossier_page_documents_set_as_of (DossierPageDocuments *self,
                                  DossierDay            as_of)
{
  g_return_if_fail (DOSSIER_IS_PAGE_DOCUMENTS (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  /* Expiry is judged on that day: every slot may change. */
  if (self->profile != NULL)
    schedule_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dossier_page_documents_refresh (DOSSIER_PAGE_DOCUMENTS (widget));
}

static void
dossier_page_documents_dispose (GObject *object)
{
  DossierPageDocuments *self = (DossierPageDocuments *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
  /* GTK 4.8: the template's child is also the AdwBin's; unparent it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PAGE_DOCUMENTS);
  if (self->rows != NULL)
    g_hash_table_remove_all (self->rows);
  G_OBJECT_CLASS (dossier_page_documents_parent_class)->dispose (object);
}

static void
dossier_page_documents_finalize (GObject *object)
{
  DossierPageDocuments *self = (DossierPageDocuments *) object;

  g_clear_pointer (&self->readiness, dossier_readiness_free);
  g_clear_object (&self->checked_copy);
  g_clear_object (&self->pack);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->fit_results, g_hash_table_unref);
  G_OBJECT_CLASS (dossier_page_documents_parent_class)->finalize (object);
}

static void
dossier_page_documents_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DossierPageDocuments *self = (DossierPageDocuments *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_AS_OF:
      g_value_set_uint (value, self->as_of);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_documents_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  DossierPageDocuments *self = (DossierPageDocuments *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      dossier_page_documents_set_profile (self, g_value_get_object (value));
      break;
    case PROP_AS_OF:
      dossier_page_documents_set_as_of (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_documents_class_init (DossierPageDocumentsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_documents_dispose;
  object_class->finalize = dossier_page_documents_finalize;
  object_class->get_property = dossier_page_documents_get_property;
  object_class->set_property = dossier_page_documents_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The day the documents are judged on (a DossierDay): the one the wizard's header
   * shows; 0 for the pack's default. */
  properties[PROP_AS_OF] =
    g_param_spec_uint ("as-of", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-documents.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPageDocuments, slots_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageDocuments, other_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageDocuments, slots_list);
  gtk_widget_class_bind_template_child (widget_class, DossierPageDocuments, other_list);
  gtk_widget_class_bind_template_child (widget_class, DossierPageDocuments, spinner);

  gtk_widget_class_install_action (widget_class, "documents.refresh", NULL, refresh_action);
}

static void
dossier_page_documents_init (DossierPageDocuments *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->fit_results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) fit_result_free);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}
