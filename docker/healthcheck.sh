#!/usr/bin/env bash
# Container health probe without curl/wget: one HTTP/1.0 GET over bash's /dev/tcp.
# Usage: healthcheck.sh PORT_VARIABLE_NAME PATH
# Healthy when the app on 127.0.0.1:${!PORT_VARIABLE_NAME} answers with a status below 500.
set -u
port="${!1:-}"
path="${2:-/}"
[[ -n "$port" ]] || { echo "port variable $1 is not set" >&2; exit 1; }
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS=' ' read -r -t 4 _ status _ <&3 || exit 1
exec 3<&-
[[ "$status" =~ ^[1-4][0-9][0-9]$ ]] || { echo "HTTP status '$status'" >&2; exit 1; }
