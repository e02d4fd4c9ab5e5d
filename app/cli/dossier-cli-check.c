#include "config.h"
#include "dossier-cli.h"
