//! Risk signals in the queue: how grave each kind is, what to do about it, the day it
//! became news, and when it is left out (answered by a touch since, or by a play under
//! way whose task stands for it, or covered by another item).

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::{Class, Item, ItemAccount, ItemKind, News, Subject};
use crate::domain::health::{Signal, SignalKind, SignalRules};

/// How grave a signal is, 1-3: losing the customer's use, champion or goodwill now is
/// graver than a warning sign, which is graver than a gap in coverage.
pub fn signal_severity(kind: SignalKind) -> u8 {
    match kind {
        SignalKind::UsageDrop
        | SignalKind::ChampionLeft
        | SignalKind::EscalationOpen
        | SignalKind::RenewalAtRisk => 3,
        SignalKind::NpsDetractor | SignalKind::ChampionQuiet | SignalKind::NegativeBuyer => 2,
        SignalKind::NoExecSponsor | SignalKind::SingleThreaded => 1,
    }
}

/// What to do about a signal.
pub fn signal_advice(kind: SignalKind) -> &'static str {
    match kind {
        SignalKind::UsageDrop => "find out who stopped using it and why",
        SignalKind::ChampionLeft => "find the next champion; meet their successor",
        SignalKind::EscalationOpen => "join the escalation; tell the sponsor what is being done",
        SignalKind::RenewalAtRisk => "build the save plan",
        SignalKind::NpsDetractor => "call the respondent: listen, then follow up",
        SignalKind::ChampionQuiet => "reach the champion",
        SignalKind::NegativeBuyer => "meet the economic buyer",
        SignalKind::NoExecSponsor => "find an executive sponsor",
        SignalKind::SingleThreaded => "meet a second contact",
    }
}

/// The day a signal became news: a quiet champion once the quiet days have run, any
/// other on the day it began. None for a renewal at risk (the renewal's own item covers
/// it) and for a signal with no day.
pub fn raised_on(signal: &Signal, rules: &SignalRules) -> Option<NaiveDate> {
    match signal.kind {
        SignalKind::RenewalAtRisk => None,
        SignalKind::ChampionQuiet => signal
            .since
            .map(|d| d + Duration::days(i64::from(rules.champion_quiet_days))),
        _ => signal.since,
    }
}

/// The plays that answer each signal, and the plays under way on each account.
pub struct Answers<'a> {
    /// Playbook ids by the signal they answer.
    pub by_signal: &'a HashMap<SignalKind, Vec<String>>,
    /// Every (account, playbook) with a task open or snoozed.
    pub open: &'a HashSet<(i64, String)>,
}

impl Answers<'_> {
    /// Whether a play answering `kind` is under way on `account`: its task stands for
    /// the signal.
    pub fn answered(&self, account: i64, kind: SignalKind) -> bool {
        self.by_signal.get(&kind).is_some_and(|ids| {
            ids.iter()
                .any(|p| self.open.contains(&(account, p.clone())))
        })
    }
}

/// The item for `signal` standing on `account`, unless it is not news, or was answered
/// by a touch on or after the day it was raised (`last_touch`), or by a play.
pub fn signal_item(
    account: &ItemAccount,
    signal: Signal,
    rules: &SignalRules,
    last_touch: Option<NaiveDate>,
    answers: &Answers,
    news: &News,
) -> Option<Item> {
    let raised = raised_on(&signal, rules).filter(|d| news.covers(*d))?;
    if last_touch.is_some_and(|t| t >= raised) || answers.answered(account.id, signal.kind) {
        return None;
    }
    Some(Item {
        severity: signal_severity(signal.kind),
        class: Class::of_signal(signal.kind),
        fingerprint: raised.to_string(),
        new: news.is_new(raised),
        ..account.item(
            ItemKind::Signal,
            Subject::Signal(signal.kind),
            signal.reason,
            signal_advice(signal.kind).into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::today::TodayRules;
    use crate::domain::today::account::acme;
    use crate::domain::vocab::Segment;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn signal(kind: SignalKind, since: u32) -> Signal {
        Signal {
            kind,
            reason: format!("{} since the {since}th", kind.label()),
            since: Some(day(since)),
        }
    }

    /// News on the 20th for a CSM who last looked on the 18th: from the 6th.
    fn news() -> News {
        News::new(&TodayRules::default(), Some(day(18)), day(20))
    }

    fn item_of(s: Signal, last_touch: Option<NaiveDate>, answers: &Answers) -> Option<Item> {
        signal_item(
            &acme(Segment::Enterprise),
            s,
            &SignalRules::default(),
            last_touch,
            answers,
            &news(),
        )
    }

    fn no_plays<R>(f: impl FnOnce(&Answers) -> R) -> R {
        let (by_signal, open) = (HashMap::new(), HashSet::new());
        f(&Answers {
            by_signal: &by_signal,
            open: &open,
        })
    }

    #[test]
    fn losing_use_a_champion_or_goodwill_is_graver_than_a_warning_graver_than_a_gap() {
        use SignalKind::*;
        let graves = |kinds: &[SignalKind]| {
            kinds
                .iter()
                .map(|k| signal_severity(*k))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            graves(&[UsageDrop, ChampionLeft, EscalationOpen, RenewalAtRisk]),
            [3, 3, 3, 3]
        );
        assert_eq!(
            graves(&[NpsDetractor, ChampionQuiet, NegativeBuyer]),
            [2, 2, 2]
        );
        assert_eq!(graves(&[NoExecSponsor, SingleThreaded]), [1, 1]);
        // The kinds' own order (most severe first) disagrees once: a negative buyer
        // weighs more here than a missing sponsor listed before it.
        let order: Vec<u8> = SignalKind::ALL
            .iter()
            .map(|k| signal_severity(*k))
            .collect();
        assert_eq!(order, [3, 3, 3, 3, 2, 2, 1, 2, 1]);
    }

    #[test]
    fn each_kind_of_signal_has_its_own_advice() {
        let advice: Vec<&str> = SignalKind::ALL.iter().map(|k| signal_advice(*k)).collect();
        assert_eq!(
            advice,
            [
                "find out who stopped using it and why",
                "find the next champion; meet their successor",
                "join the escalation; tell the sponsor what is being done",
                "build the save plan",
                "call the respondent: listen, then follow up",
                "reach the champion",
                "find an executive sponsor",
                "meet the economic buyer",
                "meet a second contact",
            ]
        );
    }

    #[test]
    fn a_quiet_champion_is_raised_once_the_quiet_days_run_and_a_renewal_at_risk_never() {
        let rules = SignalRules {
            champion_quiet_days: 10,
            ..SignalRules::default()
        };
        assert_eq!(
            raised_on(&signal(SignalKind::ChampionQuiet, 1), &rules),
            Some(day(11))
        );
        assert_eq!(
            raised_on(&signal(SignalKind::UsageDrop, 1), &rules),
            Some(day(1))
        );
        assert_eq!(
            raised_on(&signal(SignalKind::RenewalAtRisk, 1), &rules),
            None
        );
        let undated = Signal {
            since: None,
            ..signal(SignalKind::UsageDrop, 1)
        };
        assert_eq!(raised_on(&undated, &rules), None);
    }

    #[test]
    fn a_signal_raised_lately_is_an_item_with_its_reason_advice_and_gravity() {
        let item = no_plays(|a| item_of(signal(SignalKind::UsageDrop, 19), None, a)).unwrap();
        assert_eq!(item.kind, ItemKind::Signal);
        assert_eq!(item.subject, Subject::Signal(SignalKind::UsageDrop));
        assert_eq!(item.what, "Usage drop since the 19th");
        assert_eq!(item.todo, "find out who stopped using it and why");
        assert_eq!((item.severity, item.due), (3, None));
        assert_eq!(item.fingerprint, "2026-03-19");
        assert!(item.new, "raised since the last look");
        let older = no_plays(|a| item_of(signal(SignalKind::UsageDrop, 10), None, a)).unwrap();
        assert!(!older.new, "still news, but seen");
        assert!(
            no_plays(|a| item_of(signal(SignalKind::UsageDrop, 5), None, a)).is_none(),
            "raised before the news began"
        );
    }

    #[test]
    fn a_touch_on_or_after_the_day_raised_or_a_play_under_way_answers_a_signal() {
        let s = || signal(SignalKind::ChampionLeft, 15);
        assert!(no_plays(|a| item_of(s(), Some(day(15)), a)).is_none());
        assert!(no_plays(|a| item_of(s(), Some(day(14)), a)).is_some());
        let by_signal = HashMap::from([(SignalKind::ChampionLeft, vec!["champion-left".into()])]);
        let open = HashSet::from([(1, "champion-left".to_string())]);
        let answers = Answers {
            by_signal: &by_signal,
            open: &open,
        };
        assert!(answers.answered(1, SignalKind::ChampionLeft));
        assert!(
            !answers.answered(2, SignalKind::ChampionLeft),
            "another account's play"
        );
        assert!(
            !answers.answered(1, SignalKind::UsageDrop),
            "a play answering another signal"
        );
        assert!(item_of(s(), None, &answers).is_none());
    }
}
