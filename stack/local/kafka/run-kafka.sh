#!/bin/bash
# Like apache/kafka's start (/etc/kafka/docker/run): each KAFKA_* variable becomes a
# server.properties line, its name lower-cased with ___ for -, __ for _ and _ for .
# (KAFKA_NODE_ID -> node.id, KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___512_SASL_JAAS_CONFIG ->
# listener.name.client.scram-sha-512.sasl.jaas.config), the log directory is formatted once with
# CLUSTER_ID, then the combined broker and controller runs in the foreground.
set -euo pipefail
props=/opt/kafka/config/server.properties
mkdir -p "$(dirname "$props")"
: > "$props"
for variable in $(env | sed -n 's/^\(KAFKA_[A-Z0-9_]*\)=.*/\1/p'); do
  case "$variable" in KAFKA_HEAP_OPTS|KAFKA_OPTS|KAFKA_JVM_PERFORMANCE_OPTS) continue ;; esac
  key=$(echo "${variable#KAFKA_}" | sed 's/___/-/g; s/__/\x01/g; s/_/./g; s/\x01/_/g' | tr 'A-Z' 'a-z')
  echo "$key=${!variable}" >> "$props"
done
java_opts=(-Dlogback.configurationFile=/opt/kafka/kafka-logback.xml -cp '/opt/kafka/libs/*')
log_dir=$(sed -n 's/^log\.dirs=//p' "$props")
if [ ! -f "${log_dir:-/var/lib/kafka/data}/meta.properties" ]; then
  # a static quorum (controller.quorum.voters) is formatted without --standalone
  mode=(--standalone)
  if grep -q '^controller\.quorum\.voters=' "$props"; then mode=(); fi
  java -Xmx256m "${java_opts[@]}" kafka.tools.StorageTool format "${mode[@]}" -t "$CLUSTER_ID" -c "$props"
fi
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx512m} "${java_opts[@]}" kafka.Kafka "$props"
