#!/usr/bin/env bash
# Installs the system packages Showrunner builds against, when they are missing.
# Safe to run repeatedly; does nothing when everything is present.
set -euo pipefail

# python3-openpyxl: the XLSX export test opens every workbook with it (skipped when absent).
# ffmpeg: the simulator draws each demo episode's video with it, and uploads are probed
# with ffprobe; without it the demo has no video and nothing else fails.
packages=(libsqlite3-dev libcurl4-openssl-dev libssl-dev python3-openpyxl ffmpeg)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done

if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift toolchain (6.2 or newer) is not on PATH. Install it from swift.org first." >&2
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "error: missing ${missing[*]} and no way to install them (not root, no sudo)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}"
