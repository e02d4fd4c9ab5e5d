/* autosave-victim.c: a program that does nothing but change a profile and let the real
 * autosave write it, for test-crash-safety to kill with SIGKILL at any moment
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: autosave-victim [--delay MS] [--big BYTES] [--seed N] FILE
 *
 * FILE is created from the example profile if it does not exist. Change number N sets
 * the notes to a text made from N alone (crash_notes_for() below), so the test can tell
 * which change a file holds and that it holds all of it. On standard output, one line
 * each, written before anything that depends on it:
 *
 *   READY N     FILE loaded, holding change N (0 for one never changed by this program)
 *   CHANGE N    change N is about to be made
 *   ACK N       the autosave says every change up to N is on disk
 *   FAILED ...  the autosave could not write; the program exits with status 1
 *
 * Changes come in bursts, some spaced wider than the delay so that writes start while
 * others are made; each burst is acknowledged by one of the three ways a caller learns
 * that its changes are on disk: ::notify::dirty going FALSE,
 * dossier_autosave_flush_async() and the blocking dossier_autosave_flush().
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dossier-autosave.h"
#include "dossier-profile.h"

/* The notes of change N: "change N", lines that depend on N, "end N". A copy of the
 * same function in test-crash-safety.c, which rebuilds the text to compare: keep the
 * two the same. Without --big the size varies with N, up to ~100 KB, so that writes
 * take different times. */
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

/* The N of notes made by crash_notes_for(), from their first line. */
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

typedef enum
{
  ACK_BY_DIRTY,
  ACK_BY_FLUSH_ASYNC,
  ACK_BY_FLUSH,
} AckWay;

typedef enum
{
  STATE_CHANGING,
  STATE_WAITING_CLEAN,
  STATE_WAITING_FLUSH,
  STATE_FLUSHING,
} State;

typedef struct
{
  DossierProfile  *profile;
  DossierAutosave *autosave;
  GRand           *rand;
  gsize            big;           /* 0: notes of a size that varies with N */
  guint64          change;        /* the last change made */
  guint            burst_left;
  State            state;
} Victim;

static void next_burst (Victim *victim);

/* write(), not stdio: nothing may sit in a buffer when SIGKILL lands, and a line must
 * be out before what it announces happens. */
static void
say (const char *format,
     ...)
{
  g_autofree char *line = NULL;
  va_list args;
  const char *p;
  gsize left;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  p = line;
  left = strlen (line);
  while (left > 0)
    {
      gssize n = write (STDOUT_FILENO, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      /* The test is gone: nobody is left to report to. */
      if (n < 0)
        exit (4);
      p += n;
      left -= (gsize) n;
    }
}

static void
acknowledge (Victim *victim)
{
  say ("ACK %" G_GUINT64_FORMAT "\n", victim->change);
  next_burst (victim);
}

static void
failed_cb (DossierAutosave *autosave,
           const GError    *error,
           Victim          *victim)
{
  say ("FAILED %s\n", error->message);
  exit (1);
}

static void
notify_dirty_cb (DossierAutosave *autosave,
                 GParamSpec      *pspec,
                 Victim          *victim)
{
  if (victim->state == STATE_WAITING_CLEAN && !dossier_autosave_get_dirty (autosave))
    acknowledge (victim);
}

static void
flush_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Victim *victim = user_data;
  g_autoptr(GError) error = NULL;

  if (!dossier_autosave_flush_finish (DOSSIER_AUTOSAVE (object), result, &error))
    {
      say ("FAILED %s\n", error->message);
      exit (1);
    }
  g_assert (victim->state == STATE_WAITING_FLUSH);
  acknowledge (victim);
}

static void
make_change (Victim *victim)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  guint64 n = victim->change + 1;

  notes = crash_notes_for (n, victim->big);
  say ("CHANGE %" G_GUINT64_FORMAT "\n", n);
  if (!dossier_profile_set_value (victim->profile, "notes", notes, &error))
    g_error ("Cannot set the notes: %s", error->message);
  victim->change = n;
}

static void
end_burst (Victim *victim)
{
  AckWay way;
  guint r = g_rand_int_range (victim->rand, 0, 10);

  way = r < 6 ? ACK_BY_DIRTY : r < 9 ? ACK_BY_FLUSH_ASYNC : ACK_BY_FLUSH;
  switch (way)
    {
    case ACK_BY_DIRTY:
      victim->state = STATE_WAITING_CLEAN;
      /* A write that started during the burst may have taken every change already. */
      if (!dossier_autosave_get_dirty (victim->autosave))
        acknowledge (victim);
      break;

    case ACK_BY_FLUSH_ASYNC:
      victim->state = STATE_WAITING_FLUSH;
      dossier_autosave_flush_async (victim->autosave, NULL, flush_cb, victim);
      break;

    case ACK_BY_FLUSH:
      {
        g_autoptr(GError) error = NULL;

        /* As at quitting: overtakes the writes in flight, which then find it done. */
        victim->state = STATE_FLUSHING;
        if (!dossier_autosave_flush (victim->autosave, &error))
          {
            say ("FAILED %s\n", error->message);
            exit (1);
          }
        acknowledge (victim);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
burst_step_cb (gpointer user_data)
{
  Victim *victim = user_data;

  make_change (victim);
  if (--victim->burst_left > 0)
    {
      /* 0–12 ms apart around a 20 ms delay: some bursts are written in several goes,
       * with changes made while a write is in flight. */
      g_timeout_add (g_rand_int_range (victim->rand, 0, 13), burst_step_cb, victim);
      return G_SOURCE_REMOVE;
    }
  end_burst (victim);
  return G_SOURCE_REMOVE;
}

static void
next_burst (Victim *victim)
{
  victim->state = STATE_CHANGING;
  victim->burst_left = g_rand_int_range (victim->rand, 1, victim->big > 0 ? 3 : 6);
  /* From an idle, not from here: acknowledge() runs inside the autosave's callbacks. */
  g_idle_add (burst_step_cb, victim);
}

static gboolean
lifetime_cb (gpointer user_data)
{
  /* Never killed: the test died first. Do not run forever. */
  g_printerr ("autosave-victim: still alive after its lifetime, exiting\n");
  exit (3);
}

/* The example profile, for a FILE that does not exist yet. */
static void
create_from_example (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *example = NULL;
  g_autofree char *contents = NULL;
  const char *datadir = g_getenv ("DOSSIER_DATADIR");
  gsize length = 0;

  if (datadir == NULL)
    g_error ("DOSSIER_DATADIR is not set: where is the example profile?");
  example = g_build_filename (datadir, "examples", "maria-dela-cruz.dossier", NULL);
  if (!g_file_get_contents (example, &contents, &length, &error)
      || !dossier_write_file_atomic (path, contents, length,
                                     DOSSIER_WRITE_NO_REPLACE | DOSSIER_WRITE_PRIVATE,
                                     &error))
    g_error ("Cannot create %s from %s: %s", path, example, error->message);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(DossierProfile) profile = NULL;
  g_autoptr(DossierAutosave) autosave = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *notes = NULL;
  gint delay = 20;
  gint64 big = 0;
  gint64 seed = 1;
  gint lifetime = 120;
  Victim victim = { 0 };
  const GOptionEntry entries[] = {
    { "delay", 0, 0, G_OPTION_ARG_INT, &delay, "Autosave delay", "MS" },
    { "big", 0, 0, G_OPTION_ARG_INT64, &big, "Notes of this size at every change", "BYTES" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the bursts", "N" },
    { "lifetime", 0, 0, G_OPTION_ARG_INT, &lifetime, "Exit after this long", "SECONDS" },
    { NULL }
  };

  context = g_option_context_new ("FILE");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("Usage: autosave-victim [--delay MS] [--big BYTES] [--seed N] FILE\n");
      return 2;
    }
  if (delay < 0 || big < 0 || lifetime <= 0)
    {
      g_printerr ("autosave-victim: negative delay, size or lifetime\n");
      return 2;
    }

  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
    create_from_example (argv[1]);
  profile = dossier_profile_load (argv[1], &error);
  if (profile == NULL)
    {
      g_printerr ("autosave-victim: %s\n", error->message);
      return 2;
    }

  rand = g_rand_new_with_seed ((guint32) seed);
  autosave = dossier_autosave_new (profile, NULL);
  dossier_autosave_set_delay (autosave, (guint) delay);

  victim.profile = profile;
  victim.autosave = autosave;
  victim.rand = rand;
  victim.big = (gsize) big;
  notes = dossier_profile_get_value (profile, "notes");
  /* A file this program never changed (the example) holds change 0. */
  if (!crash_notes_parse (notes, &victim.change))
    victim.change = 0;

  g_signal_connect (autosave, "failed", G_CALLBACK (failed_cb), &victim);
  g_signal_connect (autosave, "notify::dirty", G_CALLBACK (notify_dirty_cb), &victim);
  g_timeout_add_seconds (lifetime, lifetime_cb, NULL);

  say ("READY %" G_GUINT64_FORMAT "\n", victim.change);
  next_burst (&victim);

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  return 0;
}
