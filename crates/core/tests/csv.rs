//! CSV import/export tests.
