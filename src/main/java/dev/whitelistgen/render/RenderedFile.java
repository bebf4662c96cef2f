package dev.whitelistgen.render;

/** One generated file: its path relative to the output folder, and its text with final line endings. */
public record RenderedFile(String path, String content) {
}
