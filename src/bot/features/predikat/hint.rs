//! The team's distribution shown beside the rating, as a hint: counts per predikat and, when HR
//! recorded the organisation's predikat, the pattern's rules the team breaks (SE MenPANRB
//! 3/2023), worded as a consideration. It never stops a rating.

use crate::bot::widgets::predikat_names as names;
use crate::domain::Lang;
use crate::domain::predikat::{Distribution, OrgPredikat};
use crate::i18n::{Msg, text, text_with};

/// `header`, one line per predikat, then the consideration when the organisation's predikat
/// is known and someone is rated.
pub fn distribution(lang: Lang, header: Msg, d: &Distribution, org: Option<OrgPredikat>) -> String {
    let mut out = text(lang, header);
    out.push('\n');
    out.push_str(&names::distribution_lines(lang, d));
    let Some(org) = org.filter(|_| d.total() > 0) else {
        return out;
    };
    out.push_str("\n\n");
    let args = [("org", names::org_predikat(lang, org))];
    let breaches = d.breaches(org);
    if breaches.is_empty() {
        out.push_str(&text_with(lang, Msg::PredikatConsiderFits, &args));
        return out;
    }
    out.push_str(&text_with(lang, Msg::PredikatConsider, &args));
    for rule in &breaches {
        out.push_str("\n• ");
        out.push_str(&names::breach(lang, d, rule));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::predikat::Predikat;

    #[test]
    fn an_all_baik_team_under_a_baik_organisation_is_told_what_the_pattern_asks() {
        let d = Distribution::from_predikat([Predikat::Baik; 4]);
        let out = distribution(
            Lang::Id,
            Msg::PredikatDistribution,
            &d,
            Some(OrgPredikat::Baik),
        );
        assert!(out.starts_with("Sebaran predikat tim Anda:\n"), "{out}");
        assert!(out.contains("Baik: 4 (100%)"), "{out}");
        assert!(
            out.contains("Sebagai pertimbangan, bukan larangan"),
            "{out}"
        );
        // Baik at most 70 %, and someone Butuh Perbaikan or Kurang.
        assert_eq!(out.matches("\n• ").count(), 2, "{out}");
        let without = distribution(Lang::Id, Msg::PredikatDistribution, &d, None);
        assert!(!without.contains("pertimbangan"), "{without}");
    }

    #[test]
    fn a_team_that_fits_says_so_and_nobody_rated_weighs_nothing() {
        let d = Distribution::from_predikat([
            Predikat::Baik,
            Predikat::Baik,
            Predikat::SangatBaik,
            Predikat::ButuhPerbaikan,
        ]);
        let out = distribution(
            Lang::En,
            Msg::PredikatDistribution,
            &d,
            Some(OrgPredikat::Baik),
        );
        assert!(out.contains("fits the pattern"), "{out}");
        let empty = Distribution::default();
        let out = distribution(
            Lang::En,
            Msg::PredikatDistribution,
            &empty,
            Some(OrgPredikat::Baik),
        );
        assert!(
            !out.contains("consideration") && !out.contains("fits"),
            "{out}"
        );
    }
}
