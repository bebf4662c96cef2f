package dev.whitelistgen.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The mail systems `check mx` can name from an MX host name, read from mx-systems.tsv beside this class: the data
 * (suffix, system, targets, the page each suffix was checked against) lives there, so adding a vendor is one row.
 */
public final class MxSystems {

    /** One row of mx-systems.tsv. {@code targets} is empty when whitelist-gen has no target for the system yet. */
    public record MxSystem(String suffix, boolean gateway, String name, List<String> targets, String doc, String source) {

        boolean matches(String host) {
            String name = normalized(host);
            // Label by label: "iphmx.com" matches "mx1.hc1-2.iphmx.com", never "evil-iphmx.com".
            return name.equals(suffix) || name.endsWith("." + suffix);
        }

        /** How the host matched, as `check mx` prints it: the suffix itself ("smtp.google.com") or "*.suffix". */
        public String pattern(String host) {
            return normalized(host).equals(suffix) ? suffix : "*." + suffix;
        }

        private static String normalized(String host) {
            String name = host.toLowerCase(Locale.ROOT);
            return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        }
    }

    private static final String RESOURCE = "mx-systems.tsv";

    private final List<MxSystem> systems;

    private MxSystems(List<MxSystem> systems) {
        this.systems = List.copyOf(systems);
    }

    public static MxSystems builtIn() {
        try (InputStream in = MxSystems.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MxSystems parse(String text) {
        List<MxSystem> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 6 || !List.of("mailbox", "gateway").contains(fields[1])
                    || !List.of("vendor", "third-party", "unconfirmed").contains(fields[5]) || !fields[4].startsWith("https://")) {
                throw new IllegalStateException(RESOURCE + ", line " + lineNumber + ": expected suffix, mailbox|gateway, system,"
                        + " targets, https doc URL, vendor|third-party|unconfirmed separated by tabs");
            }
            List<String> targets = fields[3].equals("-") ? List.of() : Arrays.asList(fields[3].split(","));
            rows.add(new MxSystem(fields[0].toLowerCase(Locale.ROOT), fields[1].equals("gateway"), fields[2], targets, fields[4], fields[5]));
        }
        return new MxSystems(rows);
    }

    /** The system the host belongs to; the longest matching suffix wins (a vendor's subdomain over its domain). */
    public Optional<MxSystem> of(String host) {
        return systems.stream().filter(s -> s.matches(host))
                .max(java.util.Comparator.comparingInt(s -> s.suffix().length()));
    }

    public List<MxSystem> all() {
        return systems;
    }
}
