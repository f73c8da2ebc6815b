package dev.papers.docker;

import dev.papers.app.Papers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * What the {@code papers} launcher accepts, read from its picocli model: subcommands, options, and which
 * environment variables an option defaults from ({@code ${env:NAME:-default}} or {@code ${NAME:-default}} in
 * its default value).
 */
final class PapersCli {
    static final String MAIN_CLASS = Papers.class.getName();

    /** {@code ${env:NAME}}, {@code ${env:NAME:-default}}, {@code ${NAME}}, {@code ${NAME:-default}}. */
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /** An option whose default comes from an environment variable; {@code fallback} applies when it is unset. */
    record EnvOption(String env, String option, String fallback) {}

    private PapersCli() {}

    static CommandLine commandLine() {
        return Papers.commandLine();
    }

    static List<String> subcommands() {
        return new ArrayList<>(commandLine().getSubcommands().keySet());
    }

    static Optional<CommandSpec> subcommand(String name) {
        CommandLine sub = commandLine().getSubcommands().get(name);
        return Optional.ofNullable(sub).map(CommandLine::getCommandSpec);
    }

    private static final Map<String, Map<String, EnvOption>> ENV_OPTIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Environment variables an option of {@code subcommand} defaults from, keyed by variable name. */
    static Map<String, EnvOption> envOptions(String subcommand) {
        return ENV_OPTIONS.computeIfAbsent(subcommand, PapersCli::readEnvOptions);
    }

    private static Map<String, EnvOption> readEnvOptions(String subcommand) {
        Map<String, EnvOption> out = new LinkedHashMap<>();
        subcommand(subcommand).ifPresent(spec -> {
            for (OptionSpec o : spec.options()) {
                String raw = o.defaultValueString(false);
                if (raw == null) continue;
                Matcher m = ENV_DEFAULT.matcher(raw);
                if (m.matches()) out.put(m.group(1), new EnvOption(m.group(1), o.longestName(), m.group(2)));
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Every environment variable any subcommand reads, sorted. */
    static TreeSet<String> allEnvVars() {
        TreeSet<String> all = new TreeSet<>();
        for (String s : subcommands()) all.addAll(envOptions(s).keySet());
        return all;
    }

    /** Parses {@code args} as the launcher would (nothing runs); throws {@link CommandLine.ParameterException}. */
    static ParseResult parse(List<String> args) {
        return commandLine().parseArgs(args.toArray(String[]::new));
    }

    /**
     * The value an option of the parsed subcommand takes in a container with environment {@code env}: the flag if
     * given, else the environment variable it defaults from, else its default. Independent of this JVM's own
     * environment.
     */
    static Optional<String> effective(ParseResult sub, String option, Map<String, String> env) {
        OptionSpec o = sub.commandSpec().findOption(option);
        if (o == null) return Optional.empty();
        if (sub.hasMatchedOption(o)) {
            List<String> v = sub.matchedOption(o.longestName()).stringValues();
            return Optional.of(v.get(v.size() - 1));
        }
        EnvOption e = envOptions(sub.commandSpec().name()).values().stream()
                .filter(x -> x.option().equals(o.longestName())).findFirst().orElse(null);
        if (e != null) return Optional.ofNullable(env.containsKey(e.env()) ? env.get(e.env()) : e.fallback());
        return Optional.ofNullable(o.defaultValue());
    }
}
