/* dossier-xml.h: safe XML reading and RELAX NG validation, shared by every loader
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* Errors are in DOSSIER_PROFILE_ERROR's domain and codes (TOO_LARGE, HOSTILE, MALFORMED,
 * IO), whatever the kind of file, so that every reader refuses hostile input the same
 * way. Parsing never touches the network, never loads a DTD, refuses any DOCTYPE,
 * entity declaration or external reference before it is acted upon, and refuses
 * files over max_bytes and element nesting deeper than max_depth. Line numbers are
 * kept on nodes. display_name is what messages call the file. */
xmlDoc  *dossier_xml_read_file     (const char  *filename,
                                    gsize        max_bytes,
                                    guint        max_depth,
                                    GError     **error);
xmlDoc  *dossier_xml_read_memory   (const char  *data,
                                    gsize        length,
                                    const char  *display_name,
                                    gsize        max_bytes,
                                    guint        max_depth,
                                    GError     **error);

/* Validates against a RELAX NG schema from the data folder ("profile.rng"); the compiled
 * schema is cached per process and shared between threads. Adds one DossierProblem per
 * schema error to problems (path, line, message) and returns FALSE if there were any. */
gboolean dossier_xml_validate      (xmlDoc      *doc,
                                    const char  *schema_name,
                                    GPtrArray   *problems,
                                    GError     **error);

/* "/dossier/work-history/job[2]/end": local names, with a position only where an
 * element has same-named siblings; attributes as "/@expires". */
char    *dossier_xml_node_path     (xmlNode     *node) G_GNUC_WARN_UNUSED_RESULT;

/* The text of an element or attribute, stripped; NULL when empty. */
char    *dossier_xml_node_text     (xmlNode     *node) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
