/* dossier-submission.c: not written yet. */

#include "config.h"
