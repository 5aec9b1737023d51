//! The org chart: people drawn as a tree by who reports to whom. A manager who is not
//! on the map, or a loop in the reporting lines, never hangs or hides anyone: such
//! people start trees of their own.

use std::collections::{HashMap, HashSet};

use super::person::Stakeholder;

/// One line of the chart: whom it shows, how deep, and the tree drawn before the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartLine {
    /// Index into the people given.
    pub person: usize,
    pub depth: usize,
    /// `├─ `, `│  └─ ` and the like.
    pub prefix: String,
}

/// The chart of `people`: roots in the given order (anyone whose manager is absent, or
/// who sits in a reporting loop, is a root), each followed by their reports.
pub fn chart(people: &[Stakeholder]) -> Vec<ChartLine> {
    let index: HashMap<i64, usize> = people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let mut reports: Vec<Vec<usize>> = vec![Vec::new(); people.len()];
    let mut has_manager = vec![false; people.len()];
    for (i, p) in people.iter().enumerate() {
        if let Some(&m) = p.reports_to.and_then(|m| index.get(&m))
            && m != i
        {
            reports[m].push(i);
            has_manager[i] = true;
        }
    }
    let mut lines = Vec::with_capacity(people.len());
    let mut seen: HashSet<usize> = HashSet::new();
    let roots: Vec<usize> = (0..people.len()).filter(|&i| !has_manager[i]).collect();
    for root in roots {
        walk(
            root,
            0,
            String::new(),
            true,
            &reports,
            &mut seen,
            &mut lines,
        );
    }
    // Whoever is left sits in a loop: start from each, first given first.
    for i in 0..people.len() {
        if !seen.contains(&i) {
            walk(i, 0, String::new(), true, &reports, &mut seen, &mut lines);
        }
    }
    lines
}

fn walk(
    at: usize,
    depth: usize,
    above: String,
    last: bool,
    reports: &[Vec<usize>],
    seen: &mut HashSet<usize>,
    lines: &mut Vec<ChartLine>,
) {
    if !seen.insert(at) {
        return;
    }
    let prefix = if depth == 0 {
        String::new()
    } else {
        format!("{above}{}", if last { "└─ " } else { "├─ " })
    };
    lines.push(ChartLine {
        person: at,
        depth,
        prefix,
    });
    let below = if depth == 0 {
        String::new()
    } else {
        format!("{above}{}", if last { "   " } else { "│  " })
    };
    let children: Vec<usize> = reports[at]
        .iter()
        .copied()
        .filter(|c| !seen.contains(c))
        .collect();
    for (n, child) in children.iter().enumerate() {
        walk(
            *child,
            depth + 1,
            below.clone(),
            n + 1 == children.len(),
            reports,
            seen,
            lines,
        );
    }
}
