package dev.whitelistgen.spf;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IP address text as SPF uses it: strict dotted quads (no leading zeros, RFC 7208 §5.6) and every RFC 4291
 * IPv6 text form, including IPv4-mapped ones, which {@code IpNetwork} refuses for profiles but SPF must read.
 * Parsing never touches DNS.
 */
public final class IpAddresses {

    private static final Pattern QNUM = Pattern.compile("25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private IpAddresses() {
    }

    /** 4 bytes for IPv4, 16 for IPv6. @throws IllegalArgumentException when the text is no address */
    public static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return parseIpv4(text);
    }

    public static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!QNUM.matcher(parts[i]).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    public static byte[] parseIpv6(String text) {
        String bad = "'" + text + "' is not an IPv6 address";
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            throw new IllegalArgumentException(bad);
        }
        String head = doubleColon < 0 ? text : text.substring(0, doubleColon);
        String tail = doubleColon < 0 ? "" : text.substring(doubleColon + 2);
        byte[] headBytes = groups(head, bad);
        byte[] tailBytes = groups(tail, bad);
        int total = headBytes.length + tailBytes.length;
        if (doubleColon < 0 ? total != 16 : total > 14) {
            throw new IllegalArgumentException(bad);
        }
        byte[] bytes = new byte[16];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, bytes, 16 - tailBytes.length, tailBytes.length);
        return bytes;
    }

    private static byte[] groups(String part, String bad) {
        if (part.isEmpty()) {
            return new byte[0];
        }
        String[] groups = part.split(":", -1);
        byte[] bytes = new byte[16];
        int length = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && group.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(group);
                if (length + 4 > 16) {
                    throw new IllegalArgumentException(bad);
                }
                System.arraycopy(v4, 0, bytes, length, 4);
                length += 4;
            } else {
                if (!HEX_GROUP.matcher(group).matches() || length + 2 > 16) {
                    throw new IllegalArgumentException(bad);
                }
                int value = Integer.parseInt(group, 16);
                bytes[length++] = (byte) (value >> 8);
                bytes[length++] = (byte) value;
            }
        }
        return Arrays.copyOf(bytes, length);
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address it is (RFC 7208 §5: treated as IPv4). */
    public static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return Arrays.copyOfRange(address, 12, 16);
    }

    /** Text form: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as "::"). */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        return dev.whitelistgen.model.IpNetwork.of(address, 128).address();
    }

    /** Reverse-DNS labels: "4.3.2.1" for 1.2.3.4; nibbles for IPv6, upper case hex as the OpenSPF suite expects. */
    public static String reversedDotted(byte[] address) {
        StringBuilder out = new StringBuilder();
        if (address.length == 4) {
            for (int i = 3; i >= 0; i--) {
                out.append(address[i] & 0xff).append(i > 0 ? "." : "");
            }
            return out.toString();
        }
        for (int i = 15; i >= 0; i--) {
            int b = address[i] & 0xff;
            out.append(hex(b & 0xf)).append('.').append(hex(b >> 4));
            if (i > 0) {
                out.append('.');
            }
        }
        return out.toString();
    }

    /** Dotted form for the %{i} macro: the quad for IPv4, 32 dot-separated nibbles for IPv6 (RFC 7208 §7.3). */
    public static String dotted(byte[] address) {
        if (address.length == 4) {
            return format(address);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            int b = address[i] & 0xff;
            out.append(hex(b >> 4)).append('.').append(hex(b & 0xf));
            if (i < 15) {
                out.append('.');
            }
        }
        return out.toString();
    }

    /** The name to query for PTR records: "4.3.2.1.in-addr.arpa" or the ip6.arpa nibble name. */
    public static String reverseName(byte[] address) {
        return reversedDotted(address).toLowerCase(Locale.ROOT) + (address.length == 4 ? ".in-addr.arpa" : ".ip6.arpa");
    }

    private static char hex(int nibble) {
        return Character.toUpperCase(Character.forDigit(nibble, 16));
    }
}
