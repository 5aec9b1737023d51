//! The playbook catalog: the built-ins, then the CSM's own `*.toml` files from the
//! `playbooks` folder beside the config file, a file of theirs replacing the built-in
//! with its id. A file that does not read is reported with its problems and skipped:
//! it never stops the cockpit from opening.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::book::today::Scope;
use crate::domain::health::SignalKind;
use crate::domain::playbook::{BUILT_IN, Playbook, Problem, Trigger, parse};
use crate::domain::today::Class;
use crate::domain::vocab::HealthBand;

/// The playbooks in force and the problems of the files left out.
#[derive(Debug, Default)]
pub struct Catalog {
    pub playbooks: Vec<Playbook>,
    pub problems: Vec<Problem>,
    /// Ids a user file replaced.
    pub overridden: Vec<String>,
}

/// Where a CSM keeps their own playbooks: `playbooks/` beside the config file.
pub fn user_dir(config_file: &Path) -> PathBuf {
    config_file
        .parent()
        .map_or_else(|| PathBuf::from("playbooks"), |dir| dir.join("playbooks"))
}

impl Catalog {
    /// The built-ins and the user's files in `dir` (absent is fine).
    pub fn load(dir: &Path) -> Catalog {
        let mut catalog = Catalog::default();
        for (file, text) in BUILT_IN {
            match parse(text, file) {
                Ok(p) => catalog.playbooks.push(p),
                Err(problems) => catalog.problems.extend(problems),
            }
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        for path in files {
            match check_file(&path) {
                Ok(p) => catalog.add(p),
                Err(problems) => catalog.problems.extend(problems),
            }
        }
        catalog
    }

    /// The renewal playbooks by id, with the window (in days) each one's trigger opens:
    /// their tasks belong to that stage of the renewal.
    pub fn renewal_stages(&self) -> HashMap<String, u32> {
        self.playbooks
            .iter()
            .filter_map(|p| match p.trigger {
                Trigger::RenewalWindow { days } => Some((p.id.clone(), days)),
                _ => None,
            })
            .collect()
    }

    /// The playbooks that answer each risk signal: while one of them has a task open
    /// on an account, that task stands for the signal in the Today queue.
    pub fn signal_answers(&self) -> HashMap<SignalKind, Vec<String>> {
        let mut out: HashMap<SignalKind, Vec<String>> = HashMap::new();
        for p in &self.playbooks {
            let answers = match p.trigger {
                Trigger::RiskSignal { signal } => Some(signal),
                Trigger::ChampionLeft => Some(SignalKind::ChampionLeft),
                Trigger::NpsDetractor { .. } => Some(SignalKind::NpsDetractor),
                _ => None,
            };
            if let Some(kind) = answers {
                out.entry(kind).or_default().push(p.id.clone());
            }
        }
        out
    }

    /// The class of each playbook's tasks in the Today queue, by what it answers: a
    /// departure, an escalation or red health is a save; another risk sign or yellow
    /// health a risk; onboarding, advocacy, expansion and dates routine. A renewal
    /// stage's playbook is left out: its tasks take the class of the renewal.
    pub fn task_classes(&self) -> HashMap<String, Class> {
        self.playbooks
            .iter()
            .filter_map(|p| {
                let class = match p.trigger {
                    Trigger::RiskSignal { signal } => Class::of_signal(signal),
                    Trigger::ChampionLeft | Trigger::SponsorLeft => Class::Save,
                    Trigger::HealthBand {
                        to: HealthBand::Red,
                    } => Class::Save,
                    Trigger::HealthBand { .. } | Trigger::NpsDetractor { .. } => Class::Risk,
                    Trigger::RenewalWindow { .. } => return None,
                    _ => Class::Routine,
                };
                Some((p.id.clone(), class))
            })
            .collect()
    }

    /// Whose queue it is, what they last saw, and what the playbooks tell the queue.
    pub fn today_scope(&self, owner: Option<String>, last_looked: Option<NaiveDate>) -> Scope {
        Scope {
            owner,
            account: None,
            last_looked,
            stages: self.renewal_stages(),
            answers: self.signal_answers(),
            classes: self.task_classes(),
            growth: crate::book::today::GrowthRules {
                programs: self
                    .playbooks
                    .iter()
                    .filter(|p| p.program.is_some())
                    .cloned()
                    .collect(),
                ..Default::default()
            },
        }
    }

    fn add(&mut self, playbook: Playbook) {
        match self.playbooks.iter_mut().find(|p| p.id == playbook.id) {
            Some(existing) => {
                self.overridden.push(playbook.id.clone());
                *existing = playbook;
            }
            None => self.playbooks.push(playbook),
        }
    }
}

/// Reads and checks one playbook file.
pub fn check_file(path: &Path) -> Result<Playbook, Vec<Problem>> {
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, &name),
        Err(e) => Err(vec![Problem {
            file: name,
            line: 1,
            column: 1,
            message: format!("cannot be read: {e}"),
        }]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_file_replaces_its_built_in_and_a_broken_one_is_skipped_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("renewal-30.toml"),
            "id = \"renewal-30\"\nname = \"Our 30-day close\"\ntrigger = { kind = \"renewal_window\", days = 30 }\n[[steps]]\ntitle = \"Legal review\"\ndue = 3\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("broken.toml"),
            "id = \"broken\"\nname = \"Broken\"\ntrigger = { kind = \"renewal_window\", days = 45 }\n[[steps]]\ntitle = \"t\"\ndue = 0\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a playbook").unwrap();
        let catalog = Catalog::load(dir.path());
        let ours = catalog
            .playbooks
            .iter()
            .find(|p| p.id == "renewal-30")
            .unwrap();
        assert_eq!(ours.name, "Our 30-day close");
        assert_eq!(catalog.overridden, ["renewal-30"]);
        assert!(!catalog.playbooks.iter().any(|p| p.id == "broken"));
        assert_eq!(catalog.problems.len(), 1);
        let problem = catalog.problems[0].to_string();
        assert!(problem.contains("broken.toml:3:45: days = 45"), "{problem}");
        assert_eq!(catalog.playbooks.len(), BUILT_IN.len());
    }
}
