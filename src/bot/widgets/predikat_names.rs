//! The regulation's names for ratings, predikat and the organisation's predikat, in the reader's
//! language (locales/*/predikat-names.ftl), and the distribution check worded as a consideration.
//! Every feature that shows a predikat renders it here, so the names read alike everywhere.

use crate::domain::Lang;
use crate::domain::berakhlak::Rating;
use crate::domain::predikat::{Condition, Distribution, OrgPredikat, Predikat, Rule};
use crate::i18n::{Msg, text, text_with};

pub fn predikat(lang: Lang, p: Predikat) -> String {
    text(
        lang,
        match p {
            Predikat::SangatBaik => Msg::PredikatNameSangatBaik,
            Predikat::Baik => Msg::PredikatNameBaik,
            Predikat::ButuhPerbaikan => Msg::PredikatNameButuhPerbaikan,
            Predikat::Kurang => Msg::PredikatNameKurang,
            Predikat::SangatKurang => Msg::PredikatNameSangatKurang,
        },
    )
}

pub fn org_predikat(lang: Lang, p: OrgPredikat) -> String {
    text(
        lang,
        match p {
            OrgPredikat::Istimewa => Msg::OrgPredikatNameIstimewa,
            OrgPredikat::Baik => Msg::OrgPredikatNameBaik,
            OrgPredikat::ButuhPerbaikan => Msg::OrgPredikatNameButuhPerbaikan,
            OrgPredikat::Kurang => Msg::OrgPredikatNameKurang,
            OrgPredikat::SangatKurang => Msg::OrgPredikatNameSangatKurang,
        },
    )
}

/// A rating of hasil or perilaku kerja, as the regulation writes it.
pub fn rating(lang: Lang, r: Rating) -> String {
    r.label(lang).to_owned()
}

/// A group of predikat: "Butuh Perbaikan / Kurang/Misconduct".
pub fn group(lang: Lang, group: &[Predikat]) -> String {
    group
        .iter()
        .map(|p| predikat(lang, *p))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// One line per predikat: "Baik: 7 (70%)".
pub fn distribution_lines(lang: Lang, d: &Distribution) -> String {
    Predikat::ALL
        .iter()
        .map(|p| {
            text_with(
                lang,
                Msg::PredikatDistributionLine,
                &[
                    ("predikat", predikat(lang, *p)),
                    ("count", d.count(*p).to_string()),
                    ("percent", d.percent(&[*p]).to_string()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A share in tenths of a percent as the reader writes numbers: "70", or "70,3" / "70.3" when
/// the tenths matter.
fn share(lang: Lang, (tenths, exact): (u64, bool)) -> String {
    if !exact {
        return (tenths / 10).to_string();
    }
    let mark = match lang {
        Lang::Id => ',',
        Lang::En => '.',
    };
    format!("{}{mark}{}", tenths / 10, tenths % 10)
}

/// One broken rule, worded as what the pattern asks and where the distribution stands.
pub fn breach(lang: Lang, d: &Distribution, rule: &Rule) -> String {
    let args = |pct: Option<u32>| {
        let mut a = vec![
            ("group", group(lang, rule.predikat)),
            ("now", share(lang, d.share_against(rule))),
            ("count", d.count_of(rule.predikat).to_string()),
        ];
        if let Some(p) = pct {
            a.push(("pct", p.to_string()));
        }
        a
    };
    match rule.condition {
        Condition::AtMost(p) => text_with(lang, Msg::PredikatBreachAtMost, &args(Some(p))),
        Condition::AtLeast(p) => text_with(lang, Msg::PredikatBreachAtLeast, &args(Some(p))),
        Condition::AtLeastOne => text_with(lang, Msg::PredikatBreachAtLeastOne, &args(None)),
        Condition::Largest => text_with(lang, Msg::PredikatBreachLargest, &args(None)),
    }
}
