//! Rules about people at registration: phone numbers (E.164), Kazakhstan's IIN, and
//! possible duplicates. (Being written: the signatures below are the contract.)

use crate::model::Participant;
use uuid::Uuid;

/// Why a phone number was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("the phone number is empty")]
    Empty,
    #[error("the phone number is not valid")]
    Invalid,
}

/// A phone number as typed (`8 701 234 56 78`, `+7 (701) 234-56-78`, `+49 30 1234567`)
/// in E.164 form (`+77012345678`).
pub fn normalize_phone(input: &str) -> Result<String, PhoneError> {
    let _ = input;
    unimplemented!()
}

/// Why an IIN was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IinError {
    #[error("the IIN must have 12 digits")]
    Length,
    #[error("the IIN's check digit is wrong")]
    CheckDigit,
    #[error("the IIN's date of birth is not a date")]
    BadDate,
    #[error("the IIN does not match the birth year")]
    BirthYearMismatch,
}

/// Checks an IIN as typed (spaces allowed) and returns its 12 digits.
pub fn check_iin(input: &str, birth_year: Option<i32>) -> Result<String, IinError> {
    let _ = (input, birth_year);
    unimplemented!()
}

/// Why a person may already be registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DuplicateReason {
    SameIin,
    SamePhone,
    SameName,
}

/// Stored people, indexed to find possible duplicates of a new one quickly.
pub struct DuplicateIndex {
    _private: (),
}

impl DuplicateIndex {
    pub fn new<'a>(people: impl IntoIterator<Item = &'a Participant>) -> Self {
        let _ = people.into_iter();
        unimplemented!()
    }

    /// Live stored people who may be `candidate`, strongest reason first.
    pub fn matches(&self, candidate: &Participant) -> Vec<(Uuid, DuplicateReason)> {
        let _ = candidate;
        unimplemented!()
    }
}
