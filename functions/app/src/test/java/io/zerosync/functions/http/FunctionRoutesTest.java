package io.zerosync.functions.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionRoutesTest {
    private final FunctionRoutes command = FunctionRoutes.parse("POST /shops, PATCH /shops,PUT /shops,DELETE /shops");
    private final FunctionRoutes source = FunctionRoutes.parse("* /internal");

    @Test
    void servesOnlyItsOwnMethodsAndPrefixes() {
        assertTrue(command.serves("POST", "/shops"));
        assertTrue(command.serves("PUT", "/shops/s1/menus/m1"));
        assertFalse(command.serves("GET", "/shops/s1"));
        assertFalse(command.serves("POST", "/internal/shops/batch-get"));
        assertFalse(command.serves("POST", "/shopsx"), "a prefix is a whole path segment");
        assertTrue(source.serves("POST", "/internal/shops/batch-get"));
        assertTrue(source.serves("GET", "/internal/shops"));
        assertFalse(source.serves("POST", "/shops"));
        assertFalse(source.serves("GET", "/admin/views"));
    }

    @Test
    void servesEveryRoute_whenNoneAreNamed() {
        assertTrue(FunctionRoutes.parse("").serves("DELETE", "/anything"));
        assertTrue(FunctionRoutes.parse(null).servesEverything());
    }

    @Test
    void refusesAMalformedSpec_atStartup() {
        assertThrows(IllegalArgumentException.class, () -> FunctionRoutes.parse("/internal"));
        assertThrows(IllegalArgumentException.class, () -> FunctionRoutes.parse("GET internal"));
    }
}
