-- State that every instance behind the load balancer must share, so that a replay is refused even when it reaches
-- the other instance. Rows are kept only while they matter (keep_until) and are deleted after that.

-- SAML assertion ids that were used to sign in, until the assertion has expired (its NotOnOrAfter + clock skew).
create table saml_assertion_use (
    issuer       text        not null,
    assertion_id text        not null,
    keep_until   timestamptz not null,
    primary key (issuer, assertion_id)
);
create index saml_assertion_use_expiry on saml_assertion_use (keep_until);

-- Signed EPD launch links that were used, by the SHA-256 of their signature, until the link has expired.
create table epd_launch_use (
    signature_sha256 text        primary key,
    keep_until       timestamptz not null
);
create index epd_launch_use_expiry on epd_launch_use (keep_until);

-- Behandelrelaties confirmed by a valid EPD launch: user, patient and until when (12 hours after the launch).
create table treatment_relationship (
    user_id         text        not null,
    patient_id      text        not null,
    confirmed_until timestamptz not null,
    primary key (user_id, patient_id)
);
create index treatment_relationship_expiry on treatment_relationship (confirmed_until);
