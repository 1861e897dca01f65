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

pub const PRODUCTIONS: &[Production] = &[Production {
    id: 1,
    title: "Hamlet",
    genre: "Drama",
    budget: Some(100000.0),
    image: Some("hamlet.jpg"),
    director: Some("Bill Shakespeare"),
    description: None,
    ongoing: true,
}];

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

pub const CAST_MEMBERS: &[CastMember] = &[CastMember {
    id: 1,
    name: "Ada Lovelace",
    role: "Hamlet",
    production_id: 1,
}];

/// An optional value as text: empty when there is none.
fn text(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}
