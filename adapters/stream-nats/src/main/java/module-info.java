/**
 * CivicLoop on NATS JetStream: a publisher that follows the ticket, points and member feeds from
 * a checkpoint and publishes every event at least once, in order per ticket, with the event id as
 * JetStream's de-duplication key ({@code Nats-Msg-Id}). No NATS or Jackson type appears in an
 * exported signature.
 */
module dev.civicloop.stream.nats {
    requires transitive dev.civicloop.spi;
    // jnats 2.25.1 is an automatic module (Automatic-Module-Name in its manifest).
    requires io.nats.jnats;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.civicloop.stream.nats;
}
