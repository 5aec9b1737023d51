//! Renewals in the queue: which need a move (unsigned inside 30 days, past its date,
//! health not green, forecast at risk, the motion behind, no forecast near the date,
//! tasks of an earlier stage still open, or a window just entered), why, what to do
//! first (inside 30 days, the closing move), how grave it is and its class; and when a
//! renewal stage's task lapses into the renewal's item.

use chrono::{Duration, NaiveDate};

use super::{Class, Item, ItemAccount, ItemKind, News, Subject};
use crate::domain::records::Forecast;
use crate::domain::renewal::{Motion, Stage, Step, Warning, WarningKind, Window};
use crate::domain::vocab::{ForecastCategory, ForecastConfidence, HealthBand};
use crate::text::count;

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
    /// The next step, when the motion is behind (before the closing window).
    pub behind: Option<Step>,
    /// The stage the window calls for.
    pub stage: Option<Stage>,
    /// No forecast, inside 60 days.
    pub no_forecast: bool,
    /// The CSM forecasts it at risk, a churn or a downsell.
    pub forecast_at_risk: bool,
    /// The contract was sent, and signed.
    pub sent: bool,
    pub signed: bool,
    /// Steps of the stages before the current one left undone.
    pub undone_before: usize,
}

impl RenewalFacts {
    /// What the queue needs of a renewal of `contract` on `on`, in `window`, with its
    /// health band, motion, forecast and warnings.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        account_id: i64,
        contract: i64,
        window: Window,
        on: NaiveDate,
        band: Option<HealthBand>,
        motion: &Motion,
        forecast: Option<&Forecast>,
        warnings: &[Warning],
    ) -> RenewalFacts {
        let closing = closing(window);
        RenewalFacts {
            account_id,
            contract,
            window,
            on,
            band,
            behind: motion
                .next_step()
                .filter(|_| !motion.behind.is_empty() && !closing),
            stage: motion.stage,
            no_forecast: warnings.iter().any(|w| w.kind == WarningKind::NoForecast)
                && matches!(window, Window::Overdue | Window::Days30 | Window::Days60),
            forecast_at_risk: forecast.is_some_and(|f| {
                matches!(
                    f.category,
                    ForecastCategory::Churn | ForecastCategory::Downsell
                ) || f.confidence == ForecastConfidence::AtRisk
            }),
            sent: motion.done.contains(&Step::ContractSent),
            signed: motion.signed(),
            undone_before: motion.undone_before(),
        }
    }

    /// The day its window opened; None more than 120 days out.
    fn opened(&self) -> Option<NaiveDate> {
        (self.window != Window::Later)
            .then(|| self.on - Duration::days(i64::from(window_days(self.window))))
    }

    /// Inside 30 days or past its date: the closing move is what counts.
    pub fn closing(&self) -> bool {
        closing(self.window)
    }

    /// At risk: unsigned, with red health, or forecast at risk, a churn or a downsell.
    pub fn at_risk(&self) -> bool {
        !self.signed && (self.band == Some(HealthBand::Red) || self.forecast_at_risk)
    }
}

fn closing(window: Window) -> bool {
    matches!(window, Window::Days30 | Window::Overdue)
}

/// Why the renewal needs a move, in a CSM's words, with `lapsed` tasks of an earlier
/// stage still open; empty when nothing is wrong with it. Inside 30 days or overdue the
/// signature and the outcome lead, and earlier steps left undone are a warning.
pub fn renewal_reasons(r: &RenewalFacts, lapsed: usize) -> Vec<String> {
    let mut why: Vec<String> = Vec::new();
    if r.signed && r.window != Window::Overdue {
        // Signed before its date: nothing left to do until the outcome is due.
        return why;
    }
    if r.closing() {
        match (r.window, r.signed) {
            (Window::Overdue, true) => why.push("signed, outcome not recorded".into()),
            (Window::Overdue, false) => why.push("unsigned".into()),
            (_, false) if !r.sent => why.push("unsigned, contract not sent".into()),
            (_, false) => why.push("unsigned".into()),
            _ => {}
        }
    }
    if let Some(b) = r.band.filter(|b| *b != HealthBand::Green && !r.signed) {
        why.push(format!("health {}", b.as_str()));
    }
    if r.forecast_at_risk && !r.signed {
        why.push("forecast at risk".into());
    }
    if let Some(step) = r.behind {
        why.push(step.missing().into());
    }
    if r.no_forecast {
        why.push("no forecast".into());
    }
    if r.closing() && !r.signed && r.undone_before > 0 {
        why.push(format!(
            "{} left undone",
            count(r.undone_before, "earlier step", "earlier steps")
        ));
    }
    if lapsed > 0 {
        why.push(format!(
            "{} of an earlier stage open",
            count(lapsed, "task", "tasks")
        ));
    }
    why
}

/// What to do first. Inside 30 days or overdue: the contract sent, then signed, then
/// the outcome recorded. Before: catch the motion up, set the forecast, save an account
/// at risk, clear the earlier stage's tasks, else start the window's stage.
pub fn renewal_advice(r: &RenewalFacts, lapsed: usize) -> String {
    if r.closing() {
        return match (r.signed, r.sent) {
            (true, _) => "record the outcome",
            (false, false) => "send the contract for signature",
            (false, true) => "get the contract signed",
        }
        .into();
    }
    if let Some(step) = r.behind {
        step.to_do().into()
    } else if r.no_forecast {
        "set the forecast".into()
    } else if r.at_risk() {
        "agree the save plan with the sponsor".into()
    } else if lapsed > 0 {
        "close or skip the earlier stage's tasks".into()
    } else if let Some(stage) = r.stage {
        format!("start the {}", stage.label())
    } else {
        "review the renewal".into()
    }
}

/// How grave it is, 1-3: at risk, behind its motion, or unsigned inside 30 days 3;
/// yellow 2; else 1.
pub fn renewal_severity(r: &RenewalFacts) -> u8 {
    if r.at_risk() || r.behind.is_some() || (r.closing() && !r.signed) {
        3
    } else if r.band == Some(HealthBand::Yellow) {
        2
    } else {
        1
    }
}

/// Its class: unsigned inside 30 days or past its date, or at risk, is a save; one that
/// needs a move (or an outcome recorded) is a risk; one that only entered its window is
/// routine.
pub fn renewal_class(r: &RenewalFacts, reasons: &[String]) -> Class {
    if (r.closing() && !r.signed) || r.at_risk() {
        Class::Save
    } else if reasons.is_empty() {
        Class::Routine
    } else {
        Class::Risk
    }
}

/// The renewal's item on `account`, if it needs a move: a reason to act, or a window
/// entered while it is news. None more than 120 days out. Inside 30 days and unsigned it
/// is always listed, whatever became of its tasks.
pub fn renewal_item(
    account: &ItemAccount,
    r: &RenewalFacts,
    lapsed: usize,
    news: &News,
) -> Option<Item> {
    let opened = r.opened()?;
    let mut why = renewal_reasons(r, lapsed);
    let class = renewal_class(r, &why);
    if why.is_empty() {
        if !news.covers(opened) {
            return None;
        }
        why.push(format!(
            "entered the {} window{}",
            r.window.label(),
            if r.signed { ", signed" } else { "" }
        ));
    }
    let fingerprint = format!(
        "{}|{}|{}|{}|{}|{}{}{}",
        r.window.as_str(),
        r.band.map_or("", |b| b.as_str()),
        r.behind.map_or("", |s| s.as_str()),
        r.no_forecast,
        lapsed > 0,
        if r.sent { "s" } else { "" },
        if r.signed { "S" } else { "" },
        if r.forecast_at_risk { "!" } else { "" },
    );
    Some(Item {
        due: Some(r.on),
        severity: renewal_severity(r),
        class,
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
            None,
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
        assert_eq!(item.fingerprint, "60|yellow|risk_review|true|true|");
    }

    #[test]
    fn no_forecast_counts_only_inside_60_days() {
        let far = renewal(75, None, &caught_up(Window::Days90), false);
        assert!(!far.no_forecast);
        let near = renewal(45, None, &caught_up(Window::Days60), false);
        assert!(near.no_forecast);
        assert_eq!(renewal_reasons(&near, 0), ["no forecast"]);
        assert_eq!(renewal_advice(&near, 0), "set the forecast");
    }

    #[test]
    fn inside_30_days_or_overdue_the_move_is_the_signature_then_the_outcome() {
        // 20 days late, signed: record what happened, nothing else.
        let signed = renewal(-20, Some(HealthBand::Red), &[Step::ContractSigned], true);
        assert_eq!(
            renewal_reasons(&signed, 0),
            ["signed, outcome not recorded"]
        );
        assert_eq!(renewal_advice(&signed, 0), "record the outcome");
        assert!(!signed.at_risk(), "a signed renewal is no longer at risk");
        // 8 days late, unsigned, the strategy never written: the signature, and the
        // steps left undone are a warning, not the next thing to do.
        let late = renewal(-8, Some(HealthBand::Green), &[], true);
        assert_eq!(
            renewal_reasons(&late, 1),
            [
                "unsigned",
                "7 earlier steps left undone",
                "1 task of an earlier stage open"
            ]
        );
        assert_eq!(renewal_advice(&late, 1), "send the contract for signature");
        let sent = renewal(-8, None, &[Step::ContractSent], true);
        assert_eq!(renewal_advice(&sent, 0), "get the contract signed");
        let reasons = renewal_reasons(&late, 0);
        assert_eq!(renewal_class(&late, &reasons), Class::Save);
        assert_eq!(
            renewal_class(&signed, &renewal_reasons(&signed, 0)),
            Class::Risk
        );
    }

    #[test]
    fn an_unsigned_renewal_inside_30_days_never_leaves_the_queue_a_signed_one_does() {
        // Its window opened 25 days ago, long before the news began; nothing else is
        // wrong with it and its tasks are all closed.
        let unsigned = renewal(5, Some(HealthBand::Green), &caught_up(Window::Days30), true);
        let item = item_of(&unsigned, 0).expect("unsigned 5 days out");
        assert_eq!(item.what, "unsigned, contract not sent");
        assert_eq!((item.class, item.severity), (Class::Save, 3));
        let mut done = caught_up(Window::Days30);
        done.extend([Step::ContractSent, Step::ContractSigned]);
        let signed = renewal(5, Some(HealthBand::Yellow), &done, true);
        assert!(
            item_of(&signed, 0).is_none(),
            "signed: nothing to do till its date"
        );
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
