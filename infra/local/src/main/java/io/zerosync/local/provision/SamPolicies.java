package io.zerosync.local.provision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SAM function's Policies as IAM statements, the way SAM expands them into its implicit role: inline
 * {@code Statement} entries as written, and the policy templates the template uses (DynamoDBCrudPolicy,
 * DynamoDBReadPolicy, DynamoDBWritePolicy, SQSSendMessagePolicy, SQSPollerPolicy, SNSPublishMessagePolicy)
 * with SAM's actions and resources. Managed policy names grant nothing here; an unknown template fails.
 */
final class SamPolicies {
    private static final List<String> DYNAMODB_READ = List.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query",
            "dynamodb:BatchGetItem", "dynamodb:DescribeTable");
    private static final List<String> DYNAMODB_CRUD = List.of("dynamodb:GetItem", "dynamodb:DeleteItem",
            "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
            "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem");
    private static final List<String> DYNAMODB_WRITE = List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:BatchWriteItem");
    private static final List<String> SQS_POLLER = List.of("sqs:ChangeMessageVisibility",
            "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage", "sqs:DeleteMessageBatch",
            "sqs:GetQueueAttributes", "sqs:ReceiveMessage");

    private SamPolicies() {
    }

    /** The statements of resolved {@code Policies} entries, in {@code region} and {@code account}. */
    static List<Map<String, Object>> statements(List<?> policies, String region, String account, String where) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object entry : policies) {
            if (!(entry instanceof Map<?, ?> map)) {
                continue; // a managed policy's name or ARN: not modelled locally
            }
            map.forEach((name, args) -> {
                Map<String, Object> a = args instanceof Map<?, ?> ? TemplateSections.map(args) : Map.of();
                String table = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + a.get("TableName");
                List<String> tables = List.of(table, table + "/index/*");
                String queue = "arn:aws:sqs:" + region + ":" + account + ":" + a.get("QueueName");
                switch (String.valueOf(name)) {
                    case "Statement" -> {
                        for (Object s : args instanceof List<?> l ? l : List.of(args)) {
                            statements.add(TemplateSections.map(s));
                        }
                    }
                    case "DynamoDBCrudPolicy" -> statements.add(allow(DYNAMODB_CRUD, tables));
                    case "DynamoDBReadPolicy" -> statements.add(allow(DYNAMODB_READ, tables));
                    case "DynamoDBWritePolicy" -> statements.add(allow(DYNAMODB_WRITE, tables));
                    case "SQSSendMessagePolicy" -> statements.add(allow(List.of("sqs:SendMessage*"), List.of(queue)));
                    case "SQSPollerPolicy" -> statements.add(allow(SQS_POLLER, List.of(queue)));
                    case "SNSPublishMessagePolicy" -> statements.add(allow(List.of("sns:Publish"),
                            List.of("arn:aws:sns:" + region + ":" + account + ":" + a.get("TopicName"))));
                    default -> throw new IllegalArgumentException(where + ": policy template " + name
                            + " is not modelled locally");
                }
            });
        }
        return statements;
    }

    /** What SAM adds to a function's role for an SQS event source: polling its queue. */
    static Map<String, Object> poller(String queueArn) {
        return allow(SQS_POLLER, List.of(queueArn));
    }

    private static Map<String, Object> allow(List<String> actions, List<String> resources) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Action", actions);
        statement.put("Resource", resources);
        return statement;
    }
}
