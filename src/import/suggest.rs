//! `csm import --suggest-map KIND FILE`: a map file written from an export's headers,
//! with every guess csm makes spelled out, each column it found no field for listed, and
//! each field no column feeds left commented, ready to edit and pass back with `--map`.

use std::path::Path;

use super::decode;
use super::fields::{Field, Kind, USAGE_EVENTS, fields, key, left_out};
use super::file::Options;
use super::mapping::guesses;
use super::table::TableReader;

/// The map file for `path` read as `kind`.
pub fn suggest_map(kind: Kind, path: &Path, options: &Options) -> Result<String, String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
    let text =
        decode::decode(&bytes, options.encoding.as_deref()).map_err(|e| format!("{name}: {e}"))?;
    let headers = TableReader::open(&text.text, options.delimiter)
        .map_err(|e| format!("{name}: {e}"))?
        .headers;
    // Usage files hold weeks or raw events: the shape that reads more of the file.
    let all: &'static [Field] = match kind {
        Kind::Usage => {
            let found = |fs: &'static [Field]| {
                guesses(fs, &headers)
                    .iter()
                    .filter(|g| g.1.is_some())
                    .count()
            };
            if found(USAGE_EVENTS) > found(fields(kind)) {
                USAGE_EVENTS
            } else {
                fields(kind)
            }
        }
        _ => fields(kind),
    };
    let guessed = guesses(all, &headers);
    let mut out = format!(
        "# A map for `csm import {kind} {name} --map THIS-FILE`.\n\
         # [columns]: our field = \"their header\". Every line below is a guess csm made from\n\
         # the headers: check each one, change or delete it. Fields no column feeds yet are\n\
         # commented out; give one its header to read it. `csm import --fields {kind}` says\n\
         # what each field means.\n\n[columns]\n",
        kind = kind.as_str()
    );
    for (field, column) in &guessed {
        if let Some(c) = column {
            out.push_str(&format!("{} = {}\n", field.name, quoted(&headers[*c])));
        }
    }
    let unfed: Vec<&&Field> = guessed
        .iter()
        .filter(|g| g.1.is_none())
        .map(|g| &g.0)
        .collect();
    if !unfed.is_empty() {
        out.push_str("\n# Fields no column feeds yet:\n");
        for field in unfed {
            out.push_str(&format!(
                "# {} = \"\"{}    # {}: {}\n",
                field.name,
                if field.required { "  # REQUIRED" } else { "" },
                field.kind.label(),
                field.meaning
            ));
        }
    }
    let fed: Vec<usize> = guessed.iter().filter_map(|g| g.1).collect();
    let unread: Vec<(usize, &String)> = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| !fed.contains(i))
        .collect();
    if !unread.is_empty() {
        out.push_str("\n# Columns of the file no field reads (left out of the import):\n");
        for (_, h) in unread {
            match left_out(kind, &key(h)) {
                Some(why) => out.push_str(&format!("#   {h}: {why}\n")),
                None => out.push_str(&format!("#   {h}\n")),
            }
        }
    }
    out.push_str(
        "\n# Their words for ours, for a field of fixed terms (segment, lifecycle_stage, role,\n\
         # priority, kind...), e.g.:\n\
         # [values.segment]\n\
         # \"Gold\" = \"enterprise\"\n\
         # \"Silver\" = \"mid_market\"\n",
    );
    Ok(out)
}

/// A TOML string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::mapping::CustomMap;

    #[test]
    fn the_suggested_map_reads_back_as_the_guesses_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("subs.csv");
        std::fs::write(
            &path,
            "id,customer,status,plan_interval,mrr,start_date,current_period_end,coupon\n\
             sub_1,cus_1,active,month,100,2025-01-01,2026-01-01,\n",
        )
        .unwrap();
        let text = suggest_map(Kind::Contracts, &path, &Options::default()).unwrap();
        let map: CustomMap = toml::from_str(&text).unwrap();
        assert_eq!(map.columns["account"], "customer");
        assert_eq!(map.columns["mrr"], "mrr");
        assert_eq!(map.columns["billing_period"], "plan_interval");
        assert!(!map.columns.contains_key("arr"));
        assert!(text.contains("# arr = \"\""), "{text}");
        assert!(text.contains("#   coupon"), "{text}");
    }
}
