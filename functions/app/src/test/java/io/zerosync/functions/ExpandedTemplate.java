package io.zerosync.functions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.zerosync.functions.TemplateAgreementTest.cast;
import static io.zerosync.functions.TemplateAgreementTest.section;

/**
 * template.yaml as the checks read it (short tags as text, "!Ref X"), with every AWS::Serverless::Application
 * of a local Location expanded in place: the nested template's resources under the block's ID
 * ({@code ShopDetailView.Queue}), its references renamed into that scope ("!GetAtt ShopDetailView.Queue.Arn"),
 * its parameters replaced by the block's values (text such as "!Ref SyncConcurrency" stays the parent's),
 * its conditions and !If decided, AWS::NoValue dropped, its Globals merged into its functions, and a
 * function's CodeUri made relative to the repository root as the parent's are.
 */
final class ExpandedTemplate {
    static final String APPLICATION = "AWS::Serverless::Application";
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private ExpandedTemplate() {
    }

    /** The parent with its nested applications expanded; {@code edit} may change each nested template first. */
    static Map<String, Object> expand(Map<String, Object> parent, Path root, UnaryOperator<Map<String, Object>> edit) {
        Map<String, Object> resources = new LinkedHashMap<>();
        section(parent, "Resources").forEach((id, r) -> {
            Map<String, Object> resource = cast(r);
            if (!APPLICATION.equals(resource.get("Type"))) {
                resources.put(id, r);
                return;
            }
            Map<String, Object> props = section(resource, "Properties");
            Path location = Path.of((String) props.get("Location"));
            Map<String, Object> child = edit.apply(TemplateAgreementTest.load(root.resolve(location)));
            Scope scope = new Scope(id, child, section(props, "Parameters"));
            Map<String, Object> globals = cast(scope.rewrite(section(section(child, "Globals"), "Function")));
            section(child, "Resources").forEach((childId, cr) -> {
                Map<String, Object> scoped = new LinkedHashMap<>(cast(scope.rewrite(cr)));
                if ("AWS::Serverless::Function".equals(scoped.get("Type"))) {
                    Map<String, Object> fn = new LinkedHashMap<>(globals);
                    fn.putAll(section(scoped, "Properties"));
                    Map<String, Object> env = new LinkedHashMap<>(section(section(globals, "Environment"), "Variables"));
                    env.putAll(section(section(section(scoped, "Properties"), "Environment"), "Variables"));
                    fn.put("Environment", Map.of("Variables", env));
                    if (fn.get("CodeUri") instanceof String uri) {
                        Path dir = location.getParent() == null ? Path.of("") : location.getParent();
                        fn.put("CodeUri", dir.resolve(uri).normalize().toString().replace('\\', '/'));
                    }
                    scoped.put("Properties", fn);
                }
                resources.put(id + "." + childId, scoped);
            });
        });
        Map<String, Object> flat = new LinkedHashMap<>(parent);
        flat.put("Resources", resources);
        return flat;
    }

    /** The IDs of the parent's nested applications (the view blocks). */
    static List<String> applications(Map<String, Object> parent) {
        List<String> ids = new ArrayList<>();
        section(parent, "Resources").forEach((id, r) -> {
            if (APPLICATION.equals(cast(r).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** What the block passes for a parameter of its nested template (text as written), or its default. */
    static Object parameter(Map<String, Object> parent, String block, String name, Path root) {
        Map<String, Object> props = section(cast(section(parent, "Resources").get(block)), "Properties");
        Object given = section(props, "Parameters").get(name);
        if (given != null) {
            return given;
        }
        Map<String, Object> child = TemplateAgreementTest.load(root.resolve((String) props.get("Location")));
        return section(section(child, "Parameters"), name).get("Default");
    }

    private static final class Scope {
        private final String id;
        private final Set<String> resources;
        private final Map<String, Object> conditions;
        private final Map<String, Object> parameters = new LinkedHashMap<>();

        Scope(String id, Map<String, Object> child, Map<String, Object> given) {
            this.id = id;
            this.resources = new HashSet<>(section(child, "Resources").keySet());
            this.conditions = section(child, "Conditions");
            section(child, "Parameters").forEach((name, p) -> {
                Map<String, Object> parameter = cast(p);
                Object value = given.containsKey(name) ? given.get(name) : parameter.get("Default");
                if ("CommaDelimitedList".equals(parameter.get("Type"))) {
                    value = String.valueOf(value == null ? "" : value).isEmpty() ? List.of("")
                            : Arrays.stream(String.valueOf(value).split(",")).map(String::strip).toList();
                }
                parameters.put(name, value);
            });
        }

        Object rewrite(Object value) {
            if (value instanceof String s) {
                return text(s);
            }
            if (value instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("!If")) {
                List<?> args = (List<?>) map.get("!If");
                return rewrite(truthy(condition((String) args.get(0))) ? args.get(1) : args.get(2));
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    Object r = rewrite(v);
                    if (r != NO_VALUE) {
                        out.put((String) k, r);
                    }
                });
                return out;
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                for (Object v : list) {
                    Object r = rewrite(v);
                    if (r != NO_VALUE) {
                        out.add(r);
                    }
                }
                return out;
            }
            return value;
        }

        private Object text(String s) {
            if (s.startsWith("!Ref ")) {
                String name = s.substring(5).strip();
                if (name.equals("AWS::NoValue")) {
                    return NO_VALUE;
                }
                if (parameters.containsKey(name)) {
                    return parameters.get(name);
                }
                return resources.contains(name) ? "!Ref " + id + "." + name : s;
            }
            if (s.startsWith("!GetAtt ")) {
                String target = s.substring(8).strip();
                String resource = target.substring(0, target.indexOf('.'));
                return resources.contains(resource) ? "!GetAtt " + id + "." + target : s;
            }
            if (s.startsWith("!Sub ")) {
                Matcher m = SUB.matcher(s);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String name = m.group(1);
                    String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                    String replacement = parameters.get(name) instanceof String p && !p.startsWith("!") ? p
                            : resources.contains(head) ? "${" + id + "." + name + "}" : m.group(0);
                    m.appendReplacement(out, Matcher.quoteReplacement(replacement));
                }
                m.appendTail(out);
                return out.toString();
            }
            return s;
        }

        private Object condition(String name) {
            if (!conditions.containsKey(name)) {
                throw new IllegalArgumentException(id + ": unknown condition " + name);
            }
            return evaluate(conditions.get(name));
        }

        /** Conditions: !Equals, !Not, !And, !Or, !Join and !Ref of a parameter, as CloudFormation decides them. */
        private Object evaluate(Object expression) {
            if (expression instanceof String s && s.startsWith("!Ref ")) {
                return parameters.get(s.substring(5).strip());
            }
            if (expression instanceof String s && s.startsWith("!Condition ")) {
                return condition(s.substring(11).strip());
            }
            if (expression instanceof Map<?, ?> map && map.size() == 1) {
                String fn = (String) map.keySet().iterator().next();
                List<?> args = map.values().iterator().next() instanceof List<?> l ? l : List.of();
                switch (fn) {
                    case "!Equals":
                        return String.valueOf(evaluate(args.get(0))).equals(String.valueOf(evaluate(args.get(1))));
                    case "!Not":
                        return !truthy(evaluate(args.get(0)));
                    case "!And":
                        return args.stream().allMatch(a -> truthy(evaluate(a)));
                    case "!Or":
                        return args.stream().anyMatch(a -> truthy(evaluate(a)));
                    case "!Join": {
                        Object items = evaluate(args.get(1));
                        return String.join((String) args.get(0), ((List<?>) items).stream().map(String::valueOf).toList());
                    }
                    default:
                        throw new IllegalArgumentException(id + ": " + fn + " is not decided by this check");
                }
            }
            return expression;
        }

        private static boolean truthy(Object v) {
            return v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
        }
    }
}
