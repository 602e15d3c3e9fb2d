package io.zerosync.functions;

import io.zerosync.aws.dynamodb.MeasuredItems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.zerosync.functions.TemplateAgreementTest.cast;
import static io.zerosync.functions.TemplateAgreementTest.section;

/**
 * What one command costs every table and index of template.yaml, and how many commands per second each
 * sustains before a partition (or a quota) throttles it. One method per path a command takes; each adds the
 * units it spends, averaged over the command mix, to the table or index it spends them on.
 *
 * <p>DynamoDB's rules used: a write costs 1 unit per started KB of the larger of the old and new item, a
 * transactional write twice that; a strongly consistent read 1 unit per started 4 KB (1 for a missing item);
 * a GSI write costs 1 unit per started KB of the projected entry, and an update that changes the entry's key
 * costs a delete plus a put; an update that changes no projected attribute costs the index nothing. One
 * partition takes 1,000 write and 3,000 read units per second.
 */
final class CapacityModel {
    static final int PARTITION_WCU = 1_000;
    static final int PARTITION_RCU = 3_000;
    /** On-demand table-level default quota, per table and per GSI (soft: Service Quotas raises it). */
    static final int TABLE_QUOTA = 40_000;
    /** Bytes DynamoDB counts per GSI entry besides its attributes, and a generous bound for one short key or version attribute. */
    private static final int INDEX_ENTRY_OVERHEAD = 100;
    private static final int SMALL_ATTRIBUTE = 64;

    /**
     * The one mapping from an index's hash key to the template parameter that says over how many keys it
     * spreads one group of writes (a day, a category). A hash key not listed here and not per-shop is one key.
     */
    static final Map<String, String> SHARD_PARAMETER = Map.of(
            "updatedShard", "IndexShards",
            "announcePending", "IndexShards",
            "categoryShard", "CategoryShards");
    /** Hash keys with one value per shop or per request: writes spread over as many keys as there are shops. */
    static final Set<String> PER_ITEM_KEYS = Set.of("shopId", "idempotencyKey");

    /**
     * The traffic the model is sized for. {@code createShare}: share of commands that create a shop with an
     * Idempotency-Key (the dearest command); the rest patch a shop (PATCH, PUT/DELETE menu: one read, one
     * conditional put). {@code hotCategoryShare}: the largest share of the writes that one category takes.
     */
    record Inputs(int commandsPerSecond, long shops, int shopBytes, double createShare, double hotCategoryShare,
                  Durations durations) {
    }

    /**
     * Warm durations per invocation assumed on AWS (arm64, 1024 MB): in-region DynamoDB calls of 5-10 ms,
     * an SNS publish of about 20 ms, a signed HTTPS call through API Gateway of about 50 ms; each rounded up.
     */
    record Durations(double commandSeconds, double syncBatchSeconds, double sourceBatchSeconds) {
    }

    /** Units one command (mix average) spends on a table or index, and what bounds it. */
    static final class Load {
        final String name;
        final boolean index;
        double wcu;
        double rcu;
        long keys = 1;
        double hottestShare = 1;
        String keyNote = "";

        Load(String name, boolean index) {
            this.name = name;
            this.index = index;
        }

        /** Commands/s before the hottest partition key group throttles. */
        double partitionBound() {
            double w = wcu == 0 ? Double.POSITIVE_INFINITY : keys * (double) PARTITION_WCU / (wcu * hottestShare);
            double r = rcu == 0 ? Double.POSITIVE_INFINITY : keys * (double) PARTITION_RCU / (rcu * hottestShare);
            return Math.min(w, r);
        }

        /** Commands/s before the default table-level quota throttles (soft). */
        double quotaBound() {
            return TABLE_QUOTA / Math.max(Math.max(wcu, rcu), 1e-9);
        }
    }

    private final Map<String, Object> template;
    private final Map<String, Integer> parameterOverrides;
    private final Inputs in;
    final MeasuredItems.Sizes sizes;
    private final Map<String, Load> loads = new LinkedHashMap<>();

    CapacityModel(Map<String, Object> template, Map<String, Integer> parameterOverrides, Inputs inputs) {
        this.template = template;
        this.parameterOverrides = parameterOverrides;
        this.in = inputs;
        this.sizes = MeasuredItems.ofShopUpTo(inputs.shopBytes());
        everyTableAndIndex();
        commandWrite();
        outbox();
        sourceBatchGets();
        viewSyncs();
        spreadOverKeys();
    }

    Map<String, Load> loads() {
        return loads;
    }

    // ---------------------------------------------------------------- paths

    /** Every table and GSI of the template is listed, also those no command touches (they cost 0). */
    private void everyTableAndIndex() {
        resources().forEach((id, r) -> {
            if ("AWS::DynamoDB::Table".equals(cast(r).get("Type"))) {
                table(id);
                indexNames(id).forEach(gsi -> index(id, gsi));
            }
        });
    }

    /**
     * The command's own write: a create reads the idempotency claim and writes shop and claim in one
     * transaction (twice the units); a patch reads the shop (consistent) and puts it conditionally. The
     * window index gets a put on create and, since updatedAt (its range key) changes on every write, a
     * delete plus a put on a patch.
     */
    private void commandWrite() {
        double c = in.createShare();
        Load shops = table("ShopsTable");
        shops.wcu += c * 2 * wcu(sizes.shopItem()) + (1 - c) * wcu(sizes.shopItem());
        shops.rcu += (1 - c) * rcu(sizes.shopItem());
        Load claims = table("IdempotencyTable");
        claims.wcu += c * 2 * wcu(sizes.claimItem());
        claims.rcu += c * rcu(sizes.claimItem());
        Load window = index("ShopsTable", "ByUpdatedAt");
        window.wcu += (c + (1 - c) * 2) * wcu(projected("ShopsTable", "ByUpdatedAt", sizes.shopItem()));
    }

    /**
     * The outbox: the write sets announcePending (a put into PendingAnnouncements), the publish's
     * markAnnounced removes it (an update of the whole item, and a delete from PendingAnnouncements). The
     * window index pays for that update only if it projects announcePending.
     */
    private void outbox() {
        table("ShopsTable").wcu += wcu(sizes.shopItem());
        Load pending = index("ShopsTable", "PendingAnnouncements");
        pending.wcu += 2 * wcu(projected("ShopsTable", "PendingAnnouncements", sizes.shopItem()));
        if (projects("ShopsTable", "ByUpdatedAt", "announcePending")) {
            index("ShopsTable", "ByUpdatedAt").wcu += wcu(projected("ShopsTable", "ByUpdatedAt", sizes.shopItem()));
        }
    }

    /** Every view's sync fetches the shop through the source API: a consistent batch-get of the shop item. */
    private void sourceBatchGets() {
        table("ShopsTable").rcu += viewTables().size() * rcu(sizes.shopItem());
    }

    /**
     * Every view's sync reads its row's state (consistent batch-get, whole row), then writes the row through
     * its version gate (a conditional put; a refused one costs the same). Its indexes get a put on create and,
     * at worst, a delete plus a put on a patch (a key that moves: name, open flag).
     */
    private void viewSyncs() {
        double c = in.createShare();
        for (var view : viewTables().entrySet()) {
            int row = view.getValue();
            Load table = table(view.getKey());
            table.rcu += rcu(row);
            table.wcu += wcu(row);
            for (String gsi : indexNames(view.getKey())) {
                index(view.getKey(), gsi).wcu += (c + (1 - c) * 2) * wcu(projected(view.getKey(), gsi, row));
            }
        }
    }

    /** How many partition keys each load spreads over, read from its hash key and the shard parameters. */
    private void spreadOverKeys() {
        for (Load load : loads.values()) {
            if (load.wcu + load.rcu == 0) {
                load.keyNote = "(no command traffic)";
                continue;
            }
            // A table's ID may hold a dot itself (a view block's ShopListView.Table): an index is what follows the last one.
            int dot = load.name.lastIndexOf('.');
            boolean isTable = resources().containsKey(load.name) || dot < 0;
            String hash = isTable ? hashKey(load.name, null) : hashKey(load.name.substring(0, dot), load.name.substring(dot + 1));
            if (PER_ITEM_KEYS.contains(hash)) {
                load.keys = in.shops();
                load.keyNote = hash + " (one per shop/request)";
            } else if (SHARD_PARAMETER.containsKey(hash) && parameter(SHARD_PARAMETER.get(hash)) != null) {
                load.keys = parameter(SHARD_PARAMETER.get(hash));
                load.keyNote = hash + " x " + SHARD_PARAMETER.get(hash) + "=" + load.keys;
            } else {
                load.keys = 1;
                load.keyNote = hash + " (one key)";
            }
            if (hash.startsWith("category")) {
                load.hottestShare = in.hotCategoryShare(); // the busiest category's keys take this share
            }
        }
    }

    // ---------------------------------------------------------------- Lambda, SQS, API Gateway, SNS

    /** Concurrency each function needs at the design rate: invocations per second x duration. */
    Map<String, Integer> concurrencyNeeded() {
        Map<String, Integer> need = new LinkedHashMap<>();
        need.merge(routeOwner("POST", "/shops"), ceil(in.commandsPerSecond() * in.durations().commandSeconds()), Integer::sum);
        need.merge(routeOwner("POST", "/internal/shops/batch-get"),
                ceil(sourceRequestsPerSecond() * in.durations().sourceBatchSeconds()), Integer::sum);
        for (String fn : syncFunctions()) {
            need.merge(fn, ceil(in.commandsPerSecond() / (double) batchSize(fn) * in.durations().syncBatchSeconds()),
                    Integer::sum);
        }
        return need;
    }

    /** Source API requests per second: one batch-get per sync invocation of each view. */
    double sourceRequestsPerSecond() {
        return syncFunctions().stream().mapToDouble(fn -> in.commandsPerSecond() / (double) batchSize(fn)).sum();
    }

    /** Messages per second a sync function's mapping can take with its template MaximumConcurrency. */
    double mappingMessagesPerSecond(String fn) {
        return maximumConcurrency(fn) * batchSize(fn) / in.durations().syncBatchSeconds();
    }

    /** Concurrency a sync function's mapping must be allowed so that it keeps up with every command. */
    int mappingConcurrencyNeeded(String fn) {
        return ceil(in.commandsPerSecond() / (double) batchSize(fn) * in.durations().syncBatchSeconds());
    }

    List<String> syncFunctions() {
        List<String> fns = new ArrayList<>();
        functions().forEach((id, props) -> {
            if (section(section(cast(props), "Environment"), "Variables").containsKey("ZEROSYNC_VIEW_TABLE")) {
                fns.add(id);
            }
        });
        return fns;
    }

    int batchSize(String fn) {
        return ((Number) sqsEvent(fn).getOrDefault("BatchSize", 10)).intValue();
    }

    int maximumConcurrency(String fn) {
        Object max = section(sqsEvent(fn), "ScalingConfig").get("MaximumConcurrency");
        return max == null ? 1000 : number(max);
    }

    /**
     * The throttle (rate, burst) of the API that serves POST /shops: a REST API's MethodSettings for all paths
     * ('/*') or an HTTP API's DefaultRouteSettings; null when there is none.
     */
    int[] stageThrottle() {
        String api = null;
        for (Object e : section(section(functions(), routeOwner("POST", "/shops")), "Events").values()) {
            Map<String, Object> p = section(cast(e), "Properties");
            if ("/shops".equals(p.get("Path")) && "post".equalsIgnoreCase(String.valueOf(p.get("Method")))) {
                api = String.valueOf(p.get("RestApiId") != null ? p.get("RestApiId") : p.get("ApiId")).replace("!Ref ", "");
            }
        }
        Map<String, Object> props = properties(api);
        List<Map<String, Object>> settings = new ArrayList<>();
        if (props.get("MethodSettings") instanceof List<?> list) {
            list.stream().map(TemplateAgreementTest::cast).filter(s -> "/*".equals(s.get("ResourcePath"))).forEach(settings::add);
        }
        if (props.get("DefaultRouteSettings") instanceof Map<?, ?> route) {
            settings.add(cast(route));
        }
        for (Map<String, Object> s : settings) {
            if (s.get("ThrottlingRateLimit") != null) {
                return new int[] {number(s.get("ThrottlingRateLimit")), number(s.get("ThrottlingBurstLimit"))};
            }
        }
        return null;
    }

    private int number(Object v) {
        return v instanceof Number n ? n.intValue() : parameter(String.valueOf(v).replace("!Ref ", ""));
    }

    /** ReservedConcurrentExecutions of a function, or null when the template sets none. */
    Integer reservedConcurrency(String fn) {
        Object v = section(functions(), fn).get("ReservedConcurrentExecutions");
        return v == null ? null : number(v);
    }

    // ---------------------------------------------------------------- template reading

    private Map<String, Object> resources() {
        return section(template, "Resources");
    }

    private Map<String, Object> properties(String logicalId) {
        return section(section(resources(), logicalId), "Properties");
    }

    private Map<String, Object> functions() {
        Map<String, Object> fns = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if ("AWS::Serverless::Function".equals(cast(r).get("Type"))) {
                fns.put(id, section(cast(r), "Properties"));
            }
        });
        return fns;
    }

    /** The function that serves a route. */
    private String routeOwner(String method, String path) {
        for (var fn : functions().entrySet()) {
            for (Object e : section(cast(fn.getValue()), "Events").values()) {
                Map<String, Object> p = section(cast(e), "Properties");
                if ("Api".equals(cast(e).get("Type")) && path.equals(p.get("Path"))
                        && method.equalsIgnoreCase(String.valueOf(p.get("Method")))) {
                    return fn.getKey();
                }
            }
        }
        throw new IllegalStateException("no function serves " + method + " " + path);
    }

    private Map<String, Object> sqsEvent(String fn) {
        for (Object e : section(section(functions(), fn), "Events").values()) {
            if ("SQS".equals(cast(e).get("Type"))) {
                return section(cast(e), "Properties");
            }
        }
        throw new IllegalStateException(fn + " has no SQS event");
    }

    /** View table logical ID -> row size, for every sync function in the template. */
    private Map<String, Integer> viewTables() {
        Map<String, Integer> views = new LinkedHashMap<>();
        for (String fn : syncFunctions()) {
            Map<String, Object> env = section(section(section(functions(), fn), "Environment"), "Variables");
            String table = String.valueOf(env.get("ZEROSYNC_VIEW_TABLE")).replace("!Ref ", "");
            String projection = String.valueOf(env.get("ZEROSYNC_VIEW_PROJECTION"));
            views.put(table, projection.endsWith("ShopDetailProjection") ? sizes.shopDetailRow()
                    : projection.endsWith("ShopListProjection") ? sizes.shopListRow()
                    : failOn("no measured row for " + projection));
        }
        return views;
    }

    private static int failOn(String message) {
        throw new IllegalStateException(message);
    }

    private List<String> indexNames(String table) {
        List<String> names = new ArrayList<>();
        if (properties(table).get("GlobalSecondaryIndexes") instanceof List<?> gsis) {
            gsis.forEach(g -> names.add((String) cast(g).get("IndexName")));
        }
        return names;
    }

    private Map<String, Object> gsi(String table, String index) {
        if (properties(table).get("GlobalSecondaryIndexes") instanceof List<?> gsis) {
            for (Object g : gsis) {
                if (index.equals(cast(g).get("IndexName"))) {
                    return cast(g);
                }
            }
        }
        throw new IllegalStateException(table + " has no index " + index);
    }

    private String hashKey(String table, String index) {
        Object schema = (index == null ? properties(table) : gsi(table, index)).get("KeySchema");
        for (Object k : (List<?>) schema) {
            if ("HASH".equals(cast(k).get("KeyType"))) {
                return (String) cast(k).get("AttributeName");
            }
        }
        throw new IllegalStateException(table + "." + index + " has no hash key");
    }

    private boolean projects(String table, String index, String attribute) {
        Map<String, Object> gsi = gsi(table, index);
        Map<String, Object> projection = section(gsi, "Projection");
        if ("ALL".equals(projection.get("ProjectionType"))) {
            return true;
        }
        boolean key = ((List<?>) gsi.get("KeySchema")).stream().anyMatch(k -> attribute.equals(cast(k).get("AttributeName")));
        return key || (projection.get("NonKeyAttributes") instanceof List<?> l && l.contains(attribute));
    }

    /** Bytes of an index entry: the whole item under ALL, else its keys and included attributes. */
    private int projected(String table, String index, int itemBytes) {
        Map<String, Object> gsi = gsi(table, index);
        Map<String, Object> projection = section(gsi, "Projection");
        if ("ALL".equals(projection.get("ProjectionType"))) {
            return itemBytes;
        }
        int attributes = ((List<?>) properties(table).get("KeySchema")).size() + ((List<?>) gsi.get("KeySchema")).size()
                + (projection.get("NonKeyAttributes") instanceof List<?> l ? l.size() : 0);
        return INDEX_ENTRY_OVERHEAD + attributes * SMALL_ATTRIBUTE;
    }

    /** A Number parameter: the override, else its default; null when the template has no such parameter. */
    private Integer parameter(String name) {
        if (parameterOverrides.containsKey(name)) {
            return parameterOverrides.get(name);
        }
        Object p = section(template, "Parameters").get(name);
        return p == null ? null : ((Number) cast(p).get("Default")).intValue();
    }

    // ---------------------------------------------------------------- units

    private Load table(String name) {
        return loads.computeIfAbsent(name, n -> new Load(n, false));
    }

    private Load index(String table, String index) {
        return loads.computeIfAbsent(table + "." + index, n -> new Load(n, true));
    }

    static int wcu(int bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    static int rcu(int bytes) {
        return Math.max(1, (bytes + 4095) / 4096);
    }

    private static int ceil(double v) {
        return (int) Math.ceil(v - 1e-9);
    }
}
