//! Pieces of chat that several features use: the audience picker and unit buttons a page at a
//! time. A widget knows nothing of the features that use it; the router hands its result on.

pub mod audience;
pub mod predikat_names;
pub mod unit_pages;
