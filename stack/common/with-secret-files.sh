#!/bin/sh
# For every variable NAME_FILE naming a readable file (a Swarm secret), exports NAME with the
# file's content, then runs the given command. For images that read a password only from an
# environment variable (Kibana, Logstash pipelines).
set -eu
for variable in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)_FILE=.*/\1/p'); do
  eval "file=\${${variable}_FILE}"
  if [ -r "$file" ]; then
    export "$variable=$(cat "$file")"
    unset "${variable}_FILE"
  fi
done
exec "$@"
