//! The brief as Markdown: a heading per section, sentences as bullets (the checklist as
//! task boxes, the agenda numbered), tables compact enough to paste anywhere.

use super::{Audience, Brief};

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The brief as Markdown, for `audience`.
pub fn markdown(brief: &Brief, audience: Audience) -> String {
    let a = &brief.facts.account;
    let mut out = match audience {
        Audience::Internal => format!(
            "# QBR brief: {}\n\n{} · internal · prepared {} from the book of business\n",
            a.name,
            brief.period_words(),
            brief.today
        ),
        Audience::Customer => format!(
            "# Quarterly business review: {}\n\n{} · prepared {}\n",
            a.name,
            brief.period_words(),
            brief.today
        ),
    };
    for s in brief.sections(audience) {
        out.push_str(&format!("\n## {}\n\n", s.title));
        for line in &s.lines {
            // Steps are numbered already; points and checklist boxes are bullets.
            if s.numbered {
                out.push_str(&format!("{line}\n"));
            } else {
                out.push_str(&format!("- {line}\n"));
            }
        }
        if let Some((head, rows)) = &s.table {
            if !s.lines.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("| {} |\n", head.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
            for r in rows {
                out.push_str(&format!(
                    "| {} |\n",
                    r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                ));
            }
        }
    }
    out
}
