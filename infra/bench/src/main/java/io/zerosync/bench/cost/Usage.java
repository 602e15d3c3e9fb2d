package io.zerosync.bench.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The billable AWS usage of one group (the write side, or one view) over a measurement window.
 *
 * @param apiRequests       API Gateway (REST) requests
 * @param lambdaInvocations Lambda invocations, of every function in the group
 * @param lambdaGbSeconds   billed duration times configured memory, summed over those invocations
 * @param snsPublishes      SNS publishes (each under 64 KB)
 * @param sqsRequests       SQS requests (each under 64 KB): sends, non-empty receives, deletes
 * @param readUnits         DynamoDB read request units, as DynamoDB reported them
 * @param writeUnits        DynamoDB write request units, as DynamoDB reported them
 */
public record Usage(long apiRequests, long lambdaInvocations, double lambdaGbSeconds, long snsPublishes,
                    long sqsRequests, double readUnits, double writeUnits) {
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0);

    public Usage plus(Usage o) {
        return new Usage(apiRequests + o.apiRequests, lambdaInvocations + o.lambdaInvocations,
                lambdaGbSeconds + o.lambdaGbSeconds, snsPublishes + o.snsPublishes, sqsRequests + o.sqsRequests,
                readUnits + o.readUnits, writeUnits + o.writeUnits);
    }

    /** Requests (or units, for DynamoDB) per command, by service, for the breakdown table. */
    public Map<String, Double> perCommand(long commands) {
        Map<String, Double> per = new LinkedHashMap<>();
        per.put("API Gateway requests", apiRequests / (double) commands);
        per.put("Lambda invocations", lambdaInvocations / (double) commands);
        per.put("Lambda GB-ms", lambdaGbSeconds * 1000 / commands);
        per.put("SNS publishes", snsPublishes / (double) commands);
        per.put("SQS requests", sqsRequests / (double) commands);
        per.put("DynamoDB read units", readUnits / commands);
        per.put("DynamoDB write units", writeUnits / commands);
        return per;
    }
}
