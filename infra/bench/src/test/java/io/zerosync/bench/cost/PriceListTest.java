package io.zerosync.bench.cost;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PriceListTest {
    private static final PriceList PRICES = PriceList.US_EAST_1;

    @Test
    void pricesAMillionOfEachRequestAtListPrice_whenUsageIsOneMillionEach() {
        PriceList.Bill bill = PRICES.price(new Usage(1_000_000, 1_000_000, 0, 1_000_000, 1_000_000, 1_000_000, 1_000_000));
        assertEquals(3.50, bill.apiGateway(), 1e-9);
        assertEquals(0.20, bill.lambda(), 1e-9);
        assertEquals(0.50, bill.sns(), 1e-9);
        assertEquals(0.40, bill.sqs(), 1e-9);
        assertEquals(0.125 + 0.625, bill.dynamoDb(), 1e-9);
        assertEquals(3.50 + 0.20 + 0.50 + 0.40 + 0.75, bill.total(), 1e-9);
    }

    @Test
    void billsDurationInGbSecondsAtTheConfiguredMemory_whenFunctionsRunLonger() {
        // 1,000 invocations of 100 ms billed at 1024 MB: 100 GB-s.
        double gbSeconds = DesignRun.gbSeconds(100_000, 1024);
        assertEquals(100.0, gbSeconds, 1e-9);
        assertEquals(50.0, DesignRun.gbSeconds(100_000, 512), 1e-9);
        assertEquals(100 * 0.0000133334 + 1000 * 0.20e-6, PRICES.price(new Usage(0, 1000, gbSeconds, 0, 0, 0, 0)).lambda(), 1e-12);
    }

    @Test
    void scalesToDollarsPerMillionCommands_whenAWindowHadFewerCommands() {
        // 2,000 commands that each made 3 API Gateway requests: $10.50 per million commands.
        PriceList.Bill bill = PRICES.price(new Usage(6_000, 0, 0, 0, 0, 0, 0));
        assertEquals(10.50, bill.totalPerMillion(2_000), 1e-9);
        assertEquals(10.50, bill.perMillion(2_000).get("API Gateway"), 1e-9);
    }
}
