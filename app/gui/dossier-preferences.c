/* dossier-preferences.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-i18n.h"
#include "dossier-preferences.h"

struct _DossierPreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *interface_language_row;
  AdwComboRow          *style_row;
  AdwComboRow          *autosave_row;
  AdwComboRow          *as_of_row;
  AdwComboRow          *language_row;
};

G_DEFINE_FINAL_TYPE (DossierPreferences, dossier_preferences, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The rows' choices, in the order of their models. */
static const char * const color_schemes[] = { "system", "light", "dark", NULL };
static const char * const as_of_rules[] = { "next-opening", "today", NULL };
static const char * const languages[] = { "en", "fr", NULL };
static const guint delays[] = { 500, 1000, 1500, 2000 };

/* The interface languages, each named in itself (not translated: a user who cannot read
 * the current language must still find theirs). */
static const struct
{
  const char *code;
  const char *name;
} interface_languages[] = {
  { "en", "English" },
  { "fr", "Français" },
  { "es", "Español" },
  { "tl", "Tagalog" },
  { "zh_CN", "中文（简体）" },
};

static gboolean
nick_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
selected_to_nick (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[selected]);
}

static gboolean
delay_to_selected (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  guint delay = g_variant_get_uint32 (variant);
  guint best = 0;

  for (guint i = 1; i < G_N_ELEMENTS (delays); i++)
    if (ABS ((int) delays[i] - (int) delay) < ABS ((int) delays[best] - (int) delay))
      best = i;
  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
selected_to_delay (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (delays))
    return NULL;
  return g_variant_new_uint32 (delays[selected]);
}

static void
bind_nicks (DossierPreferences *self,
            const char         *key,
            AdwComboRow        *row,
            const char * const *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_selected, selected_to_nick, (gpointer) nicks, NULL);
}

/* "Follow the system", then English, then each language Dossier has a catalogue for
 * (and the one chosen, even if its catalogue has gone). */
static void
bind_interface_language (DossierPreferences *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "language");
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

  gtk_string_list_append (labels, _("Follow the system"));
  g_strv_builder_add (codes, "");
  for (guint i = 0; i < G_N_ELEMENTS (interface_languages); i++)
    if (dossier_i18n_has_catalogue (interface_languages[i].code)
        || g_strcmp0 (current, interface_languages[i].code) == 0)
      {
        gtk_string_list_append (labels, interface_languages[i].name);
        g_strv_builder_add (codes, interface_languages[i].code);
      }
  adw_combo_row_set_model (self->interface_language_row, G_LIST_MODEL (labels));
  g_settings_bind_with_mapping (self->settings, "language", self->interface_language_row,
                                "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_selected, selected_to_nick,
                                g_strv_builder_end (codes), (GDestroyNotify) g_strfreev);
}

static void
dossier_preferences_constructed (GObject *object)
{
  DossierPreferences *self = DOSSIER_PREFERENCES (object);

  G_OBJECT_CLASS (dossier_preferences_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  bind_interface_language (self);
  bind_nicks (self, "color-scheme", self->style_row, color_schemes);
  bind_nicks (self, "as-of-rule", self->as_of_row, as_of_rules);
  bind_nicks (self, "report-language", self->language_row, languages);
  g_settings_bind_with_mapping (self->settings, "autosave-delay", self->autosave_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, delay_to_selected, selected_to_delay,
                                NULL, NULL);
}

static void
dossier_preferences_dispose (GObject *object)
{
  DossierPreferences *self = (DossierPreferences *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dossier_preferences_parent_class)->dispose (object);
}

static void
dossier_preferences_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DossierPreferences *self = DOSSIER_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_preferences_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierPreferences *self = DOSSIER_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_preferences_class_init (DossierPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dossier_preferences_constructed;
  object_class->dispose = dossier_preferences_dispose;
  object_class->get_property = dossier_preferences_get_property;
  object_class->set_property = dossier_preferences_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/dossier-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, interface_language_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, style_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, autosave_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, as_of_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, language_row);
}

static void
dossier_preferences_init (DossierPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DossierPreferences *
dossier_preferences_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (DOSSIER_TYPE_PREFERENCES, "settings", settings, NULL);
}
