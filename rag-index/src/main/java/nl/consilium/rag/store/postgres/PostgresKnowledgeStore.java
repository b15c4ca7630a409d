package nl.consilium.rag.store.postgres;

import com.pgvector.PGvector;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import nl.consilium.rag.ApprovalState;
import nl.consilium.rag.DocumentFilter;
import nl.consilium.rag.DocumentFormat;
import nl.consilium.rag.DocumentMetadata;
import nl.consilium.rag.EmbeddingModelMismatchException;
import nl.consilium.rag.IngestOutcome;
import nl.consilium.rag.KnowledgeAuditListener;
import nl.consilium.rag.KnowledgeDocument;
import nl.consilium.rag.KnowledgeEvent;
import nl.consilium.rag.KnowledgeStoreException;
import nl.consilium.rag.Language;
import nl.consilium.rag.RetrievedPassage;
import nl.consilium.rag.chunk.Chunk;
import nl.consilium.rag.store.ChunkHit;
import nl.consilium.rag.store.KnowledgeStore;
import nl.consilium.rag.store.PreparedDocument;

/**
 * PostgreSQL engine: pgvector HNSW (cosine) for the dense side, BM25 over postings of the chunks'
 * full text (the document's own language configuration) for the lexical side. Only chunks of
 * approved documents carry {@code approved = true} and postings, and the vector index is partial on
 * that flag.
 */
public final class PostgresKnowledgeStore implements KnowledgeStore {

    private final DataSource dataSource;
    private final String s;
    private final int efSearch;
    private final Bm25Postings postings;

    public PostgresKnowledgeStore(DataSource dataSource, String schema, int efSearch) {
        this.dataSource = dataSource;
        this.s = schema;
        this.efSearch = efSearch;
        this.postings = new Bm25Postings(schema);
    }

    @Override
    public void claimEmbeddingModel(String modelId, int dimensions) {
        try (Connection c = dataSource.getConnection()) {
            int columnDimensions;
            try (PreparedStatement ps = c.prepareStatement(
                    "select atttypmod from pg_attribute where attrelid = ?::regclass and attname = 'embedding'")) {
                ps.setString(1, s + ".chunk");
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("knowledge schema " + s + " is not migrated: run KnowledgeSchema.migrate first");
                    }
                    columnDimensions = rs.getInt(1);
                }
            }
            if (columnDimensions != dimensions) {
                throw new EmbeddingModelMismatchException("knowledge schema " + s + " holds " + columnDimensions
                        + "-dimensional vectors; embedding model " + modelId + " makes " + dimensions);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into " + s
                    + ".index_settings (id, embedding_model, dimensions) values (1, ?, ?) on conflict (id) do nothing")) {
                ps.setString(1, modelId);
                ps.setInt(2, dimensions);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("select embedding_model from " + s + ".index_settings where id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                String recorded = rs.getString(1);
                if (!recorded.equals(modelId)) {
                    throw new EmbeddingModelMismatchException("knowledge schema " + s + " was built with embedding model '"
                            + recorded + "', not '" + modelId + "': re-index into a new schema to change models");
                }
            }
        } catch (SQLException e) {
            throw new KnowledgeStoreException("cannot check the embedding model of " + s, e);
        }
    }

    @Override
    public Optional<String> contentHash(String sourceId, String externalKey) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select content_hash from " + s
                     + ".document where source_id = ? and external_key = ? and state <> 'RETIRED'")) {
            ps.setString(1, sourceId);
            ps.setString(2, externalKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new KnowledgeStoreException("cannot read document " + sourceId + "/" + externalKey, e);
        }
    }

    @Override
    public List<IngestOutcome> write(List<PreparedDocument> documents, String actor, KnowledgeAuditListener listener) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                postings.lockForWrite(c);
                List<IngestOutcome> outcomes = new ArrayList<>(documents.size());
                List<KnowledgeEvent> events = new ArrayList<>();
                List<UUID> approved = new ArrayList<>();
                try (PreparedStatement insertChunk = c.prepareStatement("insert into " + s + ".chunk"
                        + " (document_id, position, heading_path, text, page, source_id, language, approved, embedding, tsv)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, setweight(to_tsvector(?::regconfig, ?), 'A') || to_tsvector(?::regconfig, ?))")) {
                    for (PreparedDocument doc : documents) {
                        outcomes.add(writeOne(c, insertChunk, doc, actor, events, approved));
                    }
                    insertChunk.executeBatch();
                }
                for (UUID id : approved) {
                    postings.add(c, id);
                }
                for (KnowledgeEvent event : events) {
                    listener.onEvent(event);
                }
                c.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new KnowledgeStoreException("cannot write documents to the knowledge base", e);
        }
    }

    private IngestOutcome writeOne(Connection c, PreparedStatement insertChunk, PreparedDocument doc, String actor,
                                   List<KnowledgeEvent> events, List<UUID> approved) throws SQLException {
        DocumentMetadata m = doc.metadata();
        Instant now = Instant.now();
        UUID id = null;
        String previousHash = null;
        ApprovalState previousState = null;
        try (PreparedStatement ps = c.prepareStatement("select id, content_hash, state from " + s
                + ".document where source_id = ? and external_key = ? for update")) {
            ps.setString(1, m.sourceId());
            ps.setString(2, m.externalKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    id = rs.getObject(1, UUID.class);
                    previousHash = rs.getString(2);
                    previousState = ApprovalState.valueOf(rs.getString(3));
                }
            }
        }
        if (id != null && doc.leavesUnchanged(previousHash, previousState)) {
            events.add(new KnowledgeEvent.DocumentUnchanged(id, m.sourceId(), m.externalKey(), previousHash, actor, now));
            return new IngestOutcome.Unchanged(id);
        }
        if (doc.isUnchangedCheck()) {
            throw new java.util.ConcurrentModificationException("document " + m.sourceId() + "/" + m.externalKey()
                    + " changed while it was being uploaded again; retry the upload");
        }
        ApprovalState state = doc.stateAfterWrite(previousState);
        boolean replacing = id != null;
        if (replacing) {
            postings.remove(c, id);
            try (PreparedStatement del = c.prepareStatement("delete from " + s + ".chunk where document_id = ?")) {
                del.setObject(1, id);
                del.executeUpdate();
            }
            try (PreparedStatement up = c.prepareStatement("update " + s + ".document set title = ?, owner = ?, version = ?,"
                    + " language = ?, state = ?, review_date = ?, licence_note = ?, url = ?, format = ?, content_hash = ?,"
                    + " chunk_count = ?, updated_at = ?, state_changed_by = case when state = ? then state_changed_by else ? end,"
                    + " state_changed_at = case when state = ? then state_changed_at else ? end where id = ?")) {
                int i = 1;
                up.setString(i++, doc.title());
                up.setString(i++, m.owner());
                up.setString(i++, m.version());
                up.setString(i++, m.language().code());
                up.setString(i++, state.name());
                up.setObject(i++, m.reviewDate() == null ? null : Date.valueOf(m.reviewDate()));
                up.setString(i++, m.licenceNote());
                up.setString(i++, m.url());
                up.setString(i++, doc.format().name());
                up.setString(i++, doc.contentHash());
                up.setInt(i++, doc.chunks().size());
                up.setTimestamp(i++, Timestamp.from(now));
                up.setString(i++, state.name());
                up.setString(i++, actor);
                up.setString(i++, state.name());
                up.setTimestamp(i++, Timestamp.from(now));
                up.setObject(i, id);
                up.executeUpdate();
            }
        } else {
            id = UUID.randomUUID();
            try (PreparedStatement ins = c.prepareStatement("insert into " + s + ".document (id, source_id, external_key, title,"
                    + " owner, version, language, state, review_date, licence_note, url, format, content_hash, chunk_count,"
                    + " created_at, updated_at, state_changed_by, state_changed_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                ins.setObject(i++, id);
                ins.setString(i++, m.sourceId());
                ins.setString(i++, m.externalKey());
                ins.setString(i++, doc.title());
                ins.setString(i++, m.owner());
                ins.setString(i++, m.version());
                ins.setString(i++, m.language().code());
                ins.setString(i++, state.name());
                ins.setObject(i++, m.reviewDate() == null ? null : Date.valueOf(m.reviewDate()));
                ins.setString(i++, m.licenceNote());
                ins.setString(i++, m.url());
                ins.setString(i++, doc.format().name());
                ins.setString(i++, doc.contentHash());
                ins.setInt(i++, doc.chunks().size());
                ins.setTimestamp(i++, Timestamp.from(now));
                ins.setTimestamp(i++, Timestamp.from(now));
                ins.setString(i++, actor);
                ins.setTimestamp(i, Timestamp.from(now));
                ins.executeUpdate();
            }
        }
        if (state == ApprovalState.APPROVED) {
            approved.add(id);
        }
        String config = m.language().textSearchConfig();
        for (int k = 0; k < doc.chunks().size(); k++) {
            Chunk chunk = doc.chunks().get(k);
            int i = 1;
            insertChunk.setObject(i++, id);
            insertChunk.setInt(i++, chunk.position());
            insertChunk.setString(i++, chunk.headingPathText());
            insertChunk.setString(i++, chunk.text());
            insertChunk.setInt(i++, chunk.page());
            insertChunk.setString(i++, m.sourceId());
            insertChunk.setString(i++, m.language().code());
            insertChunk.setBoolean(i++, state == ApprovalState.APPROVED);
            insertChunk.setObject(i++, new PGvector(doc.vectors().get(k)));
            insertChunk.setString(i++, config);
            insertChunk.setString(i++, chunk.headingPathText());
            insertChunk.setString(i++, config);
            insertChunk.setString(i, chunk.text());
            insertChunk.addBatch();
        }
        if (replacing) {
            // The old chunks are deleted above in this transaction; the batch must hit the database before commit.
            insertChunk.executeBatch();
            events.add(new KnowledgeEvent.DocumentReplaced(id, m.sourceId(), m.externalKey(), doc.title(), m.version(),
                    previousHash, doc.contentHash(), doc.chunks().size(), state, actor, now));
            return new IngestOutcome.Replaced(id, doc.chunks().size(), state);
        }
        events.add(new KnowledgeEvent.DocumentAdded(id, m.sourceId(), m.externalKey(), doc.title(), m.version(),
                doc.contentHash(), doc.chunks().size(), state, actor, now));
        return new IngestOutcome.Added(id, doc.chunks().size(), state);
    }

    @Override
    public KnowledgeDocument changeState(UUID documentId, ApprovalState to, String actor, KnowledgeAuditListener listener) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                postings.lockForWrite(c);
                KnowledgeDocument before;
                try (PreparedStatement ps = c.prepareStatement(select() + " where id = ? for update")) {
                    ps.setObject(1, documentId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new java.util.NoSuchElementException("no knowledge document " + documentId);
                        }
                        before = map(rs);
                    }
                }
                if (before.state() == to) {
                    c.rollback();
                    return before;
                }
                if (before.state() == ApprovalState.RETIRED && to == ApprovalState.APPROVED) {
                    throw new IllegalStateException("document " + documentId + " is retired; upload it again to bring it back");
                }
                Instant now = Instant.now();
                try (PreparedStatement ps = c.prepareStatement("update " + s
                        + ".document set state = ?, state_changed_by = ?, state_changed_at = ? where id = ?")) {
                    ps.setString(1, to.name());
                    ps.setString(2, actor);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setObject(4, documentId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("update " + s + ".chunk set approved = ? where document_id = ?")) {
                    ps.setBoolean(1, to == ApprovalState.APPROVED);
                    ps.setObject(2, documentId);
                    ps.executeUpdate();
                }
                if (to == ApprovalState.APPROVED) {
                    postings.add(c, documentId);
                } else if (before.state() == ApprovalState.APPROVED) {
                    postings.remove(c, documentId);
                }
                listener.onEvent(new KnowledgeEvent.DocumentStateChanged(documentId, before.sourceId(), before.title(),
                        before.state(), to, actor, now));
                c.commit();
                return find(documentId).orElseThrow();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new KnowledgeStoreException("cannot change the state of document " + documentId, e);
        }
    }

    @Override
    public List<KnowledgeDocument> list(DocumentFilter filter) {
        StringBuilder sql = new StringBuilder(select()).append(" where true");
        List<Object> params = new ArrayList<>();
        if (filter.sourceId() != null) {
            sql.append(" and source_id = ?");
            params.add(filter.sourceId());
        }
        if (filter.state() != null) {
            sql.append(" and state = ?");
            params.add(filter.state().name());
        }
        sql.append(" order by source_id, title, external_key");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<KnowledgeDocument> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new KnowledgeStoreException("cannot list knowledge documents", e);
        }
    }

    @Override
    public Optional<KnowledgeDocument> find(UUID documentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(select() + " where id = ?")) {
            ps.setObject(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new KnowledgeStoreException("cannot read knowledge document " + documentId, e);
        }
    }

    private String select() {
        return "select id, source_id, external_key, title, owner, version, language, state, review_date, licence_note, url,"
                + " format, content_hash, chunk_count, created_at, updated_at, state_changed_by, state_changed_at from " + s + ".document";
    }

    private static KnowledgeDocument map(ResultSet rs) throws SQLException {
        Date review = rs.getDate("review_date");
        return new KnowledgeDocument(
                rs.getObject("id", UUID.class), rs.getString("source_id"), rs.getString("external_key"), rs.getString("title"),
                rs.getString("owner"), rs.getString("version"), Language.fromCode(rs.getString("language")),
                ApprovalState.valueOf(rs.getString("state")), review == null ? null : review.toLocalDate(),
                rs.getString("licence_note"), rs.getString("url"), DocumentFormat.valueOf(rs.getString("format")),
                rs.getString("content_hash"), rs.getInt("chunk_count"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("state_changed_by"),
                rs.getTimestamp("state_changed_at").toInstant());
    }

    /**
     * Lexical side: BM25 over the postings of approved chunks, each chunk matched against the query
     * analysed in its own language (see {@link Bm25Postings}).
     */
    @Override
    public List<ChunkHit> lexical(String query, int limit, Set<String> sources, Set<Language> languages) {
        if (sources != null && sources.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return postings.search(c, postings.terms(c, query, languages), limit, sources);
        } catch (SQLException e) {
            throw new KnowledgeStoreException("lexical search failed", e);
        }
    }

    /** BM25 statistics are kept exactly on every write; this only repairs a schema filled around the store. */
    @Override
    public void refreshStatisticsIfStale() {
        try (Connection c = dataSource.getConnection()) {
            postings.repairIfInconsistent(c);
        } catch (SQLException e) {
            throw new KnowledgeStoreException("cannot rebuild the lexical index", e);
        }
    }

    @Override
    public List<ChunkHit> dense(float[] queryVector, int limit, Set<String> sources, Set<Language> languages) {
        if (sources != null && sources.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select c.id, 1 - (c.embedding <=> ?) as sim from " + s + ".chunk c where c.approved");
        appendFilters(sql, sources, languages);
        sql.append(" order by c.embedding <=> ? limit ?");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                // Filters are applied after the HNSW walk; iterative scans keep walking until enough rows pass them.
                st.execute("set local hnsw.ef_search = " + Math.max(efSearch, Math.min(1000, limit)));
                st.execute("set local hnsw.iterative_scan = strict_order");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                PGvector v = new PGvector(queryVector);
                int i = 1;
                ps.setObject(i++, v);
                i = bindFilters(c, ps, i, sources, languages);
                ps.setObject(i++, v);
                ps.setInt(i, limit);
                List<ChunkHit> hits = hits(ps);
                c.commit();
                return hits;
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new KnowledgeStoreException("vector search failed", e);
        }
    }

    private static void appendFilters(StringBuilder sql, Set<String> sources, Set<Language> languages) {
        if (sources != null) {
            sql.append(" and c.source_id = any(?)");
        }
        if (languages != null) {
            sql.append(" and c.language = any(?)");
        }
    }

    private static int bindFilters(Connection c, PreparedStatement ps, int i, Set<String> sources, Set<Language> languages)
            throws SQLException {
        if (sources != null) {
            ps.setArray(i++, c.createArrayOf("text", sources.toArray()));
        }
        if (languages != null) {
            ps.setArray(i++, c.createArrayOf("text", languages.stream().map(Language::code).toArray()));
        }
        return i;
    }

    private static List<ChunkHit> hits(PreparedStatement ps) throws SQLException {
        List<ChunkHit> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ChunkHit(rs.getLong(1), rs.getDouble(2)));
            }
        }
        return out;
    }

    @Override
    public Map<Long, RetrievedPassage> passages(Collection<Long> chunkIds) {
        if (chunkIds.isEmpty()) {
            return Map.of();
        }
        String sql = "select c.id, c.document_id, c.heading_path, c.text, c.page, d.source_id, d.external_key, d.title,"
                + " d.version, d.url, d.language from " + s + ".chunk c join " + s + ".document d on d.id = c.document_id"
                + " where c.id = any(?) and c.approved and d.state = 'APPROVED'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Array ids = c.createArrayOf("bigint", chunkIds.toArray());
            ps.setArray(1, ids);
            Map<Long, RetrievedPassage> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String url = rs.getString("url");
                    int page = rs.getInt("page");
                    String location = page > 0 ? (url == null ? "" : url) + "#page=" + page : url;
                    out.put(rs.getLong("id"), new RetrievedPassage(rs.getObject("document_id", UUID.class), rs.getLong("id"),
                            rs.getString("source_id"), rs.getString("external_key"), rs.getString("title"),
                            rs.getString("heading_path"), rs.getString("version"), location,
                            Language.fromCode(rs.getString("language")), rs.getString("text"), 0));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new KnowledgeStoreException("cannot read passages", e);
        }
    }
}
