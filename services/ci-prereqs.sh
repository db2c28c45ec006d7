#!/usr/bin/env bash
# Installs what the services' tests need (PostgreSQL, Redis, Chromium) from Debian's packages.
# Idempotent: installs only what is missing; .ci/run calls it before the suites.
set -euo pipefail

need=()
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)

if [ "${#need[@]}" -eq 0 ]; then
  echo "services prerequisites already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
# The tests start their own servers; the packaged ones are not needed running.
for unit in postgresql redis-server; do
  $SUDO systemctl disable --now "$unit" >/dev/null 2>&1 || true
done
echo "installed: ${need[*]}"
