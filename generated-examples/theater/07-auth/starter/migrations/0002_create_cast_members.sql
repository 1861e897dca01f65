-- Cast Members: one row per cast member.
-- Each cast member belongs to a production; deleting the production deletes its cast members.
-- Timestamps are stored as RFC 3339 text (2024-12-31T20:00:00Z), which Rust reads fastest.
create table cast_members (
    id integer primary key,
    name text not null,
    role text not null,
    production_id integer not null references productions (id) on delete cascade,
    created_at datetime not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at datetime not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- SQLite does not index foreign keys by itself; without an index, finding a parent's
-- children and checking a delete would both scan the whole table.
create index cast_members_production_id_idx on cast_members (production_id);
