-- Document frequencies of lexemes among approved chunks, per text-search configuration. Refreshed
-- from ts_stat when the number of approved chunks drifts by more than 10 %; used only to leave out
-- very common query words at scale (they cost the most to match and add the least to ranking).
create table ${flyway:defaultSchema}.lexeme_stats (
    config text not null,
    lexeme text not null,
    df     integer not null,
    primary key (config, lexeme)
);

create table ${flyway:defaultSchema}.lexeme_stats_info (
    id           smallint primary key default 1 check (id = 1),
    chunks       bigint not null,
    refreshed_at timestamptz not null
);
