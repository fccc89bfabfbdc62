#!/usr/bin/env bash
# rdp-login-check.sh HOST PORT USER PASSWORD
# Logs in to the Linux desktop's RDP door with Debian's FreeRDP (xfreerdp) on a private, headless
# X server (xvfb-run) and says whether the login succeeded: exit 0 when it did, non-zero with the
# reason on stderr when it was refused, the desktop is unreachable, or nothing came in time.
#
# What tells the two apart against this image (verified both ways): xrdp runs with
# require_credentials and hidelogwindow, so a refused user name or password ENDS the connection
# (xfreerdp exits, usually with 12, "logoff by user") and never shows a desktop; an accepted one
# shows the remote desktop. Until then the client's screen is xrdp's blank one (black, plus the
# pointer in black and white); when a login passes but its session cannot be reached, xrdp shows
# its login dialog on a plum background (#4a0e3c, set in xrdp.ini). So "logged in" means: while
# the connection stays up, the client's screen shows colours other than black and white, and not
# that plum, the same in two consecutive looks (so it has also finished painting). The client's framebuffer is read from the private X
# server's -fbdir file (XWD format); the X server is larger than any desktop size this image
# uses, since xrdp resizes the client to the desktop's size. The password reaches xfreerdp on its
# standard input, never on a command line.
#
# RDP_CHECK_TIMEOUT_SEC (default 45) bounds the whole check. RDP_CHECK_PIXEL=X,Y also prints the
# colour of that desktop pixel, as seen by the RDP client, once logged in ("pixel X,Y rgb(R,G,B)").
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 HOST PORT USER PASSWORD" >&2
  exit 2
fi
host="$1" port="$2" user="$3" password="$4"
timeout_sec="${RDP_CHECK_TIMEOUT_SEC:-45}"
for tool in xfreerdp xvfb-run xauth od; do
  command -v "$tool" >/dev/null 2>&1 || { echo "rdp-login-check: $tool is missing (apt-get install freerdp2-x11 xvfb xauth)" >&2; exit 3; }
done

work="$(mktemp -d)"
client=""
cleanup() {
  [ -z "$client" ] || kill -TERM -- "-$client" 2>/dev/null || true
  [ -z "$client" ] || wait "$client" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The private screen; the client asks for 1024x768 and xrdp resizes it to the desktop's size.
screen_w=1920 screen_h=1200
# setsid: the client and its X server get their own process group, so the cleanup stops both.
printf '%s\n' "$password" | setsid xvfb-run -a -s "-screen 0 ${screen_w}x${screen_h}x24 -fbdir $work -nolisten tcp" \
  xfreerdp "/v:$host:$port" "/u:$user" /from-stdin:force /cert:ignore /size:1024x768 /bpp:24 \
  -clipboard /audio-mode:2 /log-level:ERROR >"$work/client.log" 2>&1 &
client=$!

fb="$work/Xvfb_screen0"
# The XWD header: its size, bytes per line and colour-map entries give where pixels start.
fb_layout() {
  local header
  read -r -a header <<<"$(od -An -tu4 --endian=big -N 80 "$fb" 2>/dev/null | tr -s ' \n' '  ')"
  [ "${#header[@]}" -ge 20 ] || return 1
  fb_off=$((header[0] + header[19] * 12))
  fb_bpl=${header[12]}
}
# What the client shows, from 16 rows across its screen (rows that miss the pointer's starting
# place in the middle): "xrdp" (its login dialog's plum), "desktop" (other colours than black and
# white) or "blank".
# "desktop" is followed by a checksum of those rows, so that two looks can tell a settled screen
# from one still being painted.
screen() {
  local y rows=""
  [ -s "$fb" ] && fb_layout || { echo blank; return; }
  for ((y = screen_h / 32; y < screen_h; y += screen_h / 16)); do
    rows+="$(od -An -tx4 -v -w4 -j $((fb_off + y * fb_bpl)) -N "$fb_bpl" "$fb" 2>/dev/null | tr -d ' ')"$'\n'
  done
  if grep -qE '^(00|ff)?4a0e3c$' <<<"$rows"; then
    echo xrdp
  elif grep -qvE '^((00|ff)?(000000|ffffff))?$' <<<"$rows"; then
    echo "desktop $(cksum <<<"$rows" | cut -d' ' -f1)"
  else
    echo blank
  fi
}
# The colour at X,Y (pixels are 32-bit little-endian: blue, green, red, unused).
pixel() {
  local b g r
  fb_layout
  read -r b g r _ <<<"$(od -An -tu1 -N4 -j $((fb_off + $2 * fb_bpl + $1 * 4)) "$fb")"
  echo "pixel $1,$2 rgb($r,$g,$b)"
}

deadline=$((SECONDS + timeout_sec))
last=""
xrdp_seen=0
while [ "$SECONDS" -lt "$deadline" ]; do
  if ! kill -0 "$client" 2>/dev/null; then
    set +e
    wait "$client"
    status=$?
    set -e
    client=""
    case "$status" in
      2 | 12) reason="the server ended the login: user name or password refused" ;;
      131 | 147) reason="cannot connect to $host:$port" ;;
      132 | 134) reason="authentication failed" ;;
      *) reason="the RDP client ended with status $status: $(grep -v '^\s*$' "$work/client.log" | tail -2 | tr '\n' ' ')" ;;
    esac
    echo "rdp-login-check: refused or unreachable ($host:$port as $user): $reason" >&2
    exit 1
  fi
  now="$(screen)"
  case "$now" in
    desktop*)
      xrdp_seen=0
      # The same desktop picture twice in a row: logged in, and the screen has settled.
      if [ "$now" = "$last" ]; then
        echo "rdp-login-check: logged in to $host:$port as $user"
        [ -z "${RDP_CHECK_PIXEL:-}" ] || pixel "${RDP_CHECK_PIXEL%,*}" "${RDP_CHECK_PIXEL#*,}"
        exit 0
      fi
      ;;
    xrdp)
      xrdp_seen=$((xrdp_seen + 1))
      if [ "$xrdp_seen" -ge 2 ]; then
        echo "rdp-login-check: refused ($host:$port as $user): xrdp shows its login dialog, the desktop session could not be reached" >&2
        exit 1
      fi
      ;;
    *) xrdp_seen=0 ;;
  esac
  last="$now"
  sleep 0.5
done
echo "rdp-login-check: no desktop within ${timeout_sec}s ($host:$port as $user)" >&2
exit 1
