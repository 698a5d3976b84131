//! PNG charts for HR's reports, drawn by the bot itself: plotters on a pixel buffer, text with
//! the DejaVu Sans shipped in `assets/fonts` (nothing depends on the machine's fonts or a
//! browser), encoded with `png`. Plain Rust: figures and already-localized labels in, bytes
//! out; no Telegram or SQL types.
//!
//! Every chart is 1080 px wide with text of at least 26 px, so it reads on a phone without
//! zooming, and stays well within Telegram's photo limits (width + height ≤ 10,000, ratio ≤ 20):
//! at most [`MAX_BARS`] bars, whatever the number of units.

mod canvas;
mod draw;

pub use draw::{distribution, lowest, unit_bars, values};

/// Bars drawn at most on one chart; the caller says in the caption how many more there are.
pub const MAX_BARS: usize = 30;

/// A drawn chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Png {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the chart as PNG failed: {0}")]
    Encode(String),
}

/// One unit's share of something done (employees with a dialog, ratings complete).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitShare {
    pub label: String,
    pub done: u64,
    pub total: u64,
}

impl UnitShare {
    /// The share in percent; 0 for a unit with nothing to do.
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.done as f64 * 100.0 / self.total as f64
        }
    }
}

/// Horizontal bars of a percentage per unit, the lowest first: compliance per unit, response
/// rates per unit. Of many units only the [`MAX_BARS`] lowest are drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitBars {
    pub title: String,
    pub subtitle: String,
    pub units: Vec<UnitShare>,
    /// A line under the bars, e.g. "the 30 lowest of 2,000 units"; empty for none.
    pub note: String,
}

/// How many of `units` a [`UnitBars`] chart draws.
pub fn bars_shown(units: usize) -> usize {
    units.min(MAX_BARS)
}

/// One predikat's bar: how many employees hold it, and the share the organisation's predikat
/// allows it (whole percent, inclusive), if one is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredikatBar {
    pub label: String,
    pub count: u64,
    pub allowed: Option<(u32, u32)>,
}

/// The predikat distribution against the allowed range: a bar per predikat (its share of
/// everyone rated), the range marked behind it, bars outside their range in a warning colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionChart {
    pub title: String,
    pub subtitle: String,
    pub bars: Vec<PredikatBar>,
    /// Legend: the allowed range, a share within it, a share outside it.
    pub legend_allowed: String,
    pub legend_within: String,
    pub legend_outside: String,
}

/// One BerAKHLAK value's answers, already under the anonymity rule (hidden groups left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueRow {
    pub label: String,
    pub below: u64,
    pub meets: u64,
    pub above: u64,
}

impl ValueRow {
    pub fn total(&self) -> u64 {
        self.below + self.meets + self.above
    }
}

/// Results per BerAKHLAK value as stacked bars of the below / meets / above shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValuesChart {
    pub title: String,
    pub subtitle: String,
    pub rows: Vec<ValueRow>,
    /// Legend: below, meets, above expectation.
    pub legend: [String; 3],
}

#[cfg(test)]
mod tests;
