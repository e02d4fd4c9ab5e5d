#!/bin/sh
# make-pot.sh SRCDIR OUT.pot: the template of every message, from the files
# locale/POTFILES.in lists, as `ninja dossier-pot` makes it (meson's "glib" preset), but
# into OUT.pot rather than the source tree: the tests compare the catalogues with the
# sources as they are.
#
# Copyright 2026 The Dossier authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu
src=$1
out=$2
exec xgettext --package-name=dossier -f "$src/locale/POTFILES.in" -D "$src" -k_ -o "$out" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  2>/dev/null
