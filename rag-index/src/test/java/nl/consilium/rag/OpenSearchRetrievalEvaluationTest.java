package nl.consilium.rag;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/** {@link RetrievalEvaluationContract} on OpenSearch (the shared in-process test node). */
class OpenSearchRetrievalEvaluationTest extends RetrievalEvaluationContract {

    private static final String PREFIX = "eval-test-" + ProcessHandle.current().pid();

    @Override
    protected EvaluationReport run(Path dir, SearchMode mode) {
        return RetrievalEvaluation.runOpenSearch(dir, new OpenSearchConnection(List.of(OpenSearchTestNode.url()), null, null, PREFIX),
                SharedModel.bundled(), mode, KnowledgeBaseSettings.defaults());
    }

    @Override
    protected int leftOvers() throws Exception {
        // _cat/indices lists one line per index; this JVM's evaluations must all be gone.
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                OpenSearchTestNode.url().resolve(URI.create("/_cat/indices/" + PREFIX + "-*?h=index"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return (int) r.body().lines().filter(l -> !l.isBlank()).count();
    }

    @Override
    protected String engine() {
        return "opensearch";
    }
}
