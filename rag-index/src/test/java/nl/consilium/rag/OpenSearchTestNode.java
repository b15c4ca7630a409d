package nl.consilium.rag;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.http.HttpServerTransport;

/**
 * One real OpenSearch node (with the k-NN plugin) per test JVM: started on first use in a temp
 * directory, bound to loopback on a free port, stopped and deleted by a shutdown hook. Tests get
 * their own index prefix, so classes never see each other's data.
 */
final class OpenSearchTestNode {

    private static URI url;

    private OpenSearchTestNode() {
    }

    static synchronized URI url() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    /** A connection to the shared node with a fresh index prefix. */
    static OpenSearchConnection freshConnection(String prefix) {
        return new OpenSearchConnection(List.of(url()), null, null,
                prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }

    private static URI start() {
        // The node logs through log4j-core; a bridge elsewhere on the classpath must not capture it (DESIGN.md).
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.core.impl.Log4jContextFactory");
        try {
            Path dir = Files.createTempDirectory("consilium-opensearch-test");
            OpenSearchRunner runner = new OpenSearchRunner();
            runner.onBuild((number, settings) -> {
                settings.put("network.host", "127.0.0.1"); // loopback only
                settings.put("http.port", "0");            // any free port; read back below
                settings.put("transport.port", "0");
                settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            });
            try {
                runner.build(OpenSearchRunner.newConfigs().basePath(dir.toString()).numOfNode(1)
                        .clusterName("consilium-test-" + ProcessHandle.current().pid()).disableESLogger()
                        .pluginTypes("org.opensearch.knn.plugin.KNNPlugin"));
                runner.ensureYellow();
            } catch (RuntimeException | Error e) {
                // A node that failed to start must not leave its data directory behind.
                runner.close();
                runner.clean();
                throw e;
            }
            int port = runner.node().injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    runner.close();
                } catch (IOException e) {
                    // JVM exit: nothing more to do
                }
                runner.clean();
            }, "opensearch-test-node-stop"));
            return URI.create("http://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the in-process OpenSearch node", e);
        }
    }
}
