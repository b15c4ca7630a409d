package nl.consilium.policy.phi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import nl.consilium.policy.PhiSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The annotated sets are data others rely on: offsets must be right before any score means anything. */
class DataSetTest {

    @ParameterizedTest
    @ValueSource(strings = {GoldSet.DEV, GoldSet.HELDOUT, GoldSet.HELDOUT2, GoldSet.HELDOUT3})
    void spansLieInsideTheTextOnWordBoundariesAndDoNotOverlap(String name) {
        GoldSet set = GoldSet.load(name);
        Set<String> ids = new HashSet<>();
        for (GoldSet.Note note : set.notes()) {
            assertThat(ids.add(note.id())).as("unique id %s", note.id()).isTrue();
            assertThat(note.lang()).isIn("nl", "en");
            assertThat(note.text()).isNotBlank();
            List<PhiSpan> spans = new ArrayList<>(note.spans());
            spans.sort(Comparator.comparingInt(PhiSpan::start));
            PhiSpan previous = null;
            for (PhiSpan s : spans) {
                assertThat(s.end()).as("%s span end inside text", note.id()).isLessThanOrEqualTo(note.text().length());
                String covered = note.text().substring(s.start(), s.end());
                assertThat(covered).as("%s span has no outer whitespace", note.id()).isEqualTo(covered.strip());
                assertThat(s.start() == 0 || !Character.isLetterOrDigit(note.text().charAt(s.start() - 1)))
                        .as("%s span '%s' starts on a boundary", note.id(), covered).isTrue();
                assertThat(s.end() == note.text().length() || !Character.isLetterOrDigit(note.text().charAt(s.end())))
                        .as("%s span '%s' ends on a boundary", note.id(), covered).isTrue();
                if (previous != null) {
                    assertThat(previous.overlaps(s)).as("%s spans overlap", note.id()).isFalse();
                }
                previous = s;
            }
        }
    }

    @Test
    void setsAreLargeEnoughAndHeldOutIsSeparate() {
        GoldSet dev = GoldSet.load(GoldSet.DEV);
        GoldSet h1 = GoldSet.load(GoldSet.HELDOUT);
        GoldSet h2 = GoldSet.load(GoldSet.HELDOUT2);
        GoldSet h3 = GoldSet.load(GoldSet.HELDOUT3);
        assertThat(dev.notes().size() + h1.notes().size() + h2.notes().size() + h3.notes().size()).isGreaterThanOrEqualTo(150);
        assertThat(h1.notes().size()).isGreaterThanOrEqualTo(60);
        Set<String> devTexts = new HashSet<>();
        dev.notes().forEach(n -> devTexts.add(n.text()));
        h1.notes().forEach(n -> assertThat(devTexts).doesNotContain(n.text()));
        h2.notes().forEach(n -> assertThat(devTexts).doesNotContain(n.text()));
        h3.notes().forEach(n -> assertThat(devTexts).doesNotContain(n.text()));
        assertThat(h1.notes().stream().filter(n -> n.lang().equals("en")).count()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void cdsSetsAreLabelledBothWaysInBothLanguages() {
        List<GoldSet.Request> dev = GoldSet.requests(GoldSet.CDS_DEV);
        List<GoldSet.Request> held = GoldSet.requests(GoldSet.CDS_HELDOUT);
        assertThat(dev.size() + held.size()).isGreaterThanOrEqualTo(150);
        assertThat(held.size()).isGreaterThanOrEqualTo(50);
        for (List<GoldSet.Request> set : List.of(dev, held)) {
            assertThat(set).anyMatch(GoldSet.Request::cds).anyMatch(r -> !r.cds());
            assertThat(set).anyMatch(r -> r.lang().equals("en")).anyMatch(r -> r.lang().equals("nl"));
        }
    }
}
