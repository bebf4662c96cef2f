package dev.whitelistgen.model;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR form; a single address is a /32 or /128. Host bits are always zero. */
public final class IpNetwork implements Comparable<IpNetwork> {

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9]\\d{0,2}");

    private final byte[] address;
    private final int prefix;

    private IpNetwork(byte[] address, int prefix) {
        this.address = address;
        this.prefix = prefix;
    }

    /**
     * Parses "a.b.c.d", "a.b.c.d/n", an IPv6 literal or "v6/n".
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static IpNetwork parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("is empty; expected an IP address or CIDR network");
        }
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = parseAddress(addressPart, text);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String prefixPart = text.substring(slash + 1);
            if (!PREFIX.matcher(prefixPart).matches() || Integer.parseInt(prefixPart) > max) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length; expected /0 to /" + max);
            }
            prefix = Integer.parseInt(prefixPart);
        }
        IpNetwork network = new IpNetwork(bytes, prefix);
        IpNetwork normalised = network.withHostBitsCleared();
        if (!Arrays.equals(normalised.address, bytes)) {
            // Postfix skips such a line with only a warning; refuse it so nothing is silently lost.
            throw new IllegalArgumentException("'" + text + "' has host bits set; did you mean " + normalised + "?");
        }
        return network;
    }

    private static byte[] parseAddress(String part, String whole) {
        byte[] ipv4 = parseIpv4(part);
        if (ipv4 != null) {
            return ipv4;
        }
        // Only characters of an IPv6 literal reach InetAddress, so it can never start a DNS lookup.
        if (part.indexOf(':') >= 0 && IPV6_CHARS.matcher(part).matches() && part.length() <= 45) {
            InetAddress parsed;
            try {
                parsed = InetAddress.getByName(part);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + whole + "' is not a valid IPv6 address");
            }
            if (parsed instanceof Inet4Address) {
                throw new IllegalArgumentException("'" + whole + "' is an IPv4-mapped IPv6 address; write the IPv4 address "
                        + parsed.getHostAddress() + " instead");
            }
            return parsed.getAddress();
        }
        throw new IllegalArgumentException("'" + whole + "' is not an IPv4/IPv6 address or CIDR network");
    }

    /**
     * Four decimal octets 0-255 separated by dots, or null. Leading zeros are refused: "010.1.1.1" means octal to
     * some parsers and decimal to others. By hand rather than by a regular expression: a profile may list 1,000,000.
     */
    private static byte[] parseIpv4(String text) {
        byte[] bytes = new byte[4];
        int octet = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // a leading zero
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && octet < 4) {
                bytes[octet++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return octet == 4 ? bytes : null;
    }

    public static IpNetwork of(byte[] address, int prefix) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must have 4 or 16 bytes");
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("prefix out of range: " + prefix);
        }
        return new IpNetwork(address.clone(), prefix).withHostBitsCleared();
    }

    public boolean isIpv4() {
        return address.length == 4;
    }

    public int prefix() {
        return prefix;
    }

    public int maxPrefix() {
        return address.length * 8;
    }

    public boolean isSingleAddress() {
        return prefix == maxPrefix();
    }

    public byte[] addressBytes() {
        return address.clone();
    }

    /** The network address alone, without prefix ("89.45.227.221", "2001:db8::"). */
    public String address() {
        return isIpv4() ? formatIpv4(address) : formatIpv6(address);
    }

    /** Always with prefix: "89.45.227.221/32". */
    public String cidr() {
        return address() + "/" + prefix;
    }

    /** A single address without prefix, a network with it: the form most mail systems accept. */
    @Override
    public String toString() {
        return isSingleAddress() ? address() : cidr();
    }

    public String lastAddress() {
        byte[] last = address.clone();
        for (int bit = prefix; bit < maxPrefix(); bit++) {
            last[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return isIpv4() ? formatIpv4(last) : formatIpv6(last);
    }

    /** The enclosing network with the given (shorter or equal) prefix, e.g. the /24 of an address. */
    public IpNetwork enclosing(int shorterPrefix) {
        if (shorterPrefix > prefix) {
            return this;
        }
        return new IpNetwork(address, shorterPrefix).withHostBitsCleared();
    }

    /** Bit by bit, without a copy: a profile's every network is checked against each reserved range. */
    public boolean contains(IpNetwork other) {
        if (other.address.length != address.length || other.prefix < prefix) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != other.address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return ((address[whole] ^ other.address[whole]) & mask) == 0;
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(maxPrefix() - prefix);
    }

    private IpNetwork withHostBitsCleared() {
        byte[] cleared = address.clone();
        for (int bit = prefix; bit < maxPrefix(); bit++) {
            cleared[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpNetwork(cleared, prefix);
    }

    // digits written by hand: a template reads the address of each of a profile's networks, a million in bench/run.sh
    private static String formatIpv4(byte[] b) {
        byte[] text = new byte[15];
        int length = 0;
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                text[length++] = '.';
            }
            int value = b[i] & 0xff;
            if (value >= 100) {
                text[length++] = (byte) ('0' + value / 100);
            }
            if (value >= 10) {
                text[length++] = (byte) ('0' + value / 10 % 10);
            }
            text[length++] = (byte) ('0' + value % 10);
        }
        return new String(text, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** RFC 5952 text form: lower case, the longest run of two or more zero groups as "::". */
    private static String formatIpv6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    @Override
    public int compareTo(IpNetwork other) {
        if (address.length != other.address.length) {
            return Integer.compare(address.length, other.address.length);
        }
        int byAddress = Arrays.compareUnsigned(address, other.address);
        return byAddress != 0 ? byAddress : Integer.compare(prefix, other.prefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetwork n && n.prefix == prefix && Arrays.equals(n.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + prefix;
    }
}
