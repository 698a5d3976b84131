//! What the supervisor has in front of them when rating one subordinate for one period: the
//! period's dialogs (how many, of which kinds, their follow-ups and acknowledgements), the 360
//! results of the rounds for periods within it, as the anonymity rule lets them out, the
//! ekspektasi khusus of the year, for a year the periodic predikat, and for a unit head the
//! unit's result. The card is rendered from this, and this, as JSON, is stored with the
//! evaluation: what was stored is what was shown.
//!
//! A hidden 360 group is kept only as "not enough answers", without any figure, and is in no
//! total (`domain::anonymity`): nothing stored here could give a peer's answer away.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bot::context::{Ctx, HandlerError};
use crate::domain::anonymity::{GroupResult, Tally, ratee_results};
use crate::domain::berakhlak::{Rating, Value};
use crate::domain::dialog::{Ack, FollowUpKind, Kind};
use crate::domain::feedback_round::Group;
use crate::domain::period::{Period, within};
use crate::domain::predikat::Predikat;
use crate::storage::dialog_reports::{self, Entry};
use crate::storage::evaluations::{self, Evaluation, Member};
use crate::storage::feedback_results::{self, RateeAnswers};
use crate::storage::{expectations, periods};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    /// The period's code.
    pub period: String,
    pub dialogs: Dialogs,
    /// One entry per round whose results were ready, newest first.
    pub feedback: Vec<RoundFigures>,
    /// Ekspektasi khusus pimpinan of the period's year, by value.
    pub expectations: BTreeMap<Value, String>,
    /// For a unit head: the unit's result HR recorded, if any.
    pub unit_result: Option<Rating>,
    /// For a year: the periodic evaluations inside it, earliest first.
    pub history: Vec<Past>,
}

/// The period's dialogs in figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dialogs {
    pub count: usize,
    pub kinds: BTreeMap<Kind, usize>,
    /// Each agreed follow-up, newest dialog first, and whether it was marked done.
    pub follow_ups: Vec<FollowUp>,
    pub ack: BTreeMap<Ack, usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub kind: FollowUpKind,
    pub done: bool,
}

/// One round's results as shown: per value, each group asked with its counts, or without
/// figures when too few answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundFigures {
    pub round: i64,
    pub period: String,
    /// The minimum group size the figures were shown under.
    pub min: usize,
    pub values: Vec<ValueFigures>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueFigures {
    pub value: Value,
    pub groups: Vec<GroupFigures>,
    /// Over the shown groups other than self.
    pub total: Counts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFigures {
    pub group: Group,
    /// `None`: not enough answers to show.
    pub counts: Option<Counts>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub di_bawah: usize,
    pub sesuai: usize,
    pub di_atas: usize,
}

impl Counts {
    fn of(t: &Tally) -> Self {
        Self {
            di_bawah: t.count(Rating::DiBawah),
            sesuai: t.count(Rating::Sesuai),
            di_atas: t.count(Rating::DiAtas),
        }
    }

    pub fn total(&self) -> usize {
        self.di_bawah + self.sesuai + self.di_atas
    }
}

/// A periodic evaluation shown beside the annual decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Past {
    pub period: String,
    pub hasil: Rating,
    pub perilaku: Rating,
    pub predikat: Predikat,
}

impl Evidence {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }
}

impl Dialogs {
    /// The figures of the dialogs held in `period`.
    pub fn of(entries: &[Entry], period: Period) -> Self {
        let mut out = Self::default();
        for e in entries.iter().filter(|e| period.contains(e.held_on)) {
            out.count += 1;
            *out.kinds.entry(e.kind).or_default() += 1;
            *out.ack.entry(e.ack).or_default() += 1;
            if let Some((kind, _)) = e.follow_up {
                out.follow_ups.push(FollowUp {
                    kind,
                    done: e.follow_up_done,
                });
            }
        }
        out
    }
}

impl RoundFigures {
    /// One ratee's results of one round under the anonymity rule: groups nobody was asked in
    /// are left out, hidden groups keep no figure.
    pub fn of(round: i64, period: Period, answers: &RateeAnswers, min: usize) -> Self {
        let values = ratee_results(&answers.answers, min)
            .into_iter()
            .map(|v| ValueFigures {
                value: v.value,
                groups: v
                    .groups
                    .iter()
                    .filter(|(g, _)| answers.groups.contains(g))
                    .map(|(group, result)| GroupFigures {
                        group: *group,
                        counts: match result {
                            GroupResult::Shown { counts, .. } => Some(Counts::of(counts)),
                            GroupResult::NotEnough => None,
                        },
                    })
                    .collect(),
                total: Counts::of(&v.total),
            })
            .collect();
        Self {
            round,
            period: period.code(),
            min,
            values,
        }
    }
}

impl From<&Evaluation> for Past {
    fn from(e: &Evaluation) -> Self {
        Self {
            period: e.period.code(),
            hasil: e.hasil,
            perilaku: e.perilaku,
            predikat: e.predikat,
        }
    }
}

/// Reads everything the card shows about `member` for `period`.
pub async fn gather(
    ctx: &Ctx<'_>,
    member: &Member,
    period: Period,
) -> Result<Evidence, HandlerError> {
    let db = &ctx.deps.db;
    let entries = dialog_reports::history(db, &member.nip, period.first_day()).await?;
    let file = &ctx.deps.settings.file;
    let (now, tz, time) = (
        ctx.deps.clock.now(),
        file.time_zone.tz(),
        file.feedback.reminder_time(),
    );
    let min = file.feedback_min_group();
    let mut feedback = Vec::new();
    for round in feedback_results::rated_in(db, &member.nip).await? {
        if !within(round.period, period) || !round.results_ready(now, tz, time) {
            continue;
        }
        let answers = feedback_results::answers(db, round.id, &member.nip).await?;
        feedback.push(RoundFigures::of(round.id.0, round.period, &answers, min));
    }
    let year = period.year_number().to_string();
    let unit_result = match member.is_head {
        true => periods::unit_result(db, period, member.unit_id).await?,
        false => None,
    };
    let history = match period {
        Period::Year { .. } => evaluations::history(db, &member.nip, period)
            .await?
            .iter()
            .map(Past::from)
            .collect(),
        _ => Vec::new(),
    };
    Ok(Evidence {
        period: period.code(),
        dialogs: Dialogs::of(&entries, period),
        feedback,
        expectations: expectations::of_employee(db, &member.nip, &year).await?,
        unit_result,
        history,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn entry(day: &str, kind: Kind, follow_up: Option<FollowUpKind>, ack: Ack) -> Entry {
        Entry {
            held_on: NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap(),
            kind,
            mode: crate::domain::dialog::Mode::TatapMuka,
            follow_up: follow_up.map(|f| (f, None)),
            follow_up_done: follow_up == Some(FollowUpKind::Coaching),
            ack,
            ack_comment: None,
            recorded_by: Some("Atasan".into()),
        }
    }

    #[test]
    fn only_the_periods_dialogs_count() {
        let q1 = Period::parse("2027-q1").unwrap();
        let entries = [
            entry("2027-04-01", Kind::Evaluasi, None, Ack::Pending),
            entry(
                "2027-03-31",
                Kind::UmpanBalik,
                Some(FollowUpKind::Coaching),
                Ack::Confirmed,
            ),
            entry(
                "2027-01-01",
                Kind::Klarifikasi,
                Some(FollowUpKind::Training),
                Ack::Commented,
            ),
            entry("2026-12-31", Kind::Klarifikasi, None, Ack::Confirmed),
        ];
        let d = Dialogs::of(&entries, q1);
        assert_eq!(d.count, 2);
        assert_eq!(
            d.kinds,
            BTreeMap::from([(Kind::Klarifikasi, 1), (Kind::UmpanBalik, 1)])
        );
        assert_eq!(
            d.follow_ups,
            [
                FollowUp {
                    kind: FollowUpKind::Coaching,
                    done: true
                },
                FollowUp {
                    kind: FollowUpKind::Training,
                    done: false
                }
            ]
        );
        assert_eq!(
            d.ack,
            BTreeMap::from([(Ack::Confirmed, 1), (Ack::Commented, 1)])
        );
    }

    #[test]
    fn a_hidden_group_keeps_no_figure_and_stays_out_of_the_total() {
        use Rating::{DiAtas, DiBawah, Sesuai};
        let mut answers = RateeAnswers::default();
        answers.groups.extend([Group::Supervisor, Group::Peer]);
        for v in Value::ALL {
            answers.answers.push((Group::Supervisor, *v, Sesuai));
            answers.answers.push((Group::Peer, *v, DiBawah));
            answers.answers.push((Group::Peer, *v, DiAtas));
        }
        let q1 = Period::parse("2027-q1").unwrap();
        let f = RoundFigures::of(3, q1, &answers, 3);
        assert_eq!(f.values.len(), Value::ALL.len());
        for v in &f.values {
            // Subordinates and self were not asked: left out.
            assert_eq!(v.groups.len(), 2);
            assert_eq!(v.groups[1].group, Group::Peer);
            assert_eq!(v.groups[1].counts, None);
            assert_eq!(
                v.total,
                Counts {
                    di_bawah: 0,
                    sesuai: 1,
                    di_atas: 0
                }
            );
        }
        let json = serde_json::to_string(&f).unwrap();
        assert!(json.contains(r#"{"group":"peer","counts":null}"#), "{json}");
        assert!(!json.contains(r#""di_bawah":1"#), "{json}");
    }
}
