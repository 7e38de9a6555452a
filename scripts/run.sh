#!/usr/bin/env bash
# make run: migrate, load the demo district into an empty database, start the task worker and
# serve the platform. Development defaults (DEBUG on, keys under var/) unless the environment
# says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG="${DEBUG:-true}"
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
PORT="${PORT:-8000}"
PY=.venv/bin/python

$PY manage.py migrate --no-input
$PY manage.py createcachetable  # the shared rate-limit counts (CACHES["throttle"])
$PY manage.py collectstatic --no-input >/dev/null
$PY manage.py load_demo --if-empty
$PY manage.py search_index check --fix --quiet  # the search index holds exactly the public items
$PY manage.py db_worker --queue-name "*" >var/worker.log 2>&1 &
worker=$!
$PY manage.py schedule_periodic >var/scheduler.log 2>&1 &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM
$PY manage.py demo_accounts --port "$PORT"
exec_ret=0
.venv/bin/gunicorn gongkai.wsgi:application --config gunicorn.conf.py --bind "127.0.0.1:${PORT}" \
  --access-logfile - --error-logfile - || exec_ret=$?
exit $exec_ret
