package nl.consilium.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.http.HttpServerTransport;

/**
 * A temporary single OpenSearch node with the k-NN plugin, in this process, for
 * {@code eval-retrieval --engine opensearch} when no cluster is configured: data in a temp
 * directory (deleted on close), HTTP on loopback on a free port.
 */
final class EmbeddedOpenSearch implements AutoCloseable {

    private final OpenSearchRunner runner;
    private final URI url;

    private EmbeddedOpenSearch(OpenSearchRunner runner, URI url) {
        this.runner = runner;
        this.url = url;
    }

    static EmbeddedOpenSearch start() throws IOException {
        // The node logs through log4j-core; a bridge elsewhere on the classpath must not capture it (DESIGN.md).
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.core.impl.Log4jContextFactory");
        Path dir = Files.createTempDirectory("consilium-opensearch");
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1"); // loopback only
            settings.put("http.port", "0");            // any free port; read back below
            settings.put("transport.port", "0");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        });
        // The runner prints its settings on standard output, which carries this command's JSON line.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            runner.build(OpenSearchRunner.newConfigs().basePath(dir.toString()).numOfNode(1)
                    .clusterName("consilium-eval-" + ProcessHandle.current().pid()).disableESLogger()
                    .pluginTypes("org.opensearch.knn.plugin.KNNPlugin"));
            runner.ensureYellow();
        } catch (RuntimeException | Error e) {
            // A node that failed to start must not leave its data directory behind.
            runner.close();
            runner.clean();
            throw e;
        } finally {
            System.setOut(stdout);
        }
        int port = runner.node().injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        return new EmbeddedOpenSearch(runner, URI.create("http://127.0.0.1:" + port));
    }

    URI url() {
        return url;
    }

    @Override
    public void close() throws IOException {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            runner.close();
            runner.clean();
        } finally {
            System.setOut(stdout);
        }
    }
}
