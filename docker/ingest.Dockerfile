# papers ingest: a one-shot job publishing listing pages as raw chunks; the bundled demo pages are in /app/demo-data.
# Build context is the repository root:  docker build -f docker/ingest.Dockerfile -t papers-ingest:0.1.0-SNAPSHOT .
# The three service Dockerfiles share the same build stage, so BuildKit builds it once for all of them.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl app -am package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib

FROM eclipse-temurin:17-jre-noble
WORKDIR /app
COPY --from=build /src/app/target/papers.jar papers.jar
COPY --from=build /src/app/target/lib/ lib/
COPY demo-data/*.txt demo-data/
USER 1000:1000
# Options come from PAPERS_* environment variables (see docker/README.md) and/or the container command;
# other pages: mount them and pass their path, e.g. docker compose run --rm -v "$PWD/pages:/pages:ro" ingest /pages
ENTRYPOINT ["java", "-cp", "papers.jar:lib/*", "dev.papers.app.Papers", "ingest"]
CMD ["demo-data"]
