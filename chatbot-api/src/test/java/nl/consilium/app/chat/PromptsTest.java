package nl.consilium.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptsTest {

    static Source source(String title, String headingPath) {
        return new Source(1, "d", 1, "demo-richtlijnen", title, headingPath, "1.0", "", "tekst");
    }

    @Test
    void theTitleIsNotRepeatedWhenTheHeadingPathStartsWithIt() {
        assertThat(Prompts.label(source("Hyperkaliëmie", "Hyperkaliëmie > Indeling"))).isEqualTo("Hyperkaliëmie > Indeling");
        assertThat(Prompts.label(source("Hyperkaliëmie", "Indeling"))).isEqualTo("Hyperkaliëmie > Indeling");
        assertThat(Prompts.label(source("Hyperkaliëmie", ""))).isEqualTo("Hyperkaliëmie");
    }
}
