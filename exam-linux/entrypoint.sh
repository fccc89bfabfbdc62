#!/bin/bash
# Starts the exam desktop: Xvnc on :1 (port 5901) with the session's password, openbox, and
# Chromium in kiosk mode on EXAM_BROWSER_URL, restarted if the candidate manages to close it.
# The URL allowlist is Chromium's managed policy (/etc/chromium/policies/managed/exam.json), which
# the worker writes per session; the candidate cannot change it.
set -euo pipefail

geometry="${EXAM_SCREEN_GEOMETRY:-1280x800}"

# Chromium's own sandbox needs user namespaces, which the container's seccomp profile refuses;
# the container (no capabilities, no-new-privileges, its own network) is the sandbox.
# Nothing in the background: no component or Safe Browsing updates, sync, metrics or pings (the
# egress rules drop them anyway); thirty idle kiosks share one machine while they wait.
# The browser runs at a lower priority than the display: starting, it takes all the CPU the
# container may use for a second or more, and the candidate's viewer, logging in to Xvnc in that
# second, would wait for it (its login and first screen took 110-130 ms instead of 30-80).
kiosk_browser=(nice -n 10 chromium --kiosk --no-first-run --no-default-browser-check --noerrdialogs --disable-infobars
  --disable-translate --disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication --no-sandbox
  --disable-background-networking --disable-component-update --disable-sync --disable-default-apps
  --disable-domain-reliability --disable-client-side-phishing-detection --metrics-recording-only --no-pings
  --disable-breakpad --password-store=basic
  --user-data-dir="$HOME/.chromium" --window-position=0,0 --window-size="${geometry/x/,}")

# `exam-desktop prepare-profile`, once when the image is built: the kiosk browser starts once on a
# blank page and quits cleanly, so each desktop starts it with its profile and font caches already
# made (a first start makes them: about 0.4 s of the container's CPU, while the candidate's viewer
# logs in). The profile holds no session's data: each desktop gets its own copy of the image's.
if [ "${1:-}" = prepare-profile ]; then
  Xvnc :9 -geometry "$geometry" -depth 24 -SecurityTypes None -localhost=1 >/dev/null 2>&1 &
  xvnc=$!
  export DISPLAY=:9
  for _ in $(seq 1 100); do
    [ -e /tmp/.X11-unix/X9 ] && break
    sleep 0.05
  done
  # nice execs the browser: $! is the browser itself, which quits cleanly on SIGTERM.
  "${kiosk_browser[@]}" about:blank >/dev/null 2>&1 &
  browser=$!
  prefs="$HOME/.chromium/Default/Preferences"
  for _ in $(seq 1 300); do
    [ -s "$prefs" ] && break
    sleep 0.1
  done
  sleep 2
  kill -TERM "$browser"
  wait "$browser" || true
  kill -TERM "$xvnc"
  wait "$xvnc" || true
  rm -f "$HOME"/.chromium/Singleton* /tmp/.X9-lock /tmp/.X11-unix/X9
  # A profile whose browser crashed would greet the candidate with "restore pages?" (SIGTERM ends
  # it as "SessionEnded", which Chromium does not count as a crash).
  grep -Eq '"exit_type":"(Normal|SessionEnded)"' "$prefs" || { echo "the kiosk browser did not make a clean profile" >&2; exit 1; }
  echo "kiosk browser profile prepared ($(du -sh "$HOME/.chromium" | cut -f1))"
  exit 0
fi

: "${EXAM_BROWSER_URL:?EXAM_BROWSER_URL is required}"
: "${VNC_PASSWORD:?VNC_PASSWORD is required}"

mkdir -p "$HOME/.vnc"
umask 077
printf '%s\n' "$VNC_PASSWORD" | vncpasswd -f > "$HOME/.vnc/passwd"
unset VNC_PASSWORD

Xvnc :1 -rfbport 5901 -geometry "$geometry" -depth 24 -SecurityTypes VncAuth -rfbauth "$HOME/.vnc/passwd" \
  -AlwaysShared -AcceptSetDesktopSize=0 -localhost=0 >/tmp/xvnc.log 2>&1 &
export DISPLAY=:1
for _ in $(seq 1 100); do
  [ -e /tmp/.X11-unix/X1 ] && break
  sleep 0.05
done
echo "VNC-READY port 5901"

openbox >/tmp/openbox.log 2>&1 &

while true; do
  "${kiosk_browser[@]}" "$EXAM_BROWSER_URL" >/tmp/chromium.log 2>&1 || true
  echo "kiosk browser exited; starting it again"
  sleep 1
done
