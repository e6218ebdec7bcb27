#!/usr/bin/env bash
# Installs what the tests need and a fresh machine of this kind lacks:
#  - Debian packages: Chromium + ChromeDriver (login-page tests), gnome-keyring, libsecret-tools,
#    dbus (a real Secret Service for the keychain store tests);
#  - Node 22 and the MCP conformance suite (the pinned version below), from the npm registry,
#    into .tools/conformance.
# Idempotent: installs only what is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
command -v gnome-keyring-daemon >/dev/null 2>&1 || packages+=(gnome-keyring)
command -v secret-tool >/dev/null 2>&1 || packages+=(libsecret-tools)
command -v dbus-run-session >/dev/null 2>&1 || packages+=(dbus dbus-x11)
if [ "${#packages[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${packages[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# The conformance suite CI pins; scripts/conformance.sh runs the one installed here.
conformance_version="0.2.0-alpha.12"
tools="$root/.tools/conformance"
installed=""
if [ -x "$tools/node_modules/.bin/node" ] && [ -f "$tools/node_modules/@modelcontextprotocol/conformance/package.json" ]; then
  installed=$("$tools/node_modules/.bin/node" -p 'require(process.argv[1]).version' \
    "$tools/node_modules/@modelcontextprotocol/conformance/package.json" 2>/dev/null || true)
fi
if [ "$installed" != "$conformance_version" ]; then
  echo "setup: installing Node 22 and @modelcontextprotocol/conformance@$conformance_version into $tools"
  rm -rf "$tools"   # also removes a stale symbolic link or another suite version
  mkdir -p "$tools"
  (cd "$tools" && printf '{"name":"mcp-oauth-conformance-tools","private":true}\n' > package.json \
    && npm install --no-audit --no-fund --loglevel=error node@22 "@modelcontextprotocol/conformance@$conformance_version")
fi
echo "setup: node $("$tools/node_modules/.bin/node" --version), conformance $conformance_version, chromium $(chromium --version 2>/dev/null | awk '{print $2}')"
