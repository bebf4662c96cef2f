package dev.whitelistgen.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PrintWriter that remembers why writing failed. PrintWriter and PrintStream swallow IOExceptions (only
 * {@link #checkError()} tells), so a full disk or a closed standard output would otherwise pass unnoticed.
 */
final class CheckedPrintWriter extends PrintWriter {

    private final FailureRecorder recorder;

    private CheckedPrintWriter(FailureRecorder recorder) {
        super(new OutputStreamWriter(recorder, StandardCharsets.UTF_8), true);
        this.recorder = recorder;
    }

    /** Over the stream itself, not over System.out, which is a PrintStream and would swallow the error first. */
    static CheckedPrintWriter over(OutputStream stream) {
        return new CheckedPrintWriter(new FailureRecorder(stream));
    }

    /** Bytes as they are (a zip), after any text already printed; a failure is recorded as for text. */
    void writeBytes(byte[] bytes) {
        flush();
        try {
            recorder.write(bytes, 0, bytes.length);
            recorder.flush();
        } catch (IOException e) {
            setError();
        }
    }

    /** The first failure's reason, e.g. "No space left on device". */
    Optional<String> failure() {
        return Optional.ofNullable(recorder.failure).map(e -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static final class FailureRecorder extends FilterOutputStream {

        private IOException failure;

        FailureRecorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
