/* dossier-document.c: not written yet. */

#include "config.h"
