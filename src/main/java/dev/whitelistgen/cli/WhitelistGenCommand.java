package dev.whitelistgen.cli;

import picocli.CommandLine.Command;

/**
 * The whole command tree: the root (generating) command with every subcommand. Help, completion, the man page
 * and calls that name a subcommand use it. The main job runs on {@link GenerateCommand} alone, because building
 * picocli's model of the subcommands costs about 50 ms of every call (bench/run.sh); arguments the root does
 * not take send the call here (WhitelistGen.run).
 */
@Command(subcommands = {ListCommand.class, CheckCommand.class, BundleCommand.class, DiffCommand.class, ValidateCommand.class,
    ProfilesCommand.class, ServeCommand.class})
final class WhitelistGenCommand extends GenerateCommand {
}
