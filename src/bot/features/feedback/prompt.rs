//! The rater's list of colleagues to rate: the opening message (queued by the scheduler or at
//! creation) and the list shown on `/feedback`.
