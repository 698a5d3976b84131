//! How long HR's charts take to draw (`src/charts`): the compliance chart for 2,000 units (the
//! goal: under a second), the predikat distribution and the BerAKHLAK values chart. Each is
//! drawn `KB_BENCH_RUNS` times (default 15) after one warm-up, and the median, the fastest and
//! the slowest are printed with the PNG's size.
//!
//! `cargo bench --bench charts`

use std::time::{Duration, Instant};

use kinerja_bot::charts::{
    self, DistributionChart, Png, PredikatBar, UnitBars, UnitShare, ValueRow, ValuesChart,
};
use kinerja_bot::domain::Lang;
use kinerja_bot::domain::berakhlak::Value;

fn main() {
    let runs: usize = std::env::var("KB_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15)
        .max(1);
    println!("charts: median of {runs} runs after a warm-up");
    let units = compliance(2_000);
    let goal = measure("compliance, 2,000 units", runs, || {
        charts::unit_bars(&units)
    });
    measure("compliance, 30 units", runs, || {
        charts::unit_bars(&compliance(30))
    });
    let dist = distribution();
    measure("predikat distribution", runs, || {
        charts::distribution(&dist)
    });
    let values = values();
    measure("BerAKHLAK values", runs, || charts::values(&values));
    let verdict = if goal < Duration::from_secs(1) {
        "met"
    } else {
        "NOT met"
    };
    println!(
        "goal (compliance chart for 2,000 units under 1 s): {verdict}, median {:.1} ms",
        ms(goal)
    );
}

/// Draws `runs` times; prints and returns the median.
fn measure(
    name: &str,
    runs: usize,
    mut draw: impl FnMut() -> Result<Png, charts::ChartError>,
) -> Duration {
    let warm = draw().expect("chart");
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let png = draw().expect("chart");
        times.push(start.elapsed());
        assert_eq!(
            png.bytes.len(),
            warm.bytes.len(),
            "the same chart each time"
        );
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{name:<26} median {:>7.1} ms  min {:>7.1} ms  max {:>7.1} ms  {}×{} px, {} KiB",
        ms(median),
        ms(times[0]),
        ms(times[times.len() - 1]),
        warm.width,
        warm.height,
        warm.bytes.len() / 1024
    );
    median
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// 2,000 units with names like a real organisation's, compliance spread from 0 to 100 %.
fn compliance(n: usize) -> UnitBars {
    UnitBars {
        title: "Kepatuhan dialog kinerja — Triwulan I 2027".into(),
        subtitle: "Pegawai dengan dialog pada Triwulan I 2027".into(),
        units: (0..n)
            .map(|i| UnitShare {
                label: format!("Bidang Pelayanan dan Pengaduan Masyarakat {i}"),
                done: (i * 7919 % 51) as u64,
                total: 50,
            })
            .collect(),
        note: format!(
            "30 unit terendah dari {n}; {} unit lainnya tidak digambar.",
            n - 30
        ),
    }
}

fn distribution() -> DistributionChart {
    let bars = [
        ("Sangat Baik", 120, (0, 100)),
        ("Baik", 780, (0, 70)),
        ("Butuh Perbaikan", 80, (0, 100)),
        ("Kurang/Misconduct", 15, (0, 100)),
        ("Sangat Kurang", 5, (0, 100)),
    ];
    DistributionChart {
        title: "Distribusi predikat — Triwulan I 2027".into(),
        subtitle: "seluruh organisasi; predikat organisasi: Baik".into(),
        bars: bars
            .iter()
            .map(|(label, count, allowed)| PredikatBar {
                label: (*label).into(),
                count: *count,
                allowed: Some(*allowed),
            })
            .collect(),
        legend_allowed: "Rentang yang diperbolehkan".into(),
        legend_within: "Dalam rentang".into(),
        legend_outside: "Di luar rentang".into(),
    }
}

fn values() -> ValuesChart {
    ValuesChart {
        title: "Hasil BerAKHLAK per nilai — Triwulan IV 2026".into(),
        subtitle: "seluruh organisasi; kelompok di bawah 3 jawaban dan penilaian diri sendiri \
                   tidak dihitung"
            .into(),
        rows: Value::ALL
            .iter()
            .enumerate()
            .map(|(i, v)| ValueRow {
                label: v.name(Lang::Id).to_owned(),
                below: 40 + i as u64 * 10,
                meets: 600,
                above: 300 - i as u64 * 20,
            })
            .collect(),
        legend: [
            "Di bawah ekspektasi".into(),
            "Sesuai ekspektasi".into(),
            "Di atas ekspektasi".into(),
        ],
    }
}
