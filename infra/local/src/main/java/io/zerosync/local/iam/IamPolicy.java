package io.zerosync.local.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One function's identity policy, evaluated as IAM does for a single action on a single resource: an
 * explicit Deny wins, else some Allow must match, else it is denied. Action and Resource (strings or lists)
 * match with IAM's * and ? wildcards, actions case-insensitively. Region and account of an ARN are not
 * compared (the local emulators name their own: DynamoDB Local {@code ddblocal}, ElasticMQ {@code elasticmq}).
 * A statement with a Condition, NotAction or NotResource is not evaluated here and grants nothing.
 */
public final class IamPolicy {
    private final List<Map<String, Object>> statements;

    public IamPolicy(List<Map<String, Object>> statements) {
        this.statements = List.copyOf(statements);
    }

    public boolean allows(String action, String resource) {
        boolean allowed = false;
        for (Map<String, Object> s : statements) {
            if (s.containsKey("Condition") || s.containsKey("NotAction") || s.containsKey("NotResource")) {
                continue;
            }
            if (!matches(s.get("Action"), action, true) || !matches(s.get("Resource"), resource, false)) {
                continue;
            }
            if ("Deny".equals(s.get("Effect"))) {
                return false;
            }
            allowed |= "Allow".equals(s.get("Effect"));
        }
        return allowed;
    }

    private static boolean matches(Object patterns, String value, boolean ignoreCase) {
        List<?> list = patterns instanceof List<?> l ? l : patterns == null ? List.of() : List.of(patterns);
        String subject = ignoreCase ? value : withoutRegionAndAccount(value);
        for (Object p : list) {
            String pattern = ignoreCase ? String.valueOf(p) : withoutRegionAndAccount(String.valueOf(p));
            String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
            if (Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(subject).matches()) {
                return true;
            }
        }
        return false;
    }

    /** arn:partition:service:region:account:rest with region and account blanked ("*" stays "*"). */
    static String withoutRegionAndAccount(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            return arn;
        }
        return String.join(":", parts[0], parts[1].toLowerCase(Locale.ROOT), parts[2], "", "", parts[5]);
    }
}
