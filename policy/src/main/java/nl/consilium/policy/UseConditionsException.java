package nl.consilium.policy;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The use-conditions file cannot be used. Holds every violation found, not just the first, so IT can
 * fix the file in one go. The application must refuse to start with it.
 */
public final class UseConditionsException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * One problem in the file.
     *
     * @param file    the file as given to the loader
     * @param keyPath path to the offending key, e.g. {@code applications[2].clinical_decision_support.mdr_basis};
     *                empty for a problem with the file as a whole
     * @param line    1-based line in the file, or 0 when not known (e.g. a missing key: the line of its parent)
     * @param problem what is wrong
     * @param fix     what to change
     */
    public record Violation(String file, String keyPath, int line, String problem, String fix) implements Serializable {
        public Violation {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(keyPath, "keyPath");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(fix, "fix");
        }

        /** {@code file:line: key.path: problem. Fix: ...} */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
            if (!keyPath.isEmpty()) {
                sb.append(keyPath).append(": ");
            }
            return sb.append(problem).append(". Fix: ").append(fix).toString();
        }
    }

    @SuppressWarnings("serial") // always an immutable List.copyOf of serializable records
    private final List<Violation> violations;

    public UseConditionsException(List<Violation> violations) {
        super(null, null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a UseConditionsException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder("Invalid use-conditions file ")
                .append(violations.getFirst().file())
                .append(": ")
                .append(violations.size())
                .append(violations.size() == 1 ? " problem" : " problems");
        for (Violation v : violations) {
            sb.append(System.lineSeparator()).append("  - ").append(v);
        }
        return sb.toString();
    }
}
