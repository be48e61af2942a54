"""Developer tools, run from a checkout with `.venv/bin/python -m devtools.<tool>`: the server harness the
end-to-end tests and benchmarks use, evaluation and safety reports, benchmarks, data builders.

Not part of the installed package (pyproject.toml installs `bot` and `actions` only): an operator's
commands are `python -m bot ...`.
"""
