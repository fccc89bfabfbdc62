#!/bin/sh
# One RDP connection: TPKT + X.224 Connection Confirm + RDP Negotiation Response (standard RDP
# security), i.e. what an RDP server first says; then the connection closes.
exec /bin/busybox printf '\003\000\000\023\016\320\000\000\022\064\000\002\000\010\000\000\000\000\000'
