#!/bin/sh
# Starts the broker with SASL on every listener, then creates the topics, makes each function's
# Kafka user and grants it what stack/kafka/acls says. Every password comes from a Swarm secret
# kafka_password_<name> (_ for -): the broker's and the operator's become the PLAIN users of the broker's own JAAS
# settings (handed to the image's start in its environment), each function's its SCRAM-SHA-512
# credential (handed to kafka-configs.sh in a file only this user can read); none is ever on a
# command line or in the image.
set -eu
secrets=/run/secrets
rules=/etc/kafka/fnorders/acls
operator_config=/tmp/operator.properties
granted=/tmp/access-granted
plain=org.apache.kafka.common.security.plain.PlainLoginModule

secret() {
  file="$secrets/kafka_password_$(echo "$1" | tr - _)"
  [ -s "$file" ] || { echo "start-kafka: the secret $file is missing or empty" >&2; exit 1; }
  cat "$file"
}

broker=$(secret broker)
operator=$(secret operator)
export KAFKA_LISTENER_NAME_CLIENT_PLAIN_SASL_JAAS_CONFIG="$plain required username=\"broker\" password=\"$broker\" user_broker=\"$broker\";"
export KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG="$plain required username=\"broker\" password=\"$broker\" user_broker=\"$broker\";"
export KAFKA_LISTENER_NAME_OPERATOR_PLAIN_SASL_JAAS_CONFIG="$plain required user_operator=\"$operator\";"

umask 077
rm -f "$granted"
# The operator's client settings: for the health check, the grants below and an operator's shell
# (kafka-*.sh --command-config /tmp/operator.properties).
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=%s required username="operator" password="%s";\n' \
  "$plain" "$operator" > "$operator_config"

# Each tool is a JVM of its own: a small heap, and no optimising compiler for a run of seconds.
tools() {
  script=$1
  shift
  KAFKA_HEAP_OPTS=-Xmx64m KAFKA_JVM_PERFORMANCE_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" \
    "/opt/kafka/bin/$script" --bootstrap-server localhost:9094 --command-config "$operator_config" "$@"
}

# The rules without comments, one "principal operation resource name" a line.
rules() {
  grep -v '^\s*#' "$rules" | awk 'NF == 4 {print $1, $2, $3, $4}'
}

# The event topics and their dead-letter topics are the operator's to create, as make run's are:
# the functions may not create topics. Every topic the rules name that is not there yet, with the
# broker's num.partitions (KAFKA_NUM_PARTITIONS); a check of the build holds the rules to the
# platform's topics.
create_topics() {
  existing=$(tools kafka-topics.sh --list) || return 1
  for topic in $(rules | awk '$3 == "topic" && $4 != "*" {print $4}' | sort -u); do
    echo "$existing" | grep -qx "$topic" && continue
    tools kafka-topics.sh --create --if-not-exists --topic "$topic" >/dev/null || return 1
  done
}

# The rules the broker holds, in the rules file's form (kafka-acls.sh --list reads
# "...resourceType=TOPIC, name=orders, ..." then "(principal=User:cart-fn, host=*, operation=WRITE, ...").
granted_rules() {
  tools kafka-acls.sh --list | awk '
    /resourceType=/ { match($0, /resourceType=[A-Z_]+/); type = tolower(substr($0, RSTART + 13, RLENGTH - 13))
                      match($0, /name=[^,]+/); name = substr($0, RSTART + 5, RLENGTH - 5) }
    /principal=User:/ { match($0, /principal=User:[^,]+/); principal = substr($0, RSTART + 15, RLENGTH - 15)
                        match($0, /operation=[A-Z_]+/); operation = tolower(substr($0, RSTART + 10, RLENGTH - 10))
                        print principal, operation, type, name }'
}

# At every start each user gets its password again (a changed secret takes effect) and the rules
# the broker lacks are added; rules already there cost nothing.
grant() {
  held=$(granted_rules) || return 1
  for principal in $(rules | awk '{print $1}' | sort -u); do
    password=$(secret "$principal") || return 1
    credential=$(mktemp)
    errors=$(mktemp)
    # A properties file: the value after the first "=" is the credential, without the brackets
    # --add-config wants around it.
    printf 'SCRAM-SHA-512=iterations=8192,password=%s\n' "$password" > "$credential"
    if ! tools kafka-configs.sh --alter --entity-type users --entity-name "$principal" \
      --add-config-file "$credential" >/dev/null 2>"$errors"; then
      # The tool quotes the credential it refused: never let a password reach the log.
      sed 's/password=[^],[:space:]]*/password=(hidden)/g' "$errors" >&2
      rm -f "$credential" "$errors"
      return 1
    fi
    rm -f "$credential" "$errors"
    for operation in write read describe; do
      resources=$(rules | awk -v p="$principal" -v o="$operation" '$1 == p && $2 == o' | while read -r rule; do
        echo "$held" | grep -qxF "$rule" || echo "$rule"
      done | awk '{printf "--%s %s ", $3, $4}')
      [ -n "$resources" ] || continue
      set -f
      # shellcheck disable=SC2086
      tools kafka-acls.sh --add --force --allow-principal "User:$principal" --operation "$operation" $resources \
        >/dev/null || { set +f; return 1; }
      set +f
    done
  done
}

(
  until tools kafka-broker-api-versions.sh >/dev/null 2>&1; do sleep 2; done
  until create_topics; do echo "start-kafka: creating the topics failed; trying again in 5 s" >&2; sleep 5; done
  until grant; do echo "start-kafka: granting the functions' access failed; trying again in 5 s" >&2; sleep 5; done
  echo "start-kafka: every function's user and rules are in place" >&2
  touch "$granted"
) &

exec /etc/kafka/docker/run
