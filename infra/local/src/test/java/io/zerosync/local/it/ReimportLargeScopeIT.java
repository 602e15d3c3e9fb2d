package io.zerosync.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerosync.local.LocalCloud;
import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The largest ID scope the admin API accepts is a job like any other: its job item stays a few KB. */
class ReimportLargeScopeIT {
    private static LocalCloud cloud;
    private static Api api;

    @BeforeAll
    static void start() {
        cloud = TestClouds.live();
        api = new Api(cloud);
    }

    private static JsonNode awaitJob(String jobId) {
        return Eventually.await("job " + jobId + " to end", Duration.ofSeconds(240),
                () -> api.get("/admin/reimports/" + jobId).body(),
                job -> List.of("succeeded", "failed", "cancelled").contains(job.get("state").asText()));
    }

    @Test
    void acceptsAndFinishesTenThousandIdsOf64Characters_keepingTheJobItemSmall() {
        List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> String.format("x%063d", i)).toList();

        Api.Reply started = api.post("/admin/reimports", Map.of("view", "shop-detail", "mode", "rebuild",
                "scope", Map.of("type", "ids", "ids", ids)));

        assertEquals(202, started.status(), started.body().toString());
        String jobId = started.text("jobId");
        Map<String, AttributeValue> item = cloud.dynamo().getItem(r -> r.tableName("ReimportJobsTable")
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS("job#" + jobId)))).item();
        assertTrue(item.toString().length() < 4_000, "job item of " + item.toString().length() + " characters");
        JsonNode job = awaitJob(jobId);
        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(10_000, job.get("processed").asLong());
        assertEquals(10_000, job.at("/scope/count").asInt());
        List<String> first = new java.util.ArrayList<>();
        job.at("/scope/first").forEach(id -> first.add(id.asText()));
        assertEquals(ids.subList(0, first.size()), first, "the scope shows its first IDs");
        assertTrue(!first.isEmpty() && first.size() <= 10);
    }
}
