//! One file per flow. Handlers parse nothing and hold no rules: they call storage and the domain
//! and reply from the catalogue.

pub mod audience;
pub mod broadcast;
pub mod cancel;
pub mod deadline;
pub mod deadline_edit;
pub mod fallback;
pub mod help;
pub mod invite;
pub mod language;
pub mod org_views;
pub mod start;
pub mod unit_pages;
pub mod upload;
