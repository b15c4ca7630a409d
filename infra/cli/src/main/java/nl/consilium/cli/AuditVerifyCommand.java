package nl.consilium.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.postgresql.ds.PGSimpleDataSource;

import nl.consilium.audit.AuditSchema;
import nl.consilium.audit.AuditVerifier;
import nl.consilium.audit.CheckpointKey;
import nl.consilium.audit.VerificationResult;

/**
 * {@code consilium audit-verify}: checks the whole audit chain in the configured database.
 * Exit 0 when intact; 1 when broken (the first broken sequence number is printed); 64 usage;
 * 69 database unreachable or audit schema missing; 78 configuration error (checkpoint key).
 *
 * <p>Environment: {@code CONSILIUM_DB_URL} (default jdbc:postgresql://127.0.0.1:5432/consilium),
 * {@code CONSILIUM_DB_USER} (default postgres), {@code CONSILIUM_DB_PASSWORD} (default empty),
 * {@code CONSILIUM_AUDIT_SCHEMA} (default audit), and the checkpoint key as
 * {@code CONSILIUM_AUDIT_CHECKPOINT_KEY} (base64) or {@code CONSILIUM_AUDIT_CHECKPOINT_KEY_FILE}.
 */
final class AuditVerifyCommand implements Command {
    static final int EXIT_BROKEN = 1;
    static final int EX_UNAVAILABLE = 69;
    static final int EX_CONFIG = 78;

    private final Map<String, String> env;

    AuditVerifyCommand() {
        this(System.getenv());
    }

    AuditVerifyCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            usage(out);
            return 0;
        }
        if (!args.isEmpty()) {
            err.println("consilium audit-verify: unexpected argument " + args.getFirst() + " (configuration comes from the environment)");
            usage(err);
            return Main.EX_USAGE;
        }
        Optional<CheckpointKey> key;
        String schema = env.getOrDefault("CONSILIUM_AUDIT_SCHEMA", AuditSchema.DEFAULT_SCHEMA);
        try {
            AuditSchema.checkName(schema);
            key = CheckpointKey.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println("consilium audit-verify: " + e.getMessage());
            return EX_CONFIG;
        }
        if (key.isEmpty()) {
            err.println("consilium audit-verify: set " + CheckpointKey.ENV_KEY + " (base64) or " + CheckpointKey.ENV_KEY_FILE
                    + " to the key the application signs checkpoints with; without it a cut-off tail cannot be detected");
            return EX_CONFIG;
        }
        // Flyway reports every check at INFO (with the full JDBC URL); the verdict below is what matters here.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.flywaydb") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        String url = env.getOrDefault("CONSILIUM_DB_URL", "jdbc:postgresql://127.0.0.1:5432/consilium");
        ds.setURL(url);
        ds.setUser(env.getOrDefault("CONSILIUM_DB_USER", "postgres"));
        String password = env.get("CONSILIUM_DB_PASSWORD");
        if (password != null && !password.isEmpty()) {
            ds.setPassword(password);
        }
        ds.setConnectTimeout(10);
        ds.setApplicationName("consilium audit-verify");
        try {
            // Brings a fresh database to the current schema; on an up-to-date one it only checks the history.
            AuditSchema.migrate(ds, schema);
        } catch (RuntimeException e) {
            err.println("consilium audit-verify: cannot prepare the audit schema '" + schema + "' in " + url + ": " + rootMessage(e));
            return EX_UNAVAILABLE;
        }
        VerificationResult result;
        try {
            result = AuditVerifier.verify(ds, schema, key.get());
        } catch (SQLException e) {
            err.println("consilium audit-verify: cannot read the audit log in " + url + ": " + e.getMessage());
            return EX_UNAVAILABLE;
        }
        switch (result) {
            case VerificationResult.Intact ok -> {
                out.printf("audit chain intact: %d events (sequence %d..%d), %d signed checkpoints, newest checkpoint at %d, checked in %.1f s%n",
                        ok.eventsChecked(), ok.lastSeq() == 0 ? 0 : ok.firstSeq(), ok.lastSeq(), ok.checkpoints(), ok.lastCheckpointSeq(),
                        ok.took().toMillis() / 1000.0);
                if (ok.lastSeq() > ok.lastCheckpointSeq()) {
                    out.printf("note: events after %d are not yet covered by a signed checkpoint%n", ok.lastCheckpointSeq());
                }
                return 0;
            }
            case VerificationResult.Broken broken -> {
                out.println("audit chain BROKEN: first broken sequence number " + broken.firstBrokenSeq());
                out.println("reason: " + broken.reason());
                out.println("events checked before the break: " + broken.eventsChecked());
                return EXIT_BROKEN;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }

    private static void usage(PrintStream to) {
        to.println("usage: consilium audit-verify");
        to.println("checks the whole audit chain; exit 0 intact, 1 broken (prints the first broken sequence number),");
        to.println("69 database unreachable, 78 configuration error");
        to.println("environment: CONSILIUM_DB_URL, CONSILIUM_DB_USER (default postgres), CONSILIUM_DB_PASSWORD,");
        to.println("  CONSILIUM_AUDIT_SCHEMA (default audit), CONSILIUM_AUDIT_CHECKPOINT_KEY (base64) or CONSILIUM_AUDIT_CHECKPOINT_KEY_FILE");
    }
}
