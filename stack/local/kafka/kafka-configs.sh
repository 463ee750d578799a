#!/bin/bash
# apache/kafka's bin/kafka-configs.sh: e.g. a user's SCRAM credential (stack/kafka/start-kafka.sh).
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx64m} ${KAFKA_JVM_PERFORMANCE_OPTS:-} -Dlogback.configurationFile=/opt/kafka/kafka-logback.xml \
  -cp '/opt/kafka/libs/*' kafka.admin.ConfigCommand "$@"
