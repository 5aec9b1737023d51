//! Reading a queue: one account's or one CSM's in one pass; a whole team's a slice of
//! the book at a time (accounts by id), on two connections at once when the book is a
//! file, each slice ranked and cut to the rows that could be listed before the next is
//! read, so the rows a queue holds do not grow with the book (each unlisted account
//! keeps only its share of the counts). The first slice is a
//! small one, and its rows can be shown while the rest is read.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{LISTED_AT_MOST, Queue, Scope};
use crate::book::{Book, BookError};
use crate::domain::health::HealthRules;
use crate::domain::today::Dismissal;
use crate::domain::today::{Answering, ByAccount, TodayRules};

/// How a whole team's queue is read: how many accounts (by id) a slice covers, and how
/// many rows it lists.
#[derive(Debug, Clone, Copy)]
pub struct Slicing {
    pub accounts: i64,
    pub listed: usize,
}

impl Default for Slicing {
    fn default() -> Slicing {
        Slicing {
            accounts: 4096,
            listed: LISTED_AT_MOST,
        }
    }
}

impl Book {
    /// The queue for `scope` on `today`: every item that needs them, less what they put
    /// away, most pressing first.
    pub fn today_queue(
        &self,
        rules: &HealthRules,
        today_rules: &TodayRules,
        scope: &Scope,
        today: NaiveDate,
    ) -> Result<Queue, BookError> {
        self.today_queue_first_rows_early(rules, today_rules, scope, today, &|_| {})
    }

    /// [`Book::today_queue`], handing `first_rows` the queue of the book's first slice
    /// while the rest is read (for a whole team's queue read in slices; never else).
    pub fn today_queue_first_rows_early(
        &self,
        rules: &HealthRules,
        today_rules: &TodayRules,
        scope: &Scope,
        today: NaiveDate,
        first_rows: &(dyn Fn(Queue) + Sync),
    ) -> Result<Queue, BookError> {
        let slicing = Slicing::default();
        self.today_queue_in_slices(rules, today_rules, scope, today, &slicing, first_rows)
    }

    /// [`Book::today_queue`] cut as `slicing` says: tests use it to cut a small book into
    /// many slices, and to leave accounts off the list.
    #[doc(hidden)]
    pub fn today_queue_in_slices(
        &self,
        rules: &HealthRules,
        today_rules: &TodayRules,
        scope: &Scope,
        today: NaiveDate,
        slicing: &Slicing,
        first_rows: &(dyn Fn(Queue) + Sync),
    ) -> Result<Queue, BookError> {
        let Slicing {
            accounts: slice,
            listed,
        } = *slicing;
        let dismissals = self.dismissals()?;
        let read = |book: &Book, ids| {
            let slice = book.queue_slice(rules, today_rules, scope, ids, today, &dismissals)?;
            Ok::<_, BookError>(slice.listing(listed))
        };
        if let Some(id) = scope.account {
            return read(self, Some((id, id)));
        }
        let (first, last) = self.account_id_span()?;
        if scope.owner.is_some() || last - first < slice {
            return read(self, None);
        }
        // A first slice a quarter the size, so its rows can be shown soon.
        let small = (slice / 4).max(1);
        let slices: Vec<(i64, i64)> = std::iter::once((first, first + small - 1))
            .chain(
                (first + small..=last)
                    .step_by(slice as usize)
                    .map(|from| (from, (from + slice - 1).min(last))),
            )
            .collect();
        let each = |book: &Book, slices: &[(i64, i64)], early: bool| {
            let mut queue = Queue {
                listed_at_most: listed,
                ..Queue::default()
            };
            for (i, &ids) in slices.iter().enumerate() {
                queue.absorb(read(book, Some(ids))?);
                if early && i == 0 {
                    first_rows(queue.clone());
                }
            }
            Ok::<_, BookError>(queue)
        };
        let Some(reader) = self.reader()? else {
            return each(self, &slices, true);
        };
        // Two connections, alternate halves of the slices each.
        let (mine, theirs): (Vec<_>, Vec<_>) =
            slices.iter().enumerate().partition(|(i, _)| i % 2 == 0);
        let strip = |v: Vec<(usize, &(i64, i64))>| -> Vec<(i64, i64)> {
            v.into_iter().map(|(_, s)| *s).collect()
        };
        let (mine, theirs) = (strip(mine), strip(theirs));
        let each = &each;
        std::thread::scope(|s| {
            // The first slice alone first: its rows are shown while the rest is read, and
            // what `first_rows` makes of this thread (a lower priority, once they are
            // out) the other one starts with.
            let mut queue = each(self, &mine[..1], true)?;
            let other = s.spawn(move || each(&reader, &theirs, false));
            queue.absorb(each(self, &mine[1..], false)?);
            let other = other
                .join()
                .map_err(|_| BookError::Invalid("reading today's queue failed".into()))??;
            queue.absorb(other);
            Ok(queue)
        })
    }

    /// The queue of the accounts whose ids lie in `ids` (all without).
    fn queue_slice(
        &self,
        rules: &HealthRules,
        today_rules: &TodayRules,
        scope: &Scope,
        ids: Option<(i64, i64)>,
        today: NaiveDate,
        dismissals: &HashMap<String, Dismissal>,
    ) -> Result<Queue, BookError> {
        let answering = Answering {
            signals: &scope.answers,
            stages: &scope.stages,
        };
        let mut by_account =
            ByAccount::new(today_rules, answering, today, today_rules.backlog_days);
        let mut put_away = 0;
        let mut put_away_on: HashMap<i64, usize> = HashMap::new();
        self.triage(rules, today_rules, scope, ids, today, |item, since| {
            if dismissals
                .get(&item.key())
                .is_some_and(|d| d.hides(&item, today))
            {
                put_away += 1;
                *put_away_on.entry(item.account_id).or_default() += 1;
            } else {
                by_account.offer(item, since);
            }
        })?;
        let rows = by_account.into_rows(LISTED_AT_MOST);
        Ok(Queue {
            rows: rows.rows,
            total: rows.total,
            by_kind: rows.by_kind,
            accounts: rows.accounts,
            arr_cents: rows.arr_cents,
            put_away,
            put_away_on,
            backlog: rows.backlog,
            minutes: rows.minutes,
            off_list: rows.off_list,
            listed_at_most: LISTED_AT_MOST,
        })
    }
}
