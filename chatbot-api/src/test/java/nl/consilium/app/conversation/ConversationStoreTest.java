package nl.consilium.app.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import nl.consilium.app.support.DemoAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@DemoAppTest
class ConversationStoreTest {


    @Autowired
    ConversationStore store;

    @Autowired
    JdbcClient jdbc;

    private static String user() {
        return "user-" + UUID.randomUUID();
    }

    @Test
    void contentIsEncryptedAtRestAndReadableByItsOwner() {
        String user = user();
        UUID id = store.start(user, "brief", true, "Brief voor mevrouw Jansen", Duration.ofDays(30)).orElseThrow();
        store.append(user, id, "user", "Schrijf een brief over mevrouw Jansen, BSN 111222333");
        store.append(user, id, "assistant", "Geachte collega, mevrouw Jansen ...");

        var transcript = store.read(user, id);
        assertThat(transcript.conversation().title()).isEqualTo("Brief voor mevrouw Jansen");
        assertThat(transcript.messages()).extracting(m -> m.role()).containsExactly("user", "assistant");
        assertThat(transcript.messages().getFirst().content()).contains("111222333");

        List<byte[]> stored = jdbc.sql("select content from consilium_app.conversation_message where conversation_id = ?")
                .param(id).query(byte[].class).list();
        assertThat(stored).hasSize(2).allSatisfy(bytes ->
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("Jansen").doesNotContain("111222333"));
        byte[] title = jdbc.sql("select title from consilium_app.conversation where id = ?").param(id)
                .query(byte[].class).single();
        assertThat(new String(title, StandardCharsets.ISO_8859_1)).doesNotContain("Jansen");
    }

    @Test
    void anotherUserCannotReadOrDeleteTheConversation() {
        String owner = user();
        UUID id = store.start(owner, "richtlijnen", false, "CAP", Duration.ofDays(1)).orElseThrow();

        String other = user();
        store.start(other, "richtlijnen", false, "own", Duration.ofDays(1));
        assertThatThrownBy(() -> store.read(other, id)).isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> store.delete(other, id)).isInstanceOf(ConversationNotFoundException.class);
        assertThat(store.list(other)).extracting(c -> c.id()).doesNotContain(id);
        assertThat(store.read(owner, id).conversation().id()).isEqualTo(id);
    }

    @Test
    void ciphertextMovedToAnotherConversationDoesNotDecrypt() {
        String user = user();
        UUID first = store.start(user, "richtlijnen", false, "een", Duration.ofDays(1)).orElseThrow();
        UUID second = store.start(user, "richtlijnen", false, "twee", Duration.ofDays(1)).orElseThrow();
        store.append(user, first, "user", "vraag een");
        store.append(user, second, "user", "vraag twee");

        // An attacker with database access swaps ciphertexts between conversations.
        byte[] fromFirst = jdbc.sql("select content from consilium_app.conversation_message where conversation_id = ?")
                .param(first).query(byte[].class).single();
        jdbc.sql("update consilium_app.conversation_message set content = ? where conversation_id = ?")
                .params(fromFirst, second).update();

        assertThatThrownBy(() -> store.read(user, second)).hasMessageContaining("decryption failed");
    }

    @Test
    void deletingAllHistoryDestroysTheUsersKey() {
        String user = user();
        UUID id = store.start(user, "richtlijnen", false, "t", Duration.ofDays(1)).orElseThrow();
        store.append(user, id, "user", "vraag");

        assertThat(store.deleteAll(user)).isEqualTo(1);

        assertThat(jdbc.sql("select count(*) from consilium_app.user_data_key where user_id = ?").param(user)
                .query(Long.class).single()).isZero();
        assertThat(store.list(user)).isEmpty();
        assertThatThrownBy(() -> store.read(user, id)).isInstanceOf(ConversationNotFoundException.class);
    }

    @Test
    void deletingOneConversationLeavesTheOthers() {
        String user = user();
        UUID gone = store.start(user, "richtlijnen", false, "weg", Duration.ofDays(1)).orElseThrow();
        UUID kept = store.start(user, "richtlijnen", false, "blijft", Duration.ofDays(1)).orElseThrow();

        store.delete(user, gone);

        assertThat(store.list(user)).extracting(c -> c.id()).containsExactly(kept);
    }

    @Test
    void zeroRetentionStoresNothingAndExpiredConversationsArePurged() {
        String user = user();
        assertThat(store.start(user, "folder-vertalen", false, "t", Duration.ZERO)).isEmpty();

        UUID expiring = store.start(user, "richtlijnen", false, "kort", Duration.ofMillis(1)).orElseThrow();
        jdbc.sql("update consilium_app.conversation set expires_at = now() - interval '1 minute' where id = ?")
                .param(expiring).update();

        assertThat(store.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(store.list(user)).isEmpty();
    }
}
