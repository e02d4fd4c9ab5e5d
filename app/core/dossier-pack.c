/* dossier-pack.c: not written yet. */

#include "config.h"
