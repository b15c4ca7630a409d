package nl.consilium.app.saml;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import tools.jackson.databind.ObjectMapper;

/**
 * A real Keycloak (the server distribution from Maven Central) on loopback, as the hospital's SAML IdP.
 *
 * <p>The distribution is unpacked once per build directory and kept: Keycloak's first start "augments" itself
 * (about 90 s on two cores), later starts reuse that. Each run imports a realm with a fresh name, so the H2 data
 * of earlier runs (kept, because creating the schema costs half a minute) never gets in the way.
 */
final class KeycloakIdp implements AutoCloseable {

    static final String VERSION = "26.4.0";
    static final String PASSWORD = "Test-only-wachtwoord-1";

    /** Keycloak user, realm role, and the Consilium role it maps to. */
    record User(String username, String firstName, String realmRole) {
    }

    private final Process process;
    private final Path log;
    final int port;
    final String realm;

    private KeycloakIdp(Process process, Path log, int port, String realm) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.realm = realm;
    }

    String realmUrl() {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    String metadataUrl() {
        return realmUrl() + "/protocol/saml/descriptor";
    }

    /** Known before Keycloak runs, so Consilium can be configured while Keycloak starts. */
    static String metadataUrl(int port, String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm + "/protocol/saml/descriptor";
    }

    /** A realm name of its own per run: the H2 data of earlier runs is kept (import skips existing realms). */
    static String newRealmName() {
        return "ziekenhuis-" + Long.toString(System.currentTimeMillis(), 36);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts Keycloak with a realm holding the Consilium SAML client and the users, and waits until it serves. */
    static KeycloakIdp start(Path buildDirectory, int port, String realm, String spEntityId, String acsUrl, String spCertificateBase64,
            List<User> users, Duration timeout) throws IOException, InterruptedException {
        Path home = unpack(buildDirectory.resolve("keycloak"));
        Path importDir = home.resolve("data").resolve("import");
        Files.createDirectories(importDir);
        try (var old = Files.list(importDir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(importDir.resolve(realm + ".json"),
                new ObjectMapper().writeValueAsString(realm(realm, spEntityId, acsUrl, spCertificateBase64, users)));
        Path log = buildDirectory.resolve("keycloak-" + realm + ".log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        Process process = builder.start();
        // Whatever happens to the test (a failed start of Consilium, a killed run), Keycloak does not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }));
        KeycloakIdp idp = new KeycloakIdp(process, log, port, realm);
        idp.awaitReady(timeout);
        return idp;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak stopped during start-up; see " + log + ":\n" + tail());
                }
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(metadataUrl()))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("IDPSSODescriptor")) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(1000);
            }
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "; see " + log + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toSeconds(20),
                    java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> realm(String name, String spEntityId, String acsUrl, String certificate,
            List<User> users) {
        List<Map<String, Object>> userList = users.stream().map(u -> Map.<String, Object>of(
                "username", u.username(), "enabled", true, "email", u.username() + "@ziekenhuis.test",
                "emailVerified", true, "firstName", u.firstName(), "lastName", "Test",
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)),
                "realmRoles", List.of(u.realmRole()))).toList();
        List<Map<String, Object>> roles = users.stream().map(User::realmRole).distinct()
                .map(r -> Map.<String, Object>of("name", r)).toList();
        Map<String, Object> client = Map.of(
                "clientId", spEntityId,
                "protocol", "saml",
                "enabled", true,
                "redirectUris", List.of(acsUrl),
                "fullScopeAllowed", true,
                "attributes", Map.ofEntries(
                        Map.entry("saml.assertion.signature", "true"),
                        Map.entry("saml.server.signature", "true"),
                        Map.entry("saml.client.signature", "true"),
                        Map.entry("saml.signing.certificate", certificate),
                        Map.entry("saml.signature.algorithm", "RSA_SHA256"),
                        Map.entry("saml_signature_canonicalization_method",
                                "http://www.w3.org/2001/10/xml-exc-c14n#"),
                        Map.entry("saml_assertion_consumer_url_post", acsUrl),
                        Map.entry("saml.force.post.binding", "true"),
                        Map.entry("saml.authnstatement", "true"),
                        Map.entry("saml_force_name_id_format", "true"),
                        Map.entry("saml_name_id_format", "username"),
                        Map.entry("saml.encrypt", "false"),
                        // Single logout: Keycloak sends its LogoutRequests/Responses to Consilium's SLO endpoint.
                        Map.entry("saml_single_logout_service_url_redirect",
                                acsUrl.replace("/login/saml2/sso/consilium", "/logout/saml2/slo"))),
                "frontchannelLogout", true,
                "protocolMappers", List.of(Map.of(
                        "name", "consilium-roles",
                        "protocol", "saml",
                        "protocolMapper", "saml-role-list-mapper",
                        "consentRequired", false,
                        "config", Map.of("single", "true", "attribute.nameformat", "Basic",
                                "attribute.name", "Role", "friendly.name", "Role")),
                        // The name for Consilium's header. The test realm keeps the full display name in the user's
                        // firstName property (a built-in property needs no user-profile configuration; Keycloak's
                        // person-name validator refuses characters such as parentheses there); a hospital maps its
                        // directory's displayName (e.g. an LDAP/AD attribute) the same way.
                        Map.of(
                        "name", "consilium-display-name",
                        "protocol", "saml",
                        "protocolMapper", "saml-user-property-mapper",
                        "consentRequired", false,
                        "config", Map.of("user.attribute", "firstName", "attribute.nameformat", "Basic",
                                "attribute.name", "displayName", "friendly.name", "displayName"))));
        return Map.of("realm", name, "enabled", true, "sslRequired", "none",
                "roles", Map.of("realm", roles), "users", userList, "clients", List.of(client));
    }

    static String base64(java.security.cert.X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The distribution zip from the local Maven repository, unpacked once (the test's pom dependency puts it there). */
    private static Path unpack(Path into) throws IOException {
        Path home = into.resolve("keycloak-" + VERSION);
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = distribution();
        Path partial = into.resolve("unpacking-" + ProcessHandle.current().pid());
        Files.createDirectories(partial);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (String script : List.of("kc.sh", "kcadm.sh", "kcreg.sh")) {
            Path file = partial.resolve("keycloak-" + VERSION + "/bin/" + script);
            if (Files.exists(file)) {
                file.toFile().setExecutable(true);
            }
        }
        Files.move(partial.resolve("keycloak-" + VERSION), home, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(partial);
        return home;
    }

    private static Path distribution() {
        String repository = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path zip = Path.of(repository, "org/keycloak/keycloak-quarkus-dist", VERSION,
                "keycloak-quarkus-dist-" + VERSION + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("the Keycloak distribution is not in the local Maven repository: " + zip
                    + " (mvn dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip)");
        }
        return zip;
    }

}
