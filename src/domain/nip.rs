//! NIP (PNS) and NI PPPK: both 18 digits, both start with the birth date.
//!
//! - PNS:  `YYYYMMDD` birth, `YYYYMM` appointment, sex digit (1/2), sequence of 3.
//! - PPPK: `YYYYMMDD` birth, `YYYY` appointment year, `2` (marks PPPK), a contract digit, sex
//!   digit (1/2), sequence of 3.
//!
//! Digit 13 tells them apart: a PNS appointment month starts with 0 or 1, a PPPK number has 2
//! there. Checking digits 13–14 as a month would wrongly reject every PPPK employee.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Nip(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NipKind {
    Pns,
    Pppk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    #[error("not 18 digits")]
    Shape,
    #[error("impossible birth date")]
    BirthDate,
    #[error("impossible appointment date")]
    AppointmentDate,
    #[error("sex digit is not 1 or 2")]
    SexDigit,
}

impl Nip {
    /// Accepts spaces and dots as HR writes them ("19900101 201503 1 001").
    pub fn parse(raw: &str) -> Result<Self, NipError> {
        let digits: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        if digits.len() != 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NipError::Shape);
        }
        let num = |from: usize, to: usize| digits[from..to].parse::<u32>().unwrap_or(0);
        NaiveDate::from_ymd_opt(num(0, 4) as i32, num(4, 6), num(6, 8))
            .filter(|d| (1930..=2015).contains(&chrono::Datelike::year(d)))
            .ok_or(NipError::BirthDate)?;
        let birth_year = num(0, 4);
        let appointment_year = num(8, 12);
        // Civil servants are appointed as adults, and not in the future of any real record.
        if !(birth_year + 15..=2100).contains(&appointment_year) {
            return Err(NipError::AppointmentDate);
        }
        let kind = if &digits[12..13] == "2" {
            NipKind::Pppk
        } else {
            NipKind::Pns
        };
        if kind == NipKind::Pns && !(1..=12).contains(&num(12, 14)) {
            return Err(NipError::AppointmentDate);
        }
        // The sex digit is the 15th in both forms.
        if !matches!(&digits[14..15], "1" | "2") {
            return Err(NipError::SexDigit);
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn kind(&self) -> NipKind {
        if &self.0[12..13] == "2" {
            NipKind::Pppk
        } else {
            NipKind::Pns
        }
    }

    /// When the person was appointed: the year and, for a PNS, the month (a PPPK NIP holds the
    /// year only).
    pub fn appointed(&self) -> (i32, Option<u32>) {
        let num = |from: usize, to: usize| self.0[from..to].parse::<u32>().unwrap_or(0);
        match self.kind() {
            NipKind::Pns => (num(8, 12) as i32, Some(num(12, 14))),
            NipKind::Pppk => (num(8, 12) as i32, None),
        }
    }

    /// For logs: enough to tell records apart, not enough to identify a person.
    pub fn masked(&self) -> String {
        format!("{}************{}", &self.0[..4], &self.0[16..])
    }
}

impl std::fmt::Display for Nip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pns_nip_is_read_with_the_spaces_hr_writes() {
        let nip = Nip::parse("19900101 201503 1 001").unwrap();
        assert_eq!(nip.as_str(), "199001012015031001");
        assert_eq!(nip.kind(), NipKind::Pns);
    }

    #[test]
    fn a_pppk_number_is_valid_although_digits_13_14_are_no_month() {
        // Born 1 Jan 1992, appointed 2022, PPPK marker 2, contract 1, female, #007.
        let nip = Nip::parse("199201012022212007").unwrap();
        assert_eq!(nip.kind(), NipKind::Pppk);
    }

    #[test]
    fn impossible_numbers_are_refused_with_the_reason() {
        assert_eq!(Nip::parse("19900101201503100"), Err(NipError::Shape));
        assert_eq!(Nip::parse("19900101201503100a"), Err(NipError::Shape));
        assert_eq!(Nip::parse("199002302015031001"), Err(NipError::BirthDate));
        assert_eq!(Nip::parse("199013012015031001"), Err(NipError::BirthDate));
        assert_eq!(
            Nip::parse("199001012015131001"),
            Err(NipError::AppointmentDate)
        );
        assert_eq!(
            Nip::parse("199001011995031001"),
            Err(NipError::AppointmentDate)
        );
        assert_eq!(Nip::parse("199001012015033001"), Err(NipError::SexDigit));
        assert_eq!(Nip::parse("199201012022213007"), Err(NipError::SexDigit));
    }

    #[test]
    fn masking_hides_the_birth_date_and_sequence() {
        let nip = Nip::parse("199001012015031001").unwrap();
        assert_eq!(nip.masked(), "1990************01");
    }
}
