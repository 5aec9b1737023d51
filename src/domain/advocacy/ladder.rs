//! The advocacy ladder a given ask moves a person up: supporter, advocate, champion,
//! ambassador. A reference call or a review is one rung; a case study, the most a
//! customer gives, two. A declined ask moves nobody.

use crate::domain::vocab::{AdvocacyTier, AskKind};

/// The tier after a given ask of `kind`, from `now` (None: not on the ladder yet).
pub fn after_given(now: Option<AdvocacyTier>, kind: AskKind) -> AdvocacyTier {
    let rungs = AdvocacyTier::ALL;
    let at = now.map_or(-1, |t| {
        rungs.iter().position(|r| *r == t).unwrap_or(0) as i64
    });
    let up = match kind {
        AskKind::Call | AskKind::Review => 1,
        AskKind::CaseStudy => 2,
    };
    rungs[(at + up).clamp(0, rungs.len() as i64 - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_is_one_rung_a_case_study_two_and_the_top_stays_the_top() {
        use AdvocacyTier::*;
        assert_eq!(after_given(None, AskKind::Review), Supporter);
        assert_eq!(after_given(Some(Supporter), AskKind::Call), Advocate);
        assert_eq!(after_given(Some(Advocate), AskKind::CaseStudy), Ambassador);
        assert_eq!(after_given(Some(Champion), AskKind::CaseStudy), Ambassador);
        assert_eq!(after_given(Some(Ambassador), AskKind::Call), Ambassador);
    }
}
