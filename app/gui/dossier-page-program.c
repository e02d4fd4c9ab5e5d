/* dossier-page-program.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-evaluation.h"
#include "dossier-i18n.h"
#include "dossier-page-program.h"
#include "dossier-wizard.h"

#define PROGRAM_PATH "program/@id"

struct _DossierPageProgram
{
  AdwBin               parent_instance;

  DossierProfile      *profile;
  gulong               changed_id;
  DossierDay           as_of;
  GPtrArray           *packs;          /* DossierPack, not owned */
  GPtrArray           *checks;         /* GtkCheckButton, one per pack */
  GPtrArray           *pack_rows;      /* AdwActionRow, one per pack */
  GPtrArray           *extra_rows;     /* rows of caps_group and sources_group */
  DossierPack         *shown;
  guint                tick_id;
  guint                update_id;
  guint                updating : 1;

  AdwPreferencesGroup *programs_group;
  AdwPreferencesGroup *caps_group;
  AdwPreferencesGroup *sources_group;
  AdwActionRow        *state_row;
  GtkImage            *state_icon;
  AdwActionRow        *opening_row;
  AdwActionRow        *countdown_row;
  AdwActionRow        *window_row;
};

G_DEFINE_FINAL_TYPE (DossierPageProgram, dossier_page_program, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_AS_OF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
state_text (DossierProgramState state)
{
  switch (state)
    {
    case DOSSIER_PROGRAM_UPCOMING:
      return _("Not open yet");
    case DOSSIER_PROGRAM_OPEN:
      /* TRANSLATORS: a program's status: open for applications (not the verb). */
      return C_("program status", "Open");
    case DOSSIER_PROGRAM_PAUSED:
      return _("Paused");
    case DOSSIER_PROGRAM_CLOSED:
      return _("Closed");
    case DOSSIER_PROGRAM_UNKNOWN:
    default:
      return _("Status not known");
    }
}

static char *
describe_state (DossierPack *pack,
                DossierDay   as_of,
                gboolean     with_note)
{
  const char *note_en = NULL;
  const char *note_fr = NULL;
  DossierProgramState state = dossier_pack_get_state (pack, as_of, &note_en, &note_fr);
  g_autofree char *day = dossier_day_format (as_of);
  const char *note = g_str_equal (dossier_i18n_data_language (), "fr") && note_fr ? note_fr : note_en;

  if (with_note && note != NULL)
    /* TRANSLATORS: "Open on 2025-03-31. <a note from the program's rules>" */
    return g_strdup_printf (_("%s on %s. %s"), state_text (state), day, note);
  /* TRANSLATORS: "Open on 2025-03-31" */
  return g_strdup_printf (_("%s on %s"), state_text (state), day);
}

/* The pack the profile is prepared for, or the one it is checked against until then. */
static DossierPack *
current_pack (DossierPageProgram *self)
{
  const DossierRecords *records = NULL;
  const char *id = DOSSIER_WIZARD_DEFAULT_PROGRAM;

  if (self->profile != NULL)
    records = dossier_profile_get_records (self->profile);
  if (records != NULL && records->program != NULL)
    id = records->program;
  for (guint i = 0; self->packs != NULL && i < self->packs->len; i++)
    if (g_strcmp0 (dossier_pack_get_id (g_ptr_array_index (self->packs, i)), id) == 0)
      return g_ptr_array_index (self->packs, i);
  return NULL;
}

/* The intake the as-of day falls in, else the next one to open, else the last one. */
static const DossierIntake *
pick_intake (DossierPack *pack,
             DossierDay   as_of,
             GDateTime   *now)
{
  const DossierIntake *next = NULL;
  const DossierIntake *last = NULL;
  g_autoptr(GDateTime) day_start = NULL;
  int y, m, d;

  dossier_day_to_ymd (as_of, &y, &m, &d);
  day_start = g_date_time_new_utc (y, m, d, 12, 0, 0);

  for (guint i = 0; i < pack->intakes->len; i++)
    {
      const DossierIntake *intake = g_ptr_array_index (pack->intakes, i);

      if (intake->opens != NULL && g_date_time_compare (intake->opens, day_start) <= 0
          && (intake->closes == NULL || g_date_time_compare (day_start, intake->closes) <= 0))
        return intake;
      if (intake->opens != NULL && g_date_time_compare (intake->opens, now) > 0
          && (next == NULL || g_date_time_compare (intake->opens, next->opens) < 0))
        next = intake;
      if (last == NULL
          || (intake->opens != NULL && last->opens != NULL
              && g_date_time_compare (intake->opens, last->opens) > 0))
        last = intake;
    }
  return next ? next : last;
}

static char *
format_local (GDateTime *instant)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (instant);

  /* TRANSLATORS: a date and time in the user's time zone, see g_date_time_format(). */
  return g_date_time_format (local, _("%A %-d %B %Y at %H:%M (%Z)"));
}

static char *
format_countdown (GTimeSpan span)
{
  gint64 seconds = span / G_TIME_SPAN_SECOND;
  gint64 days = seconds / 86400;
  int hours = (int) (seconds % 86400) / 3600;
  int minutes = (int) (seconds % 3600) / 60;
  int secs = (int) (seconds % 60);

  if (days > 0)
    /* TRANSLATORS: a countdown: "12 days, 03:04:05" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day, %02d:%02d:%02d",
                                         "%d days, %02d:%02d:%02d", (gulong) days),
                            (int) days, hours, minutes, secs);
  return g_strdup_printf ("%02d:%02d:%02d", hours, minutes, secs);
}

static void
update_countdown (DossierPageProgram *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next = NULL;

  if (self->shown == NULL)
    return;
  next = dossier_pack_get_next_opening (self->shown, now);
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_row), next != NULL);
  if (next != NULL)
    {
      g_autofree char *text = format_countdown (g_date_time_difference (next, now));

      adw_action_row_set_subtitle (self->countdown_row, text);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  update_countdown (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_map_cb (DossierPageProgram *self)
{
  update_countdown (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
}

static void
on_unmap_cb (DossierPageProgram *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static char *
describe_category (const char *category)
{
  static const struct
  {
    const char *id;
    const char *label;
  } known[] = {
    { "workers-in-canada", N_("Workers in Canada") },
    { "workers-outside-canada", N_("Workers outside Canada") },
    { "gaining-experience", N_("Gaining experience") },
    { "direct-to-pr", N_("Direct to permanent residence") },
    { "all-categories", N_("All categories") },
  };
  g_autofree char *text = NULL;

  if (category == NULL)
    return g_strdup (_("All categories"));
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].id, category))
      return g_strdup (_(known[i].label));
  /* A category a newer pack adds: readable enough as it is. */
  text = g_strdelimit (g_strdup (category), "-", ' ');
  text[0] = g_ascii_toupper (text[0]);
  return g_steal_pointer (&text);
}

static const char *
describe_channel (const char *channel)
{
  if (channel == NULL)
    return NULL;
  if (g_str_equal (channel, "online"))
    return _("online");
  if (g_str_equal (channel, "alternate"))
    return _("alternate format (paper or other)");
  return channel;
}

static void
add_extra_row (DossierPageProgram  *self,
               AdwPreferencesGroup *group,
               GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->extra_rows, row);
}

static void
add_source_row (DossierPageProgram *self,
                GHashTable         *seen,
                const char         *id)
{
  const DossierSource *source;
  GtkWidget *row;

  if (id == NULL || !g_hash_table_add (seen, (gpointer) id))
    return;
  source = dossier_pack_get_source (self->shown, id);
  if (source == NULL)
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 source->title ? source->title : source->id);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (source->url != NULL)
    {
      GtkWidget *link = gtk_link_button_new_with_label (source->url, _("Open"));
      /* TRANSLATORS: the accessible name of a link to a source: its title. */
      g_autofree char *label = g_strdup_printf (_("Open the source “%s”"),
                                                source->title ? source->title : source->id);

      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (link, source->url);
      gtk_accessible_update_property (GTK_ACCESSIBLE (link),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), source->url);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
    }
  add_extra_row (self, self->sources_group, row);
}

static void
update_details (DossierPageProgram *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *state = NULL;
  const DossierIntake *intake;
  DossierProgramState program_state;

  for (guint i = 0; i < self->extra_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->extra_rows, i);

      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->extra_rows, 0);

  self->shown = current_pack (self);
  if (self->shown == NULL)
    return;

  program_state = dossier_pack_get_state (self->shown, self->as_of, NULL, NULL);
  state = describe_state (self->shown, self->as_of, TRUE);
  adw_action_row_set_subtitle (self->state_row, state);
  if (program_state == DOSSIER_PROGRAM_OPEN)
    gtk_image_set_from_icon_name (self->state_icon, "emblem-ok-symbolic");
  else if (program_state == DOSSIER_PROGRAM_UNKNOWN)
    gtk_image_set_from_icon_name (self->state_icon, "dialog-question-symbolic");
  else
    gtk_image_set_from_icon_name (self->state_icon, "action-unavailable-symbolic");

  next = dossier_pack_get_next_opening (self->shown, now);
  if (next != NULL)
    {
      g_autofree char *local = format_local (next);
      g_autoptr(GDateTime) local_time = g_date_time_to_local (next);
      g_autoptr(GDateTime) announced = NULL;
      g_autofree char *text = NULL;

      if (self->shown->zone != NULL)
        announced = g_date_time_to_timezone (next, self->shown->zone);
      if (announced != NULL
          && g_date_time_get_utc_offset (announced) != g_date_time_get_utc_offset (local_time))
        {
          g_autofree char *time = g_date_time_format (announced, "%H:%M");

          /* TRANSLATORS: the opening in the user's time and as announced:
           * "Tuesday 5 January 2027 at 15:00 (UTC); 10:00 in America/Toronto" */
          text = g_strdup_printf (_("%s; %s in %s"), local, time,
                                  g_time_zone_get_identifier (self->shown->zone));
        }
      adw_action_row_set_subtitle (self->opening_row, text ? text : local);
    }
  else
    {
      adw_action_row_set_subtitle (self->opening_row,
                                   _("No opening announced after today in the program’s rules"));
    }
  update_countdown (self);

  intake = pick_intake (self->shown, self->as_of, now);
  gtk_widget_set_visible (GTK_WIDGET (self->window_row), intake != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->caps_group), intake != NULL && intake->caps->len > 0);
  if (intake != NULL)
    {
      g_autofree char *opens = intake->opens ? format_local (intake->opens) : g_strdup ("…");
      g_autofree char *closes = intake->closes ? format_local (intake->closes) : g_strdup ("…");
      /* TRANSLATORS: an intake window: "2025-26: from <date> to <date>" */
      g_autofree char *window = g_strdup_printf (_("%s: from %s to %s"), intake->id, opens, closes);

      adw_action_row_set_subtitle (self->window_row, window);

      for (guint i = 0; i < intake->caps->len; i++)
        {
          const DossierCap *cap = g_ptr_array_index (intake->caps, i);
          g_autofree char *category = describe_category (cap->category);
          const char *channel = describe_channel (cap->channel);
          g_autofree char *title = channel
            /* TRANSLATORS: a cap's category and how one applies: "Workers in Canada, online" */
            ? g_strdup_printf (_("%s, %s"), category, channel) : g_strdup (category);
          /* A plain conversion: xgettext cannot see through G_GINT64_FORMAT. */
          g_autofree char *value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%lld application",
                                                                 "%lld applications",
                                                                 (gulong) cap->value),
                                                    (long long) cap->value);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       cap->unverified ? cap->unverified : "");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (value));
          add_extra_row (self, self->caps_group, row);
          add_source_row (self, seen, cap->source);
        }
      for (guint i = 0; intake->sources != NULL && intake->sources[i] != NULL; i++)
        add_source_row (self, seen, intake->sources[i]);
    }
  for (guint i = 0; i < self->shown->status->len; i++)
    {
      const DossierStatusPeriod *period = g_ptr_array_index (self->shown->status, i);

      for (guint j = 0; period->sources != NULL && period->sources[j] != NULL; j++)
        add_source_row (self, seen, period->sources[j]);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sources_group), g_hash_table_size (seen) > 0);
}

static void
update_programs (DossierPageProgram *self)
{
  const DossierRecords *records = NULL;

  if (self->profile != NULL)
    records = dossier_profile_get_records (self->profile);
  self->updating = TRUE;
  for (guint i = 0; i < self->pack_rows->len; i++)
    {
      DossierPack *pack = g_ptr_array_index (self->packs, i);
      g_autofree char *state = describe_state (pack, self->as_of, FALSE);
      gboolean chosen = records && g_strcmp0 (records->program, dossier_pack_get_id (pack)) == 0;

      adw_action_row_set_subtitle (g_ptr_array_index (self->pack_rows, i), state);
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), chosen);
    }
  self->updating = FALSE;

  if (records != NULL && records->program == NULL)
    adw_preferences_group_set_description (self->programs_group,
                                           _("The program this application is for. Its rules "
                                             "decide every check. Until one is chosen, the "
                                             "checks are those of the Home Care Worker "
                                             "Immigration Pilot: Child Care."));
  else
    adw_preferences_group_set_description (self->programs_group,
                                           _("The program this application is for. Its rules "
                                             "decide every check."));
  if (current_pack (self) != self->shown)
    update_details (self);
}

static void
on_check_toggled_cb (GtkCheckButton     *check,
                     DossierPageProgram *self)
{
  g_autoptr(GError) error = NULL;
  guint index;

  if (self->updating || self->profile == NULL || !gtk_check_button_get_active (check))
    return;
  if (!g_ptr_array_find (self->checks, check, &index))
    return;
  if (!dossier_profile_set_value (self->profile, PROGRAM_PATH,
                                  dossier_pack_get_id (g_ptr_array_index (self->packs, index)),
                                  &error))
    g_warning ("Cannot choose the program: %s", error->message);
}

static gboolean
update_cb (gpointer user_data)
{
  DossierPageProgram *self = user_data;

  self->update_id = 0;
  update_programs (self);
  return G_SOURCE_REMOVE;
}

/* After the keystroke has been shown, with the checks. */
static void
on_profile_changed_cb (DossierPageProgram *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_cb, self, NULL);
}

static void
build_program_rows (DossierPageProgram *self)
{
  g_autoptr(GError) error = NULL;
  GtkCheckButton *group = NULL;

  self->packs = dossier_pack_get_all (&error);
  if (self->packs == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The programs cannot be read"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      adw_preferences_group_add (self->programs_group, row);
      return;
    }

  for (guint i = 0; i < self->packs->len; i++)
    {
      DossierPack *pack = g_ptr_array_index (self->packs, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     dossier_pack_get_title (pack, dossier_i18n_data_language ()));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      dossier_pack_get_title (pack, dossier_i18n_data_language ()),
                                      -1);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->programs_group, row);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->pack_rows, row);
    }
}

static void
dossier_page_program_set_profile (DossierPageProgram *self,
                                  DossierProfile     *profile)
{
  if (self->profile == profile)
    return;
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_set_object (&self->profile, profile);
  if (profile != NULL)
    self->changed_id = g_signal_connect_swapped (profile, "changed",
                                                 G_CALLBACK (on_profile_changed_cb), self);
  update_programs (self);
  update_details (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
dossier_page_program_set_as_of (DossierPageProgram *self,
                                DossierDay          as_of)
{
  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  update_programs (self);
  update_details (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

static void
dossier_page_program_dispose (GObject *object)
{
  DossierPageProgram *self = (DossierPageProgram *) object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
  /* The template built the bin's child: it goes first, as AdwBin would unparent it
   * again after the template is disposed. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PAGE_PROGRAM);
  G_OBJECT_CLASS (dossier_page_program_parent_class)->dispose (object);
}

static void
dossier_page_program_finalize (GObject *object)
{
  DossierPageProgram *self = (DossierPageProgram *) object;

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->pack_rows, g_ptr_array_unref);
  g_clear_pointer (&self->extra_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (dossier_page_program_parent_class)->finalize (object);
}

static void
dossier_page_program_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DossierPageProgram *self = (DossierPageProgram *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_AS_OF:
      g_value_set_uint (value, self->as_of);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_program_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DossierPageProgram *self = (DossierPageProgram *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      dossier_page_program_set_profile (self, g_value_get_object (value));
      break;
    case PROP_AS_OF:
      dossier_page_program_set_as_of (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_program_class_init (DossierPageProgramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_program_dispose;
  object_class->finalize = dossier_page_program_finalize;
  object_class->get_property = dossier_page_program_get_property;
  object_class->set_property = dossier_page_program_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AS_OF] =
    g_param_spec_uint ("as-of", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-program.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPageProgram, programs_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageProgram, caps_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageProgram, sources_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageProgram, state_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPageProgram, state_icon);
  gtk_widget_class_bind_template_child (widget_class, DossierPageProgram, opening_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPageProgram, countdown_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPageProgram, window_row);
  gtk_widget_class_bind_template_callback (widget_class, on_map_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unmap_cb);
}

static void
dossier_page_program_init (DossierPageProgram *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->checks = g_ptr_array_new ();
  self->pack_rows = g_ptr_array_new ();
  self->extra_rows = g_ptr_array_new ();
  self->as_of = dossier_day_today ();
  build_program_rows (self);
  update_programs (self);
  update_details (self);
}
