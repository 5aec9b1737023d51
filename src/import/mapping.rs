//! Which column feeds which field: a custom map's `[columns]` first (our field = their
//! header), then the headers other systems use; each column feeds one field at most. A
//! custom map's `[values]` tables translate cells (their plan tier to our segment). What
//! was ignored, and what is missing, is told, never guessed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::fields::{Field, Kind, fields, key, left_out};

/// A custom map, as read from its TOML file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomMap {
    /// Our field name = their column header.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Per field: their value = ours.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

impl CustomMap {
    /// Reads a map file; errors name the file, line and column.
    pub fn load(path: &Path) -> Result<CustomMap, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| crate::config::line_col(&text, s.start))
                .unwrap_or((1, 1));
            format!("{}:{line}:{col}: {}", path.display(), e.message())
        })
    }
}

/// The columns each field reads, and what was left over.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// Field name and the column it reads, in the kind's field order.
    pub used: Vec<(&'static Field, usize)>,
    /// Headers no field reads, with why when they are known.
    pub ignored: Vec<(String, Option<&'static str>)>,
    /// Optional fields the file does not have.
    pub missing: Vec<&'static Field>,
    /// Value translations, by field name, keys lower-cased.
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// The file's headers.
    pub headers: Vec<String>,
}

impl Mapping {
    /// The column `field` reads, if any.
    pub fn column(&self, field: &str) -> Option<usize> {
        self.used
            .iter()
            .find(|(f, _)| f.name == field)
            .map(|(_, c)| *c)
    }

    /// The header of the column `field` reads.
    pub fn header_of(&self, field: &str) -> Option<&str> {
        self.column(field)
            .and_then(|c| self.headers.get(c))
            .map(String::as_str)
    }

    /// A cell as the map translates it for `field`.
    pub fn translate<'a>(&'a self, field: &str, cell: &'a str) -> &'a str {
        self.values
            .get(field)
            .and_then(|t| t.get(&cell.to_lowercase()))
            .map_or(cell, String::as_str)
    }
}

/// Each header as compared: its key, and for a dotted header (`event_properties.
/// subscription_id`, `metric_set.solved_at`, as analytics tools and desks flatten their
/// objects) the key of its last part too.
struct Keys {
    full: Vec<String>,
    tails: Vec<Option<String>>,
}

impl Keys {
    fn of(headers: &[String]) -> Keys {
        Keys {
            full: headers.iter().map(|h| key(h)).collect(),
            tails: headers
                .iter()
                .map(|h| match h.rsplit_once('.') {
                    Some((_, last)) => Some(key(last)),
                    // "Created (UTC)", as a dashboard export labels its times.
                    None => {
                        let k = key(h);
                        ["utc", "gmt"]
                            .iter()
                            .find_map(|z| k.strip_suffix(z))
                            .filter(|bare| !bare.is_empty())
                            .map(str::to_string)
                    }
                })
                .collect(),
        }
    }

    /// The first column, not yet taken, whose header is one of `field`'s aliases; a
    /// dotted header's last part answers when no whole header does.
    fn find(&self, field: &Field, taken: &[bool]) -> Option<usize> {
        let n = self.full.len();
        let whole = field
            .aliases
            .iter()
            .find_map(|a| (0..n).find(|&i| !taken[i] && self.full[i] == *a));
        whole.or_else(|| {
            field
                .aliases
                .iter()
                .find_map(|a| (0..n).find(|&i| !taken[i] && self.tails[i].as_deref() == Some(*a)))
        })
    }
}

/// What csm would read each of `all`'s fields from in a file with `headers`, by the
/// headers other systems use alone: the column of each field it finds one for.
pub fn guesses(all: &'static [Field], headers: &[String]) -> Vec<(&'static Field, Option<usize>)> {
    let keys = Keys::of(headers);
    let mut taken = vec![false; headers.len()];
    all.iter()
        .map(|field| {
            let found = keys.find(field, &taken);
            if let Some(i) = found {
                taken[i] = true;
            }
            (field, found)
        })
        .collect()
}

/// Maps `headers` to `kind`'s fields.
pub fn map(kind: Kind, headers: &[String], custom: &CustomMap) -> Result<Mapping, Vec<String>> {
    map_fields(kind, fields(kind), headers, custom)
}

/// Maps `headers` to `all`, a set of fields of `kind`'s files.
pub fn map_fields(
    kind: Kind,
    all: &'static [Field],
    headers: &[String],
    custom: &CustomMap,
) -> Result<Mapping, Vec<String>> {
    let mut problems = Vec::new();
    for name in custom.columns.keys().chain(custom.values.keys()) {
        if !all.iter().any(|f| f.name == name) {
            problems.push(format!(
                "the map names `{name}`, which {} files do not have (csm import --fields {})",
                kind.as_str(),
                kind.as_str()
            ));
        }
    }
    let matched = Keys::of(headers);
    let keys = &matched.full;
    let mut taken = vec![false; headers.len()];
    let mut used = Vec::new();
    let mut missing = Vec::new();
    for field in all {
        let found = match custom.columns.get(field.name) {
            Some(theirs) => {
                let at = headers
                    .iter()
                    .position(|h| h.eq_ignore_ascii_case(theirs.trim()))
                    .or_else(|| keys.iter().position(|k| *k == key(theirs)));
                if at.is_none() {
                    problems.push(format!(
                        "the map reads `{}` from column `{theirs}`, which the file's header does not have",
                        field.name
                    ));
                }
                at
            }
            None => matched.find(field, &taken),
        };
        match found {
            Some(i) if !taken[i] => {
                taken[i] = true;
                used.push((field, i));
            }
            Some(i) => problems.push(format!(
                "column `{}` is mapped to two fields; name one of them in the map",
                headers[i]
            )),
            None if field.required => {
                let like: Vec<&str> = field.aliases.iter().take(3).copied().collect();
                problems.push(format!(
                    "the file has no column for `{}` ({}); expected a header like {}, or name it in a --map file's [columns]",
                    field.name,
                    field.meaning,
                    like.join(", ")
                ));
            }
            None => missing.push(field),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let ignored = headers
        .iter()
        .zip(keys)
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|((h, k), _)| (h.clone(), left_out(kind, k)))
        .collect();
    let values = custom
        .values
        .iter()
        .map(|(field, t)| {
            (
                field.clone(),
                t.iter()
                    .map(|(from, to)| (from.to_lowercase(), to.clone()))
                    .collect(),
            )
        })
        .collect();
    Ok(Mapping {
        used,
        ignored,
        missing,
        values,
        headers: headers.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    fn names(m: &Mapping) -> Vec<(&str, usize)> {
        m.used.iter().map(|(f, c)| (f.name, *c)).collect()
    }

    #[test]
    fn salesforce_api_names_in_any_case_and_report_labels() {
        let api = map(
            Kind::Accounts,
            &headers(&["ID", "NAME", "OWNERID", "INDUSTRY", "AnnualRevenue"]),
            &CustomMap::default(),
        )
        .unwrap();
        assert_eq!(
            names(&api),
            [
                ("external_id", 0),
                ("name", 1),
                ("owner", 2),
                ("industry", 3)
            ]
        );
        assert!(api.ignored[0].1.unwrap().contains("never our ARR"));
        let report = map(
            Kind::Accounts,
            &headers(&["Account ID", "Account Name", "Account Owner"]),
            &CustomMap::default(),
        )
        .unwrap();
        assert_eq!(
            names(&report),
            [("external_id", 0), ("name", 1), ("owner", 2)]
        );
    }

    #[test]
    fn hubspot_churnzero_and_gainsight_headers() {
        let hubspot = map(
            Kind::Accounts,
            &headers(&["Record ID", "Company name", "Company owner"]),
            &CustomMap::default(),
        )
        .unwrap();
        assert_eq!(
            names(&hubspot),
            [("external_id", 0), ("name", 1), ("owner", 2)]
        );
        let churnzero = map(
            Kind::Contracts,
            &headers(&[
                "accountExternalId",
                "StartDate",
                "NextRenewalDate",
                "TotalContractAmount",
            ]),
            &CustomMap::default(),
        )
        .unwrap();
        assert_eq!(
            names(&churnzero),
            [("account", 0), ("starts_on", 1), ("ends_on", 2), ("arr", 3)]
        );
        let cz_accounts = map(
            Kind::Accounts,
            &headers(&[
                "accountExternalId",
                "Name",
                "OwnerUserAccount",
                "LicenseCount",
            ]),
            &CustomMap::default(),
        )
        .unwrap();
        assert_eq!(
            names(&cz_accounts),
            [
                ("external_id", 0),
                ("name", 1),
                ("owner", 2),
                ("licensed_seats", 3)
            ]
        );
        let gainsight = map(
            Kind::Accounts,
            &headers(&["Name", "ARR", "CSM", "Renewal Date", "NPS"]),
            &CustomMap::default(),
        )
        .unwrap();
        assert_eq!(names(&gainsight), [("name", 0), ("owner", 2), ("arr", 1)]);
        assert!(gainsight.ignored.iter().all(|(_, why)| why.is_some()));
        assert!(gainsight.missing.iter().any(|f| f.name == "external_id"));
    }

    #[test]
    fn a_custom_map_names_columns_and_translates_values() {
        let custom: CustomMap = toml::from_str(
            "[columns]\nsegment = \"Plan Tier\"\n[values.segment]\nGold = \"enterprise\"\n",
        )
        .unwrap();
        let m = map(
            Kind::Accounts,
            &headers(&["Id", "Name", "Plan Tier"]),
            &custom,
        )
        .unwrap();
        assert_eq!(m.column("segment"), Some(2));
        assert_eq!(m.translate("segment", "GOLD"), "enterprise");
        assert_eq!(m.translate("segment", "Bronze"), "Bronze");
    }

    #[test]
    fn a_missing_required_column_and_a_wrong_map_are_told() {
        let err = map(
            Kind::Contracts,
            &headers(&["Account", "Amount"]),
            &CustomMap::default(),
        )
        .unwrap_err();
        assert!(
            err.iter().any(|e| e.contains("no column for `starts_on`")),
            "{err:?}"
        );
        let custom: CustomMap =
            toml::from_str("[columns]\nname = \"Nom\"\nsize = \"x\"\n").unwrap();
        let err = map(Kind::Accounts, &headers(&["Id", "Name"]), &custom).unwrap_err();
        assert!(err.iter().any(|e| e.contains("`size`")), "{err:?}");
        assert!(err.iter().any(|e| e.contains("column `Nom`")), "{err:?}");
    }
}
