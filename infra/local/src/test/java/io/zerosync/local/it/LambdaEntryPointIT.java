package io.zerosync.local.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.functions.http.CommandApiHandler;
import io.zerosync.functions.http.QueryApiHandler;
import io.zerosync.functions.http.SourceApiHandler;
import io.zerosync.functions.sync.ViewSyncHandler;
import io.zerosync.local.LocalCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lambda entry points themselves, fed the sample events in events/samples (the files
 * {@code sam local invoke -e} uses), with the environment template.yaml gives their functions.
 */
class LambdaEntryPointIT {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static LocalCloud cloud;
    private static CommandApiHandler commandApi;
    private static ViewSyncHandler detailSync;
    private static SourceApiHandler sourceApi;
    private static QueryApiHandler queryApi;

    @BeforeAll
    static void start() {
        cloud = TestClouds.quiet();
        commandApi = new CommandApiHandler(cloud.environmentOf("CommandApiFunction").startContext());
        detailSync = new ViewSyncHandler(cloud.environmentOf("ShopDetailView.SyncFunction").variables());
        sourceApi = new SourceApiHandler(cloud.environmentOf("SourceApiFunction").startContext());
        queryApi = new QueryApiHandler(cloud.environmentOf("QueryApiFunction").startContext());
    }

    @AfterAll
    static void stop() {
        commandApi.close();
        detailSync.close();
        sourceApi.close();
        queryApi.close();
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = LambdaEntryPointIT.class.getClassLoader().getResourceAsStream("zerosync-events/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static APIGatewayProxyResponseEvent invoke(String sample, String shopId) throws IOException {
        String json = shopId == null ? sample(sample) : sample(sample).replace("shop-sample-1", shopId);
        APIGatewayProxyRequestEvent event = JSON.readValue(json, APIGatewayProxyRequestEvent.class);
        return commandApi.handleRequest(event, Contexts.of("CommandApiFunction"));
    }

    @Test
    void theCommandApiHandlerServesEveryWriteRouteFromTheSampleEvents() throws IOException {
        APIGatewayProxyResponseEvent created = invoke("apigw-create-shop.json", null);
        assertEquals(201, created.getStatusCode(), created.getBody());
        String id = JSON.readTree(created.getBody()).get("shopId").asText();
        assertEquals("\"1\"", header(created, "ETag"));

        APIGatewayProxyResponseEvent patched = invoke("apigw-patch-shop.json", id);
        assertEquals(200, patched.getStatusCode(), patched.getBody());
        APIGatewayProxyResponseEvent stale = invoke("apigw-patch-shop.json", id);
        assertEquals(412, stale.getStatusCode(), "the sample's If-Match \"1\" is stale now");
        assertEquals(200, invoke("apigw-put-menu.json", id).getStatusCode());
        assertEquals(200, invoke("apigw-delete-menu.json", id).getStatusCode());

        Map<String, AttributeValue> item = cloud.dynamo().getItem(r -> r.tableName("ShopsTable")
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
        assertEquals("4", item.get("version").n());
        assertEquals("0", item.get("deliveryFee").n());
        assertNull(item.get("phone"), "merge patch null removes the phone");
        assertEquals(List.of("Kimchi jjigae", "Tteokbokki"),
                item.get("menus").l().stream().map(m -> m.m().get("name").s()).sorted().toList());

        APIGatewayProxyResponseEvent deleted = invoke("apigw-delete-shop.json", id);
        assertEquals(204, deleted.getStatusCode());
        assertEquals(404, invoke("apigw-delete-shop.json", id).getStatusCode());
    }

    @Test
    void theSyncHandlerRebuildsFromTheSampleSqsEvents_andFailsOnlyThePoison() throws IOException {
        Api api = new Api(cloud);
        String id = api.createShop("Sampled", "korean");
        api.call("PATCH", "/shops/" + id, Map.of("deliveryFee", 1));
        api.call("PATCH", "/shops/" + id, Map.of("deliveryFee", 2)); // now at version 3, as the sample announces

        SQSBatchResponse ok = detailSync.handleRequest(sqsEvent("sqs-shop-changed-sns.json", id),
                Contexts.of("ShopDetailView.SyncFunction"));
        assertTrue(ok.getBatchItemFailures().isEmpty(), String.valueOf(ok.getBatchItemFailures()));
        Map<String, AttributeValue> row = cloud.dynamo().getItem(r -> r.tableName("zerosync-local-view-shop-detail")
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item();
        assertEquals("3", row.get("version").n());
        assertEquals("2", row.get("deliveryFee").n());

        assertTrue(detailSync.handleRequest(sqsEvent("sqs-shop-changed-raw.json", id),
                Contexts.of("ShopDetailView.SyncFunction")).getBatchItemFailures().isEmpty());

        SQSEvent poison = sqsEvent("sqs-shop-changed-poison.json", id);
        SQSBatchResponse failed = detailSync.handleRequest(poison, Contexts.of("ShopDetailView.SyncFunction"));
        assertEquals(List.of(poison.getRecords().get(1).getMessageId()),
                failed.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    @Test
    void theQueryApiHandlerAnswers304ForTheCurrentVersion() throws IOException {
        Api api = new Api(cloud);
        String id = api.createShop("Revalidated", "korean");
        api.call("PATCH", "/shops/" + id, Map.of("deliveryFee", 1));
        api.call("PATCH", "/shops/" + id, Map.of("deliveryFee", 2)); // version 3, as the sample announces
        assertTrue(detailSync.handleRequest(sqsEvent("sqs-shop-changed-raw.json", id),
                Contexts.of("ShopDetailView.SyncFunction")).getBatchItemFailures().isEmpty());

        APIGatewayProxyRequestEvent get = request("GET", "/shops/" + id, null);
        APIGatewayProxyResponseEvent page = queryApi.handleRequest(get, Contexts.of("QueryApiFunction"));
        assertEquals(200, page.getStatusCode(), page.getBody());
        assertEquals("\"3\"", header(page, "ETag"));
        assertEquals("public, max-age=1, s-maxage=1", header(page, "Cache-Control"));

        get.getHeaders().put("If-None-Match", "\"3\"");
        get.getMultiValueHeaders().put("If-None-Match", List.of("\"3\""));
        APIGatewayProxyResponseEvent revalidated = queryApi.handleRequest(get, Contexts.of("QueryApiFunction"));
        assertEquals(304, revalidated.getStatusCode(), revalidated.getBody());
        assertTrue(revalidated.getBody() == null || revalidated.getBody().isEmpty(), revalidated.getBody());
        assertEquals("\"3\"", header(revalidated, "ETag"));
    }

    @Test
    void eachApiHandlerServesOnlyTheRoutesOfItsFunction() throws IOException {
        APIGatewayProxyRequestEvent created = JSON.readValue(sample("apigw-create-shop.json")
                .replace("sample-create-1", "routes-create-1"), APIGatewayProxyRequestEvent.class);
        String id = JSON.readTree(commandApi.handleRequest(created, Contexts.of("CommandApiFunction")).getBody())
                .get("shopId").asText();
        String batchGet = "{\"ids\":[\"" + id + "\"]}";

        APIGatewayProxyResponseEvent fromSource = sourceApi.handleRequest(
                request("POST", "/internal/shops/batch-get", batchGet), Contexts.of("SourceApiFunction"));
        assertEquals(200, fromSource.getStatusCode(), fromSource.getBody());
        JsonNode answer = JSON.readTree(fromSource.getBody());
        assertEquals(id, answer.get("shops").get(0).get("shopId").asText());
        assertEquals(0, answer.get("unprocessed").size());

        APIGatewayProxyResponseEvent internalAtCommand = commandApi.handleRequest(
                request("POST", "/internal/shops/batch-get", batchGet), Contexts.of("CommandApiFunction"));
        assertEquals(404, internalAtCommand.getStatusCode(), internalAtCommand.getBody());
        assertEquals("not_found", JSON.readTree(internalAtCommand.getBody()).get("error").asText());
        assertEquals(404, commandApi.handleRequest(request("GET", "/internal/shops/" + id, null),
                Contexts.of("CommandApiFunction")).getStatusCode());

        String create = JSON.readTree(sample("apigw-create-shop.json")).get("body").asText();
        APIGatewayProxyResponseEvent writeAtSource = sourceApi.handleRequest(request("POST", "/shops", create),
                Contexts.of("SourceApiFunction"));
        assertEquals(404, writeAtSource.getStatusCode(), writeAtSource.getBody());
        assertEquals(404, sourceApi.handleRequest(request("DELETE", "/shops/" + id, null),
                Contexts.of("SourceApiFunction")).getStatusCode());
        assertEquals(404, queryApi.handleRequest(request("POST", "/internal/shops/batch-get", batchGet),
                Contexts.of("QueryApiFunction")).getStatusCode());
        assertEquals("1", cloud.dynamo().getItem(r -> r.tableName("ShopsTable").consistentRead(true)
                .key(Map.of("shopId", AttributeValue.fromS(id)))).item().get("version").n(), "the refused delete changed nothing");
    }

    /** An API Gateway proxy event like the samples', for any method, path and body, with the local bearer token. */
    private static APIGatewayProxyRequestEvent request(String method, String path, String body) throws IOException {
        APIGatewayProxyRequestEvent event = JSON.readValue(sample("apigw-create-shop.json"), APIGatewayProxyRequestEvent.class);
        event.setHttpMethod(method);
        event.setPath(path);
        event.setResource(path);
        event.setBody(body);
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.remove("Idempotency-Key");
        headers.put("Authorization", "Bearer " + TestClouds.TOKEN);
        event.setHeaders(headers);
        Map<String, List<String>> multi = new java.util.HashMap<>(event.getMultiValueHeaders());
        multi.remove("Idempotency-Key");
        multi.put("Authorization", List.of("Bearer " + TestClouds.TOKEN));
        event.setMultiValueHeaders(multi);
        event.getRequestContext().setHttpMethod(method);
        event.getRequestContext().setResourcePath(path);
        event.getRequestContext().setPath("/dev" + path);
        return event;
    }

    private static SQSEvent sqsEvent(String sample, String shopId) throws IOException {
        JsonNode root = JSON.readTree(sample(sample).replace("shop-sample-1", shopId)
                .replace("shop-sample-2", "shp_never_created"));
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new java.util.ArrayList<>();
        for (JsonNode r : root.get("Records")) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(r.get("messageId").asText());
            m.setReceiptHandle(r.get("receiptHandle").asText());
            m.setBody(r.get("body").asText());
            m.setEventSource(r.get("eventSource").asText());
            m.setEventSourceArn(r.get("eventSourceARN").asText());
            m.setAwsRegion(r.get("awsRegion").asText());
            records.add(m);
        }
        event.setRecords(records);
        return event;
    }

    private static String header(APIGatewayProxyResponseEvent response, String name) {
        if (response.getHeaders() != null && response.getHeaders().containsKey(name)) {
            return response.getHeaders().get(name);
        }
        return response.getMultiValueHeaders() == null ? null
                : response.getMultiValueHeaders().getOrDefault(name, List.of((String) null)).get(0);
    }
}
