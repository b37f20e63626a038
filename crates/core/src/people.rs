//! Rules about people at registration: phone numbers (E.164), Kazakhstan's IIN, and
//! possible duplicates.
//!
//! # Phone numbers
//!
//! [`normalize_phone`] turns a number as typed at the desk or found in a spreadsheet
//! into E.164 (`+77012345678`). It accepts spaces, dashes, dots and parentheses, a
//! leading `+`, the `00` and the old `8~10` international prefixes, Kazakhstan's (and
//! Russia's) domestic trunk prefix `8` (`8 701 234 56 78`), a national number without
//! it (`701 234 5678`), and a whole number whose `+` a spreadsheet dropped
//! (`77012345678`, `996555123456`).
//!
//! Country code 7 is shared by Kazakhstan and Russia. A +7 number always has exactly
//! 10 national digits; the first of them tells the country:
//!
//! | national number | country, kind ([`phone_kind`]) |
//! |---|---|
//! | 70x, 77x (the mobile blocks of the Kazakh plan), 747, 760–764, 785 | Kazakhstan, [`PhoneKind::KzMobile`] |
//! | any other 6xx or 7xx: geographic 710–729 (7172 Astana, 727 Almaty, …), non-geographic 75x (VoIP), reserved 6xx | Kazakhstan, [`PhoneKind::KzLandline`] |
//! | 3xx, 4xx, 8xx, 9xx | Russia, [`PhoneKind::Russia`] |
//! | 0xx, 1xx, 2xx, 5xx | nobody: refused ([`PhoneError::UnassignedPlus7`]) |
//!
//! The mobile list follows the Kazakh numbering plan (mobile numbers in the 70x and 77x
//! blocks) and the ranges libphonenumber lists as mobile (747 Tele2, 760–764, 785).
//! Codes in use (libphonenumber, 2025): 700–702, 705–708, 747, 760–764, 771, 775–778,
//! 785. Unassigned codes of the two mobile blocks (703, 704, 709, 770, 772–774, 779)
//! count as mobile so that codes the plan adds later are classed right. 750/751 are
//! VoIP services, not mobiles. Landlines are accepted: the app only stores the number.
//!
//! Any other number needs a country code from the ITU list (see `COUNTRY_CODES`; the
//! non-personal global services 800, 808 and 979 are left out) and 8 to 15 digits in
//! all. A few countries whose numbers all have one length — the neighbours whose
//! delegations come most often — are checked exactly (see `NATIONAL_LENGTHS`).
//!
//! # IIN
//!
//! [`check_iin`] checks Kazakhstan's individual identification number (ЖСН / ИИН):
//! `YYMMDD`, a digit for the century and sex (1/2: 1800s male/female, 3/4: 1900s,
//! 5/6: 2000s), four serial digits and a check digit (weights 1…11 mod 11; on 10,
//! weights 3…11, 1, 2; on 10 again the number cannot be valid).
//!
//! Two caveats, both known and accepted:
//! - Since government decree No. 853 (2013) the IIN is officially no longer bound to
//!   personal data, and the Ministry of Justice has stated that an IIN that does not
//!   match the birth date is not an error. Such IINs are rare, but a UI should offer
//!   to keep a number refused with [`IinError::BirthYearMismatch`] (check it again
//!   with `birth_year: None`).
//! - The check digit does not protect the 11th digit (its weight 11 is 0 mod 11), so a
//!   typo there usually passes.
//!
//! # Duplicates
//!
//! [`DuplicateIndex`] finds stored people who may be a new one: same IIN (strongest),
//! same phone, or same name (words in any order, compared by [`name_key`]) unless both
//! have birth years and they differ.

use crate::model::Participant;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use uuid::Uuid;

// ---------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------

/// Why a phone number was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("the phone number is empty")]
    Empty,
    /// A `+` somewhere other than at the start, or twice.
    #[error("the phone number is not valid: a + may only stand at its start")]
    Invalid,
    /// A character that is neither a digit nor a separator (space, dash, dot,
    /// parenthesis): a letter, an extension (`доб. 12`), a slash.
    #[error("the phone number contains '{0}', which is not part of a phone number")]
    UnexpectedCharacter(char),
    #[error("the phone number is too short")]
    TooShort,
    #[error("the phone number is too long")]
    TooLong,
    /// No `+`, no `00`/`8` prefix, and not a Kazakh number: a foreign number must be
    /// typed with its country code.
    #[error("the phone number needs its country code, starting with +")]
    MissingCountryCode,
    /// The digits after `+` (or `00`) do not start with a country code.
    #[error("the phone number does not start with a known country code")]
    UnknownCountry,
    /// `+7` followed by 0, 1, 2 or 5: no such numbers in Kazakhstan or Russia.
    #[error("no numbers in Kazakhstan or Russia start with +7 0, +7 1, +7 2 or +7 5")]
    UnassignedPlus7,
    /// `+8 701 …`: the domestic prefix 8 typed after a `+`.
    #[error("+8 is not a country code: write +7, or 8 without the +")]
    PlusEight,
}

/// What kind of line an E.164 number is, so the UI can show it (and know whether an
/// SMS can reach it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneKind {
    /// A Kazakh mobile number (70x, 77x, 747, 760–764, 785).
    KzMobile,
    /// Any other Kazakh number: a geographic landline (710–729) or a non-geographic
    /// service (75x) or a reserved 6xx/7xx range.
    KzLandline,
    /// A Russian number (+7 3xx, 4xx, 8xx, 9xx).
    Russia,
    /// Any other country (and anything that is not a +7 number of 10 national digits).
    Foreign,
}

/// ITU-T E.164 country codes in use for people's phones, sorted as strings (the set is
/// prefix-free, as E.164 requires). Left out: 800 and 808 (international freephone,
/// shared cost), 979 (premium rate), 888 and 991 (withdrawn trials), 388 (withdrawn),
/// 997 (reserved for Kazakhstan, not in use).
#[rustfmt::skip]
const COUNTRY_CODES: &[&str] = &[
    // North American Numbering Plan: USA, Canada, Caribbean.
    "1",
    // Egypt, South Sudan, Morocco, Algeria, Tunisia, Libya.
    "20", "211", "212", "213", "216", "218",
    // Gambia … Benin; Mauritius … São Tomé.
    "220", "221", "222", "223", "224", "225", "226", "227", "228", "229",
    "230", "231", "232", "233", "234", "235", "236", "237", "238", "239",
    // Equatorial Guinea … Sudan; Rwanda … Mozambique.
    "240", "241", "242", "243", "244", "245", "246", "247", "248", "249",
    "250", "251", "252", "253", "254", "255", "256", "257", "258",
    // Zambia … Comoros; South Africa.
    "260", "261", "262", "263", "264", "265", "266", "267", "268", "269",
    "27",
    // St Helena, Eritrea, Aruba, Faroes, Greenland.
    "290", "291", "297", "298", "299",
    // Greece, Netherlands, Belgium, France, Spain; Gibraltar … Bulgaria; Hungary.
    "30", "31", "32", "33", "34",
    "350", "351", "352", "353", "354", "355", "356", "357", "358", "359",
    "36",
    // Lithuania … Vatican (373 Moldova, 374 Armenia, 375 Belarus); Ukraine, Balkans.
    "370", "371", "372", "373", "374", "375", "376", "377", "378", "379",
    "380", "381", "382", "383", "385", "386", "387", "389",
    // Italy, Romania, Switzerland, Czechia, Slovakia, Liechtenstein.
    "39", "40", "41", "420", "421", "423",
    // Austria, UK, Denmark, Sweden, Norway, Poland, Germany.
    "43", "44", "45", "46", "47", "48", "49",
    // Central and South America.
    "500", "501", "502", "503", "504", "505", "506", "507", "508", "509",
    "51", "52", "53", "54", "55", "56", "57", "58",
    "590", "591", "592", "593", "594", "595", "596", "597", "598", "599",
    // Malaysia, Australia, Indonesia, Philippines, New Zealand, Singapore, Thailand.
    "60", "61", "62", "63", "64", "65", "66",
    // Oceania.
    "670", "672", "673", "674", "675", "676", "677", "678", "679",
    "680", "681", "682", "683", "685", "686", "687", "688", "689",
    "690", "691", "692",
    // Russia and Kazakhstan.
    "7",
    // Japan, South Korea, Vietnam; North Korea, Hong Kong, Macau, Cambodia, Laos; China.
    "81", "82", "84",
    "850", "852", "853", "855", "856",
    "86",
    // Inmarsat; Bangladesh, satellite services, international networks, Taiwan.
    "870",
    "880", "881", "882", "883", "886",
    // Turkey, India, Pakistan, Afghanistan, Sri Lanka, Myanmar.
    "90", "91", "92", "93", "94", "95",
    // Maldives … Oman; Palestine … Nepal (976 Mongolia); Iran.
    "960", "961", "962", "963", "964", "965", "966", "967", "968",
    "970", "971", "972", "973", "974", "975", "976", "977",
    "98",
    // Tajikistan, Turkmenistan, Azerbaijan, Georgia, Kyrgyzstan, Uzbekistan.
    "992", "993", "994", "995", "996", "998",
];

/// Countries whose numbers (those a person would give) all have the same number of
/// digits after the country code.
const NATIONAL_LENGTHS: &[(&str, usize)] = &[
    ("1", 10),  // NANP
    ("7", 10),  // Russia, Kazakhstan
    ("90", 10), // Turkey
    ("373", 8), // Moldova
    ("374", 8), // Armenia
    ("375", 9), // Belarus
    ("380", 9), // Ukraine
    ("992", 9), // Tajikistan
    ("993", 8), // Turkmenistan
    ("994", 9), // Azerbaijan
    ("995", 9), // Georgia
    ("996", 9), // Kyrgyzstan
    ("998", 9), // Uzbekistan
];

/// E.164: at most 15 digits. Fewer than 8 is not a number a person would give (this
/// refuses the 7-digit numbers of Niue and Tokelau).
const MIN_DIGITS: usize = 8;
const MAX_DIGITS: usize = 15;

fn is_separator(ch: char) -> bool {
    ch.is_whitespace()
        || matches!(
            ch,
            '-' | '.' | '(' | ')' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}'
        )
}

/// A phone number as typed (`8 701 234 56 78`, `+7 (701) 234-56-78`, `+49 30 1234567`)
/// in E.164 form (`+77012345678`). See the [module documentation](self) for the rules.
pub fn normalize_phone(input: &str) -> Result<String, PhoneError> {
    let mut digits = String::with_capacity(16);
    let mut plus = false;
    for ch in input.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
        } else if ch == '+' {
            if plus || !digits.is_empty() {
                return Err(PhoneError::Invalid);
            }
            plus = true;
        } else if !is_separator(ch) {
            return Err(PhoneError::UnexpectedCharacter(ch));
        }
    }
    if digits.is_empty() {
        return Err(if plus {
            PhoneError::TooShort
        } else {
            PhoneError::Empty
        });
    }
    if plus {
        return international(&digits);
    }
    if let Some(rest) = digits.strip_prefix("00") {
        return international(rest);
    }
    // The CIS international prefix 8~10: 8 10 996 555 123456.
    if digits.len() > 11 {
        if let Some(rest) = digits.strip_prefix("810") {
            return international(rest);
        }
    }
    domestic(&digits)
}

/// Digits typed without `+` or `00`.
fn domestic(digits: &str) -> Result<String, PhoneError> {
    let n = digits.len();
    match digits.as_bytes()[0] {
        // Trunk prefix 8, or 7 as the country code without its +.
        b'8' | b'7' if n == 11 => plus7(&digits[1..]),
        // A Kazakh national number without the trunk prefix: 701 234 5678.
        b'7' if n == 10 => plus7(digits),
        b'8' if n < 11 => Err(PhoneError::TooShort),
        b'7' if n < 10 => Err(PhoneError::TooShort),
        b'8' | b'7' => Err(PhoneError::TooLong),
        // A whole international number whose + was lost (spreadsheets drop it).
        b'1'..=b'9' if n >= 11 && country_code_prefix(digits).is_some() => international(digits),
        _ if n < MIN_DIGITS => Err(PhoneError::TooShort),
        _ => Err(PhoneError::MissingCountryCode),
    }
}

/// Digits after `+` (or an international prefix): country code and national number.
fn international(digits: &str) -> Result<String, PhoneError> {
    if digits.is_empty() {
        return Err(PhoneError::TooShort);
    }
    // `+8 701 234 56 78`: 8 and a +7 national number (first digit 3, 4, 6–9). The only
    // country code starting with 87 is Inmarsat's 870, whose numbers have 12 digits; an
    // 8 followed by a country code (+84 Vietnam, +86 China, …) is taken as that code.
    if digits.len() == 11
        && digits.starts_with('8')
        && matches!(digits.as_bytes()[1], b'3' | b'4' | b'6'..=b'9')
        && (digits.starts_with("87") || country_code_prefix(digits).is_none())
    {
        return Err(PhoneError::PlusEight);
    }
    if let Some(national) = digits.strip_prefix('7') {
        return plus7(national);
    }
    let code = country_code_prefix(digits).ok_or(PhoneError::UnknownCountry)?;
    if digits.len() < MIN_DIGITS {
        return Err(PhoneError::TooShort);
    }
    if digits.len() > MAX_DIGITS {
        return Err(PhoneError::TooLong);
    }
    if let Some(&(_, len)) = NATIONAL_LENGTHS.iter().find(|(c, _)| *c == code) {
        let national = digits.len() - code.len();
        if national < len {
            return Err(PhoneError::TooShort);
        }
        if national > len {
            return Err(PhoneError::TooLong);
        }
    }
    Ok(format!("+{digits}"))
}

/// The 10 national digits of a +7 number.
fn plus7(national: &str) -> Result<String, PhoneError> {
    match national.as_bytes().first() {
        None => return Err(PhoneError::TooShort),
        Some(b'0' | b'1' | b'2' | b'5') => return Err(PhoneError::UnassignedPlus7),
        Some(_) => {}
    }
    match national.len() {
        n if n < 10 => Err(PhoneError::TooShort),
        10 => Ok(format!("+7{national}")),
        _ => Err(PhoneError::TooLong),
    }
}

/// The country code that `digits` (without `+`) starts with.
fn country_code_prefix(digits: &str) -> Option<&'static str> {
    (1..=3.min(digits.len())).find_map(|len| {
        let prefix = &digits[..len];
        COUNTRY_CODES
            .binary_search(&prefix)
            .ok()
            .map(|i| COUNTRY_CODES[i])
    })
}

/// The country calling code of an E.164 number (`"+996555123456"` → `"996"`), or
/// `None` if it does not start with `+` and a known code.
pub fn country_code(e164: &str) -> Option<&'static str> {
    e164.strip_prefix('+').and_then(country_code_prefix)
}

/// What kind of line an E.164 number (as made by [`normalize_phone`]) is.
pub fn phone_kind(e164: &str) -> PhoneKind {
    let Some(national) = e164.strip_prefix("+7") else {
        return PhoneKind::Foreign;
    };
    let b = national.as_bytes();
    if b.len() != 10 || !b.iter().all(u8::is_ascii_digit) {
        return PhoneKind::Foreign;
    }
    match (b[0], b[1], b[2]) {
        (b'7', b'0' | b'7', _) => PhoneKind::KzMobile,
        (b'7', b'4', b'7') | (b'7', b'8', b'5') => PhoneKind::KzMobile,
        (b'7', b'6', b'0'..=b'4') => PhoneKind::KzMobile,
        (b'6' | b'7', _, _) => PhoneKind::KzLandline,
        (b'3' | b'4' | b'8' | b'9', _, _) => PhoneKind::Russia,
        _ => PhoneKind::Foreign,
    }
}

// ---------------------------------------------------------------------------------
// IIN
// ---------------------------------------------------------------------------------

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
    /// A letter or symbol (spaces are allowed).
    #[error("the IIN may only contain digits")]
    NotDigits,
    /// The 7th digit (century and sex) is not 1–6.
    #[error("the IIN's 7th digit must be 1 to 6")]
    CenturyDigit,
}

/// Weights of the first pass of the IIN check digit.
const IIN_WEIGHTS_1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/// Weights of the second pass, used when the first gives 10.
const IIN_WEIGHTS_2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit of the first 11 digits of an IIN (or BIN), or `None` when both
/// passes give 10: no IIN starts with these digits.
pub fn iin_check_digit(first11: &[u8; 11]) -> Option<u8> {
    let pass = |weights: &[u32; 11]| {
        let sum: u32 = first11
            .iter()
            .zip(weights)
            .map(|(&d, &w)| u32::from(d) * w)
            .sum();
        (sum % 11) as u8
    };
    match pass(&IIN_WEIGHTS_1) {
        10 => match pass(&IIN_WEIGHTS_2) {
            10 => None,
            c => Some(c),
        },
        c => Some(c),
    }
}

/// The 12 digit values of an IIN as typed (whitespace allowed).
fn iin_digits(input: &str) -> Result<[u8; 12], IinError> {
    let mut digits = [0u8; 12];
    let mut n = 0;
    for ch in input.chars() {
        if ch.is_whitespace() {
            continue;
        }
        let d = ch.to_digit(10).filter(|_| ch.is_ascii_digit());
        let Some(d) = d else {
            return Err(IinError::NotDigits);
        };
        if n < 12 {
            digits[n] = d as u8;
        }
        n += 1;
    }
    if n != 12 {
        return Err(IinError::Length);
    }
    Ok(digits)
}

/// The birth date encoded in an IIN's first 7 digits.
fn iin_date(d: &[u8; 12]) -> Result<NaiveDate, IinError> {
    let century = match d[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return Err(IinError::CenturyDigit),
    };
    let year = century + i32::from(d[0] * 10 + d[1]);
    let month = u32::from(d[2] * 10 + d[3]);
    let day = u32::from(d[4] * 10 + d[5]);
    NaiveDate::from_ymd_opt(year, month, day).ok_or(IinError::BadDate)
}

/// Checks an IIN as typed (spaces allowed) and returns its 12 digits.
///
/// Checked in this order: digits only, 12 of them, the century digit (1–6), the date of
/// birth, the check digit, and, when `birth_year` is given, that the IIN's birth year
/// equals it. See the [module documentation](self) for why a UI should let a
/// [`IinError::BirthYearMismatch`] be overridden.
pub fn check_iin(input: &str, birth_year: Option<i32>) -> Result<String, IinError> {
    let d = iin_digits(input)?;
    let date = iin_date(&d)?;
    let mut first11 = [0u8; 11];
    first11.copy_from_slice(&d[..11]);
    if iin_check_digit(&first11) != Some(d[11]) {
        return Err(IinError::CheckDigit);
    }
    if birth_year.is_some_and(|y| y != date.year()) {
        return Err(IinError::BirthYearMismatch);
    }
    Ok(d.iter().map(|&x| char::from(b'0' + x)).collect())
}

/// The date of birth in a valid IIN (as typed, spaces allowed), to prefill a form;
/// `None` if [`check_iin`] refuses it.
pub fn iin_birth_date(input: &str) -> Option<NaiveDate> {
    let d = iin_digits(input).ok()?;
    check_iin(input, None).ok()?;
    iin_date(&d).ok()
}

// ---------------------------------------------------------------------------------
// Duplicates
// ---------------------------------------------------------------------------------

/// Why a person may already be registered. The derived order is strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DuplicateReason {
    SameIin,
    SamePhone,
    SameName,
}

/// The key two names are compared by: [`crate::search::fold`] of the name, its words
/// sorted, so "Оқасова Ақбота" and "Ақбота Оқасова" have the same key. Empty for a
/// blank name.
pub fn name_key(full_name: &str) -> String {
    let folded = crate::search::fold(full_name);
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    words.sort_unstable();
    words.join(" ")
}

/// The key of a stored IIN: its characters without whitespace.
fn iin_key(iin: &str) -> Option<String> {
    let key: String = iin.chars().filter(|c| !c.is_whitespace()).collect();
    (!key.is_empty()).then_some(key)
}

/// The key of a phone: its E.164 form, or, for a number [`normalize_phone`] refuses,
/// its digits and `+` (so the same odd number still matches itself).
fn phone_key(phone: &str) -> Option<String> {
    let key = normalize_phone(phone).unwrap_or_else(|_| {
        phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect()
    });
    (!key.is_empty()).then_some(key)
}

/// Stored people, indexed to find possible duplicates of a new one quickly: each check
/// is three hash look-ups, whatever the number of people.
#[derive(Debug, Clone, Default)]
pub struct DuplicateIndex {
    by_iin: HashMap<String, Vec<Uuid>>,
    by_phone: HashMap<String, Vec<Uuid>>,
    /// Name key → (id, birth year).
    by_name: HashMap<String, Vec<(Uuid, Option<i32>)>>,
}

impl DuplicateIndex {
    /// Indexes `people`, skipping tombstoned ones.
    pub fn new<'a>(people: impl IntoIterator<Item = &'a Participant>) -> Self {
        let mut index = Self::default();
        for person in people {
            index.insert(person);
        }
        index
    }

    /// Adds one more person (unless tombstoned), e.g. a row just accepted from the CSV
    /// file being imported, so later rows are checked against it too. Adding a newer
    /// version of someone already indexed keeps the old version's keys as well.
    pub fn insert(&mut self, person: &Participant) {
        if person.meta.deleted {
            return;
        }
        let id = person.meta.id;
        if let Some(key) = person.iin.as_deref().and_then(iin_key) {
            self.by_iin.entry(key).or_default().push(id);
        }
        if let Some(key) = person.phone.as_deref().and_then(phone_key) {
            self.by_phone.entry(key).or_default().push(id);
        }
        let key = name_key(&person.full_name);
        if !key.is_empty() {
            self.by_name
                .entry(key)
                .or_default()
                .push((id, person.birth_year));
        }
    }

    /// Live stored people who may be `candidate`, strongest reason first (then by id),
    /// each once with its strongest reason; never `candidate` itself (same id).
    ///
    /// Same name counts unless both have a birth year and the years differ.
    pub fn matches(&self, candidate: &Participant) -> Vec<(Uuid, DuplicateReason)> {
        let mut found: HashMap<Uuid, DuplicateReason> = HashMap::new();
        let mut add = |id: Uuid, reason: DuplicateReason| {
            if id != candidate.meta.id {
                found
                    .entry(id)
                    .and_modify(|r| *r = (*r).min(reason))
                    .or_insert(reason);
            }
        };
        if let Some(ids) = candidate
            .iin
            .as_deref()
            .and_then(iin_key)
            .and_then(|k| self.by_iin.get(&k))
        {
            ids.iter().for_each(|&id| add(id, DuplicateReason::SameIin));
        }
        if let Some(ids) = candidate
            .phone
            .as_deref()
            .and_then(phone_key)
            .and_then(|k| self.by_phone.get(&k))
        {
            ids.iter()
                .for_each(|&id| add(id, DuplicateReason::SamePhone));
        }
        let key = name_key(&candidate.full_name);
        if let Some(entries) = (!key.is_empty()).then(|| self.by_name.get(&key)).flatten() {
            for &(id, year) in entries {
                let years_differ =
                    matches!((year, candidate.birth_year), (Some(a), Some(b)) if a != b);
                if !years_differ {
                    add(id, DuplicateReason::SameName);
                }
            }
        }
        let mut out: Vec<(Uuid, DuplicateReason)> = found.into_iter().collect();
        out.sort_unstable_by_key(|&(id, reason)| (reason, id));
        out
    }
}

/// Live people in `people` who may be `candidate` (see [`DuplicateIndex::matches`]).
/// To check many candidates, build a [`DuplicateIndex`] once instead.
pub fn possible_duplicates(
    candidate: &Participant,
    people: &[Participant],
) -> Vec<(Uuid, DuplicateReason)> {
    DuplicateIndex::new(people).matches(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_sorted_unique_and_prefix_free() {
        for pair in COUNTRY_CODES.windows(2) {
            assert!(pair[0] < pair[1], "{} before {}", pair[0], pair[1]);
        }
        for a in COUNTRY_CODES {
            assert!(a.chars().all(|c| c.is_ascii_digit()) && (1..=3).contains(&a.len()));
            for b in COUNTRY_CODES {
                assert!(a == b || !b.starts_with(a), "{a} is a prefix of {b}");
            }
        }
        for (code, _) in NATIONAL_LENGTHS {
            assert!(COUNTRY_CODES.contains(code), "{code}");
        }
    }

    #[test]
    fn country_code_prefix_finds_each_length() {
        assert_eq!(country_code_prefix("12125550100"), Some("1"));
        assert_eq!(country_code_prefix("4930123456"), Some("49"));
        assert_eq!(country_code_prefix("996555123456"), Some("996"));
        assert_eq!(country_code_prefix("8912345678"), None);
        assert_eq!(country_code_prefix("0"), None);
    }

    #[test]
    fn iin_check_digit_of_known_numbers() {
        // 900101 3 0000 ?: 9+0+0+4+0+6+21+0+0+0+0 = 40, 40 mod 11 = 7.
        assert_eq!(iin_check_digit(&[9, 0, 0, 1, 0, 1, 3, 0, 0, 0, 0]), Some(7));
    }
}
