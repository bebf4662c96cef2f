package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Checks a customer's setup, or Netigate's own SPF, against real DNS and SMTP servers, and names the",
            "mail system behind a customer's MX records.",
            "Exit codes: 0 all is well, 1 a problem was found, 2 usage, 6 DNS or SMTP server unreachable."},
        subcommands = {CheckSpfCommand.class, CheckTlsCommand.class, CheckDriftCommand.class, CheckMxCommand.class})
final class CheckCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UserError(UserError.Kind.USAGE, "check: give what to check: spf, tls, drift or mx (try check --help)");
    }
}
