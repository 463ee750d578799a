#!/bin/sh
# Makes a self-signed certificate for the gateway, for a first deploy or a test stack:
#   self-signed-certificate.sh <directory> [public URL]
# The certificate names the URL's host, localhost and 127.0.0.1, and lasts 397 days. Prints one
# line per file made, "<secret name> <file>", for make deploy to create the secrets from.
# A stack in front of real customers uses a certificate from a CA instead (see the README).
set -eu
dir=$1
host=$(printf '%s' "${2:-https://localhost:8443}" | sed -e 's|^[a-z]*://||' -e 's|[:/].*$||')
case "$host" in
  *[!0-9.]*) names="DNS:$host" ;;
  *) names="IP:$host" ;;
esac
[ "$host" = localhost ] || names="$names,DNS:localhost"
[ "$host" = 127.0.0.1 ] || names="$names,IP:127.0.0.1"
mkdir -p "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 397 -subj "/CN=$host" \
  -addext "subjectAltName=$names" -addext "keyUsage=digitalSignature,keyEncipherment" \
  -addext "extendedKeyUsage=serverAuth" \
  -keyout "$dir/gateway-tls.key" -out "$dir/gateway-tls.crt" 2>/dev/null
chmod 600 "$dir/gateway-tls.key"
echo "gateway_tls_certificate $dir/gateway-tls.crt"
echo "gateway_tls_key $dir/gateway-tls.key"
