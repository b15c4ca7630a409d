package nl.consilium.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of infra/bin/consilium. The subcommands are a stable interface that hospitals use to
 * validate a deployment (DESIGN.md, "Interfaces that outside checks will call").
 */
public final class Main {

    static final int EX_USAGE = 64;

    private Main() {
    }

    static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("detect-phi", new DetectPhiCommand());
        commands.put("classify-intent", new ClassifyIntentCommand());
        commands.put("eval-retrieval", new EvalRetrievalCommand());
        commands.put("audit-verify", new AuditVerifyCommand());
        return commands;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage(commands, args.length == 0 ? err : out);
            return args.length == 0 ? EX_USAGE : 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("consilium: unknown command '" + args[0] + "'");
            usage(commands, err);
            return EX_USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return command.run(rest, System.in, out, err);
    }

    private static void usage(Map<String, Command> commands, PrintStream to) {
        to.println("usage: consilium <command> [options]");
        to.println("commands: " + String.join(", ", commands.keySet()));
        to.println("configuration comes from the environment: CONSILIUM_DB_URL, CONSILIUM_DB_USER, CONSILIUM_DB_PASSWORD (see README)");
    }
}
