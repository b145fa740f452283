package dev.civicloop.stream.nats;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.StoreFailure;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** {@link Checkpoint#file(Path)}: a properties file replaced atomically on each save. */
final class FileCheckpoint implements Checkpoint {
    private final Path file;

    FileCheckpoint(Path file) {
        if (file == null) {
            throw new InvalidInput("file", "a checkpoint file is required");
        }
        this.file = file.toAbsolutePath();
    }

    @Override
    public synchronized long load(String feed) {
        return read().getOrDefault(checkFeed(feed), 0L);
    }

    @Override
    public synchronized void save(String feed, long position) {
        Map<String, Long> positions = read();
        positions.put(checkFeed(feed), checkPosition(position));
        StringBuilder text = new StringBuilder("# CivicLoop JetStream publisher: last acknowledged position per feed\n");
        positions.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StoreFailure("checkpoint " + file + ": the file system cannot replace files atomically", e);
            }
        } catch (IOException e) {
            throw new StoreFailure("checkpoint " + file + ": cannot save " + feed + "=" + position, e);
        }
    }

    private Map<String, Long> read() {
        Map<String, Long> out = new TreeMap<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new StoreFailure("checkpoint " + file + ": cannot read", e);
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreFailure("checkpoint " + file + ": not a properties file", e);
        }
        for (String feed : p.stringPropertyNames()) {
            try {
                out.put(feed, checkPosition(Long.parseLong(p.getProperty(feed).strip())));
            } catch (NumberFormatException | InvalidInput e) {
                throw new StoreFailure("checkpoint " + file + ": " + feed + " must be a position (0 or more), was "
                        + p.getProperty(feed), e);
            }
        }
        return out;
    }

    static String checkFeed(String feed) {
        if (feed == null || !feed.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new InvalidInput("feed", "must be a lower-case name like tickets, points or members, was " + feed);
        }
        return feed;
    }

    static long checkPosition(long position) {
        if (position < 0) {
            throw new InvalidInput("position", "must be 0 or more, was " + position);
        }
        return position;
    }

    @Override
    public String toString() {
        return "checkpoint file " + file;
    }
}
