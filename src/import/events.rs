//! Usage as raw events (account or subscription, when, feature, user, count) rolled up
//! into weeks starting on Monday: the week's active users are its distinct users (or,
//! without a user column, the largest count of one feature on one day: at least that
//! many people were active), its sessions the sum of the counts, and its key features
//! the distinct key features used (all features, when the book marks none as key).

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate};

use super::rows::{Reading, each_row};
use super::table::{Summary, TableReader};
use crate::book::import::UsageIn;

/// One account's week, being added up.
#[derive(Default)]
struct Week {
    first_line: usize,
    account_column: usize,
    users: HashSet<String>,
    largest_count: i64,
    sessions: i64,
    features: HashSet<String>,
}

/// The Monday that starts `day`'s week.
fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Reads event rows and rolls them up; `key_features` are lower-cased names. An event
/// keyed by a subscription (a contract's external id in `subscriptions`) counts toward
/// that subscription's account, so an account's week adds up all its subscriptions.
pub fn weeks(
    table: TableReader<'_>,
    how: Reading<'_>,
    key_features: &HashSet<String>,
    subscriptions: &HashMap<String, String>,
) -> Result<(Vec<UsageIn>, Summary), String> {
    let with_users = how.map.column("user").is_some();
    let (events, summary) = each_row(table, how, |c| {
        let account = c.required("account");
        let on = c.required("occurred_on").and(c.date("occurred_on"));
        let count = c.count("count").unwrap_or(1);
        let (account, column) = account?;
        let account = match subscriptions.get(&account) {
            Some(owner) => {
                c.note("keyed by a subscription: counted toward its account");
                owner.clone()
            }
            None => account,
        };
        Some((
            c.row.line,
            account,
            column,
            on?,
            c.text("feature"),
            c.text("user"),
            count,
        ))
    })?;
    let mut by_week: HashMap<(String, NaiveDate), Week> = HashMap::new();
    let mut per_day: HashMap<(String, NaiveDate, Option<String>), i64> = HashMap::new();
    for (line, account, column, on, feature, user, count) in events {
        let week = by_week
            .entry((account.clone(), monday(on)))
            .or_insert_with(|| Week {
                first_line: line,
                account_column: column,
                ..Week::default()
            });
        week.sessions += count;
        if let Some(u) = user {
            week.users.insert(u);
        }
        if let Some(f) = &feature {
            let name = f.to_lowercase();
            if key_features.is_empty() || key_features.contains(&name) {
                week.features.insert(name);
            }
        }
        if !with_users {
            let n = per_day.entry((account, on, feature)).or_default();
            *n += count;
            week.largest_count = week.largest_count.max(*n);
        }
    }
    let mut rows: Vec<UsageIn> = by_week
        .into_iter()
        .map(|((account, week_start), w)| UsageIn {
            line: w.first_line,
            account,
            account_column: w.account_column,
            week_start,
            active_users: if with_users {
                w.users.len() as i64
            } else {
                w.largest_count
            },
            licensed_seats: None,
            sessions: w.sessions,
            key_features_used: w.features.len() as i64,
        })
        .collect();
    rows.sort_by_key(|r| r.line);
    Ok((rows, summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::fields::{Kind, USAGE_EVENTS};
    use crate::import::mapping::{CustomMap, map_fields};

    #[test]
    fn events_roll_up_into_monday_weeks_with_distinct_users_and_key_features() {
        let text = "account,timestamp,feature,user_id,count\n\
            a,2026-02-23T09:00:00Z,Dashboards,u1,2\n\
            a,2026-02-24,Reports,u2,1\n\
            a,2026-03-01,Dashboards,u1,4\n\
            a,2026-03-02,Dashboards,u3,1\n\
            b,2026-02-25,Export,u9,1\n";
        let table = TableReader::open(text, None).unwrap();
        let map = map_fields(
            Kind::Usage,
            USAGE_EVENTS,
            &table.headers,
            &CustomMap::default(),
        )
        .unwrap();
        let how = Reading {
            map: &map,
            dates: None,
            currency: Default::default(),
            today: "2026-03-02".parse().unwrap(),
        };
        let keys: HashSet<String> = ["dashboards".to_string(), "reports".into()].into();
        let (rows, _) = weeks(table, how, &keys, &HashMap::new()).unwrap();
        let shape: Vec<(&str, String, i64, i64, i64)> = rows
            .iter()
            .map(|r| {
                (
                    r.account.as_str(),
                    r.week_start.to_string(),
                    r.active_users,
                    r.sessions,
                    r.key_features_used,
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                ("a", "2026-02-23".to_string(), 2, 7, 2),
                ("a", "2026-03-02".to_string(), 1, 1, 1),
                ("b", "2026-02-23".to_string(), 1, 1, 0),
            ]
        );
    }
}
