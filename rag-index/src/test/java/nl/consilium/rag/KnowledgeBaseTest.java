package nl.consilium.rag;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link KnowledgeBaseContract} on PostgreSQL (pgvector + full text), one fresh schema per store. */
class KnowledgeBaseTest extends KnowledgeBaseContract {

    private DataSource ds;
    private final List<String> schemas = new ArrayList<>();

    @Override
    protected KnowledgeBase openFresh(KnowledgeEmbeddingModel model, KnowledgeAuditListener audit) throws Exception {
        ds = TestDatabase.dataSource();
        String schema = TestDatabase.freshSchema(schemas.isEmpty() ? "kb_test" : "kb_audit");
        KnowledgeSchema.migrate(ds, schema, 384);
        schemas.add(schema);
        return KnowledgeBase.postgres(ds, model, audit, KnowledgeBaseSettings.defaults().withSchema(schema));
    }

    @Override
    protected KnowledgeBase reopenMain(KnowledgeEmbeddingModel model) {
        return KnowledgeBase.postgres(ds, model, KnowledgeAuditListener.NONE, KnowledgeBaseSettings.defaults().withSchema(schemas.getFirst()));
    }

    @Override
    protected String chunkIds(UUID documentId) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select string_agg(id::text, ',' order by id) from " + schemas.getFirst()
                     + ".chunk where document_id = '" + documentId + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    protected long chunkCount() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + schemas.getFirst() + ".chunk")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    protected void dropAll() {
        schemas.forEach(s -> KnowledgeSchema.drop(ds, s));
    }
}
