package dev.papers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.papers.common.Topics;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Checks a compose file and the Dockerfiles it builds against the project: every problem found becomes one line
 * of {@link Report#problems()} (an empty list means the stack is consistent). Checked:
 * <ul>
 *   <li>each service has an image or a build whose context and Dockerfile exist; base and service images are pinned
 *       (a tag other than {@code latest}, or a digest); the Kafka image tag is the project's Kafka version, built
 *       images are tagged with the project version;</li>
 *   <li>Dockerfiles: files copied from the build context exist, {@code COPY --from} names an earlier stage, the
 *       launcher's class path entries are copied into the final stage, published ports are {@code EXPOSE}d;</li>
 *   <li>application services ({@code java ... dev.papers.app.Papers}): entrypoint + command parse with the
 *       launcher's own picocli model (subcommand and flags exist, values convert); the environment variables they
 *       set are exactly ones their subcommand reads; bootstrap servers name an advertised listener of the Kafka
 *       service; topic names are those of {@link Topics} and the prefix is the same everywhere; the sink listens on
 *       the published port on every interface;</li>
 *   <li>ordering: services depend on existing services, {@code service_healthy} targets have a healthcheck, every
 *       application waits for a healthy Kafka (they do not retry), and with topic auto-creation off the ingest job
 *       waits for a healthy service that creates the topics;</li>
 *   <li>Kafka: KRaft settings present, published ports are listener ports, single-node replication factors 1.</li>
 * </ul>
 */
final class StackChecker {
    static final Set<String> REQUIRED_SUBCOMMANDS = Set.of("ingest", "processor", "sink");
    /** Subcommands that create the pipeline's topics at start (before the sink's HTTP server answers). */
    static final Set<String> TOPIC_CREATORS = Set.of("processor", "sink");
    static final Map<String, String> TOPIC_OPTIONS = Map.of(
            "--raw-topic", Topics.RAW,
            "--papers-topic", Topics.PAPERS,
            "--by-tag-topic", Topics.PAPERS_BY_TAG,
            "--rejects-topic", Topics.REJECTS);
    /** The official images and the one built from this repository (docker/kafka.Dockerfile, configured the same way). */
    static final Set<String> KAFKA_IMAGES = Set.of("apache/kafka", "apache/kafka-native", "papers-kafka");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");
    private static final YAMLMapper YAML = new YAMLMapper();

    record Port(String hostIp, Integer published, int target) {}

    /** What the checker learned about one service (null/empty where it does not apply). */
    record Service(String name, String image, Path dockerfilePath, Dockerfile dockerfile, List<String> launcherArgs,
                   String subcommand, Map<String, String> env, List<Port> ports, Map<String, String> effective,
                   Map<String, String> dependsOn, String healthcheck, String hostname) {
        boolean isKafka() {
            return image != null && KAFKA_IMAGES.contains(repository(image));
        }
    }

    record Report(List<String> problems, Map<String, Service> services) {}

    private final String kafkaVersion;
    private final String projectVersion;
    private List<String> problems;

    StackChecker(String kafkaVersion, String projectVersion) {
        this.kafkaVersion = kafkaVersion;
        this.projectVersion = projectVersion;
    }

    synchronized Report check(Path composeFile) {
        problems = new ArrayList<>();
        Map<String, Service> services = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = YAML.readTree(composeFile.toFile());
        } catch (IOException e) {
            problem("%s: not valid YAML: %s", composeFile.getFileName(), e.getMessage());
            return new Report(problems, services);
        }
        JsonNode svcs = root == null ? null : root.get("services");
        if (svcs == null || !svcs.isObject() || svcs.isEmpty()) {
            problem("%s: no services", composeFile.getFileName());
            return new Report(problems, services);
        }
        Path dir = composeFile.toAbsolutePath().getParent();
        svcs.fields().forEachRemaining(e -> services.put(e.getKey(), service(e.getKey(), e.getValue(), dir)));

        List<Service> kafkas = services.values().stream().filter(Service::isKafka).toList();
        if (kafkas.isEmpty()) problem("no Kafka service (image %s)", KAFKA_IMAGES);
        kafkas.forEach(k -> checkKafka(k, kafkas.size()));
        Set<String> run = new HashSet<>();
        for (Service s : services.values()) {
            checkDependencies(s, services);
            if (s.subcommand() != null) {
                run.add(s.subcommand());
                checkApplication(s, services, kafkas);
            }
        }
        for (String required : REQUIRED_SUBCOMMANDS) {
            if (!run.contains(required)) problem("no service runs `papers %s`", required);
        }
        Set<String> prefixes = new LinkedHashSet<>();
        services.values().stream().filter(s -> s.effective().containsKey("--topic-prefix"))
                .forEach(s -> prefixes.add(s.effective().get("--topic-prefix")));
        if (prefixes.size() > 1) problem("the services use different topic prefixes %s: they would not see each other's topics", prefixes);
        return new Report(List.copyOf(problems), services);
    }

    // ---------------------------------------------------------------------------------------------------- services

    private Service service(String name, JsonNode s, Path composeDir) {
        String image = text(s.get("image"));
        if (image != null) image = interpolate(name, image);
        JsonNode build = s.get("build");
        Path dockerfilePath = null;
        Dockerfile dockerfile = null;
        if (image == null && build == null) problem("service %s: neither image nor build", name);
        if (build != null) {
            String ctx = build.isTextual() ? build.asText() : Optional.ofNullable(text(build.get("context"))).orElse(".");
            String file = build.isObject() ? Optional.ofNullable(text(build.get("dockerfile"))).orElse("Dockerfile") : "Dockerfile";
            Path context = composeDir.resolve(ctx).normalize();
            if (!Files.isDirectory(context)) {
                problem("service %s: build context %s does not exist", name, ctx);
            } else {
                dockerfilePath = context.resolve(file).normalize();
                if (!Files.isRegularFile(dockerfilePath)) {
                    problem("service %s: Dockerfile %s does not exist (relative to the build context %s)", name, file, ctx);
                    dockerfilePath = null;
                } else {
                    dockerfile = dockerfile(name, dockerfilePath, context);
                }
            }
            if (image != null && !projectVersion.equals(tag(image))) {
                problem("service %s: built image %s should be tagged with the project version %s", name, image, projectVersion);
            }
        } else if (image != null) {
            pinned("service " + name, image);
            if (KAFKA_IMAGES.contains(repository(image)) && !kafkaVersion.equals(tag(image))) {
                problem("service %s: image %s is not the project's Kafka version %s", name, image, kafkaVersion);
            }
        }

        Map<String, String> env = environment(name, s);
        List<Port> ports = ports(name, s.get("ports"));
        for (Port p : ports) {
            if (!"127.0.0.1".equals(p.hostIp())) problem("service %s: publishes port %s on every interface: bind 127.0.0.1", name, p.target());
        }
        Map<String, String> dependsOn = new LinkedHashMap<>();
        JsonNode deps = s.get("depends_on");
        if (deps != null && deps.isArray()) deps.forEach(d -> dependsOn.put(d.asText(), "service_started"));
        if (deps != null && deps.isObject()) {
            deps.fields().forEachRemaining(d -> dependsOn.put(d.getKey(),
                    Optional.ofNullable(text(d.getValue().get("condition"))).orElse("service_started")));
        }
        JsonNode hc = s.get("healthcheck");
        String healthcheck = null;
        if (hc != null && !hc.path("disable").asBoolean(false) && hc.get("test") != null) {
            JsonNode t = hc.get("test");
            healthcheck = t.isArray() ? String.join(" ", strings(t)) : t.asText();
        }

        // An application service: java ... dev.papers.app.Papers <args>, from the compose entrypoint/command or the image.
        List<String> entrypoint = s.has("entrypoint") ? words(s.get("entrypoint"))
                : dockerfile == null ? List.of() : dockerfile.finalStage().last("ENTRYPOINT").map(i -> execForm(name, i)).orElse(List.of());
        List<String> command = s.has("command") ? words(s.get("command"))
                : dockerfile == null ? List.of() : dockerfile.finalStage().last("CMD").map(i -> execForm(name, i)).orElse(List.of());
        int main = entrypoint.indexOf(PapersCli.MAIN_CLASS);
        List<String> launcherArgs = List.of();
        String subcommand = null;
        Map<String, String> effective = new LinkedHashMap<>();
        if (dockerfile != null && main < 0) {
            problem("service %s: its entrypoint %s does not run %s", name, entrypoint, PapersCli.MAIN_CLASS);
        }
        if (main >= 0) {
            // A wrapper script may come before java (the sink's sets --advertised-host): it must be in the image.
            int java = entrypoint.subList(0, main).indexOf("java");
            if (dockerfile != null && java > 0) wrappers(name, dockerfile, entrypoint.subList(0, java));
            if (dockerfile != null) classPath(name, dockerfile, entrypoint.subList(Math.max(java, 0), main));
            List<String> args = new ArrayList<>(entrypoint.subList(main + 1, entrypoint.size()));
            args.addAll(command);
            launcherArgs = List.copyOf(args);
            try {
                ParseResult pr = PapersCli.parse(args);
                if (pr.subcommand() == null) {
                    problem("service %s: `papers %s` runs no subcommand", name, String.join(" ", args));
                } else {
                    ParseResult sub = pr.subcommand();
                    subcommand = sub.commandSpec().name();
                    for (var o : sub.commandSpec().options()) {
                        PapersCli.effective(sub, o.longestName(), env).ifPresent(v -> effective.put(o.longestName(), v));
                    }
                }
            } catch (CommandLine.ParameterException e) {
                problem("service %s: `papers %s` is rejected by the launcher: %s", name, String.join(" ", args), e.getMessage());
            }
        }
        return new Service(name, image, dockerfilePath, dockerfile, launcherArgs, subcommand, env, ports, effective,
                dependsOn, healthcheck, text(s.get("hostname")));
    }

    private void checkApplication(Service s, Map<String, Service> services, List<Service> kafkas) {
        Map<String, PapersCli.EnvOption> readable = PapersCli.envOptions(s.subcommand());
        for (String var : s.env().keySet()) {
            if (!readable.containsKey(var)) {
                problem("service %s: sets %s, which `papers %s` does not read (it reads %s)", s.name(), var, s.subcommand(), readable.keySet());
            }
        }
        for (var t : TOPIC_OPTIONS.entrySet()) {
            String v = s.effective().get(t.getKey());
            if (v != null && !v.equals(t.getValue())) {
                problem("service %s: %s is %s but the pipeline's topic is %s (dev.papers.common.Topics)", s.name(), t.getKey(), v, t.getValue());
            }
        }
        String bootstrap = s.effective().get("--bootstrap-servers");
        if (bootstrap != null) {
            for (String hp : bootstrap.split(",")) {
                if (!advertised(hp.trim(), kafkas)) {
                    problem("service %s: bootstrap server %s is not an advertised listener of a Kafka service in this stack", s.name(), hp.trim());
                }
            }
        }
        // The applications do not retry on startup: Kafka must be up (healthy) before they start.
        for (Service k : kafkas) {
            if (!waitsFor(s, k.name(), services, new HashSet<>())) {
                problem("service %s: does not wait for a healthy %s (depends_on condition service_healthy, directly or through another service)", s.name(), k.name());
            }
        }
        if ("ingest".equals(s.subcommand()) && kafkas.stream().anyMatch(k -> "false".equals(k.env().get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")))) {
            boolean afterTopics = s.dependsOn().entrySet().stream().anyMatch(d -> d.getValue().equals("service_healthy")
                    && services.containsKey(d.getKey()) && services.get(d.getKey()).subcommand() != null
                    && TOPIC_CREATORS.contains(services.get(d.getKey()).subcommand()));
            if (!afterTopics) {
                problem("service %s: topic auto-creation is off, so it must wait for a healthy service that creates the topics (%s)", s.name(), TOPIC_CREATORS);
            }
        }

        String httpPort = s.effective().get("--http-port");
        if (httpPort == null) {
            if (!s.ports().isEmpty()) problem("service %s: publishes ports %s but `papers %s` listens on none", s.name(), s.ports(), s.subcommand());
            return;
        }
        int port = Integer.parseInt(httpPort);
        if (s.ports().isEmpty()) problem("service %s: `papers %s` serves HTTP on %d but publishes no port", s.name(), s.subcommand(), port);
        Set<Integer> exposed = s.dockerfile() == null ? Set.of(port) : exposed(s.dockerfile());
        for (Port p : s.ports()) {
            if (!exposed.contains(p.target())) problem("service %s: publishes container port %d, which its Dockerfile does not EXPOSE", s.name(), p.target());
            if (p.target() != port) problem("service %s: publishes container port %d but `papers %s` listens on %d", s.name(), p.target(), s.subcommand(), port);
        }
        String host = s.effective().get("--http-host");
        if (!s.ports().isEmpty() && host != null && (host.startsWith("127.") || host.equals("localhost") || host.equals("::1"))) {
            problem("service %s: listens on %s, the container's loopback: the published port cannot reach it (use --http-host 0.0.0.0)", s.name(), host);
        }
        if (s.healthcheck() != null) {
            Matcher m = Pattern.compile("https?://[^/:\\s]+:(\\d+)").matcher(s.healthcheck());
            while (m.find()) {
                if (Integer.parseInt(m.group(1)) != port) problem("service %s: healthcheck probes port %s but the service listens on %d", s.name(), m.group(1), port);
            }
        }
    }

    private boolean waitsFor(Service s, String target, Map<String, Service> services, Set<String> seen) {
        if (!seen.add(s.name())) return false;
        for (var d : s.dependsOn().entrySet()) {
            if (d.getKey().equals(target) && d.getValue().equals("service_healthy")) return true;
            Service next = services.get(d.getKey());
            if (next != null && waitsFor(next, target, services, seen)) return true;
        }
        return false;
    }

    private void checkDependencies(Service s, Map<String, Service> services) {
        for (var d : s.dependsOn().entrySet()) {
            Service target = services.get(d.getKey());
            if (target == null) {
                problem("service %s: depends on %s, which is not a service", s.name(), d.getKey());
                continue;
            }
            if (!CONDITIONS.contains(d.getValue())) problem("service %s: unknown depends_on condition %s", s.name(), d.getValue());
            if (d.getValue().equals("service_healthy") && target.healthcheck() == null) {
                problem("service %s: waits for %s to be healthy, but %s has no healthcheck", s.name(), d.getKey(), d.getKey());
            }
        }
        // A cycle would leave compose unable to start anything.
        Deque<String> todo = new ArrayDeque<>(s.dependsOn().keySet());
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (n.equals(s.name())) {
                problem("service %s: depends on itself (cycle)", s.name());
                break;
            }
            if (seen.add(n) && services.containsKey(n)) todo.addAll(services.get(n).dependsOn().keySet());
        }
    }

    // ------------------------------------------------------------------------------------------------------- kafka

    record Listener(String name, String host, int port) {}

    static List<Listener> listeners(String spec) {
        List<Listener> out = new ArrayList<>();
        if (spec == null) return out;
        Matcher m = Pattern.compile("([A-Za-z0-9_]+)://(\\[[^]]*]|[^:,]*):(\\d+)").matcher(spec);
        while (m.find()) out.add(new Listener(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
        return out;
    }

    /** Variables the image's scripts read themselves (docker/resources/common-scripts/kafka-propertiesSpec.json). */
    private static final Set<String> KAFKA_SCRIPT_VARS = Set.of("KAFKA_VERSION", "KAFKA_HEAP_OPTS", "KAFKA_LOG4J_OPTS",
            "KAFKA_OPTS", "KAFKA_JMX_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_LOG4J_ROOT_LOGLEVEL",
            "KAFKA_LOG4J_LOGGERS", "KAFKA_TOOLS_LOG4J_LOGLEVEL");
    private static final Set<String> BROKER_CONFIGS = org.apache.kafka.server.config.AbstractKafkaConfig.CONFIG_DEF.names();
    private static final Pattern SINGLE_UNDERSCORE = Pattern.compile("[^_]_[^_]");

    /**
     * The broker property the apache/kafka image derives from a {@code KAFKA_*} variable (its utility's ConvertKey):
     * {@code _} is a dot, {@code __} an underscore, {@code ___} a dash, all lower case.
     */
    static String brokerProperty(String var) {
        String key = var.substring("KAFKA_".length());
        Matcher m = SINGLE_UNDERSCORE.matcher(key);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(m.group().replace('_', '.')));
        m.appendTail(out);
        return out.toString().replace("___", "-").replace("__", "_").toLowerCase(java.util.Locale.ROOT);
    }

    private boolean advertised(String hostPort, List<Service> kafkas) {
        int c = hostPort.lastIndexOf(':');
        if (c < 0) return false;
        String host = hostPort.substring(0, c);
        String port = hostPort.substring(c + 1);
        for (Service k : kafkas) {
            for (Listener l : listeners(k.env().get("KAFKA_ADVERTISED_LISTENERS"))) {
                if (l.host().equals(host) && String.valueOf(l.port()).equals(port)
                        && (host.equals(k.name()) || host.equals(k.hostname()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void checkKafka(Service k, int brokers) {
        Map<String, String> env = k.env();
        for (String required : List.of("KAFKA_NODE_ID", "KAFKA_PROCESS_ROLES", "KAFKA_LISTENERS", "KAFKA_ADVERTISED_LISTENERS",
                "KAFKA_CONTROLLER_LISTENER_NAMES", "KAFKA_CONTROLLER_QUORUM_VOTERS")) {
            if (!env.containsKey(required)) problem("service %s: KRaft setting %s missing", k.name(), required);
        }
        List<Listener> listeners = listeners(env.get("KAFKA_LISTENERS"));
        Set<String> names = new HashSet<>();
        listeners.forEach(l -> names.add(l.name()));
        for (Listener a : listeners(env.get("KAFKA_ADVERTISED_LISTENERS"))) {
            if (!names.contains(a.name())) problem("service %s: advertised listener %s is not in KAFKA_LISTENERS", k.name(), a.name());
        }
        for (Port p : k.ports()) {
            if (listeners.stream().noneMatch(l -> l.port() == p.target())) {
                problem("service %s: publishes container port %d, which no listener uses", k.name(), p.target());
            }
        }
        for (String var : env.keySet()) {
            if (!var.startsWith("KAFKA_") || KAFKA_SCRIPT_VARS.contains(var)) continue;
            String prop = brokerProperty(var);
            if (!BROKER_CONFIGS.contains(prop) && !prop.startsWith("listener.name.")) {
                problem("service %s: %s would set %s, which is not a Kafka %s broker setting", k.name(), var, prop, kafkaVersion);
            }
        }
        if (brokers == 1) {
            for (String rf : List.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                    "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")) {
                if (!"1".equals(env.get(rf))) problem("service %s: one broker needs %s=1 (consumer groups, exactly-once)", k.name(), rf);
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- Dockerfiles

    private Dockerfile dockerfile(String service, Path path, Path context) {
        Dockerfile df;
        try {
            df = Dockerfile.parse(Files.readString(path));
        } catch (IOException | IllegalArgumentException e) {
            problem("service %s: cannot read %s: %s", service, path.getFileName(), e.getMessage());
            return null;
        }
        String where = "service " + service + " (" + path.getFileName() + ")";
        Set<String> aliases = new HashSet<>();
        for (int i = 0; i < df.stages().size(); i++) {
            Dockerfile.Stage st = df.stages().get(i);
            if (!aliases.contains(st.image().toLowerCase())) pinned(where + " line " + st.line(), st.image());
            for (Dockerfile.Instruction in : st.instructions()) {
                if (!in.keyword().equals("COPY") && !in.keyword().equals("ADD")) continue;
                List<String> w = in.words();
                List<String> sources = w.subList(0, Math.max(0, w.size() - 1));
                String from = in.flags().get("from");
                if (from == null) {
                    for (String src : sources) {
                        if (!existsInContext(context, src)) problem("%s line %d: %s not found in the build context", where, in.line(), src);
                    }
                } else if (!aliases.contains(from.toLowerCase()) && !(from.matches("\\d+") && Integer.parseInt(from) < i)) {
                    if (from.contains(":") || from.contains("/")) pinned(where + " line " + in.line(), from);
                    else problem("%s line %d: COPY --from=%s names no earlier stage", where, in.line(), from);
                }
            }
            if (st.alias() != null) aliases.add(st.alias().toLowerCase());
        }
        return df;
    }

    static Set<Integer> exposed(Dockerfile df) {
        Set<Integer> exposed = new HashSet<>();
        for (Dockerfile.Instruction e : df.finalStage().all("EXPOSE")) {
            for (String p : e.words()) {
                String port = Dockerfile.substitute(p, df.globalArgs()).replaceAll("/.*", "");
                if (port.matches("\\d+")) exposed.add(Integer.parseInt(port));
            }
        }
        return exposed;
    }

    private List<String> execForm(String service, Dockerfile.Instruction i) {
        Optional<List<String>> exec = i.execForm();
        if (exec.isEmpty()) {
            problem("service %s: Dockerfile line %d: %s must use the exec form [\"...\"] (signals reach java, arguments append)",
                    service, i.line(), i.keyword());
            return List.of();
        }
        return exec.get();
    }

    /** Programs the entrypoint runs java through: each must be copied into the final stage. */
    private void wrappers(String service, Dockerfile df, List<String> programs) {
        Set<String> copied = copiedPaths(df.finalStage());
        int entryLine = df.finalStage().last("ENTRYPOINT").map(Dockerfile.Instruction::line).orElse(Integer.MAX_VALUE);
        for (String p : programs) {
            if (!copied.contains(df.finalStage().resolve(p, entryLine))) problem("service %s: entrypoint program %s is not copied into the image", service, p);
        }
    }

    /** Absolute paths the final stage copies (a directory destination also gets each source's name). */
    private static Set<String> copiedPaths(Dockerfile.Stage last) {
        Set<String> copied = new HashSet<>();
        for (Dockerfile.Instruction in : last.instructions()) {
            if (!in.keyword().equals("COPY") && !in.keyword().equals("ADD")) continue;
            List<String> w = in.words();
            String dest = w.get(w.size() - 1);
            String resolved = last.resolve(dest, in.line());
            copied.add(resolved);
            if (dest.endsWith("/")) {
                for (String src : w.subList(0, w.size() - 1)) {
                    String base = Path.of(src.replaceAll("/+$", "")).getFileName().toString();
                    copied.add(resolved + "/" + base);
                }
            }
        }
        return copied;
    }

    /** The launcher's class path: every entry must be copied into the final stage. */
    private void classPath(String service, Dockerfile df, List<String> javaCommand) {
        if (javaCommand.isEmpty() || !javaCommand.get(0).equals("java")) {
            problem("service %s: entrypoint should start with java, not %s", service, javaCommand);
        }
        int cpAt = Math.max(javaCommand.indexOf("-cp"), Math.max(javaCommand.indexOf("-classpath"), javaCommand.indexOf("--class-path")));
        if (cpAt < 0 || cpAt + 1 >= javaCommand.size()) {
            problem("service %s: entrypoint sets no class path (-cp)", service);
            return;
        }
        Dockerfile.Stage last = df.finalStage();
        int entryLine = last.last("ENTRYPOINT").map(Dockerfile.Instruction::line).orElse(Integer.MAX_VALUE);
        Set<String> copied = copiedPaths(last);
        for (String entry : javaCommand.get(cpAt + 1).split(":")) {
            String path = last.resolve(entry.replaceAll("/\\*$", ""), entryLine);
            if (!copied.contains(path)) problem("service %s: class path entry %s (%s) is not copied into the image", service, entry, path);
        }
    }

    private static boolean existsInContext(Path context, String src) {
        Path p = context.resolve(src.replaceAll("^/+", "")).normalize();
        if (!p.startsWith(context)) return false;
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!name.contains("*") && !name.contains("?")) return Files.exists(p);
        if (!Files.isDirectory(p.getParent())) return false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.getParent(), name)) {
            return ds.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private void pinned(String where, String image) {
        if (image.contains("$")) {
            problem("%s: image %s has an unresolved variable", where, image);
        } else if (!image.contains("@sha256:")) {
            String tag = tag(image);
            if (tag == null) problem("%s: image %s is not pinned (no tag)", where, image);
            else if (tag.equals("latest")) problem("%s: image %s is not pinned (latest)", where, image);
        }
    }

    /** The tag of an image reference, or null (a registry port is not a tag). */
    static String tag(String image) {
        String ref = image.replaceAll("@.*", "");
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        return colon > slash ? ref.substring(colon + 1) : null;
    }

    static String repository(String image) {
        String ref = image.replaceAll("@.*", "");
        String tag = tag(ref);
        String repo = tag == null ? ref : ref.substring(0, ref.length() - tag.length() - 1);
        return repo.replaceFirst("^(docker\\.io/)?(library/)?", "");
    }

    private Map<String, String> environment(String service, JsonNode s) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = s.get("environment");
        if (e != null && e.isObject()) e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().isNull() ? null : interpolate(service, f.getValue().asText())));
        if (e != null && e.isArray()) {
            for (JsonNode item : e) {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length == 2 ? interpolate(service, kv[1]) : null);
            }
        }
        if (s.has("env_file")) problem("service %s: env_file is not checked; list the variables under environment", service);
        return env;
    }

    private List<Port> ports(String service, JsonNode ports) {
        List<Port> out = new ArrayList<>();
        if (ports == null) return out;
        for (JsonNode p : ports) {
            try {
                if (p.isObject()) {
                    String pub = text(p.get("published"));
                    out.add(new Port(text(p.get("host_ip")), pub == null ? null : Integer.valueOf(pub), p.get("target").asInt()));
                    continue;
                }
                String spec = interpolate(service, p.asText()).replaceAll("/(tcp|udp)$", "");
                int c = spec.lastIndexOf(':');
                int target = Integer.parseInt(spec.substring(c + 1));
                if (target < 1 || target > 65535) throw new NumberFormatException("out of range");
                if (c < 0) {
                    out.add(new Port(null, null, target));
                } else {
                    String rest = spec.substring(0, c);
                    int c2 = rest.lastIndexOf(':');
                    // A published range (8080-8081) lets `--scale` give each instance its own port: keep its first.
                    Integer published = Integer.valueOf(rest.substring(c2 + 1).replaceAll("-\\d+$", ""));
                    out.add(new Port(c2 < 0 ? null : rest.substring(0, c2), published, target));
                }
            } catch (RuntimeException e) {
                problem("service %s: cannot read port %s", service, p);
            }
        }
        return out;
    }

    private List<String> words(JsonNode n) {
        if (n.isArray()) return strings(n);
        String s = n.asText().trim();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static final Pattern COMPOSE_VAR = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    /** Compose's own ${VAR:-default} substitution, with the defaults: the stack must not need the caller's shell. */
    private String interpolate(String service, String value) {
        Matcher m = COMPOSE_VAR.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String rep;
            if (m.group().equals("$$")) {
                rep = "$";
            } else if (m.group(2) != null) {
                rep = m.group(2);
            } else {
                problem("service %s: ${%s} has no default", service, m.group(1));
                rep = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(rep));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private void problem(String format, Object... args) {
        problems.add(String.format(format, args));
    }
}
