package io.zerosync.local.it;

import io.zerosync.local.testing.Eventually;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shop pages revalidate by version: a cache or a browser holding the current version gets a bodiless 304. */
class ReadCachingIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(TestClouds.live());
    }

    private static void awaitVersion(String id, long version) {
        Eventually.until("shop-detail at version " + version, DEADLINE, () -> {
            Api.Reply r = api.get("/shops/" + id);
            return r.status() == 200 && r.body().get("version").asLong() == version;
        });
    }

    @Test
    void theCurrentVersionAnswers304_andAChangeAnswersTheNewPage() {
        String id = api.createShop("Cached", "thai");
        awaitVersion(id, 1);

        Api.Reply page = api.get("/shops/" + id);
        assertEquals("\"1\"", page.header("ETag"));
        assertEquals("public, max-age=1, s-maxage=1", page.header("Cache-Control"));
        assertEquals("X-Min-Version", page.header("Vary"));

        Api.Reply same = api.get("/shops/" + id, "If-None-Match", "\"1\"");
        assertEquals(304, same.status());
        assertEquals("", same.raw().body());
        assertEquals("\"1\"", same.header("ETag"));
        assertEquals(304, api.get("/shops/" + id, "If-None-Match", "W/\"1\"").status(), "weak comparison");
        assertEquals(304, api.get("/shops/" + id, "If-None-Match", "\"7\", \"1\"").status(), "any tag of a list");
        assertEquals(304, api.get("/shops/" + id, "If-None-Match", "*").status());
        assertEquals(200, api.get("/shops/" + id, "If-None-Match", "\"2\"").status());

        assertEquals(200, api.call("PATCH", "/shops/" + id, Map.of("deliveryFee", 1)).status());
        awaitVersion(id, 2);
        Api.Reply changed = api.get("/shops/" + id, "If-None-Match", "\"1\"");
        assertEquals(200, changed.status(), "the old tag no longer matches");
        assertEquals(2, changed.body().get("version").asLong());
        assertEquals("\"2\"", changed.header("ETag"));
        assertEquals(304, api.get("/shops/" + id, "If-None-Match", "\"2\"", "X-Min-Version", "2").status());
    }

    @Test
    void aMalformedOrHostileIfNoneMatchIsIgnored_neverAnError() {
        String id = api.createShop("Cached hostile", "thai");
        awaitVersion(id, 1);
        for (String header : new String[] {"1", "\"abc\"", "\"99999999999999999999999\"", "W/", ",,,,",
                "\"1\"".repeat(1100)}) {
            Api.Reply r = api.get("/shops/" + id, "If-None-Match", header);
            assertEquals(200, r.status(), header.length() > 40 ? header.substring(0, 40) : header);
            assertTrue(r.body().has("shopId"));
        }
    }

    @Test
    void aMissingShopIsStill404() {
        assertEquals(404, api.get("/shops/no-such-shop-cached", "If-None-Match", "*").status());
    }
}
