package dev.whitelistgen.render;

import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps each file as text, for callers that need them all at once (serve, bundle, diff, checks). */
public final class RenderedFiles implements RenderSink {

    private final List<RenderedFile> files = new ArrayList<>();

    @Override
    public Writer open(String path) {
        return new StringWriter() {
            @Override
            public void close() {
                files.add(new RenderedFile(path, toString()));
            }
        };
    }

    public List<RenderedFile> files() {
        return files;
    }
}
