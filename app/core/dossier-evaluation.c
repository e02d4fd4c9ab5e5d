/* dossier-evaluation.c: not written yet. */

#include "config.h"
