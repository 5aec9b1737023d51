//! Problems as a person reads them: grouped by what is wrong, so that 423 rows without a
//! segment are one line with their line ranges and the fix, not 423 lines; a problem of
//! its own is told at its line and column with the value found.

use std::collections::BTreeMap;

use super::Problem;

/// How many groups are told before "and N more kinds of problem".
const GROUPS_SHOWN: usize = 30;

/// Every problem of `file`, grouped by column and what was expected, in the order they
/// first occur; `headers` name the columns.
pub fn grouped(file: &str, headers: &[String], problems: &[Problem]) -> String {
    let mut groups: BTreeMap<(usize, &str), Vec<&Problem>> = BTreeMap::new();
    let mut order: Vec<(usize, &str)> = Vec::new();
    for p in problems {
        let key = (p.column, p.expected.as_str());
        let group = groups.entry(key).or_default();
        if group.is_empty() {
            order.push(key);
        }
        group.push(p);
    }
    order.sort_by_key(|k| groups[k].iter().map(|p| p.line).min().unwrap_or(0));
    let mut out: Vec<String> = Vec::new();
    for key in order.iter().take(GROUPS_SHOWN) {
        let group = &groups[key];
        if group.len() == 1 {
            out.push(group[0].at(file));
            continue;
        }
        let column = match headers.get(key.0.wrapping_sub(1)) {
            Some(h) => format!("column {} `{h}`", key.0),
            None => format!("column {}", key.0),
        };
        let mut values: Vec<&str> = Vec::new();
        for p in group {
            if !p.value.is_empty() && !values.contains(&p.value.as_str()) && values.len() < 3 {
                values.push(&p.value);
            }
        }
        let found = if values.is_empty() {
            "empty".to_string()
        } else {
            let shown: Vec<String> = values
                .iter()
                .map(|v| format!("`{}`", crate::text::clip(v, 30)))
                .collect();
            format!("found {}", shown.join(", "))
        };
        let lines: Vec<usize> = group.iter().map(|p| p.line).collect();
        out.push(format!(
            "{file}: {} rows ({}, {column}; {found}): expected {}",
            group.len(),
            line_ranges(&lines),
            key.1
        ));
    }
    if order.len() > GROUPS_SHOWN {
        out.push(format!(
            "... and {} more kinds of problem",
            order.len() - GROUPS_SHOWN
        ));
    }
    out.join("\n")
}

/// "lines 2-424, 430 and 433-440": consecutive lines joined, the first few runs shown.
pub fn line_ranges(lines: &[usize]) -> String {
    let mut sorted = lines.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for l in sorted {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == l => *end = l,
            _ => runs.push((l, l)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .take(6)
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    let mut text = match shown.as_slice() {
        [one] if runs[0].0 == runs[0].1 => format!("line {one}"),
        [one] => format!("lines {one}"),
        [rest @ .., last] => format!("lines {} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    if runs.len() > shown.len() {
        text = format!(
            "lines {}, ... ({} runs in all)",
            shown.join(", "),
            runs.len()
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: usize, column: usize, value: &str, expected: &str) -> Problem {
        Problem {
            line,
            column,
            value: value.into(),
            expected: expected.into(),
        }
    }

    #[test]
    fn many_rows_with_one_problem_are_one_line_with_their_ranges() {
        let mut found: Vec<Problem> = (2..=424)
            .map(|l| {
                problem(
                    l,
                    1,
                    "",
                    "a segment for a new account: add rules under [segments]",
                )
            })
            .collect();
        found.push(problem(
            430,
            1,
            "",
            "a segment for a new account: add rules under [segments]",
        ));
        found.push(problem(12, 3, "31/02/2026", "a real calendar day"));
        let headers = vec!["Name".to_string(), "Owner".into(), "Since".into()];
        let text = grouped("a.csv", &headers, &found);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "a.csv: 424 rows (lines 2-424 and 430, column 1 `Name`; empty): expected a segment for a new account: add rules under [segments]",
                "a.csv:12:3: `31/02/2026`: expected a real calendar day",
            ]
        );
    }

    #[test]
    fn line_ranges_join_consecutive_lines() {
        assert_eq!(line_ranges(&[5]), "line 5");
        assert_eq!(line_ranges(&[3, 2, 4]), "lines 2-4");
        assert_eq!(line_ranges(&[2, 3, 9, 11, 12]), "lines 2-3, 9 and 11-12");
        let scattered: Vec<usize> = (0..20).map(|i| i * 3).collect();
        assert!(line_ranges(&scattered).ends_with("(20 runs in all)"));
    }
}
