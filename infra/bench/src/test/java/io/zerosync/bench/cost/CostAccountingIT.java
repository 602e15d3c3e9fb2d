package io.zerosync.bench.cost;

import io.zerosync.local.LocalCloudOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost accounting counts real calls: one create on a local cloud, measured as the bench measures it. */
class CostAccountingIT {

    @Test
    void billsTheWriteAndBothViewsSyncs_whenOneShopIsCreated() throws Exception {
        Path template = LocalCloudOptions.findTemplate(Path.of("").toAbsolutePath());
        List<List<CommandMix.Command>> oneCreate = CommandMix.generate(1, 1, 42);
        assertEquals(CommandMix.Kind.CREATE, oneCreate.get(0).get(0).kind());
        DesignRun.Result result = DesignRun.run(template, DesignRun.Design.OURS, CommandMix.generate(3, 1, 7),
                List.of(new DesignRun.Window("one", oneCreate, 10, false)), Duration.ofSeconds(60)).get("one");

        assertEquals(1, result.acknowledged());
        Usage write = result.groups().get(DesignRun.WRITE_SIDE);
        assertEquals(1, write.apiRequests(), "the command went through API Gateway once");
        assertEquals(1, write.snsPublishes(), "one announcement");
        assertTrue(write.writeUnits() >= 1, "the shop was written: " + write);
        for (String view : List.of("shop-detail", "shop-list")) {
            Usage usage = result.groups().get(view);
            assertTrue(usage.apiRequests() >= 1, view + " asked the source API: " + usage);
            assertTrue(usage.lambdaInvocations() >= 2, view + ": its sync function and the source API ran: " + usage);
            assertTrue(usage.readUnits() > 0, view + ": the source API read the shop: " + usage);
            assertTrue(usage.writeUnits() >= 1, view + ": the row was written: " + usage);
            assertTrue(usage.sqsRequests() >= 3, view + ": delivery, receive and delete on its queue: " + usage);
        }
        @SuppressWarnings("unchecked")
        Map<String, Integer> behind = (Map<String, Integer>) result.details().get("rowsBehindAtEnd");
        assertEquals(Map.of("shop-detail", 0, "shop-list", 0), behind);
    }
}
