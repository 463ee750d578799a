#!/bin/sh
# One-shot set-up of the log stack, run by the elk-setup service; safe to run again.
#  1. the built-in kibana_system user gets the password of the secret kibana_system_password;
#  2. Logstash's writer (role logstash_writer, user logstash_internal) may write fnorders-logs-*;
#  3. the Kibana saved objects (data view, saved searches) of dashboards/kibana are imported.
# Passwords are taken from the Swarm secrets; make deploy generates them as hex strings.
set -eu
es=http://elasticsearch:9200
kibana=http://kibana:5601
elastic="elastic:$(cat /run/secrets/elastic_password)"

# Waits (at most about 5 minutes) until the URL answers 2xx.
await() {
  tries=0
  until curl -fsS -o /dev/null -u "$elastic" "$1"; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { echo "elk-setup: $1 did not answer in time" >&2; exit 1; }
    sleep 5
  done
}

# Sends a JSON body to Elasticsearch; fails on any non-2xx answer.
es_send() {
  curl -fsS -o /dev/null -u "$elastic" -X "$1" "$es$2" -H 'Content-Type: application/json' -d "$3"
}

await "$es/_cluster/health?wait_for_status=yellow&timeout=5s"
es_send POST /_security/user/kibana_system/_password \
  "{\"password\":\"$(cat /run/secrets/kibana_system_password)\"}"
es_send PUT /_security/role/logstash_writer \
  '{"cluster":["monitor","manage_index_templates","manage_ilm"],
    "indices":[{"names":["fnorders-logs-*"],"privileges":["write","create","create_index","manage","auto_configure"]}]}'
es_send PUT /_security/user/logstash_internal \
  "{\"password\":\"$(cat /run/secrets/logstash_password)\",\"roles\":[\"logstash_writer\"],\"full_name\":\"Logstash writer of fnorders-logs\"}"
echo "elk-setup: users and roles are set"

await "$kibana/api/status"
curl -fsS -o /dev/null -u "$elastic" -X POST "$kibana/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: fnorders' -F file=@/usr/share/elk-setup/fnorders.ndjson
echo "elk-setup: Kibana saved objects are imported"
