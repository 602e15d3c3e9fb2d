package io.zerosync.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Set;

/**
 * Attributes a view's table derives from each row for its indexes (e.g. a sharded partition key). They
 * are storage, not projected fields: the projection never sees them, the content hash leaves them out,
 * and the query API does not serve them.
 */
public interface IndexKeys {

    /** No derived attributes: a view whose table has no index of its own. */
    IndexKeys NONE = new IndexKeys() {
        @Override
        public Set<String> names() {
            return Set.of();
        }

        @Override
        public Map<String, AttributeValue> of(String shopId, Map<String, Object> fields) {
            return Map.of();
        }
    };

    /** Every attribute name this may write. */
    Set<String> names();

    /** The derived attributes of a live row with these projected fields. */
    Map<String, AttributeValue> of(String shopId, Map<String, Object> fields);
}
