//! The organisation as HR's file describes it: employees, roles, units as paths in a tree, and
//! who supervises whom. Validation reports every bad row at once; nothing here does I/O.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Lang, Nip, NipError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Any employee (pegawai).
    Pegawai,
    /// HR (pengelola kinerja) for their unit and its sub-units.
    HrUnit,
    /// HR for the whole organisation.
    HrOrg,
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Pegawai => "pegawai",
            Role::HrUnit => "pengelola_unit",
            Role::HrOrg => "pengelola_organisasi",
            Role::Admin => "admin",
        }
    }

    /// Reads the Indonesian or English name; an empty cell means an ordinary employee.
    pub fn parse(raw: &str) -> Option<Self> {
        let key: String = raw
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        match key.as_str() {
            "" | "pegawai" | "employee" => Some(Role::Pegawai),
            "pengelola_unit" | "pengelola_kinerja_unit" | "hr_unit" => Some(Role::HrUnit),
            "pengelola_organisasi"
            | "pengelola_kinerja_organisasi"
            | "hr_org"
            | "hr_organisation"
            | "hr_organization" => Some(Role::HrOrg),
            "admin" | "administrator" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// A unit's id in storage: what buttons and stored audiences carry instead of its path. Only
/// ever looked up again and authorized, never trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnitId(pub i64);

impl std::fmt::Display for UnitId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A unit as its path from the top: "Sekretariat Jenderal > Biro SDM > Bagian Kinerja".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitPath(Vec<String>);

impl UnitPath {
    pub const SEPARATOR: &'static str = " > ";

    pub fn parse(raw: &str) -> Option<Self> {
        let parts: Vec<String> = raw
            .split('>')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if parts.iter().any(String::is_empty) {
            return None;
        }
        Some(Self(parts))
    }

    /// 1 for a top-level unit.
    pub fn depth(&self) -> usize {
        self.0.len()
    }

    pub fn name(&self) -> &str {
        self.0.last().map(String::as_str).unwrap_or_default()
    }

    pub fn parent(&self) -> Option<Self> {
        (self.0.len() > 1).then(|| Self(self.0[..self.0.len() - 1].to_vec()))
    }

    /// This unit and every unit above it, top first.
    pub fn with_ancestors(&self) -> Vec<Self> {
        (1..=self.0.len())
            .map(|n| Self(self.0[..n].to_vec()))
            .collect()
    }

    pub fn key(&self) -> String {
        self.0.join(Self::SEPARATOR)
    }
}

/// One employee as imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employee {
    pub nip: Nip,
    pub name: String,
    pub position: String,
    pub unit: UnitPath,
    pub supervisor: Option<Nip>,
    pub role: Role,
    pub language: Option<Lang>,
}

impl Employee {
    /// Identifies the imported fields: equal fingerprints mean nothing to update.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for part in [
            self.nip.as_str(),
            &self.name,
            &self.position,
            &self.unit.key(),
            self.supervisor.as_ref().map(Nip::as_str).unwrap_or(""),
            self.role.code(),
            self.language.map(Lang::code).unwrap_or(""),
        ] {
            h.update(part.as_bytes());
            h.update([0x1f]);
        }
        h.finalize()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A row as read from the file, cells trimmed; `line` is where it starts in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRow {
    pub line: usize,
    /// What the reader already found wrong with the row's shape (field count, control
    /// characters, a NIP stored as a number); reported with the other problems.
    pub defects: Vec<Problem>,
    pub nip: String,
    pub name: String,
    pub position: String,
    pub unit: String,
    pub supervisor: String,
    pub role: String,
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    BadNip(NipError),
    DuplicateNip {
        first_line: usize,
    },
    EmptyName,
    BadUnit,
    BadSupervisorNip,
    SelfSupervisor,
    /// The supervisor is neither in the file nor an active employee.
    UnknownSupervisor(String),
    /// The chain of supervisors returns to this row: the NIPs in the loop.
    SupervisorCycle(Vec<String>),
    UnknownRole(String),
    UnknownLanguage(String),
    NameTooLong,
    /// The row has a different number of fields than the header: its cells would land in the
    /// wrong columns.
    FieldCount {
        found: usize,
        expected: usize,
    },
    /// A NUL or another control character in a cell (a damaged file, or pasted binary).
    ControlCharacter,
    /// The NIP cell holds a number: the spreadsheet already dropped digits past the 15th.
    NipStoredAsNumber,
    /// The NIP records an appointment after today: a typo in the NIP.
    AppointedInTheFuture,
    /// A cell is longer than the reader takes.
    CellTooLong {
        max: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub problem: Problem,
}

pub const MAX_NAME_CHARS: usize = 200;

/// Checks every row as of `today` (a NIP cannot hold an appointment after it); returns the
/// employees, or every problem found (sorted by line).
pub fn validate(rows: &[RawRow], today: NaiveDate) -> Result<Vec<Employee>, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut seen: HashMap<Nip, usize> = HashMap::new();
    let mut parsed: Vec<(usize, Employee)> = Vec::new();
    for row in rows {
        let mut bad = |problem| {
            errors.push(RowError {
                line: row.line,
                problem,
            })
        };
        for defect in &row.defects {
            bad(defect.clone());
        }
        let nip = match Nip::parse(&row.nip) {
            Ok(n) => Some(n),
            Err(e) => {
                bad(Problem::BadNip(e));
                None
            }
        };
        if let Some(n) = &nip
            && appointed_after(n, today)
        {
            bad(Problem::AppointedInTheFuture);
        }
        if let Some(n) = &nip {
            if let Some(first) = seen.get(n) {
                bad(Problem::DuplicateNip { first_line: *first });
            } else {
                seen.insert(n.clone(), row.line);
            }
        }
        let name = row.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            bad(Problem::EmptyName);
        } else if name.chars().count() > MAX_NAME_CHARS {
            bad(Problem::NameTooLong);
        }
        let unit = UnitPath::parse(&row.unit);
        if unit.is_none() {
            bad(Problem::BadUnit);
        }
        let supervisor = if row.supervisor.trim().is_empty() {
            Ok(None)
        } else {
            Nip::parse(&row.supervisor).map(Some)
        };
        if supervisor.is_err() {
            bad(Problem::BadSupervisorNip);
        }
        if let (Some(n), Ok(Some(s))) = (&nip, &supervisor)
            && n == s
        {
            bad(Problem::SelfSupervisor);
        }
        let role = Role::parse(&row.role);
        if role.is_none() {
            bad(Problem::UnknownRole(row.role.trim().to_owned()));
        }
        let language = if row.language.trim().is_empty() {
            Ok(None)
        } else {
            Lang::from_code(&row.language).map(Some).ok_or(())
        };
        if language.is_err() {
            bad(Problem::UnknownLanguage(row.language.trim().to_owned()));
        }
        if let (Some(nip), Some(unit), Ok(supervisor), Some(role), Ok(language)) =
            (nip, unit, supervisor, role, language)
        {
            parsed.push((
                row.line,
                Employee {
                    nip,
                    name,
                    position: row
                        .position
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    unit,
                    supervisor,
                    role,
                    language,
                },
            ));
        }
    }
    check_supervisors(&parsed, &seen, &mut errors);
    if errors.is_empty() {
        Ok(parsed.into_iter().map(|(_, e)| e).collect())
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Whether the appointment a NIP records lies after `today` (a PPPK NIP holds the year only).
fn appointed_after(nip: &Nip, today: NaiveDate) -> bool {
    use chrono::Datelike;
    match nip.appointed() {
        (year, Some(month)) => (year, month) > (today.year(), today.month()),
        (year, None) => year > today.year(),
    }
}

/// Every supervisor must be in the file (the file is the whole organisation: anyone missing
/// from it leaves), and no chain of supervisors may loop.
fn check_supervisors(
    parsed: &[(usize, Employee)],
    in_file: &HashMap<Nip, usize>,
    errors: &mut Vec<RowError>,
) {
    let boss: HashMap<&Nip, &Nip> = parsed
        .iter()
        .filter_map(|(_, e)| Some((&e.nip, e.supervisor.as_ref()?)))
        .collect();
    for (line, e) in parsed {
        if let Some(s) = &e.supervisor
            && !in_file.contains_key(s)
        {
            errors.push(RowError {
                line: *line,
                problem: Problem::UnknownSupervisor(s.to_string()),
            });
        }
    }
    // Each loop is reported on the row of every member, so HR sees every line to fix; the
    // chain is the same on each.
    let mut reported: HashSet<&Nip> = HashSet::new();
    for (line, e) in parsed {
        if reported.contains(&e.nip) {
            continue;
        }
        let mut path: Vec<&Nip> = vec![&e.nip];
        let mut at = &e.nip;
        while let Some(next) = boss.get(at) {
            if *next == &e.nip {
                reported.extend(path.iter().copied());
                let chain: Vec<String> = path.iter().map(|n| n.to_string()).collect();
                for member in &path {
                    errors.push(RowError {
                        line: in_file.get(*member).copied().unwrap_or(*line),
                        problem: Problem::SupervisorCycle(chain.clone()),
                    });
                }
                break;
            }
            if path.contains(next) || path.len() > parsed.len() {
                break; // a loop further up, reported from its own members
            }
            path.push(next);
            at = next;
        }
    }
}

/// What an import changes, computed before anything is written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub added: Vec<Employee>,
    pub changed: Vec<Employee>,
    /// Active employees missing from the file: they left and are marked inactive.
    pub deactivated: Vec<Nip>,
    pub unchanged: usize,
    /// Units the file names that do not exist yet (ancestors included), top first.
    pub new_units: Vec<UnitPath>,
}

/// Compares the file with what is stored: `existing` holds every stored employee's NIP with
/// their fingerprint and whether they are active, `units` every stored unit.
pub fn plan(
    employees: Vec<Employee>,
    existing: &HashMap<String, (String, bool)>,
    units: &HashSet<UnitPath>,
) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let mut new_units = BTreeMap::new();
    {
        let in_file: HashSet<&str> = employees.iter().map(|e| e.nip.as_str()).collect();
        plan.deactivated = existing
            .iter()
            .filter(|(nip, (_, active))| *active && !in_file.contains(nip.as_str()))
            .filter_map(|(nip, _)| Nip::parse(nip).ok())
            .collect();
        plan.deactivated.sort();
        // A few thousand units among 100,000 people: each unit's ancestors are looked at once.
        let distinct: HashSet<&UnitPath> = employees.iter().map(|e| &e.unit).collect();
        for unit in distinct {
            for u in unit.with_ancestors() {
                if !units.contains(&u) {
                    new_units.insert((u.0.len(), u), ());
                }
            }
        }
    }
    for e in employees {
        match existing.get(e.nip.as_str()) {
            None => plan.added.push(e),
            Some((old, active)) if *active && *old == e.fingerprint() => plan.unchanged += 1,
            Some(_) => plan.changed.push(e),
        }
    }
    plan.new_units = new_units.into_keys().map(|(_, u)| u).collect();
    plan
}

#[cfg(test)]
#[path = "org_tests.rs"]
mod tests;
