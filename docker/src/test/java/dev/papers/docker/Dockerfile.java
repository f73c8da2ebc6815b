package dev.papers.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Dockerfile parser to check one: instructions (continuation lines joined, comments dropped),
 * stages, {@code --flag=value} options, exec-form (JSON array) arguments and global {@code ARG} defaults.
 */
record Dockerfile(List<Stage> stages, Map<String, String> globalArgs) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FLAG = Pattern.compile("--([a-z-]+)(?:=(\\S*))?");

    /** One instruction: keyword in upper case, its {@code --flags}, the rest of the line, its 1-based line. */
    record Instruction(String keyword, Map<String, String> flags, String args, int line) {
        /** The arguments as a list: exec form (a JSON array) if it is one, otherwise split on whitespace. */
        List<String> words() {
            return execForm().orElseGet(() -> Arrays.asList(args.trim().split("\\s+")));
        }

        /** The JSON-array ("exec") form of the arguments, if they are written that way. */
        Optional<List<String>> execForm() {
            String a = args.trim();
            if (!a.startsWith("[")) return Optional.empty();
            try {
                return Optional.of(Arrays.asList(JSON.readValue(a, String[].class)));
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }
    }

    /** A build stage: its base image (ARGs resolved), its alias (may be null) and its instructions after FROM. */
    record Stage(String image, String alias, int line, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> l = all(keyword);
            return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
        }

        /** Absolute path of {@code path} inside the image, relative paths resolved against the stage's last WORKDIR. */
        String resolve(String path, int beforeLine) {
            String wd = "/";
            for (Instruction i : instructions) {
                if (i.line() > beforeLine) break;
                if (i.keyword().equals("WORKDIR")) wd = join(wd, i.args().trim());
            }
            return join(wd, path);
        }

        private static String join(String dir, String path) {
            String p = path.startsWith("/") ? path : (dir.endsWith("/") ? dir : dir + "/") + path;
            List<String> parts = new ArrayList<>();
            for (String s : p.split("/")) {
                if (s.isEmpty() || s.equals(".")) continue;
                if (s.equals("..")) {
                    if (!parts.isEmpty()) parts.remove(parts.size() - 1);
                } else {
                    parts.add(s);
                }
            }
            return "/" + String.join("/", parts);
        }
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    Optional<Stage> stage(String alias) {
        return stages.stream().filter(s -> alias.equalsIgnoreCase(s.alias())).findFirst();
    }

    static Dockerfile parse(String text) {
        List<Instruction> all = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder cur = null;
        int start = 0;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) continue; // comments (also inside a continued instruction) and directives
            if (cur == null) {
                if (trimmed.isEmpty()) continue;
                cur = new StringBuilder();
                start = n + 1;
            }
            boolean continued = trimmed.endsWith("\\");
            cur.append(continued ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed).append(' ');
            if (!continued) {
                all.add(instruction(cur.toString().trim(), start));
                cur = null;
            }
        }
        if (cur != null) all.add(instruction(cur.toString().trim(), start));

        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        List<Instruction> body = null;
        for (Instruction i : all) {
            if (i.keyword().equals("FROM")) {
                String[] w = i.args().trim().split("\\s+");
                String image = substitute(w[0], globalArgs);
                String alias = w.length >= 3 && w[1].equalsIgnoreCase("AS") ? w[2] : null;
                body = new ArrayList<>();
                stages.add(new Stage(image, alias, i.line(), body));
            } else if (body == null) {
                if (!i.keyword().equals("ARG")) throw new IllegalArgumentException("line " + i.line() + ": " + i.keyword() + " before FROM");
                String[] kv = i.args().trim().split("=", 2);
                globalArgs.put(kv[0], kv.length == 2 ? unquote(kv[1]) : null);
            } else {
                body.add(i);
            }
        }
        if (stages.isEmpty()) throw new IllegalArgumentException("no FROM instruction");
        return new Dockerfile(List.copyOf(stages), Map.copyOf(globalArgs.entrySet().stream()
                .filter(e -> e.getValue() != null).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }

    private static Instruction instruction(String text, int line) {
        String[] kw = text.split("\\s+", 2);
        String rest = kw.length > 1 ? kw[1] : "";
        Map<String, String> flags = new LinkedHashMap<>();
        while (rest.startsWith("--")) {
            String[] f = rest.split("\\s+", 2);
            Matcher m = FLAG.matcher(f[0]);
            if (!m.matches()) break;
            flags.put(m.group(1), m.group(2) == null ? "" : m.group(2));
            rest = f.length > 1 ? f[1] : "";
        }
        return new Instruction(kw[0].toUpperCase(Locale.ROOT), Map.copyOf(flags), rest, line);
    }

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** Replaces {@code ${NAME}}/{@code $NAME} by the ARG default, leaving unknown ones as they are. */
    static String substitute(String s, Map<String, String> args) {
        Matcher m = VAR.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String v = args.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1) : s;
    }
}
