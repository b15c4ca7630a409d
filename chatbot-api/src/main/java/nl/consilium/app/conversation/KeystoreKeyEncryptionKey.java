package nl.consilium.app.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The KEK in a PKCS#12 keystore file. When the file does not exist and creation is allowed (demo), a new key
 * is generated and written with owner-only permissions; in a hospital deployment the file is provisioned by IT
 * and a missing file stops start-up.
 */
public final class KeystoreKeyEncryptionKey implements KeyEncryptionKey {

    private final String alias;
    private final SecretKey key;

    private KeystoreKeyEncryptionKey(String alias, SecretKey key) {
        this.alias = alias;
        this.key = key;
    }

    public static KeystoreKeyEncryptionKey open(Path file, char[] password, String alias, boolean createIfMissing) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
                if (!(store.getKey(alias, password) instanceof SecretKey secret)) {
                    throw new IllegalStateException("keystore " + file + " has no secret key '" + alias + "'");
                }
                return new KeystoreKeyEncryptionKey(alias, secret);
            }
            if (!createIfMissing) {
                throw new IllegalStateException("key-encryption keystore " + file + " does not exist");
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey secret = generator.generateKey();
            store.load(null, password);
            store.setEntry(alias, new KeyStore.SecretKeyEntry(secret), new KeyStore.PasswordProtection(password));
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Non-POSIX file systems keep their default ACLs.
            }
            return new KeystoreKeyEncryptionKey(alias, secret);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the key-encryption keystore " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return "pkcs12:" + alias;
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] associatedData) {
        return Aead.encrypt(key, dataKey, associatedData);
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey, byte[] associatedData) {
        return Aead.decrypt(key, wrappedKey, associatedData);
    }
}
