/* dossier-toast.c: toasts shown one at a time, never dismissed or orphaned mid-animation
 *
 * libadwaita 1.2 (Debian 12) frees a toast's state when it has finished hiding, even if
 * its show animation is still running; that animation's "done" handler then touches freed
 * memory (a SIGSEGV in adw_animation_skip(), seen under Xvfb). It happens when a toast is
 * dismissed before it has finished appearing, which the overlay's own queue makes likely:
 * a queued toast starts appearing only when the one before it goes, and an undo that
 * dismisses it a moment later lands in its show animation. And a window destroyed while a
 * toast moves leaves the animation running over a freed overlay.
 *
 * So every toast goes through here. An overlay shows one toast at a time; the next waits,
 * here rather than in libadwaita's queue, until the current one has gone. A toast is
 * dismissed no sooner than it has finished appearing (a waiting one is dropped at once).
 * And windows ask how long toasts will still be moving before they are destroyed.
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dossier-toast.h"

/* Longer than libadwaita 1.2's show, replace and hide animations (300, 500 and 300 ms),
 * with room for a late frame. */
#define SETTLE_MS 800

typedef struct
{
  AdwToastOverlay *overlay;      /* weak */
  AdwToast        *current;      /* weak: the toast on screen, if any */
  gint64           shown_at;
  GQueue           waiting;      /* AdwToast *, owned */
  guint            next_id;
} OverlayState;

/* Times (monotonic, µs) during which some toast may be moving: [start, end) pairs. */
static GArray *busy;

static void show_next            (OverlayState *state);
static void current_dismissed_cb (AdwToast     *toast,
                                  OverlayState *state);

static void
note_busy (gint64 start,
           gint64 end)
{
  gint64 now = g_get_monotonic_time ();

  if (busy == NULL)
    busy = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* What is over is forgotten. */
  for (guint i = 0; i + 1 < busy->len;)
    {
      if (g_array_index (busy, gint64, i + 1) <= now)
        g_array_remove_range (busy, i, 2);
      else
        i += 2;
    }
  g_array_append_val (busy, start);
  g_array_append_val (busy, end);
}

static void
overlay_state_free (OverlayState *state)
{
  g_clear_handle_id (&state->next_id, g_source_remove);
  /* A dismissal still waiting for its toast to finish appearing must not find us. */
  if (state->current != NULL)
    g_signal_handlers_disconnect_by_func (state->current, current_dismissed_cb, state);
  g_clear_weak_pointer (&state->current);
  /* Never shown: they go without animation, and say so to whoever waits for them. */
  while (!g_queue_is_empty (&state->waiting))
    {
      g_autoptr(AdwToast) toast = g_queue_pop_head (&state->waiting);

      g_object_set_data (G_OBJECT (toast), "dossier-toast-state", NULL);
      adw_toast_dismiss (toast);
    }
  g_free (state);
}

static OverlayState *
get_state (AdwToastOverlay *overlay)
{
  OverlayState *state = g_object_get_data (G_OBJECT (overlay), "dossier-toast-state");

  if (state == NULL)
    {
      state = g_new0 (OverlayState, 1);
      state->overlay = overlay;
      g_queue_init (&state->waiting);
      g_object_set_data_full (G_OBJECT (overlay), "dossier-toast-state", state,
                              (GDestroyNotify) overlay_state_free);
    }
  return state;
}

static gboolean
show_next_cb (gpointer data)
{
  OverlayState *state = data;

  state->next_id = 0;
  show_next (state);
  return G_SOURCE_REMOVE;
}

static void
current_dismissed_cb (AdwToast     *toast,
                      OverlayState *state)
{
  g_signal_handlers_disconnect_by_func (toast, current_dismissed_cb, state);
  if (state->current != toast)
    return;
  g_clear_weak_pointer (&state->current);
  note_busy (g_get_monotonic_time (), g_get_monotonic_time () + SETTLE_MS * 1000);
  /* The next one once this one has gone. */
  if (!g_queue_is_empty (&state->waiting) && state->next_id == 0)
    state->next_id = g_timeout_add (SETTLE_MS / 2, show_next_cb, state);
}

static void
show_next (OverlayState *state)
{
  g_autoptr(AdwToast) toast = NULL;
  gint64 now = g_get_monotonic_time ();
  guint timeout;

  if (state->current != NULL || g_queue_is_empty (&state->waiting))
    return;
  toast = g_queue_pop_head (&state->waiting);
  g_object_set_data (G_OBJECT (toast), "dossier-toast-state", NULL);
  timeout = adw_toast_get_timeout (toast);

  /* Appearing; a timed toast also goes by itself. */
  note_busy (now, now + SETTLE_MS * 1000);
  if (timeout > 0)
    note_busy (now + timeout * G_USEC_PER_SEC - 200 * 1000,
               now + timeout * G_USEC_PER_SEC + SETTLE_MS * 1000);
  g_set_weak_pointer (&state->current, toast);
  state->shown_at = now;
  g_object_set_data_full (G_OBJECT (toast), "dossier-toast-shown-at",
                          g_memdup2 (&now, sizeof now), g_free);
  g_signal_connect (toast, "dismissed", G_CALLBACK (current_dismissed_cb), state);
  adw_toast_overlay_add_toast (state->overlay, g_steal_pointer (&toast));
}

/**
 * dossier_toast_add:
 * @overlay: where to show it
 * @toast: (transfer full): the toast
 *
 * Shows @toast once the overlay's current toast, if any, has gone; that one is asked
 * to go (no sooner than it has finished appearing).
 */
void
dossier_toast_add (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  OverlayState *state;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  state = get_state (overlay);
  g_object_set_data (G_OBJECT (toast), "dossier-toast-state", state);
  g_queue_push_tail (&state->waiting, toast);
  if (state->current != NULL)
    dossier_toast_dismiss (state->current);
  else
    show_next (state);
}

static gboolean
dismiss_cb (gpointer data)
{
  dossier_toast_dismiss (ADW_TOAST (data));
  return G_SOURCE_REMOVE;
}

/**
 * dossier_toast_dismiss:
 * @toast: a toast given to dossier_toast_add()
 *
 * Dismisses @toast: at once if it was still waiting, else once it has finished
 * appearing.
 */
void
dossier_toast_dismiss (AdwToast *toast)
{
  OverlayState *waiting_in = g_object_get_data (G_OBJECT (toast), "dossier-toast-state");
  const gint64 *shown_at = g_object_get_data (G_OBJECT (toast), "dossier-toast-shown-at");
  gint64 now = g_get_monotonic_time ();
  gint64 age_ms;

  g_return_if_fail (ADW_IS_TOAST (toast));

  if (waiting_in != NULL)
    {
      /* Never shown: nothing moves. */
      if (g_queue_remove (&waiting_in->waiting, toast))
        {
          g_object_set_data (G_OBJECT (toast), "dossier-toast-state", NULL);
          adw_toast_dismiss (toast);
          g_object_unref (toast);
        }
      return;
    }

  age_ms = shown_at != NULL ? (now - *shown_at) / 1000 : SETTLE_MS;
  if (age_ms < SETTLE_MS)
    {
      g_timeout_add_full (G_PRIORITY_DEFAULT, SETTLE_MS - age_ms, dismiss_cb,
                          g_object_ref (toast), g_object_unref);
      return;
    }
  note_busy (now, now + SETTLE_MS * 1000);
  adw_toast_dismiss (toast);
}

/* How long, in milliseconds, until no toast is moving (0: none is): a window waits that
 * long before it is destroyed. */
guint
dossier_toast_get_settle_delay (void)
{
  gint64 now = g_get_monotonic_time ();
  gint64 until = now;

  for (guint i = 0; busy != NULL && i + 1 < busy->len; i += 2)
    {
      gint64 start = g_array_index (busy, gint64, i);
      gint64 end = g_array_index (busy, gint64, i + 1);

      if (start <= now && now < end)
        until = MAX (until, end);
    }
  return (guint) ((until - now + 999) / 1000);
}
