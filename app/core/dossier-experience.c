/* dossier-experience.c: not written yet. */

#include "config.h"
