package io.zerosync.aws.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.kernel.port.ExportPage;
import io.zerosync.kernel.port.ExportQuery;
import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.port.EntityDecoder;
import io.zerosync.kernel.port.SourceReader;
import io.zerosync.kernel.port.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@link SourceReader} over HTTP, for any entity type: the source contract ({@code POST <collection>/batch-get},
 * {@code GET <collection>?...} export pages, {@code GET <collection>/stats}) at a configured collection URL, items
 * read by the view's {@link EntityDecoder}. One client with connection reuse and timeouts; 5xx, 429 and I/O
 * failures are retried with jittered exponential backoff inside a time budget, then reported as
 * {@link SourceUnavailableException} so the caller's messages come back later.
 */
public final class HttpSourceReader<E extends Entity> implements SourceReader<E> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSourceReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI collectionUrl;
    private final EntityDecoder<E> decoder;
    private final RequestAuth auth;
    private final RetryPolicy retry;
    private final Duration requestTimeout;

    /** @param collectionUrl where the entity type's source answers, e.g. {@code https://.../prod/internal/shops} */
    public HttpSourceReader(HttpClient http, URI collectionUrl, EntityDecoder<E> decoder, RequestAuth auth, RetryPolicy retry,
                         Duration requestTimeout) {
        this.http = http;
        this.collectionUrl = URI.create(collectionUrl.toString().replaceAll("/+$", ""));
        this.decoder = decoder;
        this.auth = auth;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
    }

    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String entityType() {
        return decoder.entityType();
    }

    @Override
    public Batch<E> batchGet(List<String> ids) {
        if (ids.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " IDs per batch-get");
        }
        byte[] body = json(Map.of("ids", ids));
        byte[] answer = call("POST", at("/batch-get"), body);
        try {
            return SourceApiResponses.batch(answer, decoder);
        } catch (IOException e) {
            throw new SourceUnavailableException("batch-get answered unreadable JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public ExportPage<E> export(ExportQuery q) {
        StringJoiner query = new StringJoiner("&");
        if (q.isWindow()) {
            query.add("updatedFrom=" + q.updatedFrom()).add("updatedTo=" + q.updatedTo());
        } else {
            query.add("segment=" + q.segment()).add("totalSegments=" + q.totalSegments());
        }
        query.add("limit=" + q.limit());
        if (q.cursor() != null) {
            query.add("cursor=" + URLEncoder.encode(q.cursor(), StandardCharsets.UTF_8));
        }
        byte[] answer = call("GET", at("?" + query), null);
        try {
            return SourceApiResponses.page(answer, decoder);
        } catch (IOException e) {
            throw new SourceUnavailableException("export answered unreadable JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public long approximateCount() {
        byte[] answer = call("GET", at("/stats"), null);
        try {
            return JSON.readTree(answer).path("approximateCount").asLong();
        } catch (IOException e) {
            throw new SourceUnavailableException("stats answered unreadable JSON", e);
        }
    }

    private URI at(String suffix) {
        return URI.create(collectionUrl + suffix);
    }

    private byte[] call(String method, URI uri, byte[] body) {
        Instant deadline = Instant.now().plus(retry.budget());
        String lastProblem = "not tried";
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                auth.apply(request, method, uri, body);
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body();
                }
                lastProblem = "HTTP " + status + " " + new String(response.body(), StandardCharsets.UTF_8);
                if (status != 429 && status / 100 != 5) {
                    // A 4xx other than throttling will not get better by retrying now.
                    throw new SourceUnavailableException(method + " " + uri.getPath() + " refused: " + lastProblem);
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceUnavailableException("interrupted calling the source API", e);
            }
            Duration pause = retry.delayAfter(attempt);
            if (attempt == retry.maxAttempts() || Instant.now().plus(pause).isAfter(deadline)) {
                break;
            }
            LOG.debug("source API attempt {} failed ({}); retrying in {} ms", attempt, lastProblem, pause.toMillis());
            sleep(pause);
        }
        throw new SourceUnavailableException(method + " " + uri.getPath() + " failed: " + lastProblem);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while backing off", e);
        }
    }
}
