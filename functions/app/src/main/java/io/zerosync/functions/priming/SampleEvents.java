package io.zerosync.functions.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The sample events of events/samples (packaged in the deployment jar under zerosync-events/samples), decoded
 * the way Lambda's runtime hands them to a handler. Priming feeds them through the real decode paths before
 * a snapshot; they name shops nobody has, so nothing they reach changes.
 */
public final class SampleEvents {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private SampleEvents() {
    }

    public static SQSEvent sqs(String name) {
        return read(name, SQSEvent.class);
    }

    public static APIGatewayProxyRequestEvent apiGateway(String name) {
        return read(name, APIGatewayProxyRequestEvent.class);
    }

    private static <T> T read(String name, Class<T> type) {
        try (InputStream in = SampleEvents.class.getClassLoader().getResourceAsStream("zerosync-events/samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sample event " + name + " is not in the deployment jar");
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
