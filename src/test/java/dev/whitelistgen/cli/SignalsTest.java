package dev.whitelistgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C and SIGTERM end a run with 130 and 143 (the exit code table) and one line saying so. */
class SignalsTest {

    @TempDir
    Path dir;

    /**
     * A check waits for a DNS server that never answers; the signal comes once its question has arrived. env puts
     * SIGINT back to its default first: a JVM started with it ignored never handles it, and a run started in the
     * background from a script (mvn verify &) hands SIGINT ignored to every child: there Ctrl-C's case waited 20 s and failed.
     */
    private Process waitingCheck(DatagramSocket silent) throws IOException {
        Process process = new ProcessBuilder("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WhitelistGen.class.getName(), "check", "spf", "--server", "dach",
                "--domain", "customer.example", "--dns-server", "127.0.0.1:" + silent.getLocalPort(), "--timeout", "60")
                .redirectError(dir.resolve("err.txt").toFile()).start();
        silent.setSoTimeout(30_000);
        silent.receive(new DatagramPacket(new byte[512], 512));
        return process;
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
