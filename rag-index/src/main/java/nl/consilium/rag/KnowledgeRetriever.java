package nl.consilium.rag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;

/**
 * Spring AI {@link DocumentRetriever} over the knowledge base: hybrid search, approved documents of
 * the application's allowed sources only. Each {@link Document} carries the citation fields as
 * metadata (keys in {@link RetrievedPassage}) and the exact passage as its text.
 */
public final class KnowledgeRetriever implements DocumentRetriever {

    private final KnowledgeBase knowledgeBase;
    private final Set<String> allowedSources;
    private final int topK;

    KnowledgeRetriever(KnowledgeBase knowledgeBase, Set<String> allowedSources, int topK) {
        this.knowledgeBase = knowledgeBase;
        this.allowedSources = Set.copyOf(allowedSources);
        this.topK = topK;
    }

    @Override
    public List<Document> retrieve(Query query) {
        return knowledgeBase.search(SearchRequest.hybrid(query.text(), topK, allowedSources)).stream()
                .map(KnowledgeRetriever::toDocument)
                .toList();
    }

    static Document toDocument(RetrievedPassage p) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(RetrievedPassage.META_DOCUMENT_ID, p.documentId().toString());
        metadata.put(RetrievedPassage.META_CHUNK_ID, p.chunkId());
        metadata.put(RetrievedPassage.META_SOURCE_ID, p.sourceId());
        metadata.put(RetrievedPassage.META_TITLE, p.title());
        metadata.put(RetrievedPassage.META_HEADING_PATH, p.headingPath());
        metadata.put(RetrievedPassage.META_VERSION, p.version());
        metadata.put(RetrievedPassage.META_LANGUAGE, p.language().code());
        if (p.location() != null) {
            metadata.put(RetrievedPassage.META_LOCATION, p.location());
        }
        return Document.builder()
                .id(Long.toString(p.chunkId()))
                .text(p.text())
                .metadata(metadata)
                .score(p.score())
                .build();
    }
}
