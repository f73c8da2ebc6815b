# A Kafka broker image built from the Maven artifacts of the project's Kafka version (kafka.Kafka, KRaft), for where
# apache/kafka cannot be pulled; configured like apache/kafka (KAFKA_* variables, CLUSTER_ID; docker/bin/kafka-run.sh).
# Context docker/, after `mvn -B -DskipTests package` staged the jars in docker/target/broker-lib:
#   docker build -f docker/kafka.Dockerfile -t papers-kafka:4.3.1 docker
# BASE_IMAGE: any JRE 17 image with bash (default: the official Temurin one; here: scripts/container-engine.sh's).
ARG BASE_IMAGE=eclipse-temurin:17-jre-noble
FROM ${BASE_IMAGE}
COPY target/broker-lib/ /opt/kafka/libs/
COPY bin/kafka-run.sh bin/kafka-configs.sh /opt/kafka/bin/
RUN mkdir -p /var/lib/kafka/data && chown -R 1000:1000 /var/lib/kafka
USER 1000:1000
VOLUME /var/lib/kafka/data
EXPOSE 9092
HEALTHCHECK --interval=10s --timeout=20s --start-period=10s --retries=30 \
  CMD ["/opt/kafka/bin/kafka-configs.sh", "--bootstrap-server", "localhost:9092", "--describe", "--entity-type", "brokers", "--entity-name", "1"]
ENTRYPOINT ["/opt/kafka/bin/kafka-run.sh"]
