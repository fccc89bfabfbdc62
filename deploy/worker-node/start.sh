#!/usr/bin/env bash
# Starts this machine's worker agent: builds the exam desktop image when it is missing
# (FORCE_REBUILD_EXAM_IMAGE=true rebuilds it, e.g. after changing EXAM_ALLOWED_*), then runs the
# agent with deploy/worker-node/.env.worker. Run as root (Docker and iptables).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
env_file="${WORKER_ENV_FILE:-$here/.env.worker}"
[ -f "$env_file" ] || { echo "missing $env_file: cp $here/.env.worker.example $env_file and fill it in" >&2; exit 1; }

# The image settings from the env file (the environment wins).
get() { grep -E "^$1=" "$env_file" | tail -1 | cut -d= -f2- || true; }
export EXAM_IMAGE_NAME="${EXAM_IMAGE_NAME:-$(get EXAM_IMAGE_NAME)}"
export EXAM_VM_USERNAME="${EXAM_VM_USERNAME:-$(get EXAM_VM_USERNAME)}"
export FORCE_REBUILD_EXAM_IMAGE="${FORCE_REBUILD_EXAM_IMAGE:-false}"
context="${EXAM_IMAGE_CONTEXT:-$(get EXAM_IMAGE_CONTEXT)}"
case "${context:-}" in ''|./exam-linux) context="$repo/exam-linux" ;; esac
[ -n "$EXAM_IMAGE_NAME" ] || export EXAM_IMAGE_NAME=sot-exam-linux:latest
[ -n "$EXAM_VM_USERNAME" ] || export EXAM_VM_USERNAME=student

docker info >/dev/null 2>&1 || { echo "no Docker Engine answers: install and start it (apt-get install docker.io)" >&2; exit 1; }
"$context/build.sh"

cd "$repo"
[ -d node_modules ] || npm ci
exec npm run worker -- --env-file "$env_file"
