package dev.civicloop.media.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a WebP without its {@code EXIF} and {@code XMP } chunks, clearing their flags in the
 * {@code VP8X} header and fixing the RIFF size. Two passes over the file: the size comes first.
 */
final class WebpCleaner {
    private static final int EXIF_FLAG = 0x08;
    private static final int XMP_FLAG = 0x04;

    private WebpCleaner() {}

    private record Chunk(String fourCc, long offset, long size) {
        long paddedTotal() {
            return 8 + size + (size & 1);
        }
    }

    static void clean(Path file, OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = read(ch, 0, 12);
            if (!ascii(header, 0).equals("RIFF") || !ascii(header, 8).equals("WEBP")) {
                throw new Malformed("a WebP starts with RIFF....WEBP");
            }
            long riffEnd = 8 + (header.getInt(4) & 0xFFFFFFFFL);
            if (riffEnd > ch.size()) {
                throw new Malformed("the WebP is shorter than its RIFF size says");
            }
            List<Chunk> kept = new ArrayList<>();
            long at = 12;
            while (at + 8 <= riffEnd) {
                ByteBuffer h = read(ch, at, 8);
                Chunk c = new Chunk(ascii(h, 0), at, h.getInt(4) & 0xFFFFFFFFL);
                if (at + 8 + c.size() > riffEnd) {
                    throw new Malformed("WebP chunk " + c.fourCc() + " runs past the end of the file");
                }
                if (!c.fourCc().equals("EXIF") && !c.fourCc().equals("XMP ")) {
                    kept.add(c);
                }
                at += c.paddedTotal();
            }
            long body = 4;
            for (Chunk c : kept) {
                body += c.paddedTotal();
            }
            ByteBuffer riff = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            riff.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) body).put(new byte[] {'W', 'E', 'B', 'P'});
            out.write(riff.array());
            for (Chunk c : kept) {
                long n = Math.min(c.paddedTotal(), riffEnd - c.offset());
                ByteBuffer bytes = read(ch, c.offset(), (int) n);
                byte[] b = new byte[(int) c.paddedTotal()];
                bytes.get(0, b, 0, (int) n);
                if (c.fourCc().equals("VP8X") && c.size() > 0) {
                    b[8] &= (byte) ~(EXIF_FLAG | XMP_FLAG);
                }
                out.write(b);
            }
        }
    }

    private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new Malformed("the WebP ends inside a chunk");
            }
        }
        return b.flip();
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] s = new byte[4];
        b.get(at, s);
        return new String(s, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
