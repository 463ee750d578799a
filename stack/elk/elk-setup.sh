#!/bin/sh
# One-shot set-up of the log stack, run by the elk-setup service; safe to run again.
#  1. the built-in kibana_system user gets the password of the secret kibana_system_password;
#  2. Logstash's writer (role logstash_writer, user logstash_internal) may write fnorders-logs-*;
#  3. fnorders-logs-* indices are deleted after 14 days (an ILM policy and an index template);
#  4. the Kibana saved objects (data view, saved searches) of dashboards/kibana are imported.
# Passwords come from the Swarm secrets (make deploy generates them as hex strings) and reach curl
# on its standard input or in a private file, never on a command line.
set -eu
es=http://elasticsearch:9200
kibana=http://kibana:5601
umask 077
auth=$(mktemp)
trap 'rm -f "$auth"' EXIT
printf 'user = "elastic:%s"\n' "$(cat /run/secrets/elastic_password)" > "$auth"

# Waits (at most about 5 minutes) until the URL answers 2xx.
await() {
  tries=0
  until curl -fsS -o /dev/null -K "$auth" "$1"; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { echo "elk-setup: $1 did not answer in time" >&2; exit 1; }
    sleep 5
  done
}

# Sends the JSON body on standard input to Elasticsearch; fails on any non-2xx answer.
es_send() {
  curl -fsS -o /dev/null -K "$auth" -X "$1" "$es$2" -H 'Content-Type: application/json' --data-binary @-
}

await "$es/_cluster/health?wait_for_status=yellow&timeout=5s"
printf '{"password":"%s"}' "$(cat /run/secrets/kibana_system_password)" \
  | es_send POST /_security/user/kibana_system/_password
es_send PUT /_security/role/logstash_writer <<'JSON'
{"cluster":["monitor","manage_index_templates","manage_ilm"],
 "indices":[{"names":["fnorders-logs-*"],"privileges":["write","create","create_index","manage","auto_configure"]}]}
JSON
printf '{"password":"%s","roles":["logstash_writer"],"full_name":"Logstash writer of fnorders-logs"}' \
  "$(cat /run/secrets/logstash_password)" | es_send PUT /_security/user/logstash_internal
es_send PUT /_ilm/policy/fnorders-logs <<'JSON'
{"policy":{"phases":{"hot":{"actions":{}},"delete":{"min_age":"14d","actions":{"delete":{}}}}}}
JSON
es_send PUT /_index_template/fnorders-logs <<'JSON'
{"index_patterns":["fnorders-logs-*"],
 "template":{"settings":{"index.lifecycle.name":"fnorders-logs","number_of_replicas":0}}}
JSON
echo "elk-setup: users, roles and log retention are set"

await "$kibana/api/status"
curl -fsS -o /dev/null -K "$auth" -X POST "$kibana/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: fnorders' -F file=@/usr/share/elk-setup/fnorders.ndjson
echo "elk-setup: Kibana saved objects are imported"
