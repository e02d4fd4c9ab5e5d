/* dossier-pack.h: a program's rule pack (data/rules/ID.xml)
 *
 * Copyright 2026 The Dossier authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dossier-date.h"

G_BEGIN_DECLS

#define DOSSIER_PACK_ERROR (dossier_pack_error_quark ())

typedef enum
{
  DOSSIER_PACK_ERROR_INVALID,      /* schema violation or inconsistency */
  DOSSIER_PACK_ERROR_NOT_FOUND,    /* no pack with that id */
} DossierPackError;

typedef enum
{
  DOSSIER_PROGRAM_UPCOMING,
  DOSSIER_PROGRAM_OPEN,
  DOSSIER_PROGRAM_PAUSED,
  DOSSIER_PROGRAM_CLOSED,
  DOSSIER_PROGRAM_UNKNOWN,
} DossierProgramState;

typedef struct _DossierSource DossierSource;

#define DOSSIER_TYPE_PACK (dossier_pack_get_type ())

G_DECLARE_FINAL_TYPE (DossierPack, dossier_pack, DOSSIER, PACK, GObject)

GQuark               dossier_pack_error_quark         (void);

/* Loads and validates a pack. Every problem found (schema, unknown fields, overlapping
 * versions, unknown sources, placeholders no predicate sets, missing messages) is added
 * to problems (DossierProblem) when it is not NULL; the pack is returned only when there
 * were none. */
DossierPack         *dossier_pack_load                (const char           *filename,
                                                       GPtrArray            *problems,
                                                       GError              **error);
/* Every pack of the data folder, sorted by id; loaded once per process. */
GPtrArray           *dossier_pack_get_all             (GError              **error);
DossierPack         *dossier_pack_find                (const char           *id,
                                                       GError              **error);

const char          *dossier_pack_get_id              (DossierPack          *self);
const char          *dossier_pack_get_title           (DossierPack          *self,
                                                       const char           *lang);
const char          *dossier_pack_get_filename        (DossierPack          *self);
guint                dossier_pack_get_n_rules         (DossierPack          *self);

DossierProgramState  dossier_pack_get_state           (DossierPack          *self,
                                                       DossierDay            day,
                                                       const char          **note_en,
                                                       const char          **note_fr);
/* The first intake opening after now, if the pack knows one. */
GDateTime           *dossier_pack_get_next_opening    (DossierPack          *self,
                                                       GDateTime            *now);
/* The as-of date the CLI uses when none is given: the next known opening, else today. */
DossierDay           dossier_pack_get_default_as_of   (DossierPack          *self);

const char          *dossier_program_state_to_string  (DossierProgramState  state);

G_END_DECLS
