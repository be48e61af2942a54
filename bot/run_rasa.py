"""Rasa's command line with `PYTHONWARNINGS=ignore` kept in force (see bot.ops.quiet_warnings).

Usage: python -m bot.run_rasa run --model models/current.tar.gz ...  (the same arguments as `rasa`)
"""

from bot.ops.quiet_warnings import keep_ignoring_warnings


def main() -> None:
    keep_ignoring_warnings()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
