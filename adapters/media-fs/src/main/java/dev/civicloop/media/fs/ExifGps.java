package dev.civicloop.media.fs;

/**
 * Wipes the GPS IFD of an Exif (TIFF) block in place: every GPS entry and every value it points
 * at becomes zero bytes and the GPS IFD is left with no entries, so readers see "no location" and
 * every other tag (orientation, time taken) keeps its offset and value.
 */
final class ExifGps {
    private static final int GPS_IFD_POINTER = 0x8825;
    /** Bytes per value of TIFF field types 1..12; 0 for unknown types. */
    private static final int[] TYPE_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};

    private ExifGps() {}

    /**
     * Wipes the GPS IFD of the TIFF block starting at {@code tiff} in {@code b}. Returns false,
     * changing nothing that matters, when the block is not well formed; the caller then drops the
     * whole block, since a location it cannot find it cannot vouch for.
     */
    static boolean wipe(byte[] b, int tiff) {
        int n = b.length - tiff;
        if (n < 8) {
            return false;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return false;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return false;
        }
        long ifd0 = u32(b, tiff + 4, little);
        if (ifd0 < 8 || ifd0 + 2 > n) {
            return false;
        }
        int entries = u16(b, tiff + (int) ifd0, little);
        if (ifd0 + 2 + 12L * entries + 4 > n) {
            return false;
        }
        long gps = -1;
        for (int i = 0; i < entries; i++) {
            int e = tiff + (int) ifd0 + 2 + 12 * i;
            if (u16(b, e, little) == GPS_IFD_POINTER) {
                gps = u32(b, e + 8, little);
            }
        }
        if (gps < 0) {
            return true; // no location in this block
        }
        if (gps < 8 || gps + 2 > n) {
            return false;
        }
        int gpsEntries = u16(b, tiff + (int) gps, little);
        long end = gps + 2 + 12L * gpsEntries + 4;
        if (end > n) {
            return false;
        }
        for (int i = 0; i < gpsEntries; i++) {
            int e = tiff + (int) gps + 2 + 12 * i;
            int type = u16(b, e + 2, little);
            long count = u32(b, e + 4, little);
            if (type < 1 || type >= TYPE_SIZE.length) {
                continue; // an unknown type's value cannot be located; the entry itself is wiped below
            }
            long bytes = count * TYPE_SIZE[type];
            if (bytes > 4) {
                long at = u32(b, e + 8, little);
                if (at < 8 || at + bytes > n) {
                    return false;
                }
                java.util.Arrays.fill(b, tiff + (int) at, tiff + (int) (at + bytes), (byte) 0);
            }
        }
        // An IFD with zero entries and no next IFD, then zeros where the entries were.
        java.util.Arrays.fill(b, tiff + (int) gps, tiff + (int) end, (byte) 0);
        return true;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return little ? (y << 8) | x : (x << 8) | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int k = little ? 3 - i : i;
            v = (v << 8) | (b[at + k] & 0xFF);
        }
        return v;
    }
}
