package io.zerosync.shop.domain;

import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.kernel.input.Text;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextTest {

    @Test
    void acceptsPairedSurrogates_andRefusesLoneOnes() {
        assertEquals("pizza \ud83c\udf55", Text.requireClean("name", "pizza \ud83c\udf55"));
        assertThrows(InvalidInputException.class, () -> Text.requireClean("name", "\udf55\ud83c"));
        assertThrows(InvalidInputException.class, () -> Text.requireClean("name", "end\ud83c"));
    }

    @Test
    void replacesLoneSurrogatesEverywhereInAJsonValue_andLeavesCleanTextAlone() {
        Object dirty = Map.of("name", "a\ud800b", "menus", List.of(Map.of("k\udc00", "\ud83c\udf55")));

        assertEquals(Map.of("name", "a\ufffdb", "menus", List.of(Map.of("k\ufffd", "\ud83c\udf55"))), Text.wellFormed(dirty));
        String clean = "Caf\u00e9 \ud83c\udf55";
        assertSame(clean, Text.wellFormed(clean));
    }

    @Test
    void quotesClientTextWithEveryNonPrintableEscaped_andCutsItShort() {
        assertEquals("\"a\\u000ab\\u0022\"", Text.quote("a\nb\""));
        assertEquals("\"" + "x".repeat(64) + "...\"", Text.quote("x".repeat(1000)));
    }
}
