/* dossier-page-about.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-field-row.h"
#include "dossier-page-about.h"

/* Identity, passport, residence and status in Canada: field rows in the template. */
struct _DossierPageAbout
{
  AdwBin           parent_instance;

  DossierProfile  *profile;

  DossierFieldRow *status_kind_row;
  DossierFieldRow *permit_row;
  DossierFieldRow *status_province_row;
  DossierFieldRow *status_issued_row;
  DossierFieldRow *status_expires_row;
};

G_DEFINE_FINAL_TYPE (DossierPageAbout, dossier_page_about, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_row (DossierFieldRow *row,
          gboolean         relevant)
{
  /* A row that holds a value stays, so that nothing the check uses is out of sight. */
  gtk_widget_set_visible (GTK_WIDGET (row),
                          relevant || *gtk_editable_get_text (GTK_EDITABLE (row)) != '\0');
}

/* Someone who lives outside Canada has no permit to describe; a permanent resident no
 * work permit. */
static void
on_status_kind_changed_cb (DossierPageAbout *self)
{
  const char *kind = gtk_editable_get_text (GTK_EDITABLE (self->status_kind_row));
  gboolean outside = g_str_equal (kind, "none");
  gboolean resident = g_str_equal (kind, "permanent-resident");

  show_row (self->permit_row, !outside && !resident);
  show_row (self->status_province_row, !outside);
  show_row (self->status_issued_row, !outside);
  show_row (self->status_expires_row, !outside && !resident);
}

static void
dossier_page_about_set_profile (DossierPageAbout *self,
                                DossierProfile   *profile)
{
  if (!g_set_object (&self->profile, profile))
    return;
  dossier_field_rows_bind (GTK_WIDGET (self), profile);
  on_status_kind_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
dossier_page_about_dispose (GObject *object)
{
  DossierPageAbout *self = (DossierPageAbout *) object;

  g_clear_object (&self->profile);
  /* The template built the bin's child: it goes first, as AdwBin would unparent it
   * again after the template is disposed. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PAGE_ABOUT);
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
      dossier_page_about_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_about_class_init (DossierPageAboutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_about_dispose;
  object_class->get_property = dossier_page_about_get_property;
  object_class->set_property = dossier_page_about_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DOSSIER_TYPE_FIELD_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-about.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPageAbout, status_kind_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPageAbout, permit_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPageAbout, status_province_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPageAbout, status_issued_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPageAbout, status_expires_row);
}

static void
dossier_page_about_init (DossierPageAbout *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->status_kind_row, "changed",
                           G_CALLBACK (on_status_kind_changed_cb), self, G_CONNECT_SWAPPED);
}
