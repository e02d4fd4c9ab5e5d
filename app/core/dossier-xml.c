/* dossier-xml.c: safe XML reading and RELAX NG validation, shared by every loader
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "dossier-data.h"
#include "dossier-profile.h"
#include "dossier-xml.h"

/* Schemas are a few dozen kilobytes; the cap only keeps a damaged install from making us
 * read something absurd. RELAX NG nests deeper than the data it describes. */
#define SCHEMA_MAX_BYTES (1024 * 1024)
#define SCHEMA_MAX_DEPTH 64

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlRelaxNGParserCtxt, xmlRelaxNGFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlRelaxNGValidCtxt, xmlRelaxNGFreeValidCtxt)

/* What one parse has seen, reached from the parser context's _private. */
typedef struct
{
  const char                 *display_name;
  guint                       max_depth;
  guint                       depth;

  /* Our own refusal (HOSTILE, TOO_LARGE), which wins over whatever libxml2 says after
   * we stopped it. */
  GError                     *refusal;

  /* The first error libxml2 reported, for MALFORMED. */
  char                       *first_message;
  int                         first_line;
  int                         first_column;

  startElementNsSAX2Func      start_element;
  endElementNsSAX2Func        end_element;
} ReadState;

static void
read_state_clear (ReadState *state)
{
  g_clear_error (&state->refusal);
  g_clear_pointer (&state->first_message, g_free);
}

/* libxml2 messages end with a newline and sometimes carry a second line of detail
 * ("Bytes: 0xC3 0x28"); keep them on one line. */
static char *
clean_libxml_message (const char *message)
{
  g_autoptr(GString) out = NULL;

  if (message == NULL)
    return g_strdup (_("unknown error"));
  out = g_string_new (message);
  g_strstrip (out->str);
  g_string_set_size (out, strlen (out->str));
  g_string_replace (out, "\n", "; ", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
silent_generic_error (void       *ctx,
                      const char *msg,
                      ...)
{
  /* libxml2 must never print on our stderr: everything it has to say reaches the
   * structured handler, and from there the GError. */
}

static void
read_structured_error_cb (void        *user_data,
                          xmlErrorPtr  error)
{
  xmlParserCtxt *ctxt = user_data;
  ReadState *state;

  if (ctxt == NULL || error == NULL)
    return;
  state = ctxt->_private;
  if (state == NULL || error->level < XML_ERR_ERROR || state->first_message != NULL)
    return;
  state->first_message = clean_libxml_message (error->message);
  state->first_line = error->line;
  state->first_column = error->int2;
}

static void
refuse (xmlParserCtxt *ctxt,
        GError        *refusal)
{
  ReadState *state = ctxt->_private;

  if (state->refusal == NULL)
    state->refusal = refusal;
  else
    g_error_free (refusal);
  xmlStopParser (ctxt);
}

static void
refuse_doctype (xmlParserCtxt *ctxt)
{
  ReadState *state = ctxt->_private;

  /* A DOCTYPE is where entity expansion (billion laughs) and external references
   * (XXE, remote DTDs) come from; no profile, pack or table has one, so stopping at
   * the first sign of it means nothing in it is ever expanded or fetched. */
  refuse (ctxt,
          g_error_new (DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_HOSTILE,
                       _("“%s” contains a document type declaration (DOCTYPE); "
                         "Dossier files never have one, so the file was refused unread. "
                         "Open the original file instead of this copy, or remove the "
                         "DOCTYPE if you made it yourself."),
                       state->display_name));
}

static void
internal_subset_cb (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  refuse_doctype (ctx);
}

static void
external_subset_cb (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  refuse_doctype (ctx);
}

static void
entity_decl_cb (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  refuse_doctype (ctx);
}

static void
unparsed_entity_decl_cb (void          *ctx,
                         const xmlChar *name,
                         const xmlChar *public_id,
                         const xmlChar *system_id,
                         const xmlChar *notation_name)
{
  refuse_doctype (ctx);
}

static void
notation_decl_cb (void          *ctx,
                  const xmlChar *name,
                  const xmlChar *public_id,
                  const xmlChar *system_id)
{
  refuse_doctype (ctx);
}

static void
element_decl_cb (void                *ctx,
                 const xmlChar       *name,
                 int                  type,
                 xmlElementContentPtr content)
{
  refuse_doctype (ctx);
}

static void
attribute_decl_cb (void                *ctx,
                   const xmlChar       *elem,
                   const xmlChar       *fullname,
                   int                  type,
                   int                  def,
                   const xmlChar       *default_value,
                   xmlEnumerationPtr    tree)
{
  /* libxml2 hands us the enumeration to free. */
  if (tree != NULL)
    xmlFreeEnumeration (tree);
  refuse_doctype (ctx);
}

/* Without a DTD no entity other than the five predefined ones (which the parser resolves
 * itself) can exist; saying so turns any other reference into a well-formedness error. */
static xmlEntityPtr
get_entity_cb (void          *ctx,
               const xmlChar *name)
{
  return NULL;
}

static xmlParserInputPtr
resolve_entity_cb (void          *ctx,
                   const xmlChar *public_id,
                   const xmlChar *system_id)
{
  refuse_doctype (ctx);
  return NULL;
}

static void
start_element_cb (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxt *ctxt = ctx;
  ReadState *state = ctxt->_private;

  state->depth++;
  if (state->depth > state->max_depth)
    {
      refuse (ctxt,
              g_error_new (DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_TOO_LARGE,
                           _("“%s” nests elements more than %u deep (line %d); no Dossier "
                             "file does, so it was refused. It is damaged or not a "
                             "Dossier file."),
                           state->display_name, state->max_depth,
                           xmlSAX2GetLineNumber (ctxt)));
      return;
    }
  state->start_element (ctx, localname, prefix, uri, nb_namespaces, namespaces,
                        nb_attributes, nb_defaulted, attributes);
}

static void
end_element_cb (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  xmlParserCtxt *ctxt = ctx;
  ReadState *state = ctxt->_private;

  if (state->depth > 0)
    state->depth--;
  state->end_element (ctx, localname, prefix, uri);
}

/* Line and column (in characters) of byte offset in data. */
static void
locate_offset (const char *data,
               gsize       offset,
               int        *line,
               int        *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          line_start = data + i + 1;
        }
    }
  *column = (int) g_utf8_strlen (line_start, (data + offset) - line_start) + 1;
}

static xmlDoc *
read_memory_internal (const char  *data,
                      gsize        length,
                      const char  *url,
                      const char  *display_name,
                      gsize        max_bytes,
                      guint        max_depth,
                      GError     **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  ReadState state = { 0, };
  const char *end = NULL;
  xmlStructuredErrorFunc old_structured;
  void *old_structured_context;
  xmlGenericErrorFunc old_generic;
  void *old_generic_context;

  if (length > max_bytes)
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_TOO_LARGE,
                   /* Plain conversions: xgettext cannot see through G_GSIZE_FORMAT. */
                   _("“%s” is %llu bytes, more than the %llu a Dossier file can be, so it "
                     "was refused unread. Check that you chose the right file."),
                   display_name, (unsigned long long) length, (unsigned long long) max_bytes);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_MALFORMED,
                   _("“%s” is empty. It may have been cut short while copying; "
                     "use a backup copy."),
                   display_name);
      return NULL;
    }
  if (length > G_MAXINT)
    {
      /* libxml2 takes an int; max_bytes normally keeps us far below. */
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_TOO_LARGE,
                   _("“%s” is too large to read."), display_name);
      return NULL;
    }

  /* Checked up front so that a binary file or a wrong encoding gets a plain answer
   * with a position, rather than libxml2's guesses about encodings. NUL bytes fail
   * this check too, as they should. */
  if (!g_utf8_validate_len (data, length, &end))
    {
      int line, column;

      locate_offset (data, end - data, &line, &column);
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_MALFORMED,
                   _("%s:%d:%d: the file is not UTF-8 text (byte 0x%02X); it is not a "
                     "Dossier file, or it was saved in another encoding. Save it as "
                     "UTF-8 or use a backup copy."),
                   display_name, line, column, (guint) (guchar) *end);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
                   _("Cannot read “%s”: out of memory."), display_name);
      return NULL;
    }

  state.display_name = display_name;
  state.max_depth = max_depth;
  state.start_element = ctxt->sax->startElementNs;
  state.end_element = ctxt->sax->endElementNs;
  ctxt->_private = &state;
  ctxt->linenumbers = 1;

  ctxt->sax->internalSubset = internal_subset_cb;
  ctxt->sax->externalSubset = external_subset_cb;
  ctxt->sax->entityDecl = entity_decl_cb;
  ctxt->sax->unparsedEntityDecl = unparsed_entity_decl_cb;
  ctxt->sax->notationDecl = notation_decl_cb;
  ctxt->sax->elementDecl = element_decl_cb;
  ctxt->sax->attributeDecl = attribute_decl_cb;
  ctxt->sax->getEntity = get_entity_cb;
  ctxt->sax->getParameterEntity = get_entity_cb;
  ctxt->sax->resolveEntity = resolve_entity_cb;
  ctxt->sax->startElementNs = start_element_cb;
  ctxt->sax->endElementNs = end_element_cb;
  ctxt->sax->serror = read_structured_error_cb;
  ctxt->sax->error = NULL;
  ctxt->sax->warning = NULL;
  ctxt->sax->fatalError = NULL;
  ctxt->vctxt.error = NULL;
  ctxt->vctxt.warning = NULL;

  /* The thread's handlers as well: a few libxml2 paths report without the context. */
  old_structured = xmlStructuredError;
  old_structured_context = xmlStructuredErrorContext;
  old_generic = xmlGenericError;
  old_generic_context = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc (ctxt, read_structured_error_cb);
  xmlSetGenericErrorFunc (NULL, silent_generic_error);

  /* UTF-8 is imposed (checked above), whatever the declaration says. No NOENT, DTDLOAD,
   * DTDATTR, XINCLUDE or HUGE: nothing is substituted, loaded or allowed to grow. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, url, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING);

  xmlSetStructuredErrorFunc (old_structured_context, old_structured);
  xmlSetGenericErrorFunc (old_generic_context, old_generic);
  ctxt->_private = NULL;

  if (state.refusal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&state.refusal));
      read_state_clear (&state);
      return NULL;
    }
  if (doc == NULL || !ctxt->wellFormed || xmlDocGetRootElement (doc) == NULL)
    {
      if (state.first_message != NULL)
        g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_MALFORMED,
                     _("%s:%d:%d: the file is not well-formed XML (%s). It is damaged "
                       "or not a Dossier file; use a backup copy."),
                     display_name, state.first_line, state.first_column,
                     state.first_message);
      else
        g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_MALFORMED,
                     _("“%s” is not well-formed XML. It is damaged or not a Dossier "
                       "file; use a backup copy."),
                     display_name);
      read_state_clear (&state);
      return NULL;
    }

  read_state_clear (&state);
  return g_steal_pointer (&doc);
}

xmlDoc *
dossier_xml_read_memory (const char  *data,
                         gsize        length,
                         const char  *display_name,
                         gsize        max_bytes,
                         guint        max_depth,
                         GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = _("the document");
  return read_memory_internal (data, length, NULL, display_name, max_bytes, max_depth,
                               error);
}

static void
set_io_error (GError     **error,
              const char  *display_name,
              int          saved_errno)
{
  g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
               _("Cannot read “%s”: %s."), display_name, g_strerror (saved_errno));
}

xmlDoc *
dossier_xml_read_file (const char  *filename,
                       gsize        max_bytes,
                       guint        max_depth,
                       GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *data = NULL;
  struct stat st;
  gsize capacity;
  gsize length = 0;
  int fd;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_name (filename);

  fd = g_open (filename, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      set_io_error (error, display_name, errno);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      set_io_error (error, display_name, saved_errno);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
                   _("Cannot read “%s”: it is not a regular file."), display_name);
      return NULL;
    }
  if ((guint64) st.st_size > max_bytes)
    {
      g_close (fd, NULL);
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_TOO_LARGE,
                   _("“%s” is %llu bytes, more than the %llu a Dossier file can be, so it "
                     "was refused unread. Check that you chose the right file."),
                   display_name, (unsigned long long) st.st_size, (unsigned long long) max_bytes);
      return NULL;
    }

  /* The file may grow between fstat() and read(); never read more than max_bytes + 1,
   * which is enough to know it is over. */
  capacity = (gsize) st.st_size + 1;
  if (capacity > max_bytes + 1)
    capacity = max_bytes + 1;
  data = g_malloc (capacity + 1);
  for (;;)
    {
      gssize n;

      if (length == capacity)
        {
          if (capacity > max_bytes)
            break;
          capacity = MIN (capacity * 2, max_bytes + 1);
          data = g_realloc (data, capacity + 1);
        }
      n = read (fd, data + length, capacity - length);
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_close (fd, NULL);
          set_io_error (error, display_name, saved_errno);
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;
    }
  g_close (fd, NULL);
  data[length] = '\0';

  return read_memory_internal (data, length, filename, display_name, max_bytes,
                               max_depth, error);
}

char *
dossier_xml_node_path (xmlNode *node)
{
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GString) path = NULL;
  const char *attribute = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  if (node->type == XML_ATTRIBUTE_NODE)
    {
      attribute = (const char *) node->name;
      node = node->parent;
    }
  else if (node->type != XML_ELEMENT_NODE)
    {
      node = node->parent;
    }

  steps = g_ptr_array_new_with_free_func (g_free);
  for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      guint position = 0;
      guint count = 0;

      /* A position only where it disambiguates, as people read paths. */
      for (xmlNode *sibling = node->parent ? node->parent->children : node;
           sibling != NULL;
           sibling = sibling->next)
        {
          if (sibling->type != XML_ELEMENT_NODE
              || !xmlStrEqual (sibling->name, node->name)
              || (sibling->ns == NULL) != (node->ns == NULL)
              || (sibling->ns != NULL && !xmlStrEqual (sibling->ns->href, node->ns->href)))
            continue;
          count++;
          if (sibling == node)
            position = count;
        }
      if (count > 1)
        g_ptr_array_add (steps, g_strdup_printf ("%s[%u]", node->name, position));
      else
        g_ptr_array_add (steps, g_strdup ((const char *) node->name));
    }

  path = g_string_new (NULL);
  for (guint i = steps->len; i > 0; i--)
    {
      g_string_append_c (path, '/');
      g_string_append (path, g_ptr_array_index (steps, i - 1));
    }
  if (attribute != NULL)
    g_string_append_printf (path, "/@%s", attribute);
  if (path->len == 0)
    g_string_append_c (path, '/');
  return g_string_free (g_steal_pointer (&path), FALSE);
}

char *
dossier_xml_node_text (xmlNode *node)
{
  xmlChar *content;
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;

  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;
  text = g_strdup ((const char *) content);
  xmlFree (content);
  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

/* Compiled schemas, by name, for the life of the process. */
G_LOCK_DEFINE_STATIC (schemas);
static GHashTable *schemas;

typedef struct
{
  GString    *messages;
  const char *display_name;
} SchemaCompile;

static void
schema_compile_error_cb (void        *user_data,
                         xmlErrorPtr  error)
{
  SchemaCompile *compile = user_data;
  g_autofree char *message = NULL;

  if (error == NULL || error->level < XML_ERR_ERROR)
    return;
  message = clean_libxml_message (error->message);
  if (compile->messages->len > 0)
    g_string_append_c (compile->messages, '\n');
  g_string_append_printf (compile->messages, "%s:%d: %s",
                          compile->display_name, error->line, message);
}

static xmlRelaxNG *
compile_schema (const char  *schema_name,
                GError     **error)
{
  g_autofree char *filename = dossier_data_path ("schema", schema_name);
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlRelaxNGParserCtxt) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) messages = g_string_new (NULL);
  SchemaCompile compile = { messages, schema_name };
  xmlStructuredErrorFunc old_structured;
  void *old_structured_context;
  xmlGenericErrorFunc old_generic;
  void *old_generic_context;
  xmlRelaxNG *schema;

  doc = dossier_xml_read_file (filename, SCHEMA_MAX_BYTES, SCHEMA_MAX_DEPTH, &local_error);
  if (doc == NULL)
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
                   _("Dossier’s schema “%s” cannot be loaded (%s); reinstall Dossier."),
                   schema_name, local_error->message);
      return NULL;
    }

  /* The parser copies the document; relative includes resolve against its URL. */
  parser = xmlRelaxNGNewDocParserCtxt (doc);
  xmlRelaxNGSetParserStructuredErrors (parser, schema_compile_error_cb, &compile);

  old_structured = xmlStructuredError;
  old_structured_context = xmlStructuredErrorContext;
  old_generic = xmlGenericError;
  old_generic_context = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc (&compile, schema_compile_error_cb);
  xmlSetGenericErrorFunc (NULL, silent_generic_error);

  schema = xmlRelaxNGParse (parser);

  xmlSetStructuredErrorFunc (old_structured_context, old_structured);
  xmlSetGenericErrorFunc (old_generic_context, old_generic);

  if (schema == NULL)
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
                   _("Dossier’s schema “%s” is broken; reinstall Dossier.\n%s"),
                   schema_name, messages->str);
      return NULL;
    }
  return schema;
}

static xmlRelaxNG *
get_schema (const char  *schema_name,
            GError     **error)
{
  xmlRelaxNG *schema;

  G_LOCK (schemas);
  if (schemas == NULL)
    schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) xmlRelaxNGFree);
  schema = g_hash_table_lookup (schemas, schema_name);
  if (schema == NULL)
    {
      schema = compile_schema (schema_name, error);
      if (schema != NULL)
        g_hash_table_insert (schemas, g_strdup (schema_name), schema);
    }
  G_UNLOCK (schemas);

  return schema;
}

typedef struct
{
  GPtrArray  *problems;
  /* RELAX NG reports a cascade ("failed to validate content" for each ancestor) after
   * the error that matters; only the first report per element is kept. */
  GHashTable *seen_nodes;
  /* Some errors come without a node ("Extra element x in interleave") just before a
   * vague one with the node; the two make one problem. */
  char       *pending;
} Validation;

/* The element a problem is about: libxml2 sometimes names the parent in the message
 * while pointing at the child, so the node is what counts. */
static const char *
node_name (xmlNode    *node,
           const char *fallback)
{
  if (node != NULL && node->type == XML_ELEMENT_NODE)
    return (const char *) node->name;
  return fallback;
}

static gboolean
is_vague_message (const char *raw)
{
  return raw != NULL
         && (strstr (raw, "failed to validate") != NULL
             || strstr (raw, "Invalid sequence in interleave") != NULL);
}

/* Rewords libxml2's RELAX NG messages for people who never heard of RELAX NG. */
static char *
humanize_validation_message (const char *raw,
                             xmlNode    *node)
{
  g_autofree char *message = clean_libxml_message (raw);
  g_autofree char *value = NULL;
  char a[128], b[128];

  if (node != NULL && (node->type == XML_ELEMENT_NODE || node->type == XML_ATTRIBUTE_NODE))
    value = dossier_xml_node_text (node);

  if (sscanf (message, "Expecting an element %127s got nothing", a) == 1
      || sscanf (message, "Expecting element %127[^,], got nothing", a) == 1)
    return g_strdup_printf (_("the element <%s> is required here but missing"),
                            g_strdelimit (a, ",", '\0'));
  if (sscanf (message, "Did not expect element %127s there", a) == 1)
    return g_strdup_printf (_("<%s> is not allowed here, or appears more than once"), a);
  if (sscanf (message, "Extra element %127s in interleave", a) == 1)
    return g_strdup_printf (_("<%s> appears more than once, or is not allowed here"), a);
  if (sscanf (message, "Invalid attribute %127s for element %127s", a, b) == 2)
    return g_strdup_printf (_("the attribute “%s” is not allowed on <%s>"), a, b);
  if (sscanf (message, "Element %127s failed to validate attributes", a) == 1)
    return g_strdup_printf (_("<%s> has an attribute that is missing or has a value that "
                              "is not allowed"),
                            node_name (node, a));
  if (sscanf (message, "Element %127s has extra content: %127s", a, b) == 2)
    return g_strdup_printf (_("<%s> contains something that is not allowed there (%s)"),
                            node_name (node, a), b);
  if (sscanf (message, "Element %127s failed to validate content", a) == 1)
    {
      if (value != NULL && node->children != NULL && node->children->next == NULL
          && node->children->type == XML_TEXT_NODE)
        return g_strdup_printf (_("“%s” is not a valid value for <%s>"),
                                value, node_name (node, a));
      return g_strdup_printf (_("<%s> has content that is missing, repeated or not "
                                "allowed"),
                              node_name (node, a));
    }
  if (sscanf (message, "Expecting element %127[^,], got %127s", a, b) == 2)
    return g_strdup_printf (_("expected <%s> here, found <%s>"), a, b);
  if (g_str_has_prefix (message, "Error validating value")
      || g_str_has_prefix (message, "Type ")
      || g_str_has_prefix (message, "Value "))
    {
      if (value != NULL)
        return g_strdup_printf (_("“%s” is not a valid value here"), value);
      return g_strdup (_("the value is not valid here"));
    }
  if (sscanf (message, "Element %127s has wrong namespace: expecting %127s", a, b) == 2)
    return g_strdup_printf (_("<%s> is in the wrong namespace (expected %s)"), a, b);
  if (sscanf (message, "Expecting a namespace for element %127s", a) == 1)
    return g_strdup_printf (_("<%s> has no namespace"), a);

  return g_steal_pointer (&message);
}

static void
add_validation_problem (Validation *validation,
                        xmlNode    *node,
                        char       *message)
{
  DossierProblem *problem = g_new0 (DossierProblem, 1);

  if (node != NULL)
    {
      problem->path = dossier_xml_node_path (node);
      problem->line = (guint) MAX (xmlGetLineNo (node), 0);
      if (node->type == XML_ELEMENT_NODE
          && (node->children == NULL
              || (node->children->next == NULL && node->children->type == XML_TEXT_NODE)))
        problem->value = dossier_xml_node_text (node);
    }
  else
    {
      problem->path = g_strdup ("/");
    }
  problem->message = message;
  g_ptr_array_add (validation->problems, problem);
}

static void
validation_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  Validation *validation = user_data;
  g_autofree char *pending = NULL;
  xmlNode *node;

  if (error == NULL || error->level < XML_ERR_ERROR || validation->problems == NULL)
    return;

  node = error->node;
  if (node == NULL)
    {
      if (validation->pending == NULL)
        validation->pending = humanize_validation_message (error->message, NULL);
      return;
    }

  pending = g_steal_pointer (&validation->pending);

  /* An error on something already reported, or on an ancestor of it, is the cascade. */
  if (g_hash_table_contains (validation->seen_nodes, node))
    return;

  if (pending != NULL && is_vague_message (error->message))
    add_validation_problem (validation, node, g_steal_pointer (&pending));
  else
    add_validation_problem (validation, node,
                            humanize_validation_message (error->message, node));

  /* Remember the node and its ancestors, so that the "failed to validate content" of
   * the parents that follows is dropped. */
  for (xmlNode *ancestor = node; ancestor != NULL; ancestor = ancestor->parent)
    g_hash_table_add (validation->seen_nodes, ancestor);
}

gboolean
dossier_xml_validate (xmlDoc      *doc,
                      const char  *schema_name,
                      GPtrArray   *problems,
                      GError     **error)
{
  g_autoptr(xmlRelaxNGValidCtxt) vctxt = NULL;
  g_autoptr(GHashTable) seen_nodes = NULL;
  Validation validation = { 0, };
  xmlStructuredErrorFunc old_structured;
  void *old_structured_context;
  xmlGenericErrorFunc old_generic;
  void *old_generic_context;
  xmlRelaxNG *schema;
  guint n_before = problems != NULL ? problems->len : 0;
  int result;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (schema_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  schema = get_schema (schema_name, error);
  if (schema == NULL)
    return FALSE;

  seen_nodes = g_hash_table_new (NULL, NULL);
  validation.problems = problems;
  validation.seen_nodes = seen_nodes;

  /* The compiled schema is read-only from here on; each call has its own context. */
  vctxt = xmlRelaxNGNewValidCtxt (schema);
  if (vctxt == NULL)
    {
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
                   _("Cannot check against “%s”: out of memory."), schema_name);
      return FALSE;
    }
  xmlRelaxNGSetValidStructuredErrors (vctxt, validation_error_cb, &validation);

  old_structured = xmlStructuredError;
  old_structured_context = xmlStructuredErrorContext;
  old_generic = xmlGenericError;
  old_generic_context = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc (&validation, validation_error_cb);
  xmlSetGenericErrorFunc (NULL, silent_generic_error);

  result = xmlRelaxNGValidateDoc (vctxt, doc);

  xmlSetStructuredErrorFunc (old_structured_context, old_structured);
  xmlSetGenericErrorFunc (old_generic_context, old_generic);

  if (result < 0)
    {
      g_clear_pointer (&validation.pending, g_free);
      g_set_error (error, DOSSIER_PROFILE_ERROR, DOSSIER_PROFILE_ERROR_IO,
                   _("Cannot check the document against “%s” (internal error)."),
                   schema_name);
      return FALSE;
    }
  /* Never report "invalid" without saying anything. */
  if (result > 0 && problems != NULL && problems->len == n_before)
    add_validation_problem (&validation, NULL,
                            validation.pending != NULL
                              ? g_steal_pointer (&validation.pending)
                              : g_strdup (_("the document does not follow the file format")));
  g_clear_pointer (&validation.pending, g_free);
  return result == 0;
}
