package dev.whitelistgen.render;

import java.io.IOException;
import java.io.Writer;

/**
 * Where rendered files go as they render, so that no file is held whole (an output of 1,000,000 networks is tens of
 * MB): OutputWriter stages each beside its destination, {@link RenderedFiles} keeps them as text.
 */
@FunctionalInterface
public interface RenderSink {

    /**
     * A writer for the file at {@code path} (relative to the output), asked for when its template writes the first
     * character and closed when the file is complete. A failure after it was asked for leaves the file incomplete:
     * the sink's owner discards everything then.
     */
    Writer open(String path) throws IOException;
}
