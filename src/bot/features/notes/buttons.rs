//! Open notes' and ekspektasi khusus's buttons, all under the `fn` prefix.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// Start writing a note to a colleague.
    New,
    /// The notes this employee received this period.
    Received,
    /// The supervisor's ekspektasi khusus for their subordinates.
    Expectations,
}

impl Button {
    pub fn encode(&self) -> String {
        match self {
            Self::New => "fn:new".into(),
            Self::Received => "fn:received".into(),
            Self::Expectations => "fn:exp".into(),
        }
    }

    pub fn parse(kind: &str, rest: &str) -> Option<Self> {
        if kind != "fn" {
            return None;
        }
        match rest {
            "new" => Some(Self::New),
            "received" => Some(Self::Received),
            "exp" => Some(Self::Expectations),
            _ => None,
        }
    }
}
