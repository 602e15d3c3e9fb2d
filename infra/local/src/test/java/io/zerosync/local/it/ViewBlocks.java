package io.zerosync.local.it;

import io.zerosync.local.LocalCloud;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Templates extended with test-only view blocks, and what the tests read of their queues. */
public final class ViewBlocks {
    private ViewBlocks() {
    }

    /** The view template (infra/templates/view.yaml), by absolute path: an extended copy lives elsewhere. */
    public static Path viewTemplate() {
        return TestClouds.template().getParent().resolve("infra/templates/view.yaml").toAbsolutePath();
    }

    /**
     * A copy of template.yaml with these blocks (indented two spaces, each naming its view template by absolute
     * path) under Resources, in a file of its own.
     */
    public static Path templateWith(String... blocks) throws IOException {
        String template = Files.readString(TestClouds.template())
                .replace("Location: infra/templates/view.yaml", "Location: " + viewTemplate());
        int outputs = template.indexOf("\nOutputs:");
        StringBuilder extended = new StringBuilder(template.substring(0, outputs));
        for (String block : blocks) {
            extended.append(block.stripTrailing()).append('\n');
        }
        Path file = Files.createTempFile("template-views", ".yaml");
        Files.writeString(file, extended.append(template.substring(outputs)).toString());
        file.toFile().deleteOnExit();
        return file;
    }

    /** Messages in a queue, visible or in flight. */
    public static long depth(LocalCloud cloud, String url) {
        Map<QueueAttributeName, String> a = cloud.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
