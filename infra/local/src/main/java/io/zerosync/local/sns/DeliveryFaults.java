package io.zerosync.local.sns;

import io.zerosync.local.faults.FaultKind;
import io.zerosync.local.faults.Faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Injects the SNS delivery faults, per subscription, in front of {@link SqsDelivery}: a dropped delivery
 * takes the path of a failed one; a duplicate is delivered twice; a delayed one goes out after up to
 * {@code sns-max-delay-ms}; a reordered one waits until the next delivery to the same subscription has
 * gone out (or the maximum delay passed). With every rate 0 it delivers at once.
 */
final class DeliveryFaults implements AutoCloseable {
    private final Faults faults;
    private final SqsDelivery delivery;
    private final AtomicInteger heldBack;
    private final Map<String, SqsDelivery.Published> overtakeable = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sns-delivery-faults");
        t.setDaemon(true);
        return t;
    });

    DeliveryFaults(Faults faults, SqsDelivery delivery) {
        this.faults = faults;
        this.delivery = delivery;
        this.heldBack = faults.heldBackCounter();
    }

    void deliver(Topics.Subscription sub, SqsDelivery.Published p) {
        if (faults.roll(FaultKind.SNS_DROP)) {
            delivery.failed(sub, p, new IllegalStateException("delivery dropped (injected sns-drop)"));
            return;
        }
        int copies = faults.roll(FaultKind.SNS_DUPLICATE) ? 2 : 1;
        long maxDelay = faults.rates().snsMaxDelay().toMillis();
        for (int i = 0; i < copies; i++) {
            if (faults.roll(FaultKind.SNS_DELAY)) {
                later(sub, p, (long) (faults.nextDouble() * maxDelay));
            } else if (faults.roll(FaultKind.SNS_REORDER) && overtakeable.putIfAbsent(sub.arn, p) == null) {
                heldBack.incrementAndGet();
                timer.schedule(() -> release(sub, p), Math.max(1, maxDelay), TimeUnit.MILLISECONDS);
            } else {
                delivery.deliver(sub, p);
                SqsDelivery.Published overtaken = overtakeable.remove(sub.arn);
                if (overtaken != null) {
                    heldBack.decrementAndGet();
                    delivery.deliver(sub, overtaken);
                }
            }
        }
    }

    private void later(Topics.Subscription sub, SqsDelivery.Published p, long millis) {
        heldBack.incrementAndGet();
        timer.schedule(() -> {
            try {
                delivery.deliver(sub, p);
            } finally {
                heldBack.decrementAndGet();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    /** Nothing overtook the held delivery in time: it goes out now. */
    private void release(Topics.Subscription sub, SqsDelivery.Published p) {
        if (overtakeable.remove(sub.arn, p)) {
            try {
                delivery.deliver(sub, p);
            } finally {
                heldBack.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
