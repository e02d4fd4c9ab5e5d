/* dossier-speller.h: spell-checking English (Canada) and French (Canada) text with hunspell
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DOSSIER_SPELLER_ERROR (dossier_speller_error_quark ())

typedef enum
{
  DOSSIER_SPELLER_ERROR_NO_DICTIONARY,   /* the hunspell dictionary is not installed */
  DOSSIER_SPELLER_ERROR_UNKNOWN_LANGUAGE /* not en_CA or fr_CA */
} DossierSpellerError;

/* The folders searched for <lang>.aff/.dic, before /usr/share/hunspell and friends:
 * a list separated by ':' (G_SEARCHPATH_SEPARATOR). When set, only those folders are
 * searched (tests point it at an empty folder). */
#define DOSSIER_SPELLER_PATH_ENV "DOSSIER_HUNSPELL_PATH"

/* The language of a field that names none. */
#define DOSSIER_SPELLER_DEFAULT_LANGUAGE "en_CA"

/* A word found by dossier_speller_tokenize() or a misspelling found by
 * dossier_speller_check_text(): character (not byte) offsets in the text. */
typedef struct
{
  int start;   /* first character */
  int end;     /* one past the last character */
} DossierSpellRange;

#define DOSSIER_TYPE_SPELLER (dossier_speller_get_type ())

G_DECLARE_FINAL_TYPE (DossierSpeller, dossier_speller, DOSSIER, SPELLER, GObject)

GQuark              dossier_speller_error_quark         (void);

/* "en_CA" and "fr_CA", NULL-terminated. */
const char * const *dossier_speller_get_languages       (void);
/* "en_CA" for any English tag ("en", "en-CA", "en_US.UTF-8"), "fr_CA" for any
 * French one, NULL for other languages and NULL. */
const char         *dossier_speller_normalize_language  (const char      *lang);
/* The value of the profile's xml:lang attributes for the language: "en" or "fr". */
const char         *dossier_speller_get_language_tag    (const char      *lang);
/* The language's name for the UI, translated: "English (Canada)". */
const char         *dossier_speller_get_language_name   (const char      *lang);
/* The Debian package that installs the language's dictionary: "hunspell-en-ca". */
const char         *dossier_speller_get_package         (const char      *lang);

/* A new reference to the process-wide speller of @lang ("en_CA" or "fr_CA"; "en",
 * "fr" and "fr-CA" are accepted too), created on first use. Fails with
 * DOSSIER_SPELLER_ERROR_NO_DICTIONARY, naming the package to install, when the
 * dictionary is not there. Thread-safe. */
DossierSpeller     *dossier_speller_get_for_language    (const char      *lang,
                                                         GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* A speller of its own, loading the dictionary and the personal word list anew (for
 * tests); the shared one is what callers want. */
DossierSpeller     *dossier_speller_new                 (const char      *lang,
                                                         GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* "en_CA" or "fr_CA". */
const char         *dossier_speller_get_language        (DossierSpeller  *self);
/* The .dic file in use. */
const char         *dossier_speller_get_dictionary_path (DossierSpeller  *self);

/* Every function below is safe to call from any thread. */

/* TRUE if @word (UTF-8) is spelled right, is in the personal word list or was ignored. */
gboolean            dossier_speller_check_word          (DossierSpeller  *self,
                                                         const char      *word);
/* Hunspell's suggestions, best first; an empty vector if it has none. */
GStrv               dossier_speller_suggest             (DossierSpeller  *self,
                                                         const char      *word) G_GNUC_WARN_UNUSED_RESULT;
/* Hunspell's stems of @word ("caring" -> "care"), lower-cased, without duplicates;
 * at least @word itself lower-cased when hunspell knows no stem. */
GStrv               dossier_speller_stem                (DossierSpeller  *self,
                                                         const char      *word) G_GNUC_WARN_UNUSED_RESULT;

/* Adds @word to the personal word list of the language,
 * g_get_user_config_dir()/dossier/words-<lang>.txt (one word a line, replaced
 * atomically), which every speller of that language loads when it is created.
 * The word is accepted at once; a file that cannot be written is logged. */
void                dossier_speller_add_word            (DossierSpeller  *self,
                                                         const char      *word);
/* The same, but tells the caller (the GUI shows it) when the file could not be
 * written; the word is accepted for this session anyway. */
gboolean            dossier_speller_add_word_full       (DossierSpeller  *self,
                                                         const char      *word,
                                                         GError         **error);
/* Accepts @word until the process ends. */
void                dossier_speller_ignore_word         (DossierSpeller  *self,
                                                         const char      *word);

/* The words of @text (UTF-8, NUL-terminated) that a speller should check, as
 * character ranges: letters with inner apostrophes (' or ’: "don't", "l’école")
 * and hyphens ("well-known", "peut-être"). Numbers, words holding digits
 * ("A1B2C3", "2nd"), acronyms in capitals ("NOC", "PSW"), URLs, e-mail addresses
 * and file paths are skipped, and a
 * leading French elision ("l'", "d’", "qu'") is not part of the word after it.
 * Returns (element-type DossierSpellRange). */
GArray             *dossier_speller_tokenize            (const char      *text) G_GNUC_WARN_UNUSED_RESULT;

/* The misspelled words of @text that lie in the character range
 * [@start_offset, @end_offset) (-1 for the end), widened to whole words, as
 * character ranges of @text, in order. A hyphenated word whose parts are all
 * right is right, and else only its wrong parts are returned. Returns (element-type DossierSpellRange). */
GArray             *dossier_speller_check_text          (DossierSpeller  *self,
                                                         const char      *text,
                                                         int              start_offset,
                                                         int              end_offset) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
