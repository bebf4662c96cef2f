package dev.whitelistgen.testing;

import dev.whitelistgen.model.IpNetwork;
import dev.whitelistgen.model.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/** Seeded random sets of public, non-overlapping networks, and profiles that hold them. */
public final class RandomNetworks {

    private RandomNetworks() {
    }

    public static List<IpNetwork> networks(Random random, int count) {
        List<IpNetwork> networks = new ArrayList<>();
        while (networks.size() < count) {
            boolean v4 = random.nextInt(4) != 0;
            byte[] address = new byte[v4 ? 4 : 16];
            random.nextBytes(address);
            if (!v4) {
                address[0] = (byte) (0x20 | random.nextInt(0x10)); // global unicast 2000::/4 .. 2f00::/8
            }
            int prefix = v4 ? 24 + random.nextInt(9) : 48 + random.nextInt(81);
            IpNetwork candidate = IpNetwork.of(address, prefix);
            boolean overlaps = networks.stream().anyMatch(n -> n.contains(candidate) || candidate.contains(n));
            if (NetworkPolicy.DEFAULT.problemWith(candidate).isEmpty() && !overlaps) {
                networks.add(candidate);
            }
        }
        return networks;
    }

    /** The current profile with its networks replaced by these (written as a new version 99 file). */
    public static Path profileWith(Path folder, List<IpNetwork> networks) throws IOException {
        String current = Files.readString(Repo.path("profiles/netigate/v2.yaml"));
        int start = current.indexOf("networks:\n");
        int end = current.indexOf("servers:\n");
        String list = networks.stream().map(n -> "  - \"" + n.cidr() + "\"\n").collect(Collectors.joining());
        String profile = current.substring(0, start) + "networks:\n" + list + current.substring(end);
        Path file = folder.resolve("random.yaml");
        Files.writeString(file, profile.replace("version: \"2\"", "version: \"99\""));
        return file;
    }
}
