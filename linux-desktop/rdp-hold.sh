#!/bin/bash
# The "window manager" xrdp-sesman starts for an RDP login. The real one already runs on display
# :1; this only keeps the login's session alive while its attachment (vdi-rdp-attach) serves.
n="${DISPLAY#*:}"
n="${n%%.*}"
while [ -e "/tmp/.X${n}-lock" ]; do sleep 2; done
