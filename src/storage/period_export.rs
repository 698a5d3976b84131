//! The rows of HR's per-period file: one per employee in scope, with their supervisor, the
//! dialogs held in each month of the period and their acknowledgement, the 360 figures per
//! BerAKHLAK value and rater group, and the evaluation.
//!
//! Read in chunks: employees by NIP after the last one read (keyset, [`CHUNK`] at a time), then
//! that NIP range's dialogs, 360 answers and evaluations, each streamed (`fetch`) and folded into
//! the chunk's rows as it arrives. Memory stays bounded by one chunk's folded figures whatever
//! the organisation's size, and one connection is held at a time, so several HR people exporting
//! at once (or a pool of one connection) cannot starve each other of connections.
//!
//! No rater is read: 360 answers come as counts per (ratee, round, group, value, rating) of
//! complete ratings only, and each round's groups go through the domain's anonymity rule on their
//! own before anything is summed ([`fold_feedback`]): a group hidden in a round adds nothing to
//! any figure, so no figure can be subtracted from another to find it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use futures::TryStreamExt;
use sqlx::Row as _;
use sqlx::any::AnyRow;

use super::dialog_reports::scope_filter;
use super::feedback_rounds::{ROUND, Round, round};
use super::{Db, StorageError};
use crate::domain::RoundId;
use crate::domain::anonymity::{Tally, ratee_results};
use crate::domain::authz::Scope;
use crate::domain::berakhlak::{Rating, Value};
use crate::domain::dialog::Ack;
use crate::domain::feedback_round::Group;
use crate::domain::period::{Period, months, within};
use crate::domain::predikat::Predikat;

/// Employees read per chunk.
pub const CHUNK: i64 = 2_000;

/// What to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub period: Period,
    pub scope: Scope,
    /// The 360 rounds whose answers count: for a period within this one, with results ready
    /// (the caller decides that with `Round::results_ready` on its clock).
    pub rounds: Vec<RoundId>,
    /// The smallest peer or subordinate group that is shown (`settings.file.feedback_min_group()`).
    pub min_group: usize,
}

/// One employee's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub nip: String,
    pub name: String,
    /// The unit's path, `A > B > C`.
    pub unit: String,
    pub active: bool,
    /// The current supervisor's NIP and name.
    pub supervisor: Option<(String, String)>,
    pub dialogs: Dialogs,
    pub feedback: Feedback,
    pub evaluation: Option<Rated>,
}

/// The dialogs held (by `held_on`) within the period, with the employee as the other party.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dialogs {
    /// Per month of the period, in `period::months` order.
    pub per_month: Vec<u32>,
    /// Per acknowledgement state, in `Ack::ALL` order.
    pub by_ack: [u32; 4],
}

impl Dialogs {
    pub fn total(&self) -> u32 {
        self.per_month.iter().sum()
    }

    pub fn with_ack(&self, ack: Ack) -> u32 {
        Ack::ALL
            .iter()
            .position(|a| *a == ack)
            .map_or(0, |i| self.by_ack[i])
    }
}

/// A ratee's 360 figures over the period's rounds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Feedback {
    /// Per group in `Group::ALL` order, per value in `Value::ALL` order: the answers of the
    /// rounds in which the group was shown, summed. `None` when it was shown in none: not asked,
    /// or (peers, subordinates) below the minimum in every round.
    pub groups: [Option<[Tally; 7]>; 4],
}

impl Feedback {
    pub fn group(&self, group: Group) -> Option<&[Tally; 7]> {
        let i = Group::ALL.iter().position(|g| *g == group)?;
        self.groups[i].as_ref()
    }

    /// How many complete ratings a shown group counts.
    pub fn count(&self, group: Group) -> Option<usize> {
        self.group(group)
            .map(|t| t.iter().map(Tally::total).max().unwrap_or(0))
    }

    /// One value over the shown groups other than self, as the ratee's own total reads.
    pub fn total(&self, value: Value) -> Tally {
        let v = Value::ALL.iter().position(|x| *x == value).unwrap_or(0);
        let answers = [Group::Supervisor, Group::Peer, Group::Subordinate]
            .into_iter()
            .filter_map(|g| self.group(g))
            .flat_map(|t| {
                let t = t[v];
                Rating::ALL
                    .iter()
                    .flat_map(move |r| std::iter::repeat_n(*r, t.count(*r)))
            });
        Tally::from_answers(answers)
    }
}

/// The supervisor's evaluation for the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rated {
    pub hasil: Rating,
    /// Hasil kerja is the unit's result (the employee heads the unit).
    pub hasil_from_unit: bool,
    pub perilaku: Rating,
    pub predikat: Predikat,
    pub rated_by: String,
    /// The rater's name, if they are still on file.
    pub rated_by_name: Option<String>,
    /// Epoch seconds.
    pub rated_at: i64,
}

/// The rounds stored in full whose period lies within `period`, oldest first; the caller keeps
/// those whose results are ready.
pub async fn rounds_within(db: &Db, period: Period) -> Result<Vec<Round>, StorageError> {
    let sql = format!("{ROUND} WHERE ready_at IS NOT NULL ORDER BY id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(db.pool())
        .await?;
    let mut out = Vec::new();
    for r in &rows {
        let found = round(r)?;
        if within(found.period, period) {
            out.push(found);
        }
    }
    Ok(out)
}

/// Reads the rows chunk by chunk, in NIP order.
pub struct Reader<'a> {
    db: &'a Db,
    request: Request,
    months: Vec<String>,
    after: String,
    done: bool,
}

impl<'a> Reader<'a> {
    pub fn new(db: &'a Db, request: Request) -> Self {
        let months = months(request.period)
            .into_iter()
            .map(|(y, m)| format!("{y}-{m:02}"))
            .collect();
        Self {
            db,
            request,
            months,
            after: String::new(),
            done: false,
        }
    }

    /// The next rows; `None` after the last.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<Row>>, StorageError> {
        if self.done {
            return Ok(None);
        }
        let mut rows = self.employees().await?;
        if (rows.len() as i64) < CHUNK {
            self.done = true;
        }
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            return Ok(None);
        };
        let range = (first.nip.clone(), last.nip.clone());
        self.after = range.1.clone();
        let mut dialogs = self.dialogs(&range).await?;
        let mut feedback = self.feedback(&range).await?;
        let mut rated = self.evaluations(&range).await?;
        for row in &mut rows {
            row.dialogs = dialogs.remove(&row.nip).unwrap_or_else(|| Dialogs {
                per_month: vec![0; self.months.len()],
                by_ack: [0; 4],
            });
            if let Some(grouped) = feedback.remove(&row.nip) {
                row.feedback = fold_feedback(&grouped, self.request.min_group);
            }
            row.evaluation = rated.remove(&row.nip);
        }
        Ok(Some(rows))
    }

    /// Active employees in scope, and those gone since who were rated for the period.
    async fn employees(&self) -> Result<Vec<Row>, StorageError> {
        let (filter, binds) = scope_filter(&self.request.scope, 4);
        let sql = format!(
            "SELECT e.nip, e.name, e.active, u.path, s.nip AS supervisor_nip, \
                 s.name AS supervisor_name \
             FROM employees e JOIN units u ON u.id = e.unit_id \
             LEFT JOIN employees s ON s.nip = e.supervisor_nip \
             WHERE e.nip > $1 AND (e.active = 1 OR EXISTS (SELECT 1 FROM evaluations v \
                 WHERE v.period = $2 AND v.employee_nip = e.nip)) AND {filter} \
             ORDER BY e.nip LIMIT $3"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.after.clone())
            .bind(self.request.period.code())
            .bind(CHUNK);
        for b in binds {
            q = q.bind(b);
        }
        let rows = q.fetch_all(self.db.pool()).await?;
        rows.iter().map(employee).collect()
    }

    /// Dialogs per employee in the NIP range: one row each, counted per month and per
    /// acknowledgement in SQL (every row crossing from the database costs more than the
    /// counting).
    async fn dialogs(
        &self,
        (first, last): &(String, String),
    ) -> Result<HashMap<String, Dialogs>, StorageError> {
        let (join, filter, binds) = scoped(&self.request.scope, "d.employee_nip", 5);
        // Month and acknowledgement codes come from the period and the domain, never from
        // input: written into the SQL as they are.
        let months = self
            .months
            .iter()
            .map(|m| format!("COUNT(CASE WHEN substr(d.held_on, 1, 7) = '{m}' THEN 1 END)"));
        let acks = Ack::ALL
            .iter()
            .map(|a| format!("COUNT(CASE WHEN d.ack = '{}' THEN 1 END)", a.code()));
        let counts = months.chain(acks).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT d.employee_nip, {counts} FROM dialogs d {join} \
             WHERE d.employee_nip >= $1 AND d.employee_nip <= $2 \
                 AND d.held_on >= $3 AND d.held_on <= $4 AND {filter} \
             GROUP BY d.employee_nip"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(first.clone())
            .bind(last.clone())
            .bind(self.request.period.first_day().to_string())
            .bind(self.request.period.last_day().to_string());
        for b in binds {
            q = q.bind(b);
        }
        let mut out: HashMap<String, Dialogs> = HashMap::new();
        let mut rows = q.fetch(self.db.pool());
        while let Some(r) = rows.try_next().await? {
            let months = self.months.len();
            let mut d = Dialogs {
                per_month: Vec::with_capacity(months),
                by_ack: [0; 4],
            };
            for i in 0..months {
                d.per_month.push(count(&r, 1 + i)?);
            }
            for (i, n) in d.by_ack.iter_mut().enumerate() {
                *n = count(&r, 1 + months + i)?;
            }
            out.insert(r.try_get(0)?, d);
        }
        Ok(out)
    }

    /// Per ratee in the NIP range, round and group asked: how many complete ratings gave each
    /// value each rating, counted in SQL (one row per group instead of one per value and
    /// rating). A group asked whose raters never finished comes with zeros.
    async fn feedback(
        &self,
        (first, last): &(String, String),
    ) -> Result<HashMap<String, Vec<Grouped>>, StorageError> {
        let mut out: HashMap<String, Vec<Grouped>> = HashMap::new();
        if self.request.rounds.is_empty() {
            return Ok(out);
        }
        let rounds = (0..self.request.rounds.len())
            .map(|i| format!("${}", i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        let next = self.request.rounds.len() + 3;
        let (join, filter, binds) = scoped(&self.request.scope, "a.ratee_nip", next);
        // Value and rating codes are the domain's own: written into the SQL as they are.
        let counts = Value::ALL
            .iter()
            .flat_map(|v| {
                Rating::ALL.iter().map(move |r| {
                    format!(
                        "COUNT(CASE WHEN f.value = '{}' AND f.rating = '{}' THEN 1 END)",
                        v.code(),
                        r.code()
                    )
                })
            })
            .collect::<Vec<_>>()
            .join(", ");
        // The join keeps incomplete assignments (the groups asked) without their answers.
        let sql = format!(
            "SELECT a.ratee_nip, a.round_id, a.grp, {counts} \
             FROM feedback_assignments a \
             LEFT JOIN feedback_answers f \
                 ON f.assignment_id = a.id AND a.completed_at IS NOT NULL {join} \
             WHERE a.ratee_nip >= $1 AND a.ratee_nip <= $2 AND a.round_id IN ({rounds}) \
                 AND {filter} \
             GROUP BY a.ratee_nip, a.round_id, a.grp"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(first.clone())
            .bind(last.clone());
        for r in &self.request.rounds {
            q = q.bind(r.0);
        }
        for b in binds {
            q = q.bind(b);
        }
        let mut rows = q.fetch(self.db.pool());
        while let Some(r) = rows.try_next().await? {
            let grp: String = r.try_get(2)?;
            let mut counts = [[0; 3]; 7];
            for (v, per_rating) in counts.iter_mut().enumerate() {
                for (rt, n) in per_rating.iter_mut().enumerate() {
                    *n = count(&r, 3 + v * 3 + rt)? as usize;
                }
            }
            out.entry(r.try_get(0)?).or_default().push(Grouped {
                round: r.try_get(1)?,
                group: Group::parse(&grp).ok_or_else(|| corrupt("360 group"))?,
                counts,
            });
        }
        Ok(out)
    }

    async fn evaluations(
        &self,
        (first, last): &(String, String),
    ) -> Result<HashMap<String, Rated>, StorageError> {
        let (join, filter, binds) = scoped(&self.request.scope, "v.employee_nip", 4);
        let sql = format!(
            "SELECT v.employee_nip, v.hasil, v.hasil_from_unit, v.perilaku, v.predikat, \
                 v.rated_by, r.name AS rated_by_name, v.rated_at \
             FROM evaluations v LEFT JOIN employees r ON r.nip = v.rated_by {join} \
             WHERE v.period = $1 AND v.employee_nip >= $2 AND v.employee_nip <= $3 \
                 AND {filter}"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.request.period.code())
            .bind(first.clone())
            .bind(last.clone());
        for b in binds {
            q = q.bind(b);
        }
        let mut out = HashMap::new();
        let mut rows = q.fetch(self.db.pool());
        while let Some(r) = rows.try_next().await? {
            let text = |c: &str| -> Result<String, StorageError> { Ok(r.try_get(c)?) };
            let rating = |c: &str| Rating::parse(&text(c)?).ok_or_else(|| corrupt("rating"));
            out.insert(
                text("employee_nip")?,
                Rated {
                    hasil: rating("hasil")?,
                    hasil_from_unit: r.try_get::<i64, _>("hasil_from_unit")? != 0,
                    perilaku: rating("perilaku")?,
                    predikat: Predikat::parse(&text("predikat")?)
                        .ok_or_else(|| corrupt("predikat"))?,
                    rated_by: text("rated_by")?,
                    rated_by_name: r.try_get("rated_by_name")?,
                    rated_at: r.try_get("rated_at")?,
                },
            );
        }
        Ok(out)
    }
}

fn employee(r: &AnyRow) -> Result<Row, StorageError> {
    let sup_nip: Option<String> = r.try_get("supervisor_nip")?;
    let sup_name: Option<String> = r.try_get("supervisor_name")?;
    Ok(Row {
        nip: r.try_get("nip")?,
        name: r.try_get("name")?,
        unit: r.try_get("path")?,
        active: r.try_get::<i64, _>("active")? != 0,
        supervisor: sup_nip.zip(sup_name),
        dialogs: Dialogs::default(),
        feedback: Feedback::default(),
        evaluation: None,
    })
}

/// A join to the employee named by `nip_column` and their unit, and the scope's condition on
/// it, with parameters from `first`; nothing to join for the whole organisation.
fn scoped(scope: &Scope, nip_column: &str, first: usize) -> (String, String, Vec<String>) {
    let (filter, binds) = scope_filter(scope, first);
    let join = match scope.unit() {
        None => String::new(),
        Some(_) => {
            format!("JOIN employees e ON e.nip = {nip_column} JOIN units u ON u.id = e.unit_id")
        }
    };
    (join, filter, binds)
}

fn count(r: &AnyRow, column: usize) -> Result<u32, StorageError> {
    let n: i64 = r.try_get(column)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// One group asked about one ratee in one round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grouped {
    pub round: i64,
    pub group: Group,
    /// Per value (`Value::ALL` order) and rating (`Rating::ALL` order), how many of the group's
    /// complete ratings gave it.
    pub counts: [[usize; 3]; 7],
}

/// A ratee's figures from their grouped answers: each round's groups are judged by the domain's
/// rule on their own ([`ratee_results`]), and only the groups shown in a round are summed, with
/// [`Tally::add_shown`]. A group hidden in one round therefore adds nothing anywhere; the
/// supervisor's and the self group count from being asked (as zero if they never answered).
pub(crate) fn fold_feedback(rows: &[Grouped], min: usize) -> Feedback {
    type Answers = Vec<(Group, Value, Rating)>;
    let mut rounds: BTreeMap<i64, (BTreeSet<Group>, Answers)> = BTreeMap::new();
    for row in rows {
        let (asked, answers) = rounds.entry(row.round).or_default();
        asked.insert(row.group);
        for (value, per_rating) in Value::ALL.iter().zip(row.counts) {
            for (rating, n) in Rating::ALL.iter().zip(per_rating) {
                answers.extend(std::iter::repeat_n((row.group, *value, *rating), n));
            }
        }
    }
    let mut out = Feedback::default();
    for (asked, answers) in rounds.values() {
        for (v, result) in ratee_results(answers, min).iter().enumerate() {
            for (group, shown) in &result.groups {
                if !asked.contains(group) || !shown.is_shown() {
                    continue;
                }
                let g = Group::ALL.iter().position(|x| x == group).unwrap_or(0);
                let sums = out.groups[g].get_or_insert_with(Default::default);
                sums[v].add_shown(shown);
            }
        }
    }
    out
}

fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(what.to_owned())
}

#[cfg(test)]
#[path = "period_export_tests.rs"]
mod tests;
