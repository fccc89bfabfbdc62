#!/bin/sh
# The TEST desktop: says what a real VM would say in its log (a VPS's style), then stays up.
# VDI_USERNAME / VDI_PASSWORD come from the worker; VDI_READY_LINE is what the worker waits for.
user="${VDI_USERNAME:-test}"
pass="${VDI_PASSWORD:-test}"
echo "Provisioning test machine ${HOSTNAME}..."
echo "Login: ${user}"
echo "Password: ${pass}"
echo "${VDI_READY_LINE:-VDI-READY}"
trap 'echo "stopping"; exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
