//! One module per feature, each owning its button enum (a variant of the one codec), its
//! conversation states (a variant of the one conversation) and its handlers. A feature never
//! calls another feature's handlers; the router hands results across (the audience picker's
//! choice to the broadcast or the deadline it was for).

pub mod account;
pub mod broadcast;
pub mod calendar;
pub mod deadline;
pub mod dialog;
pub mod feedback;
pub mod feedback_results;
pub mod notes;
pub mod organisation;
pub mod period_export;
pub mod periods;
pub mod predikat;
pub mod reports;
