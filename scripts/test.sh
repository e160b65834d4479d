#!/usr/bin/env bash
# The project's test command (README, .ci/run): installs what the tests need
# into .venv, then runs the whole suite. The Neo4j tests start a real Neo4j
# built from Maven Central (tests/neo4j_fixture.py) unless NEO4J_URI is set;
# the browser test needs Debian's chromium and chromium-driver.
set -euo pipefail
cd "$(dirname "$0")/.."

python3.11 -m venv .venv 2>/dev/null || python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e '.[test]'

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium and chromium-driver for the browser test" >&2
    apt-get update -qq >/dev/null && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

ruff check kg tests scripts
python -m pytest "$@"
