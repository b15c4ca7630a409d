package nl.consilium.archfixture.policy.internal;

/** An internal class of the fixture module. Test fixture only. */
public class InternalRule {
    public static boolean fires() {
        return true;
    }
}
