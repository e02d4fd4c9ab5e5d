/* dossier-language.c: not written yet. */

#include "config.h"
