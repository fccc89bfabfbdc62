#!/usr/bin/env bash
# Builds the exam desktop image EXAM_IMAGE_NAME (default sot-exam-linux:latest) when it is missing,
# when it was built from other exam-linux/ files than these (its vdi.exam-context label), or again
# with FORCE_REBUILD_EXAM_IMAGE=true. The base is BASE_IMAGE (default
# debian:bookworm-slim); when it cannot be pulled (offline machines, CI) a Debian bookworm base is
# made with debootstrap and imported, and the script says so.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image="${EXAM_IMAGE_NAME:-sot-exam-linux:latest}"
base="${BASE_IMAGE:-debian:bookworm-slim}"
user="${EXAM_VM_USERNAME:-student}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# One build at a time on this machine (the worker and start.sh may both ask for it).
exec 9>"${TMPDIR:-/tmp}/vdi-exam-image-build.lock"
flock 9

# What the image is made from: every file here but this script and the README, and the account name.
context="$(cd "$here" && find . -type f ! -name build.sh ! -name README.md -print0 | sort -z | xargs -0 sha256sum | { cat; echo "user=$user"; } | sha256sum | cut -c1-16)"

if docker image inspect "$image" >/dev/null 2>&1 && [ "${FORCE_REBUILD_EXAM_IMAGE:-false}" != true ]; then
  built_from="$(docker image inspect -f '{{ index .Config.Labels "vdi.exam-context" }}' "$image" 2>/dev/null || true)"
  if [ "$built_from" = "$context" ]; then
    echo "exam image $image is present (FORCE_REBUILD_EXAM_IMAGE=true rebuilds it)"
    exit 0
  fi
  echo "exam image $image was built from other exam-linux/ files; rebuilding it"
fi

if ! docker image inspect "$base" >/dev/null 2>&1; then
  echo "pulling base image $base"
  if ! docker pull "$base" >/dev/null 2>&1; then
    local_base="vdi-debian-base:bookworm"
    echo "cannot pull $base; using a Debian bookworm base made with debootstrap ($local_base)"
    if ! docker image inspect "$local_base" >/dev/null 2>&1; then
      command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
      root="$(mktemp -d)"
      trap 'rm -rf "$root"' EXIT
      echo "debootstrap --variant=minbase bookworm from $mirror (about 30 s)"
      debootstrap --variant=minbase bookworm "$root" "$mirror" >/tmp/vdi-debootstrap.log 2>&1 \
        || { echo "debootstrap failed; see /tmp/vdi-debootstrap.log" >&2; exit 1; }
      rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
      tar -C "$root" -c . | docker import --change 'CMD ["/bin/bash"]' - "$local_base" >/dev/null
      echo "imported $local_base"
    fi
    base="$local_base"
  fi
fi

echo "building $image from $base"
log="$(mktemp)"
set +e
# Progress: the build steps and the big packages as they are set up; the whole log on failure.
docker build --build-arg BASE_IMAGE="$base" --build-arg EXAM_VM_USERNAME="$user" --label "vdi.exam-context=$context" -t "$image" "$here" 2>&1 \
  | tee "$log" | grep --line-buffered -E '^Step [0-9]+/|Setting up (chromium|tigervnc-standalone-server|openbox) '
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
