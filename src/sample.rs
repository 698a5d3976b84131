//! A generated organisation for benchmarks and load tests: units in a tree, a head per unit who
//! reports to the head of the parent unit, and staff who report to their unit's head. Valid
//! NIPs (PNS, and every tenth a PPPK), deterministic for a given size.

use std::fmt::Write;

/// One employee file (semicolon CSV, the import's format) for `employees` people in `units`
/// units. `employees` must be at least `units`.
pub fn organisation_csv(employees: usize, units: usize) -> String {
    let units = units.max(1);
    let mut out = String::with_capacity(employees * 160);
    out.push_str("nip;nama;jabatan;unit;nip_atasan;peran;bahasa\n");
    let paths = unit_paths(units);
    let heads: Vec<String> = (0..units).map(nip).collect();
    for u in 0..units {
        let parent_head = parent(u).map(|p| heads[p].as_str()).unwrap_or("");
        let role = if u == 0 {
            "pengelola_organisasi"
        } else {
            "pegawai"
        };
        let _ = writeln!(
            out,
            "{};Kepala Unit {u};Kepala;{};{parent_head};{role};id",
            heads[u], paths[u]
        );
    }
    for i in units..employees {
        let u = i % units;
        let role = if i < 2 * units {
            "pengelola_unit"
        } else {
            "pegawai"
        };
        let _ = writeln!(
            out,
            "{};Pegawai {i};Analis;{};{};{role};",
            nip(i),
            paths[u],
            heads[u]
        );
    }
    out
}

/// Ten children per unit: unit 0 is the top.
fn parent(u: usize) -> Option<usize> {
    (u > 0).then(|| (u - 1) / 10)
}

fn unit_paths(units: usize) -> Vec<String> {
    let mut paths: Vec<String> = Vec::with_capacity(units);
    for u in 0..units {
        let name = format!("Unit {u}");
        let path = match parent(u) {
            Some(p) => format!("{} > {name}", paths[p]),
            None => name,
        };
        paths.push(path);
    }
    paths
}

/// The i-th generated NIP: distinct for every i below 36,500,000.
pub fn nip(i: usize) -> String {
    let seq = i % 999 + 1;
    let rest = i / 999;
    let day = rest % 28 + 1;
    let month = (rest / 28) % 12 + 1;
    let year = 1965 + (rest / 336) % 35;
    let appointed = year + 22;
    if i % 10 == 9 {
        format!("{year}{month:02}{day:02}{appointed}21{}{seq:03}", i % 2 + 1)
    } else {
        format!(
            "{year}{month:02}{day:02}{appointed}{month:02}{}{seq:03}",
            i % 2 + 1
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Nip, org};
    use std::collections::HashSet;

    #[test]
    fn generated_nips_are_valid_and_distinct() {
        let nips: HashSet<String> = (0..50_000).map(nip).collect();
        assert_eq!(nips.len(), 50_000);
        for n in nips.iter().take(5000) {
            Nip::parse(n).unwrap_or_else(|e| panic!("{n}: {e}"));
        }
    }

    #[test]
    fn the_generated_organisation_passes_validation() {
        let csv = organisation_csv(2_000, 120);
        let rows = crate::hrfile::read_employees(csv.as_bytes()).unwrap();
        let emps = org::validate(&rows, chrono::Utc::now().date_naive()).unwrap();
        assert_eq!(emps.len(), 2_000);
        assert_eq!(emps.iter().filter(|e| e.supervisor.is_none()).count(), 1);
    }
}
