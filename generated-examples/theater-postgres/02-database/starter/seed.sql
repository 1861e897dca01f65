-- Sample data for `cargo run -- seed`. It runs in one transaction and replaces every row,
-- so seeding twice gives the same result as seeding once.

-- Children first, so that no row is left pointing at a deleted parent.
delete from cast_members;
delete from productions;

insert into productions (id, title, genre, budget, image, director, description, ongoing)
overriding system value
values
    (1, 'Hamlet', 'Drama', 100000.0, 'hamlet.jpg', 'Bill Shakespeare', 'A prince of Denmark avenges his father, and everyone dies.', true),
    (2, 'Cats', 'Musical', 250000.0, 'cats.jpg', 'Andrew Lloyd Webber', 'Jellicle cats gather for a ball, and one of them is chosen to be reborn.', true),
    (3, 'Carmen', 'Opera', 180000.0, 'carmen.jpg', 'Georges Bizet', 'A soldier falls for a free spirit in Seville, and cannot let her go.', false),
    (4, 'The Importance of Being Earnest', 'Comedy', 60000.0, 'earnest.jpg', 'Oscar Wilde', 'Two friends invent a brother named Ernest, and both must answer to him.', true);

insert into cast_members (id, name, role, production_id)
overriding system value
values
    (1, 'Ada Lovelace', 'Hamlet', 1),
    (2, 'Alan Turing', 'Ophelia', 1),
    (3, 'Grace Hopper', 'Claudius', 1),
    (4, 'Katherine Johnson', 'Grizabella', 2),
    (5, 'Edsger Dijkstra', 'Old Deuteronomy', 2),
    (6, 'Barbara Liskov', 'Carmen', 3),
    (7, 'Donald Knuth', 'Don José', 3),
    (8, 'Margaret Hamilton', 'Lady Bracknell', 4),
    (9, 'Tim Berners-Lee', 'Jack Worthing', 4);

-- The rows above give their own ids, which PostgreSQL's counters do not see: each table's
-- next id is moved past its largest.
select setval(pg_get_serial_sequence('productions', 'id'), max(id)) from productions;
select setval(pg_get_serial_sequence('cast_members', 'id'), max(id)) from cast_members;
