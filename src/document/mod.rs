//! Stage 4: the model of each document, once, for every renderer.
//!
//! After [`crate::resolve`], each document is walked once in reading order
//! into a [`Document`]: its parts (overview, sections, plan, outcomes,
//! performance) and its measures, each holding what a reader is shown of
//! it, with every address worked out. The site's pages
//! ([`crate::render`]) and every alternative format ([`crate::export`])
//! are made from this one model, so they list the same things in the same
//! order.

pub mod archive;
pub mod chart;
pub mod layout;
pub mod markdown;
pub mod performance;
pub mod views;
