-- Knowledge base: curated documents and their retrievable chunks.
-- ${flyway:defaultSchema} is the knowledge schema (default "knowledge"; evaluations use a fresh one).
-- The vector type comes from the pgvector extension, created in "public" before this migration runs.

-- Which model made the vectors: recorded by the first writer, checked by every later one.
create table ${flyway:defaultSchema}.index_settings (
    id              smallint primary key default 1 check (id = 1),
    embedding_model text not null,
    dimensions      integer not null,
    created_at      timestamptz not null default now()
);

create table ${flyway:defaultSchema}.document (
    id            uuid primary key,
    source_id     text not null,
    external_key  text not null,
    title         text not null,
    owner         text not null,
    version       text not null,
    language      text not null check (language in ('nl', 'en')),
    state         text not null check (state in ('DRAFT', 'APPROVED', 'RETIRED')),
    review_date   date,
    licence_note  text,
    url           text,
    format        text not null,
    content_hash  text not null,
    chunk_count   integer not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    state_changed_by text not null,
    state_changed_at timestamptz not null,
    unique (source_id, external_key)
);

create index document_state_idx on ${flyway:defaultSchema}.document (state, source_id);

-- Filter columns (source, language, approved) are copied onto the chunk so that the vector and
-- full-text indexes can filter without a join; approve/retire update them in the same transaction.
create table ${flyway:defaultSchema}.chunk (
    id           bigint generated always as identity primary key,
    document_id  uuid not null references ${flyway:defaultSchema}.document (id) on delete cascade,
    position     integer not null,
    heading_path text not null,
    text         text not null,
    page         integer not null default 0,
    source_id    text not null,
    language     text not null,
    approved     boolean not null,
    embedding    public.vector(${dimensions}) not null,
    tsv          tsvector not null
);

create index chunk_document_idx on ${flyway:defaultSchema}.chunk (document_id);
-- Partial indexes: drafts and retired documents never enter the search structures.
create index chunk_embedding_hnsw on ${flyway:defaultSchema}.chunk
    using hnsw (embedding public.vector_cosine_ops) with (m = 16, ef_construction = 64) where approved;
create index chunk_tsv_gin on ${flyway:defaultSchema}.chunk using gin (tsv) where approved;
