//! Renewals and tasks as calendars (RFC 5545): each renewal an all-day event on its
//! date, each open task a to-do due on its day, with ids that stay the same from one
//! export to the next so a calendar that subscribes updates rather than duplicates.

use std::io::Write;

use chrono::NaiveDate;

use super::ExportError;
use crate::book::Book;
use crate::domain::health::HealthRules;

/// Text as iCalendar wants it: backslashes, semicolons, commas and line breaks escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets (never inside a character), ending in CRLF.
fn line(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    let mut width = 0;
    for c in text.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.write_all(b"\r\n ")?;
            width = 1;
        }
        let mut buf = [0u8; 4];
        out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
        width += len;
    }
    out.write_all(b"\r\n")
}

fn day(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn begin(out: &mut dyn Write, today: NaiveDate) -> std::io::Result<String> {
    line(out, "BEGIN:VCALENDAR")?;
    line(out, "VERSION:2.0")?;
    line(out, "PRODID:-//csm-cockpit//csm export//EN")?;
    line(out, "CALSCALE:GREGORIAN")?;
    Ok(format!("{}T000000Z", day(today)))
}

/// Every renewal with a date, as an all-day event.
pub fn renewals(
    book: &Book,
    rules: &HealthRules,
    today: NaiveDate,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let stamp = begin(out, today)?;
    let mut n = 0;
    for r in book.renewals(rules, today)? {
        let (Some(on), Some(contract)) = (r.renewal_on, r.contract_id) else {
            continue;
        };
        let health = r
            .health
            .and_then(|h| {
                h.score
                    .map(|s| format!("health {s} {}", h.band.map_or("", |b| b.as_str())))
            })
            .unwrap_or_else(|| "health not scored".into());
        let mut about = vec![health];
        if let Some(f) = &r.forecast {
            about.push(format!(
                "forecast {} {} at {}",
                f.category.as_str(),
                f.confidence.as_str(),
                f.arr.short()
            ));
        }
        about.extend(r.warnings.iter().map(|w| w.reason.clone()));
        line(out, "BEGIN:VEVENT")?;
        line(out, &format!("UID:renewal-{contract}@csm-cockpit"))?;
        line(out, &format!("DTSTAMP:{stamp}"))?;
        line(out, &format!("DTSTART;VALUE=DATE:{}", day(on)))?;
        line(
            out,
            &format!("DTEND;VALUE=DATE:{}", day(on + chrono::Duration::days(1))),
        )?;
        line(
            out,
            &format!(
                "SUMMARY:{}",
                escape(&format!("Renewal: {} ({})", r.account, r.arr.short()))
            ),
        )?;
        line(out, &format!("DESCRIPTION:{}", escape(&about.join("\n"))))?;
        line(out, "TRANSP:TRANSPARENT")?;
        line(out, "END:VEVENT")?;
        n += 1;
    }
    line(out, "END:VCALENDAR")?;
    Ok(n)
}

/// Every open task, as a to-do due on its day.
pub fn tasks(book: &Book, today: NaiveDate, out: &mut dyn Write) -> Result<usize, ExportError> {
    let stamp = begin(out, today)?;
    let mut n = 0;
    for t in book.open_tasks(today)? {
        line(out, "BEGIN:VTODO")?;
        line(out, &format!("UID:task-{}@csm-cockpit", t.id))?;
        line(out, &format!("DTSTAMP:{stamp}"))?;
        line(out, &format!("DUE;VALUE=DATE:{}", day(t.due_on)))?;
        let summary = match &t.account {
            Some(a) => format!("{} ({a})", t.title),
            None => t.title.clone(),
        };
        line(out, &format!("SUMMARY:{}", escape(&summary)))?;
        let mut about = Vec::new();
        if let Some(p) = &t.playbook {
            about.push(format!("playbook {p}"));
        }
        if let Some(o) = &t.owner {
            about.push(format!("owner {o}"));
        }
        if !about.is_empty() {
            line(out, &format!("DESCRIPTION:{}", escape(&about.join("\n"))))?;
        }
        line(
            out,
            &format!(
                "PRIORITY:{}",
                match t.priority {
                    crate::domain::vocab::Priority::High => 1,
                    crate::domain::vocab::Priority::Medium => 5,
                    crate::domain::vocab::Priority::Low => 9,
                }
            ),
        )?;
        line(out, "STATUS:NEEDS-ACTION")?;
        line(out, "END:VTODO")?;
        n += 1;
    }
    line(out, "END:VCALENDAR")?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded_at_75_octets() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        let mut out = Vec::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(60))).unwrap();
        let text = String::from_utf8(out).unwrap();
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert_eq!(
            text.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
    }
}
