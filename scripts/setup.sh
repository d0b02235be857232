#!/usr/bin/env bash
# Installs the Debian packages grokscope needs, when they are missing. As root it runs apt-get;
# otherwise it prints the exact command to run and fails. Usage: scripts/setup.sh [test|bench]
set -euo pipefail

# The Swift toolchain is not a Debian package: say where to get it instead of failing mid-build.
if ! command -v swift >/dev/null 2>&1; then
  echo "grokscope needs the Swift toolchain (6.0 or newer), and 'swift' is not on PATH." >&2
  echo "Install it from https://www.swift.org/install/linux/ (or swiftly), then run make again." >&2
  exit 1
fi
swift_major=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9]*\).*/\1/p' | head -n1)
if [ -n "$swift_major" ] && [ "$swift_major" -lt 6 ]; then
  echo "grokscope needs Swift 6.0 or newer; this is $(swift --version 2>/dev/null | head -n1)." >&2
  exit 1
fi

need=(libncurses-dev libopenblas-dev pkg-config)
case "${1:-}" in
  test) need+=(tmux python3) ;;
  bench) need+=(tmux hyperfine python3 bsdutils bc gawk) ;;
esac

missing=()
for pkg in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "grokscope needs: ${missing[*]}" >&2
  echo "run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
