#!/usr/bin/env bash
# Installs the Debian packages grokscope needs, when they are missing. As root it runs apt-get;
# otherwise it prints the exact command to run and fails. Usage: scripts/setup.sh [test|bench]
set -euo pipefail

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
