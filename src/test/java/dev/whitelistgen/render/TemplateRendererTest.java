package dev.whitelistgen.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitelistgen.UserError;
import dev.whitelistgen.cli.ExitCodes;
import dev.whitelistgen.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FreeMarker is configured strictly and as a sandbox: these templates must fail, and say why. */
class TemplateRendererTest {

    @TempDir
    Path templates;

    Target target(String name, String template, String body, String... extraFiles) throws IOException {
        Path folder = Files.createDirectories(templates.resolve(name));
        Files.writeString(folder.resolve("target.yaml"), "description: test target\ncrlf_files: [\"*.csv\"]\n");
        Files.writeString(folder.resolve(template), body);
        for (int i = 0; i < extraFiles.length; i += 2) {
            Files.writeString(folder.resolve(extraFiles[i]), extraFiles[i + 1]);
        }
        return new TargetCatalog(List.of(templates)).get(name);
    }

    List<RenderedFile> render(Target target, Map<String, Object> model) {
        return new TemplateRenderer(List.of(templates)).render(target, model);
    }

    @Test
    void squareBracketSyntaxLeavesDollarBracesAlone() throws IOException {
        Target t = target("t", "out.txt.ftl", "[#list items as i][=i] ${i}[#sep], [/#list]");
        assertThat(render(t, Map.of("items", List.of("a", "b"))))
                .containsExactly(new RenderedFile("out.txt", "a ${i}, b ${i}\n"));
    }

    @Test
    void aTemplateThatRendersToNothingWritesNoFile() throws IOException {
        Target t = target("t", "always.txt.ftl", "here\n", "sometimes.txt.ftl", "[#if on]\nonly with the option\n[/#if]\n");
        assertThat(render(t, Map.of("on", false))).containsExactly(new RenderedFile("always.txt", "here\n"));
        assertThat(render(t, Map.of("on", true))).containsExactly(
                new RenderedFile("always.txt", "here\n"), new RenderedFile("sometimes.txt", "only with the option\n"));
    }

    @Test
    void aMissingValueIsAnErrorNotAnEmptyString() throws IOException {
        Target t = target("t", "out.txt.ftl", "value: [=missing]");
        assertThatThrownBy(() -> render(t, Map.of()))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(templates.resolve("t/out.txt.ftl") + ":1: The following has evaluated to null or missing");
    }

    @Test
    void aBrokenBuiltInTemplateIsABugNotTheUsersError() {
        // the bundle frame without its model: the same failure in the user's folder would be the user's
        TemplateRenderer builtIn = new TemplateRenderer(List.of(dev.whitelistgen.BuiltInResources.folder("templates")));
        assertThatThrownBy(() -> builtIn.renderTemplate("_bundle/README.md.ftl", Map.of()))
                .isInstanceOf(TemplateRenderer.RenderException.class)
                .hasMessageStartingWith("templates/_bundle/README.md.ftl, line ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[#assign ex = 'freemarker.template.utility.Execute'?new()][=ex('id')]|Instantiating freemarker.template.utility.Execute is not allowed",
        "[#assign ob = 'freemarker.template.utility.ObjectConstructor'?new()]|is not allowed",
        "[=text?api.getClass()]|Can't use ?api",
        "[#include '../../../../../../etc/passwd']|Backing out from the template root directory is not allowed",
        "[#include 'file:///etc/passwd']|Template not found",
        "[#include '/etc/passwd']|Template not found"})
    void theSandboxRefusesClassAccessAndFilesOutsideTheTemplateFolders(String body, String reason) throws IOException {
        Target t = target("t", "out.txt.ftl", body);
        assertThatThrownBy(() -> render(t, Map.of("text", "x")))
                .isInstanceOf(UserError.class).hasMessageStartingWith(templates.resolve("t/out.txt.ftl") + ":1: ").hasMessageContaining(reason);
    }

    @Test
    void aSymbolicLinkOutOfTheFolderIsNotFollowed() throws IOException {
        Path secret = Files.writeString(Files.createTempFile("secret", ".txt"), "secret");
        Target t = target("t", "out.txt.ftl", "[#include 'link.ftl']");
        Files.createSymbolicLink(templates.resolve("t/link.ftl"), secret);
        assertThatThrownBy(() -> render(t, Map.of())).hasMessageContaining("Template not found");
    }

    @Test
    void stopRefusesTheRequestWithTheTemplatesReason() throws IOException {
        Target t = target("t", "out.txt.ftl", "[#stop 'this platform takes IPv4 only']");
        assertThatThrownBy(() -> render(t, Map.of()))
                .isInstanceOf(UserError.class).hasMessage("target t: this platform takes IPv4 only")
                .satisfies(e -> assertThat(((UserError) e).kind()).isEqualTo(UserError.Kind.REFUSED));
    }

    @Test
    void lineEndingsAreLfExceptWhereTheTargetAsksForCrlfAndEveryFileEndsWithANewline() throws IOException {
        Target t = target("t", "a.txt.ftl", "one\r\ntwo", "b.csv.ftl", "x,y\nz,w\n", "_piece.ftl", "not an output");
        assertThat(render(t, Map.of())).containsExactly(new RenderedFile("a.txt", "one\ntwo\n"),
                new RenderedFile("b.csv", "x,y\r\nz,w\r\n"));
    }

    @Test
    void aBrokenOverrideTemplateIsTheUsersErrorWithFileAndLine() throws IOException {
        target("postfix", "netigate_clients.cidr.ftl", "# fine\n[#assign x = 'freemarker.template.utility.Execute'?new()]");
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--templates-dir", templates.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("whitelist-gen: " + templates.resolve("postfix/netigate_clients.cidr.ftl") + ":2: ")
                .contains("not allowed").doesNotContain("internal error");
    }

    @Test
    void aSyntaxErrorInAnOverrideTemplateNamesItsLine() throws IOException {
        target("postfix", "netigate_clients.cidr.ftl", "ok\nok\n[#if]\n");
        Cli.Result result = Cli.run("--target", "postfix", "--server", "dach", "--templates-dir", templates.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.err()).startsWith("whitelist-gen: " + templates.resolve("postfix/netigate_clients.cidr.ftl") + ":3: ");
    }

    /**
     * One renderer renders a folder many times (serve's requests, validate's variants), and FreeMarker answers a
     * template that failed to parse from its cache after the first time: that must stay the user's error with its
     * line, not become "internal error (a bug)".
     */
    @Test
    void aSyntaxErrorInAnOverrideTemplateIsTheUsersErrorEveryTimeItIsRendered() throws IOException {
        Target broken = target("postfix", "netigate_clients.cidr.ftl", "ok\nok\n[#if]\n");
        TemplateRenderer renderer = new TemplateRenderer(List.of(templates));
        for (int time = 1; time <= 2; time++) {
            assertThatThrownBy(() -> renderer.render(broken, Map.of())).as("rendering %d", time).isInstanceOf(UserError.class)
                    .hasMessageStartingWith(templates.resolve("postfix/netigate_clients.cidr.ftl") + ":3: ");
        }
    }

    @Test
    void anOverrideFolderCanAddATargetThatUsesTheBuiltInPieces() throws IOException {
        target("hosts", "hosts.txt.ftl", "[#import '/_common/header.ftl' as h][@h.header c='#' title='Hosts' /]"
                + "[#list server.networks as n][=n.address] [=server.id]\n[/#list]");
        Cli.Result result = Cli.run("--target", "hosts", "--server", "dach", "--templates-dir", templates.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("# Hosts\n# Generated by whitelist-gen (target hosts)").contains("89.45.227.221 dach\n");
        assertThat(Cli.run("list", "targets", "--templates-dir", templates.toString()).out()).contains("hosts", "postfix", "bind");
    }

    /** Text as FinalTextWriter gives it its final form, written in pieces of {@code chunk} characters as FreeMarker does. */
    static String finalText(String text, boolean crlf, String asciiWhere, int chunk) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        FinalTextWriter writer = new FinalTextWriter(() -> out, crlf, asciiWhere);
        for (int i = 0; i < text.length(); i += chunk) {
            writer.write(text, i, Math.min(chunk, text.length() - i));
        }
        writer.close();
        return writer.opened() ? out.toString() : null;
    }

    @Test
    void aNonAsciiValueOutsideACommentIsRefusedNotMangled() throws IOException {
        String text = "# caf\u00e9 is fine in a comment\r\nNew-X -Name 'caf\u00e9'\r\n";
        assertThatThrownBy(() -> finalText(text, true, "target m365, x.ps1", 5))
                .isInstanceOf(dev.whitelistgen.UserError.class)
                .hasMessage("target m365, x.ps1, line 2: a value holds the non-ASCII character U+00E9, which this ASCII-only script cannot carry unchanged");
        // a surrogate pair split between two writes is still one character
        assertThat(finalText("# caf\u00e9 \ud83d\ude00\nx\n", false, "w", 8)).isEqualTo("# caf<U+00E9> <U+1F600>\nx\n");
        // blanks before '#' (an em space too, as String.stripLeading sees it) keep a comment a comment
        assertThat(finalText(" \u2003# \u00e9", false, "w", 1)).isEqualTo(" <U+2003># <U+00E9>\n");
        assertThatThrownBy(() -> finalText("\u2003x", false, "w", 1)).hasMessageContaining("line 1: a value holds the non-ASCII character U+2003");
    }

    /**
     * Runs of ordinary characters are copied in blocks: text many times the writer's 8,192-character buffer, written
     * as Strings and as char arrays in pieces of every size, still gets each step (line ends, comments' non-ASCII
     * characters, leading blanks held until the line says whether it is a comment).
     */
    @ParameterizedTest
    @CsvSource({"1", "7", "8192", "100000"})
    void longTextGetsEveryStepWhateverThePieces(int chunk) throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            text.append("# caf\u00e9 ").append(i).append("\r\n  \u2003# \u00e9\r\n    value ").append(i).append("\r\n");
            expected.append("# caf<U+00E9> ").append(i).append("\r\n  <U+2003># <U+00E9>\r\n    value ").append(i).append("\r\n");
        }
        assertThat(finalText(text.toString(), true, "w", chunk)).isEqualTo(expected.toString());
        assertThat(finalText(text.toString().replace("\r\n", "\n"), false, null, chunk))
                .isEqualTo(text.toString().replace("\r\n", "\n"));

        java.io.StringWriter out = new java.io.StringWriter();
        FinalTextWriter writer = new FinalTextWriter(() -> out, true, "w");
        char[] chars = text.toString().toCharArray();
        for (int i = 0; i < chars.length; i += chunk) {
            writer.write(chars, i, Math.min(chunk, chars.length - i));
        }
        writer.close();
        assertThat(out.toString()).isEqualTo(expected.toString());
        assertThatThrownBy(() -> finalText(text + "x\u00e9\n", false, "w", chunk)).hasMessageContaining("line 9001: a value holds the non-ASCII character U+00E9");
    }

    /** Line ends as the file wants them, whatever the template wrote, and one after the last line. */
    @ParameterizedTest
    @CsvSource({"1", "2", "7"})
    void lineEndsAreConvertedAsTheTextStreamsThrough(int chunk) throws IOException {
        assertThat(finalText("a\r\nb\nc", false, null, chunk)).isEqualTo("a\nb\nc\n");
        assertThat(finalText("a\r\nb\nc", true, null, chunk)).isEqualTo("a\r\nb\r\nc\r\n");
        assertThat(finalText("a\rb\r", false, null, chunk)).isEqualTo("a\rb\r\n");
        assertThat(finalText("a\r\r\n", true, "w", chunk)).isEqualTo("a\r\r\n");
        assertThat(finalText("a\n", true, "w", chunk)).isEqualTo("a\r\n");
        assertThat(finalText("", true, null, chunk)).as("no file for no text").isNull();
    }
}
