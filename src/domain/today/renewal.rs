//! Renewals in the queue: which need a move (health not green, the motion behind, no
//! forecast near the date, tasks of an earlier stage still open, or a window just
//! entered), why, what to do first, and how grave it is; and when a renewal stage's
//! task lapses into the renewal's item.

use chrono::{Duration, NaiveDate};

use super::{Item, ItemAccount, ItemKind, News, Subject};
use crate::domain::renewal::{Motion, Stage, Step, Warning, WarningKind, Window};
use crate::domain::vocab::HealthBand;

/// The days before the renewal its window opens (0 for overdue; none for later).
pub fn window_days(window: Window) -> u32 {
    match window {
        Window::Overdue => 0,
        Window::Days30 => 30,
        Window::Days60 => 60,
        Window::Days90 => 90,
        Window::Days120 => 120,
        Window::Later => u32::MAX,
    }
}

/// Whether a task of a renewal stage (`stage`: its playbook's window, in days) has
/// lapsed into the renewal's item: the account's renewal (`now`: its window) has moved
/// on to a later window. A task of no stage, or with no renewal coming, never lapses.
pub fn lapsed(stage: Option<u32>, now: Option<Window>) -> bool {
    matches!((stage, now), (Some(s), Some(w)) if window_days(w) < s)
}

/// A renewal due within 120 days, as much of it as the queue needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenewalFacts {
    pub account_id: i64,
    /// The contract renewing.
    pub contract: i64,
    pub window: Window,
    pub on: NaiveDate,
    pub band: Option<HealthBand>,
    /// The next step, when the motion is behind.
    pub behind: Option<Step>,
    /// The stage the window calls for.
    pub stage: Option<Stage>,
    /// No forecast, inside 60 days.
    pub no_forecast: bool,
}

impl RenewalFacts {
    /// What the queue needs of a renewal of `contract` on `on`, in `window`, with its
    /// health band, motion and warnings.
    pub fn new(
        account_id: i64,
        contract: i64,
        window: Window,
        on: NaiveDate,
        band: Option<HealthBand>,
        motion: &Motion,
        warnings: &[Warning],
    ) -> RenewalFacts {
        RenewalFacts {
            account_id,
            contract,
            window,
            on,
            band,
            behind: motion.next_step().filter(|_| !motion.behind.is_empty()),
            stage: motion.stage,
            no_forecast: warnings.iter().any(|w| w.kind == WarningKind::NoForecast)
                && matches!(window, Window::Overdue | Window::Days30 | Window::Days60),
        }
    }

    /// The day its window opened; None more than 120 days out.
    fn opened(&self) -> Option<NaiveDate> {
        (self.window != Window::Later)
            .then(|| self.on - Duration::days(i64::from(window_days(self.window))))
    }
}

/// Why the renewal needs a move, in a CSM's words, with `lapsed` tasks of an earlier
/// stage still open; empty when nothing is wrong with it.
pub fn renewal_reasons(r: &RenewalFacts, lapsed: usize) -> Vec<String> {
    let mut why: Vec<String> = Vec::new();
    if let Some(b) = r.band.filter(|b| *b != HealthBand::Green) {
        why.push(format!("health {}", b.as_str()));
    }
    if let Some(step) = r.behind {
        why.push(step.missing().into());
    }
    if r.no_forecast {
        why.push("no forecast".into());
    }
    if lapsed > 0 {
        why.push(format!(
            "{lapsed} task{} of an earlier stage open",
            if lapsed == 1 { "" } else { "s" }
        ));
    }
    why
}

/// What to do first: catch the motion up, set the forecast, save a red account, clear
/// the earlier stage's tasks, else start the window's stage.
pub fn renewal_advice(r: &RenewalFacts, lapsed: usize) -> String {
    if let Some(step) = r.behind {
        step.to_do().into()
    } else if r.no_forecast {
        "set the forecast".into()
    } else if r.band == Some(HealthBand::Red) {
        "agree the save plan with the sponsor".into()
    } else if lapsed > 0 {
        "close or skip the earlier stage's tasks".into()
    } else if let Some(stage) = r.stage {
        format!("start the {}", stage.label())
    } else {
        "review the renewal".into()
    }
}

/// How grave it is, 1-3: red or behind its motion 3, yellow 2, else 1.
pub fn renewal_severity(r: &RenewalFacts) -> u8 {
    match r.band {
        Some(HealthBand::Red) => 3,
        _ if r.behind.is_some() => 3,
        Some(HealthBand::Yellow) => 2,
        _ => 1,
    }
}

/// The renewal's item on `account`, if it needs a move: a reason to act, or a window
/// entered while it is news. None more than 120 days out.
pub fn renewal_item(
    account: &ItemAccount,
    r: &RenewalFacts,
    lapsed: usize,
    news: &News,
) -> Option<Item> {
    let opened = r.opened()?;
    let mut why = renewal_reasons(r, lapsed);
    if why.is_empty() {
        if !news.covers(opened) {
            return None;
        }
        why.push(format!("entered the {} window", r.window.label()));
    }
    let fingerprint = format!(
        "{}|{}|{}|{}|{}",
        r.window.as_str(),
        r.band.map_or("", |b| b.as_str()),
        r.behind.map_or("", |s| s.as_str()),
        r.no_forecast,
        lapsed > 0
    );
    Some(Item {
        due: Some(r.on),
        severity: renewal_severity(r),
        fingerprint,
        new: news.is_new(opened),
        ..account.item(
            ItemKind::Renewal,
            Subject::Renewal(r.contract),
            why.join(", "),
            renewal_advice(r, lapsed),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::today::TodayRules;
    use crate::domain::today::account::acme;
    use crate::domain::vocab::Segment;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    /// A renewal `days` from today, with its motion as done as `done` says.
    fn renewal(days: i64, band: Option<HealthBand>, done: &[Step], forecast: bool) -> RenewalFacts {
        let window = Window::of(days);
        let warnings = if forecast {
            Vec::new()
        } else {
            vec![Warning {
                kind: WarningKind::NoForecast,
                reason: "no forecast".into(),
            }]
        };
        RenewalFacts::new(
            1,
            7,
            window,
            today() + Duration::days(days),
            band,
            &Motion::of(window, done),
            &warnings,
        )
    }

    /// Every step of the stages before `window`'s: the motion is not behind.
    fn caught_up(window: Window) -> Vec<Step> {
        let now = Stage::for_window(window).unwrap();
        Step::ALL.into_iter().filter(|s| s.stage() < now).collect()
    }

    fn news() -> News {
        News::new(&TodayRules::default(), Some(today()), today())
    }

    fn item_of(r: &RenewalFacts, lapsed: usize) -> Option<Item> {
        renewal_item(&acme(Segment::Enterprise), r, lapsed, &news())
    }

    #[test]
    fn a_renewal_behind_its_motion_says_the_step_missing_and_to_do_it() {
        let r = renewal(45, Some(HealthBand::Yellow), &[], false);
        assert_eq!(r.window, Window::Days60);
        assert_eq!(r.behind, Some(Step::RiskReview));
        assert!(r.no_forecast, "inside 60 days without a forecast");
        let item = item_of(&r, 2).unwrap();
        assert_eq!(
            item.what,
            "health yellow, no risk review, no forecast, 2 tasks of an earlier stage open"
        );
        assert_eq!(item.todo, "run the risk review");
        assert_eq!(item.severity, 3, "behind its motion");
        assert_eq!(item.subject, Subject::Renewal(7));
        assert_eq!(item.due, Some(today() + Duration::days(45)));
        assert_eq!(item.fingerprint, "60|yellow|risk_review|true|true");
    }

    #[test]
    fn no_forecast_counts_only_inside_60_days() {
        let far = renewal(75, None, &caught_up(Window::Days90), false);
        assert!(!far.no_forecast);
        let near = renewal(10, None, &caught_up(Window::Days30), false);
        assert!(near.no_forecast);
        assert_eq!(renewal_reasons(&near, 0), ["no forecast"]);
        assert_eq!(renewal_advice(&near, 0), "set the forecast");
    }

    #[test]
    fn the_advice_goes_motion_then_forecast_then_save_plan_then_old_tasks_then_the_stage() {
        let red = renewal(75, Some(HealthBand::Red), &caught_up(Window::Days90), true);
        assert_eq!(
            renewal_advice(&red, 1),
            "agree the save plan with the sponsor"
        );
        assert_eq!(renewal_severity(&red), 3);
        let yellow = renewal(
            75,
            Some(HealthBand::Yellow),
            &caught_up(Window::Days90),
            true,
        );
        assert_eq!(
            renewal_advice(&yellow, 1),
            "close or skip the earlier stage's tasks"
        );
        assert_eq!(
            renewal_reasons(&yellow, 1),
            ["health yellow", "1 task of an earlier stage open"]
        );
        assert_eq!(renewal_severity(&yellow), 2);
        assert_eq!(
            renewal_advice(&yellow, 0),
            "start the business review and value demo"
        );
        let green = renewal(
            75,
            Some(HealthBand::Green),
            &caught_up(Window::Days90),
            true,
        );
        assert!(renewal_reasons(&green, 0).is_empty());
        assert_eq!(renewal_severity(&green), 1);
    }

    #[test]
    fn a_renewal_with_nothing_wrong_is_listed_only_the_day_its_window_opens_while_news() {
        // 90 days out: the 90-day window opened today.
        let opened_today = renewal(
            90,
            Some(HealthBand::Green),
            &caught_up(Window::Days90),
            true,
        );
        let item = item_of(&opened_today, 0).unwrap();
        assert_eq!(item.what, "entered the 90 days window");
        assert_eq!(item.severity, 1);
        assert!(item.new);
        // 75 days out: its window opened 15 days ago, before the 14 days of news.
        let settled = renewal(
            75,
            Some(HealthBand::Green),
            &caught_up(Window::Days90),
            true,
        );
        assert!(item_of(&settled, 0).is_none());
        // Over 120 days out: never in the queue, even red.
        let later = renewal(200, Some(HealthBand::Red), &[], false);
        assert!(item_of(&later, 0).is_none());
    }

    #[test]
    fn a_stage_task_lapses_once_the_renewal_moves_to_a_later_window() {
        assert!(lapsed(Some(120), Some(Window::Days90)));
        assert!(lapsed(Some(30), Some(Window::Overdue)));
        assert!(!lapsed(Some(90), Some(Window::Days90)), "its own window");
        assert!(
            !lapsed(Some(90), Some(Window::Days120)),
            "not yet its window"
        );
        assert!(!lapsed(Some(120), Some(Window::Later)));
        assert!(!lapsed(None, Some(Window::Days30)), "a task of no stage");
        assert!(!lapsed(Some(120), None), "no renewal coming");
    }
}
