package nl.consilium.app.conversation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.consilium.app.conversation.ConversationRecords.ConversationSummary;
import nl.consilium.app.conversation.ConversationRecords.Message;
import nl.consilium.app.conversation.ConversationRecords.Transcript;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversation history, encrypted at rest with AES-GCM: a key per conversation, wrapped by a data key per
 * user, wrapped by the key-encryption key. Only the owner can list, read or delete. Deleting destroys the key
 * material, so copies of the ciphertext (replicas, backups) become unreadable too once the key rows are gone.
 */
@Service
public class ConversationStore {

    private final JdbcClient jdbc;
    private final KeyEncryptionKey kek;
    private final Clock clock;

    public ConversationStore(JdbcClient jdbc, KeyEncryptionKey kek, Clock clock) {
        this.jdbc = jdbc;
        this.kek = kek;
        this.clock = clock;
    }

    /**
     * Starts a conversation. With a zero retention nothing is stored and an empty id is returned.
     */
    @Transactional
    public Optional<UUID> start(String userId, String applicationId, boolean patientContext, String title,
            Duration retention) {
        return start(userId, applicationId, Optional.empty(), title, retention);
    }

    /**
     * Starts a conversation, optionally about one patient (the patient reference is encrypted like the content).
     * With a zero retention nothing is stored and an empty id is returned.
     */
    @Transactional
    public Optional<UUID> start(String userId, String applicationId, Optional<String> patientId, String title,
            Duration retention) {
        if (retention.isZero() || retention.isNegative()) {
            return Optional.empty();
        }
        boolean patientContext = patientId.isPresent();
        byte[] userKey = userKey(userId);
        UUID id = UUID.randomUUID();
        byte[] conversationKey = Aead.newKey();
        Instant now = clock.instant();
        jdbc.sql("insert into consilium_app.conversation (id, user_id, application_id, patient_context, wrapped_key, "
                        + "title, patient_ref, created_at, updated_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, userId, applicationId, patientContext,
                        Aead.encrypt(userKey, conversationKey, aad("conversation-key", id)),
                        Aead.encrypt(conversationKey, title.getBytes(UTF_8), aad("title", id)),
                        patientId.map(p -> Aead.encrypt(conversationKey, p.getBytes(UTF_8), aad("patient", id)))
                                .orElse(null),
                        Timestamp.from(now), Timestamp.from(now), Timestamp.from(now.plus(retention)))
                .update();
        return Optional.of(id);
    }

    @Transactional
    public void append(String userId, UUID conversationId, String role, String content) {
        byte[] key = conversationKey(userId, conversationId);
        int seq = jdbc.sql("select coalesce(max(seq), 0) + 1 from consilium_app.conversation_message "
                        + "where conversation_id = ?")
                .param(conversationId).query(Integer.class).single();
        Instant now = clock.instant();
        jdbc.sql("insert into consilium_app.conversation_message (conversation_id, seq, role, content, created_at) "
                        + "values (?, ?, ?, ?, ?)")
                .params(conversationId, seq, role,
                        Aead.encrypt(key, content.getBytes(UTF_8), aad("message-" + seq, conversationId)),
                        Timestamp.from(now))
                .update();
        jdbc.sql("update consilium_app.conversation set updated_at = ? where id = ?")
                .params(Timestamp.from(now), conversationId).update();
    }

    @Transactional(readOnly = true)
    public List<ConversationSummary> list(String userId) {
        Optional<byte[]> userKey = existingUserKey(userId);
        if (userKey.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, application_id, patient_context, wrapped_key, title, created_at, updated_at, "
                        + "expires_at from consilium_app.conversation where user_id = ? order by updated_at desc")
                .param(userId)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    byte[] key = Aead.decrypt(userKey.get(), rs.getBytes("wrapped_key"), aad("conversation-key", id));
                    return summary(rs, id, key);
                })
                .list();
    }

    @Transactional(readOnly = true)
    public Transcript read(String userId, UUID conversationId) {
        byte[] userKey = existingUserKey(userId).orElseThrow(ConversationNotFoundException::new);
        ConversationSummary[] summary = new ConversationSummary[1];
        byte[][] key = new byte[1][];
        jdbc.sql("select id, application_id, patient_context, wrapped_key, title, created_at, updated_at, expires_at "
                        + "from consilium_app.conversation where user_id = ? and id = ?")
                .params(userId, conversationId)
                .query(rs -> {
                    key[0] = Aead.decrypt(userKey, rs.getBytes("wrapped_key"), aad("conversation-key", conversationId));
                    summary[0] = summary(rs, conversationId, key[0]);
                });
        if (summary[0] == null) {
            throw new ConversationNotFoundException();
        }
        List<Message> messages = jdbc.sql("select seq, role, content, created_at from consilium_app.conversation_message "
                        + "where conversation_id = ? order by seq")
                .param(conversationId)
                .query((rs, row) -> {
                    int seq = rs.getInt("seq");
                    String content = new String(Aead.decrypt(key[0], rs.getBytes("content"),
                            aad("message-" + seq, conversationId)), UTF_8);
                    return new Message(seq, rs.getString("role"), content, rs.getTimestamp("created_at").toInstant());
                })
                .list();
        return new Transcript(summary[0], messages);
    }

    /** What a later turn needs to continue a stored conversation: its application and patient. */
    public record Resumable(UUID id, String applicationId, Optional<String> patientId) {
    }

    @Transactional(readOnly = true)
    public Optional<Resumable> resume(String userId, UUID conversationId) {
        Optional<byte[]> userKey = existingUserKey(userId);
        if (userKey.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select application_id, wrapped_key, patient_ref from consilium_app.conversation "
                        + "where user_id = ? and id = ?")
                .params(userId, conversationId)
                .query((rs, row) -> {
                    byte[] key = Aead.decrypt(userKey.get(), rs.getBytes("wrapped_key"),
                            aad("conversation-key", conversationId));
                    byte[] patient = rs.getBytes("patient_ref");
                    return new Resumable(conversationId, rs.getString("application_id"), Optional.ofNullable(patient)
                            .map(p -> new String(Aead.decrypt(key, p, aad("patient", conversationId)), UTF_8)));
                })
                .optional();
    }

    /** Deletes one conversation and, with it, its key. */
    @Transactional
    public void delete(String userId, UUID conversationId) {
        int deleted = jdbc.sql("delete from consilium_app.conversation where user_id = ? and id = ?")
                .params(userId, conversationId).update();
        if (deleted == 0) {
            throw new ConversationNotFoundException();
        }
    }

    /** Deletes the user's whole history by destroying the user's data key; returns how many conversations went. */
    @Transactional
    public int deleteAll(String userId) {
        int conversations = jdbc.sql("select count(*) from consilium_app.conversation where user_id = ?")
                .param(userId).query(Integer.class).single();
        jdbc.sql("delete from consilium_app.user_data_key where user_id = ?").param(userId).update();
        return conversations;
    }

    /** Removes conversations past their retention; returns how many. */
    @Transactional
    public int purgeExpired() {
        return jdbc.sql("delete from consilium_app.conversation where expires_at < ?")
                .param(Timestamp.from(clock.instant())).update();
    }

    private ConversationSummary summary(java.sql.ResultSet rs, UUID id, byte[] conversationKey)
            throws java.sql.SQLException {
        String title = new String(Aead.decrypt(conversationKey, rs.getBytes("title"), aad("title", id)), UTF_8);
        Timestamp expires = rs.getTimestamp("expires_at");
        return new ConversationSummary(id, rs.getString("application_id"), title, rs.getBoolean("patient_context"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                expires == null ? null : expires.toInstant());
    }

    private byte[] conversationKey(String userId, UUID conversationId) {
        byte[] userKey = existingUserKey(userId).orElseThrow(ConversationNotFoundException::new);
        byte[] wrapped = jdbc.sql("select wrapped_key from consilium_app.conversation where user_id = ? and id = ?")
                .params(userId, conversationId).query(byte[].class).optional()
                .orElseThrow(ConversationNotFoundException::new);
        return Aead.decrypt(userKey, wrapped, aad("conversation-key", conversationId));
    }

    private byte[] userKey(String userId) {
        Optional<byte[]> existing = existingUserKey(userId);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] dataKey = Aead.newKey();
        jdbc.sql("insert into consilium_app.user_data_key (user_id, kek_id, wrapped_key) values (?, ?, ?) "
                        + "on conflict (user_id) do nothing")
                .params(userId, kek.id(), kek.wrap(dataKey, aad("user-key", userId)))
                .update();
        // Another instance may have won the race: always use what is stored.
        return existingUserKey(userId).orElseThrow();
    }

    private Optional<byte[]> existingUserKey(String userId) {
        return jdbc.sql("select wrapped_key from consilium_app.user_data_key where user_id = ?")
                .param(userId).query(byte[].class).optional()
                .map(wrapped -> kek.unwrap(wrapped, aad("user-key", userId)));
    }

    private static byte[] aad(String purpose, Object owner) {
        return (purpose + ":" + owner).getBytes(UTF_8);
    }
}
