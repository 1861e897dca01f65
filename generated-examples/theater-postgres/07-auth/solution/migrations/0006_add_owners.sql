-- Owners: the user who created each production and cast member, who may change it.
-- `alter table ... add column` keeps the rows there are: they get NULL, no owner, and only
-- a rule that names a role (or anyone) lets someone change them. Deleting a user keeps their
-- rows, without an owner: `on delete cascade` would delete them, and through their own
-- cascades, other users' rows too.
alter table productions add column user_id bigint references users (id) on delete set null;
alter table cast_members add column user_id bigint references users (id) on delete set null;

create index productions_user_id_idx on productions (user_id);
create index cast_members_user_id_idx on cast_members (user_id);
