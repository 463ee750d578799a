#!/bin/sh
# Starts Redis with one user per service (users.acl) and the operators' default user. Every
# password comes from a Swarm secret (redis_password for the default user, redis_password_<user>
# with _ for - for each service) and reaches Redis only as its SHA-256, in an ACL file only the
# server's user can read: never on a command line or in the image.
set -eu
secrets=/run/secrets
rules=/usr/local/etc/redis/users.acl
acl=/tmp/redis-users.acl
auth=/tmp/redis-auth.conf

password_hash() {
  [ -s "$secrets/$1" ] || { echo "start-redis: the secret $secrets/$1 is missing or empty" >&2; exit 1; }
  printf '%s' "$(cat "$secrets/$1")" | sha256sum | cut -d' ' -f1
}

umask 077
printf 'user default on #%s ~* &* +@all\n' "$(password_hash redis_password)" > "$acl"
grep '^user ' "$rules" | while read -r _ name rest; do
  printf 'user %s on #%s %s\n' "$name" "$(password_hash "redis_password_$(echo "$name" | tr - _)")" "$rest" >> "$acl"
done
printf 'aclfile %s\n' "$acl" > "$auth"
# The official image runs the server as the user "redis" through its entry point.
if command -v docker-entrypoint.sh >/dev/null 2>&1; then
  if id redis >/dev/null 2>&1; then chown redis "$auth" "$acl"; fi
  exec docker-entrypoint.sh redis-server /usr/local/etc/redis/redis.conf --include "$auth"
fi
exec redis-server /usr/local/etc/redis/redis.conf --include "$auth"
