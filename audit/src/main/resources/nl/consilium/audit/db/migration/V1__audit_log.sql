-- Consilium NEN 7513 audit log: append-only, hash-chained, gap-free.
-- ${schema} is the audit schema ("audit" in production; tests use their own).

-- The chain head: one row, locked by every append, so appends from any number of application
-- instances are serialised by the database and sequence numbers have no gaps.
create table ${schema}.chain_head (
    id   smallint primary key check (id = 1),
    seq  bigint   not null,
    hash bytea    not null check (length(hash) = 32)
);
insert into ${schema}.chain_head (id, seq, hash) values (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

create table ${schema}.event (
    seq                   bigint      primary key,
    prev_hash             bytea       not null check (length(prev_hash) = 32),
    hash                  bytea       not null check (length(hash) = 32),
    content_sha256        bytea       not null check (length(content_sha256) = 32),
    occurred_at           timestamptz not null,
    event_type            text        not null,
    action                text        not null,
    outcome               text        not null,
    user_id               text        not null,
    user_name             text,
    user_role             text,
    responsible_user_id   text,
    responsible_user_name text,
    responsible_user_role text,
    access_point          text,
    client_address        text,
    application_instance  text,
    patient_id            text,
    object_kinds          text[]      not null,
    object_refs           text[]      not null,
    application_id        text,
    policy_version        text,
    policy_hash           text,
    decision              text check (decision in ('ALLOWED', 'PSEUDONYMISED', 'REFUSED')),
    rule_ids              text[]      not null,
    model_endpoint        text,
    sources_cited         text[]      not null,
    correlation_id        text,
    message_sha256        text
);

-- Compliance queries page newest-first by seq within one filter value.
create index event_patient_seq     on ${schema}.event (patient_id, seq desc) where patient_id is not null;
create index event_user_seq        on ${schema}.event (user_id, seq desc);
create index event_application_seq on ${schema}.event (application_id, seq desc) where application_id is not null;
create index event_occurred_at     on ${schema}.event (occurred_at);
create index event_correlation     on ${schema}.event (correlation_id) where correlation_id is not null;

-- Signed chain heads. The signature (HMAC-SHA256, key outside the database) lets the verifier
-- notice a cut-off tail and a rewritten chain.
create table ${schema}.checkpoint (
    id         bigint generated always as identity primary key,
    seq        bigint      not null,
    hash       bytea       not null check (length(hash) = 32),
    created_at timestamptz not null,
    key_id     text        not null,
    signature  bytea       not null
);

-- Written by a retention purge: the chain continues from this signed (seq, hash).
create table ${schema}.anchor (
    id                 bigint generated always as identity primary key,
    purged_through_seq bigint      not null,
    hash               bytea       not null check (length(hash) = 32),
    purged_count       bigint      not null,
    cutoff             timestamptz not null,
    created_at         timestamptz not null,
    key_id             text        not null,
    signature          bytea       not null
);

-- Assigns seq and chain hash inside the inserting transaction. SECURITY DEFINER so the writer role
-- needs no rights on chain_head; whatever a writer puts in seq/prev_hash/hash is overwritten.
create function ${schema}.chain_append() returns trigger
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
declare
    head_seq  bigint;
    head_hash bytea;
begin
    select h.seq, h.hash into head_seq, head_hash from ${schema}.chain_head h where h.id = 1 for update;
    if NEW.content_sha256 is null or length(NEW.content_sha256) <> 32 then
        raise exception 'audit: content_sha256 must be 32 bytes';
    end if;
    NEW.seq := head_seq + 1;
    NEW.prev_hash := head_hash;
    NEW.hash := sha256(int8send(NEW.seq) || head_hash || NEW.content_sha256);
    update ${schema}.chain_head set seq = NEW.seq, hash = NEW.hash where id = 1;
    return NEW;
end
$fn$;

create trigger event_chain before insert on ${schema}.event for each row execute function ${schema}.chain_append();

-- Append-only. Deleting is possible only for a retention purge (flag set by the purge transaction)
-- and only for events older than five years (NEN 7513 minimum retention).
create function ${schema}.reject_change() returns trigger
    language plpgsql set search_path = pg_catalog, pg_temp as $fn$
begin
    if TG_OP = 'DELETE' and TG_TABLE_NAME = 'event'
            and coalesce(current_setting('consilium_audit.purge', true), '') = 'on' then
        if OLD.occurred_at < now() - interval '5 years' then
            return OLD;
        end if;
        raise exception 'audit: event % is younger than the five-year retention period', OLD.seq;
    end if;
    raise exception 'audit log is append-only: % on %.% is not allowed', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        using errcode = '42501';
end
$fn$;

create trigger event_no_update   before update or delete on ${schema}.event for each row execute function ${schema}.reject_change();
create trigger event_no_truncate before truncate on ${schema}.event for each statement execute function ${schema}.reject_change();
create trigger checkpoint_no_update   before update or delete on ${schema}.checkpoint for each row execute function ${schema}.reject_change();
create trigger checkpoint_no_truncate before truncate on ${schema}.checkpoint for each statement execute function ${schema}.reject_change();
create trigger anchor_no_update   before update or delete on ${schema}.anchor for each row execute function ${schema}.reject_change();
create trigger anchor_no_truncate before truncate on ${schema}.anchor for each statement execute function ${schema}.reject_change();
create trigger chain_head_no_delete   before delete on ${schema}.chain_head for each row execute function ${schema}.reject_change();
create trigger chain_head_no_truncate before truncate on ${schema}.chain_head for each statement execute function ${schema}.reject_change();

-- Roles (cluster-wide, so created only when missing). The application logs in as a role that is a
-- member of consilium_audit_writer; compliance console and verifier use consilium_audit_reader.
do $roles$
begin
    begin
        create role consilium_audit_writer nologin;
    exception when duplicate_object or unique_violation then null;
    end;
    begin
        create role consilium_audit_reader nologin;
    exception when duplicate_object or unique_violation then null;
    end;
end
$roles$;

revoke all on ${schema}.event, ${schema}.checkpoint, ${schema}.anchor, ${schema}.chain_head from public;
grant usage on schema ${schema} to consilium_audit_writer, consilium_audit_reader;
-- Writer: insert events (chain columns are set by the trigger, so not granted), read back only
-- seq and hash (for the receipt and the checkpoint), insert checkpoints. Nothing else.
grant insert (content_sha256, occurred_at, event_type, action, outcome, user_id, user_name, user_role,
              responsible_user_id, responsible_user_name, responsible_user_role, access_point, client_address,
              application_instance, patient_id, object_kinds, object_refs, application_id, policy_version,
              policy_hash, decision, rule_ids, model_endpoint, sources_cited, correlation_id, message_sha256)
    on ${schema}.event to consilium_audit_writer;
grant select (seq, hash) on ${schema}.event to consilium_audit_writer;
grant insert (seq, hash, created_at, key_id, signature) on ${schema}.checkpoint to consilium_audit_writer;
grant select on ${schema}.event, ${schema}.checkpoint, ${schema}.anchor, ${schema}.chain_head to consilium_audit_reader;
-- So that audit-verify, run as a reader, can let Flyway confirm the schema is up to date.
grant select on ${schema}.flyway_schema_history to consilium_audit_reader, consilium_audit_writer;
