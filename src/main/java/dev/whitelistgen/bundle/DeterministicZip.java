package dev.whitelistgen.bundle;

import dev.whitelistgen.render.RenderedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip whose bytes depend only on the files: entries in the given order, each with the same fixed
 * timestamp (set as local date-time, so the time zone cannot shift it), no permissions or extra fields, and
 * stored uncompressed, so the bytes do not depend on the zlib version either (the files are a few KiB).
 */
public final class DeterministicZip {

    /**
     * The earliest time a zip entry holds in its DOS fields alone. 1980-01-01 00:00:00 itself is Java's marker for
     * "before 1980", for which it adds an extended-timestamp field computed in the default time zone.
     */
    public static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 2);

    private DeterministicZip() {
    }

    public static byte[] of(List<RenderedFile> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Set<String> seen = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (RenderedFile file : files) {
                if (!seen.add(file.path())) {
                    throw new IllegalArgumentException("two files named " + file.path());
                }
                byte[] content = file.content().getBytes(StandardCharsets.UTF_8);
                CRC32 crc = new CRC32();
                crc.update(content);
                ZipEntry entry = new ZipEntry(file.path());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(content.length);
                entry.setCompressedSize(content.length);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
