package nl.consilium.rag.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.consilium.rag.Language;
import nl.consilium.rag.store.ChunkHit;

/**
 * BM25 over a postings table (schema: V3__bm25_postings.sql). Postings, document frequencies and
 * collection totals change in the same transaction as the chunks they describe, so the ranking a
 * reader sees always matches the approved content it can retrieve.
 */
final class Bm25Postings {

    /** Lucene's and OpenSearch's defaults; not tuned to any evaluation set. */
    static final double K1 = 1.2;
    static final double B = 0.75;

    /**
     * At most about this many postings are scanned for one query. A query word found in a large part
     * of the knowledge base costs the most to score and, with its low IDF, changes the ranking the
     * least; so once the query's postings exceed this, the most common words do not select
     * candidates (the two rarest words of a language always do). They still count in the score of
     * the best candidates, looked up per chunk (see {@link #RESCORED}). Scanning and summing a
     * posting costs about 1.5 microseconds here, so the budget bounds the lexical side near 40 ms.
     */
    static final long POSTINGS_BUDGET = 25_000;

    /** How many of the best candidates get the common words' contribution added, per result wanted. */
    static final int RESCORED = 4;

    /** Lexeme with its term frequency from a tsvector entry: heading path (weight A) counts twice. */
    private static final String TF = "(select sum(case when w = 'A' then 2 else 1 end) from unnest(x.weights) w)";

    private final String s;
    private final long budget;

    Bm25Postings(String schema) {
        this(schema, POSTINGS_BUDGET);
    }

    Bm25Postings(String schema, long budget) {
        this.s = schema;
        this.budget = budget;
    }

    /**
     * Serialises writers of the knowledge base for the rest of the transaction: document
     * frequencies are shared counters, and one writer at a time keeps them exact without deadlocks.
     */
    void lockForWrite(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("select pg_advisory_xact_lock(hashtext('" + s + ".bm25'))");
        }
    }

    /** Adds the postings of the document's approved chunks and counts them into the statistics. */
    void add(Connection c, UUID documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertPostings("c.document_id = ? and c.approved"))) {
            ps.setObject(1, documentId);
            if (ps.executeUpdate() == 0) {
                return;
            }
        }
        count(c, documentId, +1);
    }

    /** Postings of the chunks matching {@code where} (alias {@code c}); dl is the sum of the chunk's term frequencies. */
    private String insertPostings(String where) {
        return "insert into " + s + ".posting (language, lexeme, chunk_id, document_id, source_id, tf, dl)"
                + " select t.language, t.lexeme, t.chunk_id, t.document_id, t.source_id, t.tf,"
                + " sum(t.tf) over (partition by t.chunk_id)"
                + " from (select c.language, x.lexeme, c.id as chunk_id, c.document_id, c.source_id, " + TF + " as tf"
                + " from " + s + ".chunk c cross join lateral unnest(c.tsv) x where " + where + ") t";
    }

    /** Removes the document's postings and takes them out of the statistics. */
    void remove(Connection c, UUID documentId) throws SQLException {
        count(c, documentId, -1);
        try (PreparedStatement ps = c.prepareStatement("delete from " + s + ".posting where document_id = ?")) {
            ps.setObject(1, documentId);
            ps.executeUpdate();
        }
    }

    /** Adds ({@code sign} +1) or subtracts (-1) the postings of one document, or of all when it is null, in the statistics. */
    private void count(Connection c, UUID documentId, int sign) throws SQLException {
        String postings = "(select * from " + s + ".posting" + (documentId == null ? "" : " where document_id = ?") + ")";
        try (PreparedStatement ps = c.prepareStatement("insert into " + s + ".lexeme_df (language, lexeme, df)"
                + " select language, lexeme, ? * count(*) from " + postings + " p group by language, lexeme"
                + " on conflict (language, lexeme) do update set df = " + s + ".lexeme_df.df + excluded.df")) {
            ps.setInt(1, sign);
            if (documentId != null) {
                ps.setObject(2, documentId);
            }
            ps.executeUpdate();
        }
        if (sign < 0) {
            try (Statement st = c.createStatement()) {
                st.execute("delete from " + s + ".lexeme_df where df <= 0");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("update " + s + ".bm25_totals t"
                + " set chunks = t.chunks + ? * d.chunks, total_length = t.total_length + ? * d.total_length"
                + " from (select language, count(*) as chunks, sum(dl) as total_length"
                + " from (select distinct on (chunk_id) language, chunk_id, dl from " + postings + " p0) p"
                + " group by language) d where d.language = t.language")) {
            ps.setInt(1, sign);
            ps.setInt(2, sign);
            if (documentId != null) {
                ps.setObject(3, documentId);
            }
            ps.executeUpdate();
        }
    }

    /**
     * Rebuilds postings and statistics from the approved chunks when they disagree with the recorded
     * totals: for a schema filled by other means than the store (bulk loads, benchmarks).
     */
    void repairIfInconsistent(Connection c) throws SQLException {
        long approved;
        long recorded;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select (select count(*) from " + s + ".chunk where approved),"
                     + " (select coalesce(sum(chunks), 0) from " + s + ".bm25_totals)")) {
            rs.next();
            approved = rs.getLong(1);
            recorded = rs.getLong(2);
        }
        if (approved == recorded) {
            return;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            lockForWrite(c);
            st.execute("truncate " + s + ".posting, " + s + ".lexeme_df");
            st.execute("update " + s + ".bm25_totals set chunks = 0, total_length = 0");
            st.execute(insertPostings("c.approved"));
            count(c, null, +1);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        try (Statement st = c.createStatement()) {
            // Index-only scans need the visibility map; a bulk rebuild would otherwise wait for autovacuum.
            st.execute("vacuum analyze " + s + ".posting");
        }
    }

    /** A query term in one language with its weight in this collection. */
    record Term(Language language, String lexeme, long df, double idf, double averageLength) {
    }

    /**
     * The query's terms per language (each analysed with that language's stemmer and stop words),
     * with BM25 IDF from the current statistics; words no approved chunk contains are left out.
     */
    List<Term> terms(Connection c, String query, Set<Language> languages) throws SQLException {
        Map<Language, long[]> totals = new EnumMap<>(Language.class);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select language, chunks, total_length from " + s + ".bm25_totals")) {
            while (rs.next()) {
                totals.put(Language.fromCode(rs.getString(1)), new long[] {rs.getLong(2), Math.round(rs.getDouble(3))});
            }
        }
        List<Term> terms = new ArrayList<>();
        for (Language lang : Language.values()) {
            long[] total = totals.get(lang);
            if ((languages != null && !languages.contains(lang)) || total == null || total[0] == 0) {
                continue;
            }
            double n = total[0];
            double averageLength = Math.max(1e-9, total[1] / n);
            try (PreparedStatement ps = c.prepareStatement("select q.lx, d.df"
                    + " from unnest(tsvector_to_array(to_tsvector(?::regconfig, ?))) q(lx)"
                    + " join " + s + ".lexeme_df d on d.language = ? and d.lexeme = q.lx")) {
                ps.setString(1, lang.textSearchConfig());
                ps.setString(2, query);
                ps.setString(3, lang.code());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long df = rs.getLong(2);
                        double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
                        terms.add(new Term(lang, rs.getString(1), df, idf, averageLength));
                    }
                }
            }
        }
        return terms;
    }

    /** Query terms split into those whose postings are scanned and the common ones only looked up per candidate. */
    record Split(List<Term> scanned, List<Term> lookedUp) {
    }

    /** Rarest first; the most common words move to the looked-up side once the postings to scan exceed the budget. */
    static Split withinBudget(List<Term> terms, long budget) {
        List<Term> sorted = new ArrayList<>(terms);
        sorted.sort(Comparator.comparingLong(Term::df).thenComparing(Term::lexeme));
        Map<Language, Integer> kept = new EnumMap<>(Language.class);
        List<Term> scanned = new ArrayList<>();
        List<Term> lookedUp = new ArrayList<>();
        long postings = 0;
        for (Term t : sorted) {
            int ofLanguage = kept.getOrDefault(t.language(), 0);
            if (ofLanguage < 2 || postings + t.df() <= budget) {
                scanned.add(t);
                postings += t.df();
                kept.put(t.language(), ofLanguage + 1);
            } else {
                lookedUp.add(t);
            }
        }
        return new Split(scanned, lookedUp);
    }

    /** Top chunks by BM25, best first; ties broken by chunk id so results are reproducible. */
    List<ChunkHit> search(Connection c, List<Term> terms, int limit, Set<String> sources) throws SQLException {
        if (terms.isEmpty()) {
            return List.of();
        }
        Split split = withinBudget(terms, budget);
        String sql = "select p.chunk_id, sum(" + score("q", "p") + ") as score"
                + " from unnest(?::text[], ?::text[], ?::float8[], ?::float8[]) q(language, lexeme, idf, avgdl)"
                + " join " + s + ".posting p on p.language = q.language and p.lexeme = q.lexeme"
                + (sources != null ? " where p.source_id = any(?)" : "")
                + " group by p.chunk_id order by score desc, p.chunk_id limit ?";
        if (!split.lookedUp().isEmpty()) {
            // The best candidates by the rarer words, then the common words' share added from a point
            // lookup per candidate and word in the primary key, and ranked again.
            sql = "select t.chunk_id, t.score + coalesce((select sum(" + score("d", "p2") + ")"
                    + " from unnest(?::text[], ?::text[], ?::float8[], ?::float8[]) d(language, lexeme, idf, avgdl)"
                    + " join " + s + ".posting p2 on p2.language = d.language and p2.lexeme = d.lexeme"
                    + " and p2.chunk_id = t.chunk_id), 0) as total"
                    + " from (" + sql + ") t order by total desc, t.chunk_id limit ?";
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (!split.lookedUp().isEmpty()) {
                i = bindTerms(c, ps, i, split.lookedUp());
            }
            i = bindTerms(c, ps, i, split.scanned());
            if (sources != null) {
                ps.setArray(i++, c.createArrayOf("text", sources.toArray()));
            }
            if (split.lookedUp().isEmpty()) {
                ps.setInt(i, limit);
            } else {
                ps.setInt(i++, Math.max(RESCORED * limit, 200));
                ps.setInt(i, limit);
            }
            List<ChunkHit> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ChunkHit(rs.getLong(1), rs.getDouble(2)));
                }
            }
            return out;
        }
    }

    /** BM25 contribution of one term (alias {@code q}: idf, avgdl) in one posting (alias {@code p}: tf, dl). */
    private static String score(String q, String p) {
        return q + ".idf * " + p + ".tf * " + (K1 + 1) + " / (" + p + ".tf + " + K1 + " * (" + (1 - B) + " + " + B
                + " * " + p + ".dl / " + q + ".avgdl))";
    }

    private static int bindTerms(Connection c, PreparedStatement ps, int i, List<Term> terms) throws SQLException {
        ps.setArray(i++, c.createArrayOf("text", terms.stream().map(t -> t.language().code()).toArray()));
        ps.setArray(i++, c.createArrayOf("text", terms.stream().map(Term::lexeme).toArray()));
        ps.setArray(i++, c.createArrayOf("float8", terms.stream().map(Term::idf).toArray()));
        ps.setArray(i++, c.createArrayOf("float8", terms.stream().map(Term::averageLength).toArray()));
        return i;
    }
}
