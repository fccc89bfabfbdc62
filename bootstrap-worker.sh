#!/usr/bin/env bash
# ./bootstrap-worker.sh up|down|status|logs — the worker agent of this machine as a systemd
# service (vdi-worker), started through deploy/worker-node/start.sh (the exam centre's commands).
set -euo pipefail
repo="$(cd "$(dirname "$0")" && pwd)"
unit=/etc/systemd/system/vdi-worker.service

case "${1:-}" in
  up)
    [ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
    cat > "$unit" <<UNIT
[Unit]
Description=VDI Portal worker agent
After=network-online.target docker.service
Wants=docker.service

[Service]
ExecStart=$repo/deploy/worker-node/start.sh
Restart=always
RestartSec=5
KillSignal=SIGTERM

[Install]
WantedBy=multi-user.target
UNIT
    systemctl daemon-reload
    systemctl enable --now vdi-worker
    systemctl --no-pager status vdi-worker | head -5
    ;;
  down)
    systemctl disable --now vdi-worker
    echo "worker stopped (desktops keep running until the control plane stops them)"
    ;;
  status)
    systemctl --no-pager status vdi-worker | head -10
    ;;
  logs)
    journalctl -u vdi-worker -f --no-pager
    ;;
  *)
    echo "usage: $0 up|down|status|logs" >&2
    exit 2
    ;;
esac
