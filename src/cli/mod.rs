//! Parts of the `vial` command line (the binary, not the library).

pub mod watcher;
