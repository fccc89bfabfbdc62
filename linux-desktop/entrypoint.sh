#!/bin/bash
# Starts the VPS Linux desktop: the user VDI_USERNAME with password VDI_PASSWORD (sudo only when
# VDI_SUDO=true), the X display :1 served by TigerVNC's Xvnc on port 5901 (VNC password: the first
# 8 characters of VDI_PASSWORD, classic VNC auth), the desktop session on it, and xrdp on port 3389,
# which checks the whole password with PAM before attaching the RDP client to that same display.
# Prints one progress line per step; exits non-zero with a reason when a step fails or a service
# dies; stops everything on SIGTERM.
set -euo pipefail

log() { echo "linux-desktop: $*"; }
fail() {
  echo "linux-desktop: FAILED: $*"
  stop_all
  exit 1
}

pids=()
stopping=false
# Whether something listens on a TCP port (read from /proc: a probe connection would only fill
# xrdp's logs with errors).
listening() {
  local hex
  hex="$(printf '%04X' "$1")"
  grep -qE "^ *[0-9]+: [0-9A-F]+:$hex [0-9A-F]+:0000 0A" /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
wait_listening() {
  for _ in $(seq 1 200); do
    listening "$1" && return 0
    sleep 0.05
  done
  return 1
}
# Whether a child still runs (and is not a zombie yet).
running() { [ -e "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
stop_all() {
  stopping=true
  [ ${#pids[@]} -gt 0 ] || return 0
  signal_all -TERM
  for _ in $(seq 1 40); do
    alive=false
    for p in "${pids[@]}"; do running "$p" && alive=true; done
    $alive || return 0
    sleep 0.1
  done
  signal_all -KILL
}
signal_all() { kill "$1" "${pids[@]}" 2>/dev/null || true; }
on_term() {
  log "stopping (signal received)"
  stop_all
  log "stopped"
  exit 0
}
trap on_term TERM INT

[ -n "${VDI_USERNAME:-}" ] || fail "VDI_USERNAME is required"
[ -n "${VDI_PASSWORD:-}" ] || fail "VDI_PASSWORD is required"
user="$VDI_USERNAME"
password="$VDI_PASSWORD"
unset VDI_PASSWORD
geometry="${VDI_SCREEN_GEOMETRY:-1280x800}"

[[ "$user" =~ ^[A-Za-z_][A-Za-z0-9_-]{0,31}$ ]] || fail "VDI_USERNAME '$user' is not a valid login name (letters, digits, _ and -, at most 32; Administrator is fine)"
[[ "$password" != *$'\n'* && "$password" != *$'\r'* ]] || fail "VDI_PASSWORD must be one line"
[[ "$geometry" =~ ^[0-9]{3,4}x[0-9]{3,4}$ ]] || fail "VDI_SCREEN_GEOMETRY '$geometry' is not WIDTHxHEIGHT"
log "session ${VDI_SESSION_ID:-(none)}: starting the desktop of $user"

# --- the user -------------------------------------------------------------------------------
if existing_uid="$(id -u "$user" 2>/dev/null)"; then
  [ "$existing_uid" -ge 1000 ] || fail "VDI_USERNAME '$user' is a system account (uid $existing_uid)"
  log "user $user exists (uid $existing_uid); updating its password"
else
  uid_opt=()
  getent passwd 1000 >/dev/null || uid_opt=(--uid 1000)
  # The home is made here rather than by useradd --create-home, whose copy of /etc/skel needs
  # more capabilities than this container has; its files are written as the user.
  useradd --no-create-home --home-dir "/home/$user" --shell /bin/bash "${uid_opt[@]}" "$user" || fail "cannot create user $user"
  log "created user $user (uid $(id -u "$user"))"
fi
printf '%s:%s\n' "$user" "$password" | chpasswd || fail "cannot set the password of $user"
uid="$(id -u "$user")"
gid="$(id -g "$user")"
home="$(getent passwd "$user" | cut -d: -f6)"
if [ ! -d "$home" ]; then
  mkdir -m 0750 -p "$home" && chown "$uid:$gid" "$home" || fail "cannot make the home folder $home"
  fresh_home=true
else
  fresh_home=false
fi

if [ "${VDI_SUDO:-false}" = true ]; then
  usermod -aG sudo "$user"
  chmod 4755 /usr/bin/sudo
  log "sudo: allowed for $user (with the password)"
else
  gpasswd -d "$user" sudo >/dev/null 2>&1 || true
  chmod 0755 /usr/bin/sudo
  log "sudo: not allowed"
fi

# Runs a program as the user, with a clean environment (an array, so a background job's $! is the program).
as_user_cmd=(setpriv --reuid="$uid" --regid="$gid" --init-groups env -i HOME="$home" USER="$user" LOGNAME="$user" SHELL=/bin/bash
  PATH=/usr/local/bin:/usr/bin:/bin LANG="${LANG:-C.UTF-8}")
as_user() { "${as_user_cmd[@]}" "$@"; }

# --- the display ----------------------------------------------------------------------------
$fresh_home && { as_user cp -rT /etc/skel "$home" || fail "cannot fill the home folder $home"; }
printf '%s\n' "$password" | as_user bash -c 'umask 077 && mkdir -p ~/.vnc ~/.cache && vncpasswd -f >~/.vnc/passwd' \
  || fail "cannot write the VNC password"
# X access needs the cookie in ~/.Xauthority: only the user's programs reach the display.
as_user bash -c 'umask 077 && : >~/.Xauthority && xauth -q -f ~/.Xauthority add :1 . "$(mcookie)"' || fail "cannot write the X authority file"
# Leftovers of an earlier run of this container (docker restart) go first; the user's own (X locks
# and sockets, xrdp's pid file and channel sockets) as the user, since root here may not delete
# another user's files in a sticky folder, nor write over them.
as_user rm -f /tmp/.X*-lock /tmp/.X11-unix/X* /run/xrdp/xrdp.pid /run/xrdp/sockdir/* 2>/dev/null || true
rm -f /run/xrdp/*.pid /var/log/xrdp/xrdp.log /etc/xrdp/key.pem /etc/xrdp/cert.pem /etc/xrdp/rsakeys.ini
mkdir -p /tmp/.X11-unix && chmod 1777 /tmp/.X11-unix

"${as_user_cmd[@]}" Xvnc :1 -rfbport 5901 -geometry "$geometry" -depth 24 -dpi 96 -SecurityTypes VncAuth -rfbauth "$home/.vnc/passwd" \
  -auth "$home/.Xauthority" -AlwaysShared -AcceptSetDesktopSize=0 -localhost=0 -nolisten tcp -desktop "$user's desktop" >/var/log/vdi-xvnc.log 2>&1 &
xvnc_pid=$!
pids+=("$xvnc_pid")
for _ in $(seq 1 100); do
  [ -S /tmp/.X11-unix/X1 ] && break
  running "$xvnc_pid" || fail "Xvnc exited: $(tail -3 /var/log/vdi-xvnc.log | tr '\n' ' ')"
  sleep 0.05
done
[ -S /tmp/.X11-unix/X1 ] || fail "Xvnc did not open display :1 within 5 s"
log "display :1 ready ($geometry), VNC on port 5901"

"${as_user_cmd[@]}" DISPLAY=:1 XAUTHORITY="$home/.Xauthority" /usr/local/bin/vdi-desktop-session >/dev/null 2>&1 &
pids+=($!)
log "desktop session started (openbox, tint2 panel, terminal and Firefox in the menu)"

# --- RDP ------------------------------------------------------------------------------------
# xrdp itself runs as the user: it needs no privilege (port 3389 > 1024) and so reaches the
# clipboard channel's sockets, which are the user's. Only xrdp-sesman (the PAM check, and starting
# an RDP login's attachment as the user) runs as root.
mkdir -p /var/log/xrdp /run/xrdp/sockdir && chmod 1777 /run/xrdp /run/xrdp/sockdir
: >/var/log/xrdp/xrdp.log && chown "$uid:$gid" /var/log/xrdp/xrdp.log
# A fresh TLS certificate and RDP key pair per container: no two desktops share a private key.
(umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$(hostname)" \
  -keyout /etc/xrdp/key.pem -out /etc/xrdp/cert.pem >/dev/null 2>&1) || fail "cannot make the TLS certificate"
(umask 077 && xrdp-keygen xrdp /etc/xrdp/rsakeys.ini >/dev/null 2>&1) || fail "cannot make the RDP keys"
chown "$uid:$gid" /etc/xrdp/key.pem /etc/xrdp/cert.pem /etc/xrdp/rsakeys.ini

xrdp-sesman --nodaemon >/dev/null 2>&1 &
pids+=($!)
wait_listening 3350 || fail "xrdp-sesman is not listening on 127.0.0.1:3350: $(tail -3 /var/log/xrdp/xrdp-sesman.log | tr '\n' ' ')"
log "password check (xrdp-sesman, PAM) ready"

"${as_user_cmd[@]}" /usr/sbin/xrdp --nodaemon >/dev/null 2>&1 &
pids+=($!)
wait_listening 3389 || fail "xrdp is not listening on port 3389: $(tail -3 /var/log/xrdp/xrdp.log | tr '\n' ' ')"
log "RDP-READY port 3389: log in with an RDP client as $user"

# Any service ending ends the desktop (the worker sees the container stop and reports it).
set +e
wait -n "${pids[@]}"
status=$?
$stopping && exit 0
names=(Xvnc session xrdp-sesman xrdp)
for i in "${!pids[@]}"; do
  running "${pids[$i]}" || fail "${names[$i]} exited (status $status)"
done
fail "a service exited (status $status)"
