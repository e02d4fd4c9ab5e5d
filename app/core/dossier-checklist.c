/* dossier-checklist.c: not written yet. */

#include "config.h"
