use super::*;

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n'];

/// Width and height from the PNG header, after checking the signature and that the header
/// chunk comes first.
fn header(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(bytes[..8], PNG_SIGNATURE, "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

/// The decoded RGB pixels.
fn pixels(png: &Png) -> Vec<[u8; 3]> {
    let decoder = png::Decoder::new(png.bytes.as_slice());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf[..info.buffer_size()]
        .chunks(3)
        .map(|p| [p[0], p[1], p[2]])
        .collect()
}

/// A valid PNG within Telegram's photo limits and readable on a phone.
fn check(png: &Png) {
    let (w, h) = header(&png.bytes);
    assert_eq!((w, h), (png.width, png.height));
    assert_eq!(w, 1080);
    assert!(w + h <= 10_000, "{w}×{h}");
    assert!(h <= 20 * w && w <= 20 * h, "{w}×{h}");
    assert!(png.bytes.len() < 10 * 1024 * 1024);
    assert_eq!(pixels(png).len(), (w * h) as usize);
}

fn units(n: usize) -> Vec<UnitShare> {
    (0..n)
        .map(|i| UnitShare {
            label: format!("Unit {i}"),
            done: (i % 37) as u64,
            total: 40,
        })
        .collect()
}

fn unit_chart(units: Vec<UnitShare>, lang_id: bool) -> UnitBars {
    if lang_id {
        UnitBars {
            title: "Kepatuhan dialog kinerja — Triwulan I 2027".into(),
            subtitle: "Pegawai aktif dengan sedikitnya satu dialog pada triwulan ini, per unit"
                .into(),
            units,
            note: "30 unit terendah dari 2.000; selebihnya ada di pesan.".into(),
        }
    } else {
        UnitBars {
            title: "Dialog compliance — Q1 2027".into(),
            subtitle: "Active employees with at least one dialog this quarter, per unit".into(),
            units,
            note: String::new(),
        }
    }
}

#[test]
fn compliance_bars_are_a_png_within_telegrams_limits_in_both_languages() {
    let mut us = units(5);
    us.push(UnitShare {
        label: "Badan Kepegawaian Daerah > Sekretariat > Subbagian Umum dan Kepegawaian".into(),
        done: 0,
        total: 0,
    });
    for id in [true, false] {
        let png = unit_bars(&unit_chart(us.clone(), id)).unwrap();
        check(&png);
    }
}

#[test]
fn many_units_draw_a_bounded_number_of_bars_the_lowest() {
    let few = unit_bars(&unit_chart(units(MAX_BARS), true)).unwrap();
    let many = unit_bars(&unit_chart(units(2_000), true)).unwrap();
    check(&many);
    // As tall as a chart of exactly MAX_BARS units: the rest are not drawn.
    assert_eq!(many.height, few.height);
    assert_eq!(bars_shown(2_000), MAX_BARS);
    assert_eq!(bars_shown(7), 7);
    let all = units(2_000);
    let lowest = draw::lowest(&all, MAX_BARS);
    assert_eq!(lowest.len(), MAX_BARS);
    // Units with 0 of 40 come first, by label; nothing above 0 % is among the 30 lowest of 2,000
    // units where every 37th unit has 0.
    assert!(lowest.iter().all(|u| u.done <= 1), "{lowest:?}");
    assert_eq!(lowest[0].label, "Unit 0");
    let mut sorted = lowest.clone();
    sorted.sort_by(|a, b| {
        (a.percent(), &a.label)
            .partial_cmp(&(b.percent(), &b.label))
            .unwrap()
    });
    assert_eq!(sorted, lowest);
}

#[test]
fn indonesian_and_english_text_with_any_characters_renders() {
    let odd = "Š·ẞ — “Ölçü” 中文 🙂 <b>&amp;</b>\u{200b}\t";
    let chart = ValuesChart {
        title: format!("Hasil BerAKHLAK per nilai — Triwulan IV 2026 {odd}"),
        subtitle: "Jawaban atasan, dan rekan kerja serta bawahan dari kelompok ≥ 3; tanpa \
                   penilaian diri sendiri"
            .into(),
        rows: crate::domain::berakhlak::Value::ALL
            .iter()
            .enumerate()
            .map(|(i, v)| ValueRow {
                label: v.name(crate::domain::Lang::Id).to_owned(),
                below: i as u64,
                meets: 10,
                above: 3 * i as u64,
            })
            .chain([ValueRow {
                label: odd.into(),
                below: 0,
                meets: 0,
                above: 0,
            }])
            .collect(),
        legend: [
            "Di bawah ekspektasi".into(),
            "Sesuai ekspektasi".into(),
            "Di atas ekspektasi".into(),
        ],
    };
    check(&values(&chart).unwrap());
    let en = ValuesChart {
        title: "BerAKHLAK results per value — Q4 2026".into(),
        legend: ["Below".into(), "Meets".into(), "Above".into()],
        rows: crate::domain::berakhlak::Value::ALL
            .iter()
            .map(|v| ValueRow {
                label: v.name(crate::domain::Lang::En).to_owned(),
                below: 1,
                meets: 2,
                above: 3,
            })
            .collect(),
        ..chart
    };
    check(&values(&en).unwrap());
    // Empty texts and no rows at all still make a picture.
    let empty = UnitBars {
        title: String::new(),
        subtitle: String::new(),
        units: Vec::new(),
        note: String::new(),
    };
    check(&unit_bars(&empty).unwrap());
}

fn predikat_chart(counts: [u64; 5], ranges: [(u32, u32); 5]) -> DistributionChart {
    let names = [
        "Sangat Baik",
        "Baik",
        "Butuh Perbaikan",
        "Kurang/Misconduct",
        "Sangat Kurang",
    ];
    DistributionChart {
        title: "Distribusi predikat — Triwulan I 2027".into(),
        subtitle: "Predikat organisasi: Baik".into(),
        bars: names
            .iter()
            .zip(counts)
            .zip(ranges)
            .map(|((n, count), allowed)| PredikatBar {
                label: (*n).into(),
                count,
                allowed: Some(allowed),
            })
            .collect(),
        legend_allowed: "Rentang yang diperbolehkan".into(),
        legend_within: "Dalam rentang".into(),
        legend_outside: "Di luar rentang".into(),
    }
}

const BAD: [u8; 3] = [0xC8, 0x3C, 0x3C];
const GOOD: [u8; 3] = [0x2E, 0x8B, 0x57];

#[test]
fn a_share_outside_its_allowed_range_is_drawn_in_the_warning_colour() {
    let count = |png: &Png, color: [u8; 3]| pixels(png).iter().filter(|p| **p == color).count();
    let baik = [(0, 100), (0, 70), (0, 100), (0, 100), (0, 100)];
    // 7 of 10 Baik is exactly 70 %: within. The legend's swatch is the only warning colour.
    let within = distribution(&predikat_chart([1, 7, 2, 0, 0], baik)).unwrap();
    check(&within);
    let swatch = count(&within, BAD);
    assert!(swatch > 0 && swatch <= 26 * 26, "{swatch}");
    assert!(count(&within, GOOD) > 5_000);
    // 8 of 10 is over: a bar in the warning colour.
    let over = distribution(&predikat_chart([0, 8, 2, 0, 0], baik)).unwrap();
    assert!(count(&over, BAD) > swatch + 5_000);
    // Nobody rated yet breaks nothing.
    let nobody = distribution(&predikat_chart([0; 5], baik)).unwrap();
    assert_eq!(count(&nobody, BAD), swatch);
}

#[test]
fn without_an_organisation_predikat_no_range_is_drawn() {
    let mut chart = predikat_chart([3, 5, 1, 1, 0], [(0, 100); 5]);
    for b in &mut chart.bars {
        b.allowed = None;
    }
    let png = distribution(&chart).unwrap();
    check(&png);
    let px = pixels(&png);
    assert!(!px.contains(&BAD) && !px.contains(&GOOD));
}

#[test]
fn charts_are_the_same_bytes_for_the_same_figures() {
    let a = unit_bars(&unit_chart(units(40), false)).unwrap();
    let b = unit_bars(&unit_chart(units(40), false)).unwrap();
    assert_eq!(a, b);
}

/// `KB_CHART_DIR=/tmp/charts cargo test --lib charts::tests::write_samples` writes one of each
/// chart there, to look at.
#[test]
fn write_samples() {
    let Ok(dir) = std::env::var("KB_CHART_DIR") else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    let write = |name: &str, png: Png| std::fs::write(dir.join(name), png.bytes).unwrap();
    write(
        "units.png",
        unit_bars(&unit_chart(units(2_000), true)).unwrap(),
    );
    let baik = [(0, 100), (0, 70), (0, 100), (0, 100), (0, 100)];
    write(
        "distribution.png",
        distribution(&predikat_chart([0, 8, 2, 0, 0], baik)).unwrap(),
    );
    let butuh = [(0, 10), (0, 100), (60, 100), (0, 100), (0, 100)];
    write(
        "distribution-butuh.png",
        distribution(&predikat_chart([2, 5, 3, 0, 0], butuh)).unwrap(),
    );
    let mut en = predikat_chart([1, 8, 1, 0, 0], baik);
    en.title = "Predikat distribution — Q4 2026".into();
    let names = [
        "Sangat Baik (very good)",
        "Baik (good)",
        "Butuh Perbaikan (needs improvement)",
        "Kurang/Misconduct (poor)",
        "Sangat Kurang (very poor)",
    ];
    for (b, n) in en.bars.iter_mut().zip(names) {
        b.label = n.into();
    }
    write("distribution-en.png", distribution(&en).unwrap());
    let chart = ValuesChart {
        title: "Hasil BerAKHLAK per nilai — Triwulan IV 2026".into(),
        subtitle: "Jawaban atasan, serta rekan kerja dan bawahan dari kelompok dengan sedikitnya 3 jawaban; tanpa penilaian diri sendiri".into(),
        rows: crate::domain::berakhlak::Value::ALL
            .iter()
            .enumerate()
            .map(|(i, v)| ValueRow {
                label: v.name(crate::domain::Lang::Id).to_owned(),
                below: i as u64,
                meets: 10,
                above: 3 * i as u64,
            })
            .collect(),
        legend: ["Di bawah ekspektasi".into(), "Sesuai ekspektasi".into(), "Di atas ekspektasi".into()],
    };
    write("values.png", values(&chart).unwrap());
}
