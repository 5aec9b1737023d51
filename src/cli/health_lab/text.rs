//! The lab's words: the rules in force beside the rules tried, today's accounts that
//! would change band, the churns the rules tried would still call green, the search's
//! proposal judged on the contracts it never saw, and the note a save leaves.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::health::lab::{Lab, Proposal, Trial};
use crate::domain::health::{Backtest, HealthRules};
use crate::domain::money::Money;
use crate::domain::vocab::HealthBand;

fn weights(r: &HealthRules) -> String {
    let w = r.weights;
    format!("{}/{}/{}/{}", w.usage, w.adoption, w.support, w.engagement)
}

fn bands(r: &HealthRules) -> String {
    format!("green ≥{}, yellow ≥{}", r.bands.green_at, r.bands.yellow_at)
}

fn auc(b: &Backtest) -> String {
    b.auc.map_or("-".into(), |a| format!("{a:.2}"))
}

fn green_churned(b: &Backtest) -> String {
    format!("{} of {}", b.green_churned.len(), b.churned)
}

fn money(dollars: f64) -> String {
    Money::usd((dollars * 100.0).round() as i64).short()
}

fn band(b: Option<HealthBand>) -> &'static str {
    b.map_or("unscored", |b| b.as_str())
}

/// The rules in force and those tried, side by side, then what the change does today.
pub fn comparison(
    today: NaiveDate,
    lab: &Lab,
    in_force: &HealthRules,
    base: &Trial,
    trying: &HealthRules,
    trial: &Trial,
) -> String {
    let b = &base.backtest;
    let mut out = format!(
        "Health lab · {today} · {} ended contracts scored {} days before their end ({} churned)\n",
        b.contracts, lab.horizon_days, b.churned
    );
    if lab.before_history + b.unscored > 0 {
        let _ = writeln!(
            out,
            "  {} more could not be scored: the book's history does not reach back that far, or no data",
            lab.before_history + b.unscored
        );
    }
    let wide = 4 + in_force
        .caps
        .describe()
        .chars()
        .count()
        .max(bands(in_force).chars().count());
    let _ = writeln!(out, "\n  {:<22}{:<wide$}TRYING", "", "IN FORCE");
    let row = |out: &mut String, what: &str, mine: String, theirs: String| {
        let _ = writeln!(out, "  {what:<22}{mine:<wide$}{theirs}");
    };
    row(
        &mut out,
        "weights u/a/s/e",
        weights(in_force),
        weights(trying),
    );
    row(&mut out, "bands", bands(in_force), bands(trying));
    row(
        &mut out,
        "hard rules",
        in_force.caps.describe(),
        trying.caps.describe(),
    );
    if in_force.windows != trying.windows {
        row(&mut out, "windows", "in force".into(), "changed".into());
    }
    let t = &trial.backtest;
    let moved = match (b.auc, t.auc) {
        (Some(x), Some(y)) if (y - x).abs() >= 0.005 => format!(" ({:+.2})", y - x),
        _ => String::new(),
    };
    row(
        &mut out,
        "backtest ROC AUC",
        auc(b),
        format!("{}{moved}", auc(t)),
    );
    row(
        &mut out,
        "green and churned",
        green_churned(b),
        green_churned(t),
    );
    let s = &trial.standing;
    let _ = writeln!(
        out,
        "\nToday's {} accounts: {} would change band",
        s.accounts, s.changed
    );
    for m in s.moves.iter().take(6) {
        let _ = writeln!(
            out,
            "  {} → {}  {} account{} ({})",
            band(m.from),
            band(m.to),
            m.accounts,
            if m.accounts == 1 { "" } else { "s" },
            money(m.arr)
        );
    }
    let delta = s.arr_at_risk - s.arr_at_risk_before;
    let _ = writeln!(
        out,
        "  ARR at risk {} → {}{}",
        money(s.arr_at_risk_before),
        money(s.arr_at_risk),
        if delta.abs() >= 0.5 {
            format!(
                " ({}{})",
                if delta > 0.0 { "+" } else { "-" },
                money(delta.abs())
            )
        } else {
            String::new()
        }
    );
    if !t.green_churned.is_empty() {
        let _ = writeln!(
            out,
            "\nStill green when they churned, under the rules tried:"
        );
        for c in t.green_churned.iter().take(10) {
            let _ = writeln!(
                out,
                "  {:<30} ended {}  scored {}",
                crate::text::clip(&c.account, 30),
                c.ended_on,
                c.score.map_or("-".into(), |s| s.to_string())
            );
        }
        if t.green_churned.len() > 10 {
            let _ = writeln!(out, "  ... and {} more", t.green_churned.len() - 10);
        }
    }
    out
}

/// The search's pick, judged on the later contracts beside the rules in force.
pub fn proposal(p: Option<&Proposal>, in_force: &HealthRules) -> String {
    let Some(p) = p else {
        return "\nSearch: the history cannot be split fairly: each part needs both renewals and \
                churns, so there is nothing to judge a proposal on.\n"
            .into();
    };
    let mut out = format!(
        "\nSearch: {} rule sets tried on the {} contracts that ended before {}, judged on the {} from then on\n",
        p.tried, p.split.searched, p.split.held_out_from, p.split.held_out
    );
    let proposed = p.rules(in_force);
    let wide = 4 + in_force.caps.describe().chars().count();
    let _ = writeln!(out, "  {:<30}{:<wide$}PROPOSED", "", "IN FORCE");
    let _ = writeln!(
        out,
        "  {:<30}{:<wide$}{}",
        "weights u/a/s/e",
        weights(in_force),
        weights(&proposed),
    );
    let _ = writeln!(
        out,
        "  {:<30}{:<wide$}{}",
        "hard rules",
        in_force.caps.describe(),
        proposed.caps.describe()
    );
    for (what, part) in [("searched on", &p.searched), ("held out", &p.held_out)] {
        let _ = writeln!(
            out,
            "  {:<30}{:<wide$}{}",
            format!("ROC AUC, {what}"),
            auc(&part.in_force),
            auc(&part.proposed)
        );
    }
    let _ = writeln!(
        out,
        "  {:<30}{:<wide$}{}",
        "green and churned, held out",
        green_churned(&p.held_out.in_force),
        green_churned(&p.held_out.proposed)
    );
    if p.holds_up() {
        let _ = writeln!(
            out,
            "  It holds up on contracts it never saw. Try it: csm health lab --weights {} {}; add --save to keep it",
            weight_words(&proposed),
            rule_words(&proposed)
        );
    } else {
        let _ = writeln!(
            out,
            "  It does not beat the rules in force on the later contracts: it fits the past, so keep yours."
        );
    }
    out
}

fn weight_words(r: &HealthRules) -> String {
    let w = r.weights;
    format!(
        "usage={},adoption={},support={},engagement={}",
        w.usage, w.adoption, w.support, w.engagement
    )
}

fn rule_words(r: &HealthRules) -> String {
    let c = r.caps;
    let days = match c.champion_left_days {
        0 => "off".to_string(),
        d => d.to_string(),
    };
    format!(
        "--rule champion_left={days} --rule escalation_at={}",
        c.escalation_at.map_or("off", |p| p.as_str())
    )
}

/// "tried usage=50,... with champion left 90d; backtest AUC 0.72 → 0.81, green and
/// churned 9 → 3 of 27": what a save writes above the rules.
pub fn saved_note(
    today: NaiveDate,
    in_force: &HealthRules,
    base: &Trial,
    trying: &HealthRules,
    trial: &Trial,
) -> String {
    let (b, t) = (&base.backtest, &trial.backtest);
    format!(
        "saved by csm health lab on {today}: weights {} → {}, hard rules {} → {}; backtest {} days out: \
         ROC AUC {} → {}, green and churned {} → {} of {}",
        weights(in_force),
        weights(trying),
        in_force.caps.describe(),
        trying.caps.describe(),
        b.horizon_days,
        auc(b),
        auc(t),
        b.green_churned.len(),
        t.green_churned.len(),
        t.churned
    )
}
