package dev.whitelistgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.bundle.Bundle;
import dev.whitelistgen.bundle.BundleTexts;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.Repo;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.namer.ApprovalNamer;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * samples/ holds what `--output samples/TARGET/SERVER` writes for every target and server of the current
 * profile (with --domain example.com), plus one folder SERVER+FLAG per target option, and samples/bundle/ the
 * README, a guide and the list of files of two support bundles (BUNDLES) per language. Each sample file is an approved file: a stale one fails here.
 * Regenerate with bin/update-samples and review the diff.
 */
class SamplesTest {

    static final String SAMPLE_DOMAIN = "example.com";
    /** samples/bundle/: support bundles of server dach with --domain example.com, in every language. */
    static final String BUNDLE_FOLDER = "bundle";
    static final String BUNDLE_SERVER = "dach";

    /**
     * One sample bundle: {@code prefix} starts its sample files' names ("" for the plain one), {@code args} are added to
     * `bundle --server dach --domain example.com --lang LANG`, {@code entries} are the files kept per language
     * (samples/bundle/PREFIXNAME.LANG.md), and PREFIXfiles.txt lists every entry of the zip.
     */
    record BundleSample(String prefix, List<String> args, List<String> entries) { }

    static final List<BundleSample> BUNDLES = List.of(
            new BundleSample("", List.of(), List.of(Bundle.README, "google/google-workspace-guide.md")),
            // issue 29: a customer behind a gateway, the gateway's guide naming the bundle's own files
            new BundleSample("behind-mimecast.", List.of("--behind", "mimecast"), List.of(Bundle.README, "mimecast/mimecast-guide.md")));
    private static final boolean UPDATE = Boolean.getBoolean("samples.update");

    /** One sample folder and the command line that writes it. */
    record Sample(String folder, List<String> args) { }

    static List<Sample> samples() {
        Profile current = new ProfileCatalog(List.of(Repo.path("profiles")), new ProfileLoader(NetworkPolicy.DEFAULT)).current();
        List<Sample> samples = new ArrayList<>();
        for (Target target : new TargetCatalog(List.of(Repo.path("templates"))).all()) {
            for (Server server : current.servers()) {
                List<String> base = List.of("--target", target.name(), "--server", server.id(), "--domain", SAMPLE_DOMAIN);
                samples.add(new Sample(target.name() + "/" + server.id(), base));
                for (Flag flag : target.flags().stream().sorted(java.util.Comparator.comparing(Flag::id)).toList()) {
                    List<String> withFlag = new ArrayList<>(base);
                    withFlag.add(flag.input().flag());
                    // --behind takes a gateway: the sample shows one that has a target of its own.
                    String folder = flag == Flag.BEHIND ? flag.id() + "-cisco" : flag.id();
                    if (flag == Flag.BEHIND) {
                        withFlag.add("cisco");
                    }
                    samples.add(new Sample(target.name() + "/" + server.id() + "+" + folder, withFlag));
                }
            }
        }
        return samples;
    }

    @TestFactory
    Stream<DynamicNode> everySampleIsCurrent() throws IOException {
        Path generated = Files.createTempDirectory("samples");
        List<DynamicNode> nodes = new ArrayList<>();
        List<String> expectedFolders = new ArrayList<>();
        for (Sample sample : samples()) {
            expectedFolders.add(sample.folder());
            Path out = generated.resolve(sample.folder());
            List<String> args = new ArrayList<>(sample.args());
            args.addAll(List.of("--output", out.toString()));
            Cli.Result result = Cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            Path approved = Repo.path("samples").resolve(sample.folder());
            if (UPDATE) {
                replaceFolder(out, approved);
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (Path file : files(out)) {
                String relative = out.relativize(file).toString();
                tests.add(DynamicTest.dynamicTest(relative, () -> verify(file, approved.resolve(relative))));
            }
            tests.add(DynamicTest.dynamicTest("no stale extra files", () ->
                    assertThat(relativeNames(approved)).as("files in samples/" + sample.folder()
                            + " (run bin/update-samples)").containsExactlyInAnyOrderElementsOf(relativeNames(out))));
            nodes.add(DynamicContainer.dynamicContainer(sample.folder(), tests));
        }
        nodes.add(bundleReadmes(generated));
        // samples/bundle/ holds files only, so it adds no TARGET/SERVER folder here.
        nodes.add(DynamicTest.dynamicTest("no sample folder without a target", () -> {
            List<String> present = new ArrayList<>();
            try (Stream<Path> targets = Files.list(Repo.path("samples"))) {
                for (Path target : targets.filter(Files::isDirectory).toList()) {
                    try (Stream<Path> servers = Files.list(target)) {
                        servers.filter(Files::isDirectory).forEach(s -> present.add(target.getFileName() + "/" + s.getFileName()));
                    }
                }
            }
            assertThat(present).as("sample folders (run bin/update-samples)").containsExactlyInAnyOrderElementsOf(expectedFolders);
        }));
        return nodes.stream();
    }

    private static DynamicNode bundleReadmes(Path generated) throws IOException {
        Path out = Files.createDirectories(generated.resolve(BUNDLE_FOLDER));
        Path approved = Repo.path("samples").resolve(BUNDLE_FOLDER);
        List<DynamicTest> tests = new ArrayList<>();
        for (BundleSample sample : BUNDLES) {
            for (String language : new BundleTexts(List.of(Repo.path("templates"))).languages()) {
                Path zip = generated.resolve("bundle-" + sample.prefix() + language + ".zip");
                List<String> args = new ArrayList<>(List.of("bundle", "--server", BUNDLE_SERVER, "--domain", SAMPLE_DOMAIN, "--lang", language,
                        "--output", zip.toString()));
                args.addAll(sample.args());
                Cli.Result result = Cli.run(args.toArray(String[]::new));
                assertThat(result.exitCode()).as(result.toString()).isZero();
                List<String> names = new ArrayList<>();
                for (String entry : sample.entries()) {
                    names.add(sample.prefix() + entry.substring(entry.lastIndexOf('/') + 1).replaceFirst("\\.md$", "." + language + ".md"));
                    Files.writeString(out.resolve(names.get(names.size() - 1)), zipEntry(zip, entry));
                }
                if (language.equals(BundleTexts.REFERENCE_LANGUAGE)) {
                    names.add(sample.prefix() + "files.txt");
                    Files.writeString(out.resolve(names.get(names.size() - 1)), String.join("\n", zipEntryNames(zip)) + "\n");
                }
                for (String name : names) {
                    tests.add(DynamicTest.dynamicTest(name, () -> verify(out.resolve(name), approved.resolve(name))));
                }
            }
        }
        if (UPDATE) {
            replaceFolder(out, approved);
        }
        tests.add(DynamicTest.dynamicTest("no stale extra files", () ->
                assertThat(relativeNames(approved)).as("files in samples/" + BUNDLE_FOLDER + " (run bin/update-samples)")
                        .containsExactlyInAnyOrderElementsOf(relativeNames(out))));
        return DynamicContainer.dynamicContainer(BUNDLE_FOLDER, tests);
    }

    private static List<String> zipEntryNames(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static String zipEntry(Path zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(zip + " holds no " + name);
    }

    private static void verify(Path generated, Path approved) throws IOException {
        String text = Files.readString(generated);
        Approvals.verify(text, new Options().withReporter(new QuietReporter()).forFile().withNamer(new SampleNamer(approved)));
        // ApprovalTests compares text; the byte check also catches line-ending changes.
        assertThat(Files.readAllBytes(approved)).as("bytes of " + approved).isEqualTo(Files.readAllBytes(generated));
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().contains(".received"))
                    .sorted().toList();
        }
    }

    private static List<String> relativeNames(Path folder) throws IOException {
        return files(folder).stream().map(f -> folder.relativize(f).toString()).toList();
    }

    private static void replaceFolder(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> walk = Files.walk(to)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Path file : files(from)) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }

    /** Points ApprovalTests at the sample file itself, so samples/ is the approved output. */
    record SampleNamer(Path approved) implements ApprovalNamer {
        @Override
        public File getApprovedFile(String extensionWithDot) {
            return approved.toFile();
        }

        @Override
        public File getReceivedFile(String extensionWithDot) {
            return new File(approved + ".received.txt");
        }

        @Override
        public ApprovalNamer addAdditionalInformation(String info) {
            return this;
        }

        @Override
        public String getAdditionalInformation() {
            return "";
        }

        @Override
        public String getApprovalName() {
            return approved.getFileName().toString();
        }

        @Override
        public String getSourceFilePath() {
            return approved.getParent().toString() + File.separator;
        }
    }
}
