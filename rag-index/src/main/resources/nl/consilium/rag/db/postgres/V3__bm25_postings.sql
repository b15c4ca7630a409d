-- Lexical ranking by BM25 (Robertson/Sparck Jones IDF, k1 1.2, b 0.75, as Lucene and OpenSearch do).
-- ts_rank has no inverse document frequency, so a common word counted as much as a rare one; BM25
-- needs per-term document frequencies and per-chunk lengths, kept exactly here on every write.
--
-- One posting per (language, lexeme, chunk) of every APPROVED chunk: drafts and retired documents
-- have none, so approval is the filter. tf counts a heading-path occurrence twice (a field boost in
-- the BM25F manner: the section a passage sits in says what it is about); dl is the chunk's length
-- counted the same way. Both come from the chunk's tsvector (heading weight A, body unweighted), so
-- stemming and stop words are PostgreSQL's own for the document's language.
create table ${flyway:defaultSchema}.posting (
    language    text not null,
    lexeme      text not null,
    chunk_id    bigint not null,
    document_id uuid not null,
    source_id   text not null,
    tf          real not null,
    dl          real not null,
    -- The lookup is by (language, lexeme); the included columns make it an index-only scan.
    primary key (language, lexeme, chunk_id) include (tf, dl, source_id)
);

create index posting_document_idx on ${flyway:defaultSchema}.posting (document_id);

-- Document frequency of each lexeme among approved chunks, per language (each language is its own
-- collection for BM25, as a per-language field is in OpenSearch).
create table ${flyway:defaultSchema}.lexeme_df (
    language text not null,
    lexeme   text not null,
    df       integer not null,
    primary key (language, lexeme)
);

create table ${flyway:defaultSchema}.bm25_totals (
    language     text primary key check (language in ('nl', 'en')),
    chunks       bigint not null,
    total_length double precision not null
);

insert into ${flyway:defaultSchema}.bm25_totals (language, chunks, total_length) values ('nl', 0, 0), ('en', 0, 0);

-- Existing approved chunks get their postings now, so an upgraded knowledge base ranks the same as a new one.
insert into ${flyway:defaultSchema}.posting (language, lexeme, chunk_id, document_id, source_id, tf, dl)
select t.language, t.lexeme, t.chunk_id, t.document_id, t.source_id, t.tf, sum(t.tf) over (partition by t.chunk_id)
from (select c.language, x.lexeme, c.id as chunk_id, c.document_id, c.source_id,
             (select sum(case when w = 'A' then 2 else 1 end) from unnest(x.weights) w) as tf
      from ${flyway:defaultSchema}.chunk c cross join lateral unnest(c.tsv) x
      where c.approved) t;

insert into ${flyway:defaultSchema}.lexeme_df (language, lexeme, df)
select language, lexeme, count(*) from ${flyway:defaultSchema}.posting group by language, lexeme;

update ${flyway:defaultSchema}.bm25_totals t
set chunks = s.chunks, total_length = s.total_length
from (select language, count(distinct chunk_id) as chunks,
             coalesce(sum(tf), 0) as total_length
      from ${flyway:defaultSchema}.posting group by language) s
where s.language = t.language;

-- The GIN index and the ts_stat sample served the ts_rank search that postings replace.
drop index ${flyway:defaultSchema}.chunk_tsv_gin;
drop table ${flyway:defaultSchema}.lexeme_stats;
drop table ${flyway:defaultSchema}.lexeme_stats_info;
