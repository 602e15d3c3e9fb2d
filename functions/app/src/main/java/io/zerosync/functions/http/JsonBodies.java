package io.zerosync.functions.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.kernel.input.InvalidInputException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses request bodies into JSON-shaped values for the core, which validates them itself. Parsing
 * by hand (rather than binding to classes) lets every mistake come back as one clear 400. Strict on
 * purpose, because what the parser lets through the core can no longer see:
 * <ul>
 *   <li>bytes, not a String Micronaut decoded: invalid UTF-8 (overlong forms included) is refused instead
 *       of becoming U+FFFD or a smuggled character;</li>
 *   <li>duplicate keys are refused (with "last wins" two readers of one body could disagree, and the
 *       idempotency fingerprint would see only the last);</li>
 *   <li>every non-integer number is a BigDecimal, so {@code 9000.0000000000001} and {@code 1e400} reach
 *       the core exactly (no rounding to 9000, no overflow to Infinity);</li>
 *   <li>at most {@value #MAX_BYTES} bytes and {@value #MAX_DEPTH} levels of nesting (our documents need 4).</li>
 * </ul>
 */
@Singleton
public class JsonBodies {
    /** Room for the largest legitimate body: an ID scope of 10,000 IDs of 64 characters (~700 KB). */
    public static final int MAX_BYTES = 1_048_576;
    public static final int MAX_DEPTH = 32;

    private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(100).maxStringLength(MAX_BYTES).build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public Object parse(byte[] body) {
        if (isBlank(body)) {
            throw new InvalidInputException("invalid_body", "request body is required");
        }
        if (body.length > MAX_BYTES) {
            throw new BodyTooLargeException("request body may be at most " + MAX_BYTES + " bytes");
        }
        if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
            throw new InvalidInputException("malformed_json", "request body must be UTF-8 JSON without a byte order mark");
        }
        String text;
        try {
            // Java's decoder is the strict one: it refuses overlong forms (0xC0 0xAF for '/') and encoded
            // surrogates, which Jackson's own UTF-8 reader lets through, and it never guesses UTF-16.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("malformed_json", "request body is not valid UTF-8");
        }
        try {
            return json.readValue(text, Object.class);
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException("malformed_json", "request body is nested too deeply or holds an "
                    + "oversized number or string");
        } catch (JsonProcessingException e) {
            String problem = String.valueOf(e.getOriginalMessage());
            if (problem.startsWith("Duplicate field")) {
                throw new InvalidInputException("duplicate_key", "request body has a key more than once: "
                        + io.zerosync.kernel.input.Text.quote(problem.substring(problem.indexOf('\'') + 1,
                        Math.max(problem.indexOf('\'') + 1, problem.lastIndexOf('\'')))));
            }
            throw new InvalidInputException("malformed_json", "request body is not valid UTF-8 JSON: "
                    + io.zerosync.kernel.input.Text.quote(problem).replaceAll("^\"|\"$", ""));
        } catch (IOException e) {
            throw new InvalidInputException("malformed_json", "request body could not be read");
        }
    }

    /** No body, or only JSON whitespace. */
    public static boolean isBlank(byte[] body) {
        if (body == null) {
            return true;
        }
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** For callers that hold text already (tests, the local tools): the same rules. */
    public Object parse(String body) {
        return parse(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }
}
