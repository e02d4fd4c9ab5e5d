/* dossier-client-list.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dossier-client-list.h"
#include "dossier-client-row.h"

/* Summaries arrive in batches in the first seconds; sorting and filtering again at
 * most this often keeps 500 clients smooth (each time, every row shown is bound
 * again). The last batch is sorted at once. */
#define RESORT_DELAY_MS 500

typedef enum
{
  SORT_NAME,
  SORT_PROGRAM,
  SORT_READINESS,
  SORT_EXPIRY,
  N_SORTS
} SortKey;

static const char * const sort_keys[N_SORTS] = { "name", "program", "readiness", "expiry" };

struct _DossierClientList
{
  GtkWidget            parent_instance;

  DossierClientStore  *store;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkCustomFilter     *filter;
  GtkCustomSorter     *sorter;
  char                *query;          /* folded */
  SortKey              sort;
  guint                resort_id;
  GHashTable          *rows;           /* DossierClient -> DossierClientRow, bound now */
  DossierClient       *focus_wanted;
  guint                focus_tries;
  guint                focus_tick_id;

  GtkSearchEntry      *search_entry;
  GtkDropDown         *sort_dropdown;
  GtkSpinner          *spinner;
  GtkLabel            *count_label;
  GtkStack            *content_stack;
  GtkListView         *list_view;
  GtkSingleSelection  *selection;
  AdwStatusPage       *no_results_page;
};

G_DEFINE_FINAL_TYPE (DossierClientList, dossier_client_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SORT_KEY,
  PROP_SELECTED_CLIENT,
  N_PROPS
};

enum {
  CLIENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* ------------------------------------------------------------------------------------
 * Sorting and filtering
 */

static int
readiness_rank (DossierClient *client)
{
  switch (dossier_client_get_status (client))
    {
    case DOSSIER_CLIENT_PENDING:
      return 5;
    case DOSSIER_CLIENT_DAMAGED:
      return 6;
    case DOSSIER_CLIENT_LOADED:
    default:
      break;
    }
  switch (dossier_client_get_verdict (client))
    {
    case DOSSIER_VERDICT_ELIGIBLE:
      return dossier_client_get_ready (client) ? 0 : 1;
    case DOSSIER_VERDICT_INCOMPLETE:
      return 2;
    case DOSSIER_VERDICT_NOT_ELIGIBLE:
      return 3;
    default:
      return 4;
    }
}

static double
documents_done (DossierClient *client)
{
  guint required = dossier_client_get_slots_required (client);

  if (required == 0)
    return 0;
  return (double) dossier_client_get_slots_done (client) / required;
}

/* Unknown values go last whichever the order. */
static int
compare_strings_last (const char *a,
                      const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_utf8_collate (a, b);
}

static int
compare_clients (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  DossierClientList *self = user_data;
  DossierClient *ca = (DossierClient *) a;
  DossierClient *cb = (DossierClient *) b;
  int r = 0;

  switch (self->sort)
    {
    case SORT_PROGRAM:
      r = compare_strings_last (dossier_client_get_program_title (ca),
                                dossier_client_get_program_title (cb));
      break;
    case SORT_READINESS:
      r = readiness_rank (ca) - readiness_rank (cb);
      if (r == 0)
        {
          double da = documents_done (ca), db = documents_done (cb);

          r = (da < db) - (da > db);
        }
      break;
    case SORT_EXPIRY:
      {
        DossierDay da = dossier_client_get_next_expiry (ca);
        DossierDay db = dossier_client_get_next_expiry (cb);

        if (da == DOSSIER_DAY_UNKNOWN || db == DOSSIER_DAY_UNKNOWN)
          r = (da == DOSSIER_DAY_UNKNOWN) - (db == DOSSIER_DAY_UNKNOWN);
        else
          r = (da > db) - (da < db);
      }
      break;
    case SORT_NAME:
    case N_SORTS:
    default:
      break;
    }
  if (r == 0)
    r = strcmp (dossier_client_get_name_key (ca), dossier_client_get_name_key (cb));
  if (r == 0)
    r = strcmp (dossier_client_get_path (ca), dossier_client_get_path (cb));
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
filter_client (gpointer item,
               gpointer user_data)
{
  DossierClientList *self = user_data;

  return self->query == NULL || dossier_client_matches (item, self->query);
}

static void
dossier_client_list_update_state (DossierClientList *self)
{
  guint total = self->store ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  gboolean loading = self->store != NULL && dossier_client_store_get_loading (self->store);
  g_autofree char *count = NULL;

  if (self->query != NULL)
    /* Translators: how many clients the search finds, out of all. */
    count = g_strdup_printf (ngettext ("%u of %u client", "%u of %u clients", total), shown, total);
  else
    count = g_strdup_printf (ngettext ("%u client", "%u clients", total), total);
  gtk_label_set_label (self->count_label, total > 0 ? count : "");

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);

  if (total == 0 && !loading)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else if (shown == 0 && self->query != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
      g_autofree char *description = NULL;

      /* Translators: the search found nothing; %s is what was searched for. */
      description = g_strdup_printf (_("No client’s name contains “%s”. Press Escape to see every client."),
                                     escaped);
      adw_status_page_set_description (self->no_results_page, description);
      gtk_stack_set_visible_child_name (self->content_stack, "no-results");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
    }
}

void
dossier_client_list_update_now (DossierClientList *self)
{
  GtkAdjustment *adjustment;
  gboolean at_top;

  g_return_if_fail (DOSSIER_IS_CLIENT_LIST (self));

  /* The list keeps the first row shown in view when it moves; at the top of the
   * list, with nothing selected, the top is what the user was looking at. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  at_top = adjustment != NULL && gtk_adjustment_get_value (adjustment) <= 0
           && gtk_single_selection_get_selected_item (self->selection) == NULL;

  g_clear_handle_id (&self->resort_id, g_source_remove);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  if (self->query != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  dossier_client_list_update_state (self);

  if (at_top)
    gtk_adjustment_set_value (adjustment, 0);
}

static gboolean
resort_cb (gpointer user_data)
{
  DossierClientList *self = user_data;

  self->resort_id = 0;
  dossier_client_list_update_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_client_updated_cb (DossierClientList *self,
                      DossierClient     *client)
{
  if (self->resort_id == 0)
    self->resort_id = g_timeout_add (RESORT_DELAY_MS, resort_cb, self);
}

static void
on_store_loading_cb (DossierClientList *self)
{
  if (!dossier_client_store_get_loading (self->store) && self->resort_id != 0)
    dossier_client_list_update_now (self);
  else
    dossier_client_list_update_state (self);
}

/* ------------------------------------------------------------------------------------
 * Focus
 */

static gboolean
find_position (DossierClientList *self,
               DossierClient     *client,
               guint             *position)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DossierClient) item = g_list_model_get_item (model, i);

      if (item == client)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The row appears once the list has been laid out after scrolling to it. */
static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  DossierClientList *self = DOSSIER_CLIENT_LIST (widget);
  GtkWidget *row;

  if (self->focus_wanted != NULL)
    {
      row = g_hash_table_lookup (self->rows, self->focus_wanted);
      if (row != NULL && gtk_widget_get_parent (row) != NULL
          && gtk_widget_grab_focus (gtk_widget_get_parent (row)))
        g_clear_object (&self->focus_wanted);
      else if (++self->focus_tries > 20)
        g_clear_object (&self->focus_wanted);
    }
  if (self->focus_wanted != NULL)
    return G_SOURCE_CONTINUE;
  self->focus_tick_id = 0;
  return G_SOURCE_REMOVE;
}

void
dossier_client_list_select_client (DossierClientList *self,
                                   DossierClient     *client,
                                   gboolean           focus)
{
  guint position;

  g_return_if_fail (DOSSIER_IS_CLIENT_LIST (self));
  g_return_if_fail (DOSSIER_IS_CLIENT (client));

  if (!find_position (self, client, &position))
    {
      /* Hidden by the search: show every client again rather than lose it. */
      if (self->query == NULL)
        return;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      dossier_client_list_set_search_text (self, NULL);
      if (!find_position (self, client, &position))
        return;
    }

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  if (!focus)
    return;
  g_set_object (&self->focus_wanted, client);
  self->focus_tries = 0;
  if (self->focus_tick_id == 0)
    self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick_cb, NULL, NULL);
}

void
dossier_client_list_focus_search (DossierClientList *self)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
dossier_client_list_focus_list (DossierClientList *self)
{
  DossierClient *client;

  g_return_if_fail (DOSSIER_IS_CLIENT_LIST (self));

  client = gtk_single_selection_get_selected_item (self->selection);
  if (client == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) > 0)
    {
      g_autoptr(DossierClient) first = g_list_model_get_item (G_LIST_MODEL (self->sort_model), 0);

      dossier_client_list_select_client (self, first, TRUE);
      return;
    }
  if (client != NULL)
    dossier_client_list_select_client (self, client, TRUE);
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "empty") == 0)
    gtk_widget_child_focus (GTK_WIDGET (self->content_stack), GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ------------------------------------------------------------------------------------
 * Callbacks
 */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     DossierClientList        *self)
{
  gtk_list_item_set_child (item, g_object_new (DOSSIER_TYPE_CLIENT_ROW, NULL));
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    DossierClientList        *self)
{
  DossierClientRow *row = DOSSIER_CLIENT_ROW (gtk_list_item_get_child (item));
  DossierClient *client = gtk_list_item_get_item (item);

  dossier_client_row_set_client (row, client);
  g_hash_table_insert (self->rows, client, row);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      DossierClientList        *self)
{
  DossierClientRow *row = DOSSIER_CLIENT_ROW (gtk_list_item_get_child (item));
  DossierClient *client = dossier_client_row_get_client (row);

  if (client != NULL && g_hash_table_lookup (self->rows, client) == row)
    g_hash_table_remove (self->rows, client);
  dossier_client_row_set_client (row, NULL);
}

static void
on_list_activate_cb (DossierClientList *self,
                     guint              position)
{
  g_autoptr(DossierClient) client = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (client != NULL)
    g_signal_emit (self, signals [CLIENT_ACTIVATED], 0, client);
}

/* Tabbing into the list lands on the selected client, else the first one, rather than
 * wherever the list's own focus tracking followed an item to while sorting. */
static void
on_list_focus_enter_cb (DossierClientList *self)
{
  DossierClient *client = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(DossierClient) first = NULL;

  if (client == NULL)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0)
        return;
      first = g_list_model_get_item (G_LIST_MODEL (self->sort_model), 0);
      client = first;
    }
  if (self->focus_wanted == NULL)
    dossier_client_list_select_client (self, client, TRUE);
}

static void
on_selected_item_cb (DossierClientList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_CLIENT]);
}

static void
on_search_changed_cb (DossierClientList *self)
{
  dossier_client_list_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search goes to the first client found. */
static void
on_search_activate_cb (DossierClientList *self)
{
  g_autoptr(DossierClient) first = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->sort_model), 0);
  dossier_client_list_select_client (self, first, TRUE);
}

static void
on_search_next_cb (DossierClientList *self)
{
  on_search_activate_cb (self);
}

static void
on_stop_search_cb (DossierClientList *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    dossier_client_list_focus_list (self);
}

static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          DossierClientList     *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
      && (state & GDK_MODIFIER_MASK) == 0)
    {
      on_search_activate_cb (self);
      return TRUE;
    }
  return FALSE;
}

static void
on_sort_selected_cb (DossierClientList *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (selected < N_SORTS)
    dossier_client_list_set_sort_key (self, sort_keys[selected]);
}

static void
on_items_changed_cb (DossierClientList *self)
{
  dossier_client_list_update_state (self);
}

/* ------------------------------------------------------------------------------------
 * GObject
 */

static void
dossier_client_list_dispose (GObject *object)
{
  DossierClientList *self = (DossierClientList *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->resort_id, g_source_remove);
  if (self->focus_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick_id);
      self->focus_tick_id = 0;
    }
  g_clear_object (&self->focus_wanted);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_model, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_CLIENT_LIST);
  /* The template's top box has no name to be cleared by: it goes here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (dossier_client_list_parent_class)->dispose (object);
}

static void
dossier_client_list_finalize (GObject *object)
{
  DossierClientList *self = (DossierClientList *) object;

  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (dossier_client_list_parent_class)->finalize (object);
}

static void
dossier_client_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierClientList *self = DOSSIER_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SORT_KEY:
      g_value_set_string (value, dossier_client_list_get_sort_key (self));
      break;
    case PROP_SELECTED_CLIENT:
      g_value_set_object (value, dossier_client_list_get_selected_client (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_client_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DossierClientList *self = DOSSIER_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dossier_client_list_set_store (self, g_value_get_object (value));
      break;
    case PROP_SORT_KEY:
      dossier_client_list_set_sort_key (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
dossier_client_list_grab_focus (GtkWidget *widget)
{
  dossier_client_list_focus_list (DOSSIER_CLIENT_LIST (widget));
  return TRUE;
}

static void
dossier_client_list_class_init (DossierClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_client_list_dispose;
  object_class->finalize = dossier_client_list_finalize;
  object_class->get_property = dossier_client_list_get_property;
  object_class->set_property = dossier_client_list_set_property;

  widget_class->grab_focus = dossier_client_list_grab_focus;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DOSSIER_TYPE_CLIENT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SORT_KEY] =
    g_param_spec_string ("sort-key", NULL, NULL, "name",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SELECTED_CLIENT] =
    g_param_spec_object ("selected-client", NULL, NULL, DOSSIER_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierClientList::client-activated:
   * @client: the client to open
   *
   * Emitted when a client is activated (Enter, double click).
   */
  signals [CLIENT_ACTIVATED] =
    g_signal_new ("client-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, DOSSIER_TYPE_CLIENT);

  g_type_ensure (DOSSIER_TYPE_CLIENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/dossier-client-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierClientList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierClientList, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DossierClientList, spinner);
  gtk_widget_class_bind_template_child (widget_class, DossierClientList, count_label);
  gtk_widget_class_bind_template_child (widget_class, DossierClientList, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierClientList, list_view);
  gtk_widget_class_bind_template_child (widget_class, DossierClientList, selection);
  gtk_widget_class_bind_template_child (widget_class, DossierClientList, no_results_page);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected_cb);
}

static void
dossier_client_list_init (DossierClientList *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  self->rows = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_client, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare_clients, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                              GTK_SORTER (g_object_ref (self->sorter)));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->sort_model));
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  /* Typing anywhere in the list searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (on_search_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (on_list_focus_enter_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  /* Delete deletes the client under the focus, and only in the list: in the search
   * entry it deletes text. */
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0)),
                               gtk_named_action_new ("win.delete"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  dossier_client_list_update_state (self);
}

DossierClientStore *
dossier_client_list_get_store (DossierClientList *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_LIST (self), NULL);
  return self->store;
}

void
dossier_client_list_set_store (DossierClientList  *self,
                               DossierClientStore *store)
{
  g_return_if_fail (DOSSIER_IS_CLIENT_LIST (self));
  g_return_if_fail (store == NULL || DOSSIER_IS_CLIENT_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "client-updated",
                               G_CALLBACK (on_client_updated_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::loading",
                               G_CALLBACK (on_store_loading_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (store));
  dossier_client_list_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

const char *
dossier_client_list_get_sort_key (DossierClientList *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_LIST (self), NULL);
  return sort_keys[self->sort];
}

void
dossier_client_list_set_sort_key (DossierClientList *self,
                                  const char        *sort_key)
{
  SortKey sort = SORT_NAME;

  g_return_if_fail (DOSSIER_IS_CLIENT_LIST (self));

  for (guint i = 0; i < N_SORTS; i++)
    if (g_strcmp0 (sort_key, sort_keys[i]) == 0)
      sort = i;
  if (gtk_drop_down_get_selected (self->sort_dropdown) != sort)
    gtk_drop_down_set_selected (self->sort_dropdown, sort);
  if (sort == self->sort)
    return;
  self->sort = sort;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SORT_KEY]);
}

const char *
dossier_client_list_get_search_text (DossierClientList *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_LIST (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

void
dossier_client_list_set_search_text (DossierClientList *self,
                                     const char        *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (DOSSIER_IS_CLIENT_LIST (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    {
      /* Comes back through ::search-changed, later; filter now. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }
  folded = g_strstrip (dossier_client_fold_query (text));
  if (*folded == '\0')
    g_clear_pointer (&folded, g_free);
  if (g_strcmp0 (folded, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  dossier_client_list_update_state (self);
}

/**
 * dossier_client_list_get_visible:
 *
 * Returns: (transfer none): the clients shown, in order.
 */
GListModel *
dossier_client_list_get_visible (DossierClientList *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_LIST (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

/**
 * dossier_client_list_get_selected_client:
 *
 * Returns: (transfer none) (nullable): the selected client.
 */
DossierClient *
dossier_client_list_get_selected_client (DossierClientList *self)
{
  g_return_val_if_fail (DOSSIER_IS_CLIENT_LIST (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}
