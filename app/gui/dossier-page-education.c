/* dossier-page-education.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-page-education.h"
#include "dossier-record-list.h"

static const DossierRecordField credential_fields[] = {
  { "name", DOSSIER_INPUT_TEXT, N_("Name of the credential"), N_("As on the diploma") },
  { "@level", DOSSIER_INPUT_EDUCATION_LEVEL, N_("Level"), NULL },
  { "@country", DOSSIER_INPUT_COUNTRY, N_("Country where it was earned"), NULL },
  { "@completed", DOSSIER_INPUT_DATE, N_("Completed on"), NULL },
  { "eca/@organization", DOSSIER_INPUT_ECA_ORGANIZATION, N_("ECA: organization"),
    N_("The educational credential assessment, needed for a credential earned outside "
       "Canada") },
  { "eca/@reference", DOSSIER_INPUT_TEXT, N_("ECA: reference number"), NULL },
  { "eca/@issued", DOSSIER_INPUT_DATE, N_("ECA: issued on"), NULL },
  { "eca/@equivalent", DOSSIER_INPUT_EDUCATION_LEVEL, N_("ECA: Canadian equivalent"),
    N_("The level the report says it equals in Canada") },
  { NULL }
};

static gboolean
describe_credential (const DossierRecords *records,
                     guint                 position,
                     DossierRecordSummary *summary)
{
  const DossierCredential *credential;

  if (position >= records->credentials->len)
    return FALSE;
  credential = g_ptr_array_index (records->credentials, position);
  summary->id = credential->id;
  if (credential->name != NULL)
    summary->title = g_strdup (credential->name);
  else
    summary->title = g_strdup_printf (_("Credential %u (no name yet)"), position + 1);
  if (credential->completed != DOSSIER_DAY_UNKNOWN)
    {
      g_autofree char *completed = dossier_day_format (credential->completed);

      /* TRANSLATORS: when a credential was completed: "Completed on 2011-04-01" */
      summary->subtitle = g_strdup_printf (_("Completed on %s"), completed);
    }
  /* TRANSLATORS: the accessible name of a remove button: "Remove the credential “BSN”" */
  summary->remove_label = g_strdup_printf (_("Remove the credential “%s”"), summary->title);
  return TRUE;
}

static const DossierRecordKind credential_kind = {
  .list = "education/credential",
  .id_prefix = "e",
  .fields = credential_fields,
  .describe = describe_credential,
};

struct _DossierPageEducation
{
  AdwBin             parent_instance;

  DossierRecordList *credentials;
};

G_DEFINE_FINAL_TYPE (DossierPageEducation, dossier_page_education, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  dossier_record_list_add_record (DOSSIER_PAGE_EDUCATION (widget)->credentials);
}

static void
dossier_page_education_dispose (GObject *object)
{
  /* The template built the bin's child: it goes first, as AdwBin would unparent it
   * again after the template is disposed. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), DOSSIER_TYPE_PAGE_EDUCATION);
  G_OBJECT_CLASS (dossier_page_education_parent_class)->dispose (object);
}

static void
dossier_page_education_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierPageEducation *self = (DossierPageEducation *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, dossier_record_list_get_profile (self->credentials));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_education_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DossierPageEducation *self = (DossierPageEducation *) object;
  DossierProfile *profile;

  switch (prop_id)
    {
    case PROP_PROFILE:
      profile = g_value_get_object (value);
      if (profile == dossier_record_list_get_profile (self->credentials))
        break;
      dossier_record_list_set_profile (self->credentials, profile);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "education.add", profile != NULL);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_education_class_init (DossierPageEducationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_education_dispose;
  object_class->get_property = dossier_page_education_get_property;
  object_class->set_property = dossier_page_education_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DOSSIER_TYPE_RECORD_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-education.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPageEducation, credentials);

  /* The list's Add, as an action of the step. */
  gtk_widget_class_install_action (widget_class, "education.add", NULL, add_action);
}

static void
dossier_page_education_init (DossierPageEducation *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  dossier_record_list_set_kind (self->credentials, &credential_kind);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "education.add", FALSE);
}
