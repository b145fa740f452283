#!/usr/bin/env bash
# Makes sure the nats-server binary the NATS JetStream tests start privately is installed
# (Debian's nats-server package). The tests never use or restart the machine's shared broker.
set -euo pipefail
BIN="${NATS_SERVER:-/usr/sbin/nats-server}"
if [ -x "$BIN" ]; then
  echo "nats-server present: $BIN"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "nats-server is not installed and this script is not root: apt-get install nats-server" >&2
  exit 1
fi
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null
# The package may start a system service on 4222; the tests do not need it.
"$BIN" --version
