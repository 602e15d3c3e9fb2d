package io.zerosync.local.provision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code AWS::Serverless::Application} blocks whose Location is a local file into the parent, as a
 * nested stack would hold them: the child's resources under the block's logical ID as a scope
 * ({@code ShopDetailView.Table}), its Ref/GetAtt/Sub/Condition references renamed into that scope, its
 * parameters replaced by the block's values (or their defaults), its conditions added (scoped), its Globals
 * merged into its own functions (a parent's Globals do not reach a nested stack), and the parent's
 * {@code !GetAtt Block.Outputs.X} replaced by the output's expression. What comes out is one flat template
 * the provisioner and {@link Stack} read as before.
 */
public final class NestedApplications {
    private static final String TYPE = "AWS::Serverless::Application";
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private NestedApplications() {
    }

    /** The template with every local nested application expanded; {@code file} is where it was read from. */
    public static Map<String, Object> expand(Map<String, Object> template, Path file) {
        Map<String, Object> resources = TemplateSections.resources(template);
        if (resources.values().stream().noneMatch(r -> TYPE.equals(TemplateSections.map(r).get("Type")))) {
            return template;
        }
        Map<String, Object> flatResources = new LinkedHashMap<>();
        Map<String, Object> conditions = new LinkedHashMap<>(TemplateSections.map(template.get("Conditions")));
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        resources.forEach((id, r) -> {
            Map<String, Object> resource = TemplateSections.map(r);
            if (!TYPE.equals(resource.get("Type"))) {
                flatResources.put(id, r);
                return;
            }
            Map<String, Object> props = TemplateSections.map(resource.get("Properties"));
            if (!(props.get("Location") instanceof String location) || location.contains("://")) {
                throw new IllegalArgumentException(id + ": only a local Location (a file path) is expanded locally");
            }
            Path childFile = (file.toAbsolutePath().getParent() == null ? Path.of("") : file.toAbsolutePath().getParent())
                    .resolve(location).normalize();
            Map<String, Object> child = expand(CfnYaml.read(childFile), childFile);
            Scope scope = new Scope(id, child, TemplateSections.map(props.get("Parameters")));
            Map<String, Object> childGlobals = TemplateSections.path(child, "Globals", "Function");
            TemplateSections.resources(child).forEach((childId, cr) -> {
                Map<String, Object> scoped = new LinkedHashMap<>(TemplateSections.map(scope.rewrite(cr)));
                if (scoped.get("Condition") instanceof String c) {
                    scoped.put("Condition", scope.scoped(c));
                }
                Object dependsOn = scoped.get("DependsOn");
                if (dependsOn instanceof String d) {
                    scoped.put("DependsOn", scope.scoped(d));
                } else if (dependsOn instanceof List<?> l) {
                    scoped.put("DependsOn", l.stream().map(d -> scope.scoped((String) d)).toList());
                }
                if ("AWS::Serverless::Function".equals(scoped.get("Type"))) {
                    scoped.put("Properties", withGlobals(TemplateSections.map(scoped.get("Properties")),
                            TemplateSections.map(scope.rewrite(childGlobals))));
                }
                flatResources.put(id + "." + childId, scoped);
            });
            TemplateSections.map(child.get("Conditions")).forEach((name, c) -> conditions.put(id + "." + name, scope.rewrite(c)));
            Map<String, Object> values = new LinkedHashMap<>();
            TemplateSections.map(child.get("Outputs")).forEach((name, o) ->
                    values.put(name, scope.rewrite(TemplateSections.map(o).get("Value"))));
            outputs.put(id, values);
        });
        Map<String, Object> flat = new LinkedHashMap<>(template);
        flat.put("Resources", outputsReplaced(flatResources, outputs));
        flat.put("Conditions", outputsReplaced(conditions, outputs));
        if (template.containsKey("Outputs")) {
            flat.put("Outputs", outputsReplaced(template.get("Outputs"), outputs));
        }
        return flat;
    }

    /**
     * The function's properties with the nested template's Globals under them (its own settings win; its
     * environment variables are merged over the Globals'), marked so {@link Stack} does not add the parent's.
     */
    private static Map<String, Object> withGlobals(Map<String, Object> props, Map<String, Object> globals) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        merged.putAll(props);
        Map<String, Object> env = new LinkedHashMap<>(TemplateSections.path(globals, "Environment", "Variables"));
        env.putAll(TemplateSections.path(props, "Environment", "Variables"));
        merged.put("Environment", Map.of("Variables", env));
        merged.put(Stack.NESTED_GLOBALS_APPLIED, true);
        return merged;
    }

    /** {@code Fn::GetAtt [Block, Outputs.X]} (and {@code ${Block.Outputs.X}} in a Sub) become the output's value. */
    @SuppressWarnings("unchecked")
    private static Object outputsReplaced(Object value, Map<String, Map<String, Object>> outputs) {
        if (value instanceof Map<?, ?> map && map.size() == 1 && map.get("Fn::GetAtt") instanceof List<?> parts
                && parts.size() == 2 && outputs.containsKey(String.valueOf(parts.get(0)))
                && String.valueOf(parts.get(1)).startsWith("Outputs.")) {
            String block = String.valueOf(parts.get(0));
            String name = String.valueOf(parts.get(1)).substring("Outputs.".length());
            if (!outputs.get(block).containsKey(name)) {
                throw new IllegalArgumentException(block + " has no output " + name);
            }
            return outputs.get(block).get(name);
        }
        if (value instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("Fn::Sub")) {
            Object arg = map.get("Fn::Sub");
            String text = arg instanceof List<?> l ? (String) l.get(0) : (String) arg;
            Map<String, Object> vars = new LinkedHashMap<>(arg instanceof List<?> l ? (Map<String, Object>) l.get(1) : Map.of());
            Matcher m = SUB.matcher(text);
            while (m.find()) {
                String[] parts = m.group(1).split("\\.", 3);
                if (parts.length == 3 && "Outputs".equals(parts[1]) && outputs.containsKey(parts[0]) && !vars.containsKey(m.group(1))) {
                    vars.put(m.group(1), outputs.get(parts[0]).get(parts[2]));
                }
            }
            vars.replaceAll((k, v) -> outputsReplaced(v, outputs));
            return Map.of("Fn::Sub", List.of(text, vars));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, outputsReplaced(v, outputs)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(outputsReplaced(v, outputs)));
            return out;
        }
        return value;
    }

    /** One nested application: its logical ID, its resources and conditions, and its parameters' values. */
    private static final class Scope {
        private final String id;
        private final Set<String> resources;
        private final Set<String> conditions;
        private final Map<String, Object> parameters = new LinkedHashMap<>();

        Scope(String id, Map<String, Object> child, Map<String, Object> given) {
            this.id = id;
            this.resources = new HashSet<>(TemplateSections.resources(child).keySet());
            this.conditions = new HashSet<>(TemplateSections.map(child.get("Conditions")).keySet());
            Map<String, Object> declared = TemplateSections.map(child.get("Parameters"));
            for (String name : given.keySet()) {
                if (!declared.containsKey(name)) {
                    throw new IllegalArgumentException(id + ": the nested template has no parameter " + name);
                }
            }
            declared.forEach((name, p) -> {
                Map<String, Object> parameter = TemplateSections.map(p);
                Object value = given.containsKey(name) ? given.get(name) : parameter.get("Default");
                if (value == null && !parameter.containsKey("Default")) {
                    throw new IllegalArgumentException(id + ": parameter " + name + " has no value and no default");
                }
                // A list parameter is passed as text, as CloudFormation passes it to a nested stack.
                parameters.put(name, "CommaDelimitedList".equals(parameter.get("Type"))
                        ? Map.of("Fn::Split", List.of(",", value == null ? "" : value)) : value);
            });
        }

        String scoped(String name) {
            return id + "." + name;
        }

        @SuppressWarnings("unchecked")
        Object rewrite(Object value) {
            if (value instanceof Map<?, ?> map && map.size() == 1) {
                String fn = (String) map.keySet().iterator().next();
                Object arg = map.values().iterator().next();
                switch (fn) {
                    case "Ref": {
                        String name = (String) arg;
                        if (parameters.containsKey(name)) {
                            return parameters.get(name); // the parent's expression: already in the parent's scope
                        }
                        return resources.contains(name) ? Map.of("Ref", scoped(name)) : value;
                    }
                    case "Fn::GetAtt": {
                        List<Object> parts = arg instanceof List<?> l ? (List<Object>) l : List.of(((String) arg).split("\\.", 2));
                        String target = (String) parts.get(0);
                        return Map.of("Fn::GetAtt", List.of(resources.contains(target) ? scoped(target) : target,
                                rewrite(parts.get(1))));
                    }
                    case "Fn::Sub":
                        return sub(arg);
                    case "Fn::If": {
                        List<Object> args = (List<Object>) arg;
                        return Map.of("Fn::If", List.of(conditionName((String) args.get(0)), rewrite(args.get(1)), rewrite(args.get(2))));
                    }
                    case "Condition":
                        return Map.of("Condition", conditionName((String) arg));
                    default:
                        break;
                }
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put((String) k, rewrite(v)));
                return out;
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                list.forEach(v -> out.add(rewrite(v)));
                return out;
            }
            return value;
        }

        private String conditionName(String name) {
            return conditions.contains(name) ? scoped(name) : name;
        }

        /** A Sub whose names of this scope's parameters and resources are bound as variables of the parent's scope. */
        @SuppressWarnings("unchecked")
        private Object sub(Object arg) {
            String text = arg instanceof List<?> l ? (String) l.get(0) : (String) arg;
            Map<String, Object> vars = new LinkedHashMap<>();
            if (arg instanceof List<?> l) {
                ((Map<String, Object>) l.get(1)).forEach((k, v) -> vars.put(k, rewrite(v)));
            }
            Matcher m = SUB.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                if (vars.containsKey(name)) {
                    continue;
                }
                int dot = name.indexOf('.');
                if (parameters.containsKey(name)) {
                    vars.put(name, parameters.get(name));
                } else if (resources.contains(name)) {
                    vars.put(name, Map.of("Ref", scoped(name)));
                } else if (dot > 0 && resources.contains(name.substring(0, dot))) {
                    vars.put(name, Map.of("Fn::GetAtt", List.of(scoped(name.substring(0, dot)), name.substring(dot + 1))));
                }
            }
            return Map.of("Fn::Sub", List.of(text, vars));
        }
    }
}
