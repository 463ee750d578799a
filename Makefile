# Order-management functions: the commands a user needs.
#   make run    the whole system locally, no Docker (Kafka KRaft + Redis + the four functions)
#   make test   every test, against real brokers
# Variables: BINDING (kafka | rabbit | http), KAFKA_PORT (9092), RABBITMQ_PORT (5672), REDIS_PORT (6379),
# SMTP_PORT (3025), IDENTITY_PORT (9000), CART_PORT (8081),
# PRODUCT_PORT (8082), INVENTORY_PORT (8083), NOTIFICATION_PORT (8084), DATA_DIR (.data);
# instances per function: CART, PRODUCT, INVENTORY, NOTIFICATION (default 1, e.g. INVENTORY=3);
# NO_BUILD=1: images, swarm-up and swarm-test use the jars already built instead of building first.

SHELL := /bin/sh
.DEFAULT_GOAL := help

JAVA_HOME := $(shell build-support/find-jdk25)
ifeq ($(JAVA_HOME),)
$(error No JDK 25 found: install Eclipse Temurin 25 or set JAVA_HOME to a JDK 25)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)

MVN := ./mvnw -B -ntp
BINDING ?= kafka
DATA_DIR ?= .data
LAUNCHER_CP := launcher/target/classes:launcher/target/lib/*

.PHONY: help build test bench bench-tools soak run events token dlq clean rabbitmq promtool nginx stack-check images deploy undeploy scale swarm-up swarm-test swarm-down

# The Swarm stack (stack/docker-stack.yml): its name, and where the function images are tagged.
STACK ?= fnorders
# The stack file, and any override files after it (swarm-up adds stack/local/docker-stack.local.yml).
STACK_FILES ?= stack/docker-stack.yml
FNORDERS_REGISTRY ?= fnorders
FNORDERS_VERSION ?= latest
FUNCTIONS := product-fn inventory-fn cart-fn notification-fn
STACK_SECRETS := kafka_password_broker kafka_password_operator kafka_password_product_fn kafka_password_inventory_fn kafka_password_cart_fn kafka_password_notification_fn redis_password redis_password_product_fn redis_password_inventory_fn redis_password_cart_fn redis_password_notification_fn redis_password_identity grafana_admin_password elastic_password kibana_system_password logstash_password identity_admin_password identity_signing_key gateway_tls_certificate gateway_tls_key
# Swarm configs cannot change in place: each group of files the stack mounts gets a version, a
# hash of its files, so a changed file becomes a new config and only the services using it roll.
config-hash = $(shell cat $(1) | sha256sum | cut -c1-12)
CONFIG_VERSIONS = GATEWAY_CONFIG_VERSION=$(call config-hash,stack/gateway/*) \
  KAFKA_CONFIG_VERSION=$(call config-hash,stack/kafka/*) \
  REDIS_CONFIG_VERSION=$(call config-hash,stack/redis/*) \
  PROMETHEUS_CONFIG_VERSION=$(call config-hash,stack/prometheus/prometheus.yml stack/prometheus/alerts.yml) \
  GRAFANA_CONFIG_VERSION=$(call config-hash,stack/grafana/* dashboards/grafana/*.json) \
  ELK_CONFIG_VERSION=$(call config-hash,stack/elk/* stack/common/* dashboards/kibana/*.ndjson)
DOCKER_ENGINE_MISSING = No Docker engine answers here (docker info failed)

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: ## compile and package every module (no tests)
	$(MVN) -q install -DskipTests

test: rabbitmq stack-check ## run every test (stack checks; unit, binding, integration against real Kafka, Redis, RabbitMQ and SMTP; then swarm-test)
	$(MVN) install
	@$(MAKE) --no-print-directory swarm-test NO_BUILD=1

stack-check: promtool nginx ## validate the Swarm stack file, the Prometheus configuration and alert rules, and run the rules' unit tests
	@command -v docker >/dev/null 2>&1 || { echo "The docker CLI is missing (it is needed to render stack/docker-stack.yml; no engine is needed)"; exit 1; }
	docker stack config -c stack/docker-stack.yml >/dev/null
	docker stack config -c stack/docker-stack.yml -c stack/local/docker-stack.local.yml >/dev/null
	cd stack/prometheus && promtool check config prometheus.yml && promtool check rules alerts.yml \
	  && promtool test rules alerts.test.yml
	@dir=$$(mktemp -d) && stack/gateway/self-signed-certificate.sh "$$dir" >/dev/null \
	  && sed -e "s|/run/secrets/gateway_tls_|$$dir/gateway-tls.|; s|gateway-tls.certificate|gateway-tls.crt|" \
	    -e "s|^pid .*|pid $$dir/nginx.pid;|" stack/gateway/nginx.conf > "$$dir/nginx.conf" \
	  && nginx -q -t -c "$$dir/nginx.conf" -p "$$dir" -e "$$dir/error.log"; status=$$?; rm -rf "$$dir"; exit $$status

promtool: ## install Debian's prometheus package (for promtool) if promtool is missing
	@if command -v promtool >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing prometheus (Debian package) for promtool"; \
	  (apt-get install -y -qq prometheus >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq prometheus >/dev/null 2>&1)) || \
	  { echo "Could not install prometheus with apt-get"; exit 1; }; \
	else echo "promtool is missing: install it (Debian/Ubuntu: apt-get install prometheus)"; exit 1; fi

nginx: ## install Debian's nginx-light if nginx is missing (stack-check validates the gateway's configuration with it)
	@if command -v nginx >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing nginx-light (Debian package) to check the gateway's configuration"; \
	  (apt-get install -y -qq nginx-light >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq nginx-light >/dev/null 2>&1)) || \
	  { echo "Could not install nginx-light with apt-get"; exit 1; }; \
	  service nginx stop >/dev/null 2>&1 || true; \
	else echo "nginx is missing: install it (Debian/Ubuntu: apt-get install nginx-light)"; exit 1; fi

rabbitmq: ## install Debian's rabbitmq-server if it is missing (the rabbit binding's tests start a private node of it)
	@if [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || command -v rabbitmq-server >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing rabbitmq-server (Debian package) for the RabbitMQ binding's tests"; \
	  (apt-get install -y -qq rabbitmq-server >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq rabbitmq-server >/dev/null 2>&1)) || \
	  { echo "Could not install rabbitmq-server with apt-get"; exit 1; }; \
	else echo "rabbitmq-server is missing: install it (Debian/Ubuntu: apt-get install rabbitmq-server)"; exit 1; fi

bench-tools: ## install Debian's wrk and redis-tools if they are missing (make bench's load generator and Redis baseline)
	@missing=""; command -v wrk >/dev/null 2>&1 || missing=" wrk"; \
	command -v redis-benchmark >/dev/null 2>&1 || missing="$$missing redis-tools"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing$$missing (Debian packages) for make bench"; \
	  (apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $$missing >/dev/null 2>&1)) || \
	  { echo "Could not install$$missing with apt-get"; exit 1; }; \
	else echo "make bench needs$$missing: install it (Debian/Ubuntu: apt-get install$$missing)"; exit 1; fi

bench: build bench-tools ## every stage beside its baseline (bench/target/bench/report.md and a chart), then reservation throughput, token validation, 1 vs 2 inventory-fn instances and rebalances, start-up with/without the AOT cache; reports in */target/bench
	$(MVN) -pl bench test -Dtest=StageBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	  | grep -E '^bench: |Tests run:|BUILD|ERROR\]'
	$(MVN) -pl functions/inventory-fn test -Dtest=ReservationThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	  | grep -E '^(reservation throughput|  orders per|  end to end|  Redis)|Tests run:|BUILD'
	$(MVN) -pl functions/product-fn test -Dtest=TokenValidationBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	  | grep -E '^(token validation|  without|  with a|  added)|Tests run:|BUILD'
	$(MVN) -pl launcher test -Dtest=ScalingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	  | grep -E '^(scaling of|  [12] instance|  an instance)|Tests run:|BUILD'
	$(MVN) -pl launcher test -Dtest=StartupBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	  | grep -E '^startup |Tests run:|BUILD'

soak: build ## 300,000 orders through the local stack with a small Redis maxmemory and short lifetimes: Redis memory levels off; report and PNG in launcher/target/bench
	@mkdir -p launcher/target/bench
	@echo "soak: 300,000 orders took 38 minutes at 133 orders/s on 2 cores, a few hours on a slow day (ORDERS=40000 for a shorter run); Maven's output goes to launcher/target/bench/soak.log"
	@$(MVN) -pl launcher test -Dtest=SoakBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	  $(if $(ORDERS),-Dsoak.orders=$(ORDERS)) > launcher/target/bench/soak.log 2>&1; status=$$?; \
	  grep -E '^(soak:|  +[A-Za-z])|Tests run:|BUILD|ERROR\]' launcher/target/bench/soak.log; exit $$status

run: build $(if $(filter rabbit,$(BINDING)),rabbitmq) ## start Kafka (or RabbitMQ with BINDING=rabbit), Redis, SMTP and the four functions; Ctrl-C stops them
	BINDING=$(BINDING) DATA_DIR=$(DATA_DIR) PROJECT_DIR=$(CURDIR) \
	  java -cp '$(LAUNCHER_CP)' io.fnorders.launcher.LocalStack

events: ## print the events on TOPIC (default products) of the running local Kafka, with headers (read as the operator)
	java -Dlogback.configurationFile=kafka-logback.xml -cp '$(LAUNCHER_CP)' \
	  org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:$${KAFKA_PORT:-9092} \
	  --consumer.config $(DATA_DIR)/kafka/operator.properties \
	  --topic $${TOPIC:-products} --from-beginning --timeout-ms $${TIMEOUT_MS:-5000} \
	  --property print.key=true --property print.headers=true --property print.timestamp=true

token: ## print an access token of the running local stack for CUSTOMER (signed up at first use), or CUSTOMER=admin: TOKEN=$$(make -s token CUSTOMER=alice)
	@DATA_DIR=$(DATA_DIR) PROJECT_DIR=$(CURDIR) java -cp '$(LAUNCHER_CP)' io.fnorders.launcher.TokenCommand $(CUSTOMER)

dlq: ## list the dead letters of TOPIC (default orders) of the running local stack; REPLAY=all or REPLAY=<partition>:<offset>,... replays them to TOPIC
	@java -cp '$(LAUNCHER_CP)' io.fnorders.launcher.DeadLetterConsole $${TOPIC:-orders} $(REPLAY)

images: $(if $(NO_BUILD),,build) ## build the four function images and the identity provider's (functions/Dockerfile) on the running Docker engine
	@docker info >/dev/null 2>&1 || { echo "$(DOCKER_ENGINE_MISSING): no image was built. Start Docker, or build on a machine that has it."; exit 1; }
	for fn in $(FUNCTIONS) identity; do \
	  docker build -f functions/Dockerfile --build-arg FUNCTION=$$fn \
	    --build-arg MODULE_DIR=$$( [ $$fn = identity ] && echo identity || echo functions/$$fn ) \
	    $(if $(JRE_IMAGE),--build-arg JRE_IMAGE=$(JRE_IMAGE)) -t $(FNORDERS_REGISTRY)/$$fn:$(FNORDERS_VERSION) . || exit 1; \
	done

deploy: ## deploy stack/docker-stack.yml as stack STACK (fnorders) on this Swarm; creates missing secrets with random values
	@docker info >/dev/null 2>&1 || { echo "$(DOCKER_ENGINE_MISSING): nothing deployed."; exit 1; }
	@[ "$$(docker info --format '{{.Swarm.LocalNodeState}}')" = active ] || { echo "This engine is not part of a Swarm: run 'docker swarm init' first."; exit 1; }
	@for secret in $(STACK_SECRETS); do \
	  docker secret inspect fnorders_$$secret >/dev/null 2>&1 && continue; \
	  if [ $$secret = gateway_tls_certificate ] || [ $$secret = gateway_tls_key ]; then \
	    docker secret inspect fnorders_gateway_tls_certificate >/dev/null 2>&1 && { echo "fnorders_gateway_tls_certificate exists without fnorders_gateway_tls_key: create the key's secret"; exit 1; }; \
	    dir=$$(mktemp -d); stack/gateway/self-signed-certificate.sh "$$dir" "$${FNORDERS_PUBLIC_URL:-}" | while read -r name file; do \
	      docker secret create fnorders_$$name "$$file" >/dev/null && echo "created secret fnorders_$$name (self-signed: replace it with your own certificate)"; \
	    done; rm -rf "$$dir"; continue; \
	  fi; \
	  if [ $$secret = identity_signing_key ]; then \
	    command -v openssl >/dev/null || { echo "openssl is needed to make the identity provider's signing key"; exit 1; }; \
	    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null; \
	  else od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; fi \
	    | docker secret create fnorders_$$secret - >/dev/null && echo "created secret fnorders_$$secret" || exit 1; \
	done
	@[ -n "$$(docker node ls -q --filter node.label=fnorders.data=true)" ] || \
	  { docker node update --label-add fnorders.data=true "$$(docker info --format {{.Swarm.NodeID}})" >/dev/null && echo "labelled this node fnorders.data=true (Kafka, Redis and the other volumes live here)"; }
	$(CONFIG_VERSIONS) FNORDERS_REGISTRY=$(FNORDERS_REGISTRY) FNORDERS_VERSION=$(FNORDERS_VERSION) \
	  docker stack deploy --prune $(foreach file,$(STACK_FILES),-c $(file)) $(STACK)

undeploy: ## remove the stack (its volumes and secrets stay)
	docker stack rm $(STACK)

scale: ## run N tasks of one function: make scale FN=inventory N=4
	@[ -n "$(FN)" ] && [ -n "$(N)" ] || { echo "usage: make scale FN=<product|inventory|cart|notification> N=<tasks>"; exit 1; }
	docker service scale $(STACK)_$(patsubst %-fn,%,$(FN))-fn=$(N)

swarm-up: $(if $(NO_BUILD),,build) ## the stack on a private single-node Swarm on this machine (engine, images and all built here); URLs at the end
	SWARM_DIR=$(CURDIR)/$(DATA_DIR)/swarm STACK=$(STACK) stack/local/swarm up

swarm-test: $(if $(NO_BUILD),,build) ## swarm-up, the tests in swarm-tests/ against that stack (story, scaling, rolling update, faults, Prometheus), swarm-down
	SWARM_DIR=$(CURDIR)/$(DATA_DIR)/swarm STACK=$(STACK) stack/local/swarm test

swarm-down: ## remove everything swarm-up made: stack, Swarm, daemon, data
	SWARM_DIR=$(CURDIR)/$(DATA_DIR)/swarm STACK=$(STACK) stack/local/swarm down

clean: ## remove build output and all local data (.data: Kafka log, Redis AOF, logs)
	$(MVN) -q clean
	rm -rf $(DATA_DIR)
