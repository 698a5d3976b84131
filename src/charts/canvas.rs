//! The drawing surface: an RGB buffer behind plotters' bitmap backend, the shipped font, text
//! that fits a width, and the PNG encoding.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, ScaleFont};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

use super::{ChartError, Png};

/// The family name the shipped font is registered under.
const FAMILY: &str = "kinerja-dejavu-sans";
static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

pub const WIDTH: u32 = 1080;

pub type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

/// Registers the shipped font with plotters once per process.
fn fonts() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, REGULAR).is_ok()
            && register_font(FAMILY, FontStyle::Bold, BOLD).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(ChartError::Draw("the shipped font cannot be read".into()))
    }
}

/// The same font, read for its metrics.
fn metrics(bold: bool) -> Option<&'static FontRef<'static>> {
    static FONTS: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        Some((
            FontRef::try_from_slice(REGULAR).ok()?,
            FontRef::try_from_slice(BOLD).ok()?,
        ))
    });
    fonts.as_ref().map(|(r, b)| if bold { b } else { r })
}

/// A text's look: size in pixels, weight, colour.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub size: u32,
    pub bold: bool,
    pub color: RGBColor,
}

impl Look {
    pub const fn new(size: u32, bold: bool, color: RGBColor) -> Self {
        Self { size, bold, color }
    }

    fn style(&self) -> TextStyle<'_> {
        let style = if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        TextStyle::from((FAMILY, f64::from(self.size), style).into_font())
            .color(&self.color)
            .pos(Pos::new(HPos::Left, VPos::Top))
    }

    /// Each character's pen position and the character, then the text's width, in pixels.
    fn layout(&self, text: &str) -> (Vec<(f32, char)>, f32) {
        let Some(font) = metrics(self.bold) else {
            return (Vec::new(), 0.0);
        };
        let font = font.as_scaled(self.size as f32);
        let mut pen = 0.0;
        let mut out = Vec::with_capacity(text.len());
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = previous {
                pen += font.kern(p, id);
            }
            out.push((pen, c));
            pen += font.h_advance(id);
            previous = Some(id);
        }
        (out, pen)
    }

    /// The width `text` takes in pixels.
    pub fn width(&self, text: &str) -> u32 {
        self.layout(text).1.ceil() as u32
    }

    /// `text`, shortened with "…" until it fits in `max` pixels.
    pub fn fit(&self, text: &str, max: u32) -> String {
        if self.width(text) <= max {
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        // Binary search on the number of characters kept: a label is measured a few times,
        // not once per character.
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let candidate: String = chars[..mid].iter().collect::<String>() + "…";
            if self.width(&candidate) <= max {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let kept: String = chars[..lo].iter().collect();
        format!("{}…", kept.trim_end())
    }

    /// `text` broken at spaces into lines of at most `max` pixels, at most `lines` of them
    /// (the last shortened with "…" if the text goes on).
    pub fn wrap(&self, text: &str, max: u32, lines: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if current.is_empty() || self.width(&candidate) <= max {
                current = candidate;
            } else {
                out.push(std::mem::replace(&mut current, word.to_owned()));
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
        if out.len() > lines {
            let rest = out.split_off(lines - 1).join(" ");
            out.push(rest);
        }
        out.into_iter().map(|l| self.fit(&l, max)).collect()
    }

    /// Draws `text` with its capitals centred on `y`, from `x` rightwards, leftwards or centred
    /// as `h` says.
    ///
    /// Character by character: plotters 0.3's ab_glyph text places each glyph's outline at the
    /// pen without its side bearing ("Akun tabel"), so each glyph goes where the font's metrics
    /// put it, less the bearing plotters will not add.
    pub fn draw(&self, area: &Area<'_>, text: &str, (x, y): (i32, i32), h: HPos) -> Draw {
        let (chars, width) = self.layout(text);
        let left = match h {
            HPos::Left => x,
            HPos::Right => x - width.round() as i32,
            HPos::Center => x - (width / 2.0).round() as i32,
        };
        // The font's glyphs sit on a baseline half a size below the anchor; capitals are about
        // 0.63 of a size tall, so this baseline centres them on `y`.
        let size = self.size as i32;
        let top = y + size * 32 / 100 - size / 2;
        let font = metrics(self.bold).map(|f| f.as_scaled(self.size as f32));
        let style = self.style();
        for (pen, c) in chars {
            if c.is_whitespace() {
                continue;
            }
            let bearing = font
                .as_ref()
                .and_then(|f| f.outline_glyph(f.scaled_glyph(c)))
                .map_or(0, |o| o.px_bounds().min.x as i32);
            let at = (left + pen.round() as i32 + bearing, top);
            area.draw(&Text::new(c.to_string(), at, &style))
                .map_err(|e| ChartError::Draw(e.to_string()))?;
        }
        Ok(())
    }
}

pub type Draw = Result<(), ChartError>;

/// A filled rectangle from `(x0, y0)` to `(x1, y1)`.
pub fn fill(area: &Area<'_>, (x0, y0): (i32, i32), (x1, y1): (i32, i32), color: RGBColor) -> Draw {
    if x1 <= x0 || y1 <= y0 {
        return Ok(());
    }
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled()))
        .map_err(|e| ChartError::Draw(e.to_string()))
}

/// Draws on a white `WIDTH` × `height` image with `paint`, then encodes it as PNG.
pub fn render(height: u32, paint: impl FnOnce(&Area<'_>) -> Draw) -> Result<Png, ChartError> {
    fonts()?;
    let mut buf = vec![0u8; WIDTH as usize * height as usize * 3];
    {
        let area = BitMapBackend::with_buffer(&mut buf, (WIDTH, height)).into_drawing_area();
        area.fill(&WHITE)
            .map_err(|e| ChartError::Draw(e.to_string()))?;
        paint(&area)?;
        area.present()
            .map_err(|e| ChartError::Draw(e.to_string()))?;
    }
    let bytes = encode(&buf, WIDTH, height)?;
    Ok(Png {
        bytes,
        width: WIDTH,
        height,
    })
}

fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let err = |e: png::EncodingError| ChartError::Encode(e.to_string());
    let mut out = Vec::with_capacity(rgb.len() / 20);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // The default level makes a third of the fast one's bytes (233 against 674 KiB for the
    // tallest chart) for about 10 ms more in a release build: less to upload and to download
    // on a phone, still far under the second a chart may take (`cargo bench --bench charts`).
    encoder.set_compression(png::Compression::Default);
    let mut writer = encoder.write_header().map_err(err)?;
    writer.write_image_data(rgb).map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
}
