package dev.civicloop.media.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies a JPEG without its location metadata. Walks the marker segments (also those between the
 * scans of a progressive JPEG) and: wipes the GPS IFD inside an APP1 Exif segment, keeping
 * orientation and the other tags (an Exif block it cannot parse is dropped whole); drops every
 * other APP1 (XMP, which can carry {@code exif:GPSLatitude}), APP13 (Photoshop/IPTC, which can
 * name a place) and the APP2 MPF index; keeps the image data, ICC profile (APP2), JFIF (APP0)
 * and Adobe (APP14) segments as they are; stops at the end-of-image marker, so data appended
 * after it (secondary images, vendor trailers) is not kept.
 */
final class JpegCleaner {
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] MPF = "MPF\0".getBytes(StandardCharsets.ISO_8859_1);

    private JpegCleaner() {}

    static void clean(InputStream input, OutputStream out) throws IOException {
        Reader in = new Reader(input);
        if (in.read() != 0xFF || in.read() != 0xD8) {
            throw new Malformed("a JPEG starts with FF D8");
        }
        out.write(0xFF);
        out.write(0xD8);
        boolean inScan = false;
        while (true) {
            int marker;
            if (inScan) {
                in.copyUntilFF(out);
                in.read(); // the FF
                marker = in.read();
                while (marker == 0xFF) {
                    marker = in.read();
                }
                if (marker == 0x00 || (marker >= 0xD0 && marker <= 0xD7)) {
                    out.write(0xFF); // a stuffed FF or a restart marker: still image data
                    out.write(marker);
                    continue;
                }
                inScan = false;
            } else {
                if (in.read() != 0xFF) {
                    throw new Malformed("expected a JPEG marker");
                }
                marker = in.read();
                while (marker == 0xFF) {
                    marker = in.read();
                }
            }
            if (marker == 0xD9) {
                out.write(0xFF);
                out.write(0xD9);
                return;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.write(0xFF);
                out.write(marker);
                continue;
            }
            int length = (in.read() << 8) | in.read();
            if (length < 2) {
                throw new Malformed("JPEG segment FF " + Integer.toHexString(marker) + " has length " + length);
            }
            byte[] payload = in.readFully(length - 2);
            if (keep(marker, payload)) {
                out.write(0xFF);
                out.write(marker);
                out.write(length >> 8);
                out.write(length & 0xFF);
                out.write(payload);
            }
            if (marker == 0xDA) {
                inScan = true;
            }
        }
    }

    /** Whether a segment stays; an Exif segment stays with its GPS IFD wiped. */
    private static boolean keep(int marker, byte[] payload) {
        switch (marker) {
            case 0xE1:
                return startsWith(payload, EXIF) && ExifGps.wipe(payload, EXIF.length);
            case 0xED:
                return false;
            case 0xE2:
                return !startsWith(payload, MPF);
            default:
                return true;
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** An unsynchronized buffered reader: a photo is walked byte by byte. */
    private static final class Reader {
        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int limit;

        Reader(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            if (pos < limit) {
                return true;
            }
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit < 0) {
                limit = 0;
                return false;
            }
            return true;
        }

        int read() throws IOException {
            while (pos >= limit) {
                if (!fill()) {
                    throw new Malformed("the JPEG ends before its end-of-image marker");
                }
            }
            return buf[pos++] & 0xFF;
        }

        byte[] readFully(int n) throws IOException {
            byte[] b = new byte[n];
            int at = 0;
            while (at < n) {
                if (!fill()) {
                    throw new Malformed("a JPEG segment is cut short");
                }
                int k = Math.min(n - at, limit - pos);
                System.arraycopy(buf, pos, b, at, k);
                pos += k;
                at += k;
            }
            return b;
        }

        /** Copies bytes up to, not including, the next FF. */
        void copyUntilFF(OutputStream out) throws IOException {
            while (true) {
                if (!fill()) {
                    throw new Malformed("the JPEG ends before its end-of-image marker");
                }
                int start = pos;
                while (pos < limit && buf[pos] != (byte) 0xFF) {
                    pos++;
                }
                out.write(buf, start, pos - start);
                if (pos < limit) {
                    return;
                }
            }
        }
    }
}
