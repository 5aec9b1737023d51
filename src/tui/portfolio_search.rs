//! Finding accounts by any word of their name, owner, segment, industry or region, fast
//! enough to run on every keystroke over 50,000 accounts: all names, lower-cased, sit in
//! one buffer searched once per word with a SIMD substring search, and the few distinct
//! owners, segments, industries and regions are matched once each instead of per row.

use std::collections::HashMap;

use memchr::memmem;

use crate::book::portfolio::PortfolioAccount;

/// The words of every account, ready to be searched.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Lower-cased names, each followed by a newline.
    names: Vec<u8>,
    /// Where each account's name starts in `names`.
    starts: Vec<u32>,
    /// Distinct lower-cased owner, segment, industry and region values.
    terms: Vec<String>,
    /// Per account, its owner, segment (twice: label and short), industry and region
    /// as indexes into `terms`.
    fields: Vec<[u32; 5]>,
}

impl SearchIndex {
    pub fn new(accounts: &[PortfolioAccount]) -> SearchIndex {
        let mut index = SearchIndex {
            names: Vec::with_capacity(accounts.len() * 24),
            starts: Vec::with_capacity(accounts.len()),
            terms: Vec::new(),
            fields: Vec::with_capacity(accounts.len()),
        };
        let mut known: HashMap<String, u32> = HashMap::new();
        let mut term = |text: &str, terms: &mut Vec<String>| -> u32 {
            if let Some(i) = known.get(text) {
                return *i;
            }
            let i = terms.len() as u32;
            terms.push(text.to_lowercase());
            known.insert(text.to_string(), i);
            i
        };
        for a in accounts {
            index.starts.push(index.names.len() as u32);
            if a.name.is_ascii() {
                index.names.extend(a.name.bytes().map(|b| b.to_ascii_lowercase()));
            } else {
                index.names.extend(a.name.to_lowercase().bytes());
            }
            index.names.push(b'\n');
            let fields = [
                term(a.owner.as_deref().unwrap_or(""), &mut index.terms),
                term(a.segment.label(), &mut index.terms),
                term(a.segment.short(), &mut index.terms),
                term(a.industry.as_deref().unwrap_or(""), &mut index.terms),
                term(a.region.as_deref().unwrap_or(""), &mut index.terms),
            ];
            index.fields.push(fields);
        }
        index
    }

    /// One bit per account: set where every word of `filter` appears in one of its
    /// fields, in any case. An empty filter matches everything.
    pub fn matching(&self, filter: &str) -> Vec<bool> {
        let mut all = vec![true; self.starts.len()];
        for word in filter.split_whitespace() {
            let word = word.to_lowercase();
            let this = self.matching_word(&word);
            for (a, t) in all.iter_mut().zip(this) {
                *a &= t;
            }
        }
        all
    }

    fn matching_word(&self, word: &str) -> Vec<bool> {
        let mut hits = vec![false; self.starts.len()];
        for at in memmem::find_iter(&self.names, word.as_bytes()) {
            // A word has no newline, so a match lies inside one name.
            let row = self.starts.partition_point(|s| *s as usize <= at) - 1;
            hits[row] = true;
        }
        let term_hits: Vec<bool> = self.terms.iter().map(|t| t.contains(word)).collect();
        for (hit, fields) in hits.iter_mut().zip(&self.fields) {
            *hit = *hit || fields.iter().any(|f| term_hits[*f as usize]);
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::domain::vocab::{LifecycleStage, Segment};

    fn account(name: &str, owner: &str, industry: &str) -> PortfolioAccount {
        PortfolioAccount {
            id: 0,
            name: name.into(),
            segment: Segment::Enterprise,
            owner_id: None,
            owner: Some(owner.into()),
            industry: Some(industry.into()),
            region: Some("EMEA".into()),
            lifecycle: LifecycleStage::Growth,
            arr: Money::usd(0),
            licensed_seats: None,
            renewal_on: None,
            churned_on: None,
        }
    }

    #[test]
    fn words_match_names_and_fields_in_any_case_and_all_must_match() {
        let index = SearchIndex::new(&[
            account("Northwind Traders", "Dana Okafor", "Logistics"),
            account("Café Zürich", "Mia Reyes", "Hospitality"),
            account("Globex", "Dana Okafor", "Energy"),
        ]);
        assert_eq!(index.matching("north"), [true, false, false]);
        assert_eq!(index.matching("ZÜRICH"), [false, true, false]);
        assert_eq!(index.matching("dana"), [true, false, true]);
        assert_eq!(index.matching("dana energy"), [false, false, true]);
        assert_eq!(index.matching("ent emea"), [true, true, true], "segment short and region");
        assert_eq!(index.matching(""), [true, true, true]);
        assert_eq!(index.matching("rs\ncaf"), [false, false, false], "no match across two names");
    }
}
