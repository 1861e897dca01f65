-- Sample data for `cargo run -- seed`. It runs in one transaction and replaces every row,
-- so seeding twice gives the same result as seeding once.

-- Children first, so that no row is left pointing at a deleted parent.
delete from cast_members;
delete from productions;

insert into productions (id, title, genre, budget, image, director, description, ongoing)
values
    (1, 'Hamlet', 'Drama', 100000.0, 'hamlet.jpg', 'Bill Shakespeare', null, true);

insert into cast_members (id, name, role, production_id)
values
    (1, 'Ada Lovelace', 'Hamlet', 1);
