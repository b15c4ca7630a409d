package nl.consilium.archfixture.consumer;

import nl.consilium.archfixture.policy.internal.InternalRule;

/** Deliberately reaches past the fixture module's API package. Test fixture only. */
public class UsesInternalClass {
    public boolean check() {
        return InternalRule.fires();
    }
}
