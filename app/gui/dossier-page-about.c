/* dossier-page-about.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-page-about.h"

/* Every page has a "profile" property: the wizard sets it when a client is opened. */
struct _DossierPageAbout
{
  AdwBin          parent_instance;
  DossierProfile *profile;
};

G_DEFINE_FINAL_TYPE (DossierPageAbout, dossier_page_about, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dossier_page_about_dispose (GObject *object)
{
  DossierPageAbout *self = (DossierPageAbout *) object;

  g_clear_object (&self->profile);
  G_OBJECT_CLASS (dossier_page_about_parent_class)->dispose (object);
}

static void
dossier_page_about_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierPageAbout *self = (DossierPageAbout *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_about_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DossierPageAbout *self = (DossierPageAbout *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      if (g_set_object (&self->profile, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_about_class_init (DossierPageAboutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_page_about_dispose;
  object_class->get_property = dossier_page_about_get_property;
  object_class->set_property = dossier_page_about_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_page_about_init (DossierPageAbout *self)
{
  /* Not written yet: a placeholder so that the wizard can be built around it. */
  adw_bin_set_child (ADW_BIN (self),
                     g_object_new (ADW_TYPE_STATUS_PAGE,
                                   "title", _("Not written yet"),
                                   "icon-name", "document-edit-symbolic",
                                   NULL));
}
