#!/usr/bin/env bash
# Makes sure the local services a command needs are up, starting them if they are installed but
# stopped, or stops with a message that says exactly what to do. Never waits more than ~15 s.
#   scripts/services.sh redis [postgres] [chromium]
set -u

say() { echo "[services] $*"; }

redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
redis_host=$(echo "$redis_url" | sed -E 's#^redis://([^:/@]*@)?([^:/]+).*#\2#')
redis_port=$(echo "$redis_url" | sed -nE 's#^redis://[^/]*:([0-9]+).*#\1#p'); redis_port=${redis_port:-6379}

redis_up() { timeout 2 redis-cli -h "$redis_host" -p "$redis_port" ping 2>/dev/null | grep -q PONG; }
pg_up() { timeout 3 pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then say "missing $*: install them with: sudo apt-get install -y $*"; exit 1; fi
  say "installing $* from Debian's archive"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@") >/tmp/tooltune-apt.log 2>&1 ||
    { say "apt-get install $* failed; see /tmp/tooltune-apt.log"; exit 1; }
}

ensure_redis() {
  redis_up && return 0
  if [ "$redis_host" != 127.0.0.1 ] && [ "$redis_host" != localhost ]; then
    say "Redis at $redis_url does not answer; start it there, or unset REDIS_URL to use a local one"; exit 1
  fi
  command -v redis-server >/dev/null || apt_install redis-server
  say "starting redis-server on port $redis_port"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --dir /tmp --logfile /tmp/tooltune-redis.log >/dev/null
  for _ in $(seq 1 30); do redis_up && return 0; sleep 0.3; done
  say "Redis did not come up; see /tmp/tooltune-redis.log, or start it yourself: redis-server --daemonize yes --port $redis_port"; exit 1
}

ensure_postgres() {
  pg_up && return 0
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  local version; version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -z "$version" ]; then say "PostgreSQL is installed but has no cluster; create one with: pg_createcluster 15 main"; exit 1; fi
  say "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1
  for _ in $(seq 1 40); do pg_up && return 0; sleep 0.3; done
  say "PostgreSQL did not come up; start it with: pg_ctlcluster --skip-systemctl-redirect $version main start"; exit 1
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  apt_install chromium fonts-liberation
}

# The generated Pydantic module is tested on Debian's pydantic (1.x) and any python3 that has 2.x.
ensure_pydantic() {
  /usr/bin/python3 -c "import pydantic" 2>/dev/null && return 0
  apt_install python3-pydantic
}

for s in "$@"; do
  case "$s" in
    redis) ensure_redis ;;
    postgres) ensure_postgres ;;
    chromium) ensure_chromium ;;
    pydantic) ensure_pydantic ;;
    *) say "unknown service $s"; exit 2 ;;
  esac
done
