#!/usr/bin/env bash
# Installs what `bc-play lab` needs on a Debian machine (root). Idempotent: installs only what is
# missing, so a second run touches nothing.
set -euo pipefail
packages=(systemd-container mmdebstrap iptables iproute2 openssh-client debian-archive-keyring)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "lab prerequisites already installed"
  exit 0
fi
echo "installing lab prerequisites: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
