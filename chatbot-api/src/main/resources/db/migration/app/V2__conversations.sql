-- Conversations are stored encrypted (envelope encryption). Each user has a data key wrapped by the
-- key-encryption key; each conversation has its own key wrapped by the user's data key. Deleting a
-- conversation deletes its key with it; deleting a user's history deletes the user's data key
-- (crypto-shredding). Audit metadata lives elsewhere (schema audit) and stays.
create table user_data_key (
    user_id     text        primary key,
    kek_id      text        not null,
    wrapped_key bytea       not null,
    created_at  timestamptz not null default now()
);

create table conversation (
    id              uuid        primary key,
    user_id         text        not null references user_data_key (user_id) on delete cascade,
    application_id  text        not null,
    patient_context boolean     not null,
    wrapped_key     bytea       not null,
    title           bytea       not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    expires_at      timestamptz
);
create index conversation_by_user on conversation (user_id, updated_at desc);
create index conversation_by_expiry on conversation (expires_at) where expires_at is not null;

create table conversation_message (
    conversation_id uuid        not null references conversation (id) on delete cascade,
    seq             integer     not null,
    role            text        not null check (role in ('user', 'assistant')),
    content         bytea       not null,
    created_at      timestamptz not null,
    primary key (conversation_id, seq)
);

-- The patient a conversation is about, encrypted under the conversation's key like its content.
alter table conversation add column patient_ref bytea;

-- A user's statement that they completed a training an application requires (FMS: training before use).
create table training_attestation (
    user_id     text        not null,
    training_id text        not null,
    attested_at timestamptz not null default now(),
    primary key (user_id, training_id)
);
