/**
 * Local stand-in for AWS Lambda's SQS event source mapping, so the embedded local cloud can drive the
 * handler classes template.yaml names.
 *
 * <p>Entry point: {@link io.zerosync.local.esm.EventSourceMapping} with an
 * {@link io.zerosync.local.esm.EventSourceMappingSpec}, a {@code RequestHandler<SQSEvent, ?>} instance and an
 * {@code SqsClient}. Reading template.yaml and building handlers belongs to the composition root.
 *
 * <p>Behaves like Lambda in: batch size and batching window (up to 10 messages per ReceiveMessage,
 * invoke at batchSize or when the window closes, window 0 = the first non-empty receive); all system
 * and message attributes requested; the {@code SQSEvent} record fields; the Context's countdown to the
 * function timeout; ReportBatchItemFailures with Lambda's success/failure rules; a throwing or
 * overrunning handler failing the whole batch; failed messages left to their visibility timeout and
 * the queue's RedrivePolicy; the CreateEventSourceMapping validations, including "queue visibility
 * timeout must not be less than the function timeout".
 *
 * <p>Differs on purpose: long polls last at most 1 s (so close() is prompt); the window opens at the
 * first record and may be sub-second; maximumConcurrency bounds the poller threads, of which one polls
 * while the queue is quiet, one more joins each time a receive comes back full and the newest steps back
 * when its long poll finds nothing (Lambda also scales its pollers with the backlog, from several at the
 * start and on its own signals, and backs off after errors, which is not modelled); one handler
 * instance is shared by all pollers; an overrunning handler is not killed, only its result disregarded; the 6 MB invocation
 * payload limit and event filtering (FilterCriteria) are not implemented; messages gathered but not yet
 * invoked when the mapping closes are made visible again at once.
 */
package io.zerosync.local.esm;
