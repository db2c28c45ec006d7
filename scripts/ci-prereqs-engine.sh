#!/usr/bin/env bash
# Installs what the engine's tests need on a Debian/Ubuntu CI machine: OpenSSH server and client
# (test/support/sshd.ts starts its own sshd on loopback), sudo (become tests), coreutils timeout.
# Idempotent: installs only what is missing. Called by .ci/run.
set -euo pipefail

packages=(openssh-server openssh-client sudo coreutils)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "ci-prereqs-engine: installing ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# sshd's privilege separation directory; the package's service (which would create it) may not run
"${as_root[@]}" mkdir -p /run/sshd
"${as_root[@]}" chmod 0755 /run/sshd
echo "ci-prereqs-engine: ok"
