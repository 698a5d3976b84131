//! The results' buttons, all under the `fr` prefix.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// The employee's own results of closed rounds.
    Mine,
    /// The supervisor's subordinates, to see their results.
    Team,
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::Mine => "fr:mine".into(),
            Self::Team => "fr:team".into(),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        if kind != "fr" {
            return None;
        }
        match rest {
            "mine" => Some(Self::Mine),
            "team" => Some(Self::Team),
            _ => None,
        }
    }
}
