#!/usr/bin/env bash
# The project's test command (README, .ci/run): installs what the tests need
# into .venv, then runs the whole suite. The Neo4j tests start a real Neo4j
# built from Maven Central (tests/neo4j_fixture.py) unless NEO4J_URI is set;
# the browser tests need Debian's chromium and chromium-driver, and fonts-noto-cjk
# so that Korean names render as glyphs rather than empty boxes.
set -euo pipefail
cd "$(dirname "$0")/.."

python3.11 -m venv .venv 2>/dev/null || python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e '.[test]'

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
    || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium, chromium-driver and fonts-noto-cjk for the browser tests" >&2
    apt-get update -qq >/dev/null && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
        fonts-noto-cjk >/dev/null
  fi
fi

ruff check kg tests scripts
python -m pytest "$@"
