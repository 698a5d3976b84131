//! 360 results as the anonymity rule lets them out (`domain::anonymity`). Every read here
//! leaves the rater out: a ratee's answers come as `(group, value, rating)`, comments as
//! `(group, text)` in the order of their text, and HR's figures as sums per unit. Only complete
//! assignments (all seven values answered) count anywhere, so a rater who stopped halfway adds
//! nothing that could single them out.
//!
//! HR's per-unit sums are built with the domain's rules only: each ratee's results with
//! [`ratee_results`], then the shown groups of each ratee added with [`Tally::add_shown`], so a
//! hidden group never reaches a unit's figures.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sqlx::Row;

use super::dialog_reports::scope_filter;
use super::feedback_rounds::{ROUND, Round, corrupt, round};
use super::{Db, StorageError};
use crate::domain::anonymity::{Tally, ratee_results};
use crate::domain::authz::Scope;
use crate::domain::berakhlak::{Rating, Value};
use crate::domain::feedback_round::Group;
use crate::domain::org::UnitPath;
use crate::domain::{EmployeeRef, RoundId};

/// One ratee's answers in one round: which groups were asked at all, and the answers of the
/// complete assignments, without who gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateeAnswers {
    /// Groups with at least one assigned rater, answered or not.
    pub groups: BTreeSet<Group>,
    pub answers: Vec<(Group, Value, Rating)>,
}

pub async fn answers(
    db: &Db,
    round: RoundId,
    ratee_nip: &str,
) -> Result<RateeAnswers, StorageError> {
    // The join keeps incomplete assignments (for the groups asked) without their answers.
    // Ordered by content, not by assignment or time, so nothing follows the raters' order.
    let rows = sqlx::query(
        "SELECT a.grp, f.value, f.rating FROM feedback_assignments a \
         LEFT JOIN feedback_answers f \
             ON f.assignment_id = a.id AND a.completed_at IS NOT NULL \
         WHERE a.round_id = $1 AND a.ratee_nip = $2 \
         ORDER BY a.grp, f.value, f.rating",
    )
    .bind(round.0)
    .bind(ratee_nip)
    .fetch_all(db.pool())
    .await?;
    let mut out = RateeAnswers::default();
    for r in &rows {
        let group = group(&r.try_get::<String, _>("grp")?)?;
        out.groups.insert(group);
        let value: Option<String> = r.try_get("value")?;
        let rating: Option<String> = r.try_get("rating")?;
        if let (Some(v), Some(rt)) = (value, rating) {
            // A value a later version added is not this version's to count.
            let Some(v) = Value::parse(&v) else { continue };
            let rt = Rating::parse(&rt).ok_or_else(|| corrupt("rating"))?;
            out.answers.push((group, v, rt));
        }
    }
    Ok(out)
}

/// The comments of complete assignments with their group, sorted by their text: the order
/// says nothing about who wrote first. The caller drops the comments of hidden groups.
pub async fn comments(
    db: &Db,
    round: RoundId,
    ratee_nip: &str,
) -> Result<Vec<(Group, String)>, StorageError> {
    let rows = sqlx::query(
        "SELECT grp, comment FROM feedback_assignments \
         WHERE round_id = $1 AND ratee_nip = $2 AND completed_at IS NOT NULL \
             AND comment IS NOT NULL ORDER BY comment",
    )
    .bind(round.0)
    .bind(ratee_nip)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let comment: String = r.try_get("comment")?;
        let comment = comment.trim();
        if !comment.is_empty() {
            out.push((group(&r.try_get::<String, _>("grp")?)?, comment.to_owned()));
        }
    }
    // Rust's order, not the database's collation: the same on both backends.
    out.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(out)
}

/// The rounds `ratee_nip` was rated in, newest first, closed or not: the caller shows the
/// closed ones and says when the others close.
pub async fn rated_in(db: &Db, ratee_nip: &str) -> Result<Vec<Round>, StorageError> {
    let sql = format!(
        "{ROUND} WHERE id IN (SELECT round_id FROM feedback_assignments WHERE ratee_nip = $1) \
             AND ready_at IS NOT NULL ORDER BY id DESC"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(ratee_nip)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(round).collect()
}

/// A supervisor's current, active direct subordinates by name, each by the opaque number that
/// goes into button data.
pub async fn subordinates(
    db: &Db,
    supervisor_nip: &str,
) -> Result<Vec<(EmployeeRef, String)>, StorageError> {
    let rows = sqlx::query(
        "SELECT ref, name FROM employees WHERE supervisor_nip = $1 AND active = 1 \
         ORDER BY name, nip",
    )
    .bind(supervisor_nip)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((EmployeeRef(r.try_get("ref")?), r.try_get("name")?)))
        .collect()
}

/// One unit's figures in a round, by the ratees' units when the round was created (a
/// re-import afterwards moves nobody's results between two reports).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitAggregate {
    pub unit: UnitPath,
    /// Ratees of the round in this unit.
    pub ratees: usize,
    /// Of them, those with anything shown (a supervisor's answers, or a group large enough).
    pub with_results: usize,
    /// Per value, in the acronym's order, the shown groups (self excluded) summed over the
    /// unit's ratees; `None` when fewer than the minimum have results, since a unit's figures
    /// would then come close to one person's results.
    pub values: Option<Vec<(Value, Tally)>>,
}

/// Per unit in `scope`, in the tree's order, the round's figures (see [`UnitAggregate`]).
/// One grouped query brings, per ratee, how many complete answers each group gave each
/// rating; no rater is read.
pub async fn by_unit(
    db: &Db,
    round: RoundId,
    scope: &Scope,
    min: usize,
) -> Result<Vec<UnitAggregate>, StorageError> {
    let (filter, binds) = scope_filter(scope, 2);
    // Incomplete assignments come with NULL value and rating: they only say the ratee exists.
    let sql = format!(
        "SELECT u.path, a.ratee_nip, a.grp, f.value, f.rating, COUNT(f.value) AS n \
         FROM feedback_assignments a JOIN units u ON u.id = a.ratee_unit_id \
         LEFT JOIN feedback_answers f \
             ON f.assignment_id = a.id AND a.completed_at IS NOT NULL \
         WHERE a.round_id = $1 AND {filter} \
         GROUP BY u.path, a.ratee_nip, a.grp, f.value, f.rating"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(round.0);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let mut counts = Vec::new();
    for r in q.fetch_all(db.pool()).await? {
        let path: String = r.try_get("path")?;
        let ratee: String = r.try_get("ratee_nip")?;
        let group = group(&r.try_get::<String, _>("grp")?)?;
        let value: Option<String> = r.try_get("value")?;
        let rating: Option<String> = r.try_get("rating")?;
        let n: i64 = r.try_get("n")?;
        let answer = match (value.as_deref().and_then(Value::parse), rating) {
            (Some(v), Some(rt)) => {
                let rt = Rating::parse(&rt).ok_or_else(|| corrupt("rating"))?;
                Some((v, rt, usize::try_from(n).unwrap_or(0)))
            }
            _ => None,
        };
        counts.push(GroupedCount {
            unit: path,
            ratee,
            group,
            answer,
        });
    }
    aggregate(counts, min)
}

/// One row of the grouped query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct GroupedCount {
    unit: String,
    ratee: String,
    group: Group,
    /// The value, the rating and how many complete answers of this group gave it.
    answer: Option<(Value, Rating, usize)>,
}

/// One ratee's answers, without raters.
type Answers = Vec<(Group, Value, Rating)>;

/// The per-unit sums from the grouped counts; see [`by_unit`].
fn aggregate(rows: Vec<GroupedCount>, min: usize) -> Result<Vec<UnitAggregate>, StorageError> {
    let mut ratees: BTreeMap<String, HashMap<String, Answers>> = BTreeMap::new();
    for row in rows {
        let answers = ratees
            .entry(row.unit)
            .or_default()
            .entry(row.ratee)
            .or_default();
        if let Some((value, rating, n)) = row.answer {
            answers.extend(std::iter::repeat_n((row.group, value, rating), n));
        }
    }
    let mut out = Vec::with_capacity(ratees.len());
    for (path, people) in ratees {
        let unit = UnitPath::parse(&path).ok_or_else(|| corrupt("unit path"))?;
        let mut sums: Vec<(Value, Tally)> =
            Value::ALL.iter().map(|v| (*v, Tally::default())).collect();
        let mut with_results = 0;
        for answers in people.values() {
            let mut any = false;
            for (result, (_, sum)) in ratee_results(answers, min).iter().zip(sums.iter_mut()) {
                // The ratee's own total leaves the self-rating out; so does the unit's.
                for (_, shown) in result.groups.iter().filter(|(g, _)| *g != Group::Self_) {
                    sum.add_shown(shown);
                    any |= tally_of(shown) > 0;
                }
            }
            with_results += usize::from(any);
        }
        out.push(UnitAggregate {
            unit,
            ratees: people.len(),
            with_results,
            values: (with_results >= min).then_some(sums),
        });
    }
    out.sort_by(|a, b| a.unit.cmp(&b.unit));
    Ok(out)
}

/// How many answers a shown group holds (0 for a hidden one).
fn tally_of(result: &crate::domain::anonymity::GroupResult) -> usize {
    let mut t = Tally::default();
    t.add_shown(result);
    t.total()
}

fn group(code: &str) -> Result<Group, StorageError> {
    Group::parse(code).ok_or_else(|| corrupt("group"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::anonymity::min_group;

    use Rating::{DiAtas, DiBawah, Sesuai};

    fn rows(
        unit: &str,
        ratee: &str,
        group: Group,
        answers: &[(Rating, usize)],
    ) -> Vec<GroupedCount> {
        let mut out = vec![GroupedCount {
            unit: unit.into(),
            ratee: ratee.into(),
            group,
            answer: None,
        }];
        for v in Value::ALL {
            for (r, n) in answers {
                out.push(GroupedCount {
                    unit: unit.into(),
                    ratee: ratee.into(),
                    group,
                    answer: Some((*v, *r, *n)),
                });
            }
        }
        out
    }

    #[test]
    fn a_units_sums_hold_shown_groups_only() {
        let min = min_group(3);
        let mut all = Vec::new();
        for ratee in ["a", "b", "c"] {
            all.extend(rows("X", ratee, Group::Supervisor, &[(Sesuai, 1)]));
        }
        // "a": peers of three, shown; "b": peers of two, hidden; "c": self only besides.
        all.extend(rows("X", "a", Group::Peer, &[(DiAtas, 2), (DiBawah, 1)]));
        all.extend(rows("X", "b", Group::Peer, &[(DiBawah, 2)]));
        all.extend(rows("X", "c", Group::Self_, &[(DiAtas, 1)]));
        let units = aggregate(all, min).unwrap();
        assert_eq!(units.len(), 1);
        let u = &units[0];
        assert_eq!((u.ratees, u.with_results), (3, 3));
        let values = u.values.as_ref().unwrap();
        assert_eq!(values.len(), 7);
        for (_, t) in values {
            // Three supervisor answers and "a"'s three peers; "b"'s two peers and "c"'s
            // self-rating are nowhere.
            assert_eq!(t.count(Sesuai), 3);
            assert_eq!(t.count(DiAtas), 2);
            assert_eq!(t.count(DiBawah), 1);
            assert_eq!(t.total(), 6);
        }
    }

    #[test]
    fn a_unit_with_too_few_ratees_with_results_is_not_summed() {
        let min = min_group(3);
        let mut all = Vec::new();
        all.extend(rows("X", "a", Group::Supervisor, &[(Sesuai, 1)]));
        all.extend(rows("X", "b", Group::Supervisor, &[(DiAtas, 1)]));
        // Asked, nothing complete: counted as a ratee, not as one with results.
        all.extend(rows("X", "c", Group::Supervisor, &[]));
        all.extend(rows("X", "d", Group::Peer, &[(DiAtas, 2)]));
        all.extend(rows("Y", "e", Group::Supervisor, &[(Sesuai, 1)]));
        let units = aggregate(all, min).unwrap();
        let x = &units[0];
        assert_eq!(x.unit.key(), "X");
        assert_eq!((x.ratees, x.with_results), (4, 2));
        assert_eq!(x.values, None);
        assert_eq!(units[1].unit.key(), "Y");
        assert_eq!(units[1].values, None);
    }
}
