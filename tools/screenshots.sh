#!/bin/bash
# screenshots.sh BUILD_DIR: takes the screenshots in data/screenshots/ from the real
# application, under Xvfb (1280×860), with the example client (data/examples/
# maria-dela-cruz.dossier and freshly drawn specimen documents) and three other fictitious
# clients derived from her for the client list:
#
#   clients.png, preferences.png          the client list, the preferences over it
#   01-program.png … 10-package.png       each step of the wizard, reached by clicking it
#                                         in the list of steps (AT-SPI mouse clicks)
#
# With --languages LL[,LL…] (for example --languages fr,es,tl,zh_CN), it takes instead
# lang-LL.png for each language: the application started under LANGUAGE=LL with the
# catalogues of BUILD_DIR/locale, on a new client's first step (the program, whose
# titles come from the rule packs). It checks that the window is in that language: the
# list of steps must have its translated name. A language without a catalogue in
# BUILD_DIR/locale is refused.
#
# The as-of day is set to 2025-03-31 in the header calendar, the day the example is
# eligible. Each picture is the main window (1000×720 with its border), cut out of the
# screen. Needs Xvfb, dbus-run-session, at-spi2-core and /usr/bin/python3 with pyatspi
# and Gdk 3 (python3-pyatspi, gir1.2-gtk-3.0, both pulled in by python3-dogtail); it
# reuses the helpers of tests/e2e/test-e2e.py.
#
# Copyright 2026 The Dossier authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

languages=
if [ $# -eq 3 ] && [ "$2" = --languages ]; then
  languages=$3
elif [ $# -ne 1 ]; then
  set -- ""
fi
if [ ! -x "$1/app/gui/dossier" ]; then
  echo "usage: $0 BUILD_DIR [--languages LL[,LL…]] (a build folder with app/gui/dossier)" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
for lang in $(echo "$languages" | tr ',' ' '); do
  [ -f "$build/locale/$lang/LC_MESSAGES/dossier.mo" ] ||
    { echo "$0: no $lang catalogue in $build/locale (is $lang in locale/LINGUAS?)" >&2; exit 2; }
done
src=$(cd "$(dirname "$0")/.." && pwd)
out=${DOSSIER_SCREENSHOTS_DIR:-$src/data/screenshots}

for p in Xvfb dbus-run-session /usr/bin/python3; do
  command -v "$p" >/dev/null || { echo "$0: $p is not installed" >&2; exit 2; }
done
/usr/bin/python3 -c "import pyatspi, gi; gi.require_version('Gdk', '3.0'); from gi.repository import Gdk" ||
  { echo "$0: /usr/bin/python3 needs pyatspi and Gdk 3 (python3-pyatspi gir1.2-gtk-3.0)" >&2; exit 2; }

tmp=$(mktemp -d)
xvfb=
cleanup() {
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# -- the clients: the example, and three others made from her for the list ----------------
clients=$tmp/data/dossier/clients
mkdir -p "$clients"
"$build/data/examples/make-specimens" "$clients/files" >/dev/null
example=$build/data/examples/maria-dela-cruz.dossier

# $1 file; $2 family; $3 given; $4 birth; $5 citizenship; $6 status expiry; $7 program or
# "" for none; $8 "keep" to keep the documents
derive() {
  sed -e "s|<family-name>Dela Cruz</family-name>|<family-name>$2</family-name>|" \
      -e "s|<given-names>Maria Luisa</given-names>|<given-names>$3</given-names>|" \
      -e "s|<birth-date>1990-02-14</birth-date>|<birth-date>$4</birth-date>|" \
      -e "s|<citizenship>PH</citizenship>|<citizenship>$5</citizenship>|" \
      -e "s|country=\"PH\" issued=\"2022-05-01\"|country=\"$5\" issued=\"2022-05-01\"|" \
      -e "s|expires=\"2026-06-30\"/>|expires=\"$6\"/>|" \
      "$example" |
    if [ "$2" = "Dela Cruz" ]; then cat; else
      sed -e "s|maria@example.org|$(echo "$3" | iconv -f utf-8 -t ascii//TRANSLIT | tr 'A-Z ' 'a-z.')@example.org|"
    fi |
    if [ "$8" = keep ]; then cat; else grep -v '<document kind=\|<!-- Two phone photos'; fi |
    if [ -n "$7" ]; then sed -e "s|</dossier>|  <program id=\"$7\"/>\n</dossier>|"; else cat; fi \
    > "$clients/$1"
}
derive maria-dela-cruz.dossier "Dela Cruz" "Maria Luisa" 1990-02-14 PH 2026-06-30 hcwip-child-care keep
derive nguyen-thi-lan.dossier "Nguyen" "Thi Lan" 1994-08-03 VN 2026-03-15 "" drop
derive okafor-ngozi.dossier "Okafor" "Ngozi" 1987-11-21 NG 2025-01-30 hcwip-home-support drop
derive santos-jose.dossier "Santos" "José" 1985-05-09 BR 2027-06-30 hcwip-child-care drop
# A new client, for the language screenshots: her names only, so the wizard opens on its
# first step.
mkdir -p "$tmp/new"
cat >"$tmp/new/reyes-ana.dossier" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<dossier xmlns="urn:dossier:profile:1" format-version="1">
  <applicant>
    <family-name>Reyes</family-name>
    <given-names>Ana Sofía</given-names>
  </applicant>
</dossier>
XML
for f in "$clients"/*.dossier "$tmp/new/reyes-ana.dossier"; do
  xmllint --noout "$f" 2>/dev/null || { echo "$0: $f is not well-formed" >&2; exit 1; }
done

# -- a display of our own ------------------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1280x860x24 -nolisten tcp -r 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb=$!
for _ in $(seq 200); do [ -s "$tmp/display" ] && break; sleep 0.05; done
[ -s "$tmp/display" ] || { echo "$0: Xvfb did not start: $(cat "$tmp/xvfb.log")" >&2; exit 1; }
mkdir -p "$out" "$tmp/home" "$tmp/config" "$tmp/cache" "$tmp/runtime"
chmod 700 "$tmp/runtime"

export DISPLAY=":$(head -n 1 "$tmp/display")" GDK_BACKEND=x11
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS
export DOSSIER_E2E_SRC=$src DOSSIER_SHOTS_OUT=$out DOSSIER_SHOTS_TMP=$tmp \
       DOSSIER_GUI=$build/app/gui/dossier DOSSIER_DATADIR=$build/data \
       DOSSIER_SHOTS_LANGUAGES=$languages DOSSIER_SHOTS_LOCALEDIR=$build/locale

dbus-run-session -- /usr/bin/python3 - <<'PY'
import gettext, importlib.util, os, re, subprocess, sys, tempfile, time

src, out, tmp = (os.environ[k] for k in ("DOSSIER_E2E_SRC", "DOSSIER_SHOTS_OUT", "DOSSIER_SHOTS_TMP"))
spec = importlib.util.spec_from_file_location("e2e", os.path.join(src, "tests/e2e/test-e2e.py"))
e2e = importlib.util.module_from_spec(spec)
spec.loader.exec_module(e2e)

launcher = subprocess.Popen([e2e.find_bus_launcher(), "--launch-immediately"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
for _ in range(200):
    try:
        bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress", None,
                      GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 2000, None)
        break
    except GLib.Error:
        time.sleep(0.1)

env = dict(os.environ)
env.pop("G_DEBUG", None)
env.update({"GTK_A11Y": "atspi", "NO_AT_BRIDGE": "0", "GSETTINGS_BACKEND": "memory",
            "GIO_USE_VFS": "local", "XDG_DATA_HOME": os.path.join(tmp, "data"),
            "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
            "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
            "XDG_RUNTIME_DIR": os.path.join(tmp, "runtime"), "HOME": os.path.join(tmp, "home"),
            "LC_ALL": "C.UTF-8", "LANGUAGE": "en"})
log = open(os.path.join(tmp, "app.log"), "w")
languages = [l for l in os.environ.get("DOSSIER_SHOTS_LANGUAGES", "").split(",") if l]
if languages:
    env["LANGUAGE"] = languages[0]
    app = subprocess.Popen([os.environ["DOSSIER_GUI"], os.path.join(tmp, "new", "reyes-ana.dossier")],
                           env=env, stdout=log, stderr=subprocess.STDOUT)
else:
    app = subprocess.Popen([os.environ["DOSSIER_GUI"]], env=env, stdout=log,
                           stderr=subprocess.STDOUT)


class Args:
    log_dir = None


s = e2e.Session(Args())
s.process = app
P = s.pyatspi
Gdk = s.Gdk
status = 1
try:
    s.find_app(30)
    main = s.wait(lambda: next((w for w in s.windows() if e2e.role_of(w) == "frame"), None),
                  30, "the main window")
    root = Gdk.get_default_root_window()
    screen_w, screen_h = root.get_width(), root.get_height()

    def window_rect():
        """The main window's rectangle on the screen: at the top left corner without a
        window manager, its frame (as AT-SPI gives it) inside GTK's border, which ends
        where the black root window begins."""
        f = s.extents(main)
        shot = Gdk.pixbuf_get_from_window(root, 0, 0, screen_w, screen_h)
        pixels, stride, n = shot.get_pixels(), shot.get_rowstride(), shot.get_n_channels()

        def black(x, y):
            i = y * stride + x * n
            return pixels[i] == 0 and pixels[i + 1] == 0 and pixels[i + 2] == 0
        y = f[3] // 2
        width = next((x for x in range(f[2], min(screen_w, f[2] + 64)) if black(x, y)), f[2])
        margin = max(0, (width - f[2]) // 2)
        return 0, 0, f[2] + 2 * margin, f[3] + 2 * margin, margin

    def shoot(name):
        s.park_pointer()
        time.sleep(0.6)  # let the last frame be drawn (and any transition end)
        x, y, w, h, _ = window_rect()
        Gdk.pixbuf_get_from_window(root, x, y, w, h).savev(os.path.join(out, name), "png", [], [])
        print("%s: %d×%d" % (os.path.join(out, name), w, h), flush=True)

    def click(node, double=False):
        """A mouse click at the middle of node, as AT-SPI generates it."""
        margin = window_rect()[4]
        x, y, w, h = s.extents(node)
        P.Registry.generateMouseEvent(margin + x + w // 2, margin + y + h // 2,
                                      "b1d" if double else "b1c")
        time.sleep(0.2)

    def park():
        # Over the window (the X server gives the keyboard to the window under the
        # pointer) but where nothing reacts to it: under the rows of the lists.
        P.Registry.generateMouseEvent(140, 690, P.MOUSE_ABS)
        time.sleep(0.05)
    s.park_pointer = park

    # -- one language after another: a new client's first step ----------------------------
    for number, language in enumerate(languages):
        if number > 0:
            app.terminate()
            app.wait(10)
            env["LANGUAGE"] = language
            app = subprocess.Popen([os.environ["DOSSIER_GUI"],
                                    os.path.join(tmp, "new", "reyes-ana.dossier")],
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
            s.process = app
            s.find_app(30)
            main = s.wait(lambda: next((w for w in s.windows() if e2e.role_of(w) == "frame"), None),
                          30, "the main window")
        t = gettext.translation("dossier", os.environ["DOSSIER_SHOTS_LOCALEDIR"], [language])
        steps = s.get("list", t.gettext("Steps of the application"), main, timeout=20)
        s.wait(lambda: s.find("list item", t.gettext("Program"), steps), 20,
               "the first step, %r" % t.gettext("Program"))
        time.sleep(1.5)  # the program page reads the rule packs
        shoot("lang-%s.png" % language)
    if languages:
        status = 0
        raise SystemExit(0)  # the step screenshots are not taken in this mode

    # -- the client list, and the preferences over it --------------------------------------
    clients = s.get("list", "Clients", main, timeout=20)
    s.wait(lambda: clients.get_child_count() >= 4, 20, "the four clients in the list")
    maria = s.get(None, re.compile(r"^Maria Luisa Dela Cruz"), clients)
    time.sleep(1.5)  # each row checks its client in the background
    shoot("clients.png")
    s.key("comma", ["Control_L"])
    prefs = s.wait(lambda: next((w for w in s.windows() if w.get_name() == "Preferences"), None),
                   10, "the preferences window")
    shoot("preferences.png")
    s.press(s.actionable("push button", "Close", prefs), "the preferences' Close button")
    s.wait(lambda: all(w.get_name() != "Preferences" for w in s.windows()), 10,
           "the preferences to close")

    # -- the client, as of 2025-03-31 ------------------------------------------------------
    click(maria, double=True)
    steps = s.get("list", "Steps of the application", main, timeout=20)
    e2e.set_as_of(s, main, "2025-03-31")
    # The Documents and Package pages check again when the profile changes but not (yet)
    # when the as-of day does: one edit, undone, makes them judge as of 2025-03-31.
    click(s.get("list item", "About you", steps))
    about = s.get("panel", "About you", main)
    phone = s.field("Phone", about)
    s.type_into(phone, "+1 416 555 0101")
    time.sleep(0.5)
    s.type_into(phone, "+1 416 555 0100")
    time.sleep(1.5)

    # -- each step, clicked in the list of steps -------------------------------------------
    titles = ["Program", "About you", "Work history", "Training", "Language tests",
              "Education", "Job offer", "Documents", "Review", "Package"]
    for number, title in enumerate(titles, 1):
        row = s.get("list item", title, steps)
        click(row)
        s.wait(lambda: s.state(row, P.STATE_SELECTED), 10, "the step %r" % title)
        page = s.get("panel", title, main)
        # Pages that check in the background say so; wait until they are done.
        s.wait(lambda: s.find("label", re.compile(r"^Checking"), page) is None, 20,
               "the %s page to finish its checks" % title)
        # The page puts the focus in its first field, all its text selected: Home shows
        # it as it reads.
        focus = s.focused(page)
        if focus is not None and e2e.role_of(focus) == "text":
            s.key("Home")
        if title == "Review":
            s.wait(lambda: s.find("list item", re.compile(r"^Eligible"), page), 20,
                   "the verdict")
        if title == "Documents":
            s.wait(lambda: s.find("label", re.compile(r"checked as of 2025-03-31"), page),
                   20, "the documents to be checked as of 2025-03-31")
        shoot("%02d-%s.png" % (number, re.sub(r"[^a-z]+", "-", title.lower())))
    status = 0
except e2e.Failure as e:
    shot = os.path.join(tempfile.gettempdir(), "dossier-screenshots-failure.png")
    e2e.screenshot(shot, Gdk)
    print("screenshots: %s (the screen: %s)" % (e, shot), file=sys.stderr)
finally:
    app.terminate()
    try:
        app.wait(10)
    except subprocess.TimeoutExpired:
        app.kill()
    launcher.terminate()
sys.exit(status)
PY
