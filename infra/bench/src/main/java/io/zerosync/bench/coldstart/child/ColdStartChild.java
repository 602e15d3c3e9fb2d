package io.zerosync.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Lambda's Java runtime does on a cold start, in a fresh JVM the bench spawns: load the handler class
 * the template names, call its no-arg constructor, decode one event, invoke, and print {@code done} with a
 * short summary of the answer. The parent times spawn → {@code done}. Runs on the functions jar's class
 * path only (plus this package), so it pays for exactly what a function instance pays for.
 *
 * <pre>java -cp child:zerosync-functions.jar io.zerosync.bench.coldstart.child.ColdStartChild HANDLER sqs|apigw|scheduled EVENT.json</pre>
 */
public final class ColdStartChild {
    private ColdStartChild() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        Class<?> eventType = switch (args[1]) {
            case "sqs" -> SQSEvent.class;
            case "apigw" -> APIGatewayProxyRequestEvent.class;
            case "scheduled" -> ScheduledEvent.class;
            default -> throw new IllegalArgumentException("event kind " + args[1]);
        };
        long main = System.currentTimeMillis();
        RequestHandler handler = (RequestHandler) Class.forName(handlerClass).getConstructor().newInstance();
        long constructed = System.currentTimeMillis();
        // Lambda's runtime decodes the event with its own mapper; field names in the samples are capitalised
        // the way the service sends them ("Records", "eventSourceARN").
        ObjectMapper json = JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        Object event = decode(json, Files.readAllBytes(Path.of(args[2])), eventType);
        long decoded = System.currentTimeMillis();
        Object answer = handler.handleRequest(event, new ChildContext(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "fn")));
        long answered = System.currentTimeMillis();
        // Where the time went after main (the parent adds JVM start): construction, event decoding, invocation.
        System.out.println("phases construct=" + (constructed - main) + " decode=" + (decoded - constructed)
                + " invoke=" + (answered - decoded));
        System.out.println("done " + ChildAnswer.summary(answer) + " cpuMs=" + ChildAnswer.cpuMillis());
        System.out.flush();
        System.exit(0);
    }

    /** The event as Lambda's runtime builds it; ScheduledEvent's time is a Joda DateTime, which plain Jackson cannot read. */
    private static Object decode(ObjectMapper json, byte[] bytes, Class<?> type) throws java.io.IOException {
        if (type != ScheduledEvent.class) {
            return json.readValue(bytes, type);
        }
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(bytes);
        com.fasterxml.jackson.databind.JsonNode time = tree.remove("time");
        ScheduledEvent event = json.treeToValue(tree, ScheduledEvent.class);
        if (time != null) {
            event.setTime(new org.joda.time.DateTime(time.asText()));
        }
        return event;
    }
}
