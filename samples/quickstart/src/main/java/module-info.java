/**
 * The CivicLoop quickstart: plays two cases from the seeds end to end on the in-memory store and
 * prints each ticket's timeline and the street's statistics. Run it with
 * {@code java -p <module path> -m dev.civicloop.samples.quickstart/dev.civicloop.samples.quickstart.Quickstart}.
 */
module dev.civicloop.samples.quickstart {
    requires dev.civicloop.core;
    requires dev.civicloop.store.memory;
}
