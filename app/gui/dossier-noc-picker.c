/* dossier-noc-picker.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-i18n.h"
#include "dossier-noc.h"
#include "dossier-noc-picker.h"

struct _DossierNocPicker
{
  GtkPopover      parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list;
  GtkLabel       *footer_label;

  GStrv           preferred;
  DossierNocTable *table;
};

G_DEFINE_FINAL_TYPE (DossierNocPicker, dossier_noc_picker, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The experience rules of the packs (<experience nocs=…> in data/rules). */
static const char * const child_care_codes[] = { "44100", "42202", NULL };
static const char * const home_support_codes[] = { "44101", "33102", NULL };
static const char * const hccpp_codes[] = { "44100", NULL };
static const char * const hswp_codes[] = { "44101", NULL };
static const char * const quebec_codes[] = { "33102", "44101", NULL };

const char * const *
dossier_noc_picker_codes_for_program (const char *program)
{
  if (g_strcmp0 (program, "hcwip-home-support") == 0)
    return home_support_codes;
  if (g_strcmp0 (program, "hccpp-2019") == 0)
    return hccpp_codes;
  if (g_strcmp0 (program, "hswp-2019") == 0)
    return hswp_codes;
  if (g_strcmp0 (program, "quebec-health-asylum") == 0)
    return quebec_codes;
  return child_care_codes;
}

static gboolean
is_code (const char *text)
{
  if (text == NULL || strlen (text) != 5)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static GtkWidget *
row_new (const char *code,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *full = g_strdup_printf ("%s · %s", code, title);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), full);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "dossier-code", g_strdup (code), g_free);
  return row;
}

static void
populate (DossierNocPicker *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *lang = dossier_i18n_data_language ();
  g_autofree char *stripped = g_strstrip (g_strdup (query));
  g_autoptr(GPtrArray) found = NULL;
  GtkWidget *child;
  gboolean exact = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->table == NULL)
    return;

  found = dossier_noc_table_search (self->table, stripped,
                                    (const char * const *) self->preferred);
  for (guint i = 0; i < found->len; i++)
    {
      const DossierNoc *noc = g_ptr_array_index (found, i);
      guint index = g_strcmp0 (lang, "fr") == 0 && noc->titles[1] != NULL ? 1 : 0;
      gboolean counts = self->preferred != NULL
                        && g_strv_contains ((const char * const *) self->preferred, noc->code);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (counts)
        g_string_append (subtitle, _("Counts for this program’s work experience"));
      if (!noc->verified[index])
        {
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          g_string_append (subtitle, _("title not confirmed"));
        }
      if (g_strcmp0 (noc->code, stripped) == 0)
        exact = TRUE;
      gtk_list_box_append (self->list,
                           row_new (noc->code, noc->titles[index],
                                    subtitle->len > 0 ? subtitle->str : NULL));
    }

  /* A code the list does not know can still be entered: the rules then say whether it
   * counts. */
  if (is_code (stripped) && !exact)
    gtk_list_box_append (self->list,
                         row_new (stripped, _("a code not in this list"),
                                  _("Use it if it is the code on your documents")));
  if (gtk_widget_get_first_child (GTK_WIDGET (self->list)) == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No occupation found"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Type a five-digit NOC code to use a code not listed"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->list, row);
    }
}

static void
search_changed_cb (DossierNocPicker *self)
{
  populate (self);
}

static void
row_activated_cb (DossierNocPicker *self,
                  GtkListBoxRow    *row)
{
  const char *code = g_object_get_data (G_OBJECT (row), "dossier-code");

  if (code != NULL)
    dossier_noc_picker_choose (self, code);
}

static void
search_activate_cb (DossierNocPicker *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if (first != NULL)
    row_activated_cb (self, first);
}

void
dossier_noc_picker_choose (DossierNocPicker *self,
                           const char       *code)
{
  g_return_if_fail (DOSSIER_IS_NOC_PICKER (self));
  g_return_if_fail (code != NULL);

  g_signal_emit (self, signals[CHOSEN], 0, code);
  gtk_popover_popdown (GTK_POPOVER (self));
}

void
dossier_noc_picker_set_preferred_codes (DossierNocPicker   *self,
                                        const char * const *codes)
{
  g_return_if_fail (DOSSIER_IS_NOC_PICKER (self));

  g_strfreev (self->preferred);
  self->preferred = g_strdupv ((char **) codes);
  populate (self);
}

const char * const *
dossier_noc_picker_get_preferred_codes (DossierNocPicker *self)
{
  g_return_val_if_fail (DOSSIER_IS_NOC_PICKER (self), NULL);

  return (const char * const *) self->preferred;
}

void
dossier_noc_picker_set_query (DossierNocPicker *self,
                              const char       *query)
{
  g_return_if_fail (DOSSIER_IS_NOC_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
  populate (self);
}

GStrv
dossier_noc_picker_dup_shown_codes (DossierNocPicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (DOSSIER_IS_NOC_PICKER (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *code = g_object_get_data (G_OBJECT (child), "dossier-code");

      if (code != NULL)
        g_strv_builder_add (builder, code);
    }
  return g_strv_builder_end (builder);
}

static void
dossier_noc_picker_show (GtkWidget *widget)
{
  DossierNocPicker *self = DOSSIER_NOC_PICKER (widget);

  GTK_WIDGET_CLASS (dossier_noc_picker_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
dossier_noc_picker_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DOSSIER_TYPE_NOC_PICKER);
  G_OBJECT_CLASS (dossier_noc_picker_parent_class)->dispose (object);
}

static void
dossier_noc_picker_finalize (GObject *object)
{
  DossierNocPicker *self = (DossierNocPicker *) object;

  g_clear_pointer (&self->preferred, g_strfreev);
  G_OBJECT_CLASS (dossier_noc_picker_parent_class)->finalize (object);
}

static void
dossier_noc_picker_class_init (DossierNocPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_noc_picker_dispose;
  object_class->finalize = dossier_noc_picker_finalize;
  widget_class->show = dossier_noc_picker_show;

  /**
   * DossierNocPicker::chosen:
   * @code: the five-digit NOC code
   */
  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ca/dossier/Dossier/dossier-noc-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierNocPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierNocPicker, list);
  gtk_widget_class_bind_template_child (widget_class, DossierNocPicker, footer_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
dossier_noc_picker_init (DossierNocPicker *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->table = dossier_noc_table_get_default (&error);
  if (self->table == NULL)
    {
      g_warning ("Cannot load the NOC list: %s", error->message);
      gtk_label_set_label (self->footer_label,
                           _("The list of occupations could not be loaded; type a five-digit NOC code."));
    }
  self->preferred = g_strdupv ((char **) child_care_codes);
  populate (self);
}

GtkWidget *
dossier_noc_picker_new (void)
{
  return g_object_new (DOSSIER_TYPE_NOC_PICKER, NULL);
}
