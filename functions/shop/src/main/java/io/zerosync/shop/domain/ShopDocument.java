package io.zerosync.shop.domain;

import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.kernel.input.Text;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts between {@link ShopDetails} and its JSON-shaped form (what clients send and what the source
 * API answers). Strict: unknown fields are rejected, so a typo ("deliveryfee") is a 400, never a
 * silently ignored change.
 */
public final class ShopDocument {
    private static final Set<String> SHOP_FIELDS = Set.of(
            "name", "category", "address", "phone", "minOrderAmount", "deliveryFee", "open", "menus");
    private static final Set<String> MENU_FIELDS = Set.of("menuId", "name", "price", "soldOut");

    private ShopDocument() {
    }

    public static ShopDetails details(Object json) {
        Map<String, Object> doc = object(json, "body");
        rejectUnknown(doc, SHOP_FIELDS, "");
        List<Menu> menus = new ArrayList<>();
        Object rawMenus = doc.get("menus");
        if (rawMenus != null) {
            if (!(rawMenus instanceof List<?> list)) {
                throw InvalidInputException.invalid("menus", "must be an array");
            }
            if (list.size() > ShopDetails.MAX_MENUS) {
                throw InvalidInputException.invalid("menus", "must have at most " + ShopDetails.MAX_MENUS + " items");
            }
            for (Object item : list) {
                menus.add(menu(item, null));
            }
        }
        return new ShopDetails(
                string(doc, "name", true), string(doc, "category", true), string(doc, "address", true),
                string(doc, "phone", false), amount(doc, "minOrderAmount"), amount(doc, "deliveryFee"),
                bool(doc, "open", true), menus);
    }

    /**
     * Checks a merge patch of a shop before it is applied: an object whose top-level members are shop
     * fields. Without this a typo set to null ({@code "deliveryfee": null}) would remove nothing and pass
     * silently. What a {@code null} member does: it removes the field (RFC 7396), and a removed field
     * reads as absent, so an optional field goes back to its default ({@code open} to {@code true},
     * {@code phone} to none, {@code menus} to an empty list) and a required one is a 400 "is required".
     */
    public static Map<String, Object> patch(Object json) {
        if (!(json instanceof Map<?, ?>)) {
            throw new InvalidInputException("invalid_body", "a merge patch must be a JSON object");
        }
        Map<String, Object> doc = object(json, "merge patch");
        rejectUnknown(doc, SHOP_FIELDS, "");
        return doc;
    }

    /**
     * A menu from its JSON form. {@code pathMenuId} is the ID from the URL when there is one; a body
     * that names another ID is a contradiction and refused.
     */
    public static Menu menu(Object json, String pathMenuId) {
        Map<String, Object> doc = object(json, "menu");
        rejectUnknown(doc, MENU_FIELDS, "menus[].");
        String bodyId = string(doc, "menuId", false);
        if (pathMenuId != null && bodyId != null && !bodyId.equals(pathMenuId)) {
            throw InvalidInputException.invalid("menuId", "in the body (" + Text.quote(bodyId)
                    + ") differs from the one in the path (" + Text.quote(pathMenuId) + ")");
        }
        String id = pathMenuId != null ? pathMenuId : bodyId != null ? bodyId : Ids.newMenuId();
        return new Menu(id, string(doc, "name", true), amount(doc, "price"), bool(doc, "soldOut", false));
    }

    public static Map<String, Object> toJson(ShopDetails d) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", d.name());
        doc.put("category", d.category());
        doc.put("address", d.address());
        if (d.phone() != null) {
            doc.put("phone", d.phone());
        }
        doc.put("minOrderAmount", d.minOrderAmount());
        doc.put("deliveryFee", d.deliveryFee());
        doc.put("open", d.open());
        List<Object> menus = new ArrayList<>();
        for (Menu m : d.menus()) {
            Map<String, Object> menu = new LinkedHashMap<>();
            menu.put("menuId", m.menuId());
            menu.put("name", m.name());
            menu.put("price", m.price());
            menu.put("soldOut", m.soldOut());
            menus.add(menu);
        }
        doc.put("menus", menus);
        return doc;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json, String what) {
        if (!(json instanceof Map<?, ?>)) {
            throw new InvalidInputException("invalid_body", what + " must be a JSON object");
        }
        return (Map<String, Object>) json;
    }

    private static void rejectUnknown(Map<String, Object> doc, Set<String> allowed, String prefix) {
        for (String key : doc.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidInputException("unknown_field", "unknown field " + Text.quote(prefix + key)
                        + "; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private static String string(Map<String, Object> doc, String field, boolean required) {
        Object v = doc.get(field);
        if (v == null) {
            if (required) {
                throw InvalidInputException.invalid(field, "is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw InvalidInputException.invalid(field, "must be a string");
        }
        return s;
    }

    private static boolean bool(Map<String, Object> doc, String field, boolean otherwise) {
        Object v = doc.get(field);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Boolean b)) {
            throw InvalidInputException.invalid(field, "must be true or false");
        }
        return b;
    }

    /**
     * Amounts are integers in the currency's smallest unit. The value is judged exactly (as a BigDecimal,
     * which is how the HTTP edge parses JSON numbers) before anything could round it: 9000.0000000000001
     * is refused, not stored as 9000, and 1e400 is "too large", not an overflow.
     */
    private static long amount(Map<String, Object> doc, String field) {
        Object v = doc.get(field);
        if (v == null) {
            throw InvalidInputException.invalid(field, "is required");
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (!(v instanceof Number n)) {
            throw InvalidInputException.invalid(field, "must be a number (an integer in the currency's smallest unit)");
        }
        if ((v instanceof Double d && !Double.isFinite(d)) || (v instanceof Float f && !Float.isFinite(f))) {
            throw InvalidInputException.invalid(field, "must be a finite integer");
        }
        BigDecimal exact = v instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            throw InvalidInputException.invalid(field, "must be an integer in the currency's smallest unit");
        }
        if (exact.compareTo(BigDecimal.valueOf(Rules.MAX_AMOUNT)) > 0) {
            throw InvalidInputException.invalid(field, "must be at most " + Rules.MAX_AMOUNT);
        }
        if (exact.signum() < 0) {
            throw InvalidInputException.invalid(field, "must not be negative");
        }
        return exact.longValueExact();
    }
}
