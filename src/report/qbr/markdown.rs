//! The brief as Markdown: a heading per section, sentences as bullets (the checklist as
//! task boxes, the agenda numbered), tables compact enough to paste anywhere.

use super::Brief;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The brief as Markdown.
pub fn markdown(brief: &Brief) -> String {
    let a = &brief.facts.account;
    let mut out = format!(
        "# QBR brief: {}\n\n{} · prepared {} from the book of business\n",
        a.name,
        brief.period_words(),
        brief.today
    );
    for s in brief.sections() {
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
            out.push('\n');
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
