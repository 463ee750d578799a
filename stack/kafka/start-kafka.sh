#!/bin/sh
# Starts the broker with SASL on every listener, then creates the topics, makes each function's
# Kafka user and grants it what stack/kafka/acls says. Every password comes from a Swarm secret
# kafka_password_<name> (_ for -): the broker's and the operator's become the PLAIN users of the broker's own JAAS
# settings (handed to the image's start in its environment), each function's its SCRAM-SHA-512
# credential (handed to kafka-configs.sh in a file only this user can read); none is ever on a
# command line or in the image. The broker's own and the operator's password are in the broker
# process's environment, as Kafka's image takes its settings, so whoever may inspect that process
# in the container sees them: nobody but the broker runs there. The access step below runs in a
# background shell the broker does not reap once it is done (one dead process entry, no more).
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

# The rules as the launcher's KafkaAccess reads them: comments (whole lines or trailing) dropped,
# operation and resource type in lower case, one "principal operation resource name" a line.
rules() {
  awk '{ sub(/#.*/, "") } NF == 0 { next }
       NF != 4 || (tolower($3) != "topic" && tolower($3) != "group") {
         print "start-kafka: not a rule (principal operation topic|group name): " $0 > "/dev/stderr"; exit 1 }
       { print $1, tolower($2), tolower($3), $4 }' "$rules"
}

# The topics kept by key instead of by age (io.fnorders.events.Topics.COMPACTED; a check of the
# build holds the two to each other): a consumer keeps a view of the latest event of each key.
compacted="products"

# The event topics and their dead-letter topics are the operator's to create, as make run's are:
# the functions may not create topics. Every topic the rules name that is not there yet, with the
# broker's num.partitions (KAFKA_NUM_PARTITIONS); a check of the build holds the rules to the
# platform's topics. A compacted topic gets its policy whether it is new or not.
create_topics() {
  existing=$(tools kafka-topics.sh --list) || return 1
  wanted=$(rules) || return 1
  for topic in $(echo "$wanted" | awk '$3 == "topic" && $4 != "*" {print $4}' | sort -u); do
    if ! echo "$existing" | grep -qxF "$topic"; then
      tools kafka-topics.sh --create --if-not-exists --topic "$topic" >/dev/null || return 1
    fi
  done
  for topic in $compacted; do
    tools kafka-configs.sh --alter --entity-type topics --entity-name "$topic" \
      --add-config cleanup.policy=compact >/dev/null || return 1
  done
}

# Every ACL the broker holds, one a line: "principal operation resource name permission host
# pattern", lower case but for the names (kafka-acls.sh --list prints
# "...(resourceType=TOPIC, name=orders, patternType=LITERAL)" then
# "(principal=User:cart-fn, host=*, operation=WRITE, permissionType=ALLOW)").
held_acls() {
  tools kafka-acls.sh --list | awk '
    function field(key) { if (!match($0, key "=[^,)]+")) return ""; return substr($0, RSTART + length(key) + 1, RLENGTH - length(key) - 1) }
    /resourceType=/ { type = tolower(field("resourceType")); name = field("name"); pattern = tolower(field("patternType")) }
    /principal=/    { principal = field("principal"); sub(/^User:/, "", principal)
                      print principal, tolower(field("operation")), type, name, tolower(field("permissionType")), field("host"), pattern }'
}

# What a rule of the file is as a held ACL: an ALLOW for any host on the literal name.
as_acl() {
  awk '{print $1, $2, $3, $4, "allow", "*", "literal"}'
}

# kafka-acls.sh's options naming one held ACL (the form held_acls prints).
acl_options() {
  echo "$1" | awk '{
    resource = ($3 == "cluster") ? "--cluster" : ($3 == "transactional_id") ? "--transactional-id " $4 : "--" $3 " " $4
    printf "--%s-principal User:%s --%s-host %s --operation %s %s --resource-pattern-type %s",
      $5, $1, $5, $6, $2, resource, $7 }'
}

# At every start the broker's users and ACLs become what the rules say, and nothing more: each
# user gets its password again (a changed secret takes effect), the rules the broker lacks are
# added, and every ACL the rules do not hold and every SCRAM user they do not name is removed (a
# rule taken out of the file is revoked). Rules already there cost nothing.
grant() {
  # two steps: a pipeline's status is its last command's, and a bad rule must stop the grant
  listed=$(rules) || return 1
  wanted=$(echo "$listed" | as_acl)
  principals=$(echo "$wanted" | awk '{print $1}' | sort -u)
  for principal in $principals; do
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
  done
  # "SCRAM credential configs for user-principal 'cart-fn' are SCRAM-SHA-512=iterations=8192"
  users=$(tools kafka-configs.sh --describe --entity-type users) || return 1
  echo "$users" | sed -n "s/^SCRAM credential configs for user-principal '\([^']*\)' are \(.*\)/\1 \2/p" | while read -r user credentials; do
    echo "$principals" | grep -qxF "$user" && continue
    for mechanism in $(echo "$credentials" | grep -o 'SCRAM-SHA-[0-9]*'); do
      tools kafka-configs.sh --alter --entity-type users --entity-name "$user" --delete-config "$mechanism" \
        >/dev/null || exit 1
    done
    echo "start-kafka: removed the user $user, whom the rules no longer name" >&2
  done || return 1

  held=$(held_acls) || return 1
  # the missing rules first, one call for each principal and operation, so a revocation that
  # fails never holds back what the functions need
  missing=$(echo "$wanted" | while read -r acl; do echo "$held" | grep -qxF "$acl" || echo "$acl"; done)
  echo "$missing" | awk 'NF {print $1, $2}' | sort -u | while read -r principal operation; do
    resources=$(echo "$missing" | awk -v p="$principal" -v o="$operation" \
      '$1 == p && $2 == o {printf "--%s %s ", $3, $4}')
    set -f
    # shellcheck disable=SC2086
    tools kafka-acls.sh --add --force --allow-principal "User:$principal" --allow-host '*' \
      --operation "$operation" --resource-pattern-type literal $resources >/dev/null || exit 1
    set +f
  done || return 1
  set -f
  echo "$held" | while read -r acl; do
    [ -n "$acl" ] || continue
    echo "$wanted" | grep -qxF "$acl" && continue
    # shellcheck disable=SC2046
    if tools kafka-acls.sh --remove --force $(acl_options "$acl") >/dev/null; then
      echo "start-kafka: revoked \"$acl\", which the rules no longer hold" >&2
    else
      echo "start-kafka: could not revoke \"$acl\"; revoke it by hand (kafka-acls.sh --remove)" >&2
    fi
  done
  set +f
}

(
  until tools kafka-broker-api-versions.sh >/dev/null 2>&1; do sleep 2; done
  until create_topics; do echo "start-kafka: creating the topics failed; trying again in 5 s" >&2; sleep 5; done
  until grant; do echo "start-kafka: granting the functions' access failed; trying again in 5 s" >&2; sleep 5; done
  echo "start-kafka: every function's user and rules are in place" >&2
  touch "$granted"
) &

exec /etc/kafka/docker/run
