//! Reading the words a playbook file lists (the fields of `only_if` and `unless`,
//! `moot`, `completes`): one word or a list of them, each checked against what csm
//! knows and reported, when unknown, where it was written.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, de};
use toml::Spanned;

use super::condition::{Condition, CoverageGap};
use super::parse::Problem;
use crate::domain::vocab::{ContactRole, HealthBand, LifecycleStage, Sentiment};

/// One word, or a list of them, each with where it was written when toml says.
#[derive(Debug, Default)]
pub(super) struct Words(Vec<(Option<Range<usize>>, String)>);

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Words, D::Error> {
        struct Expect;
        impl<'de> Visitor<'de> for Expect {
            type Value = Words;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a word or a list of words")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Words, E> {
                Ok(Words(vec![(None, v.to_string())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Words, A::Error> {
                let mut out = Vec::new();
                while let Some(word) = seq.next_element::<Spanned<String>>()? {
                    let span = word.span();
                    out.push((Some(span), word.into_inner()));
                }
                Ok(Words(out))
            }
        }
        deserializer.deserialize_any(Expect)
    }
}

/// A condition as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    health: Option<Spanned<Words>>,
    stage: Option<Spanned<Words>>,
    sentiment: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    gaps: Option<Spanned<Words>>,
}

/// Reports where something was written and what was wrong with it.
pub(super) type Report<'a> = &'a dyn Fn(usize, String) -> Problem;

/// Each word of `words` read by `read`, an unknown one reported with `what` it should
/// have been and the words expected.
pub(super) fn each<T>(
    words: Option<Spanned<Words>>,
    read: impl Fn(&str) -> Option<T>,
    what: &str,
    expected: &[String],
    report: Report<'_>,
    problems: &mut Vec<Problem>,
) -> Vec<T> {
    let Some(words) = words else {
        return Vec::new();
    };
    let outer = words.span();
    let mut out = Vec::new();
    for (span, word) in words.into_inner().0 {
        match read(&word) {
            Some(t) => out.push(t),
            None => problems.push(report(
                span.unwrap_or(outer.clone()).start,
                format!(
                    "`{word}` is not {what}: expected one of {}",
                    expected.join(", ")
                ),
            )),
        }
    }
    out
}

fn terms<T: Copy>(all: &[T], word: impl Fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|t| word(*t).to_string()).collect()
}

/// The condition `raw` says, its unknown words reported.
pub(super) fn condition(
    raw: Option<Spanned<RawCondition>>,
    report: Report<'_>,
    problems: &mut Vec<Problem>,
) -> Condition {
    let Some(raw) = raw else {
        return Condition::default();
    };
    let raw = raw.into_inner();
    let bands = terms(HealthBand::ALL, HealthBand::as_str);
    let stages = terms(LifecycleStage::ALL, LifecycleStage::as_str);
    let roles = terms(ContactRole::ALL, ContactRole::as_str);
    let feelings = terms(Sentiment::ALL, Sentiment::as_str);
    let health = each(
        raw.health,
        |w| HealthBand::ALL.iter().copied().find(|b| b.as_str() == w),
        "a health band",
        &bands,
        report,
        problems,
    );
    let stage = each(
        raw.stage,
        |w| {
            LifecycleStage::ALL
                .iter()
                .copied()
                .find(|s| s.as_str() == w)
        },
        "a lifecycle stage",
        &stages,
        report,
        problems,
    );
    let gaps = each(
        raw.gaps,
        CoverageGap::parse,
        "a coverage gap",
        &CoverageGap::words(),
        report,
        problems,
    );
    let mut sentiment = Vec::new();
    for (role, feeling) in raw.sentiment.unwrap_or_default() {
        let r = ContactRole::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == role.get_ref());
        let s = Sentiment::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == feeling.get_ref());
        if r.is_none() {
            problems.push(report(
                role.span().start,
                format!(
                    "`{}` is not a stakeholder role: expected one of {}",
                    role.get_ref(),
                    roles.join(", ")
                ),
            ));
        }
        if s.is_none() {
            problems.push(report(
                feeling.span().start,
                format!(
                    "`{}` is not a sentiment: expected one of {}",
                    feeling.get_ref(),
                    feelings.join(", ")
                ),
            ));
        }
        if let (Some(r), Some(s)) = (r, s) {
            sentiment.push((r, s));
        }
    }
    Condition {
        health,
        stage,
        sentiment,
        gaps,
    }
}
