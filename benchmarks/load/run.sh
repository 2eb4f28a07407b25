#!/bin/sh
# Load test: 50 simulated staff against a large demo, served by gunicorn on loopback; prints a table.
#
#   benchmarks/load/run.sh sqlite      # var/load.sqlite3
#   benchmarks/load/run.sh postgres    # postgres://postgres@127.0.0.1:5432/frontdoor_load (LOAD_DATABASE_URL)
#
# The first run seeds the demo (100,000 people, 12,500 contacts; LOAD_PEOPLE, LOAD_CONTACTS to change) and
# says how long it took; later runs reuse it (LOAD_RESEED=1 to start again). USERS (50), SPAWN_RATE (2 a second),
# RUN_TIME (2m), WORKERS (4) and PORT (8001) may be set. Loopback only; nothing else is touched.
# The figures start once every user is signed in (--reset-stats): signing in costs a deliberate password
# hash, and fifty people signing in within five seconds is not a working day.
set -eu
cd "$(dirname "$0")/../.."
DB="${1:-sqlite}"
USERS="${USERS:-50}"
SPAWN_RATE="${SPAWN_RATE:-2}"
RUN_TIME="${RUN_TIME:-2m}"
WORKERS="${WORKERS:-4}"
PORT="${PORT:-8001}"
LOAD_PEOPLE="${LOAD_PEOPLE:-100000}"
LOAD_CONTACTS="${LOAD_CONTACTS:-12500}"
PY=.venv/bin/python
OUT="var/load/$DB"
mkdir -p "$OUT"

unset DATABASE_URL SQLITE_PATH
case "$DB" in
  sqlite) export SQLITE_PATH="${LOAD_SQLITE_PATH:-var/load.sqlite3}" ;;
  postgres)
    export DATABASE_URL="${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/frontdoor_load}"
    name="${DATABASE_URL##*/}"
    if ! psql "${DATABASE_URL%/*}/postgres" -tAc "select 1 from pg_database where datname='$name'" | grep -q 1; then
      createdb -h 127.0.0.1 -U postgres "$name"
    fi ;;
  *) echo "usage: $0 sqlite|postgres" >&2; exit 2 ;;
esac

# A server as in production, but over plain http on loopback: debug off, no HTTPS redirect or secure cookies,
# no second factor (the demo users have none). Demo data only.
export DJANGO_DEBUG=false DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export FRONTDOOR_HTTPS=false FRONTDOOR_REQUIRE_2FA=false
export FRONTDOOR_LOCKOUT_FAILURES="${FRONTDOOR_LOCKOUT_FAILURES:-1000}" LOG_LEVEL=ERROR

if [ "${LOAD_RESEED:-0}" = 1 ] && [ "$DB" = sqlite ]; then rm -f "$SQLITE_PATH" "$SQLITE_PATH-wal" "$SQLITE_PATH-shm"; fi
$PY manage.py migrate --noinput >/dev/null
if [ "${LOAD_RESEED:-0}" = 1 ] || ! $PY manage.py shell -c "from frontdoor.people.models import Person; raise SystemExit(0 if Person.objects.count() >= $LOAD_PEOPLE else 1)" 2>/dev/null; then
  $PY manage.py load_reference >/dev/null
  start=$(date +%s)
  $PY manage.py seed_demo --allow-production-demo --people "$LOAD_PEOPLE" --contacts "$LOAD_CONTACTS" | tee "$OUT/seed.txt"
  echo "seeded in $(( $(date +%s) - start )) s" | tee -a "$OUT/seed.txt"
fi

# Served exactly as production is: `make serve` (collectstatic, check --deploy, the worker, gunicorn with
# deploy/gunicorn.conf.py), in its own process group so that all of it stops at the end.
HOST=127.0.0.1 PORT="$PORT" WEB_CONCURRENCY="$WORKERS" GUNICORN_ACCESS_LOG="$OUT/access.log" \
  GUNICORN_LOG_LEVEL=warning setsid make serve >"$OUT/gunicorn.log" 2>&1 &
SERVER=$!
trap 'kill -- -$SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/accounts/sign-in/" 2>/dev/null && break
  sleep 1
done

.venv/bin/locust -f benchmarks/load/locustfile.py --headless -u "$USERS" -r "$SPAWN_RATE" -t "$RUN_TIME" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/stats" --reset-stats --only-summary --stop-timeout 10 >"$OUT/locust.log" 2>&1 || true
$PY benchmarks/load/table.py "$OUT/stats_stats.csv" --title "$DB: $USERS users, $RUN_TIME, $WORKERS gunicorn workers"
