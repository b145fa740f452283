package dev.civicloop.store.memory;

import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.tck.MemberStoreCompatibilityKit;

/** The in-memory member store passes the member conformance kit. */
class InMemoryMemberStoreConformanceTest extends MemberStoreCompatibilityKit {
    @Override
    protected MemberStore newStore() {
        return new InMemoryMemberStore();
    }
}
