package dev.papers.ingest;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Before any page is read: does a broker answer, and does the producer see the raw topic? Each question is bounded
 * by max.block.ms, so a wrong address fails with a line naming it instead of a producer waiting per chunk.
 */
final class BrokerCheck {
    private BrokerCheck() {}

    /** Null when the producer can publish to {@code topic}, else the problem in one line. */
    static String problem(String bootstrap, String topic, Properties producerProps, Producer<?, ?> producer,
                          PublishTimeouts limits) throws InterruptedException {
        String within = " within " + PublishTimeouts.seconds(limits.maxBlock());
        // The admin client gets only its own settings (security included), not the producer's.
        Properties adminProps = new Properties();
        producerProps.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(String.valueOf(k))) adminProps.put(k, v);
        });
        Admin admin = Admin.create(adminProps);
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, limits.maxBlock().toMillis())))
                    .nodes().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) return "no Kafka broker answered at " + bootstrap + within;
            return "cannot talk to Kafka at " + bootstrap + ": " + e.getCause().getMessage();
        } finally {
            admin.close(Duration.ZERO); // its one call has ended
        }
        try {
            producer.partitionsFor(topic); // waits for the topic's metadata (and lets a broker create it on demand)
            return null;
        } catch (TimeoutException e) {
            return "topic " + topic + " not available at " + bootstrap + within
                    + ": it does not exist and the broker does not create topics on demand (create it, or start papers processor once, which does)";
        } catch (AuthorizationException e) {
            return "not allowed to write topic " + topic + " at " + bootstrap + ": " + e.getMessage();
        } catch (KafkaException e) {
            return "cannot publish to topic " + topic + " at " + bootstrap + ": " + e.getMessage();
        }
    }
}
