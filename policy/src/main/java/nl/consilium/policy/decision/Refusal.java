package nl.consilium.policy.decision;

import nl.consilium.policy.LocalizedText;

/** One refusal rule that fired, with the texts the user will read if it is the deciding one. */
record Refusal(String ruleId, LocalizedText reason, LocalizedText allowedInstead) {
}
