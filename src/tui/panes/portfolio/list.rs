//! The Portfolio pane's list in memory: every account loaded once with its display
//! strings, sorted and filtered here without going back to the book, so moving and
//! typing stay fast on a 50,000-account book.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::search::SearchIndex;
pub use super::sort::SortKey;
use super::sort::{reposition, sort_order};
pub use super::summary::Summary;
use super::summary::{Fact, summarize};
use crate::book::portfolio::PortfolioAccount;
use crate::domain::vocab::{HealthBand, Segment};
use crate::tui::widgets::list::ListCursor;

/// One account with what the pane shows.
#[derive(Debug, Clone, Copy)]
pub struct PortfolioRow<'a> {
    pub account: &'a PortfolioAccount,
    /// Days from today to the next renewal; negative when it is overdue.
    pub days_to_renewal: Option<i64>,
}

/// The list narrowed to one owner, segment or band.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facets {
    pub owner: Option<i64>,
    pub segment: Option<Segment>,
    pub band: Option<HealthBand>,
}

impl Facets {
    fn admit(&self, a: &PortfolioAccount) -> bool {
        self.owner.is_none_or(|o| a.owner_id == Some(o))
            && self.segment.is_none_or(|s| a.segment == s)
            && self
                .band
                .is_none_or(|b| a.health.as_ref().and_then(|h| h.band) == Some(b))
    }

    fn any(&self) -> bool {
        *self != Facets::default()
    }
}

/// The list, its order, its filter and where the cursor is.
#[derive(Debug, Clone)]
pub struct PortfolioList {
    rows: Vec<PortfolioAccount>,
    facts: Vec<Fact>,
    today: NaiveDate,
    sort: SortKey,
    /// Each sort order, computed the first time it is asked for.
    orders: HashMap<SortKey, Vec<u32>>,
    filter: String,
    facets: Facets,
    /// Owners with accounts, by name: what `o` steps through.
    owners: Vec<(i64, String)>,
    search: SearchIndex,
    /// Indexes into `rows` of the accounts shown, in order.
    visible: Vec<u32>,
    cursor: ListCursor,
    summary: Summary,
    /// ARR of the accounts that have not churned.
    pub total_arr_cents: i64,
    /// Accounts that have not churned.
    pub active_count: usize,
}

impl PortfolioList {
    pub fn new(accounts: Vec<PortfolioAccount>, today: NaiveDate) -> PortfolioList {
        let active = || accounts.iter().filter(|a| a.churned_on.is_none());
        let total_arr_cents = active().map(|a| a.arr.cents).sum();
        let active_count = active().count();
        let rows = accounts;
        let facts = rows.iter().map(|a| Fact::of(a, today)).collect();
        let mut owners: Vec<(i64, String)> = rows
            .iter()
            .filter_map(|a| Some((a.owner_id?, a.owner.as_deref()?.to_string())))
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect();
        owners.sort_by(|a, b| a.1.cmp(&b.1));
        // The search index and the first sort order are built at once, on two cores.
        let (search, order) = std::thread::scope(|scope| {
            let search = scope.spawn(|| SearchIndex::new(rows.iter()));
            let order = sort_order(&rows, SortKey::Urgency);
            (search.join().unwrap_or_default(), order)
        });
        let mut list = PortfolioList {
            rows,
            facts,
            today,
            sort: SortKey::Urgency,
            orders: HashMap::from([(SortKey::Urgency, order)]),
            filter: String::new(),
            facets: Facets::default(),
            owners,
            search,
            visible: Vec::new(),
            cursor: ListCursor::default(),
            summary: Summary::default(),
            total_arr_cents,
            active_count,
        };
        list.refilter(None);
        list
    }

    fn row(&self, i: u32) -> PortfolioRow<'_> {
        let account = &self.rows[i as usize];
        PortfolioRow {
            account,
            days_to_renewal: account.renewal_on.map(|d| (d - self.today).num_days()),
        }
    }

    /// Takes the accounts as read again from the book, keeping the order, the filters,
    /// the selected account and the scroll position.
    pub fn replace_accounts(&mut self, accounts: Vec<PortfolioAccount>, viewport: usize) {
        let fresh = PortfolioList::new(accounts, self.today);
        self.replace(fresh, viewport);
    }

    /// Takes a list built afresh (in the background, from the accounts read again),
    /// keeping the order, the filters, the selected account and the scroll position.
    pub fn replace(&mut self, fresh: PortfolioList, viewport: usize) {
        let keep = self.selected().map(|r| r.account.id);
        let offset = self.cursor.offset;
        let (sort, filter, facets) = (self.sort, self.filter.clone(), self.facets);
        *self = fresh;
        self.sort = sort;
        self.filter = filter;
        self.facets = facets;
        let keep = keep.and_then(|id| self.rows.iter().position(|a| a.id == id));
        self.refilter(keep.map(|i| i as u32));
        self.cursor.offset = offset;
        self.keep_in_view(viewport);
    }

    /// Puts accounts read again in place of what the list held of them (an account
    /// new to the book reads the list whole), keeping the order's key, the filters and
    /// the selected account; the order is sorted again, as their scores may have moved.
    pub fn update_accounts(&mut self, fresh: Vec<PortfolioAccount>, viewport: usize) {
        let keep = self.selected().map(|r| r.account.id);
        let offset = self.cursor.offset;
        let mut reindex = false;
        let mut moved = Vec::new();
        for account in fresh {
            let Some(at) = self.row_of(account.id) else {
                let mut all = self.rows.clone();
                all.push(account);
                all.sort_by_key(|a| a.id);
                return self.replace_accounts(all, viewport);
            };
            let old = &self.rows[at];
            let counted = |a: &PortfolioAccount| a.churned_on.is_none();
            if counted(old) {
                self.total_arr_cents -= old.arr.cents;
                self.active_count -= 1;
            }
            if counted(&account) {
                self.total_arr_cents += account.arr.cents;
                self.active_count += 1;
            }
            reindex |= old.name != account.name
                || old.owner != account.owner
                || old.industry != account.industry
                || old.region != account.region
                || old.segment != account.segment;
            self.facts[at] = Fact::of(&account, self.today);
            self.rows[at] = account;
            moved.push(at as u32);
        }
        // A name or an owner changed: the search and the owners are built again.
        if reindex {
            let all = self.rows.clone();
            return self.replace_accounts(all, viewport);
        }
        // Each order kept puts the changed rows back in place; the rest stay sorted.
        for (key, order) in &mut self.orders {
            for &row in &moved {
                reposition(order, &self.rows, *key, row);
            }
        }
        let keep = keep.and_then(|id| self.row_of(id)).map(|i| i as u32);
        self.refilter(keep);
        self.cursor.offset = offset;
        self.keep_in_view(viewport);
    }

    /// Every account, in the book's order.
    pub fn accounts(&self) -> impl Iterator<Item = &PortfolioAccount> {
        self.rows.iter()
    }

    /// The account at a place in the book's order.
    pub fn account_at(&self, row: usize) -> &PortfolioAccount {
        &self.rows[row]
    }

    /// The place in the book's order of the account with this id.
    pub fn row_of(&self, id: i64) -> Option<usize> {
        self.rows.binary_search_by_key(&id, |a| a.id).ok()
    }

    /// The account with this id: the book's order is id order, so a binary search
    /// (the account detail asks every frame).
    pub fn account(&self, id: i64) -> Option<&PortfolioAccount> {
        let i = self.rows.binary_search_by_key(&id, |a| a.id).ok()?;
        Some(&self.rows[i])
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn shown(&self) -> usize {
        self.visible.len()
    }

    pub fn sort(&self) -> SortKey {
        self.sort
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn selected_index(&self) -> usize {
        self.cursor.selected
    }

    pub fn offset(&self) -> usize {
        self.cursor.offset
    }

    /// Applies a moving action (see `ListCursor::apply`).
    pub fn apply(&mut self, action: crate::tui::action::Action, viewport: usize) -> bool {
        self.cursor.apply(action, self.visible.len(), viewport)
    }

    pub fn selected(&self) -> Option<PortfolioRow<'_>> {
        self.visible.get(self.cursor.selected).map(|i| self.row(*i))
    }

    /// The rows shown from `start`, at most `n` of them.
    pub fn window(&self, start: usize, n: usize) -> impl Iterator<Item = PortfolioRow<'_>> {
        self.visible
            .iter()
            .skip(start)
            .take(n)
            .map(|i| self.row(*i))
    }

    /// Sums the ARR of the accounts shown.
    pub fn shown_arr_cents(&self) -> i64 {
        self.summary.arr_cents
    }

    /// Counts and ARR of the accounts shown.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Moves the cursor by `delta` rows, keeping it on the list and in view.
    pub fn move_by(&mut self, delta: isize, viewport: usize) {
        self.cursor.move_by(delta, self.visible.len(), viewport);
    }

    pub fn select(&mut self, index: usize, viewport: usize) {
        self.cursor.select(index, self.visible.len(), viewport);
    }

    pub fn keep_in_view(&mut self, viewport: usize) {
        self.cursor.keep_in_view(self.visible.len(), viewport);
    }

    /// Steps to the next sort column, keeping the selected account selected.
    pub fn cycle_sort(&mut self, viewport: usize) {
        let keep = self.selected_id();
        self.sort = self.sort.next();
        self.refilter(keep);
        self.keep_in_view(viewport);
    }

    /// Narrows the list to accounts whose name, owner, segment, industry or region
    /// contain every word of `filter`, in any case.
    pub fn set_filter(&mut self, filter: &str, viewport: usize) {
        let keep = self.selected_id();
        self.filter = filter.to_string();
        self.refilter(keep);
        self.keep_in_view(viewport);
    }

    pub fn facets(&self) -> Facets {
        self.facets
    }

    /// The owner id of the owner called `name`.
    pub fn owner_id(&self, name: &str) -> Option<i64> {
        self.owners
            .iter()
            .find(|(_, n)| n == name)
            .map(|(id, _)| *id)
    }

    /// The owner's name for an owner id.
    pub fn owner_name(&self, id: i64) -> Option<&str> {
        self.owners
            .iter()
            .find(|(o, _)| *o == id)
            .map(|(_, n)| n.as_str())
    }

    /// Shows one owner's accounts only (None: everyone's).
    pub fn show_owner(&mut self, owner: Option<i64>, viewport: usize) {
        self.facets.owner = owner;
        self.cursor.selected = 0;
        self.refacet(viewport);
    }

    /// Shows the next owner's accounts only, then everyone's again.
    pub fn cycle_owner(&mut self, viewport: usize) {
        let at = self
            .facets
            .owner
            .and_then(|o| self.owners.iter().position(|(id, _)| *id == o));
        self.facets.owner = match at {
            None => self.owners.first().map(|(id, _)| *id),
            Some(i) => self.owners.get(i + 1).map(|(id, _)| *id),
        };
        self.refacet(viewport);
    }

    /// Shows one segment, the next, ..., then all.
    pub fn cycle_segment(&mut self, viewport: usize) {
        self.facets.segment = next_of(Segment::ALL, self.facets.segment);
        self.refacet(viewport);
    }

    /// Shows red accounts only, then yellow, green, then all.
    pub fn cycle_band(&mut self, viewport: usize) {
        self.facets.band = next_of(HealthBand::ALL_WORST_FIRST, self.facets.band);
        self.refacet(viewport);
    }

    /// Shows every account again.
    pub fn clear_facets(&mut self, viewport: usize) {
        self.facets = Facets::default();
        self.refacet(viewport);
    }

    fn refacet(&mut self, viewport: usize) {
        let keep = self.selected_id();
        self.refilter(keep);
        self.keep_in_view(viewport);
    }

    /// The selected account, as its place in the book's order.
    fn selected_id(&self) -> Option<u32> {
        self.visible.get(self.cursor.selected).copied()
    }

    fn refilter(&mut self, keep: Option<u32>) {
        self.ensure_order(self.sort);
        let order = &self.orders[&self.sort];
        if self.filter.trim().is_empty() && !self.facets.any() {
            self.visible = order.clone();
            self.summary = summarize(&self.facts, None);
        } else {
            let mut hits = if self.filter.trim().is_empty() {
                vec![true; self.rows.len()]
            } else {
                self.search.matching(&self.filter)
            };
            if self.facets.any() {
                for (hit, account) in hits.iter_mut().zip(&self.rows) {
                    *hit = *hit && self.facets.admit(account);
                }
            }
            self.visible = order
                .iter()
                .copied()
                .filter(|i| hits[*i as usize])
                .collect();
            self.summary = summarize(&self.facts, Some(&hits));
        }
        self.restore_selection(keep);
    }

    fn restore_selection(&mut self, keep: Option<u32>) {
        self.cursor.selected = keep
            .and_then(|row| self.visible.iter().position(|i| *i == row))
            .unwrap_or(0);
        if self.cursor.selected < self.cursor.offset || self.visible.len() <= self.cursor.offset {
            self.cursor.offset = 0;
        }
    }

    fn ensure_order(&mut self, key: SortKey) {
        let rows = &self.rows;
        self.orders
            .entry(key)
            .or_insert_with(|| sort_order(rows, key));
    }
}

/// The term after `current` in `all`, or none after the last.
fn next_of<T: Copy + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current.and_then(|c| all.iter().position(|t| *t == c)) {
        None => all.first().copied(),
        Some(i) => all.get(i + 1).copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::domain::vocab::{LifecycleStage, Segment};

    fn account(
        id: i64,
        name: &str,
        owner: &str,
        arr: i64,
        renews: Option<&str>,
    ) -> PortfolioAccount {
        PortfolioAccount {
            id,
            name: name.into(),
            segment: Segment::MidMarket,
            owner_id: None,
            owner: Some(owner.into()),
            industry: Some("Logistics".into()),
            region: Some("EMEA".into()),
            lifecycle: LifecycleStage::Adoption,
            arr: Money::usd(arr),
            licensed_seats: Some(50),
            renewal_on: renews.map(|d| d.parse().unwrap()),
            churned_on: None,
            health: None,
        }
    }

    fn today() -> NaiveDate {
        "2026-03-01".parse().unwrap()
    }

    /// Scores: Northwind 55 (yellow), Globex 30 and Hooli 35 (red), Initech 80 (green).
    fn scored(mut a: PortfolioAccount) -> PortfolioAccount {
        let score = match a.id {
            1 => 55,
            2 => 30,
            3 => 80,
            _ => 35,
        };
        a.health = Some(crate::book::portfolio::PortfolioHealth {
            score: Some(score),
            band: Some(crate::domain::health::Bands::default().band(score)),
            low_confidence: false,
            delta_30d: Some(i16::from(score) - 60),
            delta_90d: None,
            weekly: Box::new([]),
            top_signal: None,
            signal_count: 0,
            overridden: None,
        });
        a
    }

    fn book() -> PortfolioList {
        PortfolioList::new(
            [
                account(
                    1,
                    "Northwind Traders",
                    "Dana Okafor",
                    124_000_000,
                    Some("2026-03-29"),
                ),
                account(
                    2,
                    "Globex Logistics",
                    "Mia Reyes",
                    98_000_000,
                    Some("2026-02-20"),
                ),
                account(3, "Initech Health", "Dana Okafor", 41_000_000, None),
                account(
                    4,
                    "Hooli Analytics",
                    "Mia Reyes",
                    22_000_000,
                    Some("2026-05-01"),
                ),
            ]
            .into_iter()
            .map(scored)
            .collect(),
            today(),
        )
    }

    fn names(list: &PortfolioList) -> Vec<String> {
        list.window(0, 100)
            .map(|r| r.account.name.clone())
            .collect()
    }

    #[test]
    fn opens_most_urgent_first_red_before_yellow_before_green_larger_arr_first() {
        let list = book();
        assert_eq!(
            names(&list),
            [
                "Globex Logistics",
                "Hooli Analytics",
                "Northwind Traders",
                "Initech Health"
            ]
        );
        assert_eq!(list.selected().unwrap().days_to_renewal, Some(-9));
    }

    #[test]
    fn sort_steps_through_columns_and_keeps_the_selected_account() {
        let mut list = book();
        list.move_by(2, 10); // Northwind
        list.cycle_sort(10);
        assert_eq!(list.sort(), SortKey::Health);
        assert_eq!(names(&list)[2], "Northwind Traders");
        list.cycle_sort(10);
        assert_eq!(list.sort(), SortKey::Change);
        list.cycle_sort(10);
        assert_eq!(list.sort(), SortKey::Renewal);
        assert_eq!(
            names(&list),
            [
                "Globex Logistics",
                "Northwind Traders",
                "Hooli Analytics",
                "Initech Health"
            ]
        );
        assert_eq!(list.selected().unwrap().account.name, "Northwind Traders");
        assert_eq!(list.selected_index(), 1);
    }

    #[test]
    fn the_band_facet_shows_one_band_and_the_summary_counts_bands_and_arr_at_risk() {
        let mut list = book();
        let s = list.summary().clone();
        assert_eq!(s.by_band[0], (2, 98_000_000 + 22_000_000));
        assert_eq!(s.by_band[1], (1, 124_000_000));
        assert_eq!(s.by_band[2], (1, 41_000_000));
        // Red accounts, and the yellow one renewing within 90 days (Northwind, 28 days).
        assert_eq!(s.at_risk_cents, 98_000_000 + 22_000_000 + 124_000_000);
        list.cycle_band(10);
        assert_eq!(names(&list), ["Globex Logistics", "Hooli Analytics"]);
        list.cycle_band(10);
        assert_eq!(names(&list), ["Northwind Traders"]);
        list.cycle_band(10);
        list.cycle_band(10);
        assert_eq!(list.shown(), 4, "after green comes every band again");
    }

    #[test]
    fn filter_matches_every_word_in_name_owner_segment_industry_or_region() {
        let mut list = book();
        list.set_filter("dana", 10);
        assert_eq!(names(&list), ["Northwind Traders", "Initech Health"]);
        list.set_filter("dana heal", 10);
        assert_eq!(names(&list), ["Initech Health"]);
        list.set_filter("dana", 10); // widening again
        assert_eq!(list.shown(), 2);
        list.set_filter("NORTH", 10);
        assert_eq!(names(&list), ["Northwind Traders"]);
        list.set_filter("zzz", 10);
        assert_eq!(list.shown(), 0);
        assert!(list.selected().is_none());
        list.set_filter("", 10);
        assert_eq!(list.shown(), 4);
        assert_eq!(list.shown_arr_cents(), list.total_arr_cents);
    }

    /// A write on some accounts puts their rows back in place in every order kept,
    /// without sorting the rest: each order is the one a fresh sort gives.
    #[test]
    fn changed_accounts_move_to_their_place_in_every_order() {
        let mut list = book();
        for _ in 0..8 {
            list.cycle_sort(10);
        }
        assert_eq!(list.orders.len(), 8, "every order kept");
        let mut hooli = list.account(4).unwrap().clone();
        hooli.arr.cents = 500_000_000;
        hooli.renewal_on = Some("2026-03-02".parse().unwrap());
        let health = hooli.health.as_mut().unwrap();
        (health.score, health.band) = (Some(90), Some(crate::domain::vocab::HealthBand::Green));
        health.delta_30d = Some(-40);
        let mut initech = list.account(3).unwrap().clone();
        initech.churned_on = Some("2026-02-01".parse().unwrap());
        list.update_accounts(vec![hooli, initech], 10);
        for (key, order) in &list.orders {
            assert_eq!(order, &sort_order(&list.rows, *key), "{key:?}");
        }
        assert_eq!(names(&list)[0], "Globex Logistics", "red and largest first");
        assert_eq!(
            names(&list).last().unwrap(),
            &"Initech Health",
            "churned last"
        );
    }

    #[test]
    fn churned_accounts_are_listed_last_but_count_in_no_arr() {
        let mut gone = account(5, "Initrode Paper", "Dana Okafor", 50_000_000, None);
        gone.churned_on = Some("2025-12-01".parse().unwrap());
        let mut accounts = vec![gone];
        accounts.extend(book().rows);
        let list = PortfolioList::new(accounts, today());
        assert_eq!(names(&list).last().unwrap(), "Initrode Paper");
        assert_eq!((list.len(), list.active_count), (5, 4));
        assert_eq!(list.total_arr_cents, 285_000_000);
        assert_eq!(list.summary().arr_cents, 285_000_000);
        assert_eq!(list.summary().churned, 1);
    }

    #[test]
    fn the_summary_counts_what_is_shown() {
        let mut list = book();
        let s = list.summary().clone();
        assert_eq!(
            s.overdue,
            (1, 98_000_000),
            "Globex renewed on 02-20 and has no outcome"
        );
        assert_eq!(
            s.within_90,
            (2, 146_000_000),
            "Northwind in 28 days, Hooli in 61"
        );
        assert_eq!(s.by_segment[1], (4, 285_000_000));
        list.set_filter("dana", 10);
        assert_eq!(list.summary().within_90, (1, 124_000_000));
        assert_eq!(list.summary().overdue, (0, 0));
    }

    #[test]
    fn the_cursor_stays_on_the_list_and_in_view() {
        let mut list = book();
        list.move_by(10, 2);
        assert_eq!(list.selected_index(), 3);
        assert_eq!(list.offset(), 2);
        list.move_by(-10, 2);
        assert_eq!((list.selected_index(), list.offset()), (0, 0));
        list.apply(crate::tui::action::Action::ScrollDown, 2);
        list.apply(crate::tui::action::Action::ScrollDown, 2);
        assert_eq!(list.offset(), 2);
        assert_eq!(list.selected_index(), 2, "the cursor is pulled into view");
    }
}
