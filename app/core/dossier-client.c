/* dossier-client.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client.h"
#include "dossier-pack.h"
#include "dossier-profile.h"
#include "dossier-readiness.h"

struct _DossierClientSummary
{
  DossierClientStatus  status;
  char                *family_name;
  char                *given_names;
  char                *program_id;
  char                *program_title;
  int                  verdict;
  gboolean             ready;
  guint                slots_done;
  guint                slots_required;
  DossierDay           as_of;
  DossierDay           next_expiry;
  char                *next_expiry_what;
  char                *error_message;
};

struct _DossierClient
{
  GObject              parent_instance;

  char                *path;
  DossierClientStatus  status;
  char                *family_name;
  char                *given_names;
  char                *display_name;
  char                *name_key;
  char                *folded_name;
  char                *program_id;
  char                *program_title;
  int                  verdict;
  gboolean             ready;
  guint                slots_done;
  guint                slots_required;
  DossierDay           as_of;
  DossierDay           next_expiry;
  char                *next_expiry_what;
  char                *error_message;
};

G_DEFINE_FINAL_TYPE (DossierClient, dossier_client, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_ENUM_TYPE (DossierClientStatus, dossier_client_status,
  G_DEFINE_ENUM_VALUE (DOSSIER_CLIENT_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (DOSSIER_CLIENT_LOADED, "loaded"),
  G_DEFINE_ENUM_VALUE (DOSSIER_CLIENT_DAMAGED, "damaged"))

G_DEFINE_ENUM_TYPE (DossierAsOfRule, dossier_as_of_rule,
  G_DEFINE_ENUM_VALUE (DOSSIER_AS_OF_NEXT_OPENING, "next-opening"),
  G_DEFINE_ENUM_VALUE (DOSSIER_AS_OF_TODAY, "today"))

enum {
  PROP_0,
  PROP_PATH,
  PROP_STATUS,
  PROP_FAMILY_NAME,
  PROP_GIVEN_NAMES,
  PROP_DISPLAY_NAME,
  PROP_PROGRAM_ID,
  PROP_PROGRAM_TITLE,
  PROP_VERDICT,
  PROP_READY,
  PROP_SLOTS_DONE,
  PROP_SLOTS_REQUIRED,
  PROP_NEXT_EXPIRY,
  PROP_NEXT_EXPIRY_WHAT,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* ------------------------------------------------------------------------------------
 * Names
 */

/* Case, accents and compatibility forms do not matter when searching: “jose” finds
 * “José”, “dela” finds “DELA CRUZ”. */
char *
dossier_client_fold_query (const char *query)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) stripped = NULL;

  if (query == NULL)
    return g_strdup ("");
  decomposed = g_utf8_normalize (query, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");
  stripped = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      g_string_append_unichar (stripped, c);
    }
  return g_utf8_casefold (stripped->str, -1);
}

static char *
name_from_path (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);

  if (g_str_has_suffix (basename, ".dossier"))
    basename[strlen (basename) - strlen (".dossier")] = '\0';
  return g_steal_pointer (&basename);
}

static void
dossier_client_update_names (DossierClient *self)
{
  g_autofree char *family = g_strstrip (g_strdup (self->family_name ? self->family_name : ""));
  g_autofree char *given = g_strstrip (g_strdup (self->given_names ? self->given_names : ""));
  g_autofree char *sort_name = NULL;

  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->name_key, g_free);
  g_clear_pointer (&self->folded_name, g_free);

  if (*family != '\0' && *given != '\0')
    self->display_name = g_strdup_printf ("%s %s", given, family);
  else if (*family != '\0' || *given != '\0')
    self->display_name = g_strdup (*family != '\0' ? family : given);
  else
    self->display_name = name_from_path (self->path);

  /* Clients are sorted by family name, then given names. */
  if (*family != '\0' || *given != '\0')
    sort_name = g_strdup_printf ("%s\t%s", family, given);
  else
    sort_name = g_strdup (self->display_name);
  self->name_key = g_utf8_collate_key_for_filename (sort_name, -1);
  self->folded_name = dossier_client_fold_query (self->display_name);
}

/* ------------------------------------------------------------------------------------
 * GObject
 */

static void
dossier_client_finalize (GObject *object)
{
  DossierClient *self = (DossierClient *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->family_name, g_free);
  g_clear_pointer (&self->given_names, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->name_key, g_free);
  g_clear_pointer (&self->folded_name, g_free);
  g_clear_pointer (&self->program_id, g_free);
  g_clear_pointer (&self->program_title, g_free);
  g_clear_pointer (&self->next_expiry_what, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (dossier_client_parent_class)->finalize (object);
}

static void
dossier_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DossierClient *self = DOSSIER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_FAMILY_NAME:
      g_value_set_string (value, self->family_name);
      break;
    case PROP_GIVEN_NAMES:
      g_value_set_string (value, self->given_names);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_PROGRAM_ID:
      g_value_set_string (value, self->program_id);
      break;
    case PROP_PROGRAM_TITLE:
      g_value_set_string (value, self->program_title);
      break;
    case PROP_VERDICT:
      g_value_set_int (value, self->verdict);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    case PROP_SLOTS_DONE:
      g_value_set_uint (value, self->slots_done);
      break;
    case PROP_SLOTS_REQUIRED:
      g_value_set_uint (value, self->slots_required);
      break;
    case PROP_NEXT_EXPIRY:
      g_value_set_uint (value, self->next_expiry);
      break;
    case PROP_NEXT_EXPIRY_WHAT:
      g_value_set_string (value, self->next_expiry_what);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DossierClient *self = DOSSIER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_constructed (GObject *object)
{
  DossierClient *self = DOSSIER_CLIENT (object);

  G_OBJECT_CLASS (dossier_client_parent_class)->constructed (object);

  g_assert (self->path != NULL);
  dossier_client_update_names (self);
}

static void
dossier_client_class_init (DossierClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dossier_client_finalize;
  object_class->get_property = dossier_client_get_property;
  object_class->set_property = dossier_client_set_property;
  object_class->constructed = dossier_client_constructed;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DOSSIER_TYPE_CLIENT_STATUS,
                       DOSSIER_CLIENT_PENDING, ro);
  properties [PROP_FAMILY_NAME] = g_param_spec_string ("family-name", NULL, NULL, NULL, ro);
  properties [PROP_GIVEN_NAMES] = g_param_spec_string ("given-names", NULL, NULL, NULL, ro);
  properties [PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, ro);
  properties [PROP_PROGRAM_ID] = g_param_spec_string ("program-id", NULL, NULL, NULL, ro);
  properties [PROP_PROGRAM_TITLE] = g_param_spec_string ("program-title", NULL, NULL, NULL, ro);
  properties [PROP_VERDICT] =
    g_param_spec_int ("verdict", NULL, NULL, DOSSIER_CLIENT_NO_VERDICT, G_MAXINT,
                      DOSSIER_CLIENT_NO_VERDICT, ro);
  properties [PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE, ro);
  properties [PROP_SLOTS_DONE] = g_param_spec_uint ("slots-done", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties [PROP_SLOTS_REQUIRED] =
    g_param_spec_uint ("slots-required", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties [PROP_NEXT_EXPIRY] =
    g_param_spec_uint ("next-expiry", NULL, NULL, 0, G_MAXUINT32, DOSSIER_DAY_UNKNOWN, ro);
  properties [PROP_NEXT_EXPIRY_WHAT] =
    g_param_spec_string ("next-expiry-what", NULL, NULL, NULL, ro);
  properties [PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierClient::changed:
   *
   * Emitted once after a summary changed any of the client's properties, for views
   * that show several of them.
   */
  signals [CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dossier_client_init (DossierClient *self)
{
  self->verdict = DOSSIER_CLIENT_NO_VERDICT;
}

/**
 * dossier_client_new:
 * @path: the client's .dossier file
 *
 * Returns: (transfer full): a client whose summary is still to be read.
 */
DossierClient *
dossier_client_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (DOSSIER_TYPE_CLIENT, "path", path, NULL);
}

const char *
dossier_client_get_path (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->path;
}

DossierClientStatus
dossier_client_get_status (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), DOSSIER_CLIENT_PENDING);
  return self->status;
}

const char *
dossier_client_get_family_name (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->family_name;
}

const char *
dossier_client_get_given_names (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->given_names;
}

/**
 * dossier_client_get_display_name:
 *
 * Returns: the given names and family name, or the file's name while they are not
 *   known (or empty). Never %NULL.
 */
const char *
dossier_client_get_display_name (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->display_name;
}

const char *
dossier_client_get_program_id (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->program_id;
}

const char *
dossier_client_get_program_title (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->program_title;
}

/**
 * dossier_client_get_verdict:
 *
 * Returns: a #DossierVerdict, or %DOSSIER_CLIENT_NO_VERDICT.
 */
int
dossier_client_get_verdict (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), DOSSIER_CLIENT_NO_VERDICT);
  return self->verdict;
}

gboolean
dossier_client_get_ready (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), FALSE);
  return self->ready;
}

guint
dossier_client_get_slots_done (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), 0);
  return self->slots_done;
}

guint
dossier_client_get_slots_required (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), 0);
  return self->slots_required;
}

DossierDay
dossier_client_get_as_of (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), DOSSIER_DAY_UNKNOWN);
  return self->as_of;
}

DossierDay
dossier_client_get_next_expiry (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), DOSSIER_DAY_UNKNOWN);
  return self->next_expiry;
}

const char *
dossier_client_get_next_expiry_what (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->next_expiry_what;
}

const char *
dossier_client_get_error_message (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->error_message;
}

const char *
dossier_client_get_name_key (DossierClient *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), NULL);
  return self->name_key;
}

/**
 * dossier_client_matches:
 * @folded_query: a query folded by dossier_client_fold_query()
 *
 * Returns: whether every word of the query is in the client's name.
 */
gboolean
dossier_client_matches (DossierClient *self,
                        const char    *folded_query)
{
  const char *p;

  g_return_val_if_fail (DOSSIER_IS_CLIENT (self), FALSE);

  if (folded_query == NULL)
    return TRUE;

  p = folded_query;
  while (*p != '\0')
    {
      const char *end;
      gboolean found;
      g_autofree char *word = NULL;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;
      end = strchr (p, ' ');
      if (end == NULL)
        end = p + strlen (p);
      word = g_strndup (p, (gsize) (end - p));
      found = strstr (self->folded_name, word) != NULL;
      if (!found)
        return FALSE;
      p = end;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------
 * Summaries
 */

void
dossier_client_summary_free (DossierClientSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->family_name);
  g_free (summary->given_names);
  g_free (summary->program_id);
  g_free (summary->program_title);
  g_free (summary->next_expiry_what);
  g_free (summary->error_message);
  g_free (summary);
}

static DossierLang
lang_from_code (const char *lang)
{
  return g_strcmp0 (lang, "fr") == 0 ? DOSSIER_LANG_FR : DOSSIER_LANG_EN;
}

static void
consider_expiry (DossierClientSummary *summary,
                 DossierDay            day,
                 const char           *what)
{
  if (day == DOSSIER_DAY_UNKNOWN || what == NULL)
    return;
  if (summary->next_expiry != DOSSIER_DAY_UNKNOWN && summary->next_expiry <= day)
    return;
  summary->next_expiry = day;
  g_free (summary->next_expiry_what);
  summary->next_expiry_what = g_strdup (what);
}

/**
 * dossier_client_summary_read:
 * @path: a .dossier file
 * @as_of_rule: which day to judge readiness on
 * @lang: "en" or "fr", for the program's title and the documents' names
 *
 * Loads the profile, judges it against its program on the day the rule gives, and keeps
 * what the start screen shows: names, program, verdict, required documents done, and
 * the first date a document stops being valid.
 *
 * Returns: (transfer full): the summary.
 */
DossierClientSummary *
dossier_client_summary_read (const char      *path,
                             DossierAsOfRule  as_of_rule,
                             const char      *lang,
                             GCancellable    *cancellable)
{
  g_autoptr(DossierClientSummary) summary = g_new0 (DossierClientSummary, 1);
  g_autoptr(DossierProfile) profile = NULL;
  g_autoptr(DossierReadiness) readiness = NULL;
  g_autoptr(GError) error = NULL;
  const DossierRecords *records;
  DossierLang l = lang_from_code (lang);
  DossierPack *pack = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  summary->verdict = DOSSIER_CLIENT_NO_VERDICT;

  profile = dossier_profile_load (path, &error);
  if (profile == NULL)
    {
      summary->status = DOSSIER_CLIENT_DAMAGED;
      summary->error_message = g_strdup (error->message);
      return g_steal_pointer (&summary);
    }

  summary->status = DOSSIER_CLIENT_LOADED;
  records = dossier_profile_get_records (profile);
  summary->family_name = g_strdup (records->applicant.family_name);
  summary->given_names = g_strdup (records->applicant.given_names);
  summary->program_id = g_strdup (records->program);

  if (g_cancellable_is_cancelled (cancellable))
    return g_steal_pointer (&summary);

  if (records->program != NULL)
    pack = dossier_pack_find (records->program, NULL);

  /* The applicant's own papers expire whether or not their copies are attached. */
  consider_expiry (summary, records->applicant.passport_expires, _("Passport"));
  if (g_strcmp0 (records->applicant.status_kind, "work-permit") == 0)
    consider_expiry (summary, records->applicant.status_expires, _("Work permit"));
  else if (g_strcmp0 (records->applicant.status_kind, "student") == 0)
    consider_expiry (summary, records->applicant.status_expires, _("Study permit"));
  else
    consider_expiry (summary, records->applicant.status_expires, _("Status in Canada"));

  if (pack == NULL)
    return g_steal_pointer (&summary);

  summary->program_title = g_strdup (dossier_pack_get_title (pack, l == DOSSIER_LANG_FR ? "fr" : "en"));
  if (as_of_rule == DOSSIER_AS_OF_TODAY)
    summary->as_of = dossier_day_today ();
  else
    summary->as_of = dossier_pack_get_default_as_of (pack);

  readiness = dossier_readiness_new (pack, profile, summary->as_of, &error);
  if (readiness == NULL)
    {
      summary->error_message = g_strdup (error->message);
      return g_steal_pointer (&summary);
    }

  summary->verdict = readiness->evaluation->verdict;
  summary->ready = readiness->ready;
  for (guint i = 0; i < readiness->slots->len; i++)
    {
      const DossierSlotStatus *slot = g_ptr_array_index (readiness->slots, i);

      if (slot->need == DOSSIER_SLOT_REQUIRED)
        {
          summary->slots_required++;
          if (slot->state == DOSSIER_SLOT_READY || slot->state == DOSSIER_SLOT_TO_FIT)
            summary->slots_done++;
        }
      if (slot->files != NULL && slot->files->len > 0)
        consider_expiry (summary, slot->valid_until, slot->label[l]);
    }
  return g_steal_pointer (&summary);
}

static gboolean
set_string (DossierClient  *self,
            char          **field,
            const char     *value,
            guint           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
  return TRUE;
}

/**
 * dossier_client_apply_summary:
 *
 * Takes the values of @summary, which stays owned by the caller.
 */
void
dossier_client_apply_summary (DossierClient        *self,
                              DossierClientSummary *summary)
{
  gboolean names_changed = FALSE;
  gboolean changed = FALSE;

  g_return_if_fail (DOSSIER_IS_CLIENT (self));
  g_return_if_fail (summary != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  names_changed |= set_string (self, &self->family_name, summary->family_name, PROP_FAMILY_NAME);
  names_changed |= set_string (self, &self->given_names, summary->given_names, PROP_GIVEN_NAMES);
  if (names_changed)
    {
      dossier_client_update_names (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DISPLAY_NAME]);
    }
  changed |= names_changed;
  changed |= set_string (self, &self->program_id, summary->program_id, PROP_PROGRAM_ID);
  changed |= set_string (self, &self->program_title, summary->program_title, PROP_PROGRAM_TITLE);
  changed |= set_string (self, &self->next_expiry_what, summary->next_expiry_what,
                         PROP_NEXT_EXPIRY_WHAT);
  changed |= set_string (self, &self->error_message, summary->error_message, PROP_ERROR_MESSAGE);

  self->as_of = summary->as_of;
  if (self->verdict != summary->verdict)
    {
      self->verdict = summary->verdict;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VERDICT]);
      changed = TRUE;
    }
  if (self->ready != summary->ready)
    {
      self->ready = summary->ready;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_READY]);
      changed = TRUE;
    }
  if (self->slots_done != summary->slots_done)
    {
      self->slots_done = summary->slots_done;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SLOTS_DONE]);
      changed = TRUE;
    }
  if (self->slots_required != summary->slots_required)
    {
      self->slots_required = summary->slots_required;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SLOTS_REQUIRED]);
      changed = TRUE;
    }
  if (self->next_expiry != summary->next_expiry)
    {
      self->next_expiry = summary->next_expiry;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEXT_EXPIRY]);
      changed = TRUE;
    }
  /* Last, so that whoever watches the status sees the values. */
  if (self->status != summary->status)
    {
      self->status = summary->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
      changed = TRUE;
    }

  g_object_thaw_notify (G_OBJECT (self));
  if (changed)
    g_signal_emit (self, signals [CHANGED], 0);
}
