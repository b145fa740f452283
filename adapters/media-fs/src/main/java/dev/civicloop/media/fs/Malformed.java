package dev.civicloop.media.fs;

import java.io.IOException;

/** The bytes start like a photo we clean but do not follow its format, so its metadata cannot be found. */
final class Malformed extends IOException {
    private static final long serialVersionUID = 1L;

    Malformed(String what) {
        super(what);
    }
}
