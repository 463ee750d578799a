#!/bin/bash
# apache/kafka's bin/kafka-topics.sh: creates and lists topics (stack/kafka/start-kafka.sh).
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx64m} ${KAFKA_JVM_PERFORMANCE_OPTS:-} -Dlogback.configurationFile=/opt/kafka/kafka-logback.xml \
  -cp '/opt/kafka/libs/*' org.apache.kafka.tools.TopicCommand "$@"
