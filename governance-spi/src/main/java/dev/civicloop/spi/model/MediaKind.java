package dev.civicloop.spi.model;

/** What a piece of evidence is: a photo, a voice message or a video. */
public enum MediaKind {
    PHOTO,
    VOICE,
    VIDEO
}
