//! The playbooks csm ships with, from `assets/playbooks/`, written as a CSM would want to
//! run them: onboarding by segment, welcome, risk (red, yellow, usage drop, an escalation,
//! a quiet champion, no sponsor, one thread), renewal at 120/90/60/30 days, champion or
//! sponsor left, NPS detractor, advocacy ask, expansion, and a value check after go-live.

/// (file name, TOML) of each built-in playbook.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "advocacy-ask.toml",
        include_str!("../../../assets/playbooks/advocacy-ask.toml"),
    ),
    (
        "champion-left.toml",
        include_str!("../../../assets/playbooks/champion-left.toml"),
    ),
    (
        "champion-quiet.toml",
        include_str!("../../../assets/playbooks/champion-quiet.toml"),
    ),
    (
        "escalation.toml",
        include_str!("../../../assets/playbooks/escalation.toml"),
    ),
    (
        "exec-sponsor.toml",
        include_str!("../../../assets/playbooks/exec-sponsor.toml"),
    ),
    (
        "expansion-seats.toml",
        include_str!("../../../assets/playbooks/expansion-seats.toml"),
    ),
    (
        "go-live-value-check.toml",
        include_str!("../../../assets/playbooks/go-live-value-check.toml"),
    ),
    (
        "multi-thread.toml",
        include_str!("../../../assets/playbooks/multi-thread.toml"),
    ),
    (
        "nps-detractor.toml",
        include_str!("../../../assets/playbooks/nps-detractor.toml"),
    ),
    (
        "onboarding-enterprise.toml",
        include_str!("../../../assets/playbooks/onboarding-enterprise.toml"),
    ),
    (
        "onboarding-mid-market.toml",
        include_str!("../../../assets/playbooks/onboarding-mid-market.toml"),
    ),
    (
        "onboarding-self-serve.toml",
        include_str!("../../../assets/playbooks/onboarding-self-serve.toml"),
    ),
    (
        "onboarding-smb.toml",
        include_str!("../../../assets/playbooks/onboarding-smb.toml"),
    ),
    (
        "renewal-120.toml",
        include_str!("../../../assets/playbooks/renewal-120.toml"),
    ),
    (
        "renewal-30.toml",
        include_str!("../../../assets/playbooks/renewal-30.toml"),
    ),
    (
        "renewal-60.toml",
        include_str!("../../../assets/playbooks/renewal-60.toml"),
    ),
    (
        "renewal-90.toml",
        include_str!("../../../assets/playbooks/renewal-90.toml"),
    ),
    (
        "risk-red.toml",
        include_str!("../../../assets/playbooks/risk-red.toml"),
    ),
    (
        "risk-yellow.toml",
        include_str!("../../../assets/playbooks/risk-yellow.toml"),
    ),
    (
        "sponsor-left.toml",
        include_str!("../../../assets/playbooks/sponsor-left.toml"),
    ),
    (
        "usage-drop.toml",
        include_str!("../../../assets/playbooks/usage-drop.toml"),
    ),
    (
        "welcome.toml",
        include_str!("../../../assets/playbooks/welcome.toml"),
    ),
];

/// The built-in playbooks, read (each one reads: a test says so).
pub fn built_ins() -> Vec<super::Playbook> {
    BUILT_IN
        .iter()
        .filter_map(|(file, text)| super::parse(text, file).ok())
        .collect()
}
