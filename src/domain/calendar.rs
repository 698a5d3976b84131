//! The working calendar: which days are working days (no weekends, no national holidays or
//! *cuti bersama*), the months and quarters (*triwulan*) that dialogs are counted in, and the
//! step between a UTC instant and a local date in the organisation's zone (WIB, WITA or WIT).

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono::{Offset, Weekday};
use chrono_tz::Tz;

/// Holidays as HR configures them; weekends are always off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&date)
    }

    /// `date` itself when it is a working day, else the first working day after it. The search
    /// ends because the holidays are finite; the fallback only guards the end of chrono's range.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        date.iter_days()
            .find(|d| self.is_working_day(*d))
            .unwrap_or(date)
    }

    pub fn holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays.iter().copied()
    }
}

/// A line of the holidays file that is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: not a date YYYY-MM-DD: {text:?}")]
pub struct HolidayError {
    /// 1-based, as an editor shows it.
    pub line: usize,
    pub text: String,
}

/// The holidays file: one `YYYY-MM-DD` per line, optionally followed by whitespace and a
/// description (`2027-03-10 Hari Raya Nyepi`); `#` starts a comment; blank lines are ignored.
pub fn parse_holiday_list(text: &str) -> Result<Vec<NaiveDate>, HolidayError> {
    let mut dates = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let content = raw.split('#').next().unwrap_or_default().trim();
        let Some(first) = content.split_whitespace().next() else {
            continue;
        };
        let date = parse_iso_date(first).ok_or_else(|| HolidayError {
            line: index + 1,
            text: content.to_string(),
        })?;
        dates.push(date);
    }
    Ok(dates)
}

/// Strictly `YYYY-MM-DD`: the file is edited by hand, and a lenient reading of `2027-3-1` or
/// `01-03-2027` would hide a typo that moves a holiday.
fn parse_iso_date(token: &str) -> Option<NaiveDate> {
    let bytes = token.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    shaped
        .then(|| NaiveDate::parse_from_str(token, "%Y-%m-%d").ok())
        .flatten()
}

/// A calendar month: the unit of the monthly dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1..=12.
    pub month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Months since year 0, so that stepping across a year is plain arithmetic. A hand-built
    /// month outside 1..=12 counts on into the next years instead of panicking.
    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_index(index: i64) -> Self {
        Self {
            year: i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX),
            month: u32::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        let m = Self::from_index(self.index());
        NaiveDate::from_ymd_opt(m.year, m.month, 1).unwrap_or(if m.year < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Self {
        Self::from_index(self.index() + 1)
    }

    pub fn prev(self) -> Self {
        Self::from_index(self.index() - 1)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&date)
    }

    /// `2027-01`: stable, sorts like the months, used in storage keys.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// Reads a key: `2027-01` (a one-digit month is accepted).
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.trim().split_once('-')?;
        let year = i32::try_from(parse_digits(year, 4..=4)?).ok()?;
        let month = parse_digits(month, 1..=2)?;
        (1..=12).contains(&month).then_some(Self { year, month })
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

fn parse_digits(text: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (len.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A quarter (*triwulan*): the regulation's forms and Kemenkeu's DKI report dialogs at least
/// once per quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4.
    pub q: u32,
}

impl Quarter {
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            q: (date.month() - 1) / 3 + 1,
        }
    }

    /// Quarters since year 0; like [`Month::index`], a hand-built `q` outside 1..=4 counts on
    /// instead of panicking.
    fn index(self) -> i64 {
        i64::from(self.year) * 4 + i64::from(self.q) - 1
    }

    fn from_index(index: i64) -> Self {
        Self {
            year: i32::try_from(index.div_euclid(4)).unwrap_or(i32::MAX),
            q: u32::try_from(index.rem_euclid(4) + 1).unwrap_or(1),
        }
    }

    pub fn months(self) -> [Month; 3] {
        let first = Month::from_index(self.index() * 3);
        [first, first.next(), first.next().next()]
    }

    pub fn first_day(self) -> NaiveDate {
        self.months()[0].first_day()
    }

    pub fn last_day(self) -> NaiveDate {
        self.months()[2].last_day()
    }

    pub fn next(self) -> Self {
        Self::from_index(self.index() + 1)
    }

    pub fn prev(self) -> Self {
        Self::from_index(self.index() - 1)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&date)
    }

    /// `2027-Q1`, used in storage keys.
    pub fn key(self) -> String {
        let n = Self::from_index(self.index());
        format!("{:04}-Q{}", n.year, n.q)
    }

    /// Reads a key: `2027-Q1` (`q` in either case).
    pub fn parse(text: &str) -> Option<Self> {
        let (year, q) = text.trim().split_once('-')?;
        let q = q.strip_prefix(['Q', 'q'])?;
        let year = i32::try_from(parse_digits(year, 4..=4)?).ok()?;
        let q = parse_digits(q, 1..=1)?;
        (1..=4).contains(&q).then_some(Self { year, q })
    }

    /// `I`..`IV`, as in "Triwulan I".
    pub fn roman(self) -> &'static str {
        match Self::from_index(self.index()).q {
            1 => "I",
            2 => "II",
            3 => "III",
            _ => "IV",
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// The date it is in the organisation's zone at `at`: the same instant can be 31 January in
/// WIB and already 1 February in WIT.
pub fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// `time` on `date` in `tz`, as a UTC instant. Indonesia has no DST, but a configured zone
/// might: a repeated local time takes the earlier instant, and a skipped one is read with the
/// offset in force before the gap, so it lands just after the clocks jump.
pub fn at_local(date: NaiveDate, time: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let local = date.and_time(time);
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => {
            let before_gap = local.checked_sub_signed(Duration::days(1)).unwrap_or(local);
            let offset = tz.offset_from_utc_datetime(&before_gap).fix();
            let utc = local
                .checked_sub_signed(Duration::seconds(i64::from(offset.local_minus_utc())))
                .unwrap_or(local);
            utc.and_utc()
        }
    }
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
