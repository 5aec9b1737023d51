//! Finding accounts by any word of their name, owner, segment, industry or region, fast
//! enough to run on every keystroke over 50,000 accounts: all names, lower-cased, sit in
//! one buffer searched once per word with a SIMD substring search, and the few distinct
//! owners, segments, industries and regions are matched once each instead of per row.

use std::collections::HashMap;
use std::sync::Arc;

use memchr::memmem;

use crate::book::portfolio::PortfolioAccount;
use crate::domain::vocab::Segment;

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
    pub fn new<'a>(accounts: impl ExactSizeIterator<Item = &'a PortfolioAccount>) -> SearchIndex {
        let n = accounts.len();
        let mut index = SearchIndex {
            names: Vec::with_capacity(n * 24),
            starts: Vec::with_capacity(n),
            terms: Vec::new(),
            fields: Vec::with_capacity(n),
        };
        // Texts are shared between accounts (see `Book::portfolio`): one term per copy.
        let mut known: HashMap<*const u8, u32> = HashMap::new();
        let mut shared = |text: Option<&Arc<str>>, terms: &mut Vec<String>| -> u32 {
            let Some(text) = text else { return 0 };
            *known
                .entry(Arc::as_ptr(text) as *const u8)
                .or_insert_with(|| {
                    terms.push(text.to_lowercase());
                    terms.len() as u32 - 1
                })
        };
        index.terms.push(String::new()); // 0: no value
        let segment_terms: Vec<[u32; 2]> = Segment::ALL
            .iter()
            .map(|s| {
                index.terms.push(s.label().to_lowercase());
                index.terms.push(s.short().to_lowercase());
                [index.terms.len() as u32 - 2, index.terms.len() as u32 - 1]
            })
            .collect();
        for a in accounts {
            index.starts.push(index.names.len() as u32);
            if a.name.is_ascii() {
                index
                    .names
                    .extend(a.name.bytes().map(|b| b.to_ascii_lowercase()));
            } else {
                index.names.extend(a.name.to_lowercase().bytes());
            }
            index.names.push(b'\n');
            let [label, short] = segment_terms[a.segment as usize];
            let fields = [
                shared(a.owner.as_ref(), &mut index.terms),
                label,
                short,
                shared(a.industry.as_ref(), &mut index.terms),
                shared(a.region.as_ref(), &mut index.terms),
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
        let n = self.starts.len();
        let mut hits = vec![false; n];
        // Matches come in order: walk the rows alongside, and once a name matches, go on
        // from the next name. A word has no newline, so a match lies inside one name.
        let finder = memmem::Finder::new(word.as_bytes());
        let (mut pos, mut row) = (0usize, 0usize);
        while let Some(found) = finder.find(&self.names[pos..]) {
            let at = pos + found;
            while row + 1 < n && self.starts[row + 1] as usize <= at {
                row += 1;
            }
            hits[row] = true;
            match self.starts.get(row + 1) {
                Some(next) => pos = *next as usize,
                None => break,
            }
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
    use crate::domain::vocab::LifecycleStage;

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
            health: None,
        }
    }

    #[test]
    fn words_match_names_and_fields_in_any_case_and_all_must_match() {
        let accounts = [
            account("Northwind Traders", "Dana Okafor", "Logistics"),
            account("Café Zürich", "Mia Reyes", "Hospitality"),
            account("Globex", "Dana Okafor", "Energy"),
        ];
        let index = SearchIndex::new(accounts.iter());
        assert_eq!(index.matching("north"), [true, false, false]);
        assert_eq!(index.matching("ZÜRICH"), [false, true, false]);
        assert_eq!(index.matching("dana"), [true, false, true]);
        assert_eq!(index.matching("dana energy"), [false, false, true]);
        assert_eq!(
            index.matching("ent emea"),
            [true, true, true],
            "segment short and region"
        );
        assert_eq!(index.matching(""), [true, true, true]);
        assert_eq!(
            index.matching("rs\ncaf"),
            [false, false, false],
            "no match across two names"
        );
    }
}
