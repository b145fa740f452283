package dev.civicloop.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Surefire patches tests into the module and opens everything, which hides a missing
 * {@code requires} (tika-core, an automatic module, needs java.xml resolved); this launches a
 * real {@code java -p …} with only the module and its runtime dependencies.
 */
class ModulePathSmokeTest {
    @Test
    void theMediaStoreSniffsCleansAndStoresAPhotoOnTheRealModulePath(@TempDir Path work) throws Exception {
        Path classes = Path.of(System.getProperty("media.classes", "target/classes"));
        Path testClasses = Path.of(System.getProperty("media.testClasses", "target/test-classes"));
        Path listing = Path.of(System.getProperty("media.modulePathFile", "target/runtime-module-path.txt"));
        assertTrue(Files.isRegularFile(listing), "dependency:build-classpath writes " + listing);
        String modulePath = classes.toAbsolutePath() + File.pathSeparator + Files.readString(listing).strip();

        Path photo = work.resolve("photo.jpg");
        Files.write(photo, jpegWithXmp());
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", modulePath, "--add-modules", "dev.civicloop.media.fs",
                "-cp", testClasses.toAbsolutePath().toString(),
                MediaOnTheModulePath.class.getName(), work.resolve("media").toString(), photo.toString());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished within 60 s");
        } finally {
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        assertEquals(List.of("module dev.civicloop.media.fs", "type image/jpeg", "size matches true", "smaller than upload true"),
                stdout.lines().toList(), stderr);
    }

    /** A minimal baseline JPEG (8×8 grey, no java.desktop needed) with an XMP APP1 to strip. */
    private static byte[] jpegWithXmp() {
        byte[] xmp = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta exif:GPSLatitude='39,54.452N'/>".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        b.writeBytes(ByteBuffer.allocate(4).putShort((short) 0xFFE1).putShort((short) (xmp.length + 2)).array());
        b.writeBytes(xmp);
        // DQT (all ones), SOF0 8x8 one component, DHT DC+AC with a single code each, SOS, one block, EOI
        b.writeBytes(hex("FFDB004300" + "01".repeat(64)));
        b.writeBytes(hex("FFC0000B080008000801011100"));
        b.writeBytes(hex("FFC4001400" + "01" + "00".repeat(15) + "00"));
        b.writeBytes(hex("FFC4001410" + "01" + "00".repeat(15) + "00"));
        b.writeBytes(hex("FFDA0008010100003F00"));
        b.writeBytes(hex("00FFD9"));
        return b.toByteArray();
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
