package io.zerosync.local.sns;

/**
 * Deliveries the local SNS endpoint could not make, counted as SNS's CloudWatch metrics count them.
 *
 * @param notificationsFailed             {@code NumberOfNotificationsFailed}: deliveries to a subscribed queue that
 *                                        failed for good, whether or not the message then reached a DLQ
 * @param notificationsRedrivenToDlq      {@code NumberOfNotificationsRedrivenToDlq}
 * @param notificationsFailedToRedriveToDlq {@code NumberOfNotificationsFailedToRedriveToDlq}: lost although a
 *                                        RedrivePolicy exists (the DLQ is missing or refused the message)
 */
public record SnsDeliveryStats(long notificationsFailed, long notificationsRedrivenToDlq,
                               long notificationsFailedToRedriveToDlq) {
}
