/* dossier-wizard.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-wizard.h"

struct _DossierWizard
{
  AdwBin          parent_instance;
  DossierProfile *profile;
};

G_DEFINE_FINAL_TYPE (DossierWizard, dossier_wizard, ADW_TYPE_BIN)

enum {
  BACK_TO_CLIENTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dossier_wizard_dispose (GObject *object)
{
  DossierWizard *self = (DossierWizard *) object;

  g_clear_object (&self->profile);
  G_OBJECT_CLASS (dossier_wizard_parent_class)->dispose (object);
}

static void
dossier_wizard_class_init (DossierWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_wizard_dispose;

  signals[BACK_TO_CLIENTS] =
    g_signal_new ("back-to-clients", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dossier_wizard_init (DossierWizard *self)
{
}

void
dossier_wizard_set_profile (DossierWizard  *self,
                            DossierProfile *profile)
{
  g_return_if_fail (DOSSIER_IS_WIZARD (self));

  g_set_object (&self->profile, profile);
}

DossierProfile *
dossier_wizard_get_profile (DossierWizard *self)
{
  g_return_val_if_fail (DOSSIER_IS_WIZARD (self), NULL);

  return self->profile;
}
