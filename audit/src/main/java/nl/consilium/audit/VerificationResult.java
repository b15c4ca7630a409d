package nl.consilium.audit;

import java.time.Duration;

/** Outcome of checking the whole chain. */
public sealed interface VerificationResult {

    /** Events checked. */
    long eventsChecked();

    /**
     * Every record links to its predecessor, every stored hash matches the recomputed one, the
     * sequence has no gaps and every signed checkpoint and purge anchor matches.
     *
     * @param firstSeq           first sequence number present (1, or the one after the last purge)
     * @param lastSeq            last sequence number (0 for an empty log)
     * @param checkpoints        signed checkpoints checked
     * @param lastCheckpointSeq  newest checkpointed seq; events after it are protected by the chain
     *                           only, not yet by a signature
     */
    record Intact(long eventsChecked, long firstSeq, long lastSeq, int checkpoints, long lastCheckpointSeq,
                  Duration took) implements VerificationResult {
    }

    /** The first broken sequence number and why. */
    record Broken(long firstBrokenSeq, String reason, long eventsChecked, Duration took) implements VerificationResult {
    }
}
