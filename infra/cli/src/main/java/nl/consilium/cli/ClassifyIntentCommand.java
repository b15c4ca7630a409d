package nl.consilium.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** Placeholder until implemented: says so and fails, never pretends. */
final class ClassifyIntentCommand implements Command {
    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        err.println("consilium classify-intent: not implemented yet in this build");
        return 69;
    }
}
