#!/bin/sh
# bench/startup.sh BUILD_DIR: Dossier's cold start to its first drawn frame, with 500
# client profiles present, against gnome-text-editor (the Debian package) in the same
# run; then how long a keystroke in a field waits while the eligibility check and the
# autosave run. Method and figures: bench/README-startup.md.
#
# Installs nothing. It needs, from Debian (as root):
#   apt-get install -y gnome-text-editor xdotool x11-utils
# and, already on the build machine: xvfb, dbus, a C compiler with libx11-dev and
# libxdamage-dev, and /usr/bin/python3 with python3-gi and gir1.2-atspi-2.0 (part 2).
#
# Both apps are measured the same way, from outside, by a small X client compiled here
# (xfirstframe): it forks the app (clock starts just before fork), watches the X server
# for the app's top-level window to be created and mapped, follows it with the DAMAGE
# extension and stops the clock at the first damage after which the window's pixels are
# not all one colour: the first frame the app drew, as the X server has it. No polling,
# no GTK debug switch (that would only exist inside GTK apps and change their timing).
# Then it kills the app and waits for it to be gone.
#
# Cold: run as root, the page cache is dropped (sync; echo 3 > /proc/sys/vm/drop_caches)
# before every single run, so every run reads its libraries, icons and data from disk.
# Not root: it says so and the runs are warm. The first run of each app is a warm-up
# (it also starts the accessibility bus) and is left out of the figures.
#
# Environment: RUNS (default 10) measured runs per app, alternating which goes first;
# KEYS (default 200) characters typed in part 2, DELAY (default 40) ms between keys.
set -eu
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-10}
nkeys=${KEYS:-200}
delay=${DELAY:-40}
app="$build/app/gui/dossier"
example="$build/data/examples/maria-dela-cruz.dossier"
[ -x "$app" ] || { echo "startup.sh: no $app (ninja -C $build first)" >&2; exit 1; }
[ -f "$example" ] || example="$here/data/examples/maria-dela-cruz.dossier"
for tool in Xvfb dbus-daemon cc gnome-text-editor xdotool /usr/bin/python3; do
  command -v "$tool" > /dev/null || { echo "startup.sh: $tool missing (see the header)" >&2; exit 1; }
done

work=$(mktemp -d)
xvfb_pid=; bus_pid=
cleanup () {
  [ -z "$bus_pid" ] || kill "$bus_pid" 2> /dev/null || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the first-frame probe -------------------------------------------------------------
cat > "$work/xfirstframe.c" <<'CEOF'
#define _GNU_SOURCE
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms (void) {
  struct timespec ts; clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
static int ignore_errors (Display *d, XErrorEvent *e) { (void) d; (void) e; return 0; }

#define MAXW 256
static struct { Window w; Damage dmg; int mapped; } wins[MAXW];
static int nwins;

static int find (Window w) { for (int i = 0; i < nwins; i++) if (wins[i].w == w) return i; return -1; }

static int drawn (Display *d, Window w, char *cls, size_t clen) {
  XWindowAttributes a;
  if (!XGetWindowAttributes (d, w, &a) || a.map_state != IsViewable || a.class != InputOutput
      || a.width < 64 || a.height < 64)
    return 0;
  XImage *img = XGetImage (d, w, 0, 0, a.width, a.height, AllPlanes, ZPixmap);
  if (!img) return 0;
  unsigned long first = XGetPixel (img, 0, 0); int varied = 0;
  for (int y = 0; y < a.height && !varied; y += 2)
    for (int x = 0; x < a.width; x += 2)
      if (XGetPixel (img, x, y) != first) { varied = 1; break; }
  XDestroyImage (img);
  XClassHint h;
  if (varied && XGetClassHint (d, w, &h)) {
    snprintf (cls, clen, "%s", h.res_class ? h.res_class : "?");
    XFree (h.res_name); XFree (h.res_class);
  }
  return varied;
}

int main (int argc, char **argv) {
  if (argc < 3) { fprintf (stderr, "usage: xfirstframe TIMEOUT_MS CMD...\n"); return 64; }
  double timeout = atof (argv[1]);
  Display *d = XOpenDisplay (NULL);
  if (!d) { fprintf (stderr, "xfirstframe: no display\n"); return 1; }
  int dev, der;
  if (!XDamageQueryExtension (d, &dev, &der)) { fprintf (stderr, "xfirstframe: no DAMAGE\n"); return 1; }
  XSetErrorHandler (ignore_errors);
  Window root = DefaultRootWindow (d);
  XSelectInput (d, root, SubstructureNotifyMask);
  XSync (d, False);

  double t0 = now_ms ();
  pid_t pid = fork ();
  if (pid == 0) { setpgid (0, 0); execvp (argv[2], argv + 2); _exit (127); }
  setpgid (pid, pid);

  double t_map = -1, t_frame = -1; char cls[128] = "?";
  int fd = ConnectionNumber (d), status;
  while (t_frame < 0) {
    while (XPending (d)) {
      XEvent ev; XNextEvent (d, &ev);
      if (ev.type == CreateNotify && ev.xcreatewindow.parent == root && nwins < MAXW) {
        wins[nwins].w = ev.xcreatewindow.window;
        wins[nwins].dmg = XDamageCreate (d, ev.xcreatewindow.window, XDamageReportNonEmpty);
        wins[nwins++].mapped = 0;
      } else if (ev.type == MapNotify) {
        int i = find (ev.xmap.window);
        if (i >= 0) { wins[i].mapped = 1; if (t_map < 0) t_map = now_ms () - t0; }
      } else if (ev.type == dev + XDamageNotify) {
        XDamageNotifyEvent *de = (XDamageNotifyEvent *) &ev;
        int i = find (de->drawable);
        XDamageSubtract (d, de->damage, None, None);
        if (i >= 0 && wins[i].mapped && drawn (d, wins[i].w, cls, sizeof cls)) {
          t_frame = now_ms () - t0; break;
        }
      }
    }
    if (t_frame >= 0) break;
    if (waitpid (pid, &status, WNOHANG) == pid) { fprintf (stderr, "xfirstframe: %s exited before drawing\n", argv[2]); return 3; }
    double left = timeout - (now_ms () - t0);
    if (left <= 0) { fprintf (stderr, "xfirstframe: timeout\n"); kill (-pid, SIGKILL); waitpid (pid, &status, 0); return 2; }
    fd_set fds; FD_ZERO (&fds); FD_SET (fd, &fds);
    struct timeval tv = { 0, 20000 };
    select (fd + 1, &fds, NULL, NULL, &tv);
  }
  printf ("%.1f %.1f %s\n", t_map, t_frame, cls);
  fflush (stdout);
  kill (-pid, SIGKILL);
  waitpid (pid, &status, 0);
  return 0;
}
CEOF
cc -O2 -o "$work/xfirstframe" "$work/xfirstframe.c" -lXdamage -lX11

# --- 500 client profiles ---------------------------------------------------------------
# The example applicant under 500 other names (family × given names from several
# countries of origin), with other hours, dates and language scores.
families="Dela_Cruz Santos Reyes Garcia Mendoza Bautista Villanueva Ramos Aquino Castillo
Okafor Adeyemi Mensah Nwosu Diallo Traore Kamara Haile Tesfaye Abebe
Singh Kaur Patel Sharma Gill Sandhu Fernando Perera Silva Nguyen
Tran Le Pham Hoang Wang Li Zhang Chen Liu Yang
Hernandez Lopez Gonzalez Rodriguez Martinez Morales Jean-Baptiste Pierre Joseph Charles"
givens="Maria_Luisa Ana Jocelyn Rowena Grace Marites Liza Cristina Joy Analyn
Chiamaka Ngozi Abena Fatoumata Aminata Mariam Selam Hanna Tigist Blessing
Harpreet Simran Priya Anjali Navdeep Sunita Nimali Dilani Thi_Lan Mai
Hoa Xiu_Ying Mei Li_Na Fang Rosa Guadalupe Sofia Carmen Yolanda"
mkdir -p "$work/dossier/data/dossier/clients"
i=0
for f in $families; do
  for g in $givens; do
    [ $i -lt 500 ] || break 2
    fam=$(echo "$f" | tr _ ' '); giv=$(echo "$g" | tr _ ' ')
    h=$((30 + i % 15)); r=$((3 + i % 8)); d=$((1 + i % 28))
    slug=$(printf '%s-%s-%03d' "$f" "$g" "$i" | tr 'A-Z_' 'a-z-')
    sed -e "s|<family-name>Dela Cruz</family-name>|<family-name>$fam</family-name>|" \
        -e "s|<given-names>Maria Luisa</given-names>|<given-names>$giv</given-names>|" \
        -e "s|<hours-per-week>40</hours-per-week>|<hours-per-week>$h</hours-per-week>|" \
        -e "s|reading=\"5\"|reading=\"$r\"|" \
        -e "s|<end>2024-12-31</end>|<end>2024-12-$(printf %02d $d)</end>|" \
        "$example" > "$work/dossier/data/dossier/clients/$slug.dossier"
    i=$((i + 1))
  done
done
echo "clients: $(ls "$work/dossier/data/dossier/clients" | wc -l) profiles in a temporary XDG_DATA_HOME"
printf 'A short note.\nTwo lines of plain text.\n' > "$work/note.txt"

# Each app its own XDG folders (kept across its runs, like one user's), settings in memory,
# no cursor blinking (part 2 reads the screen's quiet moments).
for a in dossier gte; do
  mkdir -p "$work/$a/data" "$work/$a/config/gtk-4.0" "$work/$a/cache" "$work/$a/state" "$work/$a/runtime"
  chmod 700 "$work/$a/runtime"
  printf '[Settings]\ngtk-cursor-blink=false\n' > "$work/$a/config/gtk-4.0/settings.ini"
done
in_env () {
  a=$1; shift
  env XDG_DATA_HOME="$work/$a/data" XDG_CONFIG_HOME="$work/$a/config" \
      XDG_CACHE_HOME="$work/$a/cache" XDG_STATE_HOME="$work/$a/state" \
      XDG_RUNTIME_DIR="$work/$a/runtime" GSETTINGS_BACKEND=memory \
      DOSSIER_DATADIR="$build/data" LC_ALL=C.UTF-8 "$@"
}

# --- our own X server and session bus --------------------------------------------------
n=90
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp -noreset > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$n"
t=0
until xdpyinfo > /dev/null 2>&1 || [ $t -ge 50 ]; do sleep 0.1; t=$((t + 1)); done
eval "$(dbus-daemon --session --fork --print-address=1 --print-pid=1 \
        | { read -r addr; read -r pid; echo "DBUS_SESSION_BUS_ADDRESS='$addr'; bus_pid=$pid"; })"
export DBUS_SESSION_BUS_ADDRESS
unset WAYLAND_DISPLAY GDK_BACKEND GSK_RENDERER GDK_DEBUG GTK_DEBUG G_DEBUG

if [ "$(id -u)" = 0 ] && [ -w /proc/sys/vm/drop_caches ]; then
  cold=yes; echo "page cache dropped before every run (cold starts)"
else
  cold=no; echo "not root: page cache NOT dropped, runs are warm"
fi
drop () { [ $cold = no ] || { sync; echo 3 > /proc/sys/vm/drop_caches; }; }

# --- part 1: cold start to the first drawn frame ---------------------------------------
one () {
  drop
  case $1 in
    dossier) in_env dossier "$work/xfirstframe" 60000 "$app" ;;
    gte) in_env gte "$work/xfirstframe" 60000 gnome-text-editor "$work/note.txt" ;;
  esac 2> "$work/$1.err" || { echo "startup.sh: $1 failed:" >&2; tail -5 "$work/$1.err" >&2; exit 1; }
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews both apps)"
echo "== cold start to the first drawn frame, $runs runs each (+1 warm-up each), alternating =="
one dossier > /dev/null; one gte > /dev/null
: > "$work/dossier.ms"; : > "$work/gte.ms"
r=1
while [ $r -le "$runs" ]; do
  if [ $((r % 2)) = 1 ]; then order="dossier gte"; else order="gte dossier"; fi
  for a in $order; do
    set -- $(one $a)
    echo "$2" >> "$work/$a.ms"
    printf 'run %2d %-8s mapped %7.1f ms  first frame %7.1f ms  (%s)\n' $r $a "$1" "$2" "$3"
  done
  r=$((r + 1))
done
# median, quartiles, min and max of one number a line
stats () {
  sort -n "$1" | awk '{ v[NR] = $1 }
    function q(p,  i, f) { i = 1 + (NR - 1) * p; f = int(i); return v[f] + (i - f) * (v[f + (f < NR)] - v[f]) }
    END { printf "median %7.1f ms  quartiles %7.1f–%7.1f  min %7.1f  max %7.1f  (n=%d)\n",
                 q(0.5), q(0.25), q(0.75), v[1], v[NR], NR }'
}
printf 'dossier (500 clients):  '; stats "$work/dossier.ms"
printf 'gnome-text-editor:      '; stats "$work/gte.ms"
median () { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
md=$(median "$work/dossier.ms"); mg=$(median "$work/gte.ms")
awk -v d="$md" -v g="$mg" 'BEGIN { printf "dossier / gnome-text-editor (medians): %.2f: %s\n", d / g,
  d <= g ? "no slower, goal met" : "SLOWER, goal not met" }'

# --- part 2: does a keystroke wait for the check or the autosave? -----------------------
# One client opened from the 500 in its wizard; its "Family name" field (found over
# AT-SPI) is reached from the keyboard (Tab to the "About you" step, Return, Tab to the
# field, each checked over AT-SPI), its text selected, and $nkeys lowercase
# characters are typed through XTEST one every $delay ms on a fixed schedule. For each
# key: time from sending it to GTK's object:text-changed:insert event carrying it (emitted
# in the key handler on the app's main thread), so a key that had to wait behind the
# check or the autosave on the main thread shows it. Each keystroke starts a check and
# the autosave writes once a second while typing goes on. At the end the autosaved file
# must hold the typed name.
cat > "$work/keys.py" <<'PYEOF'
# keys.py TEXT DELAY_MS FIELD_LABEL OUT: types TEXT into the accessible text field named
# FIELD_LABEL of the application "dossier" through XTEST, one key every DELAY_MS on a
# fixed schedule (a typist does not wait for the screen), and records, for every key,
# the time from sending it to the AT-SPI object:text-changed:insert event that carries
# its character (emitted by GTK in the key handler, on the app's main thread).
import ctypes, sys, time
import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib

text, delay, label, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
appname = sys.argv[7]
x11 = ctypes.CDLL('libX11.so.6')
xtst = ctypes.CDLL('libXtst.so.6')
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
x11.XStringToKeysym.restype = ctypes.c_ulong
x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
x11.XFlush.argtypes = [ctypes.c_void_p]
xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_ulong]
xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
dpy = x11.XOpenDisplay(None)

def find(node, depth=0):
    if node is None or depth > 60:
        return None
    try:
        role = node.get_role()
        if role in (Atspi.Role.ENTRY, Atspi.Role.TEXT) and (
                (node.get_name() or '').startswith(label) if label
                else node.get_state_set().contains(Atspi.StateType.FOCUSED)):
            return node
        for i in range(node.get_child_count()):
            r = find(node.get_child_at_index(i), depth + 1)
            if r:
                return r
    except GLib.Error:
        pass
    return None

field = None
deadline = time.monotonic() + 60
while field is None and time.monotonic() < deadline:
    desk = Atspi.get_desktop(0)
    for i in range(desk.get_child_count()):
        app = desk.get_child_at_index(i)
        if app is not None and appname in (app.get_name() or '').lower():
            field = find(app)
    if field is None:
        time.sleep(0.5)
if field is None:
    sys.exit('keys.py: no field named %r found over AT-SPI' % label)

# Focus the field from the keyboard, as a person would: the pointer rests on the window
# (no window manager: the focus follows the pointer), then Tab until the field says it
# is focused. (GTK 4.8 reports no usable extents over AT-SPI, nor grabs focus for it.)
wx, wy = [int(v) for v in sys.argv[5:7]]
xtst.XTestFakeMotionEvent(dpy, -1, wx + 5, wy + 300, 0)
x11.XFlush(dpy)
time.sleep(0.3)
tab = x11.XKeysymToKeycode(dpy, x11.XStringToKeysym(b'Tab'))
ret = x11.XKeysymToKeycode(dpy, x11.XStringToKeysym(b'Return'))

def press(code):
    xtst.XTestFakeKeyEvent(dpy, code, 1, 0)
    xtst.XTestFakeKeyEvent(dpy, code, 0, 0)
    x11.XFlush(dpy)
    time.sleep(0.15)

def tab_to(node):
    for _ in range(120):
        if node.get_state_set().contains(Atspi.StateType.FOCUSED):
            return
        press(tab)
    sys.exit('keys.py: Tab never reached %r' % node.get_name())

# The wizard opens on its first step: Tab to the step that holds the field, Return.
page = field
while page is not None and page.get_role() != Atspi.Role.APPLICATION:
    page = page.get_parent()
    if page is not None and page.get_role() == Atspi.Role.PANEL and page.get_name():
        break
step = None
if page is not None:
    app = field
    while app.get_role() != Atspi.Role.APPLICATION:
        app = app.get_parent()
    def is_step(n):
        return n.get_role() == Atspi.Role.LIST_ITEM and n.get_name() == page.get_name()
    def find_any(n, depth=0):
        if n is None or depth > 60:
            return None
        if is_step(n):
            return n
        for i in range(n.get_child_count()):
            r = find_any(n.get_child_at_index(i), depth + 1)
            if r:
                return r
    step = find_any(app)
if step is not None:
    tab_to(step)
    press(ret)
    time.sleep(0.5)
tab_to(field)
# Select all of it: the first key replaces it, so that offsets start at 0.
ctrl = x11.XKeysymToKeycode(dpy, x11.XStringToKeysym(b'Control_L'))
akey = x11.XKeysymToKeycode(dpy, x11.XStringToKeysym(b'a'))
for code, down in ((ctrl, 1), (akey, 1), (akey, 0), (ctrl, 0)):
    xtst.XTestFakeKeyEvent(dpy, code, down, 0)
x11.XFlush(dpy)
time.sleep(0.5)

codes = []
for ch in text:
    name = b'space' if ch == ' ' else ch.encode()
    codes.append(x11.XKeysymToKeycode(dpy, x11.XStringToKeysym(name)))

sent = [None] * len(text)
got = [None] * len(text)
loop = GLib.MainLoop()

def on_insert(event):
    t = time.monotonic()
    inserted = event.any_data if isinstance(event.any_data, str) else ''
    for j in range(len(inserted)):
        k = event.detail1 + j
        if 0 <= k < len(text) and got[k] is None and sent[k] is not None:
            got[k] = t
    if all(g is not None for g in got):
        loop.quit()

listener = Atspi.EventListener.new(on_insert)
listener.register('object:text-changed:insert')
state = {'k': 0, 't0': None}

def tick():
    k = state['k']
    if k >= len(text):
        return False
    now = time.monotonic()
    if state['t0'] is None:
        state['t0'] = now
    due = state['t0'] + k * delay / 1000.0
    if now >= due:
        sent[k] = time.monotonic()
        xtst.XTestFakeKeyEvent(dpy, codes[k], 1, 0)
        xtst.XTestFakeKeyEvent(dpy, codes[k], 0, 0)
        x11.XFlush(dpy)
        state['k'] = k + 1
    return True

GLib.timeout_add(1, tick)
GLib.timeout_add_seconds(len(text) * delay // 1000 + 20, loop.quit)
loop.run()
with open(out, 'w') as f:
    for k in range(len(text)):
        if got[k] is not None:
            f.write('%.2f\n' % ((got[k] - sent[k]) * 1000))
missing = sum(1 for g in got if g is None)
print('keys sent %d, echoed %d, missing %d' % (len(text), len(text) - missing, missing))
PYEOF
typed=$(awk -v n="$nkeys" 'BEGIN { srand(7); s = ""; while (length(s) < n) { s = s (rand() < 0.15 ? " " : sprintf("%c", 97 + int(rand() * 26))) }; gsub(/  +/, " ", s); while (length(s) < n) s = s "x"; print substr(s, 1, n) }' | sed 's/^ /a/; s/ $/z/')
# type_into APP CLASSNAME FIELD_LABEL FILE: FILE is the client (dossier) or the text file
# (gnome-text-editor, whose focused text view is typed into: the same measurement with no
# check and no autosave, its floor).
type_into () {
  a=$1; class=$2; label=$3; file=$4
  in_env $a $([ $a = dossier ] && echo "$app" || echo gnome-text-editor) "$file" > "$work/keys-$a.log" 2>&1 &
  app_pid=$!
  wid=$(timeout 60 xdotool search --sync --onlyvisible --classname "^$class\$" | head -n 1)
  [ -n "$wid" ] || { echo "startup.sh: no $a window" >&2; cat "$work/keys-$a.log" >&2; exit 1; }
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  sleep 2   # let the window settle: the first check has run
  /usr/bin/python3 "$work/keys.py" "$typed" "$delay" "$label" "$work/keys-$a.ms" "$X" "$Y" "$class" || true
  sleep 3   # Dossier's autosave delay is 1 s
  kill $app_pid 2> /dev/null || true; wait $app_pid 2> /dev/null || true
}
echo "== keystrokes: $nkeys characters, one every $delay ms, key sent to text-changed event =="
client=$(ls "$work/dossier/data/dossier/clients/"*.dossier | head -n 1)
type_into dossier dossier "Family name" "$client"
saved=$(sed -n 's|.*<family-name>\(.*\)</family-name>.*|\1|p' "$client")
cp "$work/note.txt" "$work/typing.txt"
type_into gte gnome-text-editor "" "$work/typing.txt"
for a in dossier gte; do
  [ $a = dossier ] && what="dossier, Family name:  " || what="gnome-text-editor text: "
  if [ -s "$work/keys-$a.ms" ]; then
    printf '%s' "$what"; stats "$work/keys-$a.ms"
    awk -v d="$delay" '$1 > d { n++ } END { printf "  keys that waited longer than the %d ms between keys: %d of %d\n", d, n + 0, NR }' "$work/keys-$a.ms"
  else
    echo "${what}not measured"
  fi
done
if [ "$saved" = "$typed" ]; then echo "autosaved file holds the typed name: yes"
else echo "autosaved file holds the typed name: NO (has \"$saved\")"; fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
