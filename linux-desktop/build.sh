#!/usr/bin/env bash
# Builds the VPS Linux desktop image VPS_LINUX_IMAGE (default vdi-linux-desktop:latest) when it is
# missing, or again with FORCE_REBUILD_LINUX_DESKTOP_IMAGE=true. The base is BASE_IMAGE (default
# debian:bookworm-slim); when it cannot be pulled (offline machines, CI) a Debian bookworm base is
# made with debootstrap and imported as vdi-debian-base:bookworm (reused when present, shared with
# exam-linux/build.sh), and the script says so.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image="${VPS_LINUX_IMAGE:-vdi-linux-desktop:latest}"
base="${BASE_IMAGE:-debian:bookworm-slim}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
local_base="vdi-debian-base:bookworm"

# One build at a time on this machine (the worker, tests and the benchmark may all ask for it).
exec 9>"${TMPDIR:-/tmp}/vdi-linux-desktop-image-build.lock"
flock 9

if docker image inspect "$image" >/dev/null 2>&1 && [ "${FORCE_REBUILD_LINUX_DESKTOP_IMAGE:-false}" != true ]; then
  echo "linux desktop image $image is present (FORCE_REBUILD_LINUX_DESKTOP_IMAGE=true rebuilds it)"
  exit 0
fi

# The debootstrap base, made once (under the exam image's lock too, so the two scripts never make it together).
make_local_base() {
  exec 8>"${TMPDIR:-/tmp}/vdi-exam-image-build.lock"
  flock 8
  if docker image inspect "$local_base" >/dev/null 2>&1; then
    exec 8>&-
    return 0
  fi
  command -v debootstrap >/dev/null || [ -x /usr/sbin/debootstrap ] || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
  root="$(mktemp -d)"
  trap 'rm -rf "$root"' EXIT
  echo "debootstrap --variant=minbase bookworm from $mirror (about 30 s)"
  PATH="$PATH:/usr/sbin" debootstrap --variant=minbase bookworm "$root" "$mirror" >/tmp/vdi-debootstrap.log 2>&1 \
    || { echo "debootstrap failed; see /tmp/vdi-debootstrap.log" >&2; exit 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import --change 'CMD ["/bin/bash"]' - "$local_base" >/dev/null
  rm -rf "$root"
  trap - EXIT
  exec 8>&-
  echo "imported $local_base"
}

if ! docker image inspect "$base" >/dev/null 2>&1; then
  echo "pulling base image $base"
  if ! docker pull "$base" >/dev/null 2>&1; then
    echo "cannot pull $base; using a Debian bookworm base made with debootstrap ($local_base)"
    make_local_base
    base="$local_base"
  fi
fi

echo "building $image from $base"
log="$(mktemp)"
set +e
# Progress: the build steps and the big packages as they are set up; the whole log on failure.
docker build --build-arg BASE_IMAGE="$base" -t "$image" "$here" 2>&1 \
  | tee "$log" | grep --line-buffered -E '^Step [0-9]+/|Setting up (firefox-esr|tigervnc-standalone-server|tigervnc-scraping-server|xrdp|openbox|tint2) '
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  tail -30 "$log" >&2
  rm -f "$log"
  echo "building $image failed" >&2
  exit 1
fi
rm -f "$log"
echo "built $image"
