//! Usage events told by what their columns hold, whatever their headers are called: a file
//! of dated rows with a feature and a count is events. Read only when no header names the
//! fields: the first rows show which column holds days, which holds ids the book knows as
//! accounts or subscriptions, which holds a count and which a handful of feature names.

use std::collections::HashSet;

use super::fields::{Kind, USAGE_EVENTS, key};
use super::file::Known;
use super::mapping::{CustomMap, Mapping, map_fields};
use super::table::TableReader;
use super::values::{date, whole};

/// Rows looked at.
const SAMPLE: usize = 200;

/// The events mapping the contents of `text` suggest, with what was recognised, or None
/// when they do not read as events.
pub fn events_by_content(
    text: &str,
    delimiter: Option<u8>,
    known: &Known,
) -> Option<(Mapping, String)> {
    let table = TableReader::open(text, delimiter).ok()?;
    let headers = table.headers.clone();
    let mut rows: Vec<Vec<String>> = Vec::new();
    table
        .rows(|r| {
            if rows.len() < SAMPLE {
                rows.push(r.cells().map(str::to_string).collect());
            }
        })
        .ok()?;
    if rows.len() < 2 {
        return None;
    }
    let column = |i: usize| {
        rows.iter()
            .map(move |r| r.get(i).map_or("", String::as_str))
    };
    let filled = |i: usize| column(i).filter(|c| !c.is_empty()).collect::<Vec<_>>();
    let all = |i: usize, f: &dyn Fn(&str) -> bool| {
        let cells = filled(i);
        !cells.is_empty() && cells.iter().all(|c| f(c))
    };
    let n = headers.len();
    let is_date = |c: &str| whole(c).is_err() && date(c, None).is_ok();
    let occurred = (0..n).find(|&i| all(i, &is_date))?;
    // The account: the column whose values the book knows best as accounts or subscriptions.
    let known_share = |i: usize| {
        let cells = filled(i);
        let hits = cells
            .iter()
            .filter(|c| known.accounts.contains(**c) || known.subscriptions.contains_key(**c))
            .count();
        (hits * 100) / cells.len().max(1)
    };
    let account = (0..n)
        .filter(|&i| i != occurred)
        .max_by_key(|&i| known_share(i))
        .filter(|&i| known_share(i) >= 50)?;
    let distinct = |i: usize| filled(i).into_iter().collect::<HashSet<_>>().len();
    let count = (0..n)
        .filter(|&i| i != occurred && i != account)
        .filter(|&i| all(i, &|c| whole(c).is_ok_and(|v| v >= 0)))
        // A count is small and repeats; a duration or an id is neither.
        .filter(|&i| {
            let k = key(&headers[i]);
            !(k.contains("duration")
                || k.contains("seconds")
                || k.contains("minutes")
                || k.ends_with("id"))
        })
        .min_by_key(|&i| distinct(i));
    let texts: Vec<usize> = (0..n)
        .filter(|&i| i != occurred && i != account && Some(i) != count)
        .filter(|&i| all(i, &|c| whole(c).is_err()))
        .collect();
    // Features repeat across rows; users are many.
    let feature = texts
        .iter()
        .copied()
        .filter(|&i| distinct(i) * 2 <= filled(i).len())
        .min_by_key(|&i| distinct(i))?;
    let user = texts
        .iter()
        .copied()
        .filter(|&i| i != feature)
        .max_by_key(|&i| distinct(i));
    let mut custom = CustomMap::default();
    let mut said = Vec::new();
    for (field, at, what) in [
        ("account", Some(account), "ids the book knows"),
        ("occurred_on", Some(occurred), "dates"),
        ("feature", Some(feature), "a few repeated names"),
        ("count", count, "small whole numbers"),
        ("user", user, "many distinct names"),
    ] {
        if let Some(i) = at {
            custom.columns.insert(field.to_string(), headers[i].clone());
            said.push(format!("{field} <- {} ({what})", headers[i]));
        }
    }
    let mapping = map_fields(Kind::Usage, USAGE_EVENTS, &headers, &custom).ok()?;
    Some((
        mapping,
        format!(
            "no header names a usage field: read as events by what the columns hold: {}",
            said.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_rows_with_a_feature_and_a_count_read_as_events_whatever_their_headers() {
        let text = "c1,c2,c3,c4,c5\n\
            2026-02-23,sub_9,Dashboards,3,u1\n\
            2026-02-24,sub_9,Reports,1,u2\n\
            2026-02-24,acc-2,Dashboards,2,u3\n\
            2026-02-25,acc-2,Dashboards,5,u4\n";
        let known = Known {
            accounts: ["acc-2".to_string()].into(),
            subscriptions: [("sub_9".to_string(), "acc-1".to_string())].into(),
            ..Known::default()
        };
        let (m, said) = events_by_content(text, None, &known).unwrap();
        let fed: Vec<(&str, usize)> = m.used.iter().map(|(f, c)| (f.name, *c)).collect();
        assert_eq!(
            fed,
            [
                ("account", 1),
                ("occurred_on", 0),
                ("feature", 2),
                ("user", 4),
                ("count", 3)
            ]
        );
        assert!(said.contains("by what the columns hold"), "{said}");
    }

    #[test]
    fn rows_the_book_does_not_know_are_not_guessed_at() {
        let text = "a,b,c\n2026-02-23,x,1\n2026-02-24,y,2\n";
        assert!(events_by_content(text, None, &Known::default()).is_none());
    }
}
