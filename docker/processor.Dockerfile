# papers processor: the Kafka Streams stage (reassemble -> parse -> dedup, exactly-once -> tag).
# Context docker/, after `mvn -B -DskipTests package` staged the service jars in docker/target/lib (no Maven in the
# image, no benchmark, test or Kafka server jars):
#   docker build -f docker/processor.Dockerfile -t papers-processor:0.1.0-SNAPSHOT docker
# BASE_IMAGE: any JRE 17 image with curl (default: the official Temurin one; here: scripts/container-engine.sh's).
ARG BASE_IMAGE=eclipse-temurin:17-jre-noble
FROM ${BASE_IMAGE}
WORKDIR /app
COPY target/lib/ lib/
RUN mkdir data && chown 1000:1000 data
USER 1000:1000
# State stores (RocksDB): kept across restarts of the container; give it a named volume to keep it across re-creation.
VOLUME /app/data
# /health/live answers 503 once the Kafka Streams client is dead (the process then exits with status 3).
HEALTHCHECK --interval=5s --timeout=5s --start-period=20s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8081/health/live"]
# Options come from PAPERS_* environment variables (see docker/README.md) and/or the container command.
ENTRYPOINT ["java", "-cp", "lib/*", "dev.papers.app.Papers", "processor"]
