/* dossier-page-training.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-page-training.h"
#include "dossier-record-list.h"

static const DossierRecordField course_fields[] = {
  { "name", DOSSIER_INPUT_TEXT, N_("Name of the course"), NULL },
  { "institution", DOSSIER_INPUT_TEXT, N_("School or institution"), NULL },
  { "country", DOSSIER_INPUT_COUNTRY, N_("Country"), NULL },
  { "start", DOSSIER_INPUT_DATE, N_("Started on"), NULL },
  { "end", DOSSIER_INPUT_DATE, N_("Ended on"), NULL },
  { "hours-per-week", DOSSIER_INPUT_NUMBER, N_("Hours per week"),
    N_("Hours of class and practice in a usual week") },
  { "in-person", DOSSIER_INPUT_YES_NO, N_("Taken in person"), NULL },
  { "credential", DOSSIER_INPUT_TEXT, N_("Credential obtained"),
    N_("For example certificate or diploma; empty if none") },
  { NULL }
};

static gboolean
describe_course (const DossierRecords *records,
                 guint                 position,
                 DossierRecordSummary *summary)
{
  const DossierCourse *course;

  if (position >= records->courses->len)
    return FALSE;
  course = g_ptr_array_index (records->courses, position);
  summary->id = course->id;
  if (course->name != NULL)
    summary->title = g_strdup (course->name);
  else
    summary->title = g_strdup_printf (_("Course %u (no name yet)"), position + 1);
  if (course->start != DOSSIER_DAY_UNKNOWN || course->end != DOSSIER_DAY_UNKNOWN)
    {
      g_autofree char *start = dossier_day_format (course->start);
      g_autofree char *end = dossier_day_format (course->end);

      /* TRANSLATORS: a course's dates: "2024-01-08 to 2024-07-26" */
      summary->subtitle = g_strdup_printf (_("%s to %s"),
                                           course->start ? start : "…", course->end ? end : "…");
    }
  /* TRANSLATORS: the accessible name of a remove button: "Remove the course “PSW”" */
  summary->remove_label = g_strdup_printf (_("Remove the course “%s”"), summary->title);
  return TRUE;
}

static const DossierRecordKind course_kind = {
  .list = "training/course",
  .id_prefix = "t",
  .fields = course_fields,
  .describe = describe_course,
};

struct _DossierPageTraining
{
  AdwBin             parent_instance;

  DossierRecordList *courses;
};

G_DEFINE_FINAL_TYPE (DossierPageTraining, dossier_page_training, ADW_TYPE_BIN)

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
  dossier_record_list_add_record (DOSSIER_PAGE_TRAINING (widget)->courses);
}

static void
dossier_page_training_dispose (GObject *object)
{
  /* The template built the bin's child: it goes first, as AdwBin would unparent it
   * again after the template is disposed. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), DOSSIER_TYPE_PAGE_TRAINING);
  G_OBJECT_CLASS (dossier_page_training_parent_class)->dispose (object);
}

static void
dossier_page_training_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierPageTraining *self = (DossierPageTraining *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, dossier_record_list_get_profile (self->courses));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_training_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DossierPageTraining *self = (DossierPageTraining *) object;
  DossierProfile *profile;

  switch (prop_id)
    {
    case PROP_PROFILE:
      profile = g_value_get_object (value);
      if (profile == dossier_record_list_get_profile (self->courses))
        break;
      dossier_record_list_set_profile (self->courses, profile);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.add", profile != NULL);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_training_class_init (DossierPageTrainingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_training_dispose;
  object_class->get_property = dossier_page_training_get_property;
  object_class->set_property = dossier_page_training_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DOSSIER_TYPE_RECORD_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-training.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPageTraining, courses);

  /* The list's Add, as an action of the step. */
  gtk_widget_class_install_action (widget_class, "training.add", NULL, add_action);
}

static void
dossier_page_training_init (DossierPageTraining *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  dossier_record_list_set_kind (self->courses, &course_kind);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.add", FALSE);
}
