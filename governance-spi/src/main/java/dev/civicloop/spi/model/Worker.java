package dev.civicloop.spi.model;

import dev.civicloop.spi.internal.Check;

/**
 * A gig worker: {@code Worker.of("wang-bin", "王斌", Occupation.DELIVERY_RIDER, "meituan")}.
 * The platform is optional.
 */
public record Worker(ActorId id, String name, Occupation occupation, String platform) {
    public Worker {
        Check.notNull("id", id);
        Check.text("name", name, 100);
        Check.notNull("occupation", occupation);
        Check.optionalText("platform", platform, 100);
    }

    public static Worker of(String id, String name, Occupation occupation, String platform) {
        return new Worker(ActorId.of(id), name, occupation, platform);
    }
}
