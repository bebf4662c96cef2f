package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C and SIGTERM end a run with 130 and 143 (the exit code table) and one line saying so. */
class SignalsTest {

    @TempDir
    Path dir;

    /** A check waits for a DNS server that never answers; the signal comes once its question has arrived. */
    private Process waitingCheck(DatagramSocket silent) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            // A JVM started with SIGINT ignored never handles it, and a run started in the background from a script
            // (mvn verify &) hands it ignored to every child: Ctrl-C's case then waited 20 s and failed. GNU env
            // (coreutils 9.1) puts it back; a run started normally needs nothing, so no other platform pays.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WhitelistGen.class.getName(), "check", "spf", "--server", "dach",
                "--domain", "customer.example", "--dns-server", "127.0.0.1:" + silent.getLocalPort(), "--timeout", "60"));
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
        silent.setSoTimeout(30_000);
        silent.receive(new DatagramPacket(new byte[512], 512));
        return process;
    }

    /** Whether this JVM inherited SIGINT as ignored (Linux's /proc; elsewhere taken as not). */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .anyMatch(line -> (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & 0x2) != 0); // bit 1: SIGINT (2)
    }

    private static void signal(Process process, String name) throws Exception {
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + name + " " + process.pid()).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void ctrlCExits130WithALineAndSigtermExits143() throws Exception {
        for (List<Object> signalAndCode : List.of(List.<Object>of("INT", 130), List.<Object>of("TERM", 143))) {
            try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                Process process = waitingCheck(silent);
                try {
                    signal(process, (String) signalAndCode.get(0));

                    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
                    assertThat(process.exitValue()).isEqualTo(signalAndCode.get(1));
                    assertThat(Files.readString(dir.resolve("err.txt"))).isEqualTo("whitelist-gen: interrupted (Ctrl-C or SIGTERM) before finishing\n");
                } finally {
                    process.destroyForcibly();
                }
            }
        }
    }
}
