//! The brief as one self-contained HTML file: inline styles, the weekly usage as an
//! inline SVG chart, nothing fetched from the network, and a layout that prints on A4
//! or Letter.

use std::fmt::Write;

use super::sections::Section;
use super::{Audience, Brief};
use crate::report::html::{esc, page};
use crate::report::svg::{Series, lines};

/// The weekly active users (line) against seats (dashed), as inline SVG.
fn chart(series: &[(chrono::NaiveDate, i64, i64)]) -> String {
    let labels: Vec<String> = series.iter().map(|(d, _, _)| d.to_string()).collect();
    let svg = lines(
        "Weekly active users against seats",
        &labels,
        &[
            Series::new(
                "weekly active users",
                "#2f6fde",
                series.iter().map(|p| Some(p.1 as f64)).collect(),
            ),
            Series::new(
                "seats",
                "#9aa3b2",
                series.iter().map(|p| Some(p.2 as f64)).collect(),
            )
            .dashed(),
        ],
        true,
        &|v| format!("{v:.0}"),
    );
    format!(
        "{svg}<p class=\"sub\">Weekly active users (solid) against licensed seats (dashed), this quarter and the one before.</p>"
    )
}

fn section(s: &Section) -> String {
    let mut out = format!("<section><h2>{}</h2>", esc(s.title));
    if !s.series.is_empty() {
        out.push_str(&chart(&s.series));
    }
    let numbered = s.numbered;
    let list = !s.lines.is_empty();
    if list {
        out.push_str(if numbered { "<ol>" } else { "<ul>" });
    }
    for line in &s.lines {
        let (class, text) = match line.get(..4) {
            Some("[x] ") => (" class=\"ok\"", &line[4..]),
            Some("[ ] ") => (" class=\"todo\"", &line[4..]),
            _ if numbered => ("", line.split_once(". ").map_or(line.as_str(), |(_, t)| t)),
            _ => ("", line.as_str()),
        };
        let _ = write!(out, "<li{class}>{}</li>", esc(text));
    }
    if list {
        out.push_str(if numbered { "</ol>" } else { "</ul>" });
    }
    if let Some((head, rows)) = &s.table {
        out.push_str("<table><thead><tr>");
        for h in head {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out.push_str("</tr></thead><tbody>");
        for r in rows {
            out.push_str("<tr>");
            for c in r {
                let _ = write!(out, "<td>{}</td>", esc(c));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>");
    out
}

/// The brief as one HTML file, for `audience`.
pub fn html(brief: &Brief, audience: Audience) -> String {
    let a = &brief.facts.account;
    let (title, sub) = match audience {
        Audience::Internal => (
            format!("QBR brief: {}", a.name),
            format!(
                "{} · internal · prepared {} from the book of business",
                brief.period_words(),
                brief.today
            ),
        ),
        Audience::Customer => (
            format!("Quarterly business review: {}", a.name),
            format!("{} · prepared {}", brief.period_words(), brief.today),
        ),
    };
    let body: String = brief.sections(audience).iter().map(section).collect();
    page(&title, &sub, &body)
}
