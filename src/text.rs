//! Fitting text to a width: the cockpit's cells and the command line's columns.

/// `s` cut to `width` characters, the last one `…` when something was cut.
pub fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_with_an_ellipsis_and_short_text_kept() {
        assert_eq!(clip("Northwind Traders", 9), "Northwin…");
        assert_eq!(clip("Acme", 9), "Acme");
        assert_eq!(clip("Ünïcode café", 6), "Ünïco…");
    }
}

/// A count with its noun: "1 task", "3 tasks".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A stretch of work in minutes as a person says it: "25 min", "2h", "1h40".
pub fn minutes(m: u32) -> String {
    match m {
        m if m < 60 => format!("{m} min"),
        m if m % 60 == 0 => format!("{}h", m / 60),
        m => format!("{}h{:02}", m / 60, m % 60),
    }
}

#[cfg(test)]
mod minutes_tests {
    #[test]
    fn minutes_read_as_a_person_says_them() {
        let said: Vec<String> = [0, 25, 60, 100, 5005].map(super::minutes).into();
        assert_eq!(said, ["0 min", "25 min", "1h", "1h40", "83h25"]);
    }
}
