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
