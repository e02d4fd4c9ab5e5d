/* dossier-autosave.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dossier-autosave.h"

/* How it works. Every ::changed of the profile bumps a serial number and, if no write is
 * scheduled, schedules one after the delay: a change is never more than the delay away
 * from the disk, however fast the user types. The write serializes the profile on the
 * main thread (a few kilobytes, well under a millisecond) and hands the bytes to a
 * worker thread, which writes them atomically after keeping the file it replaces as
 * FILE~. Writes of one autosave are serialized by a lock and numbered, so a late write
 * never overwrites a newer one, and the blocking flush at shutdown waits for the write
 * in flight rather than racing it. */

struct _DossierAutosave
{
  GObject          parent_instance;

  DossierProfile  *profile;
  char            *path;
  guint            delay;
  guint            timeout_id;

  guint64          serial;            /* bumped at each change */
  guint64          saved_serial;      /* the newest serial known to be on disk */
  guint            in_flight;         /* writes running in a worker thread */
  GPtrArray       *flush_tasks;       /* GTask waiting for the disk */
  GDateTime       *last_saved;
  GError          *error;

  /* Held by whoever writes the file; written_serial is only touched under it. */
  GMutex           write_lock;
  guint64          written_serial;
};

G_DEFINE_FINAL_TYPE (DossierAutosave, dossier_autosave, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_PATH,
  PROP_DELAY,
  PROP_DIRTY,
  PROP_LAST_SAVED,
  N_PROPS
};

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* ------------------------------------------------------------------------------------
 * Atomic writes
 */

char *
dossier_backup_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_strconcat (path, "~", NULL);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *display_name,
              gboolean     creating)
{
  if (creating)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Cannot create a file beside “%s” (%s)"),
                 display_name, g_strerror (saved_errno));
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Cannot write “%s” (%s)"), display_name, g_strerror (saved_errno));
}

/* Keeps the file about to be replaced as FILE~, if it is a profile that loads: the
 * copy kept is always a good one. Not being able to keep it does not stop the save. */
static void
keep_backup (const char *path)
{
  g_autoptr(DossierProfile) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *backup = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Not keeping a copy of %s: %s", path, error->message);
      return;
    }
  previous = dossier_profile_load_from_data (contents, length, path, &error);
  if (previous == NULL)
    {
      g_debug ("Not keeping a copy of %s, it does not load: %s", path, error->message);
      return;
    }
  backup = dossier_backup_path (path);
  if (!dossier_write_file_atomic (backup, contents, length, DOSSIER_WRITE_PRIVATE, &error))
    g_debug ("Cannot keep a copy of %s: %s", path, error->message);
}

/**
 * dossier_write_file_atomic:
 * @path: the file to write
 * @flags: whether to keep the replaced file as FILE~, refuse to replace, insist on
 *   mode 0600
 *
 * Writes @data to a temporary file beside @path, flushes it to disk and renames it over
 * @path, so that a crash or a power cut leaves either the old file or the new one,
 * never a mix. Same as dossier_profile_save(), for bytes made on another thread.
 *
 * Returns: %FALSE with @error (G_IO_ERROR) if the file could not be written; @path is
 *   then as it was.
 */
gboolean
dossier_write_file_atomic (const char         *path,
                           const char         *data,
                           gsize               length,
                           DossierWriteFlags   flags,
                           GError            **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *dirname = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *tmp_name = NULL;
  int saved_errno = 0;
  int fd;
  int dir_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_name (path);
  dirname = g_path_get_dirname (path);
  basename = g_path_get_basename (path);

  if ((flags & DOSSIER_WRITE_NO_REPLACE) != 0 && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists"), display_name);
      return FALSE;
    }

  /* Same folder, so that rename() is atomic; hidden, so that a leftover after a power
   * cut does not look like a client. */
  tmp_name = g_strdup_printf ("%s%c.%s.XXXXXX", dirname, G_DIR_SEPARATOR, basename);
  fd = g_mkstemp_full (tmp_name, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, errno, display_name, TRUE);
      return FALSE;
    }

  /* Some file systems (a FAT USB stick) have no modes: only profiles in the clients
   * folder must have 0600. */
  if (fchmod (fd, 0600) != 0 && (flags & DOSSIER_WRITE_PRIVATE) != 0)
    saved_errno = errno;
  if (saved_errno != 0
      || !write_all (fd, data, length, &saved_errno)
      || fsync (fd) != 0)
    {
      if (saved_errno == 0)
        saved_errno = errno;
      g_close (fd, NULL);
      g_unlink (tmp_name);
      set_io_error (error, saved_errno, display_name, FALSE);
      return FALSE;
    }
  if (!g_close (fd, NULL))
    {
      saved_errno = errno;
      g_unlink (tmp_name);
      set_io_error (error, saved_errno, display_name, FALSE);
      return FALSE;
    }

  if ((flags & DOSSIER_WRITE_BACKUP) != 0)
    keep_backup (path);

  if ((flags & DOSSIER_WRITE_NO_REPLACE) != 0)
    {
      /* link() fails if the name was taken meanwhile; file systems without hard links
       * fall back to the check above. */
      if (link (tmp_name, path) == 0)
        {
          g_unlink (tmp_name);
        }
      else if (errno == EEXIST)
        {
          g_unlink (tmp_name);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists"),
                       display_name);
          return FALSE;
        }
      else if (g_rename (tmp_name, path) != 0)
        {
          saved_errno = errno;
          g_unlink (tmp_name);
          set_io_error (error, saved_errno, display_name, FALSE);
          return FALSE;
        }
    }
  else if (g_rename (tmp_name, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_name);
      set_io_error (error, saved_errno, display_name, FALSE);
      return FALSE;
    }

  /* The rename must reach the disk too; failing here loses nothing we can act on. */
  dir_fd = g_open (dirname, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      g_close (dir_fd, NULL);
    }
  return TRUE;
}

/**
 * dossier_restore_backup:
 * @path: a profile that does not load
 *
 * Replaces @path by its previous good copy, FILE~, if that loads. The damaged file is
 * not thrown away: it becomes FILE.damaged, for whoever wants to look into it.
 *
 * Returns: %FALSE with @error if FILE~ does not load or cannot be copied.
 */
gboolean
dossier_restore_backup (const char  *path,
                        GError     **error)
{
  g_autoptr(DossierProfile) profile = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display_name = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  backup = dossier_backup_path (path);
  display_name = g_filename_display_name (backup);
  if (!g_file_get_contents (backup, &contents, &length, error))
    return FALSE;
  profile = dossier_profile_load_from_data (contents, length, display_name, error);
  if (profile == NULL)
    return FALSE;

  damaged = g_strconcat (path, ".damaged", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (path, damaged) != 0)
    {
      int saved_errno = errno;
      g_autofree char *damaged_name = g_filename_display_name (damaged);

      set_io_error (error, saved_errno, damaged_name, FALSE);
      return FALSE;
    }
  return dossier_write_file_atomic (path, contents, length, DOSSIER_WRITE_PRIVATE, error);
}

/* ------------------------------------------------------------------------------------
 * Writing in a worker thread
 */

typedef struct
{
  GBytes  *bytes;
  guint64  serial;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_bytes_unref (job->bytes);
  g_free (job);
}

/* Blocking; any thread. */
static gboolean
dossier_autosave_write (DossierAutosave  *self,
                        GBytes           *bytes,
                        guint64           serial,
                        GError          **error)
{
  gboolean ok = TRUE;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  g_mutex_lock (&self->write_lock);
  /* A newer version already went to disk (the blocking flush overtook this write). */
  if (serial > self->written_serial)
    {
      ok = dossier_write_file_atomic (self->path, data, length,
                                      DOSSIER_WRITE_BACKUP | DOSSIER_WRITE_PRIVATE, error);
      if (ok)
        self->written_serial = serial;
    }
  g_mutex_unlock (&self->write_lock);
  return ok;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DossierAutosave *self = source_object;
  WriteJob *job = task_data;
  GError *error = NULL;

  if (dossier_autosave_write (self, job->bytes, job->serial, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void dossier_autosave_start_write (DossierAutosave *self);

static void
dossier_autosave_set_dirty_state (DossierAutosave *self,
                                  gboolean         was_dirty)
{
  if (was_dirty != dossier_autosave_get_dirty (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DIRTY]);
}

static void
dossier_autosave_complete_flushes (DossierAutosave *self)
{
  g_autoptr(GPtrArray) tasks = NULL;

  if (self->flush_tasks->len == 0)
    return;
  tasks = g_steal_pointer (&self->flush_tasks);
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (self->error != NULL)
        g_task_return_error (task, g_error_copy (self->error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  DossierAutosave *self = DOSSIER_AUTOSAVE (object);
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean was_dirty = dossier_autosave_get_dirty (self);

  g_assert (self->in_flight > 0);
  self->in_flight--;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      g_signal_emit (self, signals [FAILED], 0, error);
      dossier_autosave_complete_flushes (self);
      return;
    }

  g_clear_error (&self->error);
  if (job->serial > self->saved_serial)
    self->saved_serial = job->serial;
  g_clear_pointer (&self->last_saved, g_date_time_unref);
  self->last_saved = g_date_time_new_now_local ();
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_SAVED]);
  dossier_autosave_set_dirty_state (self, was_dirty);
  g_signal_emit (self, signals [SAVED], 0);

  /* Changes made while writing: flushes wait for them too. */
  if (self->in_flight == 0)
    {
      if (self->flush_tasks->len > 0 && dossier_autosave_get_dirty (self))
        dossier_autosave_start_write (self);
      else
        dossier_autosave_complete_flushes (self);
    }
}

static void
dossier_autosave_start_write (DossierAutosave *self)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;
  char *data;
  gsize length = 0;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  data = dossier_profile_to_data (self->profile, &length);
  job = g_new0 (WriteJob, 1);
  job->bytes = g_bytes_new_take (data, length);
  job->serial = self->serial;

  task = g_task_new (self, NULL, write_cb, NULL);
  g_task_set_source_tag (task, dossier_autosave_start_write);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  self->in_flight++;
  g_task_run_in_thread (task, write_thread);
}

static gboolean
dossier_autosave_timeout_cb (gpointer user_data)
{
  DossierAutosave *self = user_data;

  self->timeout_id = 0;
  if (dossier_autosave_get_dirty (self))
    dossier_autosave_start_write (self);
  return G_SOURCE_REMOVE;
}

static void
dossier_autosave_profile_changed_cb (DossierAutosave *self,
                                     DossierProfile  *profile)
{
  gboolean was_dirty = dossier_autosave_get_dirty (self);

  self->serial++;
  dossier_autosave_set_dirty_state (self, was_dirty);

  /* Not rescheduled by later changes: the first unsaved change sets the deadline. */
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, self->delay,
                                           dossier_autosave_timeout_cb, self, NULL);
}

/* ------------------------------------------------------------------------------------
 * GObject
 */

static void
dossier_autosave_dispose (GObject *object)
{
  DossierAutosave *self = (DossierAutosave *) object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_data (self->profile, self);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (dossier_autosave_parent_class)->dispose (object);
}

static void
dossier_autosave_finalize (GObject *object)
{
  DossierAutosave *self = (DossierAutosave *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->flush_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->last_saved, g_date_time_unref);
  g_clear_error (&self->error);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (dossier_autosave_parent_class)->finalize (object);
}

static void
dossier_autosave_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DossierAutosave *self = DOSSIER_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, dossier_autosave_get_dirty (self));
      break;
    case PROP_LAST_SAVED:
      g_value_set_boxed (value, self->last_saved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_autosave_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DossierAutosave *self = DOSSIER_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_DELAY:
      dossier_autosave_set_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A write cut off by a crash or a power cut leaves its temporary file (".NAME.XXXXXX",
 * or ".NAME~.XXXXXX" for the backup): a whole hidden copy of the client's private data.
 * They are removed when the profile is next opened for editing; only those over a minute
 * old, since another Dossier may be writing the same file at this moment. */
static void
remove_stale_temporaries (const char *path)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (".", base, ".", NULL);
  g_autofree char *backup_prefix = g_strconcat (".", base, "~.", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *suffix;
      g_autofree char *child = NULL;
      GStatBuf st;

      if (g_str_has_prefix (name, prefix))
        suffix = name + strlen (prefix);
      else if (g_str_has_prefix (name, backup_prefix))
        suffix = name + strlen (backup_prefix);
      else
        continue;
      /* Exactly what g_mkstemp_full() makes of XXXXXX: six characters. */
      if (strlen (suffix) != 6)
        continue;
      child = g_build_filename (dir_name, name, NULL);
      if (g_lstat (child, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime > 60)
        g_unlink (child);
    }
}

static void
dossier_autosave_constructed (GObject *object)
{
  DossierAutosave *self = DOSSIER_AUTOSAVE (object);

  G_OBJECT_CLASS (dossier_autosave_parent_class)->constructed (object);

  g_assert (DOSSIER_IS_PROFILE (self->profile));
  if (self->path == NULL)
    self->path = g_strdup (dossier_profile_get_filename (self->profile));
  g_assert (self->path != NULL);
  remove_stale_temporaries (self->path);

  g_signal_connect_object (self->profile, "changed",
                           G_CALLBACK (dossier_autosave_profile_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
dossier_autosave_class_init (DossierAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_autosave_dispose;
  object_class->finalize = dossier_autosave_finalize;
  object_class->get_property = dossier_autosave_get_property;
  object_class->set_property = dossier_autosave_set_property;
  object_class->constructed = dossier_autosave_constructed;

  properties [PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * DossierAutosave:delay:
   *
   * Milliseconds between a change and its write, at most %DOSSIER_AUTOSAVE_MAX_DELAY.
   */
  properties [PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, DOSSIER_AUTOSAVE_MAX_DELAY,
                       DOSSIER_AUTOSAVE_DEFAULT_DELAY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LAST_SAVED] =
    g_param_spec_boxed ("last-saved", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierAutosave::saved:
   *
   * Emitted on the main thread after a write reached the disk.
   */
  signals [SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * DossierAutosave::failed:
   * @error: why
   *
   * Emitted when a write failed; the changes stay unsaved and the next change or flush
   * tries again.
   */
  signals [FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                   G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dossier_autosave_init (DossierAutosave *self)
{
  self->delay = DOSSIER_AUTOSAVE_DEFAULT_DELAY;
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&self->write_lock);
}

/**
 * dossier_autosave_new:
 * @profile: the profile to keep on disk
 * @path: (nullable): its file; %NULL for the file it was loaded from
 *
 * Returns: (transfer full): an autosave watching @profile's changes.
 */
DossierAutosave *
dossier_autosave_new (DossierProfile *profile,
                      const char     *path)
{
  g_return_val_if_fail (DOSSIER_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (path != NULL || dossier_profile_get_filename (profile) != NULL, NULL);

  return g_object_new (DOSSIER_TYPE_AUTOSAVE, "profile", profile, "path", path, NULL);
}

DossierProfile *
dossier_autosave_get_profile (DossierAutosave *self)
{
  g_return_val_if_fail (DOSSIER_IS_AUTOSAVE (self), NULL);
  return self->profile;
}

const char *
dossier_autosave_get_path (DossierAutosave *self)
{
  g_return_val_if_fail (DOSSIER_IS_AUTOSAVE (self), NULL);
  return self->path;
}

guint
dossier_autosave_get_delay (DossierAutosave *self)
{
  g_return_val_if_fail (DOSSIER_IS_AUTOSAVE (self), 0);
  return self->delay;
}

void
dossier_autosave_set_delay (DossierAutosave *self,
                            guint            delay_ms)
{
  g_return_if_fail (DOSSIER_IS_AUTOSAVE (self));

  delay_ms = MIN (delay_ms, DOSSIER_AUTOSAVE_MAX_DELAY);
  if (delay_ms == self->delay)
    return;
  self->delay = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DELAY]);
}

/**
 * dossier_autosave_get_dirty:
 *
 * Returns: whether some changes are not on disk yet.
 */
gboolean
dossier_autosave_get_dirty (DossierAutosave *self)
{
  g_return_val_if_fail (DOSSIER_IS_AUTOSAVE (self), FALSE);
  return self->serial > self->saved_serial;
}

/**
 * dossier_autosave_get_last_saved:
 *
 * Returns: (transfer none) (nullable): when the last write reached the disk.
 */
GDateTime *
dossier_autosave_get_last_saved (DossierAutosave *self)
{
  g_return_val_if_fail (DOSSIER_IS_AUTOSAVE (self), NULL);
  return self->last_saved;
}

/**
 * dossier_autosave_get_error:
 *
 * Returns: (transfer none) (nullable): why the last write failed, %NULL if it did not.
 */
const GError *
dossier_autosave_get_error (DossierAutosave *self)
{
  g_return_val_if_fail (DOSSIER_IS_AUTOSAVE (self), NULL);
  return self->error;
}

void
dossier_autosave_flush_async (DossierAutosave     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_AUTOSAVE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_autosave_flush_async);

  if (!dossier_autosave_get_dirty (self) && self->in_flight == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->flush_tasks, g_steal_pointer (&task));
  if (self->in_flight == 0)
    dossier_autosave_start_write (self);
}

gboolean
dossier_autosave_flush_finish (DossierAutosave  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (DOSSIER_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * dossier_autosave_flush:
 *
 * Writes what is not written yet, blocking the calling thread until it is on disk.
 * Waits for a write in flight first, so the newest version always wins.
 */
gboolean
dossier_autosave_flush (DossierAutosave  *self,
                        GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gboolean was_dirty;
  char *data;
  gsize length = 0;

  g_return_val_if_fail (DOSSIER_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!dossier_autosave_get_dirty (self))
    {
      /* A write may still be in a worker: wait for it by taking its lock. */
      g_mutex_lock (&self->write_lock);
      g_mutex_unlock (&self->write_lock);
      return TRUE;
    }

  was_dirty = TRUE;
  data = dossier_profile_to_data (self->profile, &length);
  bytes = g_bytes_new_take (data, length);
  if (!dossier_autosave_write (self, bytes, self->serial, error))
    return FALSE;

  self->saved_serial = self->serial;
  g_clear_pointer (&self->last_saved, g_date_time_unref);
  self->last_saved = g_date_time_new_now_local ();
  g_clear_error (&self->error);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_SAVED]);
  dossier_autosave_set_dirty_state (self, was_dirty);
  g_signal_emit (self, signals [SAVED], 0);
  return TRUE;
}
