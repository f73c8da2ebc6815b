#!/usr/bin/env bash
# kafka-configs.sh as in the apache/kafka image (the compose healthcheck asks the broker for its configuration).
exec java -Xmx64m -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp '/opt/kafka/libs/*' kafka.admin.ConfigCommand "$@"
