package nl.consilium.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** One subcommand of infra/bin/consilium. Returns the process exit code. */
interface Command {
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception;
}
