package io.zerosync.local.provision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsics against what the provisioner created, with CloudFormation's
 * meanings: a table's Ref is its name, a topic's its ARN, a queue's its URL; GetAtt Arn, QueueName,
 * TopicName, ... An unresolvable reference fails naming where it was.
 */
public final class Intrinsics {
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");
    /** What {@code Ref AWS::NoValue} resolves to: the property (or list item) holding it is dropped. */
    private static final Object NO_VALUE = new Object();

    private final Map<String, Object> parameters;
    private final Map<String, Physical> resources;
    private final Map<String, String> pseudo;
    private final Map<String, Object> conditions;
    private final java.util.function.UnaryOperator<String> endpoints;

    public Intrinsics(Map<String, Object> parameters, Map<String, Physical> resources, Map<String, String> pseudo,
                      Map<String, Object> conditions) {
        this(parameters, resources, pseudo, conditions, java.util.function.UnaryOperator.identity());
    }

    /** @param endpoints rewrites what a {@code !Sub} makes of an AWS endpoint into where it is served locally */
    public Intrinsics(Map<String, Object> parameters, Map<String, Physical> resources, Map<String, String> pseudo,
                      Map<String, Object> conditions, java.util.function.UnaryOperator<String> endpoints) {
        this.parameters = parameters;
        this.resources = resources;
        this.pseudo = pseudo;
        this.conditions = conditions;
        this.endpoints = endpoints;
    }

    public Object resolve(Object value, String where) {
        Object resolved = resolveOrNoValue(value, where);
        return resolved == NO_VALUE ? null : resolved;
    }

    @SuppressWarnings("unchecked")
    private Object resolveOrNoValue(Object value, String where) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            String fn = (String) map.keySet().iterator().next();
            Object arg = map.values().iterator().next();
            switch (fn) {
                case "Ref":
                    return ref((String) arg, where);
                case "Fn::GetAtt": {
                    List<Object> parts = arg instanceof List<?> l ? (List<Object>) l
                            : List.of(((String) arg).split("\\.", 2));
                    return getAtt((String) parts.get(0), (String) resolve(parts.get(1), where), where);
                }
                case "Fn::Sub":
                    return sub(arg, where);
                case "Fn::Join": {
                    List<Object> args = (List<Object>) arg;
                    List<String> items = new ArrayList<>();
                    for (Object item : (List<Object>) resolve(args.get(1), where)) {
                        items.add(String.valueOf(resolve(item, where)));
                    }
                    return String.join((String) args.get(0), items);
                }
                case "Fn::Select": {
                    List<Object> args = (List<Object>) arg;
                    int index = Integer.parseInt(String.valueOf(resolve(args.get(0), where)));
                    return resolve(((List<Object>) resolve(args.get(1), where)).get(index), where);
                }
                case "Fn::Split": {
                    List<Object> args = (List<Object>) arg;
                    return List.of(String.valueOf(resolve(args.get(1), where)).split(Pattern.quote((String) args.get(0)), -1));
                }
                case "Fn::If": {
                    List<Object> args = (List<Object>) arg;
                    return resolveOrNoValue(condition((String) args.get(0), where) ? args.get(1) : args.get(2), where);
                }
                case "Fn::Equals": {
                    List<Object> args = (List<Object>) arg;
                    return String.valueOf(resolve(args.get(0), where)).equals(String.valueOf(resolve(args.get(1), where)));
                }
                case "Fn::Not":
                    return !truthy(resolve(((List<Object>) arg).get(0), where));
                case "Fn::And":
                    return ((List<Object>) arg).stream().allMatch(a -> truthy(resolve(a, where)));
                case "Fn::Or":
                    return ((List<Object>) arg).stream().anyMatch(a -> truthy(resolve(a, where)));
                case "Condition":
                    return condition((String) arg, where);
                default:
                    if (fn.startsWith("Fn::")) {
                        throw new IllegalArgumentException(where + ": " + fn + " is not supported locally");
                    }
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object resolved = resolveOrNoValue(v, where + "." + k);
                if (resolved != NO_VALUE) {
                    out.put((String) k, resolved);
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object resolved = resolveOrNoValue(list.get(i), where + "[" + i + "]");
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        return value;
    }

    public String resolveString(Object value, String where) {
        Object resolved = resolve(value, where);
        return resolved == null ? null : String.valueOf(resolved);
    }

    private Object ref(String name, String where) {
        if ("AWS::NoValue".equals(name)) {
            return NO_VALUE;
        }
        if (pseudo.containsKey(name)) {
            return pseudo.get(name);
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Physical p = resources.get(name);
        if (p == null) {
            throw new IllegalArgumentException(where + ": Ref to unknown resource or parameter \"" + name + "\"");
        }
        return switch (p.type()) {
            case "AWS::SNS::Topic" -> p.arn();
            case "AWS::SQS::Queue" -> p.url();
            default -> p.name();
        };
    }

    private Object getAtt(String logicalId, String attribute, String where) {
        Physical p = resources.get(logicalId);
        if (p == null) {
            throw new IllegalArgumentException(where + ": GetAtt on unknown resource \"" + logicalId + "\"");
        }
        return switch (attribute) {
            case "Arn", "TopicArn" -> p.arn();
            case "QueueName", "TopicName", "Name" -> p.name();
            case "QueueUrl" -> p.url();
            case "StreamArn" -> p.arn() + "/stream/local";
            default -> throw new IllegalArgumentException(where + ": GetAtt " + logicalId + "." + attribute
                    + " is not known locally");
        };
    }

    @SuppressWarnings("unchecked")
    private String sub(Object arg, String where) {
        String template;
        Map<String, Object> vars = Map.of();
        if (arg instanceof List<?> list) {
            template = (String) list.get(0);
            vars = (Map<String, Object>) list.get(1);
        } else {
            template = (String) arg;
        }
        Matcher m = SUB.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (vars.containsKey(name)) {
                replacement = String.valueOf(resolve(vars.get(name), where));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                replacement = String.valueOf(getAtt(name.substring(0, name.indexOf('.')),
                        name.substring(name.indexOf('.') + 1), where));
            } else {
                replacement = String.valueOf(ref(name, where));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return endpoints.apply(out.toString().replace("${!", "${"));
    }

    /** Whether the template's condition {@code name} holds (resources with a false Condition are not created). */
    public boolean condition(String name, String where) {
        Object c = conditions.get(name);
        if (c == null) {
            throw new IllegalArgumentException(where + ": unknown condition \"" + name + "\"");
        }
        return truthy(resolve(c, "Conditions." + name));
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
    }
}
