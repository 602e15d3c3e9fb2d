package io.zerosync.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends a {@link CommandMix} over real HTTP, one thread per lane, paced to a total rate, and remembers
 * what each shop should look like afterwards (its last acknowledged version, or that it was deleted).
 */
public final class CommandDriver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String writerToken;
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();

    /** What a view should hold for a shop once it has caught up. */
    public record Expected(long version, boolean deleted) {
    }

    public CommandDriver(URI base, String writerToken) {
        this.base = base;
        this.writerToken = writerToken;
    }

    /** Runs every lane to its end at about {@code perSecond} commands a second in total. */
    public void run(List<List<CommandMix.Command>> lanes, double perSecond) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size(), r -> {
            Thread t = new Thread(r, "cost-driver");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            long intervalNanos = (long) (1e9 * lanes.size() / perSecond);
            for (List<CommandMix.Command> lane : lanes) {
                running.add(pool.submit(() -> {
                    runLane(lane, intervalNanos);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a driver lane failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void runLane(List<CommandMix.Command> lane, long intervalNanos) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        long next = System.nanoTime();
        for (CommandMix.Command command : lane) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += intervalNanos;
            String id = command.kind() == CommandMix.Kind.CREATE ? null : ids.get(command.shop());
            HttpResponse<String> answer = send(command, id);
            sent.increment();
            if (answer.statusCode() / 100 != 2) {
                if (command.kind() == CommandMix.Kind.CREATE) {
                    throw new IOException("create refused: " + answer.statusCode() + " " + answer.body());
                }
                continue;
            }
            acknowledged.increment();
            if (command.kind() == CommandMix.Kind.DELETE) {
                long version = Long.parseLong(answer.headers().firstValue("ETag").orElse("0").replaceAll("[^0-9]", ""));
                expected.put(id, new Expected(version, true));
                continue;
            }
            JsonNode body = JSON.readTree(answer.body());
            String shopId = body.get("shopId").asText();
            if (command.kind() == CommandMix.Kind.CREATE) {
                ids.add(shopId);
            }
            expected.merge(shopId, new Expected(body.get("version").asLong(), false),
                    (a, b) -> a.version() >= b.version() ? a : b);
        }
    }

    private HttpResponse<String> send(CommandMix.Command command, String id) throws IOException, InterruptedException {
        String path = command.kind() == CommandMix.Kind.CREATE ? "/shops" : "/shops/" + id + command.pathSuffix();
        String method = switch (command.kind()) {
            case CREATE -> "POST";
            case PATCH -> "PATCH";
            case MENU_PUT -> "PUT";
            case MENU_DELETE, DELETE -> "DELETE";
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + writerToken)
                .method(method, command.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(command.body()));
        if (command.body() != null) {
            request.header("Content-Type", command.kind() == CommandMix.Kind.PATCH
                    ? "application/merge-patch+json" : "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public long sent() {
        return sent.sum();
    }

    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Every shop the commands touched, with what the views should end up holding for it. */
    public Map<String, Expected> expected() {
        return Map.copyOf(expected);
    }
}
