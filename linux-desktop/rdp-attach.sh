#!/bin/bash
# Started by xrdp-sesman, as the user, in place of an X server, once PAM has accepted the user name
# and the WHOLE password of an RDP login. Instead of a new desktop it serves the running one
# (display :1) to xrdp: TigerVNC's X0tigervnc on 127.0.0.1, port 5900+N, with the one-login VNC
# password sesman wrote for xrdp (-rfbauth). sesman calls it as
#   vdi-rdp-attach :N -auth FILE -geometry WxH -depth D -rfbauth FILE [more]
# and takes /tmp/.XN-lock as the sign that "the X server" of display :N is up.
set -u
display="${1:?display}"
shift
n="${display#:}"
[[ "$n" =~ ^[0-9]+$ ]] || { echo "vdi-rdp-attach: bad display $display" >&2; exit 1; }
rfbauth=""
while [ $# -gt 0 ]; do
  case "$1" in
    -rfbauth) rfbauth="${2:-}"; shift 2 ;;
    *) shift ;;
  esac
done
[ -r "$rfbauth" ] || { echo "vdi-rdp-attach: no VNC password file from sesman" >&2; exit 1; }

lock="/tmp/.X${n}-lock"
X0tigervnc -display :1 -rfbport "$((5900 + n))" -localhost -SecurityTypes VncAuth -rfbauth "$rfbauth" \
  -AlwaysShared -AcceptSetDesktopSize=0 -desktop "RDP to :1" >>"$HOME/.cache/vdi-rdp-attach.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$lock"' EXIT
trap 'exit 0' TERM INT HUP
printf '%10d\n' "$$" >"$lock"
wait "$server"
