# papers sink: materializes the catalogue topics into state stores and serves them over HTTP (port 8080).
# Context docker/, after `mvn -B -DskipTests package` staged the service jars in docker/target/lib:
#   docker build -f docker/sink.Dockerfile -t papers-sink:0.1.0-SNAPSHOT docker
# BASE_IMAGE: any JRE 17 image with curl (default: the official Temurin one; here: scripts/container-engine.sh's).
ARG BASE_IMAGE=eclipse-temurin:17-jre-noble
FROM ${BASE_IMAGE}
WORKDIR /app
COPY target/lib/ lib/
RUN mkdir data && chown 1000:1000 data
COPY bin/advertise-hostname.sh bin/
USER 1000:1000
VOLUME /app/data
EXPOSE 8080
# Ready = Kafka Streams RUNNING, stores queryable, search index complete.
HEALTHCHECK --interval=5s --timeout=5s --start-period=20s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/health/ready"]
# The other sinks reach this one at the container's hostname (its short id, resolvable on the network) unless
# --advertised-host is given: several sinks (compose --scale sink=2) each advertise their own address.
ENTRYPOINT ["bin/advertise-hostname.sh", "java", "-cp", "lib/*", "dev.papers.app.Papers", "sink"]
# Listen on every interface of the container, not only on its loopback.
CMD ["--http-host", "0.0.0.0", "--http-port", "8080"]
