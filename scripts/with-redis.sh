#!/usr/bin/env bash
# Run a command against a throw-away Redis server: `scripts/with-redis.sh make test`.
# Starts a private redis-server (no persistence, in a temporary folder) on a free loopback
# port, exports REDIS_URL for the command, and stops it afterwards. Installs Debian's
# redis-server package when it is missing and we are root; otherwise says what to run.
set -euo pipefail

server=$(command -v redis-server || true)
if [ -z "$server" ] && [ -x /usr/bin/redis-server ]; then server=/usr/bin/redis-server; fi
if [ -z "$server" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Redis eksik; kuruluyor: apt-get install -y redis-server"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    server=/usr/bin/redis-server
  else
    echo "Bu testler için Redis gerekli. Kurmak için: sudo apt-get install -y redis-server"
    exit 1
  fi
fi

dir=$(mktemp -d /tmp/kb-redis.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

"$server" --bind 127.0.0.1 --port "$port" --dir "$dir" --save "" --appendonly no \
  --logfile "$dir/redis.log" &
pid=$!
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2).close()" \
    2>/dev/null && break
  sleep 0.1
done
echo "Redis $("$server" --version | sed 's/.* v=\([^ ]*\).*/\1/') on 127.0.0.1:$port"

REDIS_URL="redis://127.0.0.1:$port/0" "$@"
