#!/bin/bash
# apache/kafka's bin/kafka-console-producer.sh: sends lines of stdin as records (the swarm test's
# attempt to write with another function's credentials).
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx64m} ${KAFKA_JVM_PERFORMANCE_OPTS:-} -Dlogback.configurationFile=/opt/kafka/kafka-logback.xml \
  -cp '/opt/kafka/libs/*' org.apache.kafka.tools.ConsoleProducer "$@"
