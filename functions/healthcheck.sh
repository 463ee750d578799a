#!/usr/bin/env bash
# Container health check of a function service without an HTTP client: one HTTP/1.1 GET of
# the health group "container" (the application's readiness state, see the platform defaults)
# over bash's /dev/tcp. Healthy only on status 200 (503 while starting or shutting down). Redis
# is left out on purpose: Swarm replaces unhealthy tasks, and that would not bring Redis back.
# Exit 0 healthy, 1 not; the one line it prints is what `docker inspect` shows as the check's output.
# The port is the management port if one is set, else the server port (8080 in the image).
set -u
port="${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}"

if ! { exec 3<>"/dev/tcp/127.0.0.1/${port}"; } 2>/dev/null; then
  echo "not ready: nothing listens on port ${port}"
  exit 1
fi
printf 'GET /actuator/health/container HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
status=""
IFS=$' \r' read -r -t 2 _ status _ <&3
exec 3<&-

# The status line is e.g. "HTTP/1.1 200 " (Tomcat sends no reason phrase).
if [[ "${status}" == "200" ]]; then
  echo "ready"
  exit 0
fi
echo "not ready: /actuator/health/container answered ${status:-nothing}"
exit 1
