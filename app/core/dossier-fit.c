/* dossier-fit.c: not written yet. */

#include "config.h"
