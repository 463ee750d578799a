#!/bin/bash
# apache/kafka's bin/kafka-consumer-groups.sh: lists and describes consumer groups, e.g.
#   kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group inventory-fn
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx64m} ${KAFKA_JVM_PERFORMANCE_OPTS:-} -Dlogback.configurationFile=/opt/kafka/kafka-logback.xml \
  -cp '/opt/kafka/libs/*' org.apache.kafka.tools.consumer.group.ConsumerGroupCommand "$@"
