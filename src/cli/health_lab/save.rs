//! Writing the rules tried into the config file, leaving the rest of it as the person
//! wrote it (comments and order kept): the weights and hard rules always, bands and
//! windows where they differ from those in force, with a comment above the weights
//! saying what was tried and how the backtest moved. The new file is checked as a
//! config before it replaces the old one.

use std::fs;
use std::path::Path;

use color_eyre::Result;
use color_eyre::eyre::{WrapErr, eyre};
use toml_edit::{DocumentMut, Item, Table, value};

use crate::config::Config;
use crate::domain::health::HealthRules;

/// The first words of the comment a save leaves; an earlier save's comment is replaced.
const MARK: &str = "# saved by csm health lab";

/// Writes `trying` into the config at `path` (made if there is none).
pub fn health(path: &Path, in_force: &HealthRules, trying: &HealthRules, note: &str) -> Result<()> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).wrap_err_with(|| format!("reading {}", path.display())),
    };
    let new = edited(&text, in_force, trying, note)
        .wrap_err_with(|| format!("{} could not be edited", path.display()))?;
    Config::parse(&new, path).map_err(|e| eyre!("the saved config would not read back: {e}"))?;
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let temp = path.with_extension("toml.saving");
    fs::write(&temp, &new).wrap_err_with(|| format!("writing {}", temp.display()))?;
    if let Ok(meta) = fs::metadata(path) {
        fs::set_permissions(&temp, meta.permissions())?;
    }
    fs::rename(&temp, path).wrap_err_with(|| format!("replacing {}", path.display()))?;
    Ok(())
}

/// The config text with the rules tried written in.
fn edited(text: &str, in_force: &HealthRules, trying: &HealthRules, note: &str) -> Result<String> {
    let mut doc: DocumentMut = text.parse()?;
    let health = table(doc.as_table_mut(), "health")?;
    if trying.bands != in_force.bands {
        health.insert("green_at", value(i64::from(trying.bands.green_at)));
        health.insert("yellow_at", value(i64::from(trying.bands.yellow_at)));
    }
    let w = trying.weights;
    let weights = table(health, "weights")?;
    for (name, v) in [
        ("usage", w.usage),
        ("adoption", w.adoption),
        ("support", w.support),
        ("engagement", w.engagement),
    ] {
        weights.insert(name, value(i64::from(v)));
    }
    let kept: Vec<&str> = weights
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .lines()
        .filter(|l| !l.starts_with(MARK))
        .collect();
    let mut prefix = kept.join("\n");
    if !prefix.is_empty() || !text.trim().is_empty() {
        prefix.push('\n');
    }
    prefix += &format!("# {note}\n");
    weights.decor_mut().set_prefix(prefix);
    let caps = table(health, "caps")?;
    caps.insert(
        "champion_left_days",
        value(i64::from(trying.caps.champion_left_days)),
    );
    caps.insert(
        "escalation_at",
        value(trying.caps.escalation_at.map_or("off", |p| p.as_str())),
    );
    if trying.windows != in_force.windows {
        let now = serde_json::to_value(trying.windows)?;
        let was = serde_json::to_value(in_force.windows)?;
        let windows = table(health, "windows")?;
        for (name, v) in now.as_object().into_iter().flatten() {
            if was.get(name) == Some(v) {
                continue;
            }
            let item = match (v.as_i64(), v.as_f64()) {
                (Some(n), _) => value(n),
                (None, Some(x)) => value(x),
                _ => continue,
            };
            windows.insert(name, item);
        }
    }
    Ok(doc.to_string())
}

/// The table under `key`, made if missing.
fn table<'a>(parent: &'a mut Table, key: &str) -> Result<&'a mut Table> {
    let item = parent.entry(key).or_insert_with(|| {
        let mut t = Table::new();
        t.set_implicit(key == "health");
        Item::Table(t)
    });
    item.as_table_mut()
        .ok_or_else(|| eyre!("[{key}] is written inline; write it as a table to save into it"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::health::Caps;

    #[test]
    fn a_save_keeps_the_persons_own_lines_and_says_what_was_tried() {
        let text = "[user]\nname = \"Ana\" # me\n\n[health]\ngreen_at = 70\n\n[health.weights]\n\
                    usage = 40\nadoption = 30\nsupport = 20\nengagement = 10\n";
        let in_force = HealthRules::default();
        let mut trying = in_force.clone();
        trying.weights.usage = 50;
        trying.weights.support = 10;
        trying.caps = Caps::NONE;
        trying.windows.support_days = 60;
        let out = edited(
            text,
            &in_force,
            &trying,
            "saved by csm health lab on 2026-03-01: x",
        )
        .unwrap();
        assert!(out.contains("name = \"Ana\" # me"), "{out}");
        assert!(
            out.contains("# saved by csm health lab on 2026-03-01: x\n[health.weights]"),
            "{out}"
        );
        let config = Config::parse(&out, Path::new("c.toml")).unwrap();
        let rules = config.health.rules();
        assert_eq!(rules.weights.in_order(), [50, 30, 10, 10]);
        assert_eq!(rules.caps, Caps::NONE);
        assert_eq!(rules.windows.support_days, 60);
        assert_eq!(
            rules.windows.usage_days, 30,
            "unchanged windows are not written"
        );
        // A second save replaces the first one's comment rather than piling them up.
        let again = edited(
            &out,
            &rules,
            &rules,
            "saved by csm health lab on 2026-03-08: y",
        )
        .unwrap();
        assert_eq!(again.matches(MARK).count(), 1, "{again}");
        assert!(again.contains("2026-03-08: y"));
    }

    #[test]
    fn an_empty_config_gets_the_rules_tried() {
        let trying = HealthRules::default();
        let out = edited(
            "",
            &trying,
            &trying,
            "saved by csm health lab on 2026-03-01: z",
        )
        .unwrap();
        let rules = Config::parse(&out, Path::new("c.toml"))
            .unwrap()
            .health
            .rules();
        assert_eq!(rules, trying);
        assert!(
            out.starts_with("[health.weights]") || out.starts_with("# saved"),
            "{out}"
        );
    }
}
