package io.zerosync.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.zerosync.functions.config.LocalOverrides;
import io.zerosync.functions.config.ViewConfig;
import io.zerosync.functions.config.ZerosyncConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.beans.Introspector;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * template.yaml and the code must agree: every function's Handler is a Lambda handler on this module's
 * classpath (which is what its CodeUri jar holds), every variable a handler needs is set for its
 * function, and every ZEROSYNC_ variable the template sets is one the code reads.
 */
class TemplateAgreementTest {
    private static final String JAR = "functions/app/target/zerosync-functions.jar";

    @Test
    void everyHandlerIsALambdaHandlerInTheDeploymentJar() throws Exception {
        Map<String, Map<String, Object>> functions = functions();
        assertFalse(functions.isEmpty());
        for (var f : functions.entrySet()) {
            String handler = (String) f.getValue().get("Handler");
            Class<?> type = Class.forName(handler);
            assertTrue(RequestHandler.class.isAssignableFrom(type), f.getKey() + ": " + handler + " is not a RequestHandler");
            assertEquals(JAR, codeUri(f.getValue()), f.getKey() + " must deploy the jar this module builds");
        }
    }

    @Test
    void everyVariableAHandlerNeedsIsSetForItsFunction() throws Exception {
        for (var f : functions().entrySet()) {
            Class<?> handler = Class.forName((String) f.getValue().get("Handler"));
            @SuppressWarnings("unchecked")
            List<String> required = (List<String>) handler.getField("REQUIRED_ENVIRONMENT").get(null);
            Set<String> set = environment(f.getValue()).keySet();
            for (String name : required) {
                assertTrue(set.contains(name), f.getKey() + " does not set " + name + " that " + handler.getSimpleName() + " needs");
            }
        }
    }

    @Test
    void everyZerosyncVariableInTheTemplateIsOneTheCodeReads() throws Exception {
        Set<String> known = new HashSet<>();
        for (Class<?> config : List.of(ZerosyncConfig.class, ViewConfig.class, LocalOverrides.class)) {
            String prefix = config.getAnnotation(ConfigurationProperties.class).value();
            for (var p : Introspector.getBeanInfo(config, Object.class).getPropertyDescriptors()) {
                known.add((prefix + "." + p.getName().replaceAll("([A-Z])", "_$1"))
                        .replace('.', '_').toUpperCase(Locale.ROOT));
            }
        }
        for (var f : functions().entrySet()) {
            for (String name : environment(f.getValue()).keySet()) {
                if (name.startsWith("ZEROSYNC_")) {
                    assertTrue(known.contains(name), f.getKey() + " sets " + name + ", which no configuration reads");
                }
                assertFalse(name.startsWith("ZEROSYNC_LOCAL_"), f.getKey() + ": local-only settings never go to AWS");
            }
        }
    }

    @Test
    void everySqsConsumerReportsBatchItemFailures_andItsQueueOutlastsItsTimeout() throws Exception {
        Map<String, Object> resources = resources();
        Map<String, Object> globals = section(section(template(), "Globals"), "Function");
        for (var f : functions().entrySet()) {
            Map<String, Object> events = section(f.getValue(), "Events");
            for (Object e : events.values()) {
                Map<String, Object> event = cast(e);
                if (!"SQS".equals(event.get("Type"))) {
                    continue;
                }
                Map<String, Object> props = section(event, "Properties");
                assertEquals(List.of("ReportBatchItemFailures"), props.get("FunctionResponseTypes"), f.getKey());
                String queue = ((String) props.get("Queue")).replace("!GetAtt ", "").replace(".Arn", "");
                Map<String, Object> queueProps = section(cast(resources.get(queue)), "Properties");
                int timeout = number(f.getValue().getOrDefault("Timeout", globals.get("Timeout")));
                int visibility = number(queueProps.get("VisibilityTimeout"));
                assertTrue(visibility >= 6 * timeout, queue + " VisibilityTimeout " + visibility + " < 6 x " + timeout);
                assertTrue(queueProps.containsKey("RedrivePolicy"), queue + " needs a DLQ");
                assertFalse(f.getValue().containsKey("DeadLetterQueue"), "a function DLQ does nothing for SQS consumers");
            }
        }
    }

    @Test
    void everyFunctionPublishesSnapStartVersions_andIsInvokedThroughItsAlias() throws Exception {
        assertEquals(List.of(), functionsWithoutSnapStart(resources(), section(section(template(), "Globals"), "Function")));
    }

    @Test
    void theSnapStartCheckFails_whenAFunctionTurnsItOffOrPublishesNoAlias() throws Exception {
        Map<String, Object> resources = new HashMap<>(resources());
        Map<String, Object> command = new HashMap<>(cast(resources.get("CommandApiFunction")));
        Map<String, Object> commandProps = new HashMap<>(section(command, "Properties"));
        commandProps.put("SnapStart", Map.of("ApplyOn", "None"));
        command.put("Properties", commandProps);
        resources.put("CommandApiFunction", command);
        Map<String, Object> globals = new HashMap<>(section(section(template(), "Globals"), "Function"));
        globals.remove("AutoPublishAlias");
        Map<String, Object> sync = new HashMap<>(cast(resources.get("ShopDetailView.SyncFunction")));
        Map<String, Object> syncProps = new HashMap<>(section(sync, "Properties"));
        syncProps.put("AutoPublishAlias", "live");
        sync.put("Properties", syncProps);
        resources.put("ShopDetailView.SyncFunction", sync);

        List<String> bad = functionsWithoutSnapStart(resources, globals);
        assertTrue(bad.contains("CommandApiFunction"), bad.toString());
        assertTrue(bad.contains("QueryApiFunction"), bad.toString());
        assertFalse(bad.contains("ShopDetailView.SyncFunction"), bad.toString());
    }

    /**
     * Functions that do not both restore from SnapStart snapshots (SnapStart.ApplyOn PublishedVersions) and publish
     * a version behind an alias (AutoPublishAlias) on each deploy, the function's own setting or Globals'. Without
     * the alias SnapStart never applies: event sources would invoke $LATEST, which is never snapshotted.
     */
    private static List<String> functionsWithoutSnapStart(Map<String, Object> resources, Map<String, Object> globals) {
        List<String> bad = new java.util.ArrayList<>();
        for (var r : new java.util.TreeMap<>(resources).entrySet()) {
            Map<String, Object> resource = cast(r.getValue());
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                continue;
            }
            Map<String, Object> props = section(resource, "Properties");
            Object snapStart = props.containsKey("SnapStart") ? props.get("SnapStart") : globals.get("SnapStart");
            Object alias = props.containsKey("AutoPublishAlias") ? props.get("AutoPublishAlias") : globals.get("AutoPublishAlias");
            boolean published = snapStart instanceof Map<?, ?> m && "PublishedVersions".equals(m.get("ApplyOn"));
            if (!published || !(alias instanceof String a) || a.isBlank()) {
                bad.add(r.getKey());
            }
        }
        return bad;
    }

    @Test
    void everySnsSubscriptionRedrivesToADlqOfItsOwn_andEveryDlqHasADepthAlarm() throws Exception {
        Map<String, Object> resources = resources();
        assertEquals(List.of(), subscriptionsWithoutOwnDlq(resources));
        assertEquals(List.of(), dlqsWithoutAlarm(resources));
    }

    @Test
    void theDlqChecksFail_whenATemplateLacksARedrivePolicyOrADepthAlarm() throws Exception {
        Map<String, Object> resources = new HashMap<>(resources());
        Map<String, Object> subscription = new HashMap<>(cast(resources.get("ShopListView.Subscription")));
        Map<String, Object> props = new HashMap<>(section(subscription, "Properties"));
        props.remove("RedrivePolicy");
        subscription.put("Properties", props);
        resources.put("ShopListView.Subscription", subscription);
        resources.remove("ShopDetailView.SubscriptionDlqDepthAlarm");

        assertEquals(List.of("ShopListView.Subscription"), subscriptionsWithoutOwnDlq(resources));
        assertTrue(dlqsWithoutAlarm(resources).contains("ShopDetailView.SubscriptionDlq"), dlqsWithoutAlarm(resources).toString());
    }

    /** The tags a view's queue registers it with (io.zerosync.aws.sqs.QueueTagViewDirectory reads them). */
    private static final List<String> REGISTRATION_TAGS = List.of("zerosync:view", "zerosync:projection", "zerosync:table",
            "zerosync:key", "zerosync:dlq", "zerosync:source", "zerosync:decoder", "zerosync:settings");
    /** The functions that find the views by their queues, and the view stacks must grant. */
    private static final List<String> DISCOVERING_FUNCTIONS = List.of("AdminApiFunction", "ReimportWorkerFunction",
            "QueryApiFunction");

    @Test
    void everyViewBlockHasItsQueuePolicy_itsGrants_itsRegistrationTags_itsAlarms_andItsSubscriptionDlq() throws Exception {
        List<String> blocks = ExpandedTemplate.applications(parentTemplate());
        assertEquals(List.of("ShopDetailView", "ShopListView"), blocks);
        assertEquals(List.of(), viewBlockProblems(resources(), blocks));
    }

    @Test
    void theViewBlockCheckFails_whenTheViewTemplateLacksItsQueuePolicy_anIamPolicy_orARegistrationTag() {
        List<String> blocks = ExpandedTemplate.applications(parentTemplate());
        Map<String, java.util.function.UnaryOperator<Map<String, Object>>> edits = new java.util.LinkedHashMap<>();
        edits.put("no queue policy lets the topic send to", child -> withoutResource(child, "QueuePolicy"));
        edits.put("no IAM policy grants AdminApiFunctionRole", child -> withoutResource(child, "AdminPolicy"));
        edits.put("no IAM policy grants QueryApiFunctionRole", child -> withoutResource(child, "QueryPolicy"));
        edits.put("lacks registration tag zerosync:table", child -> {
            Map<String, Object> c = withoutResource(child, "Queue");
            Map<String, Object> queue = new HashMap<>(cast(section(child, "Resources").get("Queue")));
            Map<String, Object> props = new HashMap<>(section(queue, "Properties"));
            props.put("Tags", ((List<?>) props.get("Tags")).stream()
                    .filter(tag -> !"zerosync:table".equals(cast(tag).get("Key"))).toList());
            queue.put("Properties", props);
            section(c, "Resources").put("Queue", queue);
            return c;
        });
        edits.put("no queue policy lets the topic send", child -> {
            Map<String, Object> c = withoutResource(child, "QueuePolicy");
            // A policy letting SNS send from any topic is not the restriction to the view's topic.
            Map<String, Object> policy = new HashMap<>(cast(section(child, "Resources").get("QueuePolicy")));
            Map<String, Object> props = new HashMap<>(section(policy, "Properties"));
            Map<String, Object> document = new HashMap<>(section(props, "PolicyDocument"));
            Map<String, Object> statement = new HashMap<>(cast(((List<?>) document.get("Statement")).get(0)));
            statement.remove("Condition");
            document.put("Statement", List.of(statement));
            props.put("PolicyDocument", document);
            policy.put("Properties", props);
            section(c, "Resources").put("QueuePolicy", policy);
            return c;
        });
        edits.put("no alarm on the age of", child -> withoutResource(child, "QueueAgeAlarm"));
        for (var edit : edits.entrySet()) {
            Map<String, Object> broken = section(ExpandedTemplate.expand(parentTemplate(), root(), edit.getValue()), "Resources");
            List<String> problems = viewBlockProblems(broken, blocks);
            assertTrue(problems.stream().anyMatch(p -> p.contains(edit.getKey())), edit.getKey() + ": " + problems);
        }
    }

    private static Map<String, Object> withoutResource(Map<String, Object> template, String id) {
        Map<String, Object> copy = new HashMap<>(template);
        Map<String, Object> resources = new java.util.LinkedHashMap<>(section(template, "Resources"));
        resources.remove(id);
        copy.put("Resources", resources);
        return copy;
    }

    /**
     * What each view block's expanded resources lack: a subscription redriving to a DLQ of its own, the queue
     * it delivers to with every registration tag, a queue policy letting only the subscription's topic send
     * (sns.amazonaws.com, sqs:SendMessage, ArnEquals/ArnLike aws:SourceArn), an AWS::IAM::Policy on the role of
     * each function that discovers the views, the DLQ depth and queue age alarms.
     */
    private static List<String> viewBlockProblems(Map<String, Object> resources, List<String> blocks) {
        List<String> problems = new java.util.ArrayList<>();
        for (String block : blocks) {
            Map<String, Map<String, Object>> own = new java.util.TreeMap<>();
            resources.forEach((id, r) -> {
                if (id.startsWith(block + ".")) {
                    own.put(id, cast(r));
                }
            });
            var subscription = own.entrySet().stream().filter(e -> "AWS::SNS::Subscription".equals(e.getValue().get("Type")))
                    .findFirst();
            if (subscription.isEmpty()) {
                problems.add(block + ": no subscription");
                continue;
            }
            Map<String, Object> subProps = section(subscription.get().getValue(), "Properties");
            String queue = queueOf(subProps.get("Endpoint"));
            Object topic = subProps.get("TopicArn");
            if (queueOf(section(subProps, "RedrivePolicy").get("deadLetterTargetArn")) == null) {
                problems.add(block + ": the subscription has no DLQ of its own");
            }
            Map<String, Object> queueProps = section(cast(resources.getOrDefault(queue, Map.of())), "Properties");
            Map<String, Object> tags = new HashMap<>();
            for (Object tag : queueProps.get("Tags") instanceof List<?> l ? l : List.of()) {
                tags.put(String.valueOf(cast(tag).get("Key")), cast(tag).get("Value"));
            }
            for (String tag : REGISTRATION_TAGS) {
                if (!tags.containsKey(tag)) {
                    problems.add(block + ": " + queue + " lacks registration tag " + tag);
                }
            }
            String dlq = queueOf(section(queueProps, "RedrivePolicy").get("deadLetterTargetArn"));
            if (dlq != null && tags.containsKey("zerosync:dlq") && !("!Ref " + dlq).equals(tags.get("zerosync:dlq"))) {
                problems.add(block + ": zerosync:dlq is not " + dlq);
            }
            boolean restricted = own.values().stream().filter(r -> "AWS::SQS::QueuePolicy".equals(r.get("Type")))
                    .map(r -> section(r, "Properties"))
                    .filter(p -> p.get("Queues") instanceof List<?> q && q.contains("!Ref " + queue))
                    .flatMap(p -> ((List<?>) section(p, "PolicyDocument").getOrDefault("Statement", List.of())).stream())
                    .map(TemplateAgreementTest::cast)
                    .anyMatch(s -> "Allow".equals(s.get("Effect"))
                            && "sns.amazonaws.com".equals(section(s, "Principal").get("Service"))
                            && "sqs:SendMessage".equals(s.get("Action"))
                            && topic != null && (topic.equals(section(section(s, "Condition"), "ArnEquals").get("aws:SourceArn"))
                                    || topic.equals(section(section(s, "Condition"), "ArnLike").get("aws:SourceArn"))));
            if (!restricted) {
                problems.add(block + ": no queue policy lets the topic send to " + queue + " (and only it)");
            }
            for (String fn : DISCOVERING_FUNCTIONS) {
                boolean granted = own.values().stream().filter(r -> "AWS::IAM::Policy".equals(r.get("Type")))
                        .map(r -> section(r, "Properties"))
                        .anyMatch(p -> p.get("Roles") instanceof List<?> roles && roles.contains("!Ref " + fn + "Role"));
                if (!granted) {
                    problems.add(block + ": no IAM policy grants " + fn + "Role");
                }
            }
            Set<String> alarms = new HashSet<>();
            own.values().stream().filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type"))).map(r -> section(r, "Properties"))
                    .forEach(p -> ((List<?>) p.getOrDefault("Dimensions", List.of())).forEach(d -> alarms.add(
                            p.get("MetricName") + " " + cast(d).get("Value"))));
            if (dlq == null || !alarms.contains("ApproximateNumberOfMessagesVisible !GetAtt " + dlq + ".QueueName")) {
                problems.add(block + ": no alarm on the depth of " + dlq);
            }
            if (!alarms.contains("ApproximateAgeOfOldestMessage !GetAtt " + queue + ".QueueName")) {
                problems.add(block + ": no alarm on the age of " + queue + "'s oldest message");
            }
        }
        return problems;
    }

    @Test
    void everyOutboxFailureMetricHasAnAlarm() throws Exception {
        Set<String> alarmed = new HashSet<>();
        resources().values().stream().map(TemplateAgreementTest::cast)
                .filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type"))).map(r -> section(r, "Properties"))
                .filter(p -> "Zerosync".equals(p.get("Namespace"))).forEach(p -> alarmed.add((String) p.get("MetricName")));
        for (String metric : List.of("AnnouncementsDeferred", "OutboxOldestPendingAgeSeconds", "OutboxSweeperErrors")) {
            assertTrue(alarmed.contains(metric), metric + " has no alarm");
        }
    }

    @Test
    void everyApiRouteIsServedByTheFunctionItReaches_andByNoOtherApiFunction() throws Exception {
        Map<String, io.zerosync.functions.http.FunctionRoutes> routes = new HashMap<>();
        Map<String, List<String[]>> events = new HashMap<>();
        for (var f : functions().entrySet()) {
            for (Object e : section(f.getValue(), "Events").values()) {
                Map<String, Object> event = cast(e);
                if ("Api".equals(event.get("Type"))) {
                    Map<String, Object> props = section(event, "Properties");
                    events.computeIfAbsent(f.getKey(), k -> new java.util.ArrayList<>()).add(new String[] {
                            String.valueOf(props.get("Method")), ((String) props.get("Path")).replaceAll("\\{[^}]+}", "x")});
                }
            }
        }
        for (String fn : events.keySet()) {
            Object spec = environment(functions().get(fn)).get("ZEROSYNC_API_ROUTES");
            assertTrue(spec instanceof String s && !s.isBlank(), fn + " must name its routes in ZEROSYNC_API_ROUTES");
            routes.put(fn, io.zerosync.functions.http.FunctionRoutes.parse((String) spec));
        }
        for (var owner : events.entrySet()) {
            for (String[] route : owner.getValue()) {
                for (var fn : routes.entrySet()) {
                    boolean serves = fn.getValue().serves(route[0], route[1]);
                    assertEquals(fn.getKey().equals(owner.getKey()), serves, fn.getKey() + (serves ? " serves " : " does not serve ")
                            + route[0].toUpperCase(Locale.ROOT) + " " + route[1] + " of " + owner.getKey());
                }
            }
        }
        assertTrue(events.get("SourceApiFunction").size() >= 3, "the source API is its own function");
        assertTrue(events.get("CommandApiFunction").stream().noneMatch(r -> r[1].startsWith("/internal")),
                "the command function keeps only the write routes");
    }

    /** The account concurrency limit the README's deployment section asks to raise to. */
    private static final int RAISED_ACCOUNT_CONCURRENCY = 3_000;

    @Test
    void reservesConcurrencyForEveryFunctionThatMustNotBeStarved_withinTheAccountLimit() throws Exception {
        Map<String, String> expected = Map.of("CommandApiFunction", "CommandConcurrency", "SourceApiFunction", "SourceConcurrency",
                "ShopDetailView.SyncFunction", "SyncConcurrency", "ShopListView.SyncFunction", "SyncConcurrency",
                "ReimportWorkerFunction", "WorkerConcurrency", "QueryApiFunction", "QueryConcurrency");
        int sum = 0;
        for (var f : functions().entrySet()) {
            Object reserved = f.getValue().get("ReservedConcurrentExecutions");
            if (expected.containsKey(f.getKey())) {
                assertEquals("!Ref " + expected.get(f.getKey()), reserved, f.getKey());
            }
            if (reserved != null) {
                sum += number(reserved);
            }
        }
        // The capacity model needs more than the default account limit of 1,000; the README asks for 3,000, and
        // Lambda keeps 100 of it unreserved.
        assertTrue(sum <= RAISED_ACCOUNT_CONCURRENCY - 100, "reserved concurrency " + sum
                + " leaves less than 100 of the " + RAISED_ACCOUNT_CONCURRENCY + " the README asks for unreserved");
        for (var f : functions().entrySet()) {
            for (Object e : section(f.getValue(), "Events").values()) {
                Map<String, Object> props = section(cast(e), "Properties");
                Object max = section(props, "ScalingConfig").get("MaximumConcurrency");
                if (max != null && f.getValue().get("ReservedConcurrentExecutions") != null) {
                    assertTrue(number(f.getValue().get("ReservedConcurrentExecutions")) >= number(max),
                            f.getKey() + ": reserved concurrency below its event source's MaximumConcurrency throttles it");
                }
            }
        }
    }

    @Test
    void everyWriteRouteNamesTheUserPoolAuthorizer_readsStayPublic_internalAndAdminKeepIam() throws Exception {
        Map<String, Object> resources = resources();
        assertEquals(List.of(), writeRoutesWithoutUserPoolAuthorizer(resources));
        for (var f : functions().entrySet()) {
            for (var e : section(f.getValue(), "Events").entrySet()) {
                Map<String, Object> props = section(cast(e.getValue()), "Properties");
                if (!"Api".equals(cast(e.getValue()).get("Type"))) {
                    continue;
                }
                String path = (String) props.get("Path");
                Object authorizer = section(props, "Auth").get("Authorizer");
                if (path.startsWith("/internal") || path.startsWith("/admin")) {
                    assertEquals("AWS_IAM", authorizer, f.getKey() + "." + e.getKey());
                } else if ("get".equalsIgnoreCase((String) props.get("Method"))) {
                    assertEquals(null, authorizer, f.getKey() + "." + e.getKey() + ": reads stay public");
                }
            }
        }
    }

    @Test
    void theWriteRouteCheckFails_whenAWriteRouteHasNoAuthorizerOrAnIamOne() throws Exception {
        Map<String, Object> resources = new HashMap<>(resources());
        Map<String, Object> function = new HashMap<>(cast(resources.get("CommandApiFunction")));
        Map<String, Object> props = new HashMap<>(section(function, "Properties"));
        Map<String, Object> events = new HashMap<>(section(props, "Events"));
        Map<String, Object> patch = new HashMap<>(cast(events.get("PatchShop")));
        Map<String, Object> patchProps = new HashMap<>(section(patch, "Properties"));
        patchProps.remove("Auth");
        patch.put("Properties", patchProps);
        events.put("PatchShop", patch);
        Map<String, Object> put = new HashMap<>(cast(events.get("PutMenu")));
        Map<String, Object> putProps = new HashMap<>(section(put, "Properties"));
        putProps.put("Auth", Map.of("Authorizer", "AWS_IAM"));
        put.put("Properties", putProps);
        events.put("PutMenu", put);
        props.put("Events", events);
        function.put("Properties", props);
        resources.put("CommandApiFunction", function);

        assertEquals(List.of("CommandApiFunction.PatchShop", "CommandApiFunction.PutMenu"),
                writeRoutesWithoutUserPoolAuthorizer(resources));
    }

    /**
     * Api events writing under /shops (POST, PATCH, PUT, DELETE) whose Auth.Authorizer is not one of the API's
     * Cognito authorizers (one with a UserPoolArn), as Function.Event.
     */
    private static List<String> writeRoutesWithoutUserPoolAuthorizer(Map<String, Object> resources) {
        Map<String, Object> authorizers = section(section(section(cast(resources.get("ZerosyncApi")), "Properties"),
                "Auth"), "Authorizers");
        List<String> bad = new java.util.ArrayList<>();
        for (var r : new java.util.TreeMap<>(resources).entrySet()) {
            Map<String, Object> resource = cast(r.getValue());
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                continue;
            }
            for (var e : new java.util.TreeMap<>(section(section(resource, "Properties"), "Events")).entrySet()) {
                Map<String, Object> event = cast(e.getValue());
                Map<String, Object> props = section(event, "Properties");
                String method = String.valueOf(props.get("Method")).toLowerCase(Locale.ROOT);
                if (!"Api".equals(event.get("Type")) || !String.valueOf(props.get("Path")).startsWith("/shops")
                        || !Set.of("post", "patch", "put", "delete", "any").contains(method)) {
                    continue;
                }
                Object name = section(props, "Auth").get("Authorizer");
                if (!(name instanceof String n) || !section(authorizers, n).containsKey("UserPoolArn")) {
                    bad.add(r.getKey() + "." + e.getKey());
                }
            }
        }
        return bad;
    }

    /** Subscriptions with no RedrivePolicy, or one that is not a queue of its own (not its endpoint, not shared). */
    private static List<String> subscriptionsWithoutOwnDlq(Map<String, Object> resources) {
        List<String> bad = new java.util.ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (var r : new java.util.TreeMap<>(resources).entrySet()) {
            Map<String, Object> resource = cast(r.getValue());
            if (!"AWS::SNS::Subscription".equals(resource.get("Type"))) {
                continue;
            }
            Map<String, Object> props = section(resource, "Properties");
            String dlq = queueOf(section(props, "RedrivePolicy").get("deadLetterTargetArn"));
            boolean isQueue = dlq != null && resources.get(dlq) != null
                    && "AWS::SQS::Queue".equals(cast(resources.get(dlq)).get("Type"));
            if (!isQueue || dlq.equals(queueOf(props.get("Endpoint"))) || !taken.add(dlq)) {
                bad.add(r.getKey());
            }
        }
        return bad;
    }

    /** Dead-letter queues (of queues and of subscriptions) that no AWS/SQS alarm watches. */
    private static List<String> dlqsWithoutAlarm(Map<String, Object> resources) {
        Set<String> dlqs = new java.util.TreeSet<>();
        Set<String> watched = new HashSet<>();
        resources.values().stream().map(TemplateAgreementTest::cast).forEach(resource -> {
            Map<String, Object> props = section(resource, "Properties");
            Object type = resource.get("Type");
            if ("AWS::SQS::Queue".equals(type) || "AWS::SNS::Subscription".equals(type)) {
                String dlq = queueOf(section(props, "RedrivePolicy").get("deadLetterTargetArn"));
                if (dlq != null) {
                    dlqs.add(dlq);
                }
            }
            if ("AWS::CloudWatch::Alarm".equals(type) && "AWS/SQS".equals(props.get("Namespace"))
                    && props.get("Dimensions") instanceof List<?> dimensions) {
                dimensions.stream().map(TemplateAgreementTest::cast).filter(d -> "QueueName".equals(d.get("Name")))
                        .forEach(d -> watched.add(String.valueOf(d.get("Value")).replace("!GetAtt ", "")
                                .replace(".QueueName", "")));
            }
        });
        dlqs.removeAll(watched);
        return List.copyOf(dlqs);
    }

    /** The logical ID in "!GetAtt X.Arn", or null. */
    private static String queueOf(Object arn) {
        return arn instanceof String s && s.startsWith("!GetAtt ") && s.endsWith(".Arn")
                ? s.substring("!GetAtt ".length(), s.length() - ".Arn".length()) : null;
    }

    // ---------------------------------------------------------------- template reading

    /** A number, or "!Ref Param" resolved to the parameter's default (what a plain deploy gets). */
    private static int number(Object value) throws IOException {
        if (value instanceof Number n) {
            return n.intValue();
        }
        String ref = ((String) value).replace("!Ref ", "");
        return ((Number) section(section(template(), "Parameters"), ref).get("Default")).intValue();
    }

    /** template.yaml with its view blocks (nested applications) expanded: see {@link ExpandedTemplate}. */
    static Map<String, Object> template() throws IOException {
        return ExpandedTemplate.expand(parentTemplate(), root(), child -> child);
    }

    /** template.yaml as written. */
    static Map<String, Object> parentTemplate() {
        return load(root().resolve("template.yaml"));
    }

    static Path root() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("template.yaml"))) {
            root = root.getParent();
        }
        if (root == null) {
            fail("template.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return root;
    }

    static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new TagsAsText()).load(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> resources() throws IOException {
        return section(template(), "Resources");
    }

    private static Map<String, Map<String, Object>> functions() throws IOException {
        Map<String, Map<String, Object>> functions = new HashMap<>();
        resources().forEach((id, r) -> {
            Map<String, Object> resource = cast(r);
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                functions.put(id, section(resource, "Properties"));
            }
        });
        return functions;
    }

    private static String codeUri(Map<String, Object> function) throws IOException {
        Object own = function.get("CodeUri");
        return own != null ? (String) own : (String) section(section(template(), "Globals"), "Function").get("CodeUri");
    }

    private static Map<String, Object> environment(Map<String, Object> function) throws IOException {
        Map<String, Object> env = new HashMap<>(section(section(section(section(template(), "Globals"), "Function"),
                "Environment"), "Variables"));
        env.putAll(section(section(function, "Environment"), "Variables"));
        return env;
    }

    static Map<String, Object> section(Map<String, Object> map, String key) {
        Object v = map == null ? null : map.get(key);
        return v == null ? Map.of() : cast(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    /** Reads CloudFormation short tags (!Ref X) as the text "!Ref X" (tagged lists and maps as {"!If": [...]}). */
    private static final class TagsAsText extends SafeConstructor {
        TagsAsText() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new ConstructYamlStr() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue();
                    if (node instanceof ScalarNode scalar) {
                        return tag + " " + scalar.getValue();
                    }
                    // A fresh untagged copy: re-tagging the node itself trips SnakeYAML's recursion check when
                    // tags nest (!If [C, !GetAtt X.Arn, !Ref P]).
                    Node plain = node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq
                            ? new org.yaml.snakeyaml.nodes.SequenceNode(Tag.SEQ, seq.getValue(), seq.getFlowStyle())
                            : new org.yaml.snakeyaml.nodes.MappingNode(Tag.MAP,
                                    ((org.yaml.snakeyaml.nodes.MappingNode) node).getValue(),
                                    ((org.yaml.snakeyaml.nodes.MappingNode) node).getFlowStyle());
                    // Kept as a structure ({"!If": [...]}) so the nested templates' conditions can be decided.
                    return Map.of(tag, TagsAsText.this.constructObject(plain));
                }
            });
        }
    }
}
