package nl.consilium.app.security.saml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;

/** Consilium's SAML signing key and certificate, from a PKCS#12 keystore that hospital IT provisions. */
public record SigningCredential(PrivateKey privateKey, X509Certificate certificate) {

    @Override
    public String toString() {
        return "SigningCredential[" + certificate.getSubjectX500Principal() + "]";
    }

    public static SigningCredential load(SamlProperties.Signing signing) {
        if (signing == null || signing.keystore() == null || signing.keystore().isBlank()) {
            throw new IllegalStateException("consilium.saml.signing.keystore is not set: Consilium signs its "
                    + "authentication requests with a key from a PKCS#12 keystore (docs/saml.md)");
        }
        if (signing.password() == null) {
            throw new IllegalStateException("consilium.saml.signing.password is not set");
        }
        Path path = Path.of(signing.keystore());
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, signing.password().toCharArray());
            String alias = signing.alias();
            if (alias == null || alias.isBlank()) {
                var keyAliases = Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).toList();
                if (keyAliases.size() != 1) {
                    throw new IllegalStateException("the SAML keystore " + path + " holds " + keyAliases.size()
                            + " keys " + keyAliases + "; set consilium.saml.signing.alias");
                }
                alias = keyAliases.getFirst();
            }
            char[] keyPassword = (signing.keyPassword() == null ? signing.password() : signing.keyPassword())
                    .toCharArray();
            if (!(store.getKey(alias, keyPassword) instanceof PrivateKey key)) {
                throw new IllegalStateException("the SAML keystore " + path + " has no private key '" + alias + "'");
            }
            if (!(store.getCertificate(alias) instanceof X509Certificate certificate)) {
                throw new IllegalStateException("the SAML keystore " + path + " has no certificate for '" + alias
                        + "'");
            }
            return new SigningCredential(key, certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the SAML signing key from " + path + ": " + e.getMessage(),
                    e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
