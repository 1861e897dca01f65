//! Plausible text for generated rows: a person's name for `director`, a city for `city`,
//! a sentence for a `text` field, chosen from the field's name and type.
//!
//! Values come from the `fake` crate with a generator seeded from the resource, the field and
//! the row number, so the same spec always gives the same rows (`fake` is pinned by
//! `Cargo.lock`, and Xoshiro256++ is a named algorithm whose output does not change).

use fake::Fake;
use fake::faker::phone_number::en as phone;
use fake::faker::{address::en as address, company::en as company, internet::en as internet};
use fake::faker::{job::en as job, lorem::en as lorem, name::en as name};
use fake::rand::SeedableRng;
use fake::rand::rngs::Xoshiro256PlusPlus;

use super::{Field, FieldType};
use crate::naming::ResourceNames;
use crate::naming::capitalize;

/// Resources whose rows are people, so that their `name` is a person's name.
const PEOPLE: &[&str] = &[
    "person",
    "user",
    "member",
    "author",
    "artist",
    "student",
    "teacher",
    "customer",
    "client",
    "employee",
    "speaker",
    "guest",
    "player",
    "contact",
    "patient",
    "volunteer",
    "actor",
    "musician",
    "cast_member",
    "owner",
    "reviewer",
    "instructor",
    "attendee",
    "chef",
];

/// Fields whose value is a person's name, whatever the resource.
const PERSON_FIELDS: &[&str] = &[
    "author",
    "director",
    "artist",
    "composer",
    "host",
    "owner",
    "coach",
    "manager",
    "full_name",
    "contact",
    "organizer",
    "organiser",
    "instructor",
    "teacher",
    "speaker",
    "chef",
    "editor",
];

/// What kind of text suits a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    PersonName,
    FirstName,
    LastName,
    Username,
    Email,
    City,
    Country,
    Street,
    Phone,
    Company,
    Job,
    Title,
    Words,
    Prose,
}

fn kind(resource: &ResourceNames, field: &Field) -> Kind {
    let name = field.names.name.as_str();
    let has = |part: &str| name.split('_').any(|p| p == part);
    match name {
        _ if field.ty == FieldType::Email => Kind::Email,
        _ if field.ty == FieldType::Text => Kind::Prose,
        "first_name" | "given_name" => Kind::FirstName,
        "last_name" | "surname" | "family_name" => Kind::LastName,
        "username" | "login" | "handle" | "nickname" => Kind::Username,
        "name" if PEOPLE.iter().any(|p| resource.singular.ends_with(p)) => Kind::PersonName,
        _ if PERSON_FIELDS.contains(&name) => Kind::PersonName,
        _ if has("city") || has("town") => Kind::City,
        _ if has("country") => Kind::Country,
        _ if has("street") || has("address") => Kind::Street,
        _ if has("phone") || has("mobile") => Kind::Phone,
        _ if has("company") || has("publisher") || has("organization") || has("employer") => {
            Kind::Company
        }
        _ if has("job") || has("position") || has("profession") || has("occupation") => Kind::Job,
        _ if has("title") || has("headline") || has("subject") => Kind::Title,
        _ if has("description") || has("summary") || has("bio") || has("notes") => Kind::Prose,
        _ => Kind::Words,
    }
}

/// A stable 64-bit hash (FNV-1a): `std`'s hasher may change between Rust releases.
fn seed(parts: &[&str], n: usize) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.join("\0").bytes().chain(n.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Plausible text for row `n` of a text-like field (`string`, `text`, `email`), if its name
/// suggests any: the first candidate for its sample values, which must still pass its rules.
pub fn plausible(resource: &ResourceNames, field: &Field, n: usize) -> Option<String> {
    if !matches!(
        field.ty,
        FieldType::String | FieldType::Text | FieldType::Email
    ) {
        return None;
    }
    let mut rng =
        Xoshiro256PlusPlus::seed_from_u64(seed(&[&resource.singular, &field.names.name], n));
    let text: String = match kind(resource, field) {
        Kind::PersonName => name::Name().fake_with_rng(&mut rng),
        Kind::FirstName => name::FirstName().fake_with_rng(&mut rng),
        Kind::LastName => name::LastName().fake_with_rng(&mut rng),
        Kind::Username => internet::Username().fake_with_rng(&mut rng),
        // `fake` only uses the example.com, .org and .net domains, reserved for examples.
        Kind::Email => internet::SafeEmail().fake_with_rng(&mut rng),
        Kind::City => address::CityName().fake_with_rng(&mut rng),
        Kind::Country => address::CountryName().fake_with_rng(&mut rng),
        Kind::Street => {
            let number: String = address::BuildingNumber().fake_with_rng(&mut rng);
            let street: String = address::StreetName().fake_with_rng(&mut rng);
            format!("{number} {street}")
        }
        Kind::Phone => phone::PhoneNumber().fake_with_rng(&mut rng),
        Kind::Company => company::CompanyName().fake_with_rng(&mut rng),
        Kind::Job => job::Title().fake_with_rng(&mut rng),
        Kind::Title => capitalize(&company::CatchPhrase().fake_with_rng::<String, _>(&mut rng)),
        Kind::Words => {
            let adjective: String = company::BsAdj().fake_with_rng(&mut rng);
            let noun: String = company::BsNoun().fake_with_rng(&mut rng);
            capitalize(&format!("{adjective} {noun}"))
        }
        // Placeholder prose, as designers use: it reads as text without saying anything.
        Kind::Prose => capitalize(&lorem::Sentence(6..12).fake_with_rng::<String, _>(&mut rng)),
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naming::FieldNames;
    use crate::spec::Rules;

    fn field(name: &str, ty: FieldType) -> Field {
        Field {
            names: FieldNames::new(name),
            ty,
            rules: Rules::default(),
        }
    }

    #[test]
    fn kinds_follow_the_field_and_resource_names() {
        let person = ResourceNames::new("cast_member", None);
        let stage = ResourceNames::new("stage", None);
        let string = |n| field(n, FieldType::String);
        assert_eq!(kind(&person, &string("name")), Kind::PersonName);
        assert_eq!(kind(&stage, &string("name")), Kind::Words);
        assert_eq!(kind(&stage, &string("director")), Kind::PersonName);
        assert_eq!(kind(&stage, &string("home_city")), Kind::City);
        assert_eq!(kind(&stage, &field("name", FieldType::Email)), Kind::Email);
        assert_eq!(kind(&stage, &field("where", FieldType::Text)), Kind::Prose);
    }

    #[test]
    fn the_same_row_gets_the_same_text_and_rows_differ() {
        let resource = ResourceNames::new("person", None);
        let f = field("name", FieldType::String);
        assert_eq!(plausible(&resource, &f, 2), plausible(&resource, &f, 2));
        assert_ne!(plausible(&resource, &f, 2), plausible(&resource, &f, 3));
        assert_eq!(
            plausible(&resource, &field("age", FieldType::Integer), 1),
            None
        );
    }
}
