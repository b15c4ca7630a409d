-- IT's switches that take an application or a connector out of service at once (the IT view). In PostgreSQL,
-- not in an instance's memory: with two instances behind a load balancer one switch must stop both.
-- No row means "in service"; the switch can only restrict what the use conditions allow.
create table service_switch (
    kind       text        not null check (kind in ('APPLICATION', 'EPD', 'MODEL_ENDPOINT', 'KNOWLEDGE_BASE')),
    target     text        not null,
    in_service boolean     not null,
    changed_by text        not null,
    changed_at timestamptz not null,
    primary key (kind, target)
);
