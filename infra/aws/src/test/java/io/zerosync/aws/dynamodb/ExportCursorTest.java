package io.zerosync.aws.dynamodb;

import io.zerosync.kernel.input.InvalidInputException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExportCursorTest {

    @Test
    void roundTripsAnyKeyString_includingNewlinesEqualsSignsAndLoneSurrogates() {
        Map<String, AttributeValue> key = Map.of("shopId", AttributeValue.fromS("shp_1"),
                "listKey", AttributeValue.fromS("1#line\none=two%41\ud800#shp_1"));
        ExportCursor cursor = new ExportCursor("list|c=korean|o=true", "0/4", key);

        ExportCursor back = ExportCursor.decode(cursor.encode(), "list|c=korean|o=true");

        assertEquals(cursor, back);
    }

    @Test
    void readsNoCursorAsFromTheStart() {
        assertNull(ExportCursor.decode(null, "scan"));
        assertNull(ExportCursor.decode("", "scan"));
    }

    @Test
    void refusesACursorOfAnotherRead_orAnotherSegment() {
        String cursor = new ExportCursor("list|c=korean|o=null", null, Map.of("shopId", AttributeValue.fromS("a"))).encode();
        assertInvalid(() -> ExportCursor.decode(cursor, "list|c=chinese|o=null"));
        assertInvalid(() -> ExportCursor.decode(cursor, "scan"));

        String segment = new ExportCursor("scan", "1/4", Map.of("shopId", AttributeValue.fromS("a"))).encode();
        assertEquals("1/4", ExportCursor.decode(segment, "scan", "1/4").position());
        assertInvalid(() -> ExportCursor.decode(segment, "scan", "2/4"));
    }

    @Test
    void refusesEveryTamperedForm_asInvalidCursor() {
        String valid = new ExportCursor("scan", "0/1", Map.of("shopId", AttributeValue.fromS("shp_1"))).encode();
        String payload = valid.substring(0, valid.indexOf('.'));
        String signature = valid.substring(valid.indexOf('.') + 1);
        String edited = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("k.shopId=shp_2\nm=scan\np=0/1\n".getBytes(StandardCharsets.UTF_8));

        for (String bad : List.of("garbage", payload, payload + ".", "." + signature, edited + "." + signature,
                valid.substring(0, valid.length() - 1), valid + "x", valid + "." + signature, "!!!.???",
                payload + "." + signature.toLowerCase(), "x".repeat(ExportCursor.MAX_LENGTH + 1),
                Base64.getUrlEncoder().encodeToString("m=scan\nk.shopId=x\n".getBytes(StandardCharsets.UTF_8)))) {
            assertInvalid(() -> ExportCursor.decode(bad, "scan"));
        }
    }

    @Test
    void refusesACursorSignedWithAnotherKey() {
        CursorKey.use("stack-one");
        String cursor = new ExportCursor("scan", "0/1", null).encode();
        CursorKey.use("stack-two");
        try {
            assertInvalid(() -> ExportCursor.decode(cursor, "scan"));
        } finally {
            CursorKey.use("stack-one");
        }
        CursorKey.use("stack-one");
        assertEquals("0/1", ExportCursor.decode(cursor, "scan").position());
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable decode) {
        InvalidInputException e = assertThrows(InvalidInputException.class, decode);
        assertEquals("invalid_cursor", e.code());
    }
}
