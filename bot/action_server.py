"""Start the action server bound to a host we choose (rasa-sdk 3.6's command line has no --host).

Listens on 127.0.0.1 unless ACTION_SERVER_HOST says otherwise (e.g. 0.0.0.0 inside a container).
Usage: python -m bot.action_server [--port 5055]
"""

import argparse
import os

from bot.ops.quiet_warnings import keep_ignoring_warnings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_SERVER_PORT", "5055")))
    args = parser.parse_args()
    # rasa_sdk reads the bind address from SANIC_HOST; set it before the server starts.
    os.environ["SANIC_HOST"] = os.environ.get("ACTION_SERVER_HOST", "127.0.0.1")
    keep_ignoring_warnings()
    from rasa_sdk.endpoint import run

    run("actions", port=args.port, cors_origins=None)


if __name__ == "__main__":
    main()
