-- Cast Members: one row per cast member.
-- Each cast member belongs to a production; deleting the production deletes its cast members.
-- Timestamps are `timestamptz(0)`: a moment, to the second, which Rust reads as a UTC `DateTime`.
create table cast_members (
    id bigint generated always as identity primary key,
    name text not null,
    role text not null,
    production_id bigint not null references productions (id) on delete cascade,
    created_at timestamptz(0) not null default now(),
    updated_at timestamptz(0) not null default now()
);

-- PostgreSQL does not index foreign keys by itself; without an index, finding a parent's
-- children and checking a delete would both scan the whole table.
create index cast_members_production_id_idx on cast_members (production_id);
