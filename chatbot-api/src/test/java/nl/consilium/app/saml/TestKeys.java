package nl.consilium.app.saml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real RSA key pair and self-signed certificate in a PKCS#12 file, made with the JDK's keytool (the JDK has no
 * public API for certificates, and the test should use the same keystore format hospital IT provides).
 */
record TestKeys(Path keystore, String password, PrivateKey privateKey, X509Certificate certificate) {

    static TestKeys generate(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            Path keystore = directory.resolve(name + ".p12");
            Files.deleteIfExists(keystore);
            String password = "test-only-" + name;
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-keyalg", "RSA", "-keysize",
                    "2048", "-sigalg", "SHA256withRSA", "-validity", "30", "-alias", name, "-dname", "CN=" + name,
                    "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password,
                    "-keypass", password)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password.toCharArray());
            }
            return new TestKeys(keystore, password, (PrivateKey) store.getKey(name, password.toCharArray()),
                    (X509Certificate) store.getCertificate(name));
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
