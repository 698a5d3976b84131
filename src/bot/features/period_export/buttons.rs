//! The file buttons, under the `px` prefix: `px:<period>:<layout>:<format>`, e.g.
//! `px:2027-q1:ekinerja:xlsx`. Only the period's code travels; the scope is the presser's own,
//! worked out again on every press.

use crate::domain::period::Period;
use crate::export::Format;
use crate::period_export::Layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// HR: the period's file in this layout and format, for their scope.
    File {
        period: Period,
        layout: Layout,
        format: Format,
    },
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::File {
                period,
                layout,
                format,
            } => format!(
                "px:{}:{}:{}",
                period.code(),
                layout.code(),
                format.extension()
            ),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        if kind != "px" {
            return None;
        }
        let mut parts = rest.split(':');
        let (period, layout, format) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        // Only the code the bot writes: `2027-q01` names the same quarter, but no button of
        // ours carries it.
        let period = Period::parse(period).filter(|p| p.code() == period)?;
        let format = match format {
            "csv" => Format::Csv,
            "xlsx" => Format::Xlsx,
            _ => return None,
        };
        Some(Self::File {
            period,
            layout: Layout::parse(layout)?,
            format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_button() -> Vec<Button> {
        let mut all = Vec::new();
        for code in ["2027-12", "2027-q4", "2027-s2", "2027", "9999-q1"] {
            for layout in Layout::ALL {
                for format in [Format::Csv, Format::Xlsx] {
                    all.push(Button::File {
                        period: Period::parse(code).unwrap(),
                        layout: *layout,
                        format,
                    });
                }
            }
        }
        all
    }

    #[test]
    fn every_button_round_trips_within_telegrams_limit() {
        crate::bot::codec::assert_round_trips(every_button());
    }

    #[test]
    fn forged_data_is_rejected() {
        for bad in [
            "",
            "2027-q1",
            "2027-q1:lengkap",
            "2027-q1:lengkap:pdf",
            "2027-q1:semua:csv",
            "2027-q5:lengkap:csv",
            "2027-q01:lengkap:csv",
            "2027-Q1:lengkap:csv",
            "27-q1:lengkap:csv",
            "2027-13:ekinerja:xlsx",
            "2027-q1:lengkap:csv:1",
            "2027-q1:LENGKAP:csv",
            "-2027:lengkap:csv",
        ] {
            assert_eq!(Button::parse("px", bad), None, "{bad:?}");
        }
        assert_eq!(Button::parse("pe", "2027-q1:lengkap:csv"), None);
    }
}
