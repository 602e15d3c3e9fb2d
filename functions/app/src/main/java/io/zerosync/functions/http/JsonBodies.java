package io.zerosync.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.core.domain.InvalidInputException;
import jakarta.inject.Singleton;

/**
 * Parses request bodies into JSON-shaped values for the core, which validates them itself. Parsing
 * by hand (rather than binding to classes) lets every mistake come back as one clear 400.
 */
@Singleton
public class JsonBodies {
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public Object parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("invalid_body", "request body is required");
        }
        try {
            return json.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed_json", "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
