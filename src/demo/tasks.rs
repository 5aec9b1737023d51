//! The CSM's tasks on a demo account, raised by what is going on: the renewal window's
//! playbook stages, a champion who left or went quiet, no sponsor, a single thread,
//! falling usage, an escalation, onboarding, a QBR due, seat pressure. Some are overdue,
//! a few snoozed, and the earlier ones done.

use chrono::{Duration, NaiveDate};
use fastrand::Rng;

use super::profile::{Profile, Shape};
use super::signals::Signals;
use crate::domain::records::{Contract, Task};
use crate::domain::vocab::{Priority, Segment, TaskStatus};

/// A task before it is numbered and owned.
struct Draft {
    title: String,
    description: Option<String>,
    playbook: Option<&'static str>,
    priority: Priority,
    created_on: NaiveDate,
    due_on: NaiveDate,
    /// The day it was done, when the demo tells (else near its due day).
    done_on: Option<NaiveDate>,
}

fn draft(
    title: impl Into<String>,
    playbook: Option<&'static str>,
    priority: Priority,
    created_on: NaiveDate,
    due_on: NaiveDate,
) -> Draft {
    Draft {
        title: title.into(),
        description: None,
        playbook,
        priority,
        created_on: created_on.min(due_on),
        due_on,
        done_on: None,
    }
}

/// The account's tasks so far: still to do, and done.
#[derive(Default)]
struct Board {
    open: Vec<Draft>,
    done: Vec<Draft>,
}

fn jitter(rng: &mut Rng) -> Duration {
    Duration::days(rng.i64(-3..=3))
}

/// Fills `out` with the account's tasks for its owner: open ones for what is going on
/// today, and done ones from before.
pub fn tasks(
    p: &Profile,
    rng: &mut Rng,
    owner: &str,
    s: &Signals,
    contract: Option<&Contract>,
    out: &mut Vec<Task>,
) {
    out.clear();
    let mut board = Board::default();
    if let Some(on) = p.churned_on() {
        board.done.push(draft(
            "Log the churn reason and hand over to finance",
            None,
            Priority::Medium,
            on,
            on + Duration::days(3),
        ));
    } else {
        if let Some(c) = contract {
            renewal(p, rng, c, &mut board);
        }
        risks(p, rng, s, &mut board);
        onboarding(p, rng, &mut board);
        routine(p, rng, s, &mut board);
    }
    finish(p, rng, owner, board, out);
}

/// The renewal playbook, one stage after another; earlier stages are done (or, now and
/// then, forgotten and overdue).
fn renewal(p: &Profile, rng: &mut Rng, c: &Contract, board: &mut Board) {
    let today = p.today;
    let (open, done) = (&mut board.open, &mut board.done);
    let renewal = c.ends_on;
    use Priority::{High, Medium};
    // Each stage: when it starts and when it is due (days before the renewal).
    let stages: [(i64, i64, &str, &'static str, Priority); 4] = [
        (
            120,
            100,
            "Draft the renewal strategy",
            "renewal-120",
            Medium,
        ),
        (
            90,
            75,
            "Book the business review with the economic buyer",
            "renewal-90",
            Medium,
        ),
        (60, 45, "Send the renewal proposal", "renewal-60", High),
        (
            30,
            10,
            "Get the renewal order form signed",
            "renewal-30",
            High,
        ),
    ];
    let days = (renewal - today).num_days();
    // Self-serve renews by itself; SMB gets the last two stages.
    let first_stage = match p.segment {
        Segment::Enterprise | Segment::MidMarket => 0,
        Segment::Smb => 2,
        Segment::SelfServe => 4,
    };
    for (starts, due, title, playbook, priority) in stages.into_iter().skip(first_stage) {
        if days > starts {
            continue;
        }
        let mut d = draft(
            title,
            Some(playbook),
            priority,
            renewal - Duration::days(starts),
            renewal - Duration::days(due) + jitter(rng),
        );
        d.description = Some(format!("Renewal on {renewal}, {} ARR", c.arr.short()));
        // The stage whose window holds the renewal today; the last one holds it
        // to the end, overdue included.
        let current = days > starts - 30 || starts == 30;
        if current || rng.f64() < 0.12 {
            open.push(d)
        } else {
            done.push(d)
        }
    }
    if days < 0 {
        let title = if p.segment == Segment::SelfServe {
            "Follow up on the failed renewal payment"
        } else {
            "Close out the overdue renewal"
        };
        open.push(draft(
            title,
            Some("renewal-30"),
            Priority::High,
            renewal,
            renewal + Duration::days(rng.i64(2..=7)),
        ));
    }
}

/// What the people, the usage and support say needs doing.
fn risks(p: &Profile, rng: &mut Rng, s: &Signals, board: &mut Board) {
    let today = p.today;
    let open = &mut board.open;
    if let (Some(left), Some(name)) = (s.gaps.champion_left, &s.champion) {
        let mut d = draft(
            "Find a new champion",
            Some("champion-left"),
            Priority::High,
            left + Duration::days(3),
            left + Duration::days(17) + jitter(rng),
        );
        d.description = Some(format!(
            "{name} left on {left}; map who else can own the rollout"
        ));
        open.push(d);
    }
    if s.gaps.champion_quiet
        && let Some(name) = &s.champion
    {
        let first = name.split(' ').next().unwrap_or(name);
        open.push(draft(
            format!("Re-engage {first}: no reply in weeks"),
            Some("champion-quiet"),
            Priority::Medium,
            today - Duration::days(rng.i64(2..=10)),
            today + Duration::days(rng.i64(-4..=7)),
        ));
    }
    if s.no_sponsor {
        open.push(draft(
            "Identify an executive sponsor",
            Some("exec-sponsor"),
            Priority::Medium,
            today - Duration::days(rng.i64(10..=40)),
            today + Duration::days(rng.i64(-10..=30)),
        ));
    }
    if s.gaps.single_threaded {
        open.push(draft(
            "Multi-thread: meet the economic buyer",
            Some("multi-thread"),
            Priority::Medium,
            today - Duration::days(rng.i64(5..=30)),
            today + Duration::days(rng.i64(-7..=21)),
        ));
    }
    if s.usage_drop >= 20 || matches!(p.shape, Shape::Declining { .. }) {
        let title = if s.usage_drop >= 10 {
            format!(
                "Risk review: active users down {}% in 8 weeks",
                s.usage_drop
            )
        } else {
            "Risk review: usage trending down".to_string()
        };
        open.push(draft(
            title,
            Some("usage-drop"),
            Priority::High,
            today - Duration::days(rng.i64(3..=14)),
            today + Duration::days(rng.i64(-6..=5)),
        ));
        if p.segment == Segment::Enterprise {
            open.push(draft(
                "Exec call: recap the value delivered",
                Some("usage-drop"),
                Priority::High,
                today - Duration::days(rng.i64(3..=14)),
                today + Duration::days(rng.i64(0..=14)),
            ));
        }
    }
    if let Some((subject, opened)) = &s.escalation {
        open.push(draft(
            format!("Follow up on escalated ticket: {subject}"),
            Some("escalation"),
            Priority::High,
            *opened,
            *opened + Duration::days(2),
        ));
    }
}

/// The onboarding program of the account's segment, for its first months: each
/// milestone done near its day (or late, for one account in four; stalled after the
/// first one or two for an account not live past its program's length), the rest open
/// once they are due within a month.
fn onboarding(p: &Profile, rng: &mut Rng, board: &mut Board) {
    let today = p.today;
    let age = (today - p.started_on).num_days();
    let Some(playbook) = onboarding_program(p.segment) else {
        return;
    };
    let days = playbook
        .program
        .as_ref()
        .map_or(30, |pr| i64::from(pr.days));
    if age >= days + 60 {
        return;
    }
    let live = p.went_live_on.is_some_and(|d| d <= today);
    let roll = rng.f64();
    let stalls_after = if !live && age > days / 2 {
        Some(rng.usize(0..=2))
    } else {
        None
    };
    let slip = if roll < 0.7 { 0..=3 } else { 5..=25 };
    let mut steps: Vec<_> = playbook.milestones().collect();
    steps.sort_by_key(|s| s.due_days);
    for (n, step) in steps.into_iter().enumerate() {
        let due = p.started_on + Duration::days(i64::from(step.due_days));
        let mut d = draft(
            &step.title,
            Some(playbook.id.as_str()),
            step.priority,
            p.started_on,
            due,
        );
        let done_on = due + Duration::days(rng.i64(slip.clone()) - 2);
        let stalled = stalls_after.is_some_and(|k| n >= k);
        if !stalled && done_on < today {
            d.done_on = Some(done_on.max(p.started_on));
            board.done.push(d);
        } else if due <= today + Duration::days(30) {
            board.open.push(d);
        }
    }
}

/// The built-in onboarding playbook of a segment (the built-ins read once).
fn onboarding_program(segment: Segment) -> Option<&'static crate::domain::playbook::Playbook> {
    static BUILT_INS: std::sync::OnceLock<Vec<crate::domain::playbook::Playbook>> =
        std::sync::OnceLock::new();
    crate::domain::onboarding::program_for(
        BUILT_INS.get_or_init(crate::domain::playbook::built_ins),
        segment,
    )
}

/// QBRs, expansion and the everyday chores.
fn routine(p: &Profile, rng: &mut Rng, s: &Signals, board: &mut Board) {
    let today = p.today;
    let (open, done) = (&mut board.open, &mut board.done);
    if p.high_touch() && (today - p.started_on).num_days() > 90 {
        let due = s.last_qbr.map_or(today, |q| q + Duration::days(91));
        if due <= today + Duration::days(21) {
            open.push(draft(
                "Schedule QBR",
                Some("qbr-quarterly"),
                Priority::Medium,
                due - Duration::days(21),
                due,
            ));
        }
    }
    if s.seat_pressure {
        open.push(draft(
            "Prepare the seat expansion proposal",
            Some("expansion-seats"),
            Priority::Medium,
            today - Duration::days(rng.i64(1..=10)),
            today + Duration::days(rng.i64(3..=30)),
        ));
    }
    const CHORES: &[&str] = &[
        "Check in on dashboard adoption",
        "Share the quarterly release notes",
        "Confirm the success plan goals",
        "Introduce the new support engineer",
        "Review open tickets with the champion",
        "Invite the admins to the customer webinar",
        "Send the monthly adoption report",
    ];
    let chores = match p.segment {
        Segment::Enterprise => rng.usize(1..=3),
        Segment::MidMarket => rng.usize(0..=2),
        Segment::Smb => rng.usize(0..=1),
        Segment::SelfServe => usize::from(rng.f64() < 0.15),
    };
    for _ in 0..chores {
        let title = rng.choice(CHORES).copied().unwrap_or(CHORES[0]);
        if open.iter().all(|d| d.title != title) {
            open.push(draft(
                title,
                None,
                Priority::Low,
                today - Duration::days(rng.i64(1..=20)),
                today + Duration::days(rng.i64(-4..=35)),
            ));
        }
    }
    for _ in 0..rng.usize(0..=2) {
        let title = rng.choice(CHORES).copied().unwrap_or(CHORES[0]);
        let due = today - Duration::days(rng.i64(5..=150));
        let created = due - Duration::days(rng.i64(3..=20));
        if created >= p.started_on {
            done.push(draft(title, None, Priority::Low, created, due));
        }
    }
}

/// Numbers and owns the drafts: a few open ones snoozed, done ones completed near their
/// due date (one in a while skipped instead).
fn finish(p: &Profile, rng: &mut Rng, owner: &str, board: Board, out: &mut Vec<Task>) {
    const REASONS: &[&str] = &[
        "Waiting on the customer's reply",
        "Champion on vacation until next week",
        "Their budget meeting is next week",
        "Waiting on legal review",
        "Rescheduled by the customer",
    ];
    let today = p.today;
    let drafts = (board.done.into_iter().map(|d| (d, true)))
        .chain(board.open.into_iter().map(|d| (d, false)));
    for (n, (d, is_done)) in drafts.enumerate() {
        let created_on = d.created_on.min(today);
        let snoozed = !is_done && rng.f64() < 0.06;
        let (status, completed_on) = if let (true, Some(on)) = (is_done, d.done_on) {
            (TaskStatus::Done, Some(on.clamp(created_on, today)))
        } else if is_done {
            let on = (d.due_on + Duration::days(rng.i64(-4..=3))).clamp(created_on, today);
            if rng.f64() < 0.05 {
                (TaskStatus::Skipped, Some(on))
            } else {
                (TaskStatus::Done, Some(on))
            }
        } else if snoozed {
            (TaskStatus::Snoozed, None)
        } else {
            (TaskStatus::Open, None)
        };
        out.push(Task {
            external_id: Some(format!("task-{:06}-{}", p.index, n + 1)),
            title: d.title,
            description: d.description,
            owner: Some(owner.to_string()),
            due_on: d.due_on,
            status,
            priority: d.priority,
            snoozed_until: snoozed.then(|| today + Duration::days(rng.i64(2..=21))),
            snooze_reason: snoozed.then(|| {
                rng.choice(REASONS)
                    .copied()
                    .unwrap_or(REASONS[0])
                    .to_string()
            }),
            playbook: d.playbook.map(str::to_string),
            created_on,
            completed_on,
        });
    }
}
