#!/bin/sh
# Starts Redis with the password of the Swarm secret redis_password, kept out of the command
# line and the image: it goes into a file only the server's user can read, included by the config.
set -eu
secret=/run/secrets/redis_password
auth=/tmp/redis-auth.conf
[ -s "$secret" ] || { echo "start-redis: the secret $secret is missing or empty" >&2; exit 1; }
umask 077
printf 'requirepass "%s"\n' "$(cat "$secret")" > "$auth"
# The official image runs the server as the user "redis" through its entry point.
if command -v docker-entrypoint.sh >/dev/null 2>&1; then
  if id redis >/dev/null 2>&1; then chown redis "$auth"; fi
  exec docker-entrypoint.sh redis-server /usr/local/etc/redis/redis.conf --include "$auth"
fi
exec redis-server /usr/local/etc/redis/redis.conf --include "$auth"
