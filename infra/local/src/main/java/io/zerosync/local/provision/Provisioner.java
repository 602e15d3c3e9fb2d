package io.zerosync.local.provision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates what template.yaml declares — tables (keys, GSIs, TTL), topics, queues with their redrive
 * policies, subscriptions — through the ordinary SDK clients, so the same code provisions the embedded
 * local cloud, LocalStack or an account. Every resource is named by its logical ID (plus an optional
 * prefix). Idempotent: running it again changes nothing.
 */
public final class Provisioner {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final String region;
    private final String accountId;
    private final String prefix;
    private String localApiUrl;

    /**
     * Where this stack's APIs are served locally: every {@code https://<api>.execute-api.<region>.amazonaws.com/<stage>}
     * a {@code !Sub} makes (a function's source API URL, a view's registered source) becomes this URL; a URL to
     * anywhere else (another team's source) is left as it is.
     */
    public Provisioner withLocalApiUrl(String url) {
        this.localApiUrl = url;
        return this;
    }

    public Provisioner(DynamoDbClient dynamo, SnsClient sns, SqsClient sqs, String region, String accountId, String prefix) {
        this.dynamo = dynamo;
        this.sns = sns;
        this.sqs = sqs;
        this.region = region;
        this.accountId = accountId;
        this.prefix = prefix == null ? "" : prefix;
    }

    public Stack provision(Path templateFile, Map<String, Object> parameterOverrides) {
        // Nested applications with a local Location become scoped resources of one flat template.
        Map<String, Object> template = NestedApplications.expand(CfnYaml.read(templateFile), templateFile);
        Map<String, Object> parameters = new LinkedHashMap<>();
        TemplateSections.map(template.get("Parameters")).forEach((name, p) ->
                parameters.put(name, TemplateSections.map(p).get("Default")));
        parameters.putAll(parameterOverrides);
        Map<String, String> pseudo = Map.of("AWS::Region", region, "AWS::AccountId", accountId,
                "AWS::StackName", prefix.isEmpty() ? "zerosync-local" : prefix.replaceAll("-$", ""),
                "AWS::Partition", "aws", "AWS::URLSuffix", "amazonaws.com", "AWS::NoValue", "");
        Map<String, Physical> created = new ConcurrentHashMap<>();
        java.util.regex.Pattern executeApi = java.util.regex.Pattern.compile(
                "https://[A-Za-z0-9-]+\\.execute-api\\." + java.util.regex.Pattern.quote(region) + "\\.amazonaws\\.com/[^/]+");
        java.util.function.UnaryOperator<String> endpoints = localApiUrl == null ? s -> s
                : s -> executeApi.matcher(s).replaceAll(java.util.regex.Matcher.quoteReplacement(localApiUrl));
        Intrinsics intrinsics = new Intrinsics(parameters, created, pseudo, TemplateSections.map(template.get("Conditions")),
                endpoints);
        Map<String, Object> resources = new LinkedHashMap<>();
        // A resource whose Condition is false is not created, as CloudFormation skips it.
        TemplateSections.resources(template).forEach((id, r) -> {
            if (!(TemplateSections.map(r).get("Condition") instanceof String c) || intrinsics.condition(c, id + ".Condition")) {
                resources.put(id, r);
            }
        });

        // Names first: functions and APIs are only referenced (e.g. in !Sub), never created here.
        resources.forEach((id, r) -> {
            String type = (String) TemplateSections.map(r).get("Type");
            // A secret is only referenced too (in dynamic references that the local cloud's overrides replace).
            if (type.equals("AWS::Serverless::Function") || type.equals("AWS::Serverless::Api")
                    || type.equals("AWS::SecretsManager::Secret")) {
                created.put(id, new Physical(id, type, physicalName(id), "arn:aws:lambda:" + region + ":" + accountId
                        + ":function:" + physicalName(id), null));
            }
            // SAM's implicit execution role of a function without a Role of its own: <FunctionLogicalId>Role.
            if (type.equals("AWS::Serverless::Function") && TemplateSections.path(TemplateSections.map(r), "Properties").get("Role") == null) {
                String role = physicalName(id) + "Role";
                created.put(id + "Role", new Physical(id + "Role", "AWS::IAM::Role", role,
                        "arn:aws:iam::" + accountId + ":role/" + role, null));
            }
        });

        List<CompletableFuture<Void>> tables = new ArrayList<>();
        resources.forEach((id, r) -> {
            Map<String, Object> resource = TemplateSections.map(r);
            if ("AWS::DynamoDB::Table".equals(resource.get("Type"))) {
                Map<String, Object> props = TemplateSections.map(intrinsics.resolve(resource.get("Properties"), id));
                // Table creation is the slow part; the tables go up side by side.
                tables.add(CompletableFuture.runAsync(() -> created.put(id, table(id, props))));
            }
        });
        resources.forEach((id, r) -> {
            if ("AWS::SNS::Topic".equals(TemplateSections.map(r).get("Type"))) {
                String arn = sns.createTopic(t -> t.name(physicalName(id))).topicArn();
                created.put(id, new Physical(id, "AWS::SNS::Topic", physicalName(id), arn, null));
            }
        });
        // Queues may name their table (a view queue's registration tags): the tables are up first.
        tables.forEach(CompletableFuture::join);
        createQueues(resources, intrinsics, created);
        resources.forEach((id, r) -> {
            Map<String, Object> resource = TemplateSections.map(r);
            if ("AWS::SNS::Subscription".equals(resource.get("Type"))) {
                subscribe(id, TemplateSections.map(intrinsics.resolve(resource.get("Properties"), id)));
            }
        });
        // Recorded, not created: which role a policy grants what, which queue lets whom send (the local SNS checks these).
        List<Stack.RolePolicy> rolePolicies = new ArrayList<>();
        List<Stack.QueuePolicy> queuePolicies = new ArrayList<>();
        resources.forEach((id, r) -> {
            Map<String, Object> resource = TemplateSections.map(r);
            if ("AWS::IAM::Policy".equals(resource.get("Type"))) {
                Map<String, Object> props = TemplateSections.map(intrinsics.resolve(resource.get("Properties"), id));
                for (Object role : (List<?>) props.getOrDefault("Roles", List.of())) {
                    rolePolicies.add(new Stack.RolePolicy(id, String.valueOf(role), TemplateSections.map(props.get("PolicyDocument"))));
                }
            } else if ("AWS::SQS::QueuePolicy".equals(resource.get("Type"))) {
                Map<String, Object> props = TemplateSections.map(intrinsics.resolve(resource.get("Properties"), id));
                for (Object queueUrl : (List<?>) props.getOrDefault("Queues", List.of())) {
                    Physical queue = created.values().stream().filter(p -> String.valueOf(queueUrl).equals(p.url())).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(id + ": queue " + queueUrl + " is not in the template"));
                    queuePolicies.add(new Stack.QueuePolicy(id, queue.arn(), queue.url(), TemplateSections.map(props.get("PolicyDocument"))));
                }
            }
        });
        tables.forEach(CompletableFuture::join);
        return new Stack(template, new HashMap<>(created), intrinsics, rolePolicies, queuePolicies);
    }

    /** A generated name: the prefix and the logical ID (a nested one's scope dot made a dash, which SQS allows). */
    private String physicalName(String id) {
        return prefix + id.replace('.', '-');
    }

    private Physical table(String id, Map<String, Object> props) {
        String name = props.get("TableName") != null ? String.valueOf(props.get("TableName")) : physicalName(id);
        List<AttributeDefinition> attributes = list(props.get("AttributeDefinitions")).stream()
                .map(a -> AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
                        .attributeType((String) a.get("AttributeType")).build()).toList();
        List<GlobalSecondaryIndex> indexes = list(props.get("GlobalSecondaryIndexes")).stream().map(g -> {
            Map<String, Object> projection = TemplateSections.map(g.get("Projection"));
            return GlobalSecondaryIndex.builder().indexName((String) g.get("IndexName")).keySchema(keys(g.get("KeySchema")))
                    .projection(Projection.builder().projectionType((String) projection.getOrDefault("ProjectionType", "ALL"))
                            .nonKeyAttributes(stringList(projection.get("NonKeyAttributes"))).build()).build();
        }).toList();
        try {
            dynamo.createTable(t -> t.tableName(name).attributeDefinitions(attributes).keySchema(keys(props.get("KeySchema")))
                    .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes).billingMode(BillingMode.PAY_PER_REQUEST));
            dynamo.waiter().waitUntilTableExists(t -> t.tableName(name));
        } catch (ResourceInUseException exists) {
            LOG.debug("table {} exists", name);
        }
        Map<String, Object> ttl = TemplateSections.map(props.get("TimeToLiveSpecification"));
        if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            var current = dynamo.describeTimeToLive(t -> t.tableName(name)).timeToLiveDescription();
            if (current.timeToLiveStatus() != TimeToLiveStatus.ENABLED) {
                dynamo.updateTimeToLive(t -> t.tableName(name).timeToLiveSpecification(s -> s
                        .attributeName((String) ttl.get("AttributeName")).enabled(true)));
            }
        }
        String arn = dynamo.describeTable(t -> t.tableName(name)).table().tableArn();
        return new Physical(id, "AWS::DynamoDB::Table", name, arn, null);
    }

    /** Queues in dependency order: a queue whose RedrivePolicy names a DLQ waits for that DLQ. */
    private void createQueues(Map<String, Object> resources, Intrinsics intrinsics, Map<String, Physical> created) {
        List<String> pending = new ArrayList<>();
        resources.forEach((id, r) -> {
            if ("AWS::SQS::Queue".equals(TemplateSections.map(r).get("Type"))) {
                pending.add(id);
            }
        });
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (String id : List.copyOf(pending)) {
                Map<String, Object> props = TemplateSections.map(TemplateSections.map(resources.get(id)).get("Properties"));
                Object target = TemplateSections.map(props.get("RedrivePolicy")).get("deadLetterTargetArn");
                String dependency = target instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l ? (String) l.get(0) : null;
                if (dependency != null && !created.containsKey(dependency)) {
                    continue;
                }
                created.put(id, queue(id, TemplateSections.map(intrinsics.resolve(props, id))));
                pending.remove(id);
                progressed = true;
            }
            if (!progressed) {
                throw new IllegalArgumentException("queues with unresolvable redrive targets: " + pending);
            }
        }
    }

    private Physical queue(String id, Map<String, Object> props) {
        boolean fifo = Boolean.parseBoolean(String.valueOf(props.get("FifoQueue")));
        String name = props.get("QueueName") != null ? String.valueOf(props.get("QueueName"))
                : physicalName(id) + (fifo ? ".fifo" : "");
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        copy(props, "VisibilityTimeout", attributes, QueueAttributeName.VISIBILITY_TIMEOUT);
        copy(props, "MessageRetentionPeriod", attributes, QueueAttributeName.MESSAGE_RETENTION_PERIOD);
        copy(props, "DelaySeconds", attributes, QueueAttributeName.DELAY_SECONDS);
        copy(props, "ReceiveMessageWaitTimeSeconds", attributes, QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);
        copy(props, "MaximumMessageSize", attributes, QueueAttributeName.MAXIMUM_MESSAGE_SIZE);
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            copy(props, "ContentBasedDeduplication", attributes, QueueAttributeName.CONTENT_BASED_DEDUPLICATION);
        }
        Map<String, Object> redrive = TemplateSections.map(props.get("RedrivePolicy"));
        if (!redrive.isEmpty()) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("deadLetterTargetArn", redrive.get("deadLetterTargetArn"));
            policy.put("maxReceiveCount", Integer.parseInt(String.valueOf(redrive.get("maxReceiveCount"))));
            attributes.put(QueueAttributeName.REDRIVE_POLICY, json(policy));
        }
        String url;
        try {
            url = sqs.createQueue(q -> q.queueName(name).attributes(attributes)).queueUrl();
        } catch (QueueNameExistsException changed) {
            // The queue exists with other attributes (a changed template): bring it up to date, as an update would.
            url = sqs.getQueueUrl(q -> q.queueName(name)).queueUrl();
            String existing = url;
            Map<QueueAttributeName, String> mutable = new HashMap<>(attributes);
            mutable.remove(QueueAttributeName.FIFO_QUEUE);
            sqs.setQueueAttributes(q -> q.queueUrl(existing).attributes(mutable));
        }
        String queueUrl = url;
        Map<String, String> tags = new LinkedHashMap<>();
        list(props.get("Tags")).forEach(tag -> tags.put(String.valueOf(tag.get("Key")),
                tag.get("Value") == null ? "" : String.valueOf(tag.get("Value"))));
        if (!tags.isEmpty()) {
            // TagQueue, not CreateQueue's tags: an existing queue gets its template's tags too.
            sqs.tagQueue(q -> q.queueUrl(queueUrl).tags(tags));
        }
        String arn = sqs.getQueueAttributes(q -> q.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Physical(id, "AWS::SQS::Queue", name, arn, queueUrl);
    }

    private void subscribe(String id, Map<String, Object> props) {
        Map<String, String> attributes = new HashMap<>();
        if (props.containsKey("RawMessageDelivery")) {
            attributes.put("RawMessageDelivery", String.valueOf(props.get("RawMessageDelivery")));
        }
        if (props.get("FilterPolicy") != null) {
            Object policy = props.get("FilterPolicy");
            attributes.put("FilterPolicy", policy instanceof String s ? s : json(policy));
        }
        if (props.get("RedrivePolicy") != null) {
            // SNS's own dead-letter queue, for deliveries the subscribed queue cannot take.
            Object policy = props.get("RedrivePolicy");
            attributes.put("RedrivePolicy", policy instanceof String s ? s : json(policy));
        }
        if (props.get("FilterPolicyScope") != null) {
            attributes.put("FilterPolicyScope", String.valueOf(props.get("FilterPolicyScope")));
        }
        String topicArn = (String) props.get("TopicArn");
        String endpoint = (String) props.get("Endpoint");
        // Subscribe is idempotent for the same topic, protocol and endpoint; attributes are brought up to date.
        sns.subscribe(s -> s.topicArn(topicArn).protocol((String) props.get("Protocol")).endpoint(endpoint)
                .attributes(attributes).returnSubscriptionArn(true));
        LOG.debug("subscribed {} ({} -> {})", id, topicArn, endpoint);
    }

    private static void copy(Map<String, Object> props, String from, Map<QueueAttributeName, String> to, QueueAttributeName name) {
        if (props.get(from) != null) {
            to.put(name, String.valueOf(props.get(from)));
        }
    }

    private static List<KeySchemaElement> keys(Object schema) {
        return list(schema).stream().map(k -> KeySchemaElement.builder().attributeName((String) k.get("AttributeName"))
                .keyType((String) k.get("KeyType")).build()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object value) {
        return value == null ? null : (List<String>) value;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
