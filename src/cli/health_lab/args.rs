//! The lab's arguments read into rules: `--weights usage=50,...`, `--rule
//! champion_left=90`, `--window support_days=60`, bands; each refused in a sentence
//! saying what was expected.

use color_eyre::Result;
use color_eyre::eyre::{bail, eyre};

use crate::domain::health::{Caps, HealthRules, Weights, Windows};

/// `usage=50,adoption=30,support=10,engagement=10`: the weights named, the rest as in
/// force; together they must add up to 100.
pub fn weights(text: &str, in_force: Weights) -> Result<Weights> {
    let mut w = in_force;
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').ok_or_else(|| {
            eyre!("--weights takes name=percent pairs, like usage=50; got `{pair}`")
        })?;
        let value: u32 = value
            .trim()
            .parse()
            .map_err(|_| eyre!("--weights: `{}` is not a whole percent", value.trim()))?;
        match name.trim() {
            "usage" => w.usage = value,
            "adoption" => w.adoption = value,
            "support" => w.support = value,
            "engagement" => w.engagement = value,
            other => bail!(
                "--weights: `{other}` is not a component; the components are usage, adoption, support and engagement"
            ),
        }
    }
    Ok(w)
}

/// `champion_left=90` (days, or `off`) or `escalation_at=p1` (a priority, or `off`).
pub fn rule(text: &str, caps: &mut Caps) -> Result<()> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| eyre!("--rule takes name=value, like champion_left=90; got `{text}`"))?;
    let value = value.trim();
    match name.trim() {
        "champion_left" => {
            caps.champion_left_days = match value {
                "off" => 0,
                days => days.parse().map_err(|_| {
                    eyre!("--rule champion_left= takes the days a departure holds the band at yellow, or off; got `{days}`")
                })?,
            }
        }
        "escalation_at" => {
            caps.escalation_at = match value {
                "off" => None,
                p => Some(p.parse().map_err(|_| {
                    eyre!("--rule escalation_at= takes a ticket priority (p1, p2, p3, p4) or off; got `{p}`")
                })?),
            }
        }
        other => bail!(
            "--rule: `{other}` is not a hard rule; the rules are champion_left=DAYS|off and escalation_at=p1..p4|off"
        ),
    }
    Ok(())
}

/// `support_days=60`: one of `[health.windows]`, by its config name.
pub fn window(text: &str, windows: Windows) -> Result<Windows> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| eyre!("--window takes name=value, like support_days=60; got `{text}`"))?;
    let mut table = serde_json::to_value(windows)?;
    let number: f64 = value.trim().parse().map_err(|_| {
        eyre!(
            "--window {}: `{}` is not a number",
            name.trim(),
            value.trim()
        )
    })?;
    let slot = table
        .get_mut(name.trim())
        .ok_or_else(|| {
            eyre!(
                "--window: `{}` is not a window; they are those of [health.windows] in `csm config --default`",
                name.trim()
            )
        })?;
    *slot = if slot.is_u64() {
        if number.fract() != 0.0 || number < 0.0 {
            bail!("--window {} takes whole days, got {value}", name.trim());
        }
        serde_json::json!(number as u64)
    } else {
        serde_json::json!(number)
    };
    Ok(serde_json::from_value(table)?)
}

/// The rules in force with the changes asked for, checked as a config would be.
pub fn trial_rules(in_force: &HealthRules, asked: &Asked) -> Result<HealthRules> {
    let mut rules = in_force.clone();
    if let Some(w) = &asked.weights {
        rules.weights = weights(w, rules.weights)?;
    }
    if let Some(g) = asked.green_at {
        rules.bands.green_at = g;
    }
    if let Some(y) = asked.yellow_at {
        rules.bands.yellow_at = y;
    }
    if asked.no_rules {
        rules.caps = Caps::NONE;
    }
    for r in &asked.rules {
        rule(r, &mut rules.caps)?;
    }
    for w in &asked.windows {
        rules.windows = window(w, rules.windows)?;
    }
    rules.check().map_err(|e| eyre!(e.0))?;
    Ok(rules)
}

/// What the command line asked to change.
#[derive(Debug, Default)]
pub struct Asked {
    pub weights: Option<String>,
    pub green_at: Option<u8>,
    pub yellow_at: Option<u8>,
    pub no_rules: bool,
    pub rules: Vec<String>,
    pub windows: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_named_replace_those_in_force_and_must_add_up() {
        let asked = Asked {
            weights: Some("usage=50, support=10".into()),
            ..Asked::default()
        };
        let rules = trial_rules(&HealthRules::default(), &asked).unwrap();
        assert_eq!(rules.weights.in_order(), [50, 30, 10, 10]);
        let asked = Asked {
            weights: Some("usage=60".into()),
            ..Asked::default()
        };
        let err = trial_rules(&HealthRules::default(), &asked).unwrap_err();
        assert!(err.to_string().contains("add up to 120"), "{err}");
        assert!(weights("usage=lots", Weights::default()).is_err());
        assert!(
            weights("speed=10", Weights::default())
                .unwrap_err()
                .to_string()
                .contains("components are")
        );
    }

    #[test]
    fn rules_and_windows_read_by_their_config_names() {
        let asked = Asked {
            no_rules: true,
            rules: vec!["escalation_at=p2".into()],
            windows: vec!["support_days=60".into(), "usage_target=0.7".into()],
            ..Asked::default()
        };
        let rules = trial_rules(&HealthRules::default(), &asked).unwrap();
        assert_eq!(rules.caps.champion_left_days, 0);
        assert_eq!(
            rules.caps.escalation_at,
            Some(crate::domain::vocab::TicketPriority::P2)
        );
        assert_eq!(
            (rules.windows.support_days, rules.windows.usage_target),
            (60, 0.7)
        );
        let mut caps = Caps::default();
        assert!(rule("champion_left=soon", &mut caps).is_err());
        assert!(window("support_days=6.5", Windows::default()).is_err());
        assert!(
            window("decay=3", Windows::default())
                .unwrap_err()
                .to_string()
                .contains("not a window")
        );
    }
}
