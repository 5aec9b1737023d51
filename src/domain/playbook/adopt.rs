//! Which step a task is when it came without one (imported, from the demo, added by
//! hand with a playbook): its playbook id names the playbook, and its title the step,
//! the same words in any case, or the same words up to a colon ("Draft the renewal
//! strategy" is "Draft the renewal strategy: risks, stakeholders, expansion hypothesis").

use super::model::{Playbook, PlaybookStep};

/// The playbook a task of `playbook` titled `title` belongs to, and its step if the
/// title names one.
pub fn adopt<'a>(
    catalog: &'a [Playbook],
    playbook: &str,
    title: &str,
) -> Option<(&'a Playbook, Option<&'a PlaybookStep>)> {
    let p = catalog.iter().find(|p| p.id == playbook.trim())?;
    let wanted = title.trim().to_lowercase();
    let step = p.steps.iter().find(|s| {
        let full = s.title.trim().to_lowercase();
        full == wanted || head(&full) == head(&wanted)
    });
    Some((p, step))
}

/// A title up to its colon.
fn head(title: &str) -> &str {
    title.split(':').next().unwrap_or(title).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::playbook::{BUILT_IN, parse};

    #[test]
    fn a_task_named_like_a_step_is_that_step_and_an_unknown_title_only_its_playbook() {
        let catalog: Vec<Playbook> = BUILT_IN.iter().map(|(f, t)| parse(t, f).unwrap()).collect();
        let (p, step) = adopt(&catalog, "renewal-120", "Draft the renewal strategy").unwrap();
        assert_eq!(p.id, "renewal-120");
        assert_eq!(step.map(|s| s.key.as_str()), Some("strategy"));
        let (_, step) = adopt(&catalog, "renewal-30", "get the renewal order form SIGNED").unwrap();
        assert_eq!(step.map(|s| s.key.as_str()), Some("signature"));
        let (_, step) = adopt(&catalog, "renewal-30", "Close out the overdue renewal").unwrap();
        assert!(step.is_none(), "its playbook, no step");
        assert!(adopt(&catalog, "qbr-quarterly", "Schedule QBR").is_none());
    }
}
