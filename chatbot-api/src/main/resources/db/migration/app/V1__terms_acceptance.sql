-- A user accepts an application's terms of use once per terms version (FMS: gebruiksvoorwaarden per toepassing).
create table terms_acceptance (
    user_id        text        not null,
    application_id text        not null,
    terms_version  text        not null,
    policy_sha256  text        not null,
    accepted_at    timestamptz not null default now(),
    primary key (user_id, application_id, terms_version)
);
