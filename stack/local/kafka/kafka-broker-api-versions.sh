#!/bin/bash
# The stack's health check of Kafka calls this script of apache/kafka's bin/.
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx64m} ${KAFKA_JVM_PERFORMANCE_OPTS:-} -Dlogback.configurationFile=/opt/kafka/kafka-logback.xml \
  -cp '/opt/kafka/libs/*' org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
