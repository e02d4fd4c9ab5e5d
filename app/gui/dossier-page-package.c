/* dossier-page-package.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-i18n.h"
#include "dossier-pack.h"
#include "dossier-page-package.h"
#include "dossier-submission.h"

#define DEFAULT_PROGRAM "hcwip-child-care"

struct _DossierPagePackage
{
  AdwBin               parent_instance;

  GtkScrolledWindow   *scrolled;
  AdwPreferencesGroup *status_group;
  GtkListBox          *status_list;
  AdwActionRow        *destination_row;
  AdwComboRow         *lang_row;
  AdwExpanderRow      *encrypt_row;
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *confirm_row;
  AdwActionRow        *passphrase_problem_row;
  GtkButton           *force_button;
  GtkButton           *pack_button;
  GtkBox              *progress_box;
  GtkProgressBar      *progress_bar;
  AdwPreferencesGroup *result_group;
  AdwActionRow        *result_row;
  AdwActionRow        *verify_row;
  GtkButton           *show_folder_button;

  DossierProfile      *profile;
  gulong               changed_id;
  guint                check_id;
  GFile               *destination;
  GCancellable        *check_cancellable;
  GCancellable        *pack_cancellable;
  guint                check_generation;
  gboolean             checking;
  gboolean             packing;
  gboolean             ready;
  gboolean             verified;
  /* The outcome of the last packaging, until the profile changes. */
  gboolean             written;
  gboolean             failed;
  DossierDay           as_of;          /* DOSSIER_DAY_UNKNOWN: the pack's default */
  char                *result_text;
  char                *verify_text;

  /* Progress from the packaging thread: the latest figures, and whether the main loop
   * has already been asked to show them. */
  GMutex               progress_lock;
  guint64              progress_done;
  guint64              progress_total;
  gboolean             progress_queued;
};

G_DEFINE_FINAL_TYPE (DossierPagePackage, dossier_page_package, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_BUSY,
  PROP_AS_OF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
report_lang (DossierPagePackage *self)
{
  return adw_combo_row_get_selected (self->lang_row) == 1 ? "fr" : "en";
}

static void
notify_busy (DossierPagePackage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
program_of (DossierProfile *profile)
{
  const DossierRecords *records = dossier_profile_get_records (profile);

  return g_strdup (records->program != NULL ? records->program : DEFAULT_PROGRAM);
}

/* ------------------------------------------------------------------------------------
 * Is it ready? The same check the packaging does, in a worker thread, on a copy.
 */

typedef struct
{
  char       *data;
  gsize       length;
  char       *filename;
  char       *program;
  DossierDay  as_of;             /* the wizard's, or DOSSIER_DAY_UNKNOWN: the pack's default */
  guint       generation;
} CheckInput;

typedef struct
{
  gboolean   ready;
  GPtrArray *reasons;     /* char *, in the interface's language */
  GPtrArray *warnings;
  char      *title;
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
  g_clear_pointer (&result->reasons, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result->title);
  g_free (result);
}

static void
copy_notes (GPtrArray *notes,
            GPtrArray *out)
{
  guint lang = dossier_i18n_data_lang_index ();

  for (guint i = 0; i < notes->len; i++)
    {
      const DossierNote *note = g_ptr_array_index (notes, i);

      g_ptr_array_add (out, g_strdup (note->text[lang] != NULL ? note->text[lang]
                                                               : note->text[DOSSIER_LANG_EN]));
    }
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckInput *input = task_data;
  g_autoptr(DossierProfile) copy = NULL;
  g_autoptr(DossierReadiness) readiness = NULL;
  DossierPack *pack;
  CheckResult *result;
  GError *error = NULL;

  pack = dossier_pack_find (input->program, &error);
  if (pack == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The user goes on editing the profile while this runs. */
  copy = dossier_profile_load_detached (input->data, input->length, input->filename, &error);
  if (copy == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  readiness = dossier_readiness_new (pack, copy,
                                     input->as_of ? input->as_of : dossier_pack_get_default_as_of (pack),
                                     &error);
  if (readiness == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = g_new0 (CheckResult, 1);
  result->ready = readiness->ready;
  result->reasons = g_ptr_array_new_with_free_func (g_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  result->title = g_strdup (dossier_pack_get_title (pack, dossier_i18n_data_language ()));
  copy_notes (readiness->reasons, result->reasons);
  copy_notes (readiness->warnings, result->warnings);
  g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
}

static GtkWidget *
note_row_new (const char *icon_name,
              const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  return row;
}

static void update_sensitivity (DossierPagePackage *self);

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DossierPagePackage *self = DOSSIER_PAGE_PACKAGE (source);
  CheckInput *input = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  CheckResult *checked = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *child;

  if (input->generation != self->check_generation)
    {
      g_clear_pointer (&checked, check_result_free);
      return;
    }
  self->checking = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->status_list))) != NULL)
    gtk_list_box_remove (self->status_list, child);

  if (checked == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->ready = FALSE;
          adw_preferences_group_set_description (self->status_group, NULL);
          gtk_list_box_append (self->status_list,
                               note_row_new ("dialog-error-symbolic", error->message));
        }
      update_sensitivity (self);
      notify_busy (self);
      return;
    }

  self->ready = checked->ready;
  if (checked->ready)
    {
      g_autofree char *text = g_strdup_printf (_("Ready: the application for %s meets every "
                                                 "rule the packs know, and every needed "
                                                 "document is attached."), checked->title);

      adw_preferences_group_set_description (self->status_group, text);
      gtk_list_box_append (self->status_list,
                           note_row_new ("emblem-ok-symbolic", _("Ready to package")));
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Not ready yet for %s. The package can still "
                                                 "be made to show someone, marked NOT READY "
                                                 "on its first line."), checked->title);

      adw_preferences_group_set_description (self->status_group, text);
      for (guint i = 0; i < checked->reasons->len; i++)
        gtk_list_box_append (self->status_list,
                             note_row_new ("dialog-error-symbolic",
                                           g_ptr_array_index (checked->reasons, i)));
    }
  for (guint i = 0; i < checked->warnings->len; i++)
    gtk_list_box_append (self->status_list,
                         note_row_new ("dialog-warning-symbolic",
                                       g_ptr_array_index (checked->warnings, i)));
  check_result_free (checked);
  update_sensitivity (self);
  notify_busy (self);
}

static void
start_check (DossierPagePackage *self)
{
  g_autoptr(GTask) task = NULL;
  CheckInput *input;

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_generation++;
  if (self->profile == NULL)
    return;

  input = g_new0 (CheckInput, 1);
  input->data = dossier_profile_to_data (self->profile, &input->length);
  input->filename = g_strdup (dossier_profile_get_filename (self->profile));
  input->program = program_of (self->profile);
  input->as_of = self->as_of;
  input->generation = self->check_generation;

  self->checking = TRUE;
  self->check_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->check_cancellable, check_done_cb, NULL);
  g_task_set_source_tag (task, start_check);
  g_task_set_task_data (task, input, (GDestroyNotify) check_input_free);
  g_task_run_in_thread (task, check_thread);
  update_sensitivity (self);
  notify_busy (self);
}

static gboolean
check_timeout_cb (gpointer data)
{
  DossierPagePackage *self = data;

  self->check_id = 0;
  start_check (self);
  return G_SOURCE_REMOVE;
}

static void
profile_changed_cb (DossierPagePackage *self)
{
  /* The package on disk no longer shows the profile. */
  self->written = FALSE;
  self->failed = FALSE;
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (500, check_timeout_cb, self);
}

/* ------------------------------------------------------------------------------------
 * Options
 */

static const char *
passphrase_problem (DossierPagePackage *self)
{
  const char *first = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *second = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));

  if (!adw_expander_row_get_enable_expansion (self->encrypt_row))
    return NULL;
  if (*first == '\0')
    return _("Enter a passphrase, or turn encryption off");
  if (g_utf8_strlen (first, -1) < 8)
    return _("Use at least 8 characters: a few words are easier to remember than symbols");
  if (g_strcmp0 (first, second) != 0)
    return _("The two passphrases are not the same");
  return NULL;
}

static void
update_sensitivity (DossierPagePackage *self)
{
  const char *problem = passphrase_problem (self);
  gboolean can_start = self->profile != NULL && self->destination != NULL && problem == NULL
                       && !self->packing;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_problem_row),
                                 problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_problem_row), problem != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->confirm_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem != NULL ? problem : "",
                                  -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "package.pack",
                                 can_start && !self->checking && self->ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "package.pack-anyway", can_start);
  gtk_widget_set_visible (GTK_WIDGET (self->force_button), !self->checking && !self->ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "package.choose", !self->packing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "package.cancel", self->packing);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), self->packing);
}

static void
update_destination_row (DossierPagePackage *self)
{
  g_autofree char *path = self->destination != NULL ? g_file_get_path (self->destination) : NULL;

  adw_action_row_set_subtitle (self->destination_row,
                               path != NULL ? path : _("Not chosen yet"));
}

void
dossier_page_package_set_destination (DossierPagePackage *self,
                                      GFile              *file)
{
  g_return_if_fail (DOSSIER_IS_PAGE_PACKAGE (self));

  g_set_object (&self->destination, file);
  update_destination_row (self);
  update_sensitivity (self);
}

GFile *
dossier_page_package_get_destination (DossierPagePackage *self)
{
  g_return_val_if_fail (DOSSIER_IS_PAGE_PACKAGE (self), NULL);

  return self->destination;
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     DossierPagePackage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      dossier_page_package_set_destination (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierPagePackage *self = DOSSIER_PAGE_PACKAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Save the Package"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("ZIP archives"));
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (self->destination != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), self->destination, NULL);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The default: beside the profile, named after it. */
static void
set_default_destination (DossierPagePackage *self)
{
  const char *filename = self->profile != NULL ? dossier_profile_get_filename (self->profile) : NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (filename == NULL)
    {
      dossier_page_package_set_destination (self, NULL);
      return;
    }
  dir = g_path_get_dirname (filename);
  base = g_path_get_basename (filename);
  if (g_str_has_suffix (base, ".dossier"))
    base[strlen (base) - strlen (".dossier")] = '\0';
  /* Translators: the default name of the package file, "maria-dela-cruz-package.zip" */
  name = g_strdup_printf (_("%s-package.zip"), base);
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  dossier_page_package_set_destination (self, file);
}

/* ------------------------------------------------------------------------------------
 * Packaging, in a worker thread
 */

typedef struct
{
  DossierPagePackage *self;      /* only touched in the main thread */
  char               *data;
  gsize               length;
  char               *filename;
  char               *program;
  char               *out_path;
  char               *lang;
  char               *passphrase;
  gboolean            force;
  DossierDay          as_of;
} PackInput;

typedef struct
{
  guint      n_files;
  GPtrArray *problems;           /* DossierVerifyProblem */
  GError    *verify_error;
} PackResult;

static void
pack_input_free (PackInput *input)
{
  g_clear_object (&input->self);
  g_free (input->data);
  g_free (input->filename);
  g_free (input->program);
  g_free (input->out_path);
  g_free (input->lang);
  if (input->passphrase != NULL)
    memset (input->passphrase, 0, strlen (input->passphrase));
  g_free (input->passphrase);
  g_free (input);
}

static void
pack_result_free (PackResult *result)
{
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_error (&result->verify_error);
  g_free (result);
}

static gboolean
show_progress_cb (gpointer data)
{
  DossierPagePackage *self = data;
  guint64 done, total;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;

  g_mutex_lock (&self->progress_lock);
  done = self->progress_done;
  total = self->progress_total;
  self->progress_queued = FALSE;
  g_mutex_unlock (&self->progress_lock);

  if (!self->packing)
    return G_SOURCE_REMOVE;
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
  done_text = g_format_size (done);
  total_text = g_format_size (total);
  /* Translators: "12.3 MB of 40.1 MB" */
  text = g_strdup_printf (_("%s of %s"), done_text, total_text);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_REMOVE;
}

/* Called in the packaging thread: keeps the latest figures and asks the main loop to
 * show them, once, however fast they come. */
static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  DossierPagePackage *self = user_data;
  gboolean queue;

  g_mutex_lock (&self->progress_lock);
  self->progress_done = done;
  self->progress_total = total;
  queue = !self->progress_queued;
  self->progress_queued = TRUE;
  g_mutex_unlock (&self->progress_lock);
  if (queue)
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress_cb,
                                g_object_ref (self), g_object_unref);
}

static void
pack_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PackInput *input = task_data;
  g_autoptr(DossierProfile) copy = NULL;
  g_autoptr(DossierReadiness) readiness = NULL;
  g_autofree char *on_disk = NULL;
  gsize on_disk_length = 0;
  DossierSubmissionOptions options = { 0, };
  PackResult *result;
  DossierPack *pack;
  GError *error = NULL;

  if (input->filename == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Save the profile to a file first: the package is made "
                                 "from the profile’s folder"));
      return;
    }
  /* The package is made from the profile file, so that its documents are found beside
   * it and the fitted copies go in its .derived folder: the file must hold what is on
   * screen. It does once the autosave has run; write it now if it has not yet. */
  if (!g_file_get_contents (input->filename, &on_disk, &on_disk_length, NULL)
      || on_disk_length != input->length || memcmp (on_disk, input->data, input->length) != 0)
    {
      if (!g_file_set_contents_full (input->filename, input->data, input->length,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  copy = dossier_profile_load (input->filename, &error);
  if (copy == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pack = dossier_pack_find (input->program, &error);
  if (pack == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  options.lang = input->lang;
  options.passphrase = input->passphrase;
  options.force = input->force;
  options.page_size = DOSSIER_PAGE_A4;
  options.progress = progress_cb;
  options.progress_data = input->self;
  options.cancellable = cancellable;
  if (!dossier_submission_pack (copy, pack, input->as_of ? input->as_of : dossier_pack_get_default_as_of (pack),
                                input->out_path, &options, &readiness, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Checked as the recipient would: every file against the manifest. */
  result = g_new0 (PackResult, 1);
  if (!dossier_submission_verify (input->out_path, input->passphrase, &result->problems,
                                  &result->n_files, &result->verify_error))
    g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_task_return_pointer (task, result, (GDestroyNotify) pack_result_free);
}

static gboolean
scroll_to_result_cb (gpointer data)
{
  DossierPagePackage *self = data;
  GtkAdjustment *adjustment;

  if (self->scrolled == NULL)
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                        - gtk_adjustment_get_page_size (adjustment));
  gtk_widget_grab_focus (GTK_WIDGET (self->result_row));
  return G_SOURCE_REMOVE;
}

static void
set_result (DossierPagePackage *self,
            const char         *icon_name,
            const char         *result_text,
            const char         *result_detail,
            const char         *verify_icon,
            const char         *verify_text)
{
  g_free (self->result_text);
  self->result_text = g_strdup (result_text);
  g_free (self->verify_text);
  self->verify_text = g_strdup (verify_text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), result_text);
  adw_action_row_set_subtitle (self->result_row, result_detail != NULL ? result_detail : "");
  adw_action_row_set_icon_name (self->result_row, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_row), verify_text != NULL);
  if (verify_text != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verify_row), verify_text);
      adw_action_row_set_icon_name (self->verify_row, verify_icon);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
  /* The outcome is at the bottom of the page: show it, and give it the focus so that
   * a screen reader reads it. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, scroll_to_result_cb, g_object_ref (self),
                      g_object_unref);
}

static void
pack_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DossierPagePackage *self = DOSSIER_PAGE_PACKAGE (source);
  PackInput *input = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  PackResult *packed = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *out_path = g_strdup (input->out_path);

  self->packing = FALSE;
  g_clear_object (&self->pack_cancellable);
  self->verified = FALSE;
  self->written = FALSE;
  self->failed = packed == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  gtk_widget_set_visible (GTK_WIDGET (self->show_folder_button), packed != NULL);

  if (packed == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_result (self, "process-stop-symbolic", _("Cancelled: no package was written"),
                    NULL, NULL, NULL);
      else if (g_error_matches (error, DOSSIER_SUBMISSION_ERROR, DOSSIER_SUBMISSION_ERROR_NOT_READY))
        set_result (self, "dialog-error-symbolic",
                    _("Not packaged: the application is not ready"), error->message, NULL,
                    NULL);
      else
        set_result (self, "dialog-error-symbolic", _("The package could not be made"),
                    error->message, NULL, NULL);
    }
  else
    {
      g_autofree char *verify = NULL;
      const char *verify_icon;
      const char *title = input->force && !self->ready
                          ? _("Package written, marked NOT READY")
                          : _("Package written");

      if (packed->problems == NULL)
        {
          verify = g_strdup_printf (_("The package could not be checked: %s"),
                                    packed->verify_error != NULL ? packed->verify_error->message : "?");
          verify_icon = "dialog-error-symbolic";
        }
      else if (packed->problems->len == 0)
        {
          verify = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Checked: the %u file matches the manifest",
                                                 "Checked: all %u files match the manifest",
                                                 packed->n_files),
                                    packed->n_files);
          verify_icon = "emblem-ok-symbolic";
          self->verified = TRUE;
        }
      else
        {
          g_autoptr(GString) text = g_string_new (_("Checked: the package does not match its manifest:"));

          for (guint i = 0; i < packed->problems->len; i++)
            {
              const DossierVerifyProblem *problem = g_ptr_array_index (packed->problems, i);

              g_string_append_c (text, '\n');
              switch (problem->kind)
                {
                case DOSSIER_VERIFY_CHANGED:
                  g_string_append_printf (text, _("%s: changed"), problem->name);
                  break;
                case DOSSIER_VERIFY_MISSING:
                  g_string_append_printf (text, _("%s: missing"), problem->name);
                  break;
                case DOSSIER_VERIFY_EXTRA:
                default:
                  g_string_append_printf (text, _("%s: not in the manifest"), problem->name);
                  break;
                }
            }
          verify = g_string_free (g_steal_pointer (&text), FALSE);
          verify_icon = "dialog-error-symbolic";
        }
      self->written = self->verified;
      self->failed = !self->verified;
      set_result (self, "emblem-ok-symbolic", title, out_path, verify_icon, verify);
      g_clear_pointer (&packed, pack_result_free);
    }
  update_sensitivity (self);
  notify_busy (self);
}

void
dossier_page_package_start (DossierPagePackage *self,
                            gboolean            force)
{
  g_autoptr(GTask) task = NULL;
  PackInput *input;

  g_return_if_fail (DOSSIER_IS_PAGE_PACKAGE (self));

  if (self->packing || self->profile == NULL || self->destination == NULL
      || passphrase_problem (self) != NULL)
    return;

  input = g_new0 (PackInput, 1);
  input->self = g_object_ref (self);
  input->data = dossier_profile_to_data (self->profile, &input->length);
  input->filename = g_strdup (dossier_profile_get_filename (self->profile));
  input->program = program_of (self->profile);
  input->out_path = g_file_get_path (self->destination);
  input->lang = g_strdup (report_lang (self));
  if (adw_expander_row_get_enable_expansion (self->encrypt_row))
    input->passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
  input->force = force;
  input->as_of = self->as_of;

  self->packing = TRUE;
  self->progress_queued = FALSE;
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), FALSE);
  g_clear_pointer (&self->result_text, g_free);
  g_clear_pointer (&self->verify_text, g_free);
  self->pack_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->pack_cancellable, pack_done_cb, NULL);
  g_task_set_source_tag (task, dossier_page_package_start);
  g_task_set_task_data (task, input, (GDestroyNotify) pack_input_free);
  /* A cancelled task still reports: the thread stops at its next check. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, pack_thread);
  update_sensitivity (self);
  notify_busy (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->progress_box));
}

void
dossier_page_package_cancel (DossierPagePackage *self)
{
  g_return_if_fail (DOSSIER_IS_PAGE_PACKAGE (self));

  g_cancellable_cancel (self->pack_cancellable);
}

gboolean
dossier_page_package_get_busy (DossierPagePackage *self)
{
  g_return_val_if_fail (DOSSIER_IS_PAGE_PACKAGE (self), FALSE);

  return self->packing || self->checking || self->check_id != 0;
}

DossierPackageState
dossier_page_package_get_state (DossierPagePackage *self)
{
  g_return_val_if_fail (DOSSIER_IS_PAGE_PACKAGE (self), DOSSIER_PACKAGE_STATE_NOT_READY);

  if (self->failed)
    return DOSSIER_PACKAGE_STATE_FAILED;
  if (self->written)
    return DOSSIER_PACKAGE_STATE_WRITTEN;
  return self->ready ? DOSSIER_PACKAGE_STATE_READY : DOSSIER_PACKAGE_STATE_NOT_READY;
}

/* Whether the last check found the application ready: eligible, every needed document
 * attached and valid on the as-of day. */
gboolean
dossier_page_package_get_ready (DossierPagePackage *self)
{
  g_return_val_if_fail (DOSSIER_IS_PAGE_PACKAGE (self), FALSE);

  return self->ready;
}

const char *
dossier_page_package_get_result_text (DossierPagePackage *self)
{
  g_return_val_if_fail (DOSSIER_IS_PAGE_PACKAGE (self), NULL);

  return self->result_text;
}

const char *
dossier_page_package_get_verify_text (DossierPagePackage *self)
{
  g_return_val_if_fail (DOSSIER_IS_PAGE_PACKAGE (self), NULL);

  return self->verify_text;
}

gboolean
dossier_page_package_get_verified (DossierPagePackage *self)
{
  g_return_val_if_fail (DOSSIER_IS_PAGE_PACKAGE (self), FALSE);

  return self->verified;
}

static void
pack_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dossier_page_package_start (DOSSIER_PAGE_PACKAGE (widget), FALSE);
}

static void
pack_anyway_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  dossier_page_package_start (DOSSIER_PAGE_PACKAGE (widget), TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  dossier_page_package_cancel (DOSSIER_PAGE_PACKAGE (widget));
}

static void
show_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierPagePackage *self = DOSSIER_PAGE_PACKAGE (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  if (self->destination == NULL)
    return;
  folder = g_file_get_parent (self->destination);
  if (folder == NULL)
    return;
  uri = g_file_get_uri (folder);
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      AdwMessageDialog *dialog;
      g_autofree char *path = g_file_get_path (folder);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           _("The folder could not be opened"),
                                                           NULL));
      adw_message_dialog_format_body (dialog, _("The package is in %s (%s)."), path, error->message);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* ------------------------------------------------------------------------------------
 * GObject
 */

static void
dossier_page_package_set_profile (DossierPagePackage *self,
                                  DossierProfile     *profile)
{
  if (self->profile == profile)
    return;
  g_clear_signal_handler (&self->changed_id, self->profile);
  g_set_object (&self->profile, profile);
  self->written = FALSE;
  self->failed = FALSE;
  if (profile != NULL)
    self->changed_id = g_signal_connect_object (profile, "changed",
                                                G_CALLBACK (profile_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self), profile != NULL);
  set_default_destination (self);
  start_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

void
dossier_page_package_set_as_of (DossierPagePackage *self,
                                DossierDay          as_of)
{
  g_return_if_fail (DOSSIER_IS_PAGE_PACKAGE (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  start_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

static void
options_changed_cb (DossierPagePackage *self)
{
  update_sensitivity (self);
}

static void
dossier_page_package_dispose (GObject *object)
{
  DossierPagePackage *self = (DossierPagePackage *) object;

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_cancellable_cancel (self->pack_cancellable);
  g_clear_object (&self->pack_cancellable);
  g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
  g_clear_object (&self->destination);
  /* GTK 4.8: the template's child is also the AdwBin's; unparent it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PAGE_PACKAGE);
  G_OBJECT_CLASS (dossier_page_package_parent_class)->dispose (object);
}

static void
dossier_page_package_finalize (GObject *object)
{
  DossierPagePackage *self = (DossierPagePackage *) object;

  g_free (self->result_text);
  g_free (self->verify_text);
  g_mutex_clear (&self->progress_lock);
  G_OBJECT_CLASS (dossier_page_package_parent_class)->finalize (object);
}

static void
dossier_page_package_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DossierPagePackage *self = (DossierPagePackage *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, dossier_page_package_get_busy (self));
      break;
    case PROP_AS_OF:
      g_value_set_uint (value, self->as_of);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_package_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DossierPagePackage *self = (DossierPagePackage *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      dossier_page_package_set_profile (self, g_value_get_object (value));
      break;
    case PROP_AS_OF:
      dossier_page_package_set_as_of (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_package_class_init (DossierPagePackageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_package_dispose;
  object_class->finalize = dossier_page_package_finalize;
  object_class->get_property = dossier_page_package_get_property;
  object_class->set_property = dossier_page_package_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The day the application is judged and packaged on (a DossierDay): the one the
   * wizard's header shows; 0 for the pack's default. */
  properties[PROP_AS_OF] =
    g_param_spec_uint ("as-of", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-package.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, status_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, status_list);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, destination_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, lang_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, encrypt_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, passphrase_problem_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, force_button);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, pack_button);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, result_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, result_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, verify_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPagePackage, show_folder_button);

  gtk_widget_class_install_action (widget_class, "package.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "package.pack", NULL, pack_action);
  gtk_widget_class_install_action (widget_class, "package.pack-anyway", NULL, pack_anyway_action);
  gtk_widget_class_install_action (widget_class, "package.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "package.show-folder", NULL, show_folder_action);
}

/* AdwExpanderRow 1.2 gives its enable switch no accessible name of its own: a screen
 * reader would announce an unnamed switch. */
static void
name_enable_switch (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SWITCH (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Encrypt with a passphrase"), -1);
      else
        name_enable_switch (child);
    }
}

static void
dossier_page_package_init (DossierPagePackage *self)
{
  g_mutex_init (&self->progress_lock);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->encrypt_row, "notify::enable-expansion",
                            G_CALLBACK (options_changed_cb), self);
  name_enable_switch (GTK_WIDGET (self->encrypt_row));
  g_signal_connect_swapped (self->passphrase_row, "changed", G_CALLBACK (options_changed_cb), self);
  g_signal_connect_swapped (self->confirm_row, "changed", G_CALLBACK (options_changed_cb), self);
  update_destination_row (self);
  update_sensitivity (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);

  /* The report language chosen in Preferences, when the settings are there. */
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE)
                                               : NULL;

    if (schema != NULL)
      {
        g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);
        g_autofree char *lang = g_settings_get_string (settings, "report-language");

        adw_combo_row_set_selected (self->lang_row, g_strcmp0 (lang, "fr") == 0 ? 1 : 0);
      }
  }
}
