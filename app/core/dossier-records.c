/* dossier-records.c: not written yet. */

#include "config.h"
