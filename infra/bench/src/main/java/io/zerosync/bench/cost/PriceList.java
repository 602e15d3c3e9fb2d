package io.zerosync.bench.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * List prices in dollars per unit, and what a {@link Usage} costs at them. No free tier and no volume
 * discounts: the figure is the marginal cost of more commands.
 */
public record PriceList(double apiGatewayRequest, double lambdaInvocation, double lambdaGbSecond,
                        double snsPublish, double sqsRequest, double dynamoReadUnit, double dynamoWriteUnit) {

    /**
     * us-east-1 list prices: API Gateway REST $3.50/M requests; Lambda arm64 $0.20/M invocations and
     * $0.0000133334/GB-s; SNS $0.50/M publishes; SQS standard $0.40/M requests; DynamoDB on-demand
     * $0.125/M read and $0.625/M write request units.
     */
    public static final PriceList US_EAST_1 = new PriceList(3.50e-6, 0.20e-6, 0.0000133334, 0.50e-6, 0.40e-6,
            0.125e-6, 0.625e-6);

    public Bill price(Usage u) {
        return new Bill(u.apiRequests() * apiGatewayRequest,
                u.lambdaInvocations() * lambdaInvocation + u.lambdaGbSeconds() * lambdaGbSecond,
                u.snsPublishes() * snsPublish, u.sqsRequests() * sqsRequest,
                u.readUnits() * dynamoReadUnit + u.writeUnits() * dynamoWriteUnit);
    }

    /** Dollars by service. */
    public record Bill(double apiGateway, double lambda, double sns, double sqs, double dynamoDb) {
        public double total() {
            return apiGateway + lambda + sns + sqs + dynamoDb;
        }

        /** Dollars per million commands, by service, when this bill was run up by {@code commands}. */
        public Map<String, Double> perMillion(long commands) {
            double scale = 1_000_000.0 / commands;
            Map<String, Double> per = new LinkedHashMap<>();
            per.put("API Gateway", apiGateway * scale);
            per.put("Lambda", lambda * scale);
            per.put("SNS", sns * scale);
            per.put("SQS", sqs * scale);
            per.put("DynamoDB", dynamoDb * scale);
            return per;
        }

        public double totalPerMillion(long commands) {
            return total() * 1_000_000.0 / commands;
        }
    }
}
