//! Finding people at the desk: one folding for stored names and typed queries, and a
//! ranked search index. (Being written: the signatures below are the contract.)

/// Folds text to its search key: lower case, every alphabet and keyboard variant of a
/// Kazakh or Russian name to one spelling, words separated by single spaces.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}
