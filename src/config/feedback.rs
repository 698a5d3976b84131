//! The `[feedback]` section: how raters are sampled for a 360 round, when non-responders are
//! reminded, and how much open feedback one person may send. How small a group may be shown is
//! `thresholds.feedback_min_group_size`, read through `FileConfig::feedback_min_group`.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Feedback {
    /// Peers (others with the same supervisor) sampled per ratee.
    pub max_peers: u32,
    /// Subordinates sampled per ratee.
    pub max_subordinates: u32,
    /// Whether each ratee also rates themself (shown beside, never in the total).
    pub include_self: bool,
    /// Days before a round's last day on which raters with open assignments are reminded
    /// (moved back to the working day before when it falls on a weekend or a holiday).
    pub reminder_days_before_close: Vec<u32>,
    /// The time of day of the opening messages and the reminders, "HH:MM" organisation time.
    pub reminder_time: String,
    /// Open feedback notes one person may send per day.
    pub notes_per_day: u32,
}

impl Default for Feedback {
    fn default() -> Self {
        Self {
            max_peers: 5,
            max_subordinates: 5,
            include_self: false,
            reminder_days_before_close: vec![3, 1],
            reminder_time: "09:00".into(),
            notes_per_day: 5,
        }
    }
}

impl Feedback {
    pub fn reminder_time(&self) -> NaiveTime {
        NaiveTime::parse_from_str(&self.reminder_time, "%H:%M")
            .unwrap_or(NaiveTime::MIN + chrono::Duration::hours(9))
    }

    pub(super) fn check(&self) -> Result<(), String> {
        for (key, v) in [
            ("feedback.max_peers", self.max_peers),
            ("feedback.max_subordinates", self.max_subordinates),
        ] {
            if v > 50 {
                return Err(format!("{key} = {v} is out of range: allowed 0 to 50"));
            }
        }
        if let Some(d) = self.reminder_days_before_close.iter().find(|d| **d > 60) {
            return Err(format!(
                "feedback.reminder_days_before_close holds {d}: allowed 0 to 60 (0 is the last day)"
            ));
        }
        if NaiveTime::parse_from_str(&self.reminder_time, "%H:%M").is_err() {
            return Err(format!(
                "feedback.reminder_time = {:?} is not a time; expected \"HH:MM\", e.g. \"09:00\"",
                self.reminder_time
            ));
        }
        if !(1..=100).contains(&self.notes_per_day) {
            return Err(format!(
                "feedback.notes_per_day = {} is out of range: allowed 1 to 100",
                self.notes_per_day
            ));
        }
        Ok(())
    }
}

impl super::FileConfig {
    /// The fewest answers a peer or subordinate group needs to be shown: the configured
    /// threshold, never below the anonymity rule's 3.
    pub fn feedback_min_group(&self) -> usize {
        crate::domain::anonymity::min_group(self.thresholds.feedback_min_group_size)
    }
}

#[cfg(test)]
mod tests {
    use crate::config::FileConfig;

    #[test]
    fn defaults_and_a_minimum_group_below_three_is_refused() {
        let cfg = FileConfig::from_toml("").unwrap();
        assert_eq!(cfg.feedback.max_peers, 5);
        assert_eq!(cfg.feedback_min_group(), 3);
        assert_eq!(cfg.feedback.reminder_days_before_close, vec![3, 1]);
        let err = FileConfig::from_toml("[thresholds]\nfeedback_min_group_size = 2\n").unwrap_err();
        assert!(err.contains("feedback_min_group_size"), "{err}");
        let cfg = FileConfig::from_toml("[thresholds]\nfeedback_min_group_size = 5\n").unwrap();
        assert_eq!(cfg.feedback_min_group(), 5);
        let err = FileConfig::from_toml("[feedback]\nreminder_time = \"sore\"\n").unwrap_err();
        assert!(err.contains("feedback.reminder_time"), "{err}");
    }
}
