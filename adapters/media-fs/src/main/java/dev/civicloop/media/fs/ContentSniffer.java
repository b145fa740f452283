package dev.civicloop.media.fs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * Says what bytes are from their first bytes, with Apache Tika's magic table (tika-core only: no
 * parser, no file name, no declared type), and names the result the way browsers and phones do.
 */
final class ContentSniffer {
    /** Tika's name → the name we store and serve. */
    private static final Map<String, String> CANONICAL = Map.of(
            "audio/vnd.wave", "audio/wav",
            "audio/x-aac", "audio/aac",
            "audio/opus", "audio/ogg",     // Ogg Opus files are audio/ogg (RFC 7845 §9)
            "audio/vorbis", "audio/ogg",
            "audio/x-flac", "audio/flac");

    /** What uploaders call a type → the name we store; used to compare a declared type. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("image/jpg", "image/jpeg"),
            Map.entry("image/pjpeg", "image/jpeg"),
            Map.entry("audio/x-wav", "audio/wav"),
            Map.entry("audio/wave", "audio/wav"),
            Map.entry("audio/vnd.wave", "audio/wav"),
            Map.entry("audio/x-m4a", "audio/mp4"),
            Map.entry("audio/m4a", "audio/mp4"),
            Map.entry("audio/mp3", "audio/mpeg"),
            Map.entry("audio/x-aac", "audio/aac"),
            Map.entry("audio/opus", "audio/ogg"));

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

    private ContentSniffer() {}

    /** How many leading bytes {@link #sniff} looks at. */
    static int headLength() {
        return Math.max(TYPES.getMinLength(), 64);
    }

    /** The content type of bytes starting with {@code head}; {@code application/octet-stream} when unknown. */
    static String sniff(byte[] head) throws IOException {
        MediaType type = TYPES.detect(new ByteArrayInputStream(head), new Metadata());
        String name = type.getBaseType().toString();
        if (name.equals("video/quicktime") && isoBaseMediaBrand(head) != null && !"qt  ".equals(isoBaseMediaBrand(head))) {
            // tika-core without its parsers calls every ISO base media file with a generic brand
            // (isom, iso2, avc1, dash: what Android phones record) QuickTime; only "qt  " is.
            name = "video/mp4";
        }
        if (name.equals("application/ogg") && isOggAudio(head)) {
            // tika-core 3.2's Opus magic is one byte off (it looks for OpusHead at 29, a real first
            // page has it at 28), so real Ogg Opus voice messages come back as plain application/ogg.
            name = "audio/ogg";
        }
        return CANONICAL.getOrDefault(name, name);
    }

    /** Whether the first packet of an Ogg stream is an Opus or Vorbis identification header. */
    private static boolean isOggAudio(byte[] head) {
        if (head.length < 28) {
            return false;
        }
        int packet = 27 + (head[26] & 0xFF);
        return startsWith(head, packet, "OpusHead".getBytes(StandardCharsets.US_ASCII))
                || startsWith(head, packet, "\u0001vorbis".getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        return at + prefix.length <= b.length && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    /** A declared content type without parameters, lower case, aliases resolved; null if absent. */
    static String normalizeDeclared(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String base = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(base, base);
    }

    /** {@code image} of {@code image/png}. */
    static String family(String contentType) {
        int slash = contentType.indexOf('/');
        return slash < 0 ? contentType : contentType.substring(0, slash);
    }

    private static String isoBaseMediaBrand(byte[] head) {
        if (head.length < 12 || !Arrays.equals(head, 4, 8, "ftyp".getBytes(StandardCharsets.US_ASCII), 0, 4)) {
            return null;
        }
        return new String(head, 8, 4, StandardCharsets.US_ASCII);
    }
}
