//! Participant lists as CSV: import mapping and export. (Being written.)
