package nl.consilium.app.conversation;

import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration
@EnableScheduling
public class ConversationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConversationConfiguration.class);

    /**
     * @param keystore         PKCS#12 file holding the key-encryption key
     * @param keystorePassword its password (from the environment, never in the repository)
     * @param keyAlias         alias of the secret key in it
     * @param createKeystore   generate the keystore when missing: demo only; a hospital provisions it
     */
    @ConfigurationProperties("consilium.conversations")
    public record ConversationProperties(String keystore, String keystorePassword, String keyAlias,
            boolean createKeystore) {
        public ConversationProperties {
            keyAlias = keyAlias == null || keyAlias.isBlank() ? "consilium-kek" : keyAlias;
        }
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean(KeyEncryptionKey.class)
    KeyEncryptionKey keystoreKeyEncryptionKey(ConversationProperties properties) {
        if (properties.keystore() == null || properties.keystore().isBlank()
                || properties.keystorePassword() == null || properties.keystorePassword().isEmpty()) {
            throw new IllegalStateException("The key-encryption keystore is not configured: set "
                    + "CONSILIUM_KEK_KEYSTORE and CONSILIUM_KEK_PASSWORD (or provide a KMS-backed KeyEncryptionKey)");
        }
        return KeystoreKeyEncryptionKey.open(Path.of(properties.keystore()),
                properties.keystorePassword().toCharArray(), properties.keyAlias(), properties.createKeystore());
    }

    @Bean
    RetentionJob conversationRetentionJob(ConversationStore store) {
        return new RetentionJob(store);
    }

    /** Enforces each application's conversation retention: expired conversations go, with their keys. */
    public static class RetentionJob {
        private final ConversationStore store;

        RetentionJob(ConversationStore store) {
            this.store = store;
        }

        @Scheduled(fixedDelayString = "${consilium.conversations.retention-check:PT15M}", initialDelay = 60_000)
        public void purge() {
            int purged = store.purgeExpired();
            if (purged > 0) {
                log.info("Retention: {} expired conversations deleted", purged);
            }
        }
    }
}
