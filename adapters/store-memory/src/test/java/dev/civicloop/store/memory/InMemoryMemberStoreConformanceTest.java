package dev.civicloop.store.memory;

import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.tck.MemberStoreCompatibilityKit;

/** The in-memory member store passes the member conformance kit, writing notifications to its outbox. */
class InMemoryMemberStoreConformanceTest extends MemberStoreCompatibilityKit {
    private InMemoryOutbox outbox;

    @Override
    protected MemberStore newStore() {
        outbox = new InMemoryOutbox();
        return new InMemoryMemberStore(outbox);
    }

    @Override
    protected OutboxStore outbox() {
        return outbox;
    }
}
