/* dossier-speller.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <hunspell.h>
#include <string.h>

#include "dossier-speller.h"

/* Words longer than this are not words (a pasted hash, a run of letters); hunspell is
 * not asked about them, which also keeps its run time bounded. */
#define MAX_WORD_CHARS 64

typedef struct
{
  const char *lang;                /* "en_CA" */
  const char *tag;                 /* "en", the xml:lang the profile format uses */
  const char *name;                /* for the UI */
  const char *package;             /* the Debian package of the dictionary */
  const char *files[4];            /* dictionary names to look for, best first */
} Language;

static const Language languages[] = {
  { "en_CA", "en", N_("English (Canada)"), "hunspell-en-ca", { "en_CA", NULL } },
  /* Debian's hunspell-fr installs one French dictionary, fr.dic, with fr_CA, fr_FR…
   * as links to it; other distributions ship fr_FR or fr_CA alone. */
  { "fr_CA", "fr", N_("French (Canada)"), "hunspell-fr", { "fr_CA", "fr", "fr_FR", NULL } },
};

static const char * const language_ids[] = { "en_CA", "fr_CA", NULL };

struct _DossierSpeller
{
  GObject         parent_instance;

  const Language *language;
  char           *lang;
  char           *dic_path;
  char           *encoding;         /* the dictionary's, when it is not UTF-8 */
  char           *words_path;       /* the personal word list */

  /* Hunspell handles are not thread-safe; everything below is used under the lock. */
  GMutex          mutex;
  Hunhandle      *handle;
  GHashTable     *personal;         /* words added to the personal list */
  GHashTable     *ignored;          /* words ignored for this session */
};

enum {
  PROP_0,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void dossier_speller_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierSpeller, dossier_speller, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      dossier_speller_initable_iface_init))

G_DEFINE_QUARK (dossier-speller-error-quark, dossier_speller_error)

/* ------------------------------------------------------------------------------------
 * Languages
 */

static const Language *
find_language (const char *lang)
{
  if (lang == NULL || *lang == '\0')
    return NULL;
  /* "en", "en_CA", "en-CA", "en_US.UTF-8": any English is checked as Canadian English,
   * any French as Canadian French. */
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      gsize len = strlen (languages[i].tag);

      if (g_ascii_strncasecmp (lang, languages[i].tag, len) == 0
          && (lang[len] == '\0' || lang[len] == '_' || lang[len] == '-' || lang[len] == '.'))
        return &languages[i];
    }
  return NULL;
}

/**
 * dossier_speller_get_languages:
 *
 * Returns: (transfer none): "en_CA" and "fr_CA"
 */
const char * const *
dossier_speller_get_languages (void)
{
  return language_ids;
}

/**
 * dossier_speller_normalize_language:
 * @lang: (nullable): a language tag as a profile or a locale gives it
 *
 * Returns: (nullable): "en_CA" for any English, "fr_CA" for any French, else %NULL
 */
const char *
dossier_speller_normalize_language (const char *lang)
{
  const Language *language = find_language (lang);

  return language != NULL ? language->lang : NULL;
}

/**
 * dossier_speller_get_language_tag:
 * @lang: "en_CA" or "fr_CA"
 *
 * Returns: (nullable): the value the profile's xml:lang attributes use for @lang,
 *   "en" or "fr"
 */
const char *
dossier_speller_get_language_tag (const char *lang)
{
  const Language *language = find_language (lang);

  return language != NULL ? language->tag : NULL;
}

const char *
dossier_speller_get_language_name (const char *lang)
{
  const Language *language = find_language (lang);

  return language != NULL ? _(language->name) : lang;
}

const char *
dossier_speller_get_package (const char *lang)
{
  const Language *language = find_language (lang);

  return language != NULL ? language->package : NULL;
}

/* The folders searched for dictionaries, in order. */
static GPtrArray *
search_path (void)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv (DOSSIER_SPELLER_PATH_ENV);
  const char * const *data_dirs;

  if (env != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_ptr_array_add (dirs, g_strdup (parts[i]));
      return dirs;
    }

  data_dirs = g_get_system_data_dirs ();
  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_ptr_array_add (dirs, g_build_filename (data_dirs[i], "hunspell", NULL));
      g_ptr_array_add (dirs, g_build_filename (data_dirs[i], "myspell", NULL));
      g_ptr_array_add (dirs, g_build_filename (data_dirs[i], "myspell", "dicts", NULL));
    }
  g_ptr_array_add (dirs, g_strdup ("/usr/share/hunspell"));
  return dirs;
}

/* Finds <name>.dic and <name>.aff for the language; returns the path without the
 * extension, or NULL and an error that says what to install. */
static char *
find_dictionary (const Language  *language,
                 GError         **error)
{
  g_autoptr(GPtrArray) dirs = search_path ();
  g_autoptr(GString) looked = g_string_new (NULL);

  for (guint i = 0; i < dirs->len; i++)
    {
      const char *dir = g_ptr_array_index (dirs, i);

      for (guint j = 0; language->files[j] != NULL; j++)
        {
          g_autofree char *base = g_build_filename (dir, language->files[j], NULL);
          g_autofree char *dic = g_strconcat (base, ".dic", NULL);
          g_autofree char *aff = g_strconcat (base, ".aff", NULL);

          if (g_file_test (dic, G_FILE_TEST_IS_REGULAR)
              && g_file_test (aff, G_FILE_TEST_IS_REGULAR))
            return g_steal_pointer (&base);
        }
      if (looked->len > 0)
        g_string_append (looked, ", ");
      g_string_append (looked, dir);
    }

  g_set_error (error, DOSSIER_SPELLER_ERROR, DOSSIER_SPELLER_ERROR_NO_DICTIONARY,
               /* Translators: "The French (Canada) spelling dictionary is not installed
                * (no fr_CA.dic in /usr/share/hunspell); install the “hunspell-fr” package,
                * for example with “sudo apt install hunspell-fr”" */
               _("The %s spelling dictionary is not installed (no %s.dic in %s); install "
                 "the “%s” package, for example with “sudo apt install %s”"),
               _(language->name), language->files[0],
               looked->len > 0 ? looked->str : _("no folder"),
               language->package, language->package);
  return NULL;
}

/* ------------------------------------------------------------------------------------
 * Words, in the dictionary's encoding
 */

/* Hunspell wants words in the dictionary's encoding; Debian's are all UTF-8, but a
 * dictionary from elsewhere may be in ISO-8859-1. Returns NULL if @word cannot be
 * written in it (then it is not in the dictionary either). */
static char *
to_dictionary (DossierSpeller *self,
               const char     *word)
{
  if (self->encoding == NULL)
    return g_strdup (word);
  return g_convert (word, -1, self->encoding, "UTF-8", NULL, NULL, NULL);
}

static char *
from_dictionary (DossierSpeller *self,
                 const char     *word)
{
  if (self->encoding == NULL)
    return g_utf8_validate (word, -1, NULL) ? g_strdup (word) : NULL;
  return g_convert (word, -1, "UTF-8", self->encoding, NULL, NULL, NULL);
}

static gboolean
spell_locked (DossierSpeller *self,
              const char     *word)
{
  g_autofree char *encoded = to_dictionary (self, word);

  return encoded != NULL && Hunspell_spell (self->handle, encoded) != 0;
}

/* The same word with its typographic apostrophes (’) as ASCII ones, or NULL when it
 * has none. */
static char *
ascii_apostrophes (const char *word)
{
  g_autoptr(GString) out = NULL;

  if (strstr (word, "\xe2\x80\x99") == NULL)
    return NULL;
  out = g_string_new (word);
  g_string_replace (out, "\xe2\x80\x99", "'", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
check_word_locked (DossierSpeller *self,
                   const char     *word)
{
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;

  if (g_hash_table_contains (self->ignored, word) || g_hash_table_contains (self->personal, word))
    return TRUE;
  lower = g_utf8_strdown (word, -1);
  if (g_hash_table_contains (self->ignored, lower) || g_hash_table_contains (self->personal, lower))
    return TRUE;
  if (spell_locked (self, word))
    return TRUE;
  /* Dictionaries write "don't" with an ASCII apostrophe; people and word processors
   * often type "don’t". */
  ascii = ascii_apostrophes (word);
  return ascii != NULL && spell_locked (self, ascii);
}

/* ------------------------------------------------------------------------------------
 * The personal word list
 */

static char *
words_path_for (const Language *language)
{
  g_autofree char *name = g_strdup_printf ("words-%s.txt", language->lang);

  return g_build_filename (g_get_user_config_dir (), "dossier", name, NULL);
}

/* Reads the words of a list file into @words; a missing file is an empty list. */
static gboolean
read_words (const char  *path,
            GHashTable  *words,
            GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot read the personal word list %s: "), path);
      return FALSE;
    }
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The personal word list %s is not UTF-8 text; fix or delete it"),
                   path);
      return FALSE;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *word = g_strstrip (lines[i]);

      if (*word == '\0' || *word == '#')
        continue;
      g_hash_table_add (words, g_strdup (word));
    }
  return TRUE;
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Writes the list again, with what another process may have added since we read it,
 * to a temporary file that then replaces the old one. */
static gboolean
save_words_locked (DossierSpeller  *self,
                   GError         **error)
{
  g_autoptr(GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autofree char *dir = g_path_get_dirname (self->words_path);
  g_autofree const char **sorted = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the folder %s for the personal word list: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* A list we cannot read is not overwritten. */
  if (!read_words (self->words_path, all, error))
    return FALSE;
  g_hash_table_iter_init (&iter, self->personal);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (all, g_strdup (key));

  sorted = (const char **) g_hash_table_get_keys_as_array (all, &n);
  qsort (sorted, n, sizeof (char *), compare_words);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (contents, sorted[i]);
      g_string_append_c (contents, '\n');
    }

  if (!g_file_set_contents_full (self->words_path, contents->str, contents->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      g_prefix_error (error, _("Cannot save the personal word list: "));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------
 * Object
 */

static gboolean
dossier_speller_initable_init (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  DossierSpeller *self = DOSSIER_SPELLER (initable);
  g_autofree char *base = NULL;
  g_autofree char *aff = NULL;
  g_autoptr(GHashTable) words = NULL;
  g_autoptr(GError) words_error = NULL;
  const char *encoding;
  GHashTableIter iter;
  gpointer key;

  self->language = find_language (self->lang);
  if (self->language == NULL)
    {
      g_set_error (error, DOSSIER_SPELLER_ERROR, DOSSIER_SPELLER_ERROR_UNKNOWN_LANGUAGE,
                   _("Spelling cannot be checked in “%s”, only in English (en_CA) "
                     "and French (fr_CA)"),
                   self->lang != NULL ? self->lang : "");
      return FALSE;
    }
  g_free (self->lang);
  self->lang = g_strdup (self->language->lang);

  base = find_dictionary (self->language, error);
  if (base == NULL)
    return FALSE;
  self->dic_path = g_strconcat (base, ".dic", NULL);
  aff = g_strconcat (base, ".aff", NULL);
  self->handle = Hunspell_create (aff, self->dic_path);
  if (self->handle == NULL)
    {
      g_set_error (error, DOSSIER_SPELLER_ERROR, DOSSIER_SPELLER_ERROR_NO_DICTIONARY,
                   _("Cannot load the spelling dictionary %s; reinstall the “%s” package"),
                   self->dic_path, self->language->package);
      return FALSE;
    }
  encoding = Hunspell_get_dic_encoding (self->handle);
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "UTF-8") != 0)
    self->encoding = g_strdup (encoding);

  /* A list that cannot be read costs the user their words for now, not the speller. */
  self->words_path = words_path_for (self->language);
  words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!read_words (self->words_path, words, &words_error))
    g_warning ("%s", words_error->message);
  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *encoded = to_dictionary (self, key);

      /* In hunspell too, so that its suggestions know the word. */
      if (encoded != NULL)
        Hunspell_add (self->handle, encoded);
      g_hash_table_add (self->personal, g_strdup (key));
    }
  return TRUE;
}

static void
dossier_speller_initable_iface_init (GInitableIface *iface)
{
  iface->init = dossier_speller_initable_init;
}

static void
dossier_speller_finalize (GObject *object)
{
  DossierSpeller *self = (DossierSpeller *)object;

  g_clear_pointer (&self->handle, Hunspell_destroy);
  g_clear_pointer (&self->personal, g_hash_table_unref);
  g_clear_pointer (&self->ignored, g_hash_table_unref);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->dic_path, g_free);
  g_clear_pointer (&self->encoding, g_free);
  g_clear_pointer (&self->words_path, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (dossier_speller_parent_class)->finalize (object);
}

static void
dossier_speller_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DossierSpeller *self = DOSSIER_SPELLER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->lang);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_speller_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DossierSpeller *self = DOSSIER_SPELLER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_free (self->lang);
      self->lang = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_speller_class_init (DossierSpellerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_speller_finalize;
  object_class->get_property = dossier_speller_get_property;
  object_class->set_property = dossier_speller_set_property;

  /**
   * DossierSpeller:language:
   *
   * "en_CA" or "fr_CA" (set as any English or French tag, read normalized).
   */
  properties [PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         DOSSIER_SPELLER_DEFAULT_LANGUAGE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_speller_init (DossierSpeller *self)
{
  g_mutex_init (&self->mutex);
  self->personal = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ------------------------------------------------------------------------------------
 * Public API
 */

/**
 * dossier_speller_new:
 * @lang: "en_CA" or "fr_CA"
 * @error: NO_DICTIONARY or UNKNOWN_LANGUAGE
 *
 * Loads the dictionary and the personal word list anew; most callers want the shared
 * instance of dossier_speller_get_for_language() instead.
 *
 * Returns: (transfer full): a new speller, or %NULL
 */
DossierSpeller *
dossier_speller_new (const char  *lang,
                     GError     **error)
{
  g_return_val_if_fail (lang != NULL, NULL);

  return g_initable_new (DOSSIER_TYPE_SPELLER, NULL, error, "language", lang, NULL);
}

/**
 * dossier_speller_get_for_language:
 * @lang: "en_CA" or "fr_CA" (any English or French tag is accepted)
 * @error: NO_DICTIONARY, naming the package to install, or UNKNOWN_LANGUAGE
 *
 * Returns: (transfer full): a reference to the process-wide speller of @lang
 */
DossierSpeller *
dossier_speller_get_for_language (const char  *lang,
                                  GError     **error)
{
  static GMutex lock;
  static GHashTable *spellers;   /* "en_CA" -> DossierSpeller, kept for the process */
  const Language *language = find_language (lang);
  g_autoptr(GMutexLocker) locker = NULL;
  DossierSpeller *speller;

  if (language == NULL)
    {
      g_set_error (error, DOSSIER_SPELLER_ERROR, DOSSIER_SPELLER_ERROR_UNKNOWN_LANGUAGE,
                   _("Spelling cannot be checked in “%s”, only in English (en_CA) "
                     "and French (fr_CA)"),
                   lang != NULL ? lang : "");
      return NULL;
    }

  /* Loading a dictionary takes a moment; a second thread asking for the same language
   * waits for the first one's speller rather than loading another. */
  locker = g_mutex_locker_new (&lock);
  if (spellers == NULL)
    spellers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  speller = g_hash_table_lookup (spellers, language->lang);
  if (speller == NULL)
    {
      speller = dossier_speller_new (language->lang, error);
      if (speller == NULL)
        return NULL;
      g_hash_table_insert (spellers, (gpointer) language->lang, speller);
    }
  return g_object_ref (speller);
}

const char *
dossier_speller_get_language (DossierSpeller *self)
{
  g_return_val_if_fail (DOSSIER_IS_SPELLER (self), NULL);

  return self->lang;
}

const char *
dossier_speller_get_dictionary_path (DossierSpeller *self)
{
  g_return_val_if_fail (DOSSIER_IS_SPELLER (self), NULL);

  return self->dic_path;
}

/**
 * dossier_speller_check_word:
 * @word: one word, UTF-8
 *
 * Returns: %TRUE if @word is spelled right, or is in the personal word list, or was
 *   ignored
 */
gboolean
dossier_speller_check_word (DossierSpeller *self,
                            const char     *word)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (DOSSIER_IS_SPELLER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (*word == '\0' || !g_utf8_validate (word, -1, NULL))
    return TRUE;
  locker = g_mutex_locker_new (&self->mutex);
  return check_word_locked (self, word);
}

/* Hunspell's list, in UTF-8, without duplicates; lower-cased if @lower. */
static GStrv
take_list (DossierSpeller  *self,
           char           **list,
           int              n,
           gboolean         lower)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *utf8 = from_dictionary (self, list[i]);
      g_autofree char *item = NULL;

      if (utf8 == NULL || *utf8 == '\0')
        continue;
      item = lower ? g_utf8_strdown (utf8, -1) : g_steal_pointer (&utf8);
      if (g_hash_table_contains (seen, item))
        continue;
      g_hash_table_add (seen, g_strdup (item));
      g_strv_builder_add (builder, item);
    }
  if (n > 0)
    Hunspell_free_list (self->handle, &list, n);
  return g_strv_builder_end (builder);
}

/**
 * dossier_speller_suggest:
 * @word: a misspelled word
 *
 * Returns: (transfer full): hunspell's suggestions, best first (maybe none)
 */
GStrv
dossier_speller_suggest (DossierSpeller *self,
                         const char     *word)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *encoded = NULL;
  char **list = NULL;
  int n;

  g_return_val_if_fail (DOSSIER_IS_SPELLER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (!g_utf8_validate (word, -1, NULL) || g_utf8_strlen (word, -1) > MAX_WORD_CHARS)
    return g_new0 (char *, 1);
  locker = g_mutex_locker_new (&self->mutex);
  encoded = to_dictionary (self, word);
  if (encoded == NULL)
    return g_new0 (char *, 1);
  n = Hunspell_suggest (self->handle, &list, encoded);
  return take_list (self, list, n, FALSE);
}

/* English vowels, with y one after a consonant ("by", not "yes"). */
static gboolean
is_consonant (const char *word,
              gsize       i)
{
  switch (word[i])
    {
    case 'a': case 'e': case 'i': case 'o': case 'u':
      return FALSE;
    case 'y':
      return i == 0 || !is_consonant (word, i - 1);
    default:
      return TRUE;
    }
}

/* Porter's measure: how many vowel-consonant sequences @word has. */
static guint
measure (const char *word,
         gsize       length)
{
  guint m = 0;
  gsize i = 0;

  while (i < length && is_consonant (word, i))
    i++;
  while (i < length)
    {
      while (i < length && !is_consonant (word, i))
        i++;
      if (i >= length)
        break;
      while (i < length && is_consonant (word, i))
        i++;
      m++;
    }
  return m;
}

/* The stem of an English -ed or -ing form by Porter's rule (step 1b): "cared" ->
 * "care", "hoping" -> "hope", "hopping" -> "hop", "working" -> "work". The English
 * dictionaries give a wrong stem for some of these, because their flags also derive
 * "cared" from "car" and "hoping" from "hop", which English spelling would double
 * ("carred", "hopping"). Returns NULL for other words. */
static char *
english_stem (const char *lower)
{
  gsize length = strlen (lower);
  gsize n;
  gboolean has_vowel = FALSE;
  g_autofree char *stem = NULL;

  for (const char *p = lower; *p != '\0'; p++)
    if (!g_ascii_islower (*p))
      return NULL;
  if (g_str_has_suffix (lower, "ing"))
    n = length - 3;
  else if (g_str_has_suffix (lower, "ed") && !g_str_has_suffix (lower, "eed"))
    n = length - 2;
  else
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (!is_consonant (lower, i))
      has_vowel = TRUE;
  if (!has_vowel || n < 2)
    return NULL;

  stem = g_strndup (lower, n);
  if (g_str_has_suffix (stem, "at") || g_str_has_suffix (stem, "bl") || g_str_has_suffix (stem, "iz"))
    return g_strconcat (stem, "e", NULL);
  if (stem[n - 1] == stem[n - 2] && is_consonant (stem, n - 1)
      && strchr ("lsz", stem[n - 1]) == NULL)
    return g_strndup (stem, n - 1);
  if (n >= 3 && measure (stem, n) == 1
      && is_consonant (stem, n - 3) && !is_consonant (stem, n - 2) && is_consonant (stem, n - 1)
      && strchr ("wxy", stem[n - 1]) == NULL)
    return g_strconcat (stem, "e", NULL);
  return g_steal_pointer (&stem);
}

/**
 * dossier_speller_stem:
 * @word: a word
 *
 * Returns: (transfer full): the stems hunspell finds for @word, lower-cased, or @word
 *   lower-cased when it finds none
 */
GStrv
dossier_speller_stem (DossierSpeller *self,
                      const char     *word)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *encoded = NULL;
  g_auto(GStrv) stems = NULL;
  char **list = NULL;
  int n = 0;

  g_return_val_if_fail (DOSSIER_IS_SPELLER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (g_utf8_validate (word, -1, NULL) && g_utf8_strlen (word, -1) <= MAX_WORD_CHARS)
    {
      g_autofree char *ascii = ascii_apostrophes (word);

      g_autofree char *lower = g_utf8_strdown (ascii != NULL ? ascii : word, -1);
      g_autofree char *english = NULL;

      locker = g_mutex_locker_new (&self->mutex);
      encoded = to_dictionary (self, ascii != NULL ? ascii : word);
      if (encoded != NULL)
        n = Hunspell_stem (self->handle, &list, encoded);
      stems = take_list (self, list, n, TRUE);

      english = g_str_equal (self->language->tag, "en") ? english_stem (lower) : NULL;
      if (english != NULL && !spell_locked (self, english))
        {
          /* Porter's rule misses a silent e after a long stem: "supervised". */
          g_autofree char *with_e = g_strconcat (english, "e", NULL);

          g_free (english);
          english = spell_locked (self, with_e) ? g_steal_pointer (&with_e) : NULL;
        }
      if (english != NULL)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_autofree char *bare = NULL;

          /* Porter's stem first; the dictionary's bare one ("car" for "cared") only
           * when it is the same. */
          bare = g_strndup (lower, strlen (lower) - (g_str_has_suffix (lower, "ing") ? 3 : 2));
          g_strv_builder_add (builder, english);
          for (guint i = 0; stems[i] != NULL; i++)
            if (!g_str_equal (stems[i], english) && !g_str_equal (stems[i], bare))
              g_strv_builder_add (builder, stems[i]);
          g_strfreev (stems);
          stems = g_strv_builder_end (builder);
        }
    }
  if (stems == NULL || stems[0] == NULL)
    {
      char **only = g_new0 (char *, 2);

      only[0] = g_utf8_validate (word, -1, NULL) ? g_utf8_strdown (word, -1) : g_strdup ("");
      return only;
    }
  return g_steal_pointer (&stems);
}

/**
 * dossier_speller_add_word_full:
 * @word: the word to accept from now on
 * @error: a #GFileError when the list could not be saved
 *
 * Returns: %TRUE if the personal word list was saved
 */
gboolean
dossier_speller_add_word_full (DossierSpeller  *self,
                               const char      *word,
                               GError         **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (DOSSIER_IS_SPELLER (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (word, -1, NULL))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("Cannot add a word that is not UTF-8 text to the personal word list"));
      return FALSE;
    }
  clean = g_strstrip (g_strdup (word));
  /* One word a line: a line break would make two. */
  if (*clean == '\0' || strpbrk (clean, "\r\n") != NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("“%s” is not a single word; the personal word list holds one word a line"),
                   word);
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->mutex);
  if (g_hash_table_contains (self->personal, clean))
    return TRUE;
  g_hash_table_add (self->personal, g_strdup (clean));
  encoded = to_dictionary (self, clean);
  if (encoded != NULL)
    Hunspell_add (self->handle, encoded);
  return save_words_locked (self, error);
}

/**
 * dossier_speller_add_word:
 * @word: the word to accept from now on
 *
 * Adds @word to the personal word list; a list that cannot be saved is logged.
 */
void
dossier_speller_add_word (DossierSpeller *self,
                          const char     *word)
{
  g_autoptr(GError) error = NULL;

  if (!dossier_speller_add_word_full (self, word, &error))
    g_warning ("%s", error->message);
}

void
dossier_speller_ignore_word (DossierSpeller *self,
                             const char     *word)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (DOSSIER_IS_SPELLER (self));
  g_return_if_fail (word != NULL);

  if (*word == '\0' || !g_utf8_validate (word, -1, NULL))
    return;
  locker = g_mutex_locker_new (&self->mutex);
  g_hash_table_add (self->ignored, g_strdup (word));
}

/* ------------------------------------------------------------------------------------
 * Tokenizer
 */

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Elided French articles and pronouns: "l’école" is checked as "école". */
static gboolean
is_elision (const char *start,
            gsize       length)
{
  static const char * const elisions[] = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    NULL
  };
  g_autofree char *lower = g_utf8_strdown (start, length);

  return g_strv_contains (elisions, lower);
}

/* A chunk of text between blanks that is a web address, an e-mail address, a file
 * path or an identifier, not words. */
static gboolean
is_technical (const char *chunk,
              gsize       length)
{
  g_autofree char *text = g_strndup (chunk, length);

  if (strstr (text, "://") != NULL || g_ascii_strncasecmp (text, "www.", 4) == 0)
    return TRUE;
  if (strchr (text, '@') != NULL || strchr (text, '_') != NULL || strchr (text, '\\') != NULL)
    return TRUE;
  if (text[0] == '/' || g_str_has_prefix (text, "~/"))
    return TRUE;
  /* example.org, passport.pdf, e.g.: a dot followed by a letter or digit. */
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '.' && p != text && g_ascii_isalnum (p[1]))
      return TRUE;
  return FALSE;
}

/* A word of the text: character offsets, and byte offsets for reading it. */
typedef struct
{
  DossierSpellRange range;
  gsize             byte_start;
  gsize             byte_end;
} Token;

/* Adds the words of one chunk, which starts at character @offset of @text. */
static void
tokenize_chunk (const char *text,
                const char *chunk,
                gsize       length,
                int         offset,
                GArray     *tokens)
{
  const char *end = chunk + length;
  const char *p = chunk;
  int index = offset;

  if (is_technical (chunk, length))
    return;

  while (p < end)
    {
      const char *word_start;
      const char *elision_end = NULL;
      int start_index, elision_index = 0;
      gboolean has_digit = FALSE, has_lower = FALSE;
      int n_letters = 0;
      Token token;

      if (!is_word_char (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          index++;
          continue;
        }

      word_start = p;
      start_index = index;
      while (p < end)
        {
          gunichar c = g_utf8_get_char (p);
          const char *next = g_utf8_next_char (p);

          if (is_word_char (c))
            {
              if (g_unichar_isdigit (c))
                has_digit = TRUE;
              else if (g_unichar_isalpha (c))
                {
                  n_letters++;
                  if (!g_unichar_isupper (c))
                    has_lower = TRUE;
                }
            }
          else if ((is_apostrophe (c) || is_hyphen (c))
                   && next < end && is_word_char (g_utf8_get_char (next)))
            {
              /* Inside a word: "don't", "peut-être". */
              if (is_apostrophe (c) && elision_end == NULL
                  && is_elision (word_start, p - word_start))
                {
                  elision_end = next;
                  elision_index = index + 1;
                }
            }
          else
            break;
          p = next;
          index++;
        }

      /* Numbers, postal codes, "2nd", "A1B2C3"; and acronyms (NOC, PSW, CLB). */
      if (has_digit || (!has_lower && n_letters > 1))
        continue;
      token.range.start = elision_end != NULL ? elision_index : start_index;
      token.range.end = index;
      token.byte_start = (elision_end != NULL ? elision_end : word_start) - text;
      token.byte_end = p - text;
      if (token.range.end > token.range.start)
        g_array_append_val (tokens, token);
    }
}

/* Tokenizes @text from @start to @stop (at chunk boundaries), where @start is
 * character @offset of @text. */
static void
tokenize_range (const char *text,
                const char *start,
                const char *stop,
                int         offset,
                GArray     *tokens)
{
  const char *p = start;
  int index = offset;

  while (p < stop)
    {
      const char *chunk;
      int chunk_index;

      while (p < stop && g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          index++;
        }
      if (p >= stop)
        break;
      chunk = p;
      chunk_index = index;
      while (p < stop && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          index++;
        }
      tokenize_chunk (text, chunk, p - chunk, chunk_index, tokens);
    }
}

/**
 * dossier_speller_tokenize:
 * @text: UTF-8 text
 *
 * Returns: (transfer full) (element-type DossierSpellRange): the words to check
 */
GArray *
dossier_speller_tokenize (const char *text)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  GArray *words = g_array_new (FALSE, FALSE, sizeof (DossierSpellRange));

  g_return_val_if_fail (text != NULL, words);

  if (!g_utf8_validate (text, -1, NULL))
    return words;
  tokenize_range (text, text, text + strlen (text), 0, tokens);
  for (guint i = 0; i < tokens->len; i++)
    g_array_append_val (words, g_array_index (tokens, Token, i).range);
  return words;
}

/* Checks one word of @text; a hyphenated word that is not in the dictionary as a whole
 * is right when each part is, and else only its wrong parts are reported. */
static void
check_token_locked (DossierSpeller *self,
                    const char     *text,
                    const Token    *token,
                    GArray         *misspelled)
{
  const char *start = text + token->byte_start;
  const char *end = text + token->byte_end;
  g_autofree char *whole = g_strndup (start, end - start);
  const char *p;
  int index;

  if (token->range.end - token->range.start > MAX_WORD_CHARS
      || check_word_locked (self, whole))
    return;

  p = start;
  index = token->range.start;
  while (p < end)
    {
      const char *part = p;
      int part_index = index;
      DossierSpellRange range;
      g_autofree char *text_part = NULL;

      while (p < end && !is_hyphen (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          index++;
        }
      range.start = part_index;
      range.end = index;
      if (p == end && part == start)
        {
          /* No hyphen at all. */
          g_array_append_val (misspelled, range);
          return;
        }
      text_part = g_strndup (part, p - part);
      if (*text_part != '\0' && !check_word_locked (self, text_part))
        g_array_append_val (misspelled, range);
      if (p < end)
        {
          p = g_utf8_next_char (p);
          index++;
        }
    }
}

/**
 * dossier_speller_check_text:
 * @text: UTF-8 text
 * @start_offset: the first character of the region to check
 * @end_offset: one past its last character, or -1 for the end of @text
 *
 * Returns: (transfer full) (element-type DossierSpellRange): the misspelled words
 *   that touch the region, in order
 */
GArray *
dossier_speller_check_text (DossierSpeller *self,
                            const char     *text,
                            int             start_offset,
                            int             end_offset)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  GArray *misspelled = g_array_new (FALSE, FALSE, sizeof (DossierSpellRange));
  g_autoptr(GMutexLocker) locker = NULL;
  const char *start, *stop, *p;
  int length, start_index;

  g_return_val_if_fail (DOSSIER_IS_SPELLER (self), misspelled);
  g_return_val_if_fail (text != NULL, misspelled);

  if (!g_utf8_validate (text, -1, NULL))
    return misspelled;
  length = (int) g_utf8_strlen (text, -1);
  if (end_offset < 0 || end_offset > length)
    end_offset = length;
  start_offset = CLAMP (start_offset, 0, end_offset);

  /* Words never span blanks: widen the region to the blanks around it. */
  start = g_utf8_offset_to_pointer (text, start_offset);
  start_index = start_offset;
  while (start > text)
    {
      const char *prev = g_utf8_prev_char (start);

      if (g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      start = prev;
      start_index--;
    }
  stop = g_utf8_offset_to_pointer (start, end_offset - start_index);
  /* A region that ends inside a word (not just before one) takes the rest of it. */
  p = stop;
  if (stop > start && !g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (stop))))
    while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
      p = g_utf8_next_char (p);
  stop = p;

  tokenize_range (text, start, stop, start_index, tokens);

  locker = g_mutex_locker_new (&self->mutex);
  for (guint i = 0; i < tokens->len; i++)
    check_token_locked (self, text, &g_array_index (tokens, Token, i), misspelled);
  return misspelled;
}
