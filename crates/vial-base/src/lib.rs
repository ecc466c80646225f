//! The ground every stage of vial stands on: diagnostics (what went wrong,
//! where, and how to fix it), progress reports, and small helpers on words
//! and numbers.

pub mod diagnostic;
pub mod progress;
pub mod text;
pub mod varint;
