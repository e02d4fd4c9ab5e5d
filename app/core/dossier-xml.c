/* dossier-xml.c: not written yet. */

#include "config.h"
