package nl.consilium.rag.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.consilium.rag.Language;
import nl.consilium.rag.store.postgres.Bm25Postings.Term;
import org.junit.jupiter.api.Test;

class Bm25BudgetTest {

    private static Term term(Language language, String lexeme, long df) {
        return new Term(language, lexeme, df, 1.0, 10.0);
    }

    @Test
    void keepsEveryTermWhileThePostingsFitTheBudget() {
        List<Term> terms = List.of(term(Language.NL, "koort", 900), term(Language.NL, "kind", 50), term(Language.EN, "fever", 10));
        Bm25Postings.Split split = Bm25Postings.withinBudget(terms, 1_000);
        assertThat(split.scanned()).extracting(Term::lexeme).containsExactly("fever", "kind", "koort");
        assertThat(split.lookedUp()).isEmpty();
    }

    @Test
    void scansTheRarestWordsAndLooksUpTheMostCommonButKeepsTheTwoRarestOfEachLanguage() {
        List<Term> terms = List.of(
                term(Language.NL, "patient", 40_000), term(Language.NL, "dosis", 30_000), term(Language.NL, "amoxicillin", 200),
                term(Language.NL, "behandel", 35_000), term(Language.EN, "patient", 50_000), term(Language.EN, "the", 90_000));
        // NL: amoxicillin and dosis always; behandel would take the total over 60,000; patient likewise.
        // EN: the two rarest are kept whatever they cost.
        Bm25Postings.Split split = Bm25Postings.withinBudget(terms, 60_000);
        assertThat(split.scanned()).extracting(t -> t.language().code() + ":" + t.lexeme())
                .containsExactly("nl:amoxicillin", "nl:dosis", "en:patient", "en:the");
        // The words left out of the scan still count for the best candidates.
        assertThat(split.lookedUp()).extracting(t -> t.language().code() + ":" + t.lexeme())
                .containsExactly("nl:behandel", "nl:patient");
    }
}
