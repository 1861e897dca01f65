//! The sample rows, kept in memory. The next lecture moves them into a database.

/// A production, as the in-memory list holds it.
pub struct Production {
    pub id: i64,
    pub title: &'static str,
    pub genre: &'static str,
    pub budget: Option<f64>,
    pub image: Option<&'static str>,
    pub director: Option<&'static str>,
    pub description: Option<&'static str>,
    pub ongoing: bool,
}

impl Production {
    /// Every field as its name and its value as text, for pages to show.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("id", self.id.to_string()),
            ("title", self.title.to_string()),
            ("genre", self.genre.to_string()),
            ("budget", text(self.budget)),
            ("image", text(self.image)),
            ("director", text(self.director)),
            ("description", text(self.description)),
            ("ongoing", self.ongoing.to_string()),
        ]
    }
}

pub const PRODUCTIONS: &[Production] = &[
    Production {
        id: 1,
        title: "Hamlet",
        genre: "Drama",
        budget: Some(100000.0),
        image: Some("hamlet.jpg"),
        director: Some("Bill Shakespeare"),
        description: Some("A prince of Denmark avenges his father, and everyone dies."),
        ongoing: true,
    },
    Production {
        id: 2,
        title: "Cats",
        genre: "Musical",
        budget: Some(250000.0),
        image: Some("cats.jpg"),
        director: Some("Andrew Lloyd Webber"),
        description: Some(
            "Jellicle cats gather for a ball, and one of them is chosen to be reborn.",
        ),
        ongoing: true,
    },
    Production {
        id: 3,
        title: "Carmen",
        genre: "Opera",
        budget: Some(180000.0),
        image: Some("carmen.jpg"),
        director: Some("Georges Bizet"),
        description: Some("A soldier falls for a free spirit in Seville, and cannot let her go."),
        ongoing: false,
    },
    Production {
        id: 4,
        title: "The Importance of Being Earnest",
        genre: "Comedy",
        budget: Some(60000.0),
        image: Some("earnest.jpg"),
        director: Some("Oscar Wilde"),
        description: Some(
            "Two friends invent a brother named Ernest, and both must answer to him.",
        ),
        ongoing: true,
    },
];

/// A cast member, as the in-memory list holds it.
pub struct CastMember {
    pub id: i64,
    pub name: &'static str,
    pub role: &'static str,
    pub production_id: i64,
}

impl CastMember {
    /// Every field as its name and its value as text, for pages to show.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("id", self.id.to_string()),
            ("name", self.name.to_string()),
            ("role", self.role.to_string()),
            ("production_id", self.production_id.to_string()),
        ]
    }
}

pub const CAST_MEMBERS: &[CastMember] = &[
    CastMember {
        id: 1,
        name: "Ada Lovelace",
        role: "Hamlet",
        production_id: 1,
    },
    CastMember {
        id: 2,
        name: "Alan Turing",
        role: "Ophelia",
        production_id: 1,
    },
    CastMember {
        id: 3,
        name: "Grace Hopper",
        role: "Claudius",
        production_id: 1,
    },
    CastMember {
        id: 4,
        name: "Katherine Johnson",
        role: "Grizabella",
        production_id: 2,
    },
    CastMember {
        id: 5,
        name: "Edsger Dijkstra",
        role: "Old Deuteronomy",
        production_id: 2,
    },
    CastMember {
        id: 6,
        name: "Barbara Liskov",
        role: "Carmen",
        production_id: 3,
    },
    CastMember {
        id: 7,
        name: "Donald Knuth",
        role: "Don José",
        production_id: 3,
    },
    CastMember {
        id: 8,
        name: "Margaret Hamilton",
        role: "Lady Bracknell",
        production_id: 4,
    },
    CastMember {
        id: 9,
        name: "Tim Berners-Lee",
        role: "Jack Worthing",
        production_id: 4,
    },
];

/// An optional value as text: empty when there is none.
fn text(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}
