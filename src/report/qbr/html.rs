//! The brief as one self-contained HTML file: inline styles, the weekly usage as an
//! inline SVG chart, nothing fetched from the network, and a layout that prints on A4
//! or Letter.

use std::fmt::Write;

use super::sections::Section;
use super::{Audience, Brief};
use crate::report::html::{esc, page};

/// The weekly active users (line) against seats (dashed), as inline SVG.
fn chart(series: &[(chrono::NaiveDate, i64, i64)]) -> String {
    let (w, h, pad) = (900.0, 220.0, 32.0);
    let top = series
        .iter()
        .map(|(_, u, s)| (*u).max(*s))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let n = series.len().max(2) as f64 - 1.0;
    let point = |i: usize, v: i64| {
        (
            pad + (w - 2.0 * pad) * i as f64 / n,
            h - pad - (h - 2.0 * pad) * v as f64 / top,
        )
    };
    let path = |pick: &dyn Fn(&(chrono::NaiveDate, i64, i64)) -> i64| {
        series
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (x, y) = point(i, pick(p));
                format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" })
            })
            .collect::<String>()
    };
    let mut svg = format!(
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Weekly active users against seats\">\
         <line x1=\"{pad}\" y1=\"{y0}\" x2=\"{x1}\" y2=\"{y0}\" stroke=\"#c9ced8\"/>\
         <text x=\"{pad}\" y=\"18\" font-size=\"12\" fill=\"#5b6576\">{top:.0}</text>\
         <path d=\"{seats}\" fill=\"none\" stroke=\"#9aa3b2\" stroke-dasharray=\"6 4\" stroke-width=\"2\"/>\
         <path d=\"{users}\" fill=\"none\" stroke=\"#2f6fde\" stroke-width=\"3\"/>",
        y0 = h - pad,
        x1 = w - pad,
        seats = path(&|p| p.2),
        users = path(&|p| p.1),
    );
    if let (Some(first), Some(last)) = (series.first(), series.last()) {
        let _ = write!(
            svg,
            "<text x=\"{pad}\" y=\"{}\" font-size=\"12\" fill=\"#5b6576\">{}</text>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#5b6576\" text-anchor=\"end\">{}</text>",
            h - 8.0,
            first.0,
            w - pad,
            h - 8.0,
            last.0
        );
    }
    svg.push_str("</svg><p class=\"sub\">Weekly active users (solid) against licensed seats (dashed), this quarter and the one before.</p>");
    svg
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
