#!/usr/bin/env bash
# Starts the action server and Rasa together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

echo "Starting the action server on port $ACTION_PORT ..."
.venv/bin/python -m bot.action_server --port "$ACTION_PORT" &
pids+=($!)

cors=()  # CORS_ORIGINS="https://a.example https://b.example" lets those sites embed the widget
for origin in ${CORS_ORIGINS:-}; do cors+=(--cors "$origin"); done

echo "Starting Rasa on port $RASA_PORT (this takes about 20 seconds) ..."
.venv/bin/rasa run --model models/current.tar.gz --endpoints endpoints.yml --credentials credentials.yml \
  --port "$RASA_PORT" "${cors[@]}" &
pids+=($!)

for _ in $(seq 1 120); do
  if curl -fs "http://localhost:$RASA_PORT/" >/dev/null 2>&1; then break; fi
  sleep 1
done
cat <<MSG

  The assistant is running.
    Chat:  http://localhost:$RASA_PORT/webhooks/widget/
    REST:  POST http://localhost:$RASA_PORT/webhooks/rest/webhook  {"sender": "me", "message": "hello"}
    e.g.   curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"hello"}'
  Press Ctrl-C to stop.

MSG
wait -n "${pids[@]}"
