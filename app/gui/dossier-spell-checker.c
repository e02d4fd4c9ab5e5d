/* dossier-spell-checker.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-speller.h"
#include "dossier-spell-checker.h"

#define VIEW_DATA_KEY "dossier-spell-checker"
#define MAX_SUGGESTIONS 5

/* What still needs checking is marked with a tag of its own, which moves with the
 * text as it is edited; the idle handler checks the first marked stretch, a batch at
 * a time, and unmarks it. */
struct _DossierSpellChecker
{
  GObject         parent_instance;

  GtkTextView    *view;                  /* owns us */
  GtkTextBuffer  *buffer;
  GtkTextTag     *misspelled_tag;
  GtkTextTag     *unchecked_tag;
  GSimpleActionGroup *actions;
  GMenu          *menu;
  GMenu          *corrections_section;
  GMenu          *language_section;

  char           *lang;
  DossierSpeller *speller;               /* NULL while loading, or without dictionary */
  char           *problem;
  GCancellable   *loading;

  guint           idle_id;
  gulong          insert_id;
  gulong          delete_id;
  gulong          mark_set_id;

  /* The word at the cursor, left unchecked while it is being typed. */
  GtkTextMark    *deferred_start;
  GtkTextMark    *deferred_end;

  /* The word the corrections in the menu are for. */
  GtkTextMark    *word_start;
  GtkTextMark    *word_end;
  char           *word;
  guint           suggest_serial;   /* of the suggestions being looked up */
  gboolean        suggesting;

  guint           n_batches;
  guint           max_batch_words;
  guint           busy : 1;
};

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_PROBLEM,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (DossierSpellChecker, dossier_spell_checker, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------
 * Regions
 */

static gboolean
iter_is_blank (const GtkTextIter *iter)
{
  return g_unichar_isspace (gtk_text_iter_get_char (iter));
}

/* Words never span blanks: a region to check starts and ends at blanks. */
static void
extend_to_blanks (GtkTextIter *start,
                  GtkTextIter *end)
{
  while (!gtk_text_iter_is_start (start))
    {
      GtkTextIter prev = *start;

      gtk_text_iter_backward_char (&prev);
      if (iter_is_blank (&prev))
        break;
      *start = prev;
    }
  while (!gtk_text_iter_is_end (end) && !iter_is_blank (end))
    gtk_text_iter_forward_char (end);
}

static void
set_busy (DossierSpellChecker *self,
          gboolean             busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

/* Busy also while suggestions are being looked up (dossier_spell_checker_get_busy()). */
static void
update_busy (DossierSpellChecker *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static gboolean check_batch_cb (gpointer user_data);

static void
schedule (DossierSpellChecker *self)
{
  if (self->speller == NULL)
    return;
  set_busy (self, TRUE);
  /* Below input and drawing: a long text is checked while the user types. */
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, check_batch_cb, self, NULL);
}

static void
invalidate (DossierSpellChecker *self,
            GtkTextIter         *start,
            GtkTextIter         *end)
{
  extend_to_blanks (start, end);
  if (gtk_text_iter_compare (start, end) >= 0)
    return;
  gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, start, end);
  schedule (self);
}

static gboolean
cursor_touches (DossierSpellChecker *self,
                const GtkTextIter   *start,
                const GtkTextIter   *end)
{
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                    gtk_text_buffer_get_insert (self->buffer));
  return gtk_text_iter_in_range (&cursor, start, end) || gtk_text_iter_equal (&cursor, end);
}

/* The word skipped while it was typed is checked once the cursor has left it. */
static void
check_deferred (DossierSpellChecker *self,
                gboolean             force)
{
  GtkTextIter start, end;

  if (self->deferred_start == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->deferred_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->deferred_end);
  if (!force && cursor_touches (self, &start, &end)
      && gtk_widget_is_focus (GTK_WIDGET (self->view)))
    return;
  gtk_text_buffer_delete_mark (self->buffer, self->deferred_start);
  gtk_text_buffer_delete_mark (self->buffer, self->deferred_end);
  self->deferred_start = self->deferred_end = NULL;
  invalidate (self, &start, &end);
}

static void
defer_word (DossierSpellChecker *self,
            const GtkTextIter   *start,
            const GtkTextIter   *end)
{
  if (self->deferred_start != NULL)
    {
      gtk_text_buffer_delete_mark (self->buffer, self->deferred_start);
      gtk_text_buffer_delete_mark (self->buffer, self->deferred_end);
    }
  self->deferred_start = gtk_text_buffer_create_mark (self->buffer, NULL, start, TRUE);
  self->deferred_end = gtk_text_buffer_create_mark (self->buffer, NULL, end, FALSE);
}

/* ------------------------------------------------------------------------------------
 * Checking
 */

/* The number of words of @chunk, and in @cut the character offset after the
 * @limit-th one when it has more. */
static guint
count_words (const char *chunk,
             guint       limit,
             int        *cut)
{
  g_autoptr(GArray) words = dossier_speller_tokenize (chunk);

  if (words->len > limit && limit > 0)
    *cut = g_array_index (words, DossierSpellRange, limit - 1).end;
  return words->len;
}

static gboolean
check_batch_cb (gpointer user_data)
{
  DossierSpellChecker *self = user_data;
  GtkTextIter start, end, region_end, clear_end, iter;
  g_autofree char *slice = NULL;
  g_autoptr(GArray) misspelled = NULL;
  gboolean whole_region = TRUE;
  guint n_words = 0;
  int base;

  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  if (self->speller == NULL
      || (!gtk_text_iter_has_tag (&iter, self->unchecked_tag)
          && !gtk_text_iter_forward_to_tag_toggle (&iter, self->unchecked_tag)))
    {
      self->idle_id = 0;
      set_busy (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  region_end = iter;
  gtk_text_iter_forward_to_tag_toggle (&region_end, self->unchecked_tag);
  /* invalidate() marked whole words already; a region that starts inside a run of
   * words without blanks is the rest of a run a batch had to cut, and goes on from
   * there (going back to the run's start would cut it at the same place for ever). */
  start = iter;
  end = iter;

  /* Whole words, blank to blank, up to the batch's number of words. */
  while (gtk_text_iter_compare (&end, &region_end) < 0)
    {
      GtkTextIter chunk_start, chunk_end;
      g_autofree char *chunk = NULL;
      int cut = -1;
      guint n;

      while (!gtk_text_iter_is_end (&end) && iter_is_blank (&end))
        gtk_text_iter_forward_char (&end);
      if (gtk_text_iter_is_end (&end))
        break;
      chunk_start = chunk_end = end;
      while (!gtk_text_iter_is_end (&chunk_end) && !iter_is_blank (&chunk_end))
        gtk_text_iter_forward_char (&chunk_end);
      chunk = gtk_text_iter_get_slice (&chunk_start, &chunk_end);
      n = count_words (chunk, DOSSIER_SPELL_CHECKER_BATCH_WORDS - n_words, &cut);
      if (n_words + n > DOSSIER_SPELL_CHECKER_BATCH_WORDS)
        {
          whole_region = FALSE;
          if (n_words > 0)
            break;
          /* One chunk with more words than a batch ("a/b/c/…"): cut it. */
          chunk_end = chunk_start;
          gtk_text_iter_forward_chars (&chunk_end, cut);
          n = DOSSIER_SPELL_CHECKER_BATCH_WORDS;
        }
      n_words += n;
      end = chunk_end;
      if (!whole_region)
        break;
    }

  clear_end = end;
  if (whole_region && gtk_text_iter_compare (&region_end, &end) > 0)
    clear_end = region_end;
  gtk_text_buffer_remove_tag (self->buffer, self->unchecked_tag, &start, &clear_end);

  self->n_batches++;
  self->max_batch_words = MAX (self->max_batch_words, n_words);

  gtk_text_buffer_remove_tag (self->buffer, self->misspelled_tag, &start, &end);
  slice = gtk_text_iter_get_slice (&start, &end);
  misspelled = dossier_speller_check_text (self->speller, slice, 0, -1);
  base = gtk_text_iter_get_offset (&start);
  for (guint i = 0; i < misspelled->len; i++)
    {
      const DossierSpellRange *range = &g_array_index (misspelled, DossierSpellRange, i);
      GtkTextIter word_start, word_end;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &word_start, base + range->start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &word_end, base + range->end);
      if (gtk_widget_is_focus (GTK_WIDGET (self->view))
          && cursor_touches (self, &word_start, &word_end))
        defer_word (self, &word_start, &word_end);
      else
        gtk_text_buffer_apply_tag (self->buffer, self->misspelled_tag, &word_start, &word_end);
    }

  if (cursor_touches (self, &start, &end))
    dossier_spell_checker_update_corrections (self);
  return G_SOURCE_CONTINUE;
}

static void
insert_text_cb (GtkTextBuffer       *buffer,
                GtkTextIter         *location,
                const char          *text,
                int                  length,
                DossierSpellChecker *self)
{
  GtkTextIter start = *location;
  GtkTextIter end = *location;

  gtk_text_iter_backward_chars (&start, (int) g_utf8_strlen (text, length));
  invalidate (self, &start, &end);
}

static void
delete_range_cb (GtkTextBuffer       *buffer,
                 GtkTextIter         *start,
                 GtkTextIter         *end,
                 DossierSpellChecker *self)
{
  GtkTextIter from = *start;
  GtkTextIter to = *start;

  invalidate (self, &from, &to);
}

static void
mark_set_cb (GtkTextBuffer       *buffer,
             const GtkTextIter   *location,
             GtkTextMark         *mark,
             DossierSpellChecker *self)
{
  if (mark != gtk_text_buffer_get_insert (buffer))
    return;
  check_deferred (self, FALSE);
  dossier_spell_checker_update_corrections (self);
}

static void
focus_leave_cb (DossierSpellChecker *self)
{
  check_deferred (self, TRUE);
}

/* ------------------------------------------------------------------------------------
 * Context menu
 */

static void
clear_word (DossierSpellChecker *self)
{
  if (self->word_start != NULL)
    {
      gtk_text_buffer_delete_mark (self->buffer, self->word_start);
      gtk_text_buffer_delete_mark (self->buffer, self->word_end);
      self->word_start = self->word_end = NULL;
    }
  g_clear_pointer (&self->word, g_free);
}

static void
set_action_enabled (DossierSpellChecker *self,
                    const char          *name,
                    gboolean             enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The misspelled word around @iter, if there is one. */
static gboolean
misspelled_word_at (DossierSpellChecker *self,
                    const GtkTextIter   *iter,
                    GtkTextIter         *start,
                    GtkTextIter         *end)
{
  *start = *iter;
  if (!gtk_text_iter_has_tag (start, self->misspelled_tag))
    {
      /* Just after the word. */
      if (gtk_text_iter_is_start (start))
        return FALSE;
      gtk_text_iter_backward_char (start);
      if (!gtk_text_iter_has_tag (start, self->misspelled_tag))
        return FALSE;
    }
  *end = *start;
  if (!gtk_text_iter_starts_tag (start, self->misspelled_tag))
    gtk_text_iter_backward_to_tag_toggle (start, self->misspelled_tag);
  gtk_text_iter_forward_to_tag_toggle (end, self->misspelled_tag);
  return TRUE;
}

typedef struct
{
  DossierSpeller *speller;
  char           *word;
  guint           serial;
} SuggestInput;

static void
suggest_input_free (SuggestInput *input)
{
  g_clear_object (&input->speller);
  g_free (input->word);
  g_free (input);
}

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SuggestInput *input = task_data;

  g_task_return_pointer (task, dossier_speller_suggest (input->speller, input->word),
                         (GDestroyNotify) g_strfreev);
}

static void
suggestions_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DossierSpellChecker *self = DOSSIER_SPELL_CHECKER (object);
  SuggestInput *input = g_task_get_task_data (G_TASK (result));
  g_auto(GStrv) suggestions = g_task_propagate_pointer (G_TASK (result), NULL);
  guint position = 0;

  if (input->serial != self->suggest_serial)
    return;   /* the cursor went to another word meanwhile */
  self->suggesting = FALSE;
  if (g_strcmp0 (input->word, self->word) == 0)
    {
      for (guint i = 0; suggestions != NULL && suggestions[i] != NULL && i < MAX_SUGGESTIONS; i++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

          g_menu_item_set_action_and_target_value (item, "spell.correct",
                                                   g_variant_new_string (suggestions[i]));
          g_menu_insert_item (self->corrections_section, position++, item);
        }
      if (position == 0)
        g_menu_insert (self->corrections_section, 0, _("No Suggestions"),
                       "spell.no-suggestions");
    }
  update_busy (self);
}

void
dossier_spell_checker_update_corrections (DossierSpellChecker *self)
{
  GtkTextIter cursor, start, end;
  g_autofree char *word = NULL;

  g_return_if_fail (DOSSIER_IS_SPELL_CHECKER (self));

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  if (self->speller != NULL && misspelled_word_at (self, &cursor, &start, &end))
    word = gtk_text_iter_get_slice (&start, &end);

  /* Moving the cursor within the same word changes nothing. */
  if (g_strcmp0 (word, self->word) == 0)
    {
      if (word != NULL)
        {
          gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
          gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
        }
      return;
    }

  clear_word (self);
  g_menu_remove_all (self->corrections_section);
  set_action_enabled (self, "correct", FALSE);
  set_action_enabled (self, "add", FALSE);
  set_action_enabled (self, "ignore", FALSE);
  if (word == NULL)
    return;

  self->word = g_strdup (word);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &end, FALSE);

  /* hunspell takes 20-150 ms to suggest: in a worker, and the menu, a live model, shows
   * them when they come. */
  g_menu_append (self->corrections_section, _("_Add to Dictionary"), "spell.add");
  g_menu_append (self->corrections_section, _("_Ignore"), "spell.ignore");
  set_action_enabled (self, "correct", TRUE);
  set_action_enabled (self, "add", TRUE);
  set_action_enabled (self, "ignore", TRUE);
  {
    g_autoptr(GTask) task = g_task_new (self, NULL, suggestions_done_cb, NULL);
    SuggestInput *input = g_new0 (SuggestInput, 1);

    input->speller = g_object_ref (self->speller);
    input->word = g_strdup (word);
    input->serial = ++self->suggest_serial;
    g_task_set_task_data (task, input, (GDestroyNotify) suggest_input_free);
    self->suggesting = TRUE;
    update_busy (self);
    g_task_run_in_thread (task, suggest_thread);
  }
}

static void
correct_activated_cb (GSimpleAction       *action,
                      GVariant            *parameter,
                      DossierSpellChecker *self)
{
  const char *replacement = g_variant_get_string (parameter, NULL);
  GtkTextIter start, end;
  g_autofree char *current = NULL;

  if (self->word_start == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);
  current = gtk_text_iter_get_slice (&start, &end);
  /* The text changed since the menu was made. */
  if (g_strcmp0 (current, self->word) != 0)
    return;

  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);
}

static void
add_activated_cb (GSimpleAction       *action,
                  GVariant            *parameter,
                  DossierSpellChecker *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *word = g_strdup (self->word);

  if (word == NULL || self->speller == NULL)
    return;
  if (!dossier_speller_add_word_full (self->speller, word, &error))
    {
      /* The word is accepted for this session anyway; say why it will not last. */
      g_free (self->problem);
      self->problem = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROBLEM]);
    }
  dossier_spell_checker_recheck_all (self);
}

static void
ignore_activated_cb (GSimpleAction       *action,
                     GVariant            *parameter,
                     DossierSpellChecker *self)
{
  if (self->word == NULL || self->speller == NULL)
    return;
  dossier_speller_ignore_word (self->speller, self->word);
  dossier_spell_checker_recheck_all (self);
}

static void
language_changed_cb (GSimpleAction       *action,
                     GVariant            *value,
                     DossierSpellChecker *self)
{
  dossier_spell_checker_set_language (self, g_variant_get_string (value, NULL));
}

/* The right button puts the cursor on the word clicked, so that the menu is for it
 * (unless it falls in the selection, which the menu is then about). */
static void
click_pressed_cb (GtkGestureClick     *gesture,
                  int                  n_press,
                  double               x,
                  double               y,
                  DossierSpellChecker *self)
{
  GtkTextIter iter, sel_start, sel_end;
  int buffer_x, buffer_y;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &buffer_x, &buffer_y);
  gtk_text_view_get_iter_at_location (self->view, &iter, buffer_x, buffer_y);
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end)
      || !gtk_text_iter_in_range (&iter, &sel_start, &sel_end))
    gtk_text_buffer_place_cursor (self->buffer, &iter);
  dossier_spell_checker_update_corrections (self);
}

static void
build_language_menu (DossierSpellChecker *self)
{
  g_autoptr(GMenu) languages = g_menu_new ();
  const char * const *ids = dossier_speller_get_languages ();

  g_menu_remove_all (self->language_section);
  if (self->problem != NULL && self->speller == NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Install “%s” to check spelling"),
                                                dossier_speller_get_package (self->lang));

      g_menu_append (self->language_section, label, "spell.no-dictionary");
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (dossier_speller_get_language_name (ids[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "spell.language", g_variant_new_string (ids[i]));
      g_menu_append_item (languages, item);
    }
  g_menu_append_submenu (self->language_section, _("Spelling _Language"), G_MENU_MODEL (languages));
}

/* ------------------------------------------------------------------------------------
 * Language
 */

typedef struct
{
  DossierSpellChecker *self;
  char                *lang;
} LoadData;

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *lang = task_data;
  GError *error = NULL;
  DossierSpeller *speller = dossier_speller_get_for_language (lang, &error);

  if (speller == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, speller, g_object_unref);
}

static void
clear_tags (DossierSpellChecker *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->misspelled_tag, &start, &end);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DossierSpellChecker) self = user_data;
  g_autoptr(GError) error = NULL;
  DossierSpeller *speller = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->buffer == NULL)
    {
      g_clear_object (&speller);
      return;
    }
  g_clear_object (&self->loading);
  g_clear_object (&self->speller);
  g_clear_pointer (&self->problem, g_free);
  self->speller = speller;
  if (speller == NULL)
    {
      self->problem = g_strdup (error->message);
      clear_tags (self);
      set_busy (self, FALSE);
    }
  build_language_menu (self);
  dossier_spell_checker_recheck_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROBLEM]);
}

static void
load_speller (DossierSpellChecker *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->speller);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  clear_word (self);
  g_menu_remove_all (self->corrections_section);

  /* Loading a dictionary takes a moment: in a thread, so the window shows at once. */
  self->loading = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (NULL, self->loading, loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_speller);
  g_task_set_task_data (task, g_strdup (self->lang), g_free);
  g_task_run_in_thread (task, load_thread);
}

const char *
dossier_spell_checker_get_language (DossierSpellChecker *self)
{
  g_return_val_if_fail (DOSSIER_IS_SPELL_CHECKER (self), NULL);

  return self->lang;
}

/**
 * dossier_spell_checker_set_language:
 * @lang: (nullable): "en_CA" or "fr_CA" (any English or French tag); NULL for en_CA
 *
 * Checks the text in that language from now on.
 */
void
dossier_spell_checker_set_language (DossierSpellChecker *self,
                                    const char          *lang)
{
  const char *normalized;

  g_return_if_fail (DOSSIER_IS_SPELL_CHECKER (self));

  normalized = dossier_speller_normalize_language (lang);
  if (normalized == NULL)
    normalized = DOSSIER_SPELLER_DEFAULT_LANGUAGE;
  if (g_strcmp0 (self->lang, normalized) == 0)
    return;
  g_free (self->lang);
  self->lang = g_strdup (normalized);
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                          "language")),
                             g_variant_new_string (self->lang));
  clear_tags (self);
  load_speller (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LANGUAGE]);
}

/* ------------------------------------------------------------------------------------
 * Object
 */

static void
dossier_spell_checker_dispose (GObject *object)
{
  DossierSpellChecker *self = (DossierSpellChecker *) object;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->buffer != NULL)
    {
      GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);

      g_clear_signal_handler (&self->insert_id, self->buffer);
      g_clear_signal_handler (&self->delete_id, self->buffer);
      g_clear_signal_handler (&self->mark_set_id, self->buffer);
      clear_word (self);
      if (self->deferred_start != NULL)
        {
          gtk_text_buffer_delete_mark (self->buffer, self->deferred_start);
          gtk_text_buffer_delete_mark (self->buffer, self->deferred_end);
          self->deferred_start = self->deferred_end = NULL;
        }
      gtk_text_tag_table_remove (table, self->misspelled_tag);
      gtk_text_tag_table_remove (table, self->unchecked_tag);
    }
  g_clear_object (&self->misspelled_tag);
  g_clear_object (&self->unchecked_tag);
  g_clear_object (&self->buffer);
  g_clear_object (&self->speller);
  g_clear_object (&self->actions);
  g_clear_object (&self->corrections_section);
  g_clear_object (&self->language_section);
  g_clear_object (&self->menu);
  self->view = NULL;

  G_OBJECT_CLASS (dossier_spell_checker_parent_class)->dispose (object);
}

static void
dossier_spell_checker_finalize (GObject *object)
{
  DossierSpellChecker *self = (DossierSpellChecker *) object;

  g_free (self->lang);
  g_free (self->problem);
  g_free (self->word);

  G_OBJECT_CLASS (dossier_spell_checker_parent_class)->finalize (object);
}

static void
dossier_spell_checker_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierSpellChecker *self = DOSSIER_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->lang);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, dossier_spell_checker_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_spell_checker_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DossierSpellChecker *self = DOSSIER_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      dossier_spell_checker_set_language (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_spell_checker_class_init (DossierSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_spell_checker_dispose;
  object_class->finalize = dossier_spell_checker_finalize;
  object_class->get_property = dossier_spell_checker_get_property;
  object_class->set_property = dossier_spell_checker_set_property;

  properties [PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         DOSSIER_SPELLER_DEFAULT_LANGUAGE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_spell_checker_init (DossierSpellChecker *self)
{
}

/* ------------------------------------------------------------------------------------
 * Public API
 */

/* The view is going: stop checking (a dictionary may still be loading for us). */
static void
view_gone_cb (gpointer data)
{
  g_object_run_dispose (data);
  g_object_unref (data);
}

DossierSpellChecker *
dossier_spell_checker_attach (GtkTextView *view,
                              const char  *lang)
{
  const GActionEntry entries[] = {
    { "correct", NULL, "s", NULL, NULL },
    { "add", NULL, NULL, NULL, NULL },
    { "ignore", NULL, NULL, NULL, NULL },
    { "no-suggestions", NULL, NULL, NULL, NULL },
    { "no-dictionary", NULL, NULL, NULL, NULL },
  };
  DossierSpellChecker *self;
  GtkGesture *click;
  GtkEventController *focus;
  g_autoptr(GSimpleAction) language = NULL;
  const char *normalized = dossier_speller_normalize_language (lang);

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (dossier_spell_checker_get_for_view (view) == NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_SPELL_CHECKER, NULL);
  self->view = view;
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->lang = g_strdup (normalized != NULL ? normalized : DOSSIER_SPELLER_DEFAULT_LANGUAGE);
  g_object_set_data_full (G_OBJECT (view), VIEW_DATA_KEY, self, view_gone_cb);

  self->misspelled_tag = g_object_ref (gtk_text_buffer_create_tag (self->buffer, NULL,
                                                                   "underline", PANGO_UNDERLINE_ERROR,
                                                                   NULL));
  {
    GdkRGBA red = { 0.88, 0.11, 0.14, 1.0 };

    g_object_set (self->misspelled_tag, "underline-rgba", &red, NULL);
  }
  self->unchecked_tag = g_object_ref (gtk_text_buffer_create_tag (self->buffer, NULL, NULL));

  self->insert_id = g_signal_connect_after (self->buffer, "insert-text",
                                            G_CALLBACK (insert_text_cb), self);
  self->delete_id = g_signal_connect_after (self->buffer, "delete-range",
                                            G_CALLBACK (delete_range_cb), self);
  self->mark_set_id = g_signal_connect_after (self->buffer, "mark-set",
                                              G_CALLBACK (mark_set_cb), self);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  g_signal_connect (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "correct"),
                    "activate", G_CALLBACK (correct_activated_cb), self);
  g_signal_connect (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "add"),
                    "activate", G_CALLBACK (add_activated_cb), self);
  g_signal_connect (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "ignore"),
                    "activate", G_CALLBACK (ignore_activated_cb), self);
  set_action_enabled (self, "correct", FALSE);
  set_action_enabled (self, "add", FALSE);
  set_action_enabled (self, "ignore", FALSE);
  set_action_enabled (self, "no-suggestions", FALSE);
  set_action_enabled (self, "no-dictionary", FALSE);
  language = g_simple_action_new_stateful ("language", G_VARIANT_TYPE_STRING,
                                           g_variant_new_string (self->lang));
  g_signal_connect (language, "change-state", G_CALLBACK (language_changed_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (language));
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spell", G_ACTION_GROUP (self->actions));

  self->menu = g_menu_new ();
  self->corrections_section = g_menu_new ();
  self->language_section = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->corrections_section));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->language_section));
  build_language_menu (self);
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (view), focus);

  /* Everything there is unchecked; the dictionary comes in a moment. */
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (self->buffer, &start, &end);
    if (!gtk_text_iter_equal (&start, &end))
      gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &start, &end);
  }
  load_speller (self);
  return self;
}

DossierSpellChecker *
dossier_spell_checker_get_for_view (GtkTextView *view)
{
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  return g_object_get_data (G_OBJECT (view), VIEW_DATA_KEY);
}

GtkTextView *
dossier_spell_checker_get_view (DossierSpellChecker *self)
{
  g_return_val_if_fail (DOSSIER_IS_SPELL_CHECKER (self), NULL);

  return self->view;
}

const char *
dossier_spell_checker_get_problem (DossierSpellChecker *self)
{
  g_return_val_if_fail (DOSSIER_IS_SPELL_CHECKER (self), NULL);

  return self->problem;
}

gboolean
dossier_spell_checker_get_busy (DossierSpellChecker *self)
{
  g_return_val_if_fail (DOSSIER_IS_SPELL_CHECKER (self), FALSE);

  return self->busy || self->suggesting;
}

GtkTextTag *
dossier_spell_checker_get_tag (DossierSpellChecker *self)
{
  g_return_val_if_fail (DOSSIER_IS_SPELL_CHECKER (self), NULL);

  return self->misspelled_tag;
}

GMenuModel *
dossier_spell_checker_get_menu (DossierSpellChecker *self)
{
  g_return_val_if_fail (DOSSIER_IS_SPELL_CHECKER (self), NULL);

  return G_MENU_MODEL (self->menu);
}

void
dossier_spell_checker_recheck_all (DossierSpellChecker *self)
{
  GtkTextIter start, end;

  g_return_if_fail (DOSSIER_IS_SPELL_CHECKER (self));

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (gtk_text_iter_equal (&start, &end))
    {
      if (self->speller != NULL)
        set_busy (self, FALSE);
      return;
    }
  gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &start, &end);
  /* The menu's word may be right now. */
  clear_word (self);
  g_menu_remove_all (self->corrections_section);
  schedule (self);
}

void
dossier_spell_checker_get_stats (DossierSpellChecker *self,
                                 guint               *n_batches,
                                 guint               *max_batch_words)
{
  g_return_if_fail (DOSSIER_IS_SPELL_CHECKER (self));

  if (n_batches != NULL)
    *n_batches = self->n_batches;
  if (max_batch_words != NULL)
    *max_batch_words = self->max_batch_words;
}

const char *
dossier_spell_checker_language_to_store (DossierSpellChecker *self,
                                         const char          *current_tag,
                                         gboolean             chosen)
{
  const char *stored;
  const char *lang;

  g_return_val_if_fail (DOSSIER_IS_SPELL_CHECKER (self), NULL);

  stored = current_tag != NULL ? dossier_speller_normalize_language (current_tag)
                               : DOSSIER_SPELLER_DEFAULT_LANGUAGE;
  if (stored == NULL && !chosen)
    return NULL;
  lang = dossier_spell_checker_get_language (self);
  if (g_strcmp0 (stored, lang) == 0)
    return NULL;
  return dossier_speller_get_language_tag (lang);
}
