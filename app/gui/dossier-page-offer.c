/* dossier-page-offer.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-field-row.h"
#include "dossier-page-offer.h"

/* The job offer: field rows in the template. */
struct _DossierPageOffer
{
  AdwBin          parent_instance;

  DossierProfile *profile;
};

G_DEFINE_FINAL_TYPE (DossierPageOffer, dossier_page_offer, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dossier_page_offer_set_profile (DossierPageOffer *self,
                                DossierProfile   *profile)
{
  if (!g_set_object (&self->profile, profile))
    return;
  dossier_field_rows_bind (GTK_WIDGET (self), profile);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
dossier_page_offer_dispose (GObject *object)
{
  DossierPageOffer *self = (DossierPageOffer *) object;

  g_clear_object (&self->profile);
  /* The template built the bin's child: it goes first, as AdwBin would unparent it
   * again after the template is disposed. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PAGE_OFFER);
  G_OBJECT_CLASS (dossier_page_offer_parent_class)->dispose (object);
}

static void
dossier_page_offer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DossierPageOffer *self = (DossierPageOffer *) object;

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
dossier_page_offer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DossierPageOffer *self = (DossierPageOffer *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      dossier_page_offer_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_offer_class_init (DossierPageOfferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_offer_dispose;
  object_class->get_property = dossier_page_offer_get_property;
  object_class->set_property = dossier_page_offer_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DOSSIER_TYPE_FIELD_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-offer.ui");
}

static void
dossier_page_offer_init (DossierPageOffer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
