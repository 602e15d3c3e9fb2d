package io.zerosync.local.sns;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a queue lets SNS send to it, as SQS decides for a topic's delivery: by the queue's policy
 * (AWS::SQS::QueuePolicy as provisioned). A statement applies when its principal is the SNS service (or
 * anyone), its action covers sqs:SendMessage, its resource the queue, and its condition, if any, is an
 * ArnEquals/ArnLike on aws:SourceArn matching the topic; a matching Deny wins; no Allow means refused.
 * Only the {@code governed} queues (the template's) are checked: queues made outside it (test fixtures) are not.
 */
public final class QueueSendPolicies {
    /** Checks nothing: the SNS endpoint's behaviour before a template is provisioned, or with external AWS. */
    public static final QueueSendPolicies NONE = new QueueSendPolicies(Set.of(), Map.of());

    private final Set<String> governed;
    private final Map<String, List<Map<String, Object>>> byQueueArn;

    /** {@code byQueueArn}: every policy document that applies to each queue; {@code governed}: the queues checked. */
    public QueueSendPolicies(Set<String> governed, Map<String, List<Map<String, Object>>> byQueueArn) {
        this.governed = Set.copyOf(governed);
        this.byQueueArn = Map.copyOf(byQueueArn);
    }

    public boolean allows(String queueArn, String topicArn) {
        if (!governed.contains(queueArn)) {
            return true;
        }
        boolean allowed = false;
        for (Map<String, Object> document : byQueueArn.getOrDefault(queueArn, List.of())) {
            for (Map<String, Object> statement : statements(document)) {
                if (!applies(statement, queueArn, topicArn)) {
                    continue;
                }
                if ("Deny".equals(statement.get("Effect"))) {
                    return false;
                }
                allowed |= "Allow".equals(statement.get("Effect"));
            }
        }
        return allowed;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> document) {
        Object s = document.get("Statement");
        return s instanceof List<?> l ? (List<Map<String, Object>>) l : s instanceof Map<?, ?> m ? List.of((Map<String, Object>) m) : List.of();
    }

    private static boolean applies(Map<String, Object> statement, String queueArn, String topicArn) {
        return snsPrincipal(statement.get("Principal"))
                && anyMatches(statement.get("Action"), "sqs:SendMessage", true)
                && anyMatches(statement.get("Resource"), queueArn, false)
                && condition(statement.get("Condition"), topicArn);
    }

    private static boolean snsPrincipal(Object principal) {
        if ("*".equals(principal)) {
            return true;
        }
        if (principal instanceof Map<?, ?> m) {
            return anyMatches(m.get("Service"), "sns.amazonaws.com", true) || "*".equals(m.get("AWS"));
        }
        return false;
    }

    /** A condition block holding only ArnEquals/ArnLike on aws:SourceArn, all satisfied by the topic. */
    private static boolean condition(Object condition, String topicArn) {
        if (condition == null) {
            return true;
        }
        if (!(condition instanceof Map<?, ?> operators)) {
            return false;
        }
        for (var op : operators.entrySet()) {
            String operator = String.valueOf(op.getKey());
            if (!operator.equals("ArnEquals") && !operator.equals("ArnLike")) {
                return false; // an operator not evaluated here does not grant
            }
            if (!(op.getValue() instanceof Map<?, ?> keys)) {
                return false;
            }
            for (var key : keys.entrySet()) {
                if (!"aws:sourcearn".equals(String.valueOf(key.getKey()).toLowerCase(Locale.ROOT))
                        || !anyMatches(key.getValue(), topicArn, false)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True when {@code patterns} (a string or a list) has one matching {@code value}, with * and ? wildcards. */
    private static boolean anyMatches(Object patterns, String value, boolean ignoreCase) {
        List<?> list = patterns instanceof List<?> l ? l : patterns == null ? List.of() : List.of(patterns);
        for (Object p : list) {
            String regex = ("\\Q" + p + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
            if (Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }
}
