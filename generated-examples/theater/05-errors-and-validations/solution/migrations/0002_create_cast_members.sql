-- Cast Members: one row per cast member.
-- Each cast member belongs to a production; deleting the production deletes its cast members.
create table cast_members (
    id integer primary key,
    name text not null,
    role text not null,
    production_id integer not null references productions (id) on delete cascade,
    created_at datetime not null default current_timestamp,
    updated_at datetime not null default current_timestamp
);

-- SQLite does not index foreign keys by itself; without an index, finding a parent's
-- children and checking a delete would both scan the whole table.
create index cast_members_production_id_idx on cast_members (production_id);
