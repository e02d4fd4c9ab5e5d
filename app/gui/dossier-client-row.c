/* dossier-client-row.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-client-row.h"
#include "dossier-readiness.h"

struct _DossierClientRow
{
  GtkWidget      parent_instance;

  DossierClient *client;

  GtkLabel      *name_label;
  GtkLabel      *program_label;
  GtkImage      *status_icon;
  GtkLabel      *status_label;
  GtkLabel      *documents_label;
  GtkImage      *expiry_icon;
  GtkLabel      *expiry_title_label;
  GtkLabel      *expiry_label;

  /* What the accessibility tree was last told: every update is a D-Bus message. */
  char          *accessible_label;
  char          *accessible_description;
};

G_DEFINE_FINAL_TYPE (DossierClientRow, dossier_client_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static char *
format_day (DossierDay day,
            gboolean   abbreviated)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, mday;

  dossier_day_to_ymd (day, &year, &month, &mday);
  date = g_date_time_new_local (year, month, mday, 0, 0, 0);
  if (date == NULL)
    return dossier_day_format (day);
  if (abbreviated)
    /* Translators: a date in the client list, where room is short (strftime()). */
    return g_date_time_format (date, _("%b %-d, %Y"));
  /* Translators: a date as a screen reader says it (strftime()). */
  return g_date_time_format (date, _("%B %-d, %Y"));
}

/* The readiness in words, never by colour alone: the row adds an icon and a colour to
 * the same words. */
static const char *
readiness_text (DossierClient *client,
                const char   **icon_name,
                const char   **style)
{
  *icon_name = NULL;
  *style = NULL;

  switch (dossier_client_get_status (client))
    {
    case DOSSIER_CLIENT_PENDING:
      *icon_name = "content-loading-symbolic";
      return _("Reading…");
    case DOSSIER_CLIENT_DAMAGED:
      *icon_name = "dialog-error-symbolic";
      *style = "error";
      return _("Cannot be read");
    case DOSSIER_CLIENT_LOADED:
    default:
      break;
    }

  if (dossier_client_get_program_id (client) == NULL)
    {
      *icon_name = "dialog-question-symbolic";
      return _("No program chosen");
    }
  if (dossier_client_get_program_title (client) == NULL
      || dossier_client_get_verdict (client) == DOSSIER_CLIENT_NO_VERDICT)
    {
      *icon_name = "dialog-question-symbolic";
      return _("Not checked");
    }

  switch ((DossierVerdict) dossier_client_get_verdict (client))
    {
    case DOSSIER_VERDICT_ELIGIBLE:
      *icon_name = "emblem-ok-symbolic";
      *style = "success";
      return dossier_client_get_ready (client) ? _("Ready to submit") : _("Eligible");
    case DOSSIER_VERDICT_NOT_ELIGIBLE:
      *icon_name = "process-stop-symbolic";
      *style = "error";
      return _("Not eligible");
    case DOSSIER_VERDICT_INCOMPLETE:
    default:
      *icon_name = "dialog-warning-symbolic";
      *style = "warning";
      return _("Incomplete");
    }
}

static char *
documents_text (DossierClient *client)
{
  guint required = dossier_client_get_slots_required (client);
  guint done = dossier_client_get_slots_done (client);

  if (dossier_client_get_status (client) != DOSSIER_CLIENT_LOADED
      || dossier_client_get_program_title (client) == NULL)
    return g_strdup ("");
  if (required == 0)
    return g_strdup (_("No documents required"));
  return g_strdup_printf (ngettext ("%u of %u required document ready",
                                    "%u of %u required documents ready",
                                    required),
                          done, required);
}

/**
 * dossier_client_describe_readiness:
 *
 * Returns: (transfer full): the verdict and the documents done, in one sentence.
 */
char *
dossier_client_describe_readiness (DossierClient *client)
{
  const char *icon_name, *style;
  const char *verdict = readiness_text (client, &icon_name, &style);
  g_autofree char *documents = documents_text (client);

  if (*documents == '\0')
    return g_strdup (verdict);
  /* Translators: a client's readiness: “Eligible, 5 of 9 required documents ready”. */
  return g_strdup_printf (_("%s, %s"), verdict, documents);
}

/* The next expiry as a title (“Expired”, “Expires in 12 days”, “Next expiry”) and
 * what and when (“Work permit, June 30, 2026”); warn when it is past or near. */
static char *
expiry_text (DossierClient  *client,
             gboolean        abbreviated,
             char          **title,
             gboolean       *warn)
{
  DossierDay day = dossier_client_get_next_expiry (client);
  DossierDay today = dossier_day_today ();
  const char *what = dossier_client_get_next_expiry_what (client);
  g_autofree char *date = NULL;

  *warn = FALSE;
  *title = g_strdup (_("Next expiry"));
  if (dossier_client_get_status (client) != DOSSIER_CLIENT_LOADED)
    return g_strdup ("");
  if (day == DOSSIER_DAY_UNKNOWN || what == NULL)
    return g_strdup (_("None recorded"));

  date = format_day (day, abbreviated);
  if (day < today)
    {
      *warn = TRUE;
      g_free (*title);
      *title = g_strdup (_("Expired"));
    }
  else if (day - today <= DOSSIER_EXPIRY_WARNING_DAYS)
    {
      guint days = day - today;

      *warn = TRUE;
      g_free (*title);
      *title = days == 0 ? g_strdup (_("Expires today"))
                         : g_strdup_printf (ngettext ("Expires in %u day", "Expires in %u days", days),
                                            days);
    }
  /* Translators: a document and the last day it is valid. */
  return g_strdup_printf (_("%s, %s"), what, date);
}

/**
 * dossier_client_describe_expiry:
 *
 * Returns: (transfer full): the next document to expire and when.
 */
char *
dossier_client_describe_expiry (DossierClient *client)
{
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  gboolean warn;

  text = expiry_text (client, FALSE, &title, &warn);
  if (*text == '\0')
    return g_steal_pointer (&text);
  /* Translators: “Expired: Work permit, June 30, 2026”. */
  return g_strdup_printf (_("%s: %s"), title, text);
}

static void
set_style (GtkWidget  *widget,
           const char *style)
{
  static const char * const styles[] = { "success", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      if (g_strcmp0 (style, styles[i]) == 0)
        gtk_widget_add_css_class (widget, styles[i]);
      else
        gtk_widget_remove_css_class (widget, styles[i]);
    }
}

static void
dossier_client_row_update (DossierClientRow *self)
{
  g_autofree char *documents = NULL;
  g_autofree char *expiry = NULL;
  g_autofree char *readiness = NULL;
  g_autofree char *description = NULL;
  g_autofree char *spoken_expiry = NULL;
  const char *icon_name, *style, *status;
  const char *program;
  g_autofree char *expiry_title = NULL;
  gboolean warn = FALSE;

  if (self->client == NULL)
    return;

  gtk_label_set_label (self->name_label, dossier_client_get_display_name (self->client));

  if (dossier_client_get_status (self->client) == DOSSIER_CLIENT_DAMAGED)
    program = _("Open it to see what is wrong");
  else if (dossier_client_get_program_title (self->client) != NULL)
    program = dossier_client_get_program_title (self->client);
  else if (dossier_client_get_program_id (self->client) != NULL)
    program = dossier_client_get_program_id (self->client);
  else if (dossier_client_get_status (self->client) == DOSSIER_CLIENT_LOADED)
    program = _("Choose a program in the first step");
  else
    program = "";
  gtk_label_set_label (self->program_label, program);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->program_label),
                               dossier_client_get_error_message (self->client) != NULL
                               ? dossier_client_get_error_message (self->client) : program);

  status = readiness_text (self->client, &icon_name, &style);
  gtk_label_set_label (self->status_label, status);
  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), icon_name != NULL);
  set_style (GTK_WIDGET (self->status_label), style);
  set_style (GTK_WIDGET (self->status_icon), style);

  documents = documents_text (self->client);
  gtk_label_set_label (self->documents_label, documents);

  expiry = expiry_text (self->client, TRUE, &expiry_title, &warn);
  gtk_label_set_label (self->expiry_label, expiry);
  gtk_label_set_label (self->expiry_title_label, expiry_title);
  gtk_widget_set_visible (GTK_WIDGET (self->expiry_title_label), *expiry != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->expiry_icon), warn);
  set_style (GTK_WIDGET (self->expiry_label), warn ? "warning" : NULL);
  set_style (GTK_WIDGET (self->expiry_icon), warn ? "warning" : NULL);

  readiness = dossier_client_describe_readiness (self->client);
  spoken_expiry = dossier_client_describe_expiry (self->client);
  if (*spoken_expiry != '\0')
    /* Translators: what a screen reader says about a client after its name: the
     * program, the readiness, and “Expired: Work permit, June 30, 2026”. */
    description = g_strdup_printf (_("%s. %s. %s"), program, readiness, spoken_expiry);
  else
    description = g_strdup_printf (_("%s. %s"), program, readiness);
  if (g_strcmp0 (self->accessible_label, dossier_client_get_display_name (self->client)) != 0
      || g_strcmp0 (self->accessible_description, description) != 0)
    {
      g_free (self->accessible_label);
      self->accessible_label = g_strdup (dossier_client_get_display_name (self->client));
      g_free (self->accessible_description);
      self->accessible_description = g_steal_pointer (&description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      self->accessible_description,
                                      -1);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), dossier_client_get_path (self->client));
}

static void
dossier_client_row_dispose (GObject *object)
{
  DossierClientRow *self = (DossierClientRow *) object;
  GtkWidget *child;

  dossier_client_row_set_client (self, NULL);
  g_clear_pointer (&self->accessible_label, g_free);
  g_clear_pointer (&self->accessible_description, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_CLIENT_ROW);
  /* The template's top box has no name to be cleared by: it goes here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dossier_client_row_parent_class)->dispose (object);
}

static void
dossier_client_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DossierClientRow *self = DOSSIER_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      dossier_client_row_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_row_class_init (DossierClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_client_row_dispose;
  object_class->get_property = dossier_client_row_get_property;
  object_class->set_property = dossier_client_row_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DOSSIER_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/dossier-client-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, program_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, documents_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, expiry_icon);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, expiry_title_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientRow, expiry_label);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dossier_client_row_init (DossierClientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DossierClient *
dossier_client_row_get_client (DossierClientRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_ROW (self), NULL);

  return self->client;
}

void
dossier_client_row_set_client (DossierClientRow *self,
                               DossierClient    *client)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_ROW (self));
  g_return_if_fail (client == NULL || DOSSIER_IS_CLIENT (client));

  if (self->client == client)
    return;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    {
      /* Once per summary, not once per property. */
      g_signal_connect_object (client, "changed", G_CALLBACK (dossier_client_row_update),
                               self, G_CONNECT_SWAPPED);
      dossier_client_row_update (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);
}

