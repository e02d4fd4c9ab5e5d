/* dossier-slot-row.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-countries.h"
#include "dossier-i18n.h"
#include "dossier-slot-row.h"

struct _DossierSlotRow
{
  AdwExpanderRow  parent_instance;

  GtkImage       *state_icon;
  GtkButton      *add_button;

  char           *key;
  char           *summary;
  char           *fit_result;
  GPtrArray      *children;       /* the rows added under the expander */
  AdwActionRow   *fit_row;
  GtkButton      *fit_button;
  GtkSpinner     *fit_spinner;
  AdwActionRow   *fit_result_row;
  char           *fit_path;
  gboolean        fitting;
  gboolean        can_fit;
};

G_DEFINE_FINAL_TYPE (DossierSlotRow, dossier_slot_row, ADW_TYPE_EXPANDER_ROW)

enum {
  ADD_FILES,
  FILES_DROPPED,
  REMOVE_DOCUMENT,
  MAKE_IT_FIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
dossier_slot_file_free (DossierSlotFile *file)
{
  g_free (file->origin_path);
  g_free (file->file);
  g_free (file->resolved);
  g_free (file);
}

/* A text the data files give in English and French, in the interface's data language
 * (dossier_i18n_data_language ()), else in English. */
static const char *
in_data_lang (char * const *texts)
{
  const char *text = texts[dossier_i18n_data_lang_index ()];

  return text != NULL ? text : texts[DOSSIER_LANG_EN];
}

static void
add_clicked_cb (DossierSlotRow *self)
{
  g_signal_emit (self, signals[ADD_FILES], 0);
}

static void
fit_clicked_cb (DossierSlotRow *self)
{
  g_signal_emit (self, signals[MAKE_IT_FIT], 0);
}

static void
remove_clicked_cb (GtkButton      *button,
                   DossierSlotRow *self)
{
  const char *origin = g_object_get_data (G_OBJECT (button), "dossier-origin");

  g_signal_emit (self, signals[REMOVE_DOCUMENT], 0, origin);
}

static void
open_clicked_cb (GtkButton *button)
{
  const char *path = g_object_get_data (G_OBJECT (button), "dossier-path");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Cannot open %s: %s", path, error->message);
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         DossierSlotRow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  g_signal_emit (self, signals[FILES_DROPPED], 0, files);
  return TRUE;
}

static void
clear_children (DossierSlotRow *self)
{
  for (guint i = 0; i < self->children->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->children, i));
  g_ptr_array_set_size (self->children, 0);
  self->fit_row = NULL;
  self->fit_button = NULL;
  self->fit_spinner = NULL;
  self->fit_result_row = NULL;
}

static void
add_child (DossierSlotRow *self,
           GtkWidget      *row)
{
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  g_ptr_array_add (self->children, row);
}

static GtkWidget *
note_row_new (const char *icon_name,
              const char *title,
              const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  return row;
}

static const char *
need_text (DossierSlotNeed need)
{
  switch (need)
    {
    case DOSSIER_SLOT_NOT_NEEDED:
      return _("Not needed");
    case DOSSIER_SLOT_MAYBE:
      return _("Maybe needed");
    case DOSSIER_SLOT_RECOMMENDED:
      return _("Recommended");
    case DOSSIER_SLOT_REQUIRED:
    default:
      return _("Required");
    }
}

static char *
describe_info (const DossierDocumentInfo *info)
{
  g_autofree char *size = g_format_size (info->size);
  const char *format = dossier_file_format_to_string (info->format);
  g_autofree char *upper = g_ascii_strup (format != NULL ? format : "?", -1);

  switch (info->problem)
    {
    case DOSSIER_DOCUMENT_EMPTY:
      return g_strdup (_("empty file"));
    case DOSSIER_DOCUMENT_UNKNOWN_FORMAT:
      /* Translators: "format not recognized · 12 kB" */
      return g_strdup_printf (_("format not recognized · %s"), size);
    case DOSSIER_DOCUMENT_ENCRYPTED:
      return g_strdup_printf (_("%s · encrypted: the portal refuses it · %s"), upper, size);
    case DOSSIER_DOCUMENT_DAMAGED:
      return g_strdup_printf (_("%s · damaged · %s"), upper, size);
    case DOSSIER_DOCUMENT_OK:
    default:
      break;
    }
  if (info->format == DOSSIER_FORMAT_PDF && info->pages > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d page · %s",
                                         "%s · %d pages · %s", info->pages),
                            upper, info->pages, size);
  if (info->width > 0)
    /* Translators: "JPEG · 3024 × 4032 pixels, 300 dpi on A4 · 2.1 MB" */
    return g_strdup_printf (_("%s · %d × %d pixels, %.0f dpi on A4 · %s"), upper,
                            info->width, info->height, info->dpi_on_a4, size);
  return g_strdup_printf ("%s · %s", upper, size);
}

static GtkWidget *
file_row_new (DossierSlotRow        *self,
              const DossierSlotFile *file,
              GHashTable            *thumbnails)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_path_get_basename (file->file);
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *open_label = NULL;
  GdkTexture *texture = thumbnails != NULL ? g_hash_table_lookup (thumbnails, file->resolved) : NULL;
  GtkWidget *thumbnail;
  GtkWidget *remove;
  GtkWidget *open;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (file->info != NULL)
    subtitle = describe_info (file->info);
  else
    subtitle = g_strdup_printf (_("cannot be read: %s"), file->resolved);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, file->resolved);

  if (texture != NULL)
    {
      thumbnail = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (thumbnail), TRUE);
      gtk_widget_set_size_request (thumbnail, 48, 48);
    }
  else
    {
      gboolean is_image = file->info != NULL && file->info->width > 0;

      thumbnail = gtk_image_new_from_icon_name (is_image ? "image-x-generic-symbolic"
                                                         : "x-office-document-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (thumbnail), 32);
      gtk_widget_set_size_request (thumbnail, 48, 48);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (thumbnail),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Thumbnail"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), thumbnail);

  open = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_tooltip_text (open, _("Open the file"));
  /* Translators: accessible name of a button, "Open passport.pdf" */
  open_label = g_strdup_printf (_("Open %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (open),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
  g_object_set_data_full (G_OBJECT (open), "dossier-path", g_strdup (file->resolved), g_free);
  g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), NULL);
  gtk_widget_set_sensitive (open, file->info != NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);

  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove from this slot (the file itself is kept)"));
  /* Translators: accessible name of a button, "Remove passport.pdf from this slot" */
  remove_label = g_strdup_printf (_("Remove %s from this slot"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "dossier-origin", g_strdup (file->origin_path), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
update_fit_row (DossierSlotRow *self)
{
  if (self->fit_row == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->fit_button), !self->fitting);
  gtk_widget_set_visible (GTK_WIDGET (self->fit_spinner), self->fitting);
  gtk_spinner_set_spinning (self->fit_spinner, self->fitting);
  if (self->fitting)
    adw_action_row_set_subtitle (self->fit_row, _("Working…"));
  if (self->fit_result_row != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->fit_result_row), self->fit_result != NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->fit_result_row),
                                     self->fit_result != NULL ? self->fit_result : "");
    }
}

void
dossier_slot_row_update (DossierSlotRow          *self,
                         const DossierSlotStatus *status,
                         GPtrArray               *files,
                         GHashTable              *thumbnails,
                         DossierDay               as_of)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *max = NULL;
  g_autofree char *total = NULL;
  g_autofree char *add_label = NULL;
  g_autofree char *country_label = NULL;
  const char *label;
  const char *icon;
  guint n_files = files != NULL ? files->len : 0;

  g_return_if_fail (DOSSIER_IS_SLOT_ROW (self));
  g_return_if_fail (status != NULL);

  clear_children (self);
  if (status->slot->per == DOSSIER_SLOT_PER_COUNTRY
      && dossier_country_get_name (status->instance) != NULL)
    {
      const char *title = in_data_lang (status->slot->titles);

      /* Translators: a document for one country, "Police certificate: Philippines". */
      country_label = g_strdup_printf (_("%s: %s"), title,
                                       dossier_country_get_name (status->instance));
      label = country_label;
    }
  else
    {
      label = in_data_lang (status->label);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);

  max = g_format_size (status->max_bytes);
  total = g_format_size (status->total_bytes);
  g_string_append (summary, need_text (status->need));
  g_string_append (summary, " · ");
  switch (status->state)
    {
    case DOSSIER_SLOT_EMPTY:
      g_string_append (summary, status->need == DOSSIER_SLOT_REQUIRED ? _("Missing: no file attached")
                                                                      : _("No file attached"));
      icon = status->need == DOSSIER_SLOT_REQUIRED ? "dialog-warning-symbolic"
                                                   : "document-new-symbolic";
      break;
    case DOSSIER_SLOT_READY:
      /* Translators: "Ready: 240 kB of 4.0 MB allowed" */
      g_string_append_printf (summary, _("Ready: %s of %s allowed"), total, max);
      icon = "emblem-ok-symbolic";
      break;
    case DOSSIER_SLOT_TO_FIT:
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "To fit: %u file, %s, becomes one file under %s when packaged",
                                           "To fit: %u files, %s, become one file under %s when packaged",
                                           n_files),
                              n_files, total, max);
      icon = "emblem-synchronizing-symbolic";
      break;
    case DOSSIER_SLOT_PROBLEM:
    default:
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE, "Problem: %u to correct",
                                           "Problems: %u to correct", MAX (status->problems->len, 1)),
                              MAX (status->problems->len, 1));
      icon = "dialog-error-symbolic";
      break;
    }
  if (status->expired)
    g_string_append (summary, _(" · expired"));
  else if (status->expiring_soon)
    g_string_append (summary, _(" · expires soon"));

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), self->summary);
  gtk_image_set_from_icon_name (self->state_icon, icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary, -1);

  /* Translators: accessible name of a slot's button, "Attach a file to Passport" */
  add_label = g_strdup_printf (_("Attach a file to %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);

  for (guint i = 0; i < n_files; i++)
    add_child (self, file_row_new (self, g_ptr_array_index (files, i), thumbnails));

  for (guint i = 0; i < status->problems->len; i++)
    {
      const DossierNote *note = g_ptr_array_index (status->problems, i);
      const char *text = in_data_lang (note->text);

      add_child (self, note_row_new ("dialog-warning-symbolic", _("To correct"), text));
    }

  if (status->valid_until != DOSSIER_DAY_UNKNOWN)
    {
      g_autofree char *until = dossier_day_format (status->valid_until);
      g_autofree char *title = NULL;

      if (status->expired)
        title = g_strdup_printf (_("Expired: valid until %s"), until);
      else if (status->expiring_soon)
        title = g_strdup_printf (_("Expires soon: valid until %s, within %d days of the "
                                   "reference date"), until, DOSSIER_EXPIRY_WARNING_DAYS);
      else
        title = g_strdup_printf (_("Valid until %s"), until);
      add_child (self, note_row_new (status->expired || status->expiring_soon
                                     ? "dialog-warning-symbolic" : "x-office-calendar-symbolic",
                                     title, NULL));
    }

  if (status->slot->help[dossier_i18n_data_lang_index ()] != NULL)
    add_child (self, note_row_new ("dialog-information-symbolic", _("What to attach"),
                                   in_data_lang (status->slot->help)));

  /* Several files, or one over the limit: they can be merged and shrunk now, to see
   * the result before packaging does it. */
  self->can_fit = n_files > 0 && (status->state == DOSSIER_SLOT_TO_FIT || n_files > 1
                                  || status->total_bytes > status->max_bytes);
  if (self->can_fit)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      self->fit_row = ADW_ACTION_ROW (note_row_new ("emblem-synchronizing-symbolic",
                                                    _("Make it fit"), NULL));
      g_free (max);
      max = g_format_size (status->max_bytes);
      {
        g_autofree char *text = g_strdup_printf (_("Merge the files in order and shrink them "
                                                   "into one file under %s, beside the "
                                                   "profile; the originals are kept"), max);

        adw_action_row_set_subtitle (self->fit_row, text);
      }
      self->fit_spinner = GTK_SPINNER (gtk_spinner_new ());
      self->fit_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Make It Fit")));
      gtk_widget_set_valign (GTK_WIDGET (self->fit_button), GTK_ALIGN_CENTER);
      g_signal_connect_swapped (self->fit_button, "clicked", G_CALLBACK (fit_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->fit_spinner));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->fit_button));
      adw_action_row_add_suffix (self->fit_row, box);
      add_child (self, GTK_WIDGET (self->fit_row));

      self->fit_result_row = ADW_ACTION_ROW (note_row_new ("document-save-symbolic", "", NULL));
      if (self->fit_path != NULL)
        {
          GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));

          gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (open), "dossier-path", g_strdup (self->fit_path), g_free);
          g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), NULL);
          adw_action_row_add_suffix (self->fit_result_row, open);
          adw_action_row_set_subtitle (self->fit_result_row, self->fit_path);
        }
      add_child (self, GTK_WIDGET (self->fit_result_row));
      update_fit_row (self);
    }
}

const char *
dossier_slot_row_get_summary (DossierSlotRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_SLOT_ROW (self), NULL);

  return self->summary;
}

void
dossier_slot_row_set_fitting (DossierSlotRow *self,
                              gboolean        fitting)
{
  g_return_if_fail (DOSSIER_IS_SLOT_ROW (self));

  self->fitting = fitting;
  update_fit_row (self);
}

void
dossier_slot_row_set_fit_result (DossierSlotRow *self,
                                 const char     *message,
                                 const char     *path)
{
  g_return_if_fail (DOSSIER_IS_SLOT_ROW (self));

  g_free (self->fit_result);
  self->fit_result = g_strdup (message);
  g_free (self->fit_path);
  self->fit_path = g_strdup (path);
  self->fitting = FALSE;
  if (self->fit_result_row != NULL)
    {
      adw_action_row_set_subtitle (self->fit_result_row, path != NULL ? path : "");
      if (path != NULL)
        {
          GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));

          gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (open), "dossier-path", g_strdup (path), g_free);
          g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), NULL);
          adw_action_row_add_suffix (self->fit_result_row, open);
        }
    }
  update_fit_row (self);
}

const char *
dossier_slot_row_get_fit_result (DossierSlotRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_SLOT_ROW (self), NULL);

  return self->fit_result;
}

const char *
dossier_slot_row_get_key (DossierSlotRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_SLOT_ROW (self), NULL);

  return self->key;
}

static void
dossier_slot_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DOSSIER_TYPE_SLOT_ROW);
  G_OBJECT_CLASS (dossier_slot_row_parent_class)->dispose (object);
}

static void
dossier_slot_row_finalize (GObject *object)
{
  DossierSlotRow *self = (DossierSlotRow *) object;

  g_free (self->key);
  g_free (self->summary);
  g_free (self->fit_result);
  g_free (self->fit_path);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  G_OBJECT_CLASS (dossier_slot_row_parent_class)->finalize (object);
}

static void
dossier_slot_row_class_init (DossierSlotRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_slot_row_dispose;
  object_class->finalize = dossier_slot_row_finalize;

  /* The user asks for a file chooser. */
  signals[ADD_FILES] =
    g_signal_new ("add-files", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Files dropped on the row: a GSList of GFile (GDK_TYPE_FILE_LIST). */
  signals[FILES_DROPPED] =
    g_signal_new ("files-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, GDK_TYPE_FILE_LIST);
  /* A <document>'s absolute path in the profile. */
  signals[REMOVE_DOCUMENT] =
    g_signal_new ("remove-document", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[MAKE_IT_FIT] =
    g_signal_new ("make-it-fit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-slot-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierSlotRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, DossierSlotRow, add_button);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
dossier_slot_row_init (DossierSlotRow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->children = g_ptr_array_new ();

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
dossier_slot_row_new (const char *key)
{
  DossierSlotRow *self = g_object_new (DOSSIER_TYPE_SLOT_ROW, NULL);

  self->key = g_strdup (key);
  return GTK_WIDGET (self);
}
