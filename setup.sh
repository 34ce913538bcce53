#!/usr/bin/env bash
# Installs everything this project needs on a fresh Debian machine: Debian packages
# (LibreOffice, CJK fonts, Tesseract, poppler, Chromium, Redis) and the Python package.
# Usage: ./setup.sh            (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if command -v apt-get >/dev/null; then
  missing=()
  while read -r pkg; do
    [ -z "$pkg" ] && continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done < .ci/apt-packages.txt
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
python3 -m pip install -q -e ".[test]"
# RapidOCR (PP-OCR models inside its wheel) votes on OCR'd figures; without its GUI
# OpenCV dependency: the headless OpenCV above serves it, its other dependencies are ours
python3 -m pip install -q --no-deps "rapidocr-onnxruntime>=1.4,<2"
echo "setup: done"
