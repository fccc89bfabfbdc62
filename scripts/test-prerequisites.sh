#!/usr/bin/env bash
# Installs what the test suites need from Debian's packages when it is missing: Chromium for the
# browser suites. Everything else comes from npm. Fails loudly when it cannot install.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)

if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "test prerequisites missing: ${need[*]} (install them with apt-get as root)" >&2
  exit 1
fi
echo "installing test prerequisites: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
