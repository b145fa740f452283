package dev.civicloop.spi.event;

/** How grid staff verified a report. */
public enum VerificationMethod {
    ON_SITE,
    BY_PHOTO
}
