//! Names in the demo book: companies (unique in any book of up to hundreds of thousands
//! of accounts, each hinting at its industry), the customers' people, the CS team and the
//! product's feature catalog.

use super::mix;

/// Made-up brands that read like real companies.
#[rustfmt::skip]
const BRANDS: &[&str] = &[
    "Northwind", "Globex", "Initech", "Hooli", "Stark", "Acme", "Cyberdyne", "Tyrell", "Wonka",
    "Vandelay", "Dunder", "Oscorp", "Monarch", "Aperture", "Gekko", "Nakatomi", "Sterling",
    "Prestige", "Virtucon", "Octan", "Spacely", "Cogswell", "Rekall", "Weyland", "Yoyodyne",
    "Omni", "Encom", "Halcyon", "Meridian", "Evergreen", "Keystone", "Pinnacle", "Cascade",
    "Sable", "Orion", "Atlas", "Vertex", "Quantum", "Helix", "Nimbus", "Beacon", "Copperleaf",
    "Falcon", "Juniper", "Larkspur", "Marigold", "Obsidian", "Paragon", "Solstice", "Tidewater",
    "Vireo", "Zenith", "Crescent", "Ember", "Lumen", "Kestrel", "Arbor", "Calyx", "Dovetail",
    "Fathom", "Hearth", "Indigo", "Kinetic", "Lattice", "Mosaic", "Novus", "Polaris", "Quill",
    "Radiant", "Sequoia", "Tandem", "Vanguard", "Bluth", "Pied Piper", "Massive", "Soylent",
    "Umbrella", "Wayne", "Blue Sun", "Veridian", "Abstergo", "Adventure", "Alpine", "Amber",
    "Apex", "Aurora", "Axiom", "Bastion", "Bellwether", "Boreal", "Brightline", "Canopy",
    "Cardinal", "Catalyst", "Centurion", "Cobalt", "Compass", "Corsair", "Cypress", "Delta",
    "Driftwood", "Eastgate", "Echelon", "Elm Street", "Equinox", "Fairview", "Firefly", "Foxglove",
    "Frontier", "Gallium", "Glacier", "Greystone", "Harborview", "Highland", "Horizon", "Ironclad",
    "Ivory", "Jasper", "Kingfisher", "Lakeside", "Landmark", "Liberty", "Lodestar", "Magnolia",
    "Mariner", "Mercury", "Midland", "Monolith", "Northgate", "Oakridge", "Olympus", "Pacifica",
    "Palisade", "Pioneer", "Prairie", "Quarry", "Redwood", "Riverside", "Saffron", "Sentinel",
    "Sierra", "Skyline", "Stonebridge", "Summit", "Sycamore", "Thornton", "Titan", "Trident",
    "Unity", "Valiant", "Waypoint", "Westbrook", "Wexford", "Windmill",
];

/// First halves of two-word names: "Silver Ridge", "Cedar Creek".
#[rustfmt::skip]
const PREFIXES: &[&str] = &[
    "Silver", "Blue", "Red", "North", "South", "Iron", "Maple", "Cedar", "Oak", "Golden", "Green",
    "Copper", "Granite", "Willow", "Pine", "White", "Bright",
];

/// Second halves of two-word names.
#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "Ridge", "Harbor", "Creek", "Field", "Bay", "Bridge", "Peak", "Valley", "Brook", "Rock",
    "Hill", "Crest", "Haven", "Forge", "Point", "Gate",
];

/// What a company does, and the industry that says (none for words that say nothing).
const TRADES: &[(&str, Option<&str>)] = &[
    ("Logistics", Some("Logistics")),
    ("Freight", Some("Logistics")),
    ("Shipping", Some("Logistics")),
    ("Health", Some("Healthcare")),
    ("Clinics", Some("Healthcare")),
    ("Medical", Some("Healthcare")),
    ("Pharma", Some("Pharma")),
    ("Biotech", Some("Pharma")),
    ("Therapeutics", Some("Pharma")),
    ("Bank", Some("Financial services")),
    ("Capital", Some("Financial services")),
    ("Payments", Some("Financial services")),
    ("Insurance", Some("Insurance")),
    ("Assurance", Some("Insurance")),
    ("Retail", Some("Retail")),
    ("Outfitters", Some("Retail")),
    ("Markets", Some("Retail")),
    ("Foods", Some("Food & beverage")),
    ("Brewing", Some("Food & beverage")),
    ("Software", Some("Software")),
    ("Systems", Some("Software")),
    ("Labs", Some("Software")),
    ("Analytics", Some("Software")),
    ("Cloud", Some("Software")),
    ("Robotics", Some("Manufacturing")),
    ("Manufacturing", Some("Manufacturing")),
    ("Industries", Some("Manufacturing")),
    ("Components", Some("Manufacturing")),
    ("Energy", Some("Energy")),
    ("Power", Some("Energy")),
    ("Media", Some("Media")),
    ("Studios", Some("Media")),
    ("Networks", Some("Telecom")),
    ("Telecom", Some("Telecom")),
    ("Learning", Some("Education")),
    ("Academy", Some("Education")),
    ("Hotels", Some("Hospitality")),
    ("Resorts", Some("Hospitality")),
    ("Realty", Some("Real estate")),
    ("Properties", Some("Real estate")),
    ("Consulting", Some("Professional services")),
    ("Solutions", None),
    ("Dynamics", None),
    ("Works", None),
];

/// Once every plain name is taken, later accounts get what real companies of the same name
/// carry; after those, a number.
const SUFFIXES: &[&str] = &[
    "",
    "Group",
    "International",
    "Holdings",
    "Partners",
    "Worldwide",
];

/// Industries for companies whose name does not say.
#[rustfmt::skip]
pub const INDUSTRIES: &[&str] = &[
    "Software", "Healthcare", "Financial services", "Retail", "Manufacturing", "Logistics",
    "Education", "Media", "Telecom", "Energy", "Insurance", "Hospitality", "Pharma",
    "Public sector", "Professional services",
];

/// Regions, weighted the way a US-based vendor's book is.
#[rustfmt::skip]
pub const REGIONS: &[&str] = &[
    "NA", "NA", "NA", "NA", "EMEA", "EMEA", "EMEA", "APAC", "LATAM",
];

/// How many distinct plain names there are.
fn plain_names() -> u64 {
    ((BRANDS.len() + PREFIXES.len() * NOUNS.len()) * TRADES.len()) as u64
}

/// The name of account `index` in a book made with `seed`, and the industry the name
/// implies. Names are unique across the whole book and do not depend on how many
/// accounts it has: each index maps to its own name through a seeded permutation.
pub fn company(seed: u64, index: usize) -> (String, Option<&'static str>) {
    let per_layer = plain_names();
    let layer = index as u64 / per_layer;
    let n = permute(index as u64 % per_layer, per_layer, seed ^ 0xC0DE_5EED);
    let (first, trade) = (n / TRADES.len() as u64, n % TRADES.len() as u64);
    let (word, industry) = TRADES[trade as usize];
    let first = first as usize;
    let mut name = match BRANDS.get(first) {
        Some(brand) => format!("{brand} {word}"),
        None => {
            let k = first - BRANDS.len();
            format!(
                "{} {} {word}",
                PREFIXES[k / NOUNS.len()],
                NOUNS[k % NOUNS.len()]
            )
        }
    };
    match SUFFIXES.get(layer as usize) {
        Some(&"") => {}
        Some(suffix) => {
            name.push(' ');
            name.push_str(suffix);
        }
        None => {
            name.push(' ');
            name.push_str(&(layer as usize - SUFFIXES.len() + 2).to_string());
        }
    }
    (name, industry)
}

/// A bijection of `0..n` keyed by `key`: a four-round Feistel network over the smallest
/// even power of two covering `n`, walking the cycle until it lands inside `0..n`.
fn permute(x: u64, n: u64, key: u64) -> u64 {
    debug_assert!(x < n);
    let bits = 64 - n.saturating_sub(1).leading_zeros();
    let half = bits.div_ceil(2).max(1);
    let mask = (1u64 << half) - 1;
    let mut v = x;
    loop {
        let (mut left, mut right) = (v >> half, v & mask);
        for round in 0..4u64 {
            let f = mix(key, (right << 2) | round) & mask;
            (left, right) = (right, left ^ f);
        }
        v = (left << half) | right;
        if v < n {
            return v;
        }
    }
}

/// The customers' people.
#[rustfmt::skip]
pub const FIRST_NAMES: &[&str] = &[
    "Maya", "Ravi", "Ann", "Tom", "Priya", "Lucas", "Sofia", "Kenji", "Amara", "Jonas", "Elena",
    "Omar", "Grace", "Mateo", "Hannah", "Wei", "Fatima", "Liam", "Chloe", "Diego", "Aisha", "Noah",
    "Ingrid", "Samuel", "Leila", "Viktor", "Nora", "Tariq", "Julia", "Kwame", "Yuki", "Marco",
    "Zoe", "Arjun", "Clara", "Felix", "Imani", "Oscar", "Rosa", "Hugo", "Mei", "Daniel", "Layla",
    "Erik", "Nadia", "Pablo", "Ruth", "Sean", "Tessa", "Ibrahim", "Beatriz", "Caleb", "Dmitri",
    "Esther", "Farid", "Gemma", "Hiro", "Isla", "Jamal", "Keira", "Lars", "Mariam", "Nikhil",
    "Olivia", "Paul", "Rania", "Stefan", "Tanvi", "Ugo", "Vera", "Will", "Ximena", "Yara", "Zain",
    "Anika", "Brendan", "Carmen", "Dev", "Emily", "Gabriel",
];

#[rustfmt::skip]
pub const LAST_NAMES: &[&str] = &[
    "Chen", "Patel", "Lee", "Ruiz", "Okafor", "Reyes", "Novak", "Tanaka", "Schmidt", "Haddad",
    "Kowalski", "Nguyen", "Silva", "Andersen", "Murphy", "Rossi", "Kim", "Mensah", "Dubois",
    "Garcia", "Johansson", "Ahmed", "Fischer", "Costa", "Ivanova", "Walsh", "Okonkwo", "Moreau",
    "Sato", "Brennan", "Lindqvist", "Mehta", "Oyelaran", "Park", "Quinn", "Romero", "Singh",
    "Torres", "Varga", "Yilmaz", "Abbott", "Bauer", "Castillo", "Doyle", "Eriksen", "Fontaine",
    "Gupta", "Hughes", "Ito", "Jensen", "Khan", "Larsen", "Martin", "Nakamura", "O'Brien",
    "Petrov", "Rahman", "Santos", "Thompson", "Ueda", "Vasquez", "Wagner", "Xu", "Young", "Zhang",
    "Adeyemi", "Bianchi", "Cohen", "Delgado", "Evans",
];

/// The demo team's CSMs, in `tm-1`, `tm-2`, ... order; a bigger team draws more names.
pub const CSM_NAMES: &[&str] = &[
    "Dana Okafor",
    "Mia Reyes",
    "Sam Whitfield",
    "Priya Raman",
    "Leo Martins",
    "Hana Kobayashi",
    "Ezra Cole",
    "Ines Duarte",
    "Owen Brandt",
    "Talia Novak",
    "Marcus Hale",
    "Freya Lund",
];

pub const MANAGER_NAME: &str = "Jordan Lee";

/// The product's feature catalog; `true` marks the key features adoption counts.
pub const FEATURES: &[(&str, bool)] = &[
    ("Dashboards", true),
    ("Workflow automation", true),
    ("Integrations", true),
    ("Reporting", true),
    ("Alerts", true),
    ("Mobile app", true),
    ("API access", true),
    ("SSO", true),
    ("Data export", false),
    ("Custom fields", false),
    ("Templates", false),
    ("Comments", false),
    ("Audit log", false),
    ("Sandbox", false),
];

/// How many of the catalog's features are key features.
pub fn key_feature_count() -> i64 {
    FEATURES.iter().filter(|(_, key)| *key).count() as i64
}

/// A person's name as an email local part: "Liam O'Brien" -> "liam.obrien".
pub fn email_local(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        match ch {
            ' ' => out.push('.'),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out
}

/// A company's web domain: "Silver Ridge Logistics" -> "silverridgelogistics.example".
pub fn domain(company: &str) -> String {
    let mut out: String = company
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    out.push_str(".example");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_permutation_is_a_bijection() {
        for n in [1u64, 2, 3, 10, 1000, 4097] {
            let mut seen: Vec<u64> = (0..n).map(|x| permute(x, n, 99)).collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn names_are_unique_across_layers() {
        let n = plain_names() as usize * 2 + 500;
        let mut names: Vec<String> = (0..n).map(|i| company(42, i).0).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    #[test]
    fn emails_and_domains_keep_letters_and_digits() {
        assert_eq!(email_local("Liam O'Brien"), "liam.obrien");
        assert_eq!(domain("Pied Piper Labs"), "piedpiperlabs.example");
    }
}
