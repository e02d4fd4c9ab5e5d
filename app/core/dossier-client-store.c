/* dossier-client-store.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dossier-autosave.h"
#include "dossier-client-store.h"

/* Summaries are read by a few worker threads, leaving a core to the interface:
 * loading a profile and inspecting its documents is CPU work. */
#define MAX_SUMMARY_WORKERS 4
/* They are shown in batches, at most this often: one main loop dispatch per client
 * would keep the loop too busy to draw while hundreds of them arrive. */
#define SUMMARY_BATCH_MS 100

typedef struct
{
  char *hidden_path;
  char *hidden_backup;    /* NULL if there was no FILE~ */
} DeletedFiles;

struct _DossierClientStore
{
  GObject          parent_instance;

  char            *folder;
  GPtrArray       *clients;       /* DossierClient, in the order they were found */
  GHashTable      *by_path;       /* path -> DossierClient (borrowed from clients) */
  GHashTable      *deleted;       /* DossierClient -> DeletedFiles */

  DossierAsOfRule  as_of_rule;
  char            *lang;

  GCancellable    *cancellable;
  GHashTable      *wanted;        /* DossierClient -> the serial of its newest request */
  guint            serial;
  guint            workers;       /* worker tasks running */
  guint            batch_id;      /* the timeout showing summaries */
  guint            listing;

  /* Shared with the workers, under lock. */
  GMutex           lock;
  GQueue           jobs;          /* SummaryJob to do */
  GPtrArray       *results;       /* SummaryJob done */
};

static void dossier_client_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierClientStore, dossier_client_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dossier_client_store_list_model_init))

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_LOADING,
  PROP_AS_OF_RULE,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  CLIENT_UPDATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
deleted_files_free (DeletedFiles *files)
{
  g_free (files->hidden_path);
  g_free (files->hidden_backup);
  g_free (files);
}

/* ------------------------------------------------------------------------------------
 * GListModel
 */

static GType
dossier_client_store_get_item_type (GListModel *model)
{
  return DOSSIER_TYPE_CLIENT;
}

static guint
dossier_client_store_get_n_items (GListModel *model)
{
  DossierClientStore *self = DOSSIER_CLIENT_STORE (model);

  return self->clients->len;
}

static gpointer
dossier_client_store_get_item (GListModel *model,
                               guint       position)
{
  DossierClientStore *self = DOSSIER_CLIENT_STORE (model);

  if (position >= self->clients->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->clients, position));
}

static void
dossier_client_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dossier_client_store_get_item_type;
  iface->get_n_items = dossier_client_store_get_n_items;
  iface->get_item = dossier_client_store_get_item;
}

/* ------------------------------------------------------------------------------------
 * Summaries
 */

typedef struct
{
  DossierClient        *client;
  guint                 serial;
  char                 *path;
  DossierAsOfRule       as_of_rule;
  char                 *lang;
  DossierClientSummary *summary;     /* filled by the worker */
} SummaryJob;

static void
summary_job_free (SummaryJob *job)
{
  g_clear_object (&job->client);
  g_free (job->path);
  g_free (job->lang);
  g_clear_pointer (&job->summary, dossier_client_summary_free);
  g_free (job);
}

static void
dossier_client_store_notify_loading (DossierClientStore *self,
                                     gboolean            was_loading)
{
  if (was_loading != dossier_client_store_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/* Takes jobs until there are none left. */
static void
summary_worker_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  DossierClientStore *self = source_object;

  while (!g_cancellable_is_cancelled (cancellable))
    {
      SummaryJob *job;

      g_mutex_lock (&self->lock);
      job = g_queue_pop_head (&self->jobs);
      g_mutex_unlock (&self->lock);
      if (job == NULL)
        break;

      job->summary = dossier_client_summary_read (job->path, job->as_of_rule, job->lang,
                                                  cancellable);

      g_mutex_lock (&self->lock);
      g_ptr_array_add (self->results, job);
      g_mutex_unlock (&self->lock);
    }
  g_task_return_boolean (task, TRUE);
}

static void dossier_client_store_start_workers (DossierClientStore *self);

/* Shows the summaries read since the last batch. */
static gboolean
dossier_client_store_show_batch (gpointer user_data)
{
  DossierClientStore *self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  gboolean was_loading = dossier_client_store_get_loading (self);
  gboolean jobs_left;

  g_mutex_lock (&self->lock);
  results = g_steal_pointer (&self->results);
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_job_free);
  jobs_left = !g_queue_is_empty (&self->jobs);
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < results->len; i++)
    {
      SummaryJob *job = g_ptr_array_index (results, i);
      DossierClient *client = job->client;

      /* Asked for again since: the newer request will tell. Deleted meanwhile: nobody
       * shows it. */
      if (GPOINTER_TO_UINT (g_hash_table_lookup (self->wanted, client)) != job->serial)
        continue;
      g_hash_table_remove (self->wanted, client);
      if (g_hash_table_lookup (self->by_path, dossier_client_get_path (client)) == client)
        {
          dossier_client_apply_summary (client, job->summary);
          g_signal_emit (self, signals [CLIENT_UPDATED], 0, client);
        }
    }

  if (jobs_left)
    dossier_client_store_start_workers (self);
  dossier_client_store_notify_loading (self, was_loading);

  if (self->workers > 0 || jobs_left)
    return G_SOURCE_CONTINUE;
  self->batch_id = 0;
  return G_SOURCE_REMOVE;
}

static void
summary_worker_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DossierClientStore *self = DOSSIER_CLIENT_STORE (object);

  g_assert (self->workers > 0);
  self->workers--;
  /* The last worker's results are shown now rather than at the next tick. */
  if (self->workers == 0 && self->batch_id != 0)
    {
      g_clear_handle_id (&self->batch_id, g_source_remove);
      if (dossier_client_store_show_batch (self) == G_SOURCE_CONTINUE)
        self->batch_id = g_timeout_add (SUMMARY_BATCH_MS, dossier_client_store_show_batch, self);
    }
}

static void
dossier_client_store_start_workers (DossierClientStore *self)
{
  guint max = CLAMP (g_get_num_processors () - 1, 1, MAX_SUMMARY_WORKERS);
  guint n_jobs;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  g_mutex_lock (&self->lock);
  n_jobs = g_queue_get_length (&self->jobs);
  g_mutex_unlock (&self->lock);

  while (self->workers < MIN (max, n_jobs))
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, summary_worker_cb, NULL);

      g_task_set_source_tag (task, summary_worker_thread);
      self->workers++;
      g_task_run_in_thread (task, summary_worker_thread);
    }
  if (self->batch_id == 0 && self->workers > 0)
    self->batch_id = g_timeout_add (SUMMARY_BATCH_MS, dossier_client_store_show_batch, self);
}

static void
dossier_client_store_queue (DossierClientStore *self,
                            DossierClient      *client)
{
  SummaryJob *job = g_new0 (SummaryJob, 1);

  job->client = g_object_ref (client);
  job->serial = ++self->serial;
  job->path = g_strdup (dossier_client_get_path (client));
  job->as_of_rule = self->as_of_rule;
  job->lang = g_strdup (self->lang);
  g_hash_table_insert (self->wanted, g_object_ref (client), GUINT_TO_POINTER (job->serial));

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->jobs, job);
  g_mutex_unlock (&self->lock);
}

void
dossier_client_store_refresh (DossierClientStore *self,
                              DossierClient      *client)
{
  gboolean was_loading;

  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));

  was_loading = dossier_client_store_get_loading (self);
  dossier_client_store_queue (self, client);
  dossier_client_store_start_workers (self);
  dossier_client_store_notify_loading (self, was_loading);
}

void
dossier_client_store_refresh_all (DossierClientStore *self)
{
  gboolean was_loading;

  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));

  was_loading = dossier_client_store_get_loading (self);
  for (guint i = 0; i < self->clients->len; i++)
    dossier_client_store_queue (self, g_ptr_array_index (self->clients, i));
  dossier_client_store_start_workers (self);
  dossier_client_store_notify_loading (self, was_loading);
}

/* ------------------------------------------------------------------------------------
 * The list
 */

static DossierClient *
dossier_client_store_add_path (DossierClientStore *self,
                               const char         *path,
                               gboolean            emit)
{
  g_autoptr(DossierClient) client = NULL;
  DossierClient *listed = g_hash_table_lookup (self->by_path, path);

  if (listed != NULL)
    return listed;

  client = dossier_client_new (path);
  g_hash_table_insert (self->by_path, (char *) dossier_client_get_path (client), client);
  g_ptr_array_add (self->clients, g_object_ref (client));
  dossier_client_store_queue (self, client);
  if (emit)
    g_list_model_items_changed (G_LIST_MODEL (self), self->clients->len - 1, 0, 1);
  return client;
}

static void
dossier_client_store_remove_at (DossierClientStore *self,
                                guint               position)
{
  /* Alive until every view has heard that it left. */
  g_autoptr(DossierClient) client = g_object_ref (g_ptr_array_index (self->clients, position));

  g_hash_table_remove (self->by_path, dossier_client_get_path (client));
  g_hash_table_remove (self->wanted, client);
  g_ptr_array_remove_index (self->clients, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_name = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the clients folder “%s” (%s)"),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }
  /* The folder holds passport numbers and dates of birth: its owner's only. */
  g_chmod (folder, 0700);
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *folder = task_data;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!ensure_folder (folder, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  dir = g_dir_open (folder, 0, &error);
  if (dir == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      /* Left over by a deletion the application had no time to finish. */
      if (name[0] == '.' && g_str_has_suffix (name, ".deleted"))
        {
          g_unlink (path);
          continue;
        }
      if (name[0] == '.' || !g_str_has_suffix (name, ".dossier"))
        continue;
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_ptr_array_sort (paths, compare_strings);
  g_task_return_pointer (task, g_steal_pointer (&paths), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  DossierClientStore *self = DOSSIER_CLIENT_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_loading = dossier_client_store_get_loading (self);
  guint before;

  self->listing--;
  paths = g_task_propagate_pointer (G_TASK (result), &error);
  if (paths == NULL)
    {
      dossier_client_store_notify_loading (self, was_loading);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Clients whose file went away since the last listing leave the list. */
  found = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < paths->len; i++)
    g_hash_table_add (found, g_ptr_array_index (paths, i));
  for (guint i = self->clients->len; i > 0; i--)
    {
      DossierClient *client = g_ptr_array_index (self->clients, i - 1);

      if (!g_hash_table_contains (found, dossier_client_get_path (client)))
        dossier_client_store_remove_at (self, i - 1);
    }

  /* One change for the whole folder, however many clients. */
  before = self->clients->len;
  for (guint i = 0; i < paths->len; i++)
    dossier_client_store_add_path (self, g_ptr_array_index (paths, i), FALSE);
  if (self->clients->len > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->clients->len - before);

  dossier_client_store_start_workers (self);
  dossier_client_store_notify_loading (self, was_loading);
  g_task_return_boolean (task, TRUE);
}

void
dossier_client_store_load_async (DossierClientStore  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) list = NULL;
  gboolean was_loading;

  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_client_store_load_async);

  was_loading = dossier_client_store_get_loading (self);
  self->listing++;
  list = g_task_new (self, cancellable, list_cb, g_steal_pointer (&task));
  g_task_set_source_tag (list, list_thread);
  g_task_set_task_data (list, g_strdup (self->folder), g_free);
  g_task_run_in_thread (list, list_thread);
  dossier_client_store_notify_loading (self, was_loading);
}

gboolean
dossier_client_store_load_finish (DossierClientStore  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

DossierClient *
dossier_client_store_find (DossierClientStore *self,
                           const char         *path)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  canonical = g_canonicalize_filename (path, NULL);
  return g_hash_table_lookup (self->by_path, canonical);
}

/**
 * dossier_client_store_contains_path:
 *
 * Returns: whether @path names a file directly in the clients folder (listed or not).
 */
gboolean
dossier_client_store_contains_path (DossierClientStore *self,
                                    const char         *path)
{
  g_autofree char *canonical = NULL;
  g_autofree char *dirname = NULL;

  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  canonical = g_canonicalize_filename (path, NULL);
  dirname = g_path_get_dirname (canonical);
  return g_strcmp0 (dirname, self->folder) == 0;
}

/* ------------------------------------------------------------------------------------
 * New files: create, import, duplicate
 */

typedef struct
{
  char     *folder;
  char     *stem;        /* the name wanted, without number nor extension */
  gboolean  numbered;    /* always add -N (new clients); else only when taken */
  gboolean  importing;   /* a file already in the clients folder is not copied */
  GBytes   *bytes;       /* what to write, or NULL to read it from source */
  GFile    *source;
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_free (job->folder);
  g_free (job->stem);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_object (&job->source);
  g_free (job);
}

/* “María José Dela Cruz” gives “dela-cruz-maria-jose”: ASCII, lower case, dashes. */
static char *
make_slug (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  g_autoptr(GString) slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && slug->len < 60; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "client");
  return g_string_free (g_steal_pointer (&slug), FALSE);
}

/* “maria-2” and “maria” both give “maria”, so that copies are numbered from the
 * original's name. */
static char *
strip_number (const char *stem)
{
  const char *dash = strrchr (stem, '-');

  if (dash != NULL && dash != stem && dash[1] != '\0')
    {
      const char *p;

      for (p = dash + 1; g_ascii_isdigit (*p); p++)
        ;
      if (*p == '\0')
        return g_strndup (stem, (gsize) (dash - stem));
    }
  return g_strdup (stem);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length = 0;

  if (!ensure_folder (job->folder, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->bytes != NULL)
    {
      bytes = g_bytes_ref (job->bytes);
    }
  else
    {
      g_autoptr(DossierProfile) profile = NULL;
      g_autoptr(GFileInfo) info = NULL;
      g_autofree char *display_name = g_file_get_parse_name (job->source);
      g_autofree char *contents = NULL;
      g_autofree char *source_path = g_file_get_path (job->source);

      info = g_file_query_info (job->source, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                G_FILE_QUERY_INFO_NONE, cancellable, &error);
      if (info == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (g_file_info_get_size (info) > DOSSIER_PROFILE_MAX_BYTES)
        {
          g_task_return_new_error (task, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_TOO_LARGE,
                                   _("“%s” is too large to be a Dossier profile"),
                                   display_name);
          return;
        }
      if (!g_file_load_contents (job->source, cancellable, &contents, &length, NULL, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Only profiles that load are copied in: the list never shows a file that was
       * damaged before it came. */
      profile = dossier_profile_load_from_data (contents, length, display_name, &error);
      if (profile == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Already in the clients folder: nothing to import. */
      if (job->importing && source_path != NULL)
        {
          g_autofree char *canonical = g_canonicalize_filename (source_path, NULL);
          g_autofree char *dirname = g_path_get_dirname (canonical);

          if (g_strcmp0 (dirname, job->folder) == 0)
            {
              g_task_return_pointer (task, g_steal_pointer (&canonical), g_free);
              return;
            }
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
    }

  data = g_bytes_get_data (bytes, &length);
  for (guint n = job->numbered ? 1 : 0; n < 10000; n++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      if (n == 0)
        name = g_strdup_printf ("%s.dossier", job->stem);
      else
        name = g_strdup_printf ("%s-%u.dossier", job->stem, n);
      path = g_build_filename (job->folder, name, NULL);
      if (dossier_write_file_atomic (path, data, length,
                                     DOSSIER_WRITE_NO_REPLACE | DOSSIER_WRITE_PRIVATE, &error))
        {
          g_task_return_pointer (task, g_steal_pointer (&path), g_free);
          return;
        }
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_clear_error (&error);
    }
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("Too many clients are named “%s”"), job->stem);
}

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  DossierClientStore *self = DOSSIER_CLIENT_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autofree char *path = NULL;
  GError *error = NULL;
  DossierClient *client;
  gboolean was_loading = dossier_client_store_get_loading (self);

  path = g_task_propagate_pointer (G_TASK (result), &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  client = dossier_client_store_add_path (self, path, TRUE);
  /* A file already listed (imported from the clients folder itself) is read again. */
  dossier_client_store_queue (self, client);
  dossier_client_store_start_workers (self);
  dossier_client_store_notify_loading (self, was_loading);
  g_task_return_pointer (task, g_object_ref (client), g_object_unref);
}

static void
dossier_client_store_add_async (DossierClientStore  *self,
                                AddJob              *job,
                                gpointer             source_tag,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  job->folder = g_strdup (self->folder);
  worker = g_task_new (self, cancellable, add_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, add_thread);
  g_task_set_task_data (worker, job, (GDestroyNotify) add_job_free);
  g_task_run_in_thread (worker, add_thread);
}

void
dossier_client_store_create_async (DossierClientStore  *self,
                                   DossierProfile      *profile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  const DossierRecords *records;
  g_autofree char *name = NULL;
  AddJob *job;
  char *data;
  gsize length = 0;

  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));
  g_return_if_fail (DOSSIER_IS_PROFILE (profile));

  records = dossier_profile_get_records (profile);
  name = g_strdup_printf ("%s %s",
                          records->applicant.family_name ? records->applicant.family_name : "",
                          records->applicant.given_names ? records->applicant.given_names : "");
  data = dossier_profile_to_data (profile, &length);

  job = g_new0 (AddJob, 1);
  job->stem = make_slug (name);
  job->numbered = TRUE;
  job->bytes = g_bytes_new_take (data, length);
  dossier_client_store_add_async (self, job, dossier_client_store_create_async,
                                  cancellable, callback, user_data);
}

void
dossier_client_store_import_async (DossierClientStore  *self,
                                   GFile               *source,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *basename = NULL;
  AddJob *job;

  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));
  g_return_if_fail (G_IS_FILE (source));

  basename = g_file_get_basename (source);
  if (basename != NULL && g_str_has_suffix (basename, ".dossier"))
    basename[strlen (basename) - strlen (".dossier")] = '\0';

  job = g_new0 (AddJob, 1);
  job->stem = make_slug (basename);
  job->source = g_object_ref (source);
  job->importing = TRUE;
  dossier_client_store_add_async (self, job, dossier_client_store_import_async,
                                  cancellable, callback, user_data);
}

void
dossier_client_store_duplicate_async (DossierClientStore  *self,
                                      DossierClient       *client,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *basename = NULL;
  AddJob *job;

  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));

  basename = g_path_get_basename (dossier_client_get_path (client));
  if (g_str_has_suffix (basename, ".dossier"))
    basename[strlen (basename) - strlen (".dossier")] = '\0';

  job = g_new0 (AddJob, 1);
  job->stem = strip_number (basename);
  job->numbered = TRUE;
  job->source = g_file_new_for_path (dossier_client_get_path (client));
  dossier_client_store_add_async (self, job, dossier_client_store_duplicate_async,
                                  cancellable, callback, user_data);
}

/**
 * dossier_client_store_add_finish:
 *
 * Returns: (transfer full): the new client, in the list, its summary on the way.
 */
DossierClient *
dossier_client_store_add_finish (DossierClientStore  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------
 * Export
 */

typedef struct
{
  char  *path;
  GFile *destination;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_clear_object (&job->destination);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autofree char *contents = NULL;
  g_autofree char *destination_path = g_file_get_path (job->destination);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gboolean ok;

  if (!g_file_get_contents (job->path, &contents, &length, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (destination_path != NULL)
    ok = dossier_write_file_atomic (destination_path, contents, length,
                                    DOSSIER_WRITE_DEFAULT, &error);
  else
    ok = g_file_replace_contents (job->destination, contents, length, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, cancellable, &error);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
dossier_client_store_export_async (DossierClientStore  *self,
                                   DossierClient       *client,
                                   GFile               *destination,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));
  g_return_if_fail (G_IS_FILE (destination));

  job = g_new0 (ExportJob, 1);
  job->path = g_strdup (dossier_client_get_path (client));
  job->destination = g_object_ref (destination);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_client_store_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
dossier_client_store_export_finish (DossierClientStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------
 * Delete, with undo
 */

static char *
hidden_name (const char *path)
{
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.deleted", basename);

  return g_build_filename (dirname, name, NULL);
}

static gboolean
move_file (const char  *from,
           const char  *to,
           GError     **error)
{
  if (g_rename (from, to) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_name = g_filename_display_name (from);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot move “%s” (%s)"), display_name, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Renames are single, quick system calls in the clients folder: done here, so that
 * undo is exact. The files are removed by dossier_client_store_commit_delete(). */
gboolean
dossier_client_store_delete (DossierClientStore  *self,
                             DossierClient       *client,
                             GError             **error)
{
  g_autofree char *backup = NULL;
  DeletedFiles *files;
  guint position;
  const char *path;

  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_CLIENT (client), FALSE);

  if (!g_ptr_array_find (self->clients, client, &position))
    return TRUE;

  path = dossier_client_get_path (client);
  files = g_new0 (DeletedFiles, 1);
  files->hidden_path = hidden_name (path);
  if (!move_file (path, files->hidden_path, error))
    {
      deleted_files_free (files);
      return FALSE;
    }
  backup = dossier_backup_path (path);
  if (g_file_test (backup, G_FILE_TEST_EXISTS))
    {
      files->hidden_backup = hidden_name (backup);
      if (!move_file (backup, files->hidden_backup, NULL))
        g_clear_pointer (&files->hidden_backup, g_free);
    }

  g_hash_table_insert (self->deleted, g_object_ref (client), files);
  dossier_client_store_remove_at (self, position);
  return TRUE;
}

gboolean
dossier_client_store_undo_delete (DossierClientStore  *self,
                                  DossierClient       *client,
                                  GError             **error)
{
  g_autofree char *backup = NULL;
  DeletedFiles *files;
  const char *path;

  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_CLIENT (client), FALSE);

  files = g_hash_table_lookup (self->deleted, client);
  if (files == NULL)
    return TRUE;

  path = dossier_client_get_path (client);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("Cannot restore “%s”: another file has taken its name"), display_name);
      return FALSE;
    }
  if (!move_file (files->hidden_path, path, error))
    return FALSE;
  if (files->hidden_backup != NULL)
    {
      backup = dossier_backup_path (path);
      move_file (files->hidden_backup, backup, NULL);
    }
  g_hash_table_remove (self->deleted, client);

  g_hash_table_insert (self->by_path, (char *) path, client);
  g_ptr_array_add (self->clients, g_object_ref (client));
  g_list_model_items_changed (G_LIST_MODEL (self), self->clients->len - 1, 0, 1);
  return TRUE;
}

static void
remove_deleted_files (DeletedFiles *files)
{
  g_unlink (files->hidden_path);
  if (files->hidden_backup != NULL)
    g_unlink (files->hidden_backup);
}

void
dossier_client_store_commit_delete (DossierClientStore *self,
                                    DossierClient      *client)
{
  DeletedFiles *files;

  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));

  files = g_hash_table_lookup (self->deleted, client);
  if (files == NULL)
    return;
  remove_deleted_files (files);
  g_hash_table_remove (self->deleted, client);
}

/* ------------------------------------------------------------------------------------
 * GObject
 */

static void
dossier_client_store_dispose (GObject *object)
{
  DossierClientStore *self = (DossierClientStore *) object;
  GHashTableIter iter;
  gpointer value;

  g_cancellable_cancel (self->cancellable);

  /* Deletions not undone by now are final. */
  g_hash_table_iter_init (&iter, self->deleted);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    remove_deleted_files (value);
  g_hash_table_remove_all (self->deleted);

  g_clear_handle_id (&self->batch_id, g_source_remove);
  g_mutex_lock (&self->lock);
  g_queue_clear_full (&self->jobs, (GDestroyNotify) summary_job_free);
  g_mutex_unlock (&self->lock);
  g_hash_table_remove_all (self->wanted);
  g_hash_table_remove_all (self->by_path);
  if (self->clients->len > 0)
    {
      guint n = self->clients->len;

      g_ptr_array_set_size (self->clients, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
    }

  G_OBJECT_CLASS (dossier_client_store_parent_class)->dispose (object);
}

static void
dossier_client_store_finalize (GObject *object)
{
  DossierClientStore *self = (DossierClientStore *) object;

  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->by_path, g_hash_table_unref);
  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_mutex_clear (&self->lock);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dossier_client_store_parent_class)->finalize (object);
}

static void
dossier_client_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DossierClientStore *self = DOSSIER_CLIENT_STORE (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, dossier_client_store_get_loading (self));
      break;
    case PROP_AS_OF_RULE:
      g_value_set_enum (value, self->as_of_rule);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->lang);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_store_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DossierClientStore *self = DOSSIER_CLIENT_STORE (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_canonicalize_filename (g_value_get_string (value), NULL);
      break;
    case PROP_AS_OF_RULE:
      dossier_client_store_set_as_of_rule (self, g_value_get_enum (value));
      break;
    case PROP_LANGUAGE:
      dossier_client_store_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_store_class_init (DossierClientStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_client_store_dispose;
  object_class->finalize = dossier_client_store_finalize;
  object_class->get_property = dossier_client_store_get_property;
  object_class->set_property = dossier_client_store_set_property;

  properties [PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * DossierClientStore:loading:
   *
   * Whether the folder is being listed or summaries are being read.
   */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_AS_OF_RULE] =
    g_param_spec_enum ("as-of-rule", NULL, NULL, DOSSIER_TYPE_AS_OF_RULE,
                       DOSSIER_AS_OF_NEXT_OPENING,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierClientStore::client-updated:
   * @client: the client whose summary arrived
   *
   * Emitted when a client's summary was read, so that views can sort and filter again.
   */
  signals [CLIENT_UPDATED] =
    g_signal_new ("client-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, DOSSIER_TYPE_CLIENT);
}

static void
dossier_client_store_init (DossierClientStore *self)
{
  self->clients = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);
  self->deleted = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                         (GDestroyNotify) deleted_files_free);
  self->wanted = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_job_free);
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->lang = g_strdup ("en");
  g_queue_init (&self->jobs);
}

char *
dossier_client_store_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "dossier", "clients", NULL);
}

/**
 * dossier_client_store_new:
 * @folder: the clients folder
 *
 * Returns: (transfer full): an empty store; dossier_client_store_load_async() fills it.
 */
DossierClientStore *
dossier_client_store_new (const char *folder)
{
  g_return_val_if_fail (folder != NULL, NULL);

  return g_object_new (DOSSIER_TYPE_CLIENT_STORE, "folder", folder, NULL);
}

const char *
dossier_client_store_get_folder (DossierClientStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), NULL);
  return self->folder;
}

gboolean
dossier_client_store_get_loading (DossierClientStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), FALSE);
  return self->listing > 0 || self->workers > 0 || g_hash_table_size (self->wanted) > 0;
}

DossierAsOfRule
dossier_client_store_get_as_of_rule (DossierClientStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), DOSSIER_AS_OF_NEXT_OPENING);
  return self->as_of_rule;
}

/**
 * dossier_client_store_set_as_of_rule:
 *
 * Changes the day readiness is judged on; every summary is read again.
 */
void
dossier_client_store_set_as_of_rule (DossierClientStore *self,
                                     DossierAsOfRule     rule)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));

  if (rule == self->as_of_rule)
    return;
  self->as_of_rule = rule;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AS_OF_RULE]);
  dossier_client_store_refresh_all (self);
}

const char *
dossier_client_store_get_language (DossierClientStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_STORE (self), NULL);
  return self->lang;
}

/**
 * dossier_client_store_set_language:
 * @lang: "en" or "fr": the language of programs' titles and documents' names
 */
void
dossier_client_store_set_language (DossierClientStore *self,
                                   const char         *lang)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_STORE (self));

  if (lang == NULL)
    lang = "en";
  if (g_strcmp0 (lang, self->lang) == 0)
    return;
  g_free (self->lang);
  self->lang = g_strdup (lang);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LANGUAGE]);
  dossier_client_store_refresh_all (self);
}
