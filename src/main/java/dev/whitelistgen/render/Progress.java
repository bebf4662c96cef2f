package dev.whitelistgen.render;

/** Told after each target/server is rendered, so a long run can say how far it is (TerminalProgress). */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total, what) -> { };

    void rendered(int done, int total, String what);
}
