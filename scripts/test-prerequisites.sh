#!/usr/bin/env bash
# Installs and starts what the test suites need from Debian's packages when it is missing:
# Chromium (browser suites), a Docker Engine (worker suites), busybox-static (the TEST image),
# debootstrap (the exam image's base when no registry answers), iptables/iproute2 (egress suites)
# and FreeRDP with a headless X server (linux-desktop/rdp-login-check.sh: RDP logins in the suites).
# Everything else comes from npm. Fails loudly when it cannot: suites that need these never skip.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q 'statically linked' || need+=(busybox-static)
command -v file >/dev/null 2>&1 || need+=(file)
command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || need+=(debootstrap)
command -v iptables >/dev/null 2>&1 || [ -x /usr/sbin/iptables ] || need+=(iptables)
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || need+=(iproute2)
command -v xfreerdp >/dev/null 2>&1 || need+=(freerdp2-x11)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb)
command -v xauth >/dev/null 2>&1 || need+=(xauth)

as_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "test prerequisites: $1 (run this script as root, or install them yourself)" >&2
    exit 1
  fi
}

if [ ${#need[@]} -gt 0 ]; then
  as_root "missing ${need[*]}"
  echo "installing test prerequisites: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  as_root "no Docker Engine answers"
  echo "starting dockerd"
  setsid nohup dockerd >/var/log/vdi-test-dockerd.log 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; see /var/log/vdi-test-dockerd.log" >&2; exit 1; }
fi
