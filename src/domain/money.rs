//! Money: integer minor units (cents) with an ISO 4217 currency code, never a float, and
//! the two ways a CSM reads it: in full with thousands separators, and abbreviated
//! (K/M/B) for tight columns.

use std::fmt;

/// A three-letter ISO 4217 currency code, stored inline so money stays `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const USD: Currency = Currency(*b"USD");

    /// Parses a three-letter code, in any case.
    pub fn parse(code: &str) -> Option<Currency> {
        let code = code.trim().as_bytes();
        if code.len() == 3 && code.iter().all(u8::is_ascii_alphabetic) {
            let mut c = [0u8; 3];
            for (dst, src) in c.iter_mut().zip(code) {
                *dst = src.to_ascii_uppercase();
            }
            Some(Currency(c))
        } else {
            None
        }
    }

    pub fn code(&self) -> &str {
        // Only ever built from ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// The symbol printed before an amount; codes without a well-known symbol are
    /// printed as the code and a space.
    fn prefix(&self) -> String {
        match &self.0 {
            b"USD" => "$".into(),
            b"EUR" => "€".into(),
            b"GBP" => "£".into(),
            b"JPY" => "¥".into(),
            _ => format!("{} ", self.code()),
        }
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency::USD
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount of money in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Money {
    pub cents: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(cents: i64, currency: Currency) -> Money {
        Money { cents, currency }
    }

    pub fn usd(cents: i64) -> Money {
        Money::new(cents, Currency::USD)
    }

    /// In full, whole units with thousands separators, cents only when there are any:
    /// `$1,240,000`, `$12,000.50`, `-$950`.
    pub fn full(&self) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        let (units, cents) = (abs / 100, abs % 100);
        let mut s = format!("{sign}{}{}", self.currency.prefix(), group_thousands(units));
        if cents != 0 {
            s.push_str(&format!(".{cents:02}"));
        }
        s
    }

    /// Abbreviated for tight columns, at most three significant digits:
    /// `$950`, `$1.2K`, `$12.5K`, `$24K`, `$980K`, `$1.24M`, `$48.2M`, `$1.3B`.
    pub fn short(&self) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        format!(
            "{sign}{}{}",
            self.currency.prefix(),
            abbreviate(self.cents.unsigned_abs() / 100)
        )
    }
}

/// `1234567` -> `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Whole units abbreviated to three significant digits with K, M or B, rounding half up.
fn abbreviate(units: u64) -> String {
    const STEPS: [(u64, &str); 3] = [(1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")];
    for (i, (scale, suffix)) in STEPS.iter().enumerate() {
        if units >= *scale {
            // Work in hundredths of the scale to choose 0, 1 or 2 decimals.
            let hundredths = (units as u128 * 100 + *scale as u128 / 2) / *scale as u128;
            // Rounding can carry into the next scale (999,999 -> 1000K): move up.
            if hundredths >= 100_000 && i > 0 {
                let (bigger, big_suffix) = STEPS[i - 1];
                let h = (units as u128 * 100 + bigger as u128 / 2) / bigger as u128;
                return format_scaled(h, big_suffix);
            }
            return format_scaled(hundredths, suffix);
        }
    }
    units.to_string()
}

/// Three significant digits at most, trailing zeros dropped: `980K`, `24K`, `1.2K`, `1.85M`.
fn format_scaled(hundredths: u128, suffix: &str) -> String {
    let text = if hundredths >= 10_000 {
        format!("{}", (hundredths + 50) / 100)
    } else if hundredths >= 1_000 {
        let tenths = (hundredths + 5) / 10;
        format!("{}.{}", tenths / 10, tenths % 10)
    } else {
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    };
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    format!("{text}{suffix}")
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_amounts_group_thousands_and_keep_cents_only_when_present() {
        assert_eq!(Money::usd(124_000_000).full(), "$1,240,000");
        assert_eq!(Money::usd(1_200_050).full(), "$12,000.50");
        assert_eq!(Money::usd(-95_000).full(), "-$950");
        assert_eq!(Money::usd(0).full(), "$0");
        let eur = Currency::parse("eur").unwrap();
        assert_eq!(Money::new(100_000, eur).full(), "€1,000");
        let chf = Currency::parse("CHF").unwrap();
        assert_eq!(Money::new(100_000, chf).full(), "CHF 1,000");
    }

    #[test]
    fn short_amounts_keep_three_significant_digits() {
        assert_eq!(Money::usd(95_000).short(), "$950");
        assert_eq!(Money::usd(1_250_000).short(), "$12.5K");
        assert_eq!(Money::usd(98_000_000).short(), "$980K");
        assert_eq!(Money::usd(124_000_000).short(), "$1.24M");
        assert_eq!(Money::usd(4_820_000_000).short(), "$48.2M");
        assert_eq!(Money::usd(130_000_000_000).short(), "$1.3B");
        assert_eq!(Money::usd(2_400_000).short(), "$24K");
        assert_eq!(Money::usd(120_000).short(), "$1.2K");
        assert_eq!(Money::usd(230_000_000).short(), "$2.3M");
    }

    #[test]
    fn rounding_that_carries_moves_to_the_next_unit() {
        assert_eq!(Money::usd(99_999_900).short(), "$1M");
        assert_eq!(Money::usd(99_940_000).short(), "$999K");
    }

    #[test]
    fn currency_codes_must_be_three_letters() {
        assert!(Currency::parse("US").is_none());
        assert!(Currency::parse("U$D").is_none());
        assert_eq!(Currency::parse(" usd ").unwrap(), Currency::USD);
    }
}
