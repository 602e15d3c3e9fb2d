package io.zerosync.bench.cost;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Counts every request an AWS SDK v2 client in this JVM makes, into {@link CallLedger#GLOBAL}: the SDK
 * loads it for every client it builds (the functions' clients included) from the classpath resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}, which only the bench module carries,
 * so the Lambda jar is unchanged. DynamoDB requests are made to ask for {@code ReturnConsumedCapacity=TOTAL},
 * and the units DynamoDB reports are added up as read or write units by operation.
 */
public final class AwsCallMeter implements ExecutionInterceptor {
    static final String EMPTY_RECEIVE = "ReceiveMessage(empty)";
    private static final ExecutionAttribute<String> CALLER = new ExecutionAttribute<>("ZerosyncBenchCaller");
    private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String queueUrl = context.request().getValueForField("QueueUrl", String.class).orElse(null);
        attributes.putAttribute(CALLER, Callers.of(Thread.currentThread(), queueUrl));
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return withConsumedCapacity(context.request());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String caller = attributes.getAttribute(CALLER);
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkResponse response = context.response();
        if (response instanceof ReceiveMessageResponse r && r.messages().isEmpty()) {
            operation = EMPTY_RECEIVE;
        }
        CallLedger.GLOBAL.request(caller, service, operation);
        double units = consumedUnits(response);
        if (units > 0) {
            if (READS.contains(operation)) {
                CallLedger.GLOBAL.readUnits(caller, units);
            } else {
                CallLedger.GLOBAL.writeUnits(caller, units);
            }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String caller = attributes.getAttribute(CALLER);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CallLedger.GLOBAL.request(caller, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME), operation);
        if (context.exception() instanceof ConditionalCheckFailedException) {
            // DynamoDB still bills a refused conditional write (at least one unit) but reports no capacity
            // with the error; our rows are far below 1 KB, so one unit is what it costs.
            CallLedger.GLOBAL.writeUnits(caller, 1.0);
        }
    }

    /** The request with ReturnConsumedCapacity=TOTAL when it is a DynamoDB data request that did not ask. */
    static SdkRequest withConsumedCapacity(SdkRequest request) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request.getValueForField("ReturnConsumedCapacity", String.class)
                .filter(v -> !v.equals(ReturnConsumedCapacity.NONE.toString())).isPresent()) {
            return request;
        }
        if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof ScanRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactWriteItemsRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactGetItemsRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    /** Capacity units a DynamoDB response reports (one entry, or one per table for batch and transact calls). */
    static double consumedUnits(SdkResponse response) {
        Optional<Object> consumed = response.getValueForField("ConsumedCapacity", Object.class);
        if (consumed.isEmpty()) {
            return 0;
        }
        double units = 0;
        List<?> entries = consumed.get() instanceof List<?> list ? list : List.of(consumed.get());
        for (Object entry : entries) {
            if (entry instanceof ConsumedCapacity c && c.capacityUnits() != null) {
                units += c.capacityUnits();
            }
        }
        return units;
    }
}
