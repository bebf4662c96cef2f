package dev.whitelistgen.render;

import dev.whitelistgen.UserError;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Gives a template's output its final form as it streams through, holding at most a line's leading blanks: line ends
 * as the file wants them (LF, or CR LF for Windows files), a line end after the last line, and for an ASCII-only file
 * every non-ASCII character of a comment line ('#' first) written as {@code <U+00E5>}, anywhere else refused. An
 * output of 1,000,000 networks is tens of MB: built as a String it was held whole, and copied for each of these steps.
 * The file itself is opened only when the first character arrives, so a template that renders to nothing writes no file.
 */
final class FinalTextWriter extends Writer {

    /** Opens the file's writer, once, when the template writes its first character. */
    @FunctionalInterface
    interface Opener {
        Writer open() throws IOException;
    }

    private final Opener opener;
    private final boolean crlf;
    private final String asciiWhere; // null: any character may stay
    private Writer out;
    private final char[] buffer = new char[8192];
    private final char[] scratch = new char[8192];
    private int buffered;
    private IOException failure;
    private boolean pendingCr;
    private char pendingHighSurrogate;
    private boolean lastWasLineEnd;
    private int line = 1;
    // ASCII files: whether the line so far is blank (then its characters wait in leading), and whether it is a comment
    private boolean lineBlankSoFar = true;
    private boolean comment;
    private final StringBuilder leading = new StringBuilder();

    FinalTextWriter(Opener opener, boolean crlf, String asciiWhere) {
        this.opener = opener;
        this.crlf = crlf;
        this.asciiWhere = asciiWhere;
    }

    /** Whether the template wrote anything (an output that renders to nothing writes no file). */
    boolean opened() {
        return out != null;
    }

    /** The error the file's writer gave, if any: a failed write (a full disk), not a broken template. */
    IOException failure() {
        return failure;
    }

    @Override
    public void write(char[] text, int offset, int length) throws IOException {
        int end = offset + length;
        for (int i = offset; i < end; ) {
            int plain = plainRun(text, i, end);
            if (plain > i) {
                copy(text, i, plain);
                i = plain;
            } else {
                take(text[i++]);
            }
        }
    }

    // a String's characters are scanned in an array: charAt's checks made the scan the writer's hottest code
    @Override
    public void write(String text, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i += scratch.length) {
            int count = Math.min(scratch.length, offset + length - i);
            text.getChars(i, i + count, scratch, 0);
            write(scratch, 0, count);
        }
    }

    /*
     * Most characters need none of take()'s steps: outside a line's leading blanks, with no CR or surrogate pending,
     * any character but CR and LF (and in an ASCII-only file any ASCII one) is copied as it is. Copying such runs in
     * blocks instead of one take() each made the writer a third of the CPU time of a 250 MB output (bench/run.sh scale).
     */
    private int plainRun(char[] text, int from, int end) {
        if (!plainState()) {
            return from;
        }
        int i = from;
        while (i < end && plain(text[i])) {
            i++;
        }
        return i;
    }

    private boolean plainState() {
        return out != null && !pendingCr && pendingHighSurrogate == 0 && (asciiWhere == null || !lineBlankSoFar);
    }

    private boolean plain(char c) {
        return c != '\n' && c != '\r' && (asciiWhere == null || c < 0x80);
    }

    private void copy(char[] text, int from, int to) throws IOException {
        while (from < to) {
            if (buffered == buffer.length) {
                drain();
            }
            int count = Math.min(to - from, buffer.length - buffered);
            System.arraycopy(text, from, buffer, buffered, count);
            buffered += count;
            from += count;
        }
        lastWasLineEnd = false;
    }

    @Override
    public void write(int c) throws IOException {
        take((char) c);
    }

    private void take(char c) throws IOException {
        if (out == null) {
            try {
                out = opener.open();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
        if (asciiWhere == null) {
            lineText(c);
            return;
        }
        if (pendingHighSurrogate != 0) {
            char high = pendingHighSurrogate;
            pendingHighSurrogate = 0;
            if (Character.isLowSurrogate(c)) {
                ascii(Character.toCodePoint(high, c));
                return;
            }
            ascii(high);
        }
        if (Character.isHighSurrogate(c)) {
            pendingHighSurrogate = c;
            return;
        }
        ascii(c);
    }

    /** As String.stripLeading sees a line: blanks wait until the first other character says whether it is a comment. */
    private void ascii(int codePoint) throws IOException {
        if (codePoint == '\n') {
            flushLeading();
            lineText('\n');
            line++;
            lineBlankSoFar = true;
            comment = false;
            return;
        }
        if (lineBlankSoFar) {
            if (Character.isWhitespace(codePoint)) {
                leading.appendCodePoint(codePoint);
                return;
            }
            lineBlankSoFar = false;
            comment = codePoint == '#';
            flushLeading();
        }
        asciiCharacter(codePoint);
    }

    private void flushLeading() throws IOException {
        for (int i = 0; i < leading.length(); ) {
            int codePoint = leading.codePointAt(i);
            asciiCharacter(codePoint);
            i += Character.charCount(codePoint);
        }
        leading.setLength(0);
    }

    private void asciiCharacter(int codePoint) throws IOException {
        if (codePoint < 0x80) {
            lineText((char) codePoint);
        } else if (comment) {
            for (char c : String.format(Locale.ROOT, "<U+%04X>", codePoint).toCharArray()) {
                lineText(c);
            }
        } else {
            throw new UserError(UserError.Kind.REFUSED, asciiWhere + ", line " + line + ": a value holds the non-ASCII character "
                    + String.format(Locale.ROOT, "U+%04X", codePoint) + ", which this ASCII-only script cannot carry unchanged");
        }
    }

    /** CR LF in the template's output is read as LF; each LF is then written as the file wants it. */
    private void lineText(char c) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            if (c == '\n') {
                lineEnd();
                return;
            }
            emit('\r');
        }
        if (c == '\r') {
            pendingCr = true;
        } else if (c == '\n') {
            lineEnd();
        } else {
            emit(c);
        }
    }

    private void lineEnd() throws IOException {
        if (crlf) {
            emit('\r');
        }
        emit('\n');
        lastWasLineEnd = true;
    }

    private void emit(char c) throws IOException {
        lastWasLineEnd = false;
        if (buffered == buffer.length) {
            drain();
        }
        buffer[buffered++] = c;
    }

    // a file's writer takes a lock per call: characters go to it in blocks
    private void drain() throws IOException {
        try {
            out.write(buffer, 0, buffered);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        buffered = 0;
    }

    /** Ends the text (a last line end where it has none) and closes the file's writer; nothing for an empty output. */
    @Override
    public void close() throws IOException {
        if (out == null) {
            return;
        }
        try {
            if (pendingHighSurrogate != 0) {
                char high = pendingHighSurrogate;
                pendingHighSurrogate = 0;
                ascii(high);
            }
            if (asciiWhere != null) {
                flushLeading();
            }
            if (pendingCr) {
                pendingCr = false;
                emit('\r');
            }
            if (!lastWasLineEnd) {
                lineEnd();
            }
            drain();
            out.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
            throw e;
        }
    }

    @Override
    public void flush() {
        // the file is flushed when closed; FreeMarker's flush after each template must not push a partial buffer out
    }
}
