# papers ingest: a one-shot job publishing listing pages as raw chunks; the bundled demo pages are in /app/demo-data.
# Context docker/, after `mvn -B -DskipTests package` staged the service jars and demo pages in docker/target:
#   docker build -f docker/ingest.Dockerfile -t papers-ingest:0.1.0-SNAPSHOT docker
# BASE_IMAGE: any JRE 17 image (default: the official Temurin one; here: scripts/container-engine.sh's).
# No healthcheck: it runs to completion and its exit status is the answer (0 = every page acknowledged).
ARG BASE_IMAGE=eclipse-temurin:17-jre-noble
FROM ${BASE_IMAGE}
WORKDIR /app
COPY target/lib/ lib/
COPY target/demo-data/*.txt demo-data/
USER 1000:1000
# Options come from PAPERS_* environment variables (see docker/README.md) and/or the container command;
# other pages: mount them and pass their path, e.g. docker compose run --rm -v "$PWD/pages:/pages:ro" ingest /pages
ENTRYPOINT ["java", "-cp", "lib/*", "dev.papers.app.Papers", "ingest"]
CMD ["demo-data"]
