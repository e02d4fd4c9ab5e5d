/* dossier-field-row.c
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-countries.h"
#include "dossier-field-row.h"

/* A problem found while the user is typing in the field waits this long after the last
 * keystroke before it is shown: "2" on the way to "2025-03-31" is not worth a red
 * message. A value that becomes fine clears its message at once. */
#define PROBLEM_DELAY_MS 700

typedef struct
{
  const char *token;
  const char *label;
} Choice;

static const Choice province_choices[] = {
  { "AB", N_("Alberta") },
  { "BC", N_("British Columbia") },
  { "MB", N_("Manitoba") },
  { "NB", N_("New Brunswick") },
  { "NL", N_("Newfoundland and Labrador") },
  { "NS", N_("Nova Scotia") },
  { "NT", N_("Northwest Territories") },
  { "NU", N_("Nunavut") },
  { "ON", N_("Ontario") },
  { "PE", N_("Prince Edward Island") },
  { "QC", N_("Quebec") },
  { "SK", N_("Saskatchewan") },
  { "YT", N_("Yukon") },
  { NULL, NULL },
};

static const Choice status_kind_choices[] = {
  { "work-permit", N_("Work permit") },
  { "maintained-status", N_("Maintained status (extension applied for)") },
  { "visitor", N_("Visitor") },
  { "student", N_("Student") },
  { "asylum-claimant", N_("Asylum claimant") },
  { "out-of-status", N_("Out of status") },
  { "permanent-resident", N_("Permanent resident") },
  { "none", N_("None: lives outside Canada") },
  { NULL, NULL },
};

static const Choice permit_choices[] = {
  { "open", N_("Open work permit") },
  { "employer-specific", N_("Employer-specific work permit") },
  { "occupation-restricted", N_("Occupation-restricted open work permit") },
  { NULL, NULL },
};

static const Choice employer_kind_choices[] = {
  { "private-household", N_("Private household") },
  { "home-care-provider", N_("Home care provider (organization)") },
  { "placement-agency", N_("Placement or recruitment agency") },
  { "family-member", N_("Family member") },
  { "other", N_("Other") },
  { NULL, NULL },
};

static const Choice setting_choices[] = {
  { "private-home", N_("In a private home") },
  { "institution", N_("In an institution") },
  { NULL, NULL },
};

static const Choice yes_no_choices[] = {
  { "true", N_("Yes") },
  { "false", N_("No") },
  { NULL, NULL },
};

static const Choice education_level_choices[] = {
  { "secondary", N_("Secondary school") },
  { "post-secondary-1y", N_("One-year post-secondary") },
  { "post-secondary-2y", N_("Two-year post-secondary") },
  { "bachelor", N_("Bachelor’s degree") },
  { "master", N_("Master’s degree") },
  { "doctorate", N_("Doctorate") },
  { "none", N_("None") },
  { NULL, NULL },
};

static const Choice eca_organization_choices[] = {
  { "wes", N_("World Education Services (WES)") },
  { "ices", N_("International Credential Evaluation Service (ICES)") },
  { "iqas", N_("International Qualifications Assessment Service (IQAS)") },
  { "ces", N_("Comparative Education Service, University of Toronto (CES)") },
  { "icas", N_("International Credential Assessment Service of Canada (ICAS)") },
  { "mcc", N_("Medical Council of Canada (MCC)") },
  { "pebc", N_("Pharmacy Examining Board of Canada (PEBC)") },
  { NULL, NULL },
};

static const Choice language_test_choices[] = {
  { "celpip-g", N_("CELPIP General") },
  { "ielts-gt", N_("IELTS General Training") },
  { "pte-core", N_("PTE Core") },
  { "tef-canada", N_("TEF Canada") },
  { "tcf-canada", N_("TCF Canada") },
  { NULL, NULL },
};

static const Choice tef_scale_choices[] = {
  { "2023", N_("Scale used from 11 December 2023 (0–699)") },
  { "original", N_("Original scale (before 11 December 2023)") },
  { NULL, NULL },
};

struct _DossierFieldRow
{
  AdwActionRow      parent_instance;

  DossierProfile   *profile;
  char             *path;
  DossierInputKind  input_kind;
  char             *hint;
  char             *problem;
  char             *write_error;

  GtkEntry         *entry;           /* the value as typed; hidden for choices */
  GtkMenuButton    *calendar_button;
  GtkCalendar      *calendar;
  GtkDropDown      *drop_down;
  GtkStringList    *labels;
  GPtrArray        *tokens;          /* char *, parallel to labels; NULL = not given */
  GtkWidget        *subtitle_label;  /* the row's own, found in its children */
  GtkImage         *problem_icon;

  gulong            changed_id;
  guint             refresh_id;
  guint             clear_id;
  gint64            last_edit;
  guint             updating : 1;
};

static void dossier_field_row_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierFieldRow, dossier_field_row, ADW_TYPE_ACTION_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE,
                                                      dossier_field_row_editable_init))

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_PATH,
  PROP_INPUT_KIND,
  PROP_HINT,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
dossier_input_kind_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { DOSSIER_INPUT_TEXT, "DOSSIER_INPUT_TEXT", "text" },
        { DOSSIER_INPUT_DATE, "DOSSIER_INPUT_DATE", "date" },
        { DOSSIER_INPUT_NUMBER, "DOSSIER_INPUT_NUMBER", "number" },
        { DOSSIER_INPUT_MONEY, "DOSSIER_INPUT_MONEY", "money" },
        { DOSSIER_INPUT_EMAIL, "DOSSIER_INPUT_EMAIL", "email" },
        { DOSSIER_INPUT_PHONE, "DOSSIER_INPUT_PHONE", "phone" },
        { DOSSIER_INPUT_COUNTRY, "DOSSIER_INPUT_COUNTRY", "country" },
        { DOSSIER_INPUT_NOC, "DOSSIER_INPUT_NOC", "noc" },
        { DOSSIER_INPUT_TOKENS, "DOSSIER_INPUT_TOKENS", "tokens" },
        { DOSSIER_INPUT_PROVINCE, "DOSSIER_INPUT_PROVINCE", "province" },
        { DOSSIER_INPUT_STATUS_KIND, "DOSSIER_INPUT_STATUS_KIND", "status-kind" },
        { DOSSIER_INPUT_PERMIT, "DOSSIER_INPUT_PERMIT", "permit" },
        { DOSSIER_INPUT_EMPLOYER_KIND, "DOSSIER_INPUT_EMPLOYER_KIND", "employer-kind" },
        { DOSSIER_INPUT_SETTING, "DOSSIER_INPUT_SETTING", "setting" },
        { DOSSIER_INPUT_YES_NO, "DOSSIER_INPUT_YES_NO", "yes-no" },
        { DOSSIER_INPUT_EDUCATION_LEVEL, "DOSSIER_INPUT_EDUCATION_LEVEL", "education-level" },
        { DOSSIER_INPUT_ECA_ORGANIZATION, "DOSSIER_INPUT_ECA_ORGANIZATION", "eca-organization" },
        { DOSSIER_INPUT_LANGUAGE_TEST, "DOSSIER_INPUT_LANGUAGE_TEST", "language-test" },
        { DOSSIER_INPUT_TEF_SCALE, "DOSSIER_INPUT_TEF_SCALE", "tef-scale" },
        { DOSSIER_INPUT_CHOICE, "DOSSIER_INPUT_CHOICE", "choice" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("DossierInputKind"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static const Choice *
choices_for_kind (DossierInputKind kind)
{
  switch (kind)
    {
    case DOSSIER_INPUT_PROVINCE:
      return province_choices;
    case DOSSIER_INPUT_STATUS_KIND:
      return status_kind_choices;
    case DOSSIER_INPUT_PERMIT:
      return permit_choices;
    case DOSSIER_INPUT_EMPLOYER_KIND:
      return employer_kind_choices;
    case DOSSIER_INPUT_SETTING:
      return setting_choices;
    case DOSSIER_INPUT_YES_NO:
      return yes_no_choices;
    case DOSSIER_INPUT_EDUCATION_LEVEL:
      return education_level_choices;
    case DOSSIER_INPUT_ECA_ORGANIZATION:
      return eca_organization_choices;
    case DOSSIER_INPUT_LANGUAGE_TEST:
      return language_test_choices;
    case DOSSIER_INPUT_TEF_SCALE:
      return tef_scale_choices;
    case DOSSIER_INPUT_TEXT:
    case DOSSIER_INPUT_DATE:
    case DOSSIER_INPUT_NUMBER:
    case DOSSIER_INPUT_MONEY:
    case DOSSIER_INPUT_EMAIL:
    case DOSSIER_INPUT_PHONE:
    case DOSSIER_INPUT_COUNTRY:
    case DOSSIER_INPUT_NOC:
    case DOSSIER_INPUT_TOKENS:
    case DOSSIER_INPUT_CHOICE:
    default:
      return NULL;
    }
}

/* Countries are chosen by name from iso-codes' list (the profile keeps the code); if
 * iso-codes is not installed, the code is typed. */
static gboolean
has_country_list (void)
{
  return dossier_countries_get_codes ()[0] != NULL;
}

static gboolean
is_choice_kind (DossierInputKind kind)
{
  return kind == DOSSIER_INPUT_CHOICE || choices_for_kind (kind) != NULL
         || (kind == DOSSIER_INPUT_COUNTRY && has_country_list ());
}

/* ------------------------------------------------------------------------------------
 * Paths
 */

#define FIND_ORIGIN(array, type)                                        \
  G_STMT_START {                                                        \
    for (guint i = 0; (array) != NULL && i < (array)->len; i++)         \
      {                                                                 \
        const type *item = g_ptr_array_index ((array), i);              \
                                                                        \
        if (g_strcmp0 (item->id, id) == 0)                              \
          return item->origin.path;                                     \
      }                                                                 \
    return NULL;                                                        \
  } G_STMT_END

static const char *
find_record_origin (const DossierRecords *records,
                    const char           *list,
                    const char           *id)
{
  if (g_str_equal (list, "work-history/job"))
    FIND_ORIGIN (records->jobs, DossierJob);
  else if (g_str_equal (list, "training/course"))
    FIND_ORIGIN (records->courses, DossierCourse);
  else if (g_str_equal (list, "language-tests/test"))
    FIND_ORIGIN (records->language_tests, DossierLanguageTest);
  else if (g_str_equal (list, "education/credential"))
    FIND_ORIGIN (records->credentials, DossierCredential);
  return NULL;
}

#undef FIND_ORIGIN

/**
 * dossier_profile_path_to_absolute:
 * @path: a path as dossier_profile_set_value() takes it
 *
 * Returns: the same field as problems and missing values name it: from the root, with
 *   the position of a record instead of its id.
 */
char *
dossier_profile_path_to_absolute (DossierProfile *profile,
                                  const char     *path)
{
  const char *key;

  if (path == NULL)
    return NULL;
  if (path[0] == '/')
    return g_strdup (path);

  key = strstr (path, "[@id='");
  if (key != NULL && profile != NULL)
    {
      const char *id_start = key + strlen ("[@id='");
      const char *close = strstr (id_start, "']");

      if (close != NULL)
        {
          g_autofree char *list = g_strndup (path, key - path);
          g_autofree char *id = g_strndup (id_start, close - id_start);
          const char *origin;

          origin = find_record_origin (dossier_profile_get_records (profile), list, id);
          if (origin != NULL)
            return g_strconcat (origin, close + 2, NULL);
        }
    }
  return g_strconcat ("/dossier/", path, NULL);
}

char *
dossier_field_row_dup_absolute_path (DossierFieldRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_FIELD_ROW (self), NULL);

  return dossier_profile_path_to_absolute (self->profile, self->path);
}

/* ------------------------------------------------------------------------------------
 * Showing the value and its problem
 */

static gboolean
has_focus_within (DossierFieldRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL
         && (focus == GTK_WIDGET (self) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self)));
}

static GtkWidget *
find_subtitle_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "subtitle"))
        return child;
      if ((found = find_subtitle_label (child)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
get_control (DossierFieldRow *self)
{
  if (self->drop_down != NULL)
    return GTK_WIDGET (self->drop_down);
  return GTK_WIDGET (self->entry);
}

static void
update_accessible (DossierFieldRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  const char *description = self->problem ? self->problem : (self->hint ? self->hint : "");
  GtkWidget *control = get_control (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (control),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (control),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               self->problem ? GTK_ACCESSIBLE_INVALID_TRUE
                                             : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (self->calendar_button != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Choose a date for “%s”"),
                                                title ? title : "");

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
}

static void
show_problem (DossierFieldRow *self,
              const char      *message)
{
  const char *subtitle;

  if (g_strcmp0 (message, self->problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }

  subtitle = self->problem ? self->problem : (self->hint ? self->hint : "");
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (self)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  if (self->subtitle_label == NULL)
    self->subtitle_label = find_subtitle_label (GTK_WIDGET (self));
  if (self->problem != NULL)
    {
      gtk_widget_add_css_class (get_control (self), "error");
      if (self->subtitle_label != NULL)
        gtk_widget_add_css_class (self->subtitle_label, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->problem_icon), TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (get_control (self), "error");
      if (self->subtitle_label != NULL)
        gtk_widget_remove_css_class (self->subtitle_label, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->problem_icon), FALSE);
    }
  update_accessible (self);
}

static const char *
find_problem_message (DossierFieldRow *self)
{
  g_autofree char *absolute = NULL;
  GPtrArray *problems;
  const char *within = NULL;
  gsize len;

  if (self->profile == NULL || self->path == NULL)
    return NULL;
  absolute = dossier_field_row_dup_absolute_path (self);
  len = strlen (absolute);
  problems = dossier_profile_get_problems (self->profile);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DossierProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->path, absolute))
        return problem->message;
      /* A problem inside the field (its text node) is the field's too. */
      if (within == NULL && strncmp (problem->path, absolute, len) == 0
          && problem->path[len] == '/')
        within = problem->message;
    }
  return within;
}

static void
select_token (DossierFieldRow *self,
              const char      *token)
{
  guint position = 0;

  if (self->drop_down == NULL)
    return;
  if (token != NULL && *token != '\0')
    {
      guint i;

      for (i = 1; i < self->tokens->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->tokens, i), token) == 0)
          break;
      if (i == self->tokens->len)
        {
          /* A value from a newer format, another program or a typing mistake in the
           * file: kept and shown as it is, so that nothing is lost. */
          g_ptr_array_add (self->tokens, g_strdup (token));
          gtk_string_list_append (self->labels, token);
        }
      position = i;
    }
  if (gtk_drop_down_get_selected (self->drop_down) != position)
    gtk_drop_down_set_selected (self->drop_down, position);
}

/* Shows the profile's value, unless it is what the field holds already (the field may
 * hold spaces the profile strips). */
static void
load_value (DossierFieldRow *self)
{
  g_autofree char *value = NULL;
  g_autofree char *current = NULL;

  if (self->profile == NULL || self->path == NULL || self->clear_id != 0)
    return;
  value = dossier_profile_get_value (self->profile, self->path);
  current = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if (g_strcmp0 (value ? value : "", current) == 0)
    return;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), value ? value : "");
  select_token (self, value);
  self->updating = FALSE;
}

static gboolean
refresh_cb (gpointer user_data)
{
  DossierFieldRow *self = user_data;
  const char *message;
  gboolean focused;

  self->refresh_id = 0;
  if (self->profile == NULL)
    return G_SOURCE_REMOVE;

  focused = has_focus_within (self);
  if (!focused)
    load_value (self);

  message = self->write_error ? self->write_error : find_problem_message (self);
  if (message != NULL && g_strcmp0 (message, self->problem) != 0 && focused)
    {
      gint64 waited = (g_get_monotonic_time () - self->last_edit) / 1000;

      if (waited < PROBLEM_DELAY_MS)
        {
          self->refresh_id = g_timeout_add (PROBLEM_DELAY_MS - waited, refresh_cb, self);
          return G_SOURCE_REMOVE;
        }
    }
  show_problem (self, message);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (DossierFieldRow *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

static void
on_profile_changed_cb (DossierFieldRow *self)
{
  queue_refresh (self);
}

/* ------------------------------------------------------------------------------------
 * Writing
 */

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
write_value (DossierFieldRow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  g_clear_handle_id (&self->clear_id, g_source_remove);
  if (self->profile == NULL || self->path == NULL)
    return;

  /* An empty field removes the value; anything else is written as typed, even when it
   * is wrong, so that the profile keeps what the user wrote and says what is wrong. */
  g_clear_pointer (&self->write_error, g_free);
  if (!dossier_profile_set_value (self->profile, self->path, is_blank (text) ? NULL : text,
                                  &error))
    {
      self->write_error = g_strdup (error->message);
      queue_refresh (self);
    }
}

static gboolean
clear_cb (gpointer user_data)
{
  DossierFieldRow *self = user_data;

  self->clear_id = 0;
  write_value (self);
  return G_SOURCE_REMOVE;
}

static void
on_entry_changed_cb (DossierFieldRow *self)
{
  if (self->updating)
    return;
  self->last_edit = g_get_monotonic_time ();
  if (self->drop_down != NULL)
    {
      self->updating = TRUE;
      select_token (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
      self->updating = FALSE;
    }

  /* Replacing the text empties the field on the way ("changed" after the deletion,
   * then after the insertion): removing the value then would move the element to the
   * end of its parent when it comes back. So emptying waits for the main loop. */
  if (is_blank (gtk_editable_get_text (GTK_EDITABLE (self->entry))))
    {
      if (self->clear_id == 0)
        self->clear_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, clear_cb, self, NULL);
    }
  else
    {
      write_value (self);
    }
}

static void
on_drop_down_selected_cb (DossierFieldRow *self)
{
  guint position;
  const char *token = NULL;

  if (self->updating)
    return;
  position = gtk_drop_down_get_selected (self->drop_down);
  if (position != GTK_INVALID_LIST_POSITION && position < self->tokens->len)
    token = g_ptr_array_index (self->tokens, position);

  /* The row's text is always the token; the drop-down is not touched again while it
   * tells of its own change. */
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), token ? token : "");
  self->updating = FALSE;
  self->last_edit = g_get_monotonic_time ();
  write_value (self);
}

static void
on_calendar_day_selected_cb (DossierFieldRow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  if (self->updating)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_menu_button_popdown (self->calendar_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
on_calendar_popover_show_cb (DossierFieldRow *self)
{
  DossierDay day = DOSSIER_DAY_UNKNOWN;
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  /* Open on the field's date, or on today. */
  if (!dossier_day_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), &day)
      || day == DOSSIER_DAY_UNKNOWN)
    day = dossier_day_today ();
  dossier_day_to_ymd (day, &y, &m, &d);
  date = g_date_time_new_local (y, m, d, 12, 0, 0);
  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->updating = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

/* ------------------------------------------------------------------------------------
 * Building the controls
 */

static void
build_choices (DossierFieldRow    *self,
               const char * const *tokens,
               const char * const *labels)
{
  g_autofree char *current = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  self->updating = TRUE;
  g_ptr_array_set_size (self->tokens, 0);
  gtk_string_list_splice (self->labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->labels)), NULL);
  g_ptr_array_add (self->tokens, NULL);
  gtk_string_list_append (self->labels, _("Not given"));
  for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
    {
      g_ptr_array_add (self->tokens, g_strdup (tokens[i]));
      gtk_string_list_append (self->labels, labels != NULL && labels[i] != NULL
                                            ? labels[i] : tokens[i]);
    }
  gtk_drop_down_set_selected (self->drop_down, 0);
  select_token (self, current);
  self->updating = FALSE;
}

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  in_list)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (GPOINTER_TO_INT (in_list))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
    }
  else
    {
      /* The button shows the choice in a narrow window too. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

static GtkListItemFactory *
choice_factory_new (gboolean in_list)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (in_list));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
  return factory;
}

static void
build_controls (DossierFieldRow *self)
{
  const Choice *choices = choices_for_kind (self->input_kind);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->entry), GTK_ALIGN_CENTER);
  /* Narrow enough for a phone-sized window; as wide as a name otherwise. */
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 6);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 24);

  switch (self->input_kind)
    {
    case DOSSIER_INPUT_DATE:
      /* TRANSLATORS: the format of dates in the fields; keep the digits' order. */
      gtk_entry_set_placeholder_text (self->entry, _("YYYY-MM-DD"));
      gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 12);
      gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_DIGITS);
      break;
    case DOSSIER_INPUT_NUMBER:
      gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_NUMBER);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 10);
      break;
    case DOSSIER_INPUT_MONEY:
      gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_NUMBER);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 10);
      /* TRANSLATORS: the placeholder of an amount in Canadian dollars. */
      gtk_entry_set_placeholder_text (self->entry, _("0.00"));
      break;
    case DOSSIER_INPUT_EMAIL:
      gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_EMAIL);
      break;
    case DOSSIER_INPUT_PHONE:
      gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_PHONE);
      break;
    case DOSSIER_INPUT_COUNTRY:
      /* TRANSLATORS: the placeholder of a country field: two capital letters. */
      gtk_entry_set_placeholder_text (self->entry, _("Code, e.g. PH"));
      gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 12);
      break;
    case DOSSIER_INPUT_NOC:
      /* TRANSLATORS: the placeholder of a NOC 2021 code field. */
      gtk_entry_set_placeholder_text (self->entry, _("Five digits, e.g. 44100"));
      gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_DIGITS);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 14);
      break;
    case DOSSIER_INPUT_TEXT:
    case DOSSIER_INPUT_TOKENS:
    case DOSSIER_INPUT_PROVINCE:
    case DOSSIER_INPUT_STATUS_KIND:
    case DOSSIER_INPUT_PERMIT:
    case DOSSIER_INPUT_EMPLOYER_KIND:
    case DOSSIER_INPUT_SETTING:
    case DOSSIER_INPUT_YES_NO:
    case DOSSIER_INPUT_EDUCATION_LEVEL:
    case DOSSIER_INPUT_ECA_ORGANIZATION:
    case DOSSIER_INPUT_LANGUAGE_TEST:
    case DOSSIER_INPUT_TEF_SCALE:
    case DOSSIER_INPUT_CHOICE:
    default:
      break;
    }

  g_signal_connect_object (self->entry, "changed",
                           G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->entry));

  if (is_choice_kind (self->input_kind))
    {
      g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      GtkExpression *expression;
      GListModel *model;

      gtk_widget_set_visible (GTK_WIDGET (self->entry), FALSE);
      self->labels = gtk_string_list_new (NULL);
      expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
      model = g_object_ref (G_LIST_MODEL (self->labels));
      self->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (model, expression));
      {
        g_autoptr(GtkListItemFactory) factory = choice_factory_new (FALSE);
        g_autoptr(GtkListItemFactory) list_factory = choice_factory_new (TRUE);

        gtk_drop_down_set_factory (self->drop_down, factory);
        gtk_drop_down_set_list_factory (self->drop_down, list_factory);
      }
      gtk_widget_set_valign (GTK_WIDGET (self->drop_down), GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (GTK_WIDGET (self->drop_down), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->drop_down), "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->drop_down));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->drop_down));

      for (guint i = 0; choices != NULL && choices[i].token != NULL; i++)
        {
          g_ptr_array_add (tokens, (gpointer) choices[i].token);
          g_ptr_array_add (labels, (gpointer) _(choices[i].label));
        }
      if (self->input_kind == DOSSIER_INPUT_COUNTRY)
        {
          g_autofree const char **sorted = dossier_countries_dup_sorted ();

          for (guint i = 0; sorted[i] != NULL; i++)
            {
              g_ptr_array_add (tokens, (gpointer) sorted[i]);
              g_ptr_array_add (labels, (gpointer) dossier_country_get_name (sorted[i]));
            }
          /* Some 250 names: typing the first letters of one finds it. */
          gtk_drop_down_set_enable_search (self->drop_down, TRUE);
        }
      g_ptr_array_add (tokens, NULL);
      g_ptr_array_add (labels, NULL);
      build_choices (self, (const char * const *) tokens->pdata,
                     (const char * const *) labels->pdata);
      g_signal_connect_object (self->drop_down, "notify::selected",
                               G_CALLBACK (on_drop_down_selected_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->entry));
    }

  if (self->input_kind == DOSSIER_INPUT_DATE)
    {
      GtkWidget *popover = gtk_popover_new ();

      self->calendar = GTK_CALENDAR (gtk_calendar_new ());
      gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
      self->calendar_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
      gtk_menu_button_set_icon_name (self->calendar_button, "x-office-calendar-symbolic");
      gtk_menu_button_set_popover (self->calendar_button, popover);
      gtk_widget_set_valign (GTK_WIDGET (self->calendar_button), GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->calendar_button), _("Choose a date"));
      gtk_widget_add_css_class (GTK_WIDGET (self->calendar_button), "flat");
      g_signal_connect_object (popover, "show",
                               G_CALLBACK (on_calendar_popover_show_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->calendar, "day-selected",
                               G_CALLBACK (on_calendar_day_selected_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->calendar_button));
    }

  gtk_editable_init_delegate (GTK_EDITABLE (self));
  update_accessible (self);
}

/* ------------------------------------------------------------------------------------
 * GObject
 */

static GtkEditable *
dossier_field_row_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (DOSSIER_FIELD_ROW (editable)->entry);
}

static void
dossier_field_row_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = dossier_field_row_get_delegate;
}

static gboolean
dossier_field_row_grab_focus (GtkWidget *widget)
{
  DossierFieldRow *self = DOSSIER_FIELD_ROW (widget);

  return gtk_widget_grab_focus (get_control (self));
}

static void
on_title_changed_cb (DossierFieldRow *self)
{
  update_accessible (self);
}

static void
dossier_field_row_constructed (GObject *object)
{
  DossierFieldRow *self = DOSSIER_FIELD_ROW (object);

  G_OBJECT_CLASS (dossier_field_row_parent_class)->constructed (object);

  build_controls (self);
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
}

static void
disconnect_profile (DossierFieldRow *self)
{
  if (self->profile != NULL)
    g_clear_signal_handler (&self->changed_id, self->profile);
  g_clear_object (&self->profile);
}

static void
dossier_field_row_dispose (GObject *object)
{
  DossierFieldRow *self = DOSSIER_FIELD_ROW (object);

  if (self->entry != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->clear_id != 0)
    write_value (self);
  disconnect_profile (self);

  G_OBJECT_CLASS (dossier_field_row_parent_class)->dispose (object);
}

static void
dossier_field_row_finalize (GObject *object)
{
  DossierFieldRow *self = DOSSIER_FIELD_ROW (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->hint, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->write_error, g_free);
  g_clear_pointer (&self->tokens, g_ptr_array_unref);
  g_clear_object (&self->labels);

  G_OBJECT_CLASS (dossier_field_row_parent_class)->finalize (object);
}

static void
dossier_field_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DossierFieldRow *self = DOSSIER_FIELD_ROW (object);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_INPUT_KIND:
      g_value_set_enum (value, self->input_kind);
      break;
    case PROP_HINT:
      g_value_set_string (value, self->hint);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_field_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DossierFieldRow *self = DOSSIER_FIELD_ROW (object);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_PROFILE:
      dossier_field_row_set_profile (self, g_value_get_object (value));
      break;
    case PROP_PATH:
      dossier_field_row_set_path (self, g_value_get_string (value));
      break;
    case PROP_INPUT_KIND:
      self->input_kind = g_value_get_enum (value);
      break;
    case PROP_HINT:
      dossier_field_row_set_hint (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_field_row_class_init (DossierFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dossier_field_row_constructed;
  object_class->dispose = dossier_field_row_dispose;
  object_class->finalize = dossier_field_row_finalize;
  object_class->get_property = dossier_field_row_get_property;
  object_class->set_property = dossier_field_row_set_property;

  widget_class->grab_focus = dossier_field_row_grab_focus;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, DOSSIER_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INPUT_KIND] =
    g_param_spec_enum ("input-kind", NULL, NULL,
                       DOSSIER_TYPE_INPUT_KIND, DOSSIER_INPUT_TEXT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HINT] =
    g_param_spec_string ("hint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_editable_install_properties (object_class, N_PROPS);
}

static void
dossier_field_row_init (DossierFieldRow *self)
{
  self->tokens = g_ptr_array_new_with_free_func (g_free);

  /* Titles and messages are plain text: values quoted in messages may hold "<" or "&". */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 0);

  self->problem_icon = GTK_IMAGE (gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_icon), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_icon), FALSE);
  /* The message says it; the icon is only a visual cue. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->problem_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), GTK_WIDGET (self->problem_icon));
}

/* ------------------------------------------------------------------------------------
 * Public API
 */

GtkWidget *
dossier_field_row_new (DossierInputKind  kind,
                       const char       *title,
                       const char       *path)
{
  return g_object_new (DOSSIER_TYPE_FIELD_ROW,
                       "input-kind", kind,
                       "title", title,
                       "path", path,
                       NULL);
}

DossierProfile *
dossier_field_row_get_profile (DossierFieldRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_FIELD_ROW (self), NULL);

  return self->profile;
}

void
dossier_field_row_set_profile (DossierFieldRow *self,
                               DossierProfile  *profile)
{
  g_return_if_fail (DOSSIER_IS_FIELD_ROW (self));
  g_return_if_fail (profile == NULL || DOSSIER_IS_PROFILE (profile));

  if (self->profile == profile)
    return;

  /* An emptied field of the last profile is emptied there, not in this one. */
  if (self->clear_id != 0)
    write_value (self);
  disconnect_profile (self);
  g_clear_pointer (&self->write_error, g_free);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (profile != NULL)
    {
      self->profile = g_object_ref (profile);
      self->changed_id = g_signal_connect_swapped (profile, "changed",
                                                   G_CALLBACK (on_profile_changed_cb), self);
    }

  /* A newly opened profile replaces whatever the field held. */
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  select_token (self, NULL);
  self->updating = FALSE;
  load_value (self);
  show_problem (self, find_problem_message (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

const char *
dossier_field_row_get_path (DossierFieldRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_FIELD_ROW (self), NULL);

  return self->path;
}

void
dossier_field_row_set_path (DossierFieldRow *self,
                            const char      *path)
{
  g_return_if_fail (DOSSIER_IS_FIELD_ROW (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  if (self->profile != NULL)
    {
      load_value (self);
      show_problem (self, find_problem_message (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

DossierInputKind
dossier_field_row_get_input_kind (DossierFieldRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_FIELD_ROW (self), DOSSIER_INPUT_TEXT);

  return self->input_kind;
}

const char *
dossier_field_row_get_hint (DossierFieldRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_FIELD_ROW (self), NULL);

  return self->hint;
}

void
dossier_field_row_set_hint (DossierFieldRow *self,
                            const char      *hint)
{
  g_return_if_fail (DOSSIER_IS_FIELD_ROW (self));

  if (g_strcmp0 (self->hint, hint) == 0)
    return;
  g_free (self->hint);
  self->hint = g_strdup (hint);
  if (self->entry != NULL)
    show_problem (self, self->problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HINT]);
}

const char *
dossier_field_row_get_problem (DossierFieldRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_FIELD_ROW (self), NULL);

  return self->problem;
}

void
dossier_field_row_set_choices (DossierFieldRow    *self,
                               const char * const *tokens,
                               const char * const *labels)
{
  g_return_if_fail (DOSSIER_IS_FIELD_ROW (self));
  g_return_if_fail (self->drop_down != NULL);

  build_choices (self, tokens, labels);
}

/* ------------------------------------------------------------------------------------
 * Pages made of rows
 */

static void
bind_recursive (GtkWidget      *widget,
                DossierProfile *profile)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (DOSSIER_IS_FIELD_ROW (child))
        dossier_field_row_set_profile (DOSSIER_FIELD_ROW (child), profile);
      else
        bind_recursive (child, profile);
    }
}

/**
 * dossier_field_rows_bind:
 *
 * Sets the profile of every field row under root, collapsed expander rows included.
 */
void
dossier_field_rows_bind (GtkWidget      *root,
                         DossierProfile *profile)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  bind_recursive (root, profile);
}

static DossierFieldRow *
find_recursive (GtkWidget  *widget,
                const char *absolute_path,
                gboolean    within)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      DossierFieldRow *found;

      if (DOSSIER_IS_FIELD_ROW (child))
        {
          g_autofree char *path = dossier_field_row_dup_absolute_path (DOSSIER_FIELD_ROW (child));
          gsize len = strlen (absolute_path);

          if (path == NULL)
            continue;
          if (!within && g_str_equal (path, absolute_path))
            return DOSSIER_FIELD_ROW (child);
          if (within && strncmp (path, absolute_path, len) == 0 && path[len] == '/')
            return DOSSIER_FIELD_ROW (child);
        }
      else if ((found = find_recursive (child, absolute_path, within)) != NULL)
        {
          return found;
        }
    }
  return NULL;
}

/**
 * dossier_field_rows_find:
 * @absolute_path: a path as problems and evaluations give it
 *
 * Returns: (transfer none) (nullable): the row of that field, else the first row of a
 *   field inside it (the first field of a record), else NULL.
 */
DossierFieldRow *
dossier_field_rows_find (GtkWidget  *root,
                         const char *absolute_path)
{
  DossierFieldRow *row;

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (absolute_path != NULL, NULL);

  row = find_recursive (root, absolute_path, FALSE);
  if (row == NULL)
    row = find_recursive (root, absolute_path, TRUE);
  return row;
}

static DossierFieldRow *
first_visible_row (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      DossierFieldRow *found;

      if (!gtk_widget_get_visible (child) || !gtk_widget_get_sensitive (child))
        continue;
      if (DOSSIER_IS_FIELD_ROW (child))
        return DOSSIER_FIELD_ROW (child);
      if (ADW_IS_EXPANDER_ROW (child) && !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
        continue;
      if ((found = first_visible_row (child)) != NULL)
        return found;
    }
  return NULL;
}

/**
 * dossier_field_rows_focus_first:
 *
 * Focuses the first field row that can be seen under root.
 *
 * Returns: whether there was one.
 */
gboolean
dossier_field_rows_focus_first (GtkWidget *root)
{
  DossierFieldRow *row;

  g_return_val_if_fail (GTK_IS_WIDGET (root), FALSE);

  row = first_visible_row (root);
  return row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row));
}

static gboolean
scroll_to_cb (gpointer user_data)
{
  GtkWidget *widget = user_data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t point;
  double top, height, page;

  if (scrolled == NULL)
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (!gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &point))
    return G_SOURCE_REMOVE;
  height = gtk_widget_get_height (widget);
  page = gtk_adjustment_get_page_size (adjustment);
  top = gtk_adjustment_get_value (adjustment) + point.y;
  /* Only when it is not in view already; then with some context above it. */
  if (point.y < 0 || point.y + height > page)
    gtk_adjustment_set_value (adjustment, MAX (0, top - page / 3));
  return G_SOURCE_REMOVE;
}

/**
 * dossier_field_row_reveal:
 *
 * Opens the expander rows around the row, scrolls to it and focuses its control.
 *
 * Returns: whether it has the focus.
 */
gboolean
dossier_field_row_reveal (DossierFieldRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_FIELD_ROW (self), FALSE);

  for (GtkWidget *ancestor = gtk_widget_get_parent (GTK_WIDGET (self));
       ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    if (ADW_IS_EXPANDER_ROW (ancestor))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ancestor), TRUE);

  /* After the expanders have opened and the page has been laid out again. */
  g_idle_add_full (G_PRIORITY_LOW, scroll_to_cb, g_object_ref (self), g_object_unref);
  return gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------------------
 * Records
 */

static gboolean
record_id_is_used (DossierProfile *profile,
                   const char     *list,
                   const char     *id)
{
  return find_record_origin (dossier_profile_get_records (profile), list, id) != NULL;
}

/**
 * dossier_profile_add_record:
 * @list: "training/course", "education/credential", "work-history/job" or
 *   "language-tests/test"
 * @id_prefix: "t", "e", "j", "l"
 *
 * Returns: (transfer full): the new record's id, or NULL with @error set.
 */
char *
dossier_profile_add_record (DossierProfile  *profile,
                            const char      *list,
                            const char      *id_prefix,
                            GError         **error)
{
  g_autofree char *id = NULL;
  g_autofree char *marker = NULL;

  g_return_val_if_fail (DOSSIER_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (list != NULL && id_prefix != NULL, NULL);

  for (guint n = 1; id == NULL; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s%u", id_prefix, n);

      if (!record_id_is_used (profile, list, candidate))
        id = g_steal_pointer (&candidate);
    }

  /* Setting the id alone would find it already there (the step creates it) and change
   * nothing; a passing attribute makes the record and says so. */
  marker = g_strdup_printf ("%s[@id='%s']/@dossier-new", list, id);
  if (!dossier_profile_set_value (profile, marker, "1", error)
      || !dossier_profile_set_value (profile, marker, NULL, error))
    return NULL;
  return g_steal_pointer (&id);
}

/**
 * dossier_profile_remove_record:
 * @record_path: "training/course[@id='t1']"
 * @fields: (array zero-terminated=1): the paths of its fields, relative to the record
 *
 * Returns: whether it is gone.
 */
gboolean
dossier_profile_remove_record (DossierProfile      *profile,
                               const char          *record_path,
                               const char * const  *fields,
                               GError             **error)
{
  g_return_val_if_fail (DOSSIER_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (record_path != NULL, FALSE);

  if (dossier_profile_set_value (profile, record_path, NULL, NULL))
    return TRUE;

  /* It holds elements: those Dossier knows go first. */
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (fields[i][0] == '@')
        continue;
      path = g_strdup_printf ("%s/%s", record_path, fields[i]);
      if (!dossier_profile_set_value (profile, path, NULL, error))
        return FALSE;
    }
  return dossier_profile_set_value (profile, record_path, NULL, error);
}
