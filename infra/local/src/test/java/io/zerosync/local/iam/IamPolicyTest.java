package io.zerosync.local.iam;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local IAM check: which action on which resource a request needs, and whether a role allows it. */
class IamPolicyTest {
    private static final String TABLE = "arn:aws:dynamodb:ddblocal:000000000000:table/stk-view-a";

    private final IamPolicy policy = new IamPolicy(List.of(
            Map.of("Effect", "Allow", "Action", List.of("dynamodb:GetItem", "dynamodb:Query"),
                    "Resource", List.of(TABLE, TABLE + "/index/*")),
            Map.of("Effect", "Allow", "Action", "sqs:ListQueues", "Resource", "*"),
            Map.of("Effect", "Allow", "Action", "sqs:SendMessage*",
                    "Resource", "arn:aws:sqs:us-east-1:000000000000:stk-view-*"),
            Map.of("Effect", "Deny", "Action", "sqs:SendMessage", "Resource", "arn:aws:sqs:us-east-1:000000000000:stk-view-x"),
            Map.of("Effect", "Allow", "Action", "dynamodb:PutItem", "Resource", TABLE,
                    "Condition", Map.of("StringEquals", Map.of("aws:RequestTag/x", "y")))));

    @Test
    void allowsWhatAStatementGrants_ignoringTheEmulatorsRegionAndAccount() {
        assertTrue(policy.allows("dynamodb:GetItem", "arn:aws:dynamodb:local:local:table/stk-view-a"));
        assertTrue(policy.allows("dynamodb:query", "arn:aws:dynamodb:local:local:table/stk-view-a/index/ByX"));
        assertTrue(policy.allows("sqs:ListQueues", "arn:aws:sqs:local:local:*"));
        assertTrue(policy.allows("sqs:SendMessage", "arn:aws:sqs:local:local:stk-view-a"));
    }

    @Test
    void deniesWhatNoStatementGrants_anExplicitDeny_andWhatOnlyAConditionalStatementGrants() {
        assertFalse(policy.allows("dynamodb:PutItem", "arn:aws:dynamodb:local:local:table/stk-view-a"));
        assertFalse(policy.allows("dynamodb:GetItem", "arn:aws:dynamodb:local:local:table/stk-view-b"));
        assertFalse(policy.allows("sqs:SendMessage", "arn:aws:sqs:local:local:stk-view-x"));
        assertFalse(policy.allows("sqs:ReceiveMessage", "arn:aws:sqs:local:local:stk-view-a"));
        assertFalse(new IamPolicy(List.of()).allows("sqs:ListQueues", "*"));
    }

    @Test
    void readsTheCallsARequestMakes() throws Exception {
        assertArrayEquals(new String[] {"dynamodb:Query", "arn:aws:dynamodb:local:local:table/t/index/ByX"},
                IamHop.calls("DynamoDB_20120810.Query", bytes("{\"TableName\":\"t\",\"IndexName\":\"ByX\"}")).get(0));
        List<String[]> transaction = IamHop.calls("DynamoDB_20120810.TransactWriteItems", bytes(
                "{\"TransactItems\":[{\"Put\":{\"TableName\":\"a\"}},{\"ConditionCheck\":{\"TableName\":\"b\"}}]}"));
        assertEquals(List.of("dynamodb:PutItem", "dynamodb:ConditionCheckItem"), transaction.stream().map(c -> c[0]).toList());
        assertEquals("arn:aws:dynamodb:local:local:table/b", transaction.get(1)[1]);
        assertArrayEquals(new String[] {"sqs:SendMessage", "arn:aws:sqs:local:local:q1"}, IamHop.calls(
                "AmazonSQS.SendMessageBatch", bytes("{\"QueueUrl\":\"http://localhost:9324/000000000000/q1\"}")).get(0));
        assertEquals("Fn.SyncFunction", IamHop.accessKey(
                "AWS4-HMAC-SHA256 Credential=Fn.SyncFunction/20261206/us-east-1/dynamodb/aws4_request, SignedHeaders=host"));
        assertNull(IamHop.accessKey(null));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
