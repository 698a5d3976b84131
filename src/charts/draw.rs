//! The three charts, all one layout: a title, a subtitle, a legend, a percent axis, a row per
//! bar (label, bar on a 0–100 % track, figure) and a note. Each chart only turns its figures
//! into rows; [`sheet`] lays them out and draws them.

use plotters::style::RGBColor;
use plotters::style::text_anchor::HPos;

use super::canvas::{Area, Draw, Look, WIDTH, fill, render};
use super::{
    ChartError, DistributionChart, MAX_BARS, Png, UnitBars, UnitShare, ValueRow, ValuesChart,
};

const INK: RGBColor = RGBColor(0x1F, 0x29, 0x33);
const MUTED: RGBColor = RGBColor(0x5F, 0x6B, 0x7A);
const TRACK: RGBColor = RGBColor(0xEC, 0xEF, 0xF3);
const GRID: RGBColor = RGBColor(0xC9, 0xD1, 0xDA);
const BAR: RGBColor = RGBColor(0x2F, 0x6F, 0xB3);
const GOOD: RGBColor = RGBColor(0x2E, 0x8B, 0x57);
const BAD: RGBColor = RGBColor(0xC8, 0x3C, 0x3C);
const MIDDLE: RGBColor = RGBColor(0x8A, 0x9B, 0xB0);
const BAND: RGBColor = RGBColor(0xCF, 0xEB, 0xD8);
const WHITE: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

const MARGIN: i32 = 40;
const TITLE: Look = Look::new(40, true, INK);
const SUBTITLE: Look = Look::new(28, false, MUTED);
const LABEL: Look = Look::new(28, false, INK);
const FIGURE: Look = Look::new(27, true, INK);
const SMALL: Look = Look::new(26, false, MUTED);
const INSIDE: Look = Look::new(26, true, WHITE);
const TITLE_LINE: i32 = 56;
const SUBTITLE_LINE: i32 = 40;
const LEGEND_LINE: i32 = 48;
const AXIS_LINE: i32 = 40;
const ROW: i32 = 56;
const NOTE_LINE: i32 = 38;
const GAP: i32 = 20;

/// Percent compliance or response per unit, the lowest [`MAX_BARS`] drawn.
pub fn unit_bars(chart: &UnitBars) -> Result<Png, ChartError> {
    let rows = lowest(&chart.units, MAX_BARS)
        .into_iter()
        .map(|u| {
            let pct = u.percent();
            Row {
                label: u.label.clone(),
                segments: vec![Segment::plain(0.0, pct, BAR)],
                band: None,
                figure: format!(
                    "{}% ({}/{})",
                    floor_percent(u.done, u.total),
                    u.done,
                    u.total
                ),
            }
        })
        .collect();
    sheet(&Sheet {
        title: &chart.title,
        subtitle: &chart.subtitle,
        legend: Vec::new(),
        rows,
        note: &chart.note,
        label_max: 400,
    })
}

/// The `max` units with the lowest share, lowest first (ties by label): who needs a nudge, in
/// the order a [`UnitBars`] chart draws them. A partial selection, so 2,000 units cost no more
/// than a pass over them.
pub fn lowest(units: &[UnitShare], max: usize) -> Vec<&UnitShare> {
    let order = |a: &&UnitShare, b: &&UnitShare| {
        // done/total compared as cross products: exact, and no float ties.
        let left = u128::from(a.done) * u128::from(b.total.max(1));
        let right = u128::from(b.done) * u128::from(a.total.max(1));
        left.cmp(&right).then_with(|| a.label.cmp(&b.label))
    };
    let mut all: Vec<&UnitShare> = units.iter().collect();
    if all.len() > max {
        all.select_nth_unstable_by(max, order);
        all.truncate(max);
    }
    all.sort_by(order);
    all
}

/// The predikat distribution: each predikat's share on a bar, the allowed range behind it.
pub fn distribution(chart: &DistributionChart) -> Result<Png, ChartError> {
    let total: u64 = chart.bars.iter().map(|b| b.count).sum();
    let mut ranged = false;
    let rows = chart
        .bars
        .iter()
        .map(|b| {
            let pct = share(b.count, total);
            // Exact integer comparison, as the domain's rules: 7 of 10 is exactly 70 %.
            let (color, band) = match b.allowed {
                Some((lo, hi)) if (lo, hi) != (0, 100) => {
                    ranged = true;
                    let n = u128::from(b.count) * 100;
                    let t = u128::from(total);
                    let within = n >= u128::from(lo) * t && n <= u128::from(hi) * t;
                    let color = if within || total == 0 { GOOD } else { BAD };
                    (color, Some((f64::from(lo), f64::from(hi))))
                }
                Some(_) => (GOOD, None),
                None => (BAR, None),
            };
            Row {
                label: b.label.clone(),
                segments: vec![Segment::plain(0.0, pct, color)],
                band,
                figure: format!("{} ({}%)", b.count, floor_percent(b.count, total)),
            }
        })
        .collect();
    let legend = if ranged {
        vec![
            (BAND, chart.legend_allowed.clone()),
            (GOOD, chart.legend_within.clone()),
            (BAD, chart.legend_outside.clone()),
        ]
    } else {
        Vec::new()
    };
    sheet(&Sheet {
        title: &chart.title,
        subtitle: &chart.subtitle,
        legend,
        rows,
        note: "",
        // The predikat's names carry an English gloss: room for "Butuh Perbaikan (needs
        // improvement)" on five bars.
        label_max: 520,
    })
}

/// Results per value: the below / meets / above shares stacked on one bar.
pub fn values(chart: &ValuesChart) -> Result<Png, ChartError> {
    let rows = chart.rows.iter().map(value_row).collect();
    let [below, meets, above] = chart.legend.clone();
    sheet(&Sheet {
        title: &chart.title,
        subtitle: &chart.subtitle,
        legend: vec![(BAD, below), (MIDDLE, meets), (GOOD, above)],
        rows,
        note: "",
        label_max: 420,
    })
}

fn value_row(v: &ValueRow) -> Row {
    let total = v.total();
    if total == 0 {
        return Row {
            label: v.label.clone(),
            segments: Vec::new(),
            band: None,
            figure: "–".into(),
        };
    }
    let b = share(v.below, total);
    let m = share(v.meets, total);
    let segment = |from: f64, to: f64, color, n: u64| Segment {
        from,
        to,
        color,
        text: Some(format!("{}%", round_percent(n, total))),
    };
    Row {
        label: v.label.clone(),
        segments: vec![
            segment(0.0, b, BAD, v.below),
            segment(b, b + m, MIDDLE, v.meets),
            segment(b + m, 100.0, GOOD, v.above),
        ],
        band: None,
        figure: format!("n={total}"),
    }
}

fn share(n: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        n as f64 * 100.0 / total as f64
    }
}

/// Whole percent rounded down, as the reports' texts write it.
fn floor_percent(n: u64, total: u64) -> u64 {
    (u128::from(n) * 100)
        .checked_div(u128::from(total))
        .map_or(0, |p| p as u64)
}

/// Whole percent rounded to nearest, for the shares inside a stacked bar.
fn round_percent(n: u64, total: u64) -> u64 {
    if total == 0 {
        return 0;
    }
    ((u128::from(n) * 200 + u128::from(total)) / (2 * u128::from(total))) as u64
}

struct Sheet<'a> {
    title: &'a str,
    subtitle: &'a str,
    legend: Vec<(RGBColor, String)>,
    rows: Vec<Row>,
    note: &'a str,
    /// The widest the label column may be, in pixels.
    label_max: i32,
}

struct Row {
    label: String,
    segments: Vec<Segment>,
    /// The allowed range, percent, marked behind the bar.
    band: Option<(f64, f64)>,
    figure: String,
}

/// Part of a bar, from and to in percent of the track.
struct Segment {
    from: f64,
    to: f64,
    color: RGBColor,
    /// Written inside the segment when it is wide enough.
    text: Option<String>,
}

impl Segment {
    fn plain(from: f64, to: f64, color: RGBColor) -> Self {
        Self {
            from,
            to,
            color,
            text: None,
        }
    }
}

/// Where things go across the image.
struct Columns {
    label_x: i32,
    label_w: i32,
    bar_x: i32,
    bar_w: i32,
    figure_right: i32,
}

impl Columns {
    fn of(rows: &[Row], label_max: i32) -> Self {
        let inner = WIDTH as i32 - 2 * MARGIN;
        let widest = |look: Look, texts: &mut dyn Iterator<Item = &str>| {
            texts.map(|t| look.width(t) as i32).max().unwrap_or(0)
        };
        let figure_w = widest(FIGURE, &mut rows.iter().map(|r| r.figure.as_str())).clamp(60, 220);
        let label_w =
            widest(LABEL, &mut rows.iter().map(|r| r.label.as_str())).clamp(160, label_max);
        let bar_x = MARGIN + label_w + GAP;
        Self {
            label_x: MARGIN,
            label_w,
            bar_x,
            bar_w: inner - label_w - figure_w - 2 * GAP,
            figure_right: WIDTH as i32 - MARGIN,
        }
    }

    fn x(&self, percent: f64) -> i32 {
        self.bar_x + (self.bar_w as f64 * percent.clamp(0.0, 100.0) / 100.0).round() as i32
    }
}

fn sheet(s: &Sheet<'_>) -> Result<Png, ChartError> {
    let inner = (WIDTH as i32 - 2 * MARGIN) as u32;
    let title = TITLE.wrap(s.title, inner, 2);
    let subtitle = SUBTITLE.wrap(s.subtitle, inner, 3);
    let legend = legend_lines(&s.legend, inner as i32);
    let note = SMALL.wrap(s.note, inner, 3);
    let columns = Columns::of(&s.rows, s.label_max);
    let height = MARGIN
        + title.len() as i32 * TITLE_LINE
        + subtitle.len() as i32 * SUBTITLE_LINE
        + GAP
        + legend.len() as i32 * LEGEND_LINE
        + AXIS_LINE
        + s.rows.len() as i32 * ROW
        + GAP
        + note.len() as i32 * NOTE_LINE
        + MARGIN;
    render(height as u32, |area| {
        let mut y = MARGIN;
        for line in &title {
            TITLE.draw(area, line, (MARGIN, y + TITLE_LINE / 2), HPos::Left)?;
            y += TITLE_LINE;
        }
        for line in &subtitle {
            SUBTITLE.draw(area, line, (MARGIN, y + SUBTITLE_LINE / 2), HPos::Left)?;
            y += SUBTITLE_LINE;
        }
        y += GAP;
        for line in &legend {
            draw_legend_line(area, line, y + LEGEND_LINE / 2)?;
            y += LEGEND_LINE;
        }
        let rows_top = y + AXIS_LINE;
        let rows_bottom = rows_top + s.rows.len() as i32 * ROW;
        for pct in [0.0, 25.0, 50.0, 75.0, 100.0] {
            let x = columns.x(pct);
            SMALL.draw(
                area,
                &format!("{pct}%"),
                (x, y + AXIS_LINE / 2),
                HPos::Center,
            )?;
        }
        for (i, row) in s.rows.iter().enumerate() {
            draw_row(area, &columns, row, rows_top + i as i32 * ROW)?;
        }
        // Grid lines over the tracks, under nothing that matters: thin and light.
        for pct in [25.0, 50.0, 75.0] {
            let x = columns.x(pct);
            for i in 0..s.rows.len() as i32 {
                let top = rows_top + i * ROW;
                fill(area, (x, top + 4), (x + 1, top + 10), GRID)?;
                fill(area, (x, top + ROW - 10), (x + 1, top + ROW - 4), GRID)?;
            }
        }
        let mut y = rows_bottom + GAP;
        for line in &note {
            SMALL.draw(area, line, (MARGIN, y + NOTE_LINE / 2), HPos::Left)?;
            y += NOTE_LINE;
        }
        Ok(())
    })
}

fn draw_row(area: &Area<'_>, c: &Columns, row: &Row, top: i32) -> Draw {
    let middle = top + ROW / 2;
    let label = LABEL.fit(&row.label, c.label_w as u32);
    LABEL.draw(area, &label, (c.label_x, middle), HPos::Left)?;
    let (track_top, track_bottom) = (middle - 17, middle + 17);
    fill(
        area,
        (c.bar_x, track_top),
        (c.x(100.0), track_bottom),
        TRACK,
    )?;
    // A bar with a range behind it is thinner, so the range shows above and below it.
    let (bar_top, bar_bottom) = match row.band {
        Some((lo, hi)) => {
            fill(area, (c.x(lo), top + 4), (c.x(hi), top + ROW - 4), BAND)?;
            // Only the bounds that bound something: 0 % and 100 % are the track's own ends.
            for edge in [lo, hi].into_iter().filter(|e| *e > 0.0 && *e < 100.0) {
                let x = c.x(edge);
                fill(area, (x - 2, top + 4), (x + 2, top + ROW - 4), GOOD)?;
            }
            (middle - 11, middle + 11)
        }
        None => (track_top, track_bottom),
    };
    for seg in &row.segments {
        let (x0, x1) = (c.x(seg.from), c.x(seg.to));
        fill(area, (x0, bar_top), (x1, bar_bottom), seg.color)?;
        if let Some(text) = &seg.text
            && INSIDE.width(text) as i32 + 12 <= x1 - x0
        {
            INSIDE.draw(area, text, ((x0 + x1) / 2, middle), HPos::Center)?;
        }
    }
    FIGURE.draw(area, &row.figure, (c.figure_right, middle), HPos::Right)
}

/// Legend entries laid out left to right, onto a new line when the next does not fit.
fn legend_lines(items: &[(RGBColor, String)], max: i32) -> Vec<Vec<(RGBColor, String)>> {
    let mut lines: Vec<Vec<(RGBColor, String)>> = Vec::new();
    let mut used = 0;
    for (color, text) in items {
        let text = SMALL.fit(text, (max - SWATCH - 12) as u32);
        let w = SWATCH + 12 + SMALL.width(&text) as i32 + 32;
        if lines.is_empty() || used + w > max {
            lines.push(Vec::new());
            used = 0;
        }
        used += w;
        if let Some(line) = lines.last_mut() {
            line.push((*color, text));
        }
    }
    lines
}

const SWATCH: i32 = 26;

fn draw_legend_line(area: &Area<'_>, line: &[(RGBColor, String)], middle: i32) -> Draw {
    let mut x = MARGIN;
    for (color, text) in line {
        fill(
            area,
            (x, middle - SWATCH / 2),
            (x + SWATCH, middle + SWATCH / 2),
            *color,
        )?;
        x += SWATCH + 12;
        Look::new(SMALL.size, false, INK).draw(area, text, (x, middle), HPos::Left)?;
        x += SMALL.width(text) as i32 + 32;
    }
    Ok(())
}
