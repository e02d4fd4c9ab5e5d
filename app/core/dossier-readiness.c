/* dossier-readiness.c: not written yet. */

#include "config.h"
