package nl.consilium.ehr;

/**
 * Bounds on a patient context, so that neither memory nor the prompt grows with the size of the
 * record: a patient with ten thousand observations yields a context no bigger than one with ten.
 *
 * @param maxFactsPerSection  facts kept per section (most relevant first)
 * @param maxCharacters       size of the rendered context text
 * @param maxResourcesPerType matches read per resource type (the rest is not fetched)
 * @param maxObservations     newest laboratory results, and separately newest vital signs, read in the window;
 *                            older ones add little to "recent labs with trends" and cost time
 * @param maxPagesPerSearch   pages followed per search
 * @param maxNoteCharacters   excerpt length of one clinical note
 * @param trendPointsPerLab   recent values kept per lab code for its trend
 */
public record ContextLimits(int maxFactsPerSection, int maxCharacters, int maxResourcesPerType, int maxObservations,
                            int maxPagesPerSearch, int maxNoteCharacters, int trendPointsPerLab) {

    public ContextLimits {
        positive("maxFactsPerSection", maxFactsPerSection);
        positive("maxCharacters", maxCharacters);
        positive("maxResourcesPerType", maxResourcesPerType);
        positive("maxObservations", maxObservations);
        positive("maxPagesPerSearch", maxPagesPerSearch);
        positive("maxNoteCharacters", maxNoteCharacters);
        positive("trendPointsPerLab", trendPointsPerLab);
    }

    /**
     * 15 facts per section, 8 000 characters (about 2 000 tokens), 2 000 resources per type, the newest
     * 200 lab results (about a year of a chronic patient's labs), the newest vital signs, 20 pages per search, 600-character note excerpts,
     * 12 points per lab trend.
     */
    public static ContextLimits defaults() {
        return new ContextLimits(15, 8_000, 2_000, 200, 20, 600, 12);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
