//! What the dialog reports read: one employee's dialogs of the last twelve months, and HR's
//! compliance figures (per unit, per employee for the file, coaching feedback in aggregate)
//! within a scope. Every view is one grouped query over the scope, never a query per employee,
//! so the same code serves an organisation of 100,000.

use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Db, StorageError};
use crate::domain::authz::Scope;
use crate::domain::calendar::{Month, Quarter};
use crate::domain::dialog::{Ack, CoachingStatement, FollowUpKind, Giver, Kind, Mode};
use crate::domain::org::UnitPath;
use crate::domain::{EmployeeRef, Nip};

/// Whose history a button names: enough to authorize the press and title the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub nip: Nip,
    pub name: String,
    pub unit: UnitPath,
    /// The current supervisor: the one who may see the history now.
    pub supervisor: Option<Nip>,
    pub active: bool,
}

/// The employee behind a button's opaque number, active or not.
pub async fn subject_by_ref(db: &Db, who: EmployeeRef) -> Result<Option<Subject>, StorageError> {
    let row = sqlx::query(
        "SELECT e.nip, e.name, e.supervisor_nip, e.active, u.path FROM employees e \
         JOIN units u ON u.id = e.unit_id WHERE e.ref = $1",
    )
    .bind(who.0)
    .fetch_optional(db.pool())
    .await?;
    subject(row)
}

/// The employee with this NIP (HR asks for one by NIP).
pub async fn subject_by_nip(db: &Db, nip: &Nip) -> Result<Option<Subject>, StorageError> {
    let row = sqlx::query(
        "SELECT e.nip, e.name, e.supervisor_nip, e.active, u.path FROM employees e \
         JOIN units u ON u.id = e.unit_id WHERE e.nip = $1",
    )
    .bind(nip.as_str())
    .fetch_optional(db.pool())
    .await?;
    subject(row)
}

fn subject(row: Option<sqlx::any::AnyRow>) -> Result<Option<Subject>, StorageError> {
    row.map(|r| {
        let nip: String = r.try_get("nip")?;
        let supervisor: Option<String> = r.try_get("supervisor_nip")?;
        let path: String = r.try_get("path")?;
        let active: i64 = r.try_get("active")?;
        Ok(Subject {
            nip: Nip::parse(&nip).map_err(|_| corrupt("employee nip"))?,
            name: r.try_get("name")?,
            unit: UnitPath::parse(&path).ok_or_else(|| corrupt("unit path"))?,
            supervisor: supervisor
                .map(|s| Nip::parse(&s))
                .transpose()
                .map_err(|_| corrupt("supervisor nip"))?,
            active: active != 0,
        })
    })
    .transpose()
}

/// One dialog as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub held_on: NaiveDate,
    pub kind: Kind,
    pub mode: Mode,
    pub follow_up: Option<(FollowUpKind, Option<Giver>)>,
    pub follow_up_done: bool,
    pub ack: Ack,
    pub ack_comment: Option<String>,
    /// The name of the supervisor who recorded it (not necessarily the current one).
    pub recorded_by: Option<String>,
}

/// The dialogs held with `employee_nip` on or after `from`, newest first, whoever recorded
/// them: history follows the employee, not the supervisor.
pub async fn history(
    db: &Db,
    employee_nip: &str,
    from: NaiveDate,
) -> Result<Vec<Entry>, StorageError> {
    let rows = sqlx::query(
        "SELECT d.held_on, d.kind, d.mode, d.follow_up, d.follow_up_by, d.follow_up_done_at, \
             d.ack, d.ack_comment, s.name AS recorded_by \
         FROM dialogs d LEFT JOIN employees s ON s.nip = d.supervisor_nip \
         WHERE d.employee_nip = $1 AND d.held_on >= $2 \
         ORDER BY d.held_on DESC, d.id DESC",
    )
    .bind(employee_nip)
    .bind(iso(from))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(entry_from_row).collect()
}

fn entry_from_row(r: &AnyRow) -> Result<Entry, StorageError> {
    let held_on: String = r.try_get("held_on")?;
    let kind: String = r.try_get("kind")?;
    let mode: String = r.try_get("mode")?;
    let follow_up: Option<String> = r.try_get("follow_up")?;
    let follow_up_by: Option<String> = r.try_get("follow_up_by")?;
    let done_at: Option<i64> = r.try_get("follow_up_done_at")?;
    let ack: String = r.try_get("ack")?;
    let follow_up = follow_up
        .map(|f| {
            let kind = FollowUpKind::parse(&f).ok_or_else(|| corrupt("dialog follow-up"))?;
            // A giver this version does not know is left out rather than failing the list.
            Ok::<_, StorageError>((kind, follow_up_by.as_deref().and_then(Giver::parse)))
        })
        .transpose()?;
    Ok(Entry {
        held_on: parse_date(&held_on)?,
        kind: Kind::parse(&kind).ok_or_else(|| corrupt("dialog kind"))?,
        mode: Mode::parse(&mode).ok_or_else(|| corrupt("dialog mode"))?,
        follow_up,
        follow_up_done: done_at.is_some(),
        ack: Ack::parse(&ack).ok_or_else(|| corrupt("dialog acknowledgement"))?,
        ack_comment: r.try_get("ack_comment")?,
        recorded_by: r.try_get("recorded_by")?,
    })
}

/// The month the figures are for, and the quarter it lies in. Counts run from the start of the
/// month (or quarter) to the end of the month, so a past month reads as it stood at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub month: Month,
}

impl Period {
    pub fn quarter(self) -> Quarter {
        Quarter::of(self.month.first_day())
    }

    fn month_from(self) -> String {
        iso(self.month.first_day())
    }

    fn quarter_from(self) -> String {
        iso(self.quarter().first_day())
    }

    fn until(self) -> String {
        iso(self.month.last_day())
    }
}

/// One unit's figures. Only units with active employees appear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFigures {
    pub unit: UnitPath,
    /// Active employees whose unit this is (not its sub-units).
    pub employees: i64,
    pub with_dialog_month: i64,
    pub with_dialog_quarter: i64,
    /// Names of those with no dialog this quarter, at most the cap asked for, by name.
    pub missing: Vec<String>,
}

impl UnitFigures {
    pub fn missing_total(&self) -> i64 {
        self.employees - self.with_dialog_quarter
    }
}

/// Per unit in `scope`, in the tree's order (a unit before its sub-units): how many active
/// employees had at least one dialog in the period's month and quarter, and up to
/// `names_per_unit` names of those who had none this quarter. Two grouped queries: the counts,
/// and the names ranked within each unit.
pub async fn by_unit(
    db: &Db,
    scope: &Scope,
    period: Period,
    names_per_unit: i64,
) -> Result<Vec<UnitFigures>, StorageError> {
    let (filter, binds) = scope_filter(scope, 4);
    let sql = format!(
        "SELECT u.path, COUNT(e.nip) AS employees, \
             COALESCE(SUM(CASE WHEN d.month_n > 0 THEN 1 ELSE 0 END), 0) AS with_month, \
             COALESCE(SUM(CASE WHEN d.quarter_n > 0 THEN 1 ELSE 0 END), 0) AS with_quarter \
         FROM employees e JOIN units u ON u.id = e.unit_id \
         LEFT JOIN (SELECT employee_nip, \
                 SUM(CASE WHEN held_on >= $1 THEN 1 ELSE 0 END) AS month_n, \
                 COUNT(*) AS quarter_n \
             FROM dialogs WHERE held_on >= $2 AND held_on <= $3 \
             GROUP BY employee_nip) d ON d.employee_nip = e.nip \
         WHERE e.active = 1 AND {filter} \
         GROUP BY u.path"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(period.month_from())
        .bind(period.quarter_from())
        .bind(period.until());
    for b in &binds {
        q = q.bind(b.clone());
    }
    let mut units = Vec::new();
    for r in q.fetch_all(db.pool()).await? {
        let path: String = r.try_get("path")?;
        units.push(UnitFigures {
            unit: UnitPath::parse(&path).ok_or_else(|| corrupt("unit path"))?,
            employees: r.try_get("employees")?,
            with_dialog_month: r.try_get("with_month")?,
            with_dialog_quarter: r.try_get("with_quarter")?,
            missing: Vec::new(),
        });
    }
    // Rust's order of the path's parts, not the database's collation: the same on both
    // backends, and a unit comes right before its own sub-units.
    units.sort_by(|a, b| a.unit.cmp(&b.unit));
    if names_per_unit <= 0 {
        // Figures only (the reports): the names' scan of the whole scope is not needed.
        return Ok(units);
    }

    let (filter, binds) = scope_filter(scope, 4);
    let sql = format!(
        "SELECT path, name FROM ( \
             SELECT u.path AS path, e.name AS name, \
                 ROW_NUMBER() OVER (PARTITION BY u.path ORDER BY e.name, e.nip) AS place \
             FROM employees e JOIN units u ON u.id = e.unit_id \
             WHERE e.active = 1 AND {filter} AND NOT EXISTS ( \
                 SELECT 1 FROM dialogs d WHERE d.employee_nip = e.nip \
                 AND d.held_on >= $1 AND d.held_on <= $2) \
         ) ranked WHERE place <= $3"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(period.quarter_from())
        .bind(period.until())
        .bind(names_per_unit);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let mut missing: std::collections::HashMap<String, Vec<String>> = Default::default();
    for r in q.fetch_all(db.pool()).await? {
        missing
            .entry(r.try_get("path")?)
            .or_default()
            .push(r.try_get("name")?);
    }
    for u in &mut units {
        if let Some(mut names) = missing.remove(&u.unit.key()) {
            names.sort();
            u.missing = names;
        }
    }
    Ok(units)
}

/// One statement of the coaching feedback, over everyone in scope: never per person.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatementFigures {
    pub statement: CoachingStatement,
    pub answers: i64,
    /// Distinct employees who answered: the anonymity threshold counts people, not sessions.
    pub people: i64,
    /// Mean agreement, 1 (strongly disagree) to 4 (strongly agree).
    pub average: f64,
}

/// Coaching feedback on dialogs held on or after `from` with employees now in `scope`, per
/// statement in the form's order; statements nobody answered are left out.
/// The viewer's own coaching is left out: an HR person who also coaches would otherwise read
/// figures about themself, from few enough people to tell who said what.
pub async fn coaching_feedback(
    db: &Db,
    scope: &Scope,
    from: NaiveDate,
    viewer_nip: &str,
) -> Result<Vec<StatementFigures>, StorageError> {
    let (filter, binds) = scope_filter(scope, 3);
    // The average as a float on both backends: PostgreSQL's AVG of integers is NUMERIC, which
    // the `Any` driver cannot read.
    let sql = format!(
        "SELECT f.statement, COUNT(*) AS answers, COUNT(DISTINCT d.employee_nip) AS people, \
             AVG(CAST(f.agreement AS DOUBLE PRECISION)) AS average \
         FROM coaching_feedback f JOIN dialogs d ON d.id = f.dialog_id \
         JOIN employees e ON e.nip = d.employee_nip JOIN units u ON u.id = e.unit_id \
         WHERE d.held_on >= $1 AND d.supervisor_nip <> $2 AND {filter} \
         GROUP BY f.statement"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(iso(from))
        .bind(viewer_nip);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let mut out = Vec::new();
    for r in q.fetch_all(db.pool()).await? {
        let code: String = r.try_get("statement")?;
        // A statement a later version added is not this version's to show.
        let Some(statement) = CoachingStatement::parse(&code) else {
            continue;
        };
        out.push(StatementFigures {
            statement,
            answers: r.try_get("answers")?,
            people: r.try_get("people")?,
            average: r.try_get("average")?,
        });
    }
    out.sort_by_key(|f| f.statement);
    Ok(out)
}

/// One active employee's line of the compliance file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeFigures {
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub supervisor: Option<String>,
    pub dialogs_month: i64,
    pub dialogs_quarter: i64,
    /// The latest dialog held up to the period's end, however long ago.
    pub last_dialog: Option<String>,
}

impl EmployeeFigures {
    /// No dialog this quarter: what the file flags.
    pub fn flagged(&self) -> bool {
        self.dialogs_quarter == 0
    }

    /// The file's cells, in the order of [`FILE_HEADER`].
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.nip.clone(),
            self.name.clone(),
            self.unit.clone(),
            self.supervisor.clone().unwrap_or_default(),
            self.dialogs_month.to_string(),
            self.dialogs_quarter.to_string(),
            self.last_dialog.clone().unwrap_or_default(),
            if self.flagged() { "ya" } else { "tidak" }.to_owned(),
        ]
    }
}

/// The compliance file's columns, the same from the bot and from `kinerja-bot export dialogs`.
pub const FILE_HEADER: &[&str] = &[
    "nip",
    "nama",
    "unit",
    "atasan",
    "dialog_bulan_ini",
    "dialog_triwulan_ini",
    "dialog_terakhir",
    "tanpa_dialog_triwulan_ini",
];

/// Every active employee in `scope` with their dialog counts for the period, ordered by unit
/// (tree order), then name. One query; the dialogs are grouped once, not looked up per person.
pub async fn by_employee(
    db: &Db,
    scope: &Scope,
    period: Period,
) -> Result<Vec<EmployeeFigures>, StorageError> {
    let (filter, binds) = scope_filter(scope, 4);
    let sql = format!(
        "SELECT e.nip, e.name, u.path, s.name AS supervisor, \
             COALESCE(d.month_n, 0) AS month_n, COALESCE(d.quarter_n, 0) AS quarter_n, \
             d.last_on \
         FROM employees e JOIN units u ON u.id = e.unit_id \
         LEFT JOIN employees s ON s.nip = e.supervisor_nip \
         LEFT JOIN (SELECT employee_nip, \
                 SUM(CASE WHEN held_on >= $1 THEN 1 ELSE 0 END) AS month_n, \
                 SUM(CASE WHEN held_on >= $2 THEN 1 ELSE 0 END) AS quarter_n, \
                 MAX(held_on) AS last_on \
             FROM dialogs WHERE held_on <= $3 \
             GROUP BY employee_nip) d ON d.employee_nip = e.nip \
         WHERE e.active = 1 AND {filter}"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(period.month_from())
        .bind(period.quarter_from())
        .bind(period.until());
    for b in &binds {
        q = q.bind(b.clone());
    }
    let mut rows = Vec::new();
    for r in q.fetch_all(db.pool()).await? {
        rows.push(EmployeeFigures {
            nip: r.try_get("nip")?,
            name: r.try_get("name")?,
            unit: r.try_get("path")?,
            supervisor: r.try_get("supervisor")?,
            dialogs_month: r.try_get("month_n")?,
            dialogs_quarter: r.try_get("quarter_n")?,
            last_dialog: r.try_get("last_on")?,
        });
    }
    rows.sort_by_cached_key(|e| (UnitPath::parse(&e.unit), e.name.clone(), e.nip.clone()));
    Ok(rows)
}

/// The condition on `u.path` that keeps a scope's units, with parameters numbered from
/// `first`; returns the SQL and the texts to bind in order.
pub(super) fn scope_filter(scope: &Scope, first: usize) -> (String, Vec<String>) {
    match scope.unit() {
        None => ("1 = 1".to_owned(), Vec::new()),
        Some(unit) => {
            let path = unit.key();
            let (a, b) = (first, first + 1);
            // A prefix test on the path, not LIKE: unit names may hold '%' or '_'.
            (
                format!("(u.path = ${a} OR substr(u.path, 1, length(${b})) = ${b})"),
                vec![path.clone(), format!("{path}{}", UnitPath::SEPARATOR)],
            )
        }
    }
}

/// Dates are stored as `YYYY-MM-DD`, which sorts and compares as text.
fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn parse_date(text: &str) -> Result<NaiveDate, StorageError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| corrupt("dialog date"))
}

fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(what.to_owned())
}
