/* dossier-spell-checker.h: spell-checking a GtkTextView as the user types
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* At most this many words are checked in one go from the idle handler, so that a long
 * text never blocks typing. */
#define DOSSIER_SPELL_CHECKER_BATCH_WORDS 100

#define DOSSIER_TYPE_SPELL_CHECKER (dossier_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (DossierSpellChecker, dossier_spell_checker, DOSSIER, SPELL_CHECKER, GObject)

/* Attaches a checker to @view, which keeps it until it goes; the view's buffer must
 * stay the same. Misspelled words get an error underline, except the one being typed
 * (the word touching the cursor while the view has the focus). Only the text around
 * each change is checked again, in batches from an idle handler. The view's context
 * menu gets the suggestions, Add to Dictionary, Ignore and the language (English or
 * French (Canada)); its actions are in the "spell" group of the view.
 * @lang is "en_CA" or "fr_CA" (NULL: en_CA). Returns (transfer none) the checker. */
DossierSpellChecker *dossier_spell_checker_attach       (GtkTextView          *view,
                                                         const char           *lang);
/* The checker attached to @view, or NULL. */
DossierSpellChecker *dossier_spell_checker_get_for_view (GtkTextView          *view);

GtkTextView         *dossier_spell_checker_get_view     (DossierSpellChecker  *self);
/* "en_CA" or "fr_CA"; the user changes it from the context menu (notify::language). */
const char          *dossier_spell_checker_get_language (DossierSpellChecker  *self);
void                 dossier_spell_checker_set_language (DossierSpellChecker  *self,
                                                         const char           *lang);
/* Why spelling is not checked (the dictionary is not installed: the message names
 * the package to install), or NULL. To be shown beside the text (notify::problem). */
const char          *dossier_spell_checker_get_problem  (DossierSpellChecker  *self);
/* TRUE while the dictionary loads or words wait to be checked (notify::busy). */
gboolean             dossier_spell_checker_get_busy     (DossierSpellChecker  *self);

/* The tag that underlines misspelled words. */
GtkTextTag          *dossier_spell_checker_get_tag      (DossierSpellChecker  *self);
/* The view's extra menu: corrections for the word at the cursor, and the language. */
GMenuModel          *dossier_spell_checker_get_menu     (DossierSpellChecker  *self);
/* Fills the menu for the word at the cursor (done when the cursor moves and on a
 * right click). */
void                 dossier_spell_checker_update_corrections (DossierSpellChecker *self);
/* Checks the whole text again (after the personal word list changed). */
void                 dossier_spell_checker_recheck_all  (DossierSpellChecker  *self);

/* For tests: how many batches ran, and the most words one of them checked. */
void                 dossier_spell_checker_get_stats    (DossierSpellChecker  *self,
                                                         guint                *n_batches,
                                                         guint                *max_batch_words);

/* What a field's xml:lang should become for the checker's language: NULL to leave it.
 * English, the default, is not written unless the field said otherwise; a language the
 * checker does not know stays unless the user chose another one (@chosen). */
const char          *dossier_spell_checker_language_to_store (DossierSpellChecker *self,
                                                              const char          *current_tag,
                                                              gboolean             chosen);

G_END_DECLS
