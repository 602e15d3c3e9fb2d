package io.zerosync.shop.domain;

import io.zerosync.kernel.input.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopDocumentTest {

    static Map<String, Object> validShop() {
        Map<String, Object> shop = new HashMap<>();
        shop.put("name", "  Kimchi House ");
        shop.put("category", "korean");
        shop.put("address", "12 Harbour St");
        shop.put("minOrderAmount", 12000);
        shop.put("deliveryFee", 3000L);
        shop.put("menus", List.of(Map.of("menuId", "bibimbap", "name", "Bibimbap", "price", 9000),
                Map.of("name", "Jjigae", "price", 8500.0, "soldOut", true)));
        return shop;
    }

    @Test
    void buildsDetailsWithDefaults_whenOptionalFieldsAreAbsent() {
        ShopDetails d = ShopDocument.details(validShop());

        assertEquals("Kimchi House", d.name(), "names are trimmed");
        assertNull(d.phone());
        assertTrue(d.open(), "a new shop is open unless it says otherwise");
        assertEquals(2, d.menus().size());
        assertEquals("bibimbap", d.menus().get(0).menuId());
        assertTrue(d.menus().get(1).menuId().startsWith("mnu_"), "missing menu IDs are generated");
        assertEquals(8500, d.menus().get(1).price(), "8500.0 is an integer amount");
    }

    @Test
    void roundTripsThroughItsJsonForm() {
        ShopDetails d = ShopDocument.details(validShop());

        assertEquals(d, ShopDocument.details(ShopDocument.toJson(d)));
    }

    @Test
    void rejectsMissingRequiredFields_namingTheField() {
        for (String field : List.of("name", "category", "address", "minOrderAmount", "deliveryFee")) {
            Map<String, Object> shop = validShop();
            shop.remove(field);

            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ShopDocument.details(shop));
            assertTrue(e.getMessage().startsWith(field), e.getMessage());
        }
    }

    @Test
    void rejectsUnknownFields_soTyposAreNotSilentlyIgnored() {
        Map<String, Object> shop = validShop();
        shop.put("deliveryfee", 0);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ShopDocument.details(shop));
        assertEquals("unknown_field", e.code());
        assertTrue(e.getMessage().contains("deliveryfee"));
    }

    @Test
    void rejectsBadValues() {
        assertInvalid("minOrderAmount", -1);
        assertInvalid("deliveryFee", 1.5);
        assertInvalid("deliveryFee", "3000");
        assertInvalid("deliveryFee", 1e30);
        assertInvalid("minOrderAmount", Rules.MAX_AMOUNT + 1);
        assertInvalid("name", "   ");
        assertInvalid("name", "x".repeat(ShopDetails.MAX_NAME_LENGTH + 1));
        assertInvalid("category", "Korean Food");
        assertInvalid("phone", "call me");
        assertInvalid("open", "yes");
        assertInvalid("menus", Map.of());
        assertInvalid("menus", List.of(Map.of("name", "A", "price", -5)));
        assertInvalid("menus", List.of(Map.of("menuId", "bad id", "name", "A", "price", 5)));
        assertInvalid("menus", List.of(Map.of("menuId", "a", "name", "A", "price", 5),
                Map.of("menuId", "a", "name", "B", "price", 6)));
        assertInvalid("menus", java.util.Collections.nCopies(ShopDetails.MAX_MENUS + 1, Map.of("name", "A", "price", 1)));
    }

    @Test
    void acceptsTheBoundaries() {
        Map<String, Object> shop = validShop();
        shop.put("name", "x".repeat(ShopDetails.MAX_NAME_LENGTH));
        shop.put("minOrderAmount", 0);
        shop.put("deliveryFee", Rules.MAX_AMOUNT);
        shop.put("phone", "+82 51-123-4567");
        shop.put("open", false);

        ShopDetails d = ShopDocument.details(shop);
        assertFalse(d.open());
        assertEquals(Rules.MAX_AMOUNT, d.deliveryFee());
    }

    @Test
    void refusesAMenuWhoseBodyIdContradictsThePath() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ShopDocument.menu(Map.of("menuId", "b", "name", "B", "price", 1), "a"));
        assertTrue(e.getMessage().contains("path"));
    }

    @Test
    void refusesNonIntegralAmounts_beforeAnythingCouldRoundThem() {
        InvalidInputException e = assertInvalidAmount("deliveryFee", new java.math.BigDecimal("9000.0000000000001"));
        assertTrue(e.getMessage().contains("integer"), e.getMessage());
        assertInvalidAmount("deliveryFee", new java.math.BigDecimal("1e-400"));
        assertInvalidAmount("deliveryFee", new java.math.BigDecimal("0.5"));
    }

    @Test
    void refusesAmountsOutOfRange_asTooLargeNotAsAnOverflow() {
        InvalidInputException e = assertInvalidAmount("minOrderAmount", new java.math.BigDecimal("1e400"));
        assertTrue(e.getMessage().contains("at most"), e.getMessage());
        assertInvalidAmount("minOrderAmount", new java.math.BigInteger("123456789012345678901234567890"));
        assertInvalidAmount("minOrderAmount", Double.POSITIVE_INFINITY);
        assertInvalidAmount("minOrderAmount", Double.NaN);
        assertInvalidAmount("minOrderAmount", new java.math.BigDecimal("-1e400"));
        Map<String, Object> shop = validShop();
        shop.put("menus", List.of(Map.of("name", "A", "price", new java.math.BigDecimal("1e400"))));
        assertThrows(InvalidInputException.class, () -> ShopDocument.details(shop));
    }

    @Test
    void acceptsIntegralAmountsWrittenAsDecimals() {
        Map<String, Object> shop = validShop();
        shop.put("deliveryFee", new java.math.BigDecimal("3000.000"));
        shop.put("minOrderAmount", new java.math.BigDecimal("1.2e4"));

        ShopDetails d = ShopDocument.details(shop);
        assertEquals(3000, d.deliveryFee());
        assertEquals(12000, d.minOrderAmount());
    }

    @Test
    void refusesControlCharactersAndLoneSurrogates_inEveryTextField_namingTheField() {
        for (String bad : List.of("Nul\u0000", "Line\nbreak", "Tab\there", "Cr\r", "Del\u007f", "C1\u0085",
                "Sep\u2028", "Lone\ud800", "Lone\udc00low", "\ud800")) {
            String value = bad;
            for (String field : List.of("name", "address")) {
                Map<String, Object> shop = validShop();
                shop.put(field, value);
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> ShopDocument.details(shop), bad);
                assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
            }
            Map<String, Object> shop = validShop();
            shop.put("menus", List.of(Map.of("name", value, "price", 1)));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ShopDocument.details(shop), bad);
            assertTrue(e.getMessage().startsWith("menus[].name "), e.getMessage());
        }
    }

    @Test
    void acceptsAnyPrintableUnicode_includingCharactersOutsideTheBasicPlane() {
        Map<String, Object> shop = validShop();
        shop.put("name", "\uae40\uce58 \ud83c\udf55 Caf\u00e9");

        assertEquals("\uae40\uce58 \ud83c\udf55 Caf\u00e9", ShopDocument.details(shop).name());
    }

    @Test
    void countsNameLengthInCharacters_notUtf16Units() {
        Map<String, Object> shop = validShop();
        shop.put("name", "\ud83c\udf55".repeat(ShopDetails.MAX_NAME_LENGTH));

        assertEquals(ShopDetails.MAX_NAME_LENGTH * 2, ShopDocument.details(shop).name().length());
    }

    @Test
    void echoesClientTextSafely_inErrorMessages() {
        Map<String, Object> shop = validShop();
        shop.put("bad\u0000key\ud800", 1);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ShopDocument.details(shop));
        assertEquals("unknown_field", e.code());
        assertTrue(e.getMessage().contains("\"bad\\u0000key\\ud800\""), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20 || Character.isSurrogate((char) c)), e.getMessage());
    }

    @Test
    void refusesAMergePatchNamingAnUnknownField_evenWhenItsValueIsNull() {
        Map<String, Object> patch = new HashMap<>();
        patch.put("deliveryfee", null);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ShopDocument.patch(patch));
        assertEquals("unknown_field", e.code());
        assertEquals("invalid_body", assertThrows(InvalidInputException.class, () -> ShopDocument.patch(List.of())).code());
    }

    private static InvalidInputException assertInvalidAmount(String field, Object value) {
        Map<String, Object> shop = validShop();
        shop.put(field, value);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ShopDocument.details(shop), field + "=" + value);
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
        return e;
    }

    private static void assertInvalid(String field, Object value) {
        Map<String, Object> shop = validShop();
        shop.put(field, value);
        assertThrows(InvalidInputException.class, () -> ShopDocument.details(shop), field + "=" + value);
    }
}
