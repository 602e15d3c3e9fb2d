package io.zerosync.aws.sns;

import io.zerosync.core.port.ChangeAnnouncer;
import io.zerosync.events.ShopChanged;
import io.zerosync.events.ShopChangedCodec;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.Map;

/**
 * Publishes {@link ShopChanged} to the SNS topic. {@code type} is also a message attribute so a read
 * model can subscribe with a filter policy.
 */
public final class SnsChangeAnnouncer implements ChangeAnnouncer {
    private final SnsClient sns;
    private final String topicArn;

    public SnsChangeAnnouncer(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void announce(ShopChanged event) {
        sns.publish(r -> r.topicArn(topicArn)
                .message(ShopChangedCodec.encode(event))
                .messageAttributes(Map.of("type",
                        MessageAttributeValue.builder().dataType("String").stringValue(event.type()).build())));
    }
}
