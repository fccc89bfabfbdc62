#!/usr/bin/env bash
# Builds the TEST product image from Debian's busybox-static: no registry needed.
# Usage: worker/test-image/build.sh [image-name]   (default vdi-test-desktop:latest)
set -euo pipefail
image="${1:-vdi-test-desktop:latest}"
here="$(cd "$(dirname "$0")" && pwd)"
busybox="$(command -v busybox || true)"
if [ -z "$busybox" ] || ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
  [ -x /bin/busybox ] && busybox=/bin/busybox
fi
if [ -z "$busybox" ]; then
  echo "busybox-static is missing: apt-get install -y busybox-static" >&2
  exit 1
fi
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/tmp" "$root/etc"
cp "$busybox" "$root/bin/busybox"
for tool in sh sleep echo cat ls ps nc wget hostname id env; do ln -s busybox "$root/bin/$tool"; done
cp "$here/entrypoint.sh" "$root/entrypoint.sh"
echo 'root:x:0:0:root:/:/bin/sh' > "$root/etc/passwd"
echo 'desktop:x:1000:1000:desktop:/tmp:/bin/sh' >> "$root/etc/passwd"
tar -C "$root" -c . | docker import --change 'ENTRYPOINT ["/entrypoint.sh"]' --change 'USER 1000' --change 'LABEL vdi.image=test' - "$image" >/dev/null
echo "built $image"
