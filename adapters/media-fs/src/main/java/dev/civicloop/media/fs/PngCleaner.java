package dev.civicloop.media.fs;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;

/**
 * Copies a PNG without its metadata chunks: {@code eXIf} (Exif, with GPS) and the text chunks
 * {@code tEXt}, {@code zTXt}, {@code iTXt} (XMP lives in an iTXt chunk). Each chunk carries its own
 * CRC, so dropping whole chunks keeps the rest valid. Stops after {@code IEND}.
 */
final class PngCleaner {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Set<String> DROPPED = Set.of("eXIf", "tEXt", "zTXt", "iTXt");

    private PngCleaner() {}

    static void clean(InputStream input, OutputStream output) throws IOException {
        DataInputStream in = new DataInputStream(input);
        DataOutputStream out = new DataOutputStream(output);
        try {
            byte[] signature = in.readNBytes(SIGNATURE.length);
            if (!java.util.Arrays.equals(signature, SIGNATURE)) {
                throw new Malformed("a PNG starts with its 8-byte signature");
            }
            out.write(signature);
            while (true) {
                long length = in.readInt() & 0xFFFFFFFFL;
                if (length > Integer.MAX_VALUE) {
                    throw new Malformed("PNG chunk length " + length + " is over 2^31 - 1");
                }
                byte[] type = new byte[4];
                in.readFully(type);
                String name = new String(type, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (DROPPED.contains(name)) {
                    in.skipNBytes(length + 4);
                    continue;
                }
                out.writeInt((int) length);
                out.write(type);
                copy(in, out, length + 4);
                if (name.equals("IEND")) {
                    out.flush();
                    return;
                }
            }
        } catch (EOFException e) {
            throw new Malformed("the PNG ends before its IEND chunk");
        }
    }

    private static void copy(DataInputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
        while (n > 0) {
            int k = in.read(buf, 0, (int) Math.min(n, buf.length));
            if (k < 0) {
                throw new EOFException();
            }
            out.write(buf, 0, k);
            n -= k;
        }
    }
}
