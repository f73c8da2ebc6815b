# papers sink: materializes the catalogue topics into state stores and serves them over HTTP (port 8080).
# Build context is the repository root:  docker build -f docker/sink.Dockerfile -t papers-sink:0.1.0-SNAPSHOT .
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
RUN mkdir data && chown 1000:1000 data
USER 1000:1000
EXPOSE 8080
# Options come from PAPERS_* environment variables (see docker/README.md) and/or the container command.
ENTRYPOINT ["java", "-cp", "papers.jar:lib/*", "dev.papers.app.Papers", "sink"]
# Listen on every interface of the container, not only on its loopback.
CMD ["--http-host", "0.0.0.0", "--http-port", "8080"]
