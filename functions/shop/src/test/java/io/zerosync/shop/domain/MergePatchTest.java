package io.zerosync.shop.domain;

import io.zerosync.kernel.input.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cases from RFC 7396's appendix, plus what a shop patch relies on. */
class MergePatchTest {

    @Test
    void replacesAndRemovesMembers() {
        assertEquals(Map.of("a", "z"), MergePatch.apply(Map.of("a", "b"), Map.of("a", "z")));
        assertEquals(Map.of("b", "c"), MergePatch.apply(Map.of("a", "b", "b", "c"), nulling("a")));
        assertEquals(Map.of("a", "b"), MergePatch.apply(Map.of("a", "b"), Map.of()));
    }

    @Test
    void mergesNestedObjects_butReplacesArraysWhole() {
        assertEquals(Map.of("a", Map.of("b", "d", "c", "e")),
                MergePatch.apply(Map.of("a", Map.of("b", "c")), Map.of("a", Map.of("b", "d", "c", "e"))));
        assertEquals(Map.of("a", List.of(1)), MergePatch.apply(Map.of("a", List.of("b", "c")), Map.of("a", List.of(1))));
    }

    @Test
    void aNonObjectPatchReplacesTheTarget() {
        assertEquals(List.of("c"), MergePatch.apply(Map.of("a", "b"), List.of("c")));
        assertEquals("x", MergePatch.apply(Map.of("a", "b"), "x"));
    }

    @Test
    void patchingAShopKeepsWhatThePatchDoesNotName() {
        Map<String, Object> shop = ShopDocument.toJson(ShopDocument.details(ShopDocumentTest.validShop()));
        Map<String, Object> patch = nulling("phone");
        patch.put("deliveryFee", 0);

        ShopDetails patched = ShopDocument.details(MergePatch.apply(shop, patch));

        assertEquals(0, patched.deliveryFee());
        assertEquals("Kimchi House", patched.name());
        assertEquals(2, patched.menus().size());
    }

    @Test
    void nullPutsAnOptionalFieldBackToItsDefault() {
        Map<String, Object> closed = ShopDocumentTest.validShop();
        closed.put("open", false);
        closed.put("phone", "+82 51 123 4567");
        Map<String, Object> shop = ShopDocument.toJson(ShopDocument.details(closed));

        Map<String, Object> patch = nulling("open");
        patch.put("phone", null);
        patch.put("menus", null);
        ShopDetails patched = ShopDocument.details(MergePatch.apply(shop, ShopDocument.patch(patch)));

        assertEquals(true, patched.open(), "open goes back to its default, true");
        assertEquals(null, patched.phone(), "phone goes back to none");
        assertEquals(List.of(), patched.menus(), "menus goes back to none");
    }

    @Test
    void nullOnARequiredFieldIsRefused_namingTheField() {
        Map<String, Object> shop = ShopDocument.toJson(ShopDocument.details(ShopDocumentTest.validShop()));
        for (String field : List.of("name", "category", "address", "minOrderAmount", "deliveryFee")) {
            Object merged = MergePatch.apply(shop, ShopDocument.patch(nulling(field)));

            InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                    () -> ShopDocument.details(merged));
            assertEquals(field + " is required", e.getMessage());
        }
    }

    private static Map<String, Object> nulling(String key) {
        Map<String, Object> patch = new HashMap<>();
        patch.put(key, null);
        return patch;
    }
}
