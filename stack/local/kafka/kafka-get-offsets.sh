#!/bin/bash
# apache/kafka's bin/kafka-get-offsets.sh: the offsets of topic partitions, e.g. the end of every
# dead-letter topic: kafka-get-offsets.sh --bootstrap-server localhost:9092 --topic '.*\.dlq'
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx64m} ${KAFKA_JVM_PERFORMANCE_OPTS:-} -Dlogback.configurationFile=/opt/kafka/kafka-logback.xml \
  -cp '/opt/kafka/libs/*' org.apache.kafka.tools.GetOffsetShell "$@"
