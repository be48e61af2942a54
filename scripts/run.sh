#!/usr/bin/env bash
# Starts the action server and Rasa together; Ctrl-C stops both.
#   RASA_PORT (5005), ACTION_PORT (5055)  the ports; Rasa is told where the action server is
#   RASA_HOST (127.0.0.1)                 where Rasa listens: set 0.0.0.0 only behind a TLS proxy or in a container
#   CORS_ORIGINS                          space-separated origins allowed to embed the widget from another site
#   WIDGET_SECRET                         signs widget conversation ids; kept in models/widget-secret if not given
set -euo pipefail
cd "$(dirname "$0")/.."
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
RASA_HOST=${RASA_HOST:-127.0.0.1}
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
export RASA_TELEMETRY_ENABLED=${RASA_TELEMETRY_ENABLED:-false}
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore}  # library deprecation notices; set to default to see them
export SQLALCHEMY_SILENCE_UBER_WARNING=${SQLALCHEMY_SILENCE_UBER_WARNING:-1}

if [ -z "${WIDGET_SECRET:-}" ]; then
  if [ ! -s models/widget-secret ]; then
    (umask 077 && mkdir -p models && .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(48))" > models/widget-secret)
  fi
  WIDGET_SECRET=$(cat models/widget-secret)
fi
export WIDGET_SECRET

pids=()
work=$(mktemp -d)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# endpoints.yml names the action server on its default port; Rasa gets a copy that names ACTION_PORT.
endpoints="$work/endpoints.yml"
sed -E "s#(url: \"http://localhost:)5055(/webhook\")#\1${ACTION_PORT}\2#" endpoints.yml > "$endpoints"
if ! grep -q "http://localhost:${ACTION_PORT}/webhook" "$endpoints"; then
  echo "endpoints.yml no longer names http://localhost:5055/webhook; cannot point Rasa at port $ACTION_PORT" >&2
  exit 1
fi

echo "Starting the action server on port $ACTION_PORT ..."
.venv/bin/python -m bot.action_server --port "$ACTION_PORT" &
pids+=($!)

cors=()
for origin in ${CORS_ORIGINS:-}; do cors+=(--cors "$origin"); done

echo "Starting Rasa on $RASA_HOST port $RASA_PORT (this takes about 20 seconds) ..."
.venv/bin/python -m bot.run_rasa run --model models/current.tar.gz --endpoints "$endpoints" --credentials credentials.yml \
  --interface "$RASA_HOST" --port "$RASA_PORT" "${cors[@]}" &
pids+=($!)

probe=$RASA_HOST; case "$probe" in 0.0.0.0|::) probe=127.0.0.1 ;; esac
for _ in $(seq 1 120); do
  if curl -fs "http://$probe:$RASA_PORT/" >/dev/null 2>&1; then break; fi
  sleep 1
done
cat <<MSG

  The assistant is running.
    Chat:  http://localhost:$RASA_PORT/webhooks/widget/
    REST:  POST http://localhost:$RASA_PORT/webhooks/rest/webhook  {"sender": "me", "message": "hello"}
    e.g.   curl -s localhost:$RASA_PORT/webhooks/rest/webhook -H 'Content-Type: application/json' \\
             -d '{"sender":"me","message":"hello"}'
  Press Ctrl-C to stop.

MSG
wait -n "${pids[@]}"
