package nl.consilium.policy.conditions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.consilium.policy.UseConditionsException;
import nl.consilium.policy.UseConditionsException.Violation;

/** Collects every problem in one file, so that IT sees them all in one start-up attempt. */
final class Violations {

    private final String file;
    private final List<Violation> list = new ArrayList<>();

    Violations(String file) {
        this.file = file;
    }

    void add(String keyPath, int line, String problem, String fix) {
        list.add(new Violation(file, keyPath, line, problem, fix));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int count() {
        return list.size();
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            // In file order, as IT reads the file; stable, so problems on one line keep their logical order.
            List<Violation> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparingInt(Violation::line));
            throw new UseConditionsException(sorted);
        }
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
