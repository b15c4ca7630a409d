package nl.consilium.app.conversation;

/**
 * The key-encryption key that wraps every user's data key. The demo keeps it in a PKCS#12 keystore file; a
 * hospital plugs in its KMS or HSM by providing a bean of this type. Implementations never expose the key.
 */
public interface KeyEncryptionKey {

    /** Identifies the key, so a rotated KEK can be told apart in stored wrapped keys. */
    String id();

    byte[] wrap(byte[] dataKey, byte[] associatedData);

    byte[] unwrap(byte[] wrappedKey, byte[] associatedData);
}
