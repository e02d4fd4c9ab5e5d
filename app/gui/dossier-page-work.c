/* dossier-page-work.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-noc.h"
#include "dossier-page-work.h"

/* Every page has a "profile" property: the wizard sets it when a client is opened. */
struct _DossierPageWork
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *jobs_group;
  GtkListBox          *jobs_list;

  DossierProfile      *profile;
  gulong               changed_id;
  guint                refresh_id;
};

G_DEFINE_FINAL_TYPE (DossierPageWork, dossier_page_work, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
job_value (DossierPageWork *self,
           const char      *id,
           const char      *field)
{
  g_autofree char *path = g_strdup_printf ("work-history/job[@id='%s']/%s", id, field);

  return dossier_profile_get_value (self->profile, path);
}

static guint
count_problems (DossierPageWork  *self,
                const DossierJob *job)
{
  GPtrArray *problems = dossier_profile_get_problems (self->profile);
  gsize len;
  guint count = 0;

  if (job->origin.path == NULL)
    return 0;
  len = strlen (job->origin.path);
  for (guint i = 0; i < problems->len; i++)
    {
      const DossierProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_has_prefix (problem->path, job->origin.path)
          && (problem->path[len] == '\0' || problem->path[len] == '/'))
        count++;
    }
  return count;
}

static void
update_description (DossierPageWork *self)
{
  const DossierRecords *records = self->profile != NULL
                                  ? dossier_profile_get_records (self->profile) : NULL;
  const char * const *codes = dossier_noc_picker_codes_for_program (records != NULL ? records->program : NULL);
  g_autofree char *list = g_strjoinv (_(" or "), (char **) codes);
  g_autofree char *description = NULL;

  description = g_strdup_printf (_("Every job of the last years, in Canada or abroad. For the "
                                   "program chosen, work in NOC %s counts; add the others too, "
                                   "they explain the gaps."), list);
  adw_preferences_group_set_description (self->jobs_group, description);
}

static GtkWidget *
job_row_new (DossierPageWork  *self,
             const DossierJob *job,
             guint             number)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint n_problems = count_problems (self, job);
  const DossierRecords *records = dossier_profile_get_records (self->profile);
  const char * const *codes = dossier_noc_picker_codes_for_program (records->program);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (job->id == NULL)
    {
      title = g_strdup_printf (_("Job %u"), number);
      g_string_append (subtitle, _("This job has no id in the profile file, so it cannot be "
                                   "edited here."));
    }
  else
    {
      g_autofree char *employer = job_value (self, job->id, "employer");
      g_autofree char *job_title = job_value (self, job->id, "title");
      g_autofree char *noc = job_value (self, job->id, "noc");
      g_autofree char *start = job_value (self, job->id, "start");
      g_autofree char *end = job_value (self, job->id, "end");
      g_autofree char *hours = job_value (self, job->id, "hours-per-week");

      if (employer != NULL && job_title != NULL)
        /* Translators: "Nanny at Household of J. Smith" */
        title = g_strdup_printf (_("%s at %s"), job_title, employer);
      else if (employer != NULL || job_title != NULL)
        title = g_strdup (employer != NULL ? employer : job_title);
      else
        title = g_strdup_printf (_("Job %u (no employer yet)"), number);

      if (noc != NULL)
        {
          g_string_append_printf (subtitle, _("NOC %s"), noc);
          g_string_append (subtitle, g_strv_contains (codes, noc)
                                     ? _(" (counts for this program)")
                                     : _(" (does not count for this program)"));
        }
      else
        {
          g_string_append (subtitle, _("NOC not chosen"));
        }
      g_string_append (subtitle, " · ");
      if (start != NULL && end != NULL)
        g_string_append_printf (subtitle, _("%s to %s"), start, end);
      else if (start != NULL)
        g_string_append_printf (subtitle, _("since %s (current job)"), start);
      else
        g_string_append (subtitle, _("dates not given"));
      if (hours != NULL)
        {
          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, _("%s hours a week"), hours);
        }
    }
  if (n_problems > 0)
    {
      g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle,
                              g_dngettext (GETTEXT_PACKAGE, "⚠ %u problem to correct",
                                           "⚠ %u problems to correct", n_problems),
                              n_problems);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                n_problems > 0 ? "dialog-warning-symbolic" : NULL);

  if (job->id != NULL)
    {
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: accessible names of a job's buttons, "Edit Nanny at Household…" */
      g_autofree char *edit_label = g_strdup_printf (_("Edit “%s”"), title);
      g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), title);

      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit this job"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "work.edit-job");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", job->id);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this job"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "work.remove-job");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", job->id);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);
    }
  return row;
}

static void
rebuild (DossierPageWork *self)
{
  const DossierRecords *records;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->jobs_list))) != NULL)
    gtk_list_box_remove (self->jobs_list, child);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->profile != NULL);
  update_description (self);
  if (self->profile == NULL)
    return;

  records = dossier_profile_get_records (self->profile);
  for (guint i = 0; i < records->jobs->len; i++)
    gtk_list_box_append (self->jobs_list,
                         job_row_new (self, g_ptr_array_index (records->jobs, i), i + 1));
  if (records->jobs->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No job yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add each job with “Add a Job”"));
      gtk_list_box_append (self->jobs_list, row);
    }
}

/* Typing in the job dialog changes the profile at every key; the list follows once
 * the burst is over. */
static gboolean
refresh_cb (gpointer data)
{
  DossierPageWork *self = data;

  self->refresh_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
profile_changed_cb (DossierPageWork *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (150, refresh_cb, self);
}

static void
dossier_page_work_set_profile (DossierPageWork *self,
                               DossierProfile  *profile)
{
  if (self->profile == profile)
    return;
  g_clear_signal_handler (&self->changed_id, self->profile);
  g_set_object (&self->profile, profile);
  if (profile != NULL)
    self->changed_id = g_signal_connect_object (profile, "changed",
                                                G_CALLBACK (profile_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

DossierJobDialog *
dossier_page_work_open_job (DossierPageWork *self,
                            const char      *job_id)
{
  DossierJobDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (DOSSIER_IS_PAGE_WORK (self), NULL);
  g_return_val_if_fail (self->profile != NULL, NULL);

  dialog = dossier_job_dialog_new (self->profile, job_id);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

guint
dossier_page_work_get_n_rows (DossierPageWork *self)
{
  guint n = 0;

  g_return_val_if_fail (DOSSIER_IS_PAGE_WORK (self), 0);

  if (self->refresh_id != 0)
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      rebuild (self);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->jobs_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

const char *
dossier_page_work_get_row_title (DossierPageWork *self,
                                 guint            index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (DOSSIER_IS_PAGE_WORK (self), NULL);

  row = gtk_list_box_get_row_at_index (self->jobs_list, index);
  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

static void
add_job_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dossier_page_work_open_job (DOSSIER_PAGE_WORK (widget), NULL);
}

static void
edit_job_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  dossier_page_work_open_job (DOSSIER_PAGE_WORK (widget), g_variant_get_string (parameter, NULL));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DossierPageWork  *self)
{
  const char *job_id = g_object_get_data (G_OBJECT (dialog), "dossier-job-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->profile == NULL)
    return;
  if (!dossier_job_remove (self->profile, job_id, &error))
    {
      AdwMessageDialog *failed;
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      failed = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           _("The job could not be removed"),
                                                           error->message));
      adw_message_dialog_add_response (failed, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
    }
}

static void
remove_job_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierPageWork *self = DOSSIER_PAGE_WORK (widget);
  const char *job_id = g_variant_get_string (parameter, NULL);
  g_autofree char *employer = job_value (self, job_id, "employer");
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove this job?"), NULL));
  if (employer != NULL)
    adw_message_dialog_format_body (dialog,
                                    _("The job at “%s” and everything entered about it will be "
                                      "removed from the profile. Documents attached to it stay "
                                      "on the Documents page."),
                                    employer);
  else
    adw_message_dialog_set_body (dialog,
                                 _("The job and everything entered about it will be removed "
                                   "from the profile."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dossier-job-id", g_strdup (job_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dossier_page_work_dispose (GObject *object)
{
  DossierPageWork *self = (DossierPageWork *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
  /* GTK 4.8: the template's child is also the AdwBin's; unparent it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PAGE_WORK);
  G_OBJECT_CLASS (dossier_page_work_parent_class)->dispose (object);
}

static void
dossier_page_work_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DossierPageWork *self = (DossierPageWork *) object;

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
dossier_page_work_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DossierPageWork *self = (DossierPageWork *) object;

  switch (prop_id)
    {
    case PROP_PROFILE:
      dossier_page_work_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_page_work_class_init (DossierPageWorkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_page_work_dispose;
  object_class->get_property = dossier_page_work_get_property;
  object_class->set_property = dossier_page_work_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-page-work.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPageWork, jobs_group);
  gtk_widget_class_bind_template_child (widget_class, DossierPageWork, jobs_list);

  gtk_widget_class_install_action (widget_class, "work.add-job", NULL, add_job_action);
  gtk_widget_class_install_action (widget_class, "work.edit-job", "s", edit_job_action);
  gtk_widget_class_install_action (widget_class, "work.remove-job", "s", remove_job_action);
}

static void
dossier_page_work_init (DossierPageWork *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rebuild (self);
}
