#include "config.h"
#include "dossier-cli.h"
int main (void) { return 0; }
