/* test-crash-safety.c: the autosave killed with SIGKILL while it writes, again and
 * again; every time, the profile on disk must load and hold the last change it
 * acknowledged
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program killed is autosave-victim (built beside this test): the real
 * DossierAutosave making change after change to a real profile, reporting on a pipe
 * each change before it makes it and each acknowledgement after the autosave gave it.
 * SIGKILL is what a crash, the OOM killer or a logout that does not wait look like to
 * the program: no handler runs, threads stop wherever they are. (A power cut is
 * harsher, the page cache is lost too; the fsyncs are for that and no test here can
 * cut the power.)
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <time.h>
#include <utime.h>

#include "dossier-autosave.h"
#include "dossier-profile.h"

/* Fixed, so that a failure comes back with the same delays (the timing of the machine
 * still varies; the round and its numbers are in the log). */
#define SEED 20260417

#define ROUNDS     36
#define MAX_KILL_MS 300

/* Near the largest profile that loads (DOSSIER_PROFILE_MAX_BYTES, 4 MiB): each write is
 * three of these (the file, the copy read back for FILE~, FILE~) and two fsyncs. */
#define BIG_NOTES  (3 * 1024 * 1024)
#define BIG_ROUNDS 6

#define PROFILE_NAME "client.dossier"

/* Starting under ASan, or on a busy machine, takes seconds; the first write of a large
 * profile too. */
#define READY_TIMEOUT_USEC (60 * G_USEC_PER_SEC)
#define WRITE_TIMEOUT_USEC (60 * G_USEC_PER_SEC)

/* ------------------------------------------------------------------------------------
 * The notes of change N: a copy of crash_notes_for() in autosave-victim.c, keep the two
 * the same.
 */

static char *
crash_notes_for (guint64 n,
                 gsize   big)
{
  gsize size = big > 0 ? big : (gsize) (n % 48 + 1) * 2048;
  GString *text = g_string_sized_new (size + 128);

  g_string_append_printf (text, "change %" G_GUINT64_FORMAT "\n", n);
  for (guint line = 0; text->len < size; line++)
    {
      g_string_append_printf (text, "%" G_GUINT64_FORMAT ":%06u ", n, line);
      for (guint i = 0; i < 48; i++)
        g_string_append_c (text, (char) ('a' + (n + line + i) % 26));
      g_string_append_c (text, '\n');
    }
  g_string_append_printf (text, "end %" G_GUINT64_FORMAT, n);
  return g_string_free (text, FALSE);
}

static gboolean
crash_notes_parse (const char *notes,
                   guint64    *n)
{
  const char *end = NULL;
  guint64 value;

  if (notes == NULL || !g_str_has_prefix (notes, "change "))
    return FALSE;
  notes += strlen ("change ");
  if (!g_ascii_isdigit (*notes))
    return FALSE;
  value = g_ascii_strtoull (notes, (char **) &end, 10);
  if (end == NULL || *end != '\n')
    return FALSE;
  *n = value;
  return TRUE;
}

/* ------------------------------------------------------------------------------------
 * The victim, on the other end of a pipe
 */

typedef struct
{
  GPid     pid;
  int      out_fd;
  GString *pending;         /* the start of a line not complete yet */
  gboolean ready;
  gboolean eof;
  guint64  start;           /* the change FILE held when the victim loaded it */
  guint64  last_change;     /* the last change announced, start if none */
  guint64  last_ack;        /* the last change acknowledged, start if none */
  guint    n_acks;
  gint64   ready_time;
} Victim;

static void
victim_clear (Victim *victim)
{
  if (victim->pid > 0)
    {
      /* A failed assertion left it running. */
      kill (victim->pid, SIGKILL);
      waitpid (victim->pid, NULL, 0);
      g_spawn_close_pid (victim->pid);
    }
  if (victim->out_fd >= 0)
    g_close (victim->out_fd, NULL);
  if (victim->pending != NULL)
    g_string_free (victim->pending, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Victim, victim_clear)

static void
victim_spawn (Victim     *victim,
              const char *path,
              guint32     seed,
              gsize       big)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "autosave-victim", NULL));
  g_ptr_array_add (argv, g_strdup ("--delay=20"));
  g_ptr_array_add (argv, g_strdup_printf ("--seed=%u", seed));
  g_ptr_array_add (argv, g_strdup_printf ("--big=%" G_GSIZE_FORMAT, big));
  /* Far more than any round takes: only there so that it never outlives the test. */
  g_ptr_array_add (argv, g_strdup ("--lifetime=240"));
  g_ptr_array_add (argv, g_strdup (path));
  g_ptr_array_add (argv, NULL);

  *victim = (Victim) { .out_fd = -1 };
  victim->pending = g_string_new (NULL);
  /* Its standard error is ours: what it says goes to the test log. */
  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &victim->pid, NULL, &victim->out_fd, NULL, &error);
  g_assert_no_error (error);
}

static void
victim_handle_line (Victim     *victim,
                    const char *line)
{
  guint64 n = 0;

  if (g_str_has_prefix (line, "READY ") && !victim->ready)
    {
      g_assert_true (g_ascii_string_to_unsigned (line + 6, 10, 0, G_MAXUINT64, &n, NULL));
      victim->ready = TRUE;
      victim->ready_time = g_get_monotonic_time ();
      victim->start = victim->last_change = victim->last_ack = n;
    }
  else if (g_str_has_prefix (line, "CHANGE ") && victim->ready)
    {
      g_assert_true (g_ascii_string_to_unsigned (line + 7, 10, 0, G_MAXUINT64, &n, NULL));
      g_assert_cmpuint (n, ==, victim->last_change + 1);
      victim->last_change = n;
    }
  else if (g_str_has_prefix (line, "ACK ") && victim->ready)
    {
      g_assert_true (g_ascii_string_to_unsigned (line + 4, 10, 0, G_MAXUINT64, &n, NULL));
      /* Acknowledged changes were made, and in order. */
      g_assert_cmpuint (n, <=, victim->last_change);
      g_assert_cmpuint (n, >=, victim->last_ack);
      victim->last_ack = n;
      victim->n_acks++;
    }
  else
    {
      /* "FAILED ...": the autosave reported an error writing. */
      g_test_fail_printf ("autosave-victim: %s", line);
    }
}

/* Reads what the victim said within @timeout_ms, if anything. */
static void
victim_read (Victim *victim,
             int     timeout_ms)
{
  struct pollfd pfd = { .fd = victim->out_fd, .events = POLLIN };
  char buffer[4096];
  const char *newline;
  gssize n;

  if (victim->eof)
    return;
  if (poll (&pfd, 1, timeout_ms) <= 0)
    return;
  n = read (victim->out_fd, buffer, sizeof buffer);
  if (n < 0)
    {
      g_assert_cmpint (errno, ==, EINTR);
      return;
    }
  if (n == 0)
    {
      victim->eof = TRUE;
      return;
    }
  g_string_append_len (victim->pending, buffer, n);
  while ((newline = memchr (victim->pending->str, '\n', victim->pending->len)) != NULL)
    {
      gsize length = (gsize) (newline - victim->pending->str);
      g_autofree char *line = g_strndup (victim->pending->str, length);

      g_string_erase (victim->pending, 0, (gssize) length + 1);
      victim_handle_line (victim, line);
    }
}

static int
ms_until (gint64 deadline)
{
  gint64 left = deadline - g_get_monotonic_time ();

  return left <= 0 ? 0 : (int) MIN ((left + 999) / 1000, 1000);
}

/* Listens until @deadline (monotonic time); the victim must not end meanwhile. */
static void
victim_listen_until (Victim *victim,
                     gint64  deadline)
{
  while (g_get_monotonic_time () < deadline)
    {
      victim_read (victim, ms_until (deadline));
      g_assert_false (victim->eof);
    }
}

static void
victim_wait_ready (Victim *victim)
{
  gint64 deadline = g_get_monotonic_time () + READY_TIMEOUT_USEC;

  while (!victim->ready)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      victim_read (victim, ms_until (deadline));
      g_assert_false (victim->eof);
    }
}

static void
victim_wait_acks (Victim *victim,
                  guint   n_acks)
{
  gint64 deadline = g_get_monotonic_time () + WRITE_TIMEOUT_USEC;

  while (victim->n_acks < n_acks)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      victim_read (victim, ms_until (deadline));
      g_assert_false (victim->eof);
    }
}

/* SIGKILL, then everything it said before dying, then its end. */
static void
victim_kill (Victim *victim)
{
  gint64 deadline;
  int status = 0;

  g_assert_cmpint (kill (victim->pid, SIGKILL), ==, 0);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!victim->eof)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      victim_read (victim, ms_until (deadline));
    }
  g_assert_cmpint (waitpid (victim->pid, &status, 0), ==, victim->pid);
  g_spawn_close_pid (victim->pid);
  victim->pid = 0;
  /* Killed, not ended by itself (an error, a crash of its own). */
  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    g_test_fail_printf ("autosave-victim ended by itself (wait status 0x%x) before SIGKILL",
                        (guint) status);
  /* A line cut in the middle would be the pipe's doing, not the victim's: write()
   * of a short line to a pipe is atomic. */
  g_assert_cmpuint (victim->pending->len, ==, 0);
}

/* ------------------------------------------------------------------------------------
 * What is on disk
 */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dossier-test-crash-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (path));
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  /* It holds a passport number and a date of birth. */
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Loads @path, which must be whole: loads without error, holds the rest of the example
 * untouched and notes that are exactly those of one change. Returns that change (0 for
 * the example's own notes). */
static guint64
assert_whole (const char *path,
              gsize       big)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *family_name = NULL;
  g_autofree char *expected = NULL;
  guint64 n = 0;

  profile = dossier_profile_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);

  family_name = dossier_profile_get_value (profile, "applicant/family-name");
  g_assert_cmpstr (family_name, ==, "Dela Cruz");

  notes = dossier_profile_get_value (profile, "notes");
  g_assert_nonnull (notes);
  if (!crash_notes_parse (notes, &n))
    {
      /* Never written by the victim yet. */
      g_assert_true (g_str_has_prefix (notes, "Free text kept with the profile"));
      return 0;
    }
  expected = crash_notes_for (n, big);
  if (!g_str_equal (notes, expected))
    g_test_fail_printf ("%s: the notes of change %" G_GUINT64_FORMAT " are not whole "
                        "(%zu bytes, %zu expected)", path, n, strlen (notes),
                        strlen (expected));
  assert_private (path);
  return n;
}

/* The files in @dir other than FILE and FILE~: the temporary files of atomic writes that
 * a kill cut short (".FILE.XXXXXX", ".FILE~.XXXXXX"), nothing else. Sorted. */
static GPtrArray *
list_temporaries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *rest;

      if (g_str_equal (name, PROFILE_NAME) || g_str_equal (name, PROFILE_NAME "~"))
        continue;
      if (g_str_has_prefix (name, "." PROFILE_NAME "~."))
        rest = name + strlen ("." PROFILE_NAME "~.");
      else if (g_str_has_prefix (name, "." PROFILE_NAME "."))
        rest = name + strlen ("." PROFILE_NAME ".");
      else
        rest = NULL;
      /* Anything else (FILE.damaged, a second profile...) is not the autosave's. */
      if (rest == NULL || strlen (rest) != 6)
        g_test_fail_printf ("unexpected file beside the profile: %s", name);
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return g_steal_pointer (&names);
}

static gboolean
contains (GPtrArray  *names,
          const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

/* Temporaries in @after that were not in @before. */
static guint
count_new (GPtrArray *before,
           GPtrArray *after)
{
  guint n = 0;

  for (guint i = 0; i < after->len; i++)
    if (!contains (before, g_ptr_array_index (after, i)))
      n++;
  return n;
}

/* The checks after each kill, which are the point of the whole file. Returns the change
 * FILE holds. */
static guint64
assert_after_kill (const char *dir,
                   Victim     *victim,
                   gsize       big,
                   guint64    *backup_change)
{
  g_autofree char *path = g_build_filename (dir, PROFILE_NAME, NULL);
  g_autofree char *backup = dossier_backup_path (path);
  g_autoptr(GPtrArray) temporaries = NULL;
  guint64 n;

  /* The file is whole, holds the last change acknowledged and no change not made. */
  n = assert_whole (path, big);
  g_assert_cmpuint (n, >=, victim->last_ack);
  g_assert_cmpuint (n, <=, victim->last_change);

  /* FILE~, if kept, is whole too, and older. */
  *backup_change = G_MAXUINT64;
  if (g_file_test (backup, G_FILE_TEST_EXISTS))
    {
      *backup_change = assert_whole (backup, big);
      g_assert_cmpuint (*backup_change, <=, n);
    }

  /* Whatever a kill left is private too. */
  temporaries = list_temporaries (dir);
  for (guint i = 0; i < temporaries->len; i++)
    {
      g_autofree char *temporary = g_build_filename (dir, g_ptr_array_index (temporaries, i),
                                                     NULL);

      assert_private (temporary);
    }
  return n;
}

static char *
describe_backup (guint64 backup_change)
{
  if (backup_change == G_MAXUINT64)
    return g_strdup ("none");
  return g_strdup_printf ("%" G_GUINT64_FORMAT, backup_change);
}

/* ------------------------------------------------------------------------------------
 * Tests
 */

/* Killed at any moment: before the first change, in a burst, during the delay, during
 * a write, between writes. */
static void
test_kill_while_saving (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, PROFILE_NAME, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GPtrArray) first_left = g_ptr_array_new_with_free_func (g_free);
  guint64 on_disk = 0;
  guint total_acks = 0;
  guint unacknowledged_kills = 0;
  guint temporaries_left = 0;

  g_test_message ("seed %u, %u rounds", SEED, ROUNDS);
  for (guint round = 0; round < ROUNDS; round++)
    {
      g_auto(Victim) victim = { .out_fd = -1 };
      g_autoptr(GPtrArray) before = list_temporaries (dir);
      g_autoptr(GPtrArray) after = NULL;
      g_autofree char *backup_text = NULL;
      guint kill_ms = (guint) g_rand_int_range (rand, 0, MAX_KILL_MS + 1);
      guint32 seed = g_rand_int (rand);
      guint64 backup_change;

      victim_spawn (&victim, path, seed, 0);
      victim_wait_ready (&victim);
      /* It starts from what the previous one left: nothing was lost in between. */
      g_assert_cmpuint (victim.start, ==, on_disk);

      victim_listen_until (&victim, victim.ready_time + kill_ms * (gint64) 1000);
      victim_kill (&victim);

      on_disk = assert_after_kill (dir, &victim, 0, &backup_change);
      after = list_temporaries (dir);

      total_acks += victim.n_acks;
      if (victim.last_change > victim.last_ack)
        unacknowledged_kills++;
      temporaries_left += count_new (before, after);
      for (guint i = 0; i < after->len; i++)
        if (!contains (first_left, g_ptr_array_index (after, i)))
          g_ptr_array_add (first_left, g_strdup (g_ptr_array_index (after, i)));

      backup_text = describe_backup (backup_change);
      g_test_message ("round %u: killed %u ms after READY; changes %" G_GUINT64_FORMAT
                      "..%" G_GUINT64_FORMAT ", %u ACKs, last %" G_GUINT64_FORMAT
                      "; FILE holds %" G_GUINT64_FORMAT ", FILE~ %s; %u temporary "
                      "files beside them (%u new)",
                      round, kill_ms, victim.start, victim.last_change, victim.n_acks,
                      victim.last_ack, on_disk, backup_text, after->len,
                      count_new (before, after));
    }

  g_test_message ("%u ACKs in all; %u kills with changes not acknowledged yet; %u "
                  "temporary files left by the kills", total_acks, unacknowledged_kills,
                  temporaries_left);
  /* The rounds did exercise the autosave, not just start and kill a program. */
  g_assert_cmpuint (total_acks, >=, ROUNDS);
  g_assert_cmpuint (unacknowledged_kills, >, 0);

  remove_dir (dir);
}

/* Waits for a temporary file not in @known: a write has begun and is not over. */
static void
wait_write_in_flight (Victim     *victim,
                      const char *dir,
                      GPtrArray  *known)
{
  gint64 deadline = g_get_monotonic_time () + WRITE_TIMEOUT_USEC;

  for (;;)
    {
      g_autoptr(GPtrArray) now = list_temporaries (dir);

      if (count_new (known, now) > 0)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      victim_read (victim, 1);
      g_assert_false (victim->eof);
    }
}

/* Killed while a profile of several megabytes is being written: the kill lands between
 * the temporary file's creation and the rename, at a different point each round
 * (writing, fsync, reading back the file for FILE~, writing FILE~). */
static void
test_kill_during_large_write (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, PROFILE_NAME, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);
  guint64 on_disk = 0;
  guint mid_write = 0;

  for (guint round = 0; round < BIG_ROUNDS; round++)
    {
      g_auto(Victim) victim = { .out_fd = -1 };
      g_autoptr(GPtrArray) before = NULL;
      g_autoptr(GPtrArray) after = NULL;
      g_autofree char *backup_text = NULL;
      guint32 seed = g_rand_int (rand);
      /* From at once to well into the fsyncs and the copy for FILE~. */
      guint kill_ms = round == 0 ? 0 : (guint) g_rand_int_range (rand, 0, 120);
      guint64 backup_change;
      gboolean landed_mid_write;

      victim_spawn (&victim, path, seed, BIG_NOTES);
      victim_wait_ready (&victim);
      g_assert_cmpuint (victim.start, ==, on_disk);

      /* One large write done, so that the one killed replaces a large file and keeps a
       * large FILE~. */
      victim_wait_acks (&victim, 1);
      before = list_temporaries (dir);
      wait_write_in_flight (&victim, dir, before);
      victim_listen_until (&victim, g_get_monotonic_time () + kill_ms * (gint64) 1000);
      victim_kill (&victim);

      on_disk = assert_after_kill (dir, &victim, BIG_NOTES, &backup_change);
      after = list_temporaries (dir);
      landed_mid_write = count_new (before, after) > 0;
      if (landed_mid_write)
        mid_write++;

      backup_text = describe_backup (backup_change);
      g_test_message ("large round %u: killed %u ms into a write (%s); changes %"
                      G_GUINT64_FORMAT "..%" G_GUINT64_FORMAT ", last ACK %"
                      G_GUINT64_FORMAT "; FILE holds %" G_GUINT64_FORMAT ", FILE~ %s; "
                      "%u temporary files beside them",
                      round, kill_ms, landed_mid_write ? "before its rename" : "after it",
                      victim.start, victim.last_change, victim.last_ack, on_disk,
                      backup_text, after->len);
    }

  /* The point of this test: some kills did cut a large write short. */
  g_assert_cmpuint (mid_write, >, 0);

  remove_dir (dir);
}

/* A kill in the middle of a write leaves its temporary file: a hidden copy of the whole
 * profile. After the next autosave that reaches the disk, it must be gone, or every
 * crash leaves one more (megabytes each, for a large profile). */
static void
test_temporaries_removed (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, PROFILE_NAME, NULL);
  g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) still_there = g_ptr_array_new_with_free_func (g_free);
  guint64 on_disk = 0;

  for (guint round = 0; round < 3; round++)
    {
      g_auto(Victim) victim = { .out_fd = -1 };
      g_autoptr(GPtrArray) now = NULL;
      guint64 backup_change;

      victim_spawn (&victim, path, SEED + round, 1024 * 1024);
      victim_wait_ready (&victim);
      g_assert_cmpuint (victim.start, ==, on_disk);

      /* A write reached the disk since the last kill: what that kill left is stale. */
      victim_wait_acks (&victim, 1);
      now = list_temporaries (dir);
      for (guint i = 0; i < left->len; i++)
        if (contains (now, g_ptr_array_index (left, i))
            && !contains (still_there, g_ptr_array_index (left, i)))
          g_ptr_array_add (still_there, g_strdup (g_ptr_array_index (left, i)));

      g_ptr_array_set_size (left, 0);
      wait_write_in_flight (&victim, dir, now);
      victim_kill (&victim);
      on_disk = assert_after_kill (dir, &victim, 1024 * 1024, &backup_change);

      g_clear_pointer (&now, g_ptr_array_unref);
      now = list_temporaries (dir);
      for (guint i = 0; i < now->len; i++)
        {
          g_autofree char *child = g_build_filename (dir, g_ptr_array_index (now, i), NULL);
          struct utimbuf old_times;

          /* The next start is "later": the autosave leaves alone temporaries younger
           * than a minute, which another process may still be writing. */
          old_times.actime = old_times.modtime = time (NULL) - 120;
          g_assert_cmpint (utime (child, &old_times), ==, 0);
          g_ptr_array_add (left, g_strdup (g_ptr_array_index (now, i)));
        }
    }

  if (still_there->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < still_there->len; i++)
        g_string_append_printf (names, " %s", (char *) g_ptr_array_index (still_there, i));
      g_error ("temporary files left by a kill were still there after the next start:%s",
               names->str);
    }

  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash-safety/kill-while-saving", test_kill_while_saving);
  g_test_add_func ("/crash-safety/kill-during-large-write", test_kill_during_large_write);
  g_test_add_func ("/crash-safety/temporaries-removed", test_temporaries_removed);

  return g_test_run ();
}
