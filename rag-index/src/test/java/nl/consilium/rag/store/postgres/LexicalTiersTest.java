package nl.consilium.rag.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalTiersTest {

    @Test
    void buildsAnyOfAndTwoOfQueriesWithQuotedLexemes() {
        assertThat(PostgresKnowledgeStore.atLeast(List.of("amoxicilin", "dosis", "kind"), 1))
                .isEqualTo("'amoxicilin' | 'dosis' | 'kind'");
        assertThat(PostgresKnowledgeStore.atLeast(List.of("amoxicilin", "dosis", "kind"), 2))
                .isEqualTo("('amoxicilin' & 'dosis') | ('amoxicilin' & 'kind') | ('dosis' & 'kind')");
        assertThat(PostgresKnowledgeStore.atLeast(List.of("o'brien"), 1)).isEqualTo("'o''brien'");
        assertThat(PostgresKnowledgeStore.atLeast(List.of("een"), 2)).isEmpty();
        assertThat(PostgresKnowledgeStore.atLeast(List.of(), 1)).isEmpty();
    }
}
