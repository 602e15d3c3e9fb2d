package io.zerosync.functions.config;

import io.zerosync.aws.sqs.QueueTagViewDirectory.Registration;
import io.zerosync.shop.source.ShopDecoder;
import io.zerosync.shop.views.ShopDetailProjection;
import io.zerosync.shop.views.ShopListProjection;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A view added to the stack is seen within a minute; nothing is rebuilt while the registrations stay the same. */
class RegisteredViewsTest {
    private static final Registration DETAIL = registration("shop-detail", ShopDetailProjection.class.getName());
    private static final Registration LIST = registration("shop-list", ShopListProjection.class.getName());

    private Instant now = Instant.parse("2026-12-06T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<Registration> registered = new ArrayList<>(List.of(DETAIL));
    private final AtomicInteger lookups = new AtomicInteger();
    private RuntimeException failing;
    private final RegisteredViews views = new RegisteredViews(() -> {
        lookups.incrementAndGet();
        if (failing != null) {
            throw failing;
        }
        return List.copyOf(registered);
    }, clock);

    private static Registration registration(String view, String projection) {
        return new Registration(view, projection, "t-" + view, "shopId", "q-" + view, "dlq-" + view,
                "http://localhost/internal/shops", ShopDecoder.class.getName(), "");
    }

    @Test
    void looksUpOncePerMinute_andSeesAViewAddedSince() {
        AtomicInteger builds = new AtomicInteger();
        Supplier<List<String>> names = views.derived(defs -> {
            builds.incrementAndGet();
            return defs.definitions().stream().map(ViewDefinitions.Definition::view).toList();
        });
        assertEquals(List.of("shop-detail"), names.get());
        registered.add(LIST);
        now = now.plusSeconds(59);
        assertEquals(List.of("shop-detail"), names.get(), "within the minute: the last lookup");
        assertEquals(1, lookups.get());

        now = now.plusSeconds(1);
        assertEquals(List.of("shop-detail", "shop-list"), names.get());
        assertEquals(2, lookups.get());
        assertEquals(2, builds.get());
    }

    @Test
    void nothingIsRebuiltWhileTheRegistrationsStayTheSame() {
        ViewDefinitions first = views.current();
        now = now.plusSeconds(600);
        assertSame(first, views.current());
        assertEquals(2, lookups.get());
    }

    @Test
    void aFailedLookupKeepsTheViewsFoundLast_butTheFirstLookupsFailureIsTheCallers() {
        ViewDefinitions first = views.current();
        failing = new IllegalStateException("SQS unreachable");
        now = now.plusSeconds(61);
        assertSame(first, views.current());

        RegisteredViews fresh = new RegisteredViews(() -> {
            throw new IllegalStateException("SQS unreachable");
        }, clock);
        assertThrows(IllegalStateException.class, fresh::current);
    }

    @Test
    void aClockThatWentBackwardsLooksUpAgain() {
        views.current();
        now = now.minusSeconds(3600);
        views.current();
        assertEquals(2, lookups.get());
    }
}
