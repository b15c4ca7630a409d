package nl.consilium.ehr;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import nl.consilium.ehr.sandbox.DutchPatients;
import nl.consilium.ehr.sandbox.Gatekeeper;
import nl.consilium.ehr.sandbox.SandboxServer;
import nl.consilium.ehr.sandbox.SandboxStore;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A FHIR R4 EPD for the demo and the tests: Synthea patients plus hand-made Dutch patients, served
 * by a HAPI plain server. Start it in-process with {@link #start(int)}, or mount {@link #servlet()}
 * at {@code /fhir/*} in an existing servlet container (the Spring Boot app does that in the demo
 * profile). Run standalone with {@code infra/bin/sandbox-epd [port]}.
 */
public final class SandboxEpd implements AutoCloseable {

    /** Ids of the hand-made Dutch patients (see docs/ehr.md for what each one holds). */
    public static final String PATIENT_JOHANNA_VAN_DEN_BERG = DutchPatients.JOHANNA;
    public static final String PATIENT_PIETER_DE_JONG = DutchPatients.PIETER;
    public static final String PATIENT_SANNE_TER_HORST = DutchPatients.SANNE;
    /** Has a Patient resource and nothing else. */
    public static final String PATIENT_WITHOUT_DATA = DutchPatients.EMPTY;
    /** Thousands of laboratory observations. */
    public static final String PATIENT_WITH_THOUSANDS_OF_OBSERVATIONS = DutchPatients.BULK;

    /** A request as the sandbox received it. */
    public record Request(String method, String resourceType, String query) {
    }

    /** Faults the sandbox can be told to produce for the next requests. */
    public enum Fault { SERVER_ERROR, UNAVAILABLE, MALFORMED_BODY, SLOW }

    private final SandboxServer server;
    private Tomcat tomcat;
    private Path baseDir;
    private URI baseUrl;

    private SandboxEpd(SandboxStore store) {
        this.server = new SandboxServer(store);
    }

    /** The sandbox servlet without a container, to be mounted at /fhir/* by the caller. */
    public static SandboxEpd create() {
        return new SandboxEpd(SandboxStore.standard());
    }

    /** Starts an embedded Tomcat on 127.0.0.1; port 0 picks a free port. */
    public static SandboxEpd start(int port) {
        SandboxEpd epd = create();
        epd.listen(port);
        return epd;
    }

    private void listen(int port) {
        try {
            baseDir = Files.createTempDirectory("sandbox-epd");
            tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            Connector connector = new Connector();
            connector.setPort(port);
            connector.setProperty("address", "127.0.0.1");
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", baseDir.toString());
            Tomcat.addServlet(context, "fhir", server);
            context.addServletMappingDecoded("/fhir/*", "fhir");
            tomcat.start();
            baseUrl = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/fhir");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("cannot start the sandbox EPD on port " + port, e);
        }
    }

    /** The HAPI RestfulServer servlet itself. */
    public Servlet servlet() {
        return server;
    }

    /** FHIR base URL, e.g. http://127.0.0.1:43817/fhir (only after {@link #start(int)}). */
    public URI baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("the sandbox was created without a container; it is mounted by the caller");
        }
        return baseUrl;
    }

    /** Patient ids in the sandbox: the Synthea ones first, then the Dutch ones. */
    public static List<String> patientIds() {
        return SandboxStore.standard().patients().stream().map(p -> p.getIdPart()).toList();
    }

    /** The requests received so far, oldest first (the last 20 000). */
    public List<Request> requests() {
        return server.gatekeeper().seen().stream().map(s -> new Request(s.method(), s.resourceType(), s.query())).toList();
    }

    public void clearRequests() {
        server.gatekeeper().clearSeen();
    }

    /**
     * Requires a bearer token from now on: each known token maps to the resource types it covers.
     * Unknown or missing token: 401; type not covered: 403. Pass null to switch authentication off.
     */
    public void requireTokens(Map<String, Set<String>> tokenToResourceTypes) {
        server.gatekeeper().requireTokens(tokenToResourceTypes);
    }

    /** Makes the next {@code count} requests fail with the given fault (SLOW delays them by slowMillis). */
    public void injectFaults(Fault fault, int count, long slowMillis) {
        Gatekeeper.Fault kind = switch (fault) {
            case SERVER_ERROR -> Gatekeeper.Fault.SERVER_ERROR;
            case UNAVAILABLE -> Gatekeeper.Fault.UNAVAILABLE;
            case MALFORMED_BODY -> Gatekeeper.Fault.MALFORMED;
            case SLOW -> Gatekeeper.Fault.SLOW;
        };
        server.gatekeeper().injectFaults(kind, count, slowMillis);
    }

    @Override
    public void close() {
        if (tomcat != null) {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                throw new IllegalStateException("cannot stop the sandbox EPD", e);
            } finally {
                tomcat = null;
                deleteQuietly(baseDir);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }

    /** Standalone: {@code SandboxEpd [port]} (default 8090); stops on Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        SandboxEpd epd = start(port);
        System.out.println("Sandbox EPD at " + epd.baseUrl() + " with " + patientIds().size() + " patients");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            epd.close();
            stop.countDown();
        }));
        stop.await();
    }
}
