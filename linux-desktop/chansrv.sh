#!/bin/bash
# xrdp's channel server (the clipboard between an RDP client and the desktop), started by
# xrdp-sesman for an RDP login with DISPLAY=:N, the login's attachment, which has no X server.
# It runs on the desktop, display :1, instead; xrdp finds its sockets under the :N names.
set -u
n="${DISPLAY#*:}"
n="${n%%.*}"
sockdir=/run/xrdp/sockdir
links=("$sockdir/xrdp_chansrv_socket_$n" "$sockdir/xrdpapi_$n")
DISPLAY=:1 /usr/sbin/xrdp-chansrv.real "$@" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "${links[@]}"' EXIT
trap 'exit 0' TERM INT HUP
for _ in $(seq 1 100); do
  [ -S "$sockdir/xrdp_chansrv_socket_1" ] && break
  sleep 0.05
done
ln -sfn "$sockdir/xrdp_chansrv_socket_1" "${links[0]}"
ln -sfn "$sockdir/xrdpapi_1" "${links[1]}"
wait "$server"
