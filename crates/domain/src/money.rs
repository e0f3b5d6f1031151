//! Money as integer cents. Never a float: amounts travel to banks and receipts.

use serde::{Deserialize, Serialize};

/// An amount in euro cents.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);

    /// German notation: `1.234,50 €`, negative as `-12,50 €`.
    pub fn format_de(self) -> String {
        let (sign, euros, cents) = self.parts();
        format!("{sign}{},{cents:02}\u{a0}€", group_thousands(euros, '.'))
    }

    /// English notation: `€1,234.50`.
    pub fn format_en(self) -> String {
        let (sign, euros, cents) = self.parts();
        format!("{sign}€{}.{cents:02}", group_thousands(euros, ','))
    }

    pub fn format(self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::De => self.format_de(),
            crate::i18n::Lang::En => self.format_en(),
        }
    }

    pub fn checked_add(self, other: Cents) -> Option<Cents> {
        self.0.checked_add(other.0).map(Cents)
    }

    pub fn checked_mul(self, factor: i64) -> Option<Cents> {
        self.0.checked_mul(factor).map(Cents)
    }

    fn parts(self) -> (&'static str, u64, u64) {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        (sign, abs / 100, abs % 100)
    }
}

fn group_thousands(mut n: u64, sep: char) -> String {
    let mut groups = Vec::new();
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let mut out = String::new();
    for (i, g) in groups.iter().rev().enumerate() {
        if i == 0 {
            out.push_str(&g.to_string());
        } else {
            out.push(sep);
            out.push_str(&format!("{g:03}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_format_uses_comma_and_dot_grouping() {
        assert_eq!(Cents(1250).format_de(), "12,50\u{a0}€");
        assert_eq!(Cents(5).format_de(), "0,05\u{a0}€");
        assert_eq!(Cents(0).format_de(), "0,00\u{a0}€");
        assert_eq!(Cents(123_456_789).format_de(), "1.234.567,89\u{a0}€");
        assert_eq!(Cents(100_000).format_de(), "1.000,00\u{a0}€");
        assert_eq!(Cents(-1250).format_de(), "-12,50\u{a0}€");
    }

    #[test]
    fn english_format() {
        assert_eq!(Cents(1250).format_en(), "€12.50");
        assert_eq!(Cents(123_456_789).format_en(), "€1,234,567.89");
    }

    #[test]
    fn extreme_values_do_not_overflow() {
        assert!(Cents(i64::MIN).format_de().starts_with('-'));
        assert_eq!(Cents(i64::MAX).checked_add(Cents(1)), None);
        assert_eq!(Cents(700).checked_mul(3), Some(Cents(2100)));
    }

    #[test]
    fn serialises_as_plain_integer() {
        assert_eq!(serde_json::to_string(&Cents(700)).unwrap(), "700");
    }
}
