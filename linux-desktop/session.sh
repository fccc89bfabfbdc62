#!/bin/bash
# The desktop session on display :1, run as the desktop's user: a plain background, the openbox
# window manager (right-click the desktop for its menu, Ctrl+Alt+T for a terminal) and the tint2
# panel (terminal and Firefox launchers, the task list, a clock). Either is started again if it
# exits; the session ends with the X server.
set -u
export DISPLAY=:1
mkdir -p "$HOME/.cache"

hsetroot -solid '#2e3440' >/dev/null 2>&1 || true

# The X server's socket is there while it runs.
display_up() { [ -S /tmp/.X11-unix/X1 ]; }

keep() {
  local name="$1"
  shift
  while display_up; do
    "$@" >>"$HOME/.cache/vdi-$name.log" 2>&1
    sleep 1
  done
}

keep openbox openbox &
keep tint2 tint2 &
wait
