#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, found through .python-version (pyenv) or python3.10.
set -euo pipefail
want=$(cat "$(dirname "$0")/../.python-version" 2>/dev/null || echo 3.10)
minor=$(echo "$want" | cut -d. -f1,2)
candidates=()
if command -v pyenv >/dev/null 2>&1; then
  prefix=$(pyenv prefix "$want" 2>/dev/null || true)
  [ -n "$prefix" ] && candidates+=("$prefix/bin/python")
fi
candidates+=("$(command -v "python$minor" 2>/dev/null || true)" "$(command -v python3 2>/dev/null || true)")
for py in "${candidates[@]}"; do
  [ -n "$py" ] && [ -x "$py" ] || continue
  if [ "$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$minor" ]; then
    echo "$py"; exit 0
  fi
done
cat >&2 <<MSG
Python $minor is needed (Rasa 3.6 supports 3.8 to 3.10) and none was found.
Install it, then run make again:
  with pyenv:   pyenv install $want
  on Debian:    apt-get install python$minor python$minor-venv   (where your release has it)
MSG
exit 1
