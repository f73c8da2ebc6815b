#!/usr/bin/env bash
# A single Apache Kafka node (KRaft) run from the Maven artifacts in /opt/kafka/libs, configured like the official
# apache/kafka image so compose.yaml works with either: each KAFKA_FOO_BAR variable becomes foo.bar (__ -> _,
# ___ -> -), CLUSTER_ID names the cluster; with no KAFKA_* variable it is a single node on localhost:9092. The
# storage is formatted on the first start only (a restart keeps its data).
set -euo pipefail
conf=/var/lib/kafka/server.properties
data=/var/lib/kafka/data
{
  echo "log.dirs=$data"
  if ! env | grep -qE '^KAFKA_[A-Z]' ; then
    cat <<'DEFAULTS'
node.id=1
process.roles=broker,controller
listeners=PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=PLAINTEXT://localhost:9092
controller.listener.names=CONTROLLER
controller.quorum.voters=1@localhost:9093
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
DEFAULTS
  fi
  env | grep -E '^KAFKA_[A-Z]' | grep -vE '^KAFKA_(HEAP_OPTS|OPTS|JVM_PERFORMANCE_OPTS|LOG4J_OPTS)=' | sort \
    | while IFS='=' read -r name value; do
        key=$(printf '%s' "${name#KAFKA_}" | tr 'A-Z' 'a-z' | sed -e 's/___/-/g' -e 's/__/@/g' -e 's/_/./g' -e 's/@/_/g')
        printf '%s=%s\n' "$key" "$value"
      done
} >"$conf"
cp=(/opt/kafka/libs/*)
cp=$(IFS=:; echo "${cp[*]}")
if [[ ! -f "$data/meta.properties" ]]; then
  java -cp "$cp" kafka.tools.StorageTool format -t "${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}" -c "$conf" --ignore-formatted
fi
# Kafka's own loggers at WARN (thousands of INFO lines per start), the start/stop lines kept.
exec java ${KAFKA_HEAP_OPTS:--Xmx384m -Xms128m} ${KAFKA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info -cp "$cp" kafka.Kafka "$conf"
