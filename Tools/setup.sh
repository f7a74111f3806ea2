#!/bin/sh
# setup.sh: installs the Debian packages Scriptorium builds and tests with, when they are missing:
# the Lua 5.4 library and headers, zlib's headers (for .gz corpus files), SQLite's headers (the run
# history of scheduled jobs), pkg-config (SwiftPM finds them through it), python3 (the tests read CSV files back with Python's csv module) and
# cmark-gfm (the tests render the Markdown reports with a real GFM parser), pandoc (the tests parse
# every bundled report's tables with it), librsvg2-bin (the tests render every chart kind to PNG) and
# python3-venv (the Makefile installs the tests' Python oracles, networkx, igraph and leidenalg, into
# a virtual environment of its own) and a Java runtime (the sharded-run test runs Apache Spark in
# local mode).
set -eu

missing=""
pkg-config --exists lua5.4 2>/dev/null || missing="$missing liblua5.4-dev"
pkg-config --exists zlib 2>/dev/null || missing="$missing zlib1g-dev"
pkg-config --exists sqlite3 2>/dev/null || missing="$missing libsqlite3-dev"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$missing python3-venv"
command -v cmark-gfm >/dev/null 2>&1 || missing="$missing cmark-gfm"
command -v pandoc >/dev/null 2>&1 || missing="$missing pandoc"
command -v rsvg-convert >/dev/null 2>&1 || missing="$missing librsvg2-bin"
command -v java >/dev/null 2>&1 || missing="$missing openjdk-17-jre-headless"

if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi
