//! Phone numbers, IINs and possible duplicates (`jiyn_core::people`): tables of known
//! cases and property tests against small reference implementations written here.

use chrono::{Datelike, NaiveDate};
use jiyn_core::people::*;
use jiyn_core::*;
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};
use std::time::Instant;
use uuid::Uuid;

// ---------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------

#[test]
fn phones_that_normalize() {
    let cases = [
        // Kazakh mobiles in every usual spelling.
        ("8 701 234 56 78", "+77012345678"),
        ("+7 (701) 234-56-78", "+77012345678"),
        ("87012345678", "+77012345678"),
        ("77012345678", "+77012345678"),
        ("7012345678", "+77012345678"),
        ("701 234 5678", "+77012345678"),
        ("701.234.56.78", "+77012345678"),
        ("  +7 701 234 56 78  ", "+77012345678"),
        ("+7\u{a0}701\u{a0}234\u{a0}56\u{a0}78", "+77012345678"),
        ("8 701–234–56–78", "+77012345678"),
        ("007 701 234 56 78", "+77012345678"),
        ("8 (777) 123-45-67", "+77771234567"),
        ("+7 747 123 4567", "+77471234567"),
        ("7701234567", "+77701234567"),
        // Kazakh landlines: Astana, Almaty.
        ("8 (7172) 12-34-56", "+77172123456"),
        ("8 727 123 4567", "+77271234567"),
        // Russia shares +7.
        ("+7 916 123-45-67", "+79161234567"),
        ("8 916 123 45 67", "+79161234567"),
        ("+7 (495) 123-45-67", "+74951234567"),
        // Neighbours and other delegations.
        ("+996 555 123 456", "+996555123456"),
        ("00996555123456", "+996555123456"),
        ("8 10 996 555 123456", "+996555123456"),
        ("996555123456", "+996555123456"),
        ("+998 90 123 45 67", "+998901234567"),
        ("+992 93 123 4567", "+992931234567"),
        ("+993 65 123456", "+99365123456"),
        ("+994 50 123 45 67", "+994501234567"),
        ("+375 29 123-45-67", "+375291234567"),
        ("+90 532 123 45 67", "+905321234567"),
        ("905321234567", "+905321234567"),
        ("+86 138 1234 5678", "+8613812345678"),
        ("+49 30 1234567", "+49301234567"),
        ("+49 1512 3456789", "+4915123456789"),
        ("+1 (212) 555-0100", "+12125550100"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+870 773 123 456", "+870773123456"),
    ];
    for (input, want) in cases {
        assert_eq!(normalize_phone(input).as_deref(), Ok(want), "{input:?}");
    }
}

#[test]
fn phones_that_are_refused() {
    use PhoneError::*;
    let cases = [
        ("", Empty),
        ("   ", Empty),
        ("--", Empty),
        ("+", TooShort),
        ("00", TooShort),
        ("7+701 234 56 78", Invalid),
        ("++7 701 234 56 78", Invalid),
        ("+7 701 +234 56 78", Invalid),
        ("8 701 234 56 78 доб. 12", UnexpectedCharacter('д')),
        ("8 701 234 56 78 ext 12", UnexpectedCharacter('e')),
        ("8/701/2345678", UnexpectedCharacter('/')),
        ("7.70123E+10", UnexpectedCharacter('E')),
        ("8 701 234 56 7", TooShort),
        ("701 234 56 7", TooShort),
        ("8 701 234 56 789", TooLong),
        ("7 701 234 56 789", TooLong),
        ("+7 701 234 56 7", TooShort),
        ("+7 701 234 56 789", TooLong),
        ("+7", TooShort),
        ("+7 501 234 56 78", UnassignedPlus7),
        ("+7 001 234 56 78", UnassignedPlus7),
        ("8 101 234 56 78", UnassignedPlus7),
        ("+7 2", UnassignedPlus7),
        ("+8 701 234 56 78", PlusEight),
        ("+8 747 123 45 67", PlusEight),
        ("+8 916 123 45 67", PlusEight),
        ("+999 123 456 789", UnknownCountry),
        ("+0 701 234 56 78", UnknownCountry),
        ("+800 1234 5678", UnknownCountry),
        ("0555 123 456", MissingCountryCode),
        ("916 123 45 67", MissingCountryCode),
        ("123456", TooShort),
        ("+996 555 123 45", TooShort),
        ("+996 0555 123 456", TooLong),
        ("+998 90 123 45 6", TooShort),
        ("+993 65 1234567", TooLong),
        ("+1 212 555 010", TooShort),
        ("+49 123", TooShort),
        ("+49 1234 5678 9012 345", TooLong),
    ];
    for (input, want) in cases {
        assert_eq!(normalize_phone(input), Err(want), "{input:?}");
    }
}

#[test]
fn phone_errors_have_messages() {
    assert_eq!(
        PhoneError::UnexpectedCharacter('д').to_string(),
        "the phone number contains 'д', which is not part of a phone number"
    );
    assert!(PhoneError::PlusEight.to_string().contains("+7"));
}

#[test]
fn phone_kinds() {
    use PhoneKind::*;
    let cases = [
        ("+77002345678", KzMobile),
        ("+77012345678", KzMobile),
        ("+77051234567", KzMobile),
        ("+77081234567", KzMobile),
        ("+77091234567", KzMobile),
        ("+77471234567", KzMobile),
        ("+77601234567", KzMobile),
        ("+77641234567", KzMobile),
        ("+77711234567", KzMobile),
        ("+77771234567", KzMobile),
        ("+77781234567", KzMobile),
        ("+77851234567", KzMobile),
        ("+77172123456", KzLandline),
        ("+77271234567", KzLandline),
        ("+77122123456", KzLandline),
        ("+77501234567", KzLandline),
        ("+77511234567", KzLandline),
        ("+77651234567", KzLandline),
        ("+76001234567", KzLandline),
        ("+79161234567", Russia),
        ("+74951234567", Russia),
        ("+78001234567", Russia),
        ("+73362212345", Russia),
        ("+996555123456", Foreign),
        ("+12125550100", Foreign),
        ("+7701234567", Foreign),
        ("77012345678", Foreign),
        ("", Foreign),
    ];
    for (e164, want) in cases {
        assert_eq!(phone_kind(e164), want, "{e164}");
    }
}

#[test]
fn country_codes() {
    assert_eq!(country_code("+77012345678"), Some("7"));
    assert_eq!(country_code("+996555123456"), Some("996"));
    assert_eq!(country_code("+49301234567"), Some("49"));
    assert_eq!(country_code("+12125550100"), Some("1"));
    assert_eq!(country_code("+999123"), None);
    assert_eq!(country_code("996555123456"), None);
}

/// Kazakh mobile codes in use or in the mobile blocks.
const KZ_MOBILE_CODES: &[&str] = &[
    "700", "701", "702", "703", "704", "705", "706", "707", "708", "709", "747", "760", "761",
    "762", "763", "764", "770", "771", "775", "776", "777", "778", "785",
];

/// One national number written the way people write it.
fn spellings(national: &str) -> Vec<String> {
    let (a, b, c, d) = (
        &national[..3],
        &national[3..6],
        &national[6..8],
        &national[8..],
    );
    vec![
        format!("8 {a} {b} {c} {d}"),
        format!("8({a}){b}-{c}-{d}"),
        format!("+7 ({a}) {b}-{c}-{d}"),
        format!("+7{national}"),
        format!("7{national}"),
        format!("8{national}"),
        format!("{national}"),
        format!("{a} {b} {c}{d}"),
        format!("007 {a} {b}{c}{d}"),
        format!("+7.{a}.{b}.{c}.{d}"),
    ]
}

proptest! {
    #[test]
    fn kazakh_mobiles_normalize_in_every_spelling(
        code in proptest::sample::select(KZ_MOBILE_CODES),
        rest in 0u32..10_000_000,
    ) {
        let national = format!("{code}{rest:07}");
        let want = format!("+7{national}");
        for spelling in spellings(&national) {
            prop_assert_eq!(normalize_phone(&spelling), Ok(want.clone()), "{}", spelling);
        }
        prop_assert_eq!(phone_kind(&want), PhoneKind::KzMobile);
    }

    #[test]
    fn russian_numbers_normalize(first in proptest::sample::select(vec!['3', '4', '8', '9']), rest in 0u64..1_000_000_000) {
        let national = format!("{first}{rest:09}");
        let want = format!("+7{national}");
        prop_assert_eq!(normalize_phone(&format!("8 {national}")), Ok(want.clone()));
        prop_assert_eq!(normalize_phone(&format!("+7 {national}")), Ok(want.clone()));
        prop_assert_eq!(phone_kind(&want), PhoneKind::Russia);
    }

    /// Whatever is typed, the result is E.164 (+, a known country code, 8–15 digits)
    /// and normalizing it again changes nothing; and nothing panics.
    #[test]
    fn normalized_numbers_are_e164_and_stable(input in "[-+0-9 ().]{0,24}|\\PC{0,24}") {
        if let Ok(e164) = normalize_phone(&input) {
            let digits = e164.strip_prefix('+').expect("starts with +");
            prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{}", e164);
            prop_assert!((8..=15).contains(&digits.len()), "{}", e164);
            prop_assert!(country_code(&e164).is_some(), "{}", e164);
            prop_assert_eq!(normalize_phone(&e164), Ok(e164.clone()));
            if digits.starts_with('7') {
                prop_assert_eq!(digits.len(), 11);
                prop_assert_ne!(phone_kind(&e164), PhoneKind::Foreign);
            } else {
                prop_assert_eq!(phone_kind(&e164), PhoneKind::Foreign);
            }
        }
    }

    /// Separators never change the result.
    #[test]
    fn separators_do_not_matter(
        digits in "\\+?[0-9]{6,16}",
        seps in proptest::collection::vec(proptest::sample::select(vec![" ", "-", ".", "(", ")", "", ""]), 17),
    ) {
        let mut spaced = String::new();
        for (ch, sep) in digits.chars().zip(&seps) {
            spaced.push_str(sep);
            spaced.push(ch);
        }
        prop_assert_eq!(normalize_phone(&spaced), normalize_phone(&digits));
    }
}

// ---------------------------------------------------------------------------------
// IIN
// ---------------------------------------------------------------------------------

/// Reference check digit, written from the rule independently of the crate: weights
/// 1..11 mod 11; on 10, weights 3..11, 1, 2; on 10 again, none.
fn reference_check(first11: &[u8]) -> Option<u8> {
    let sum = |w: &[u32]| {
        first11
            .iter()
            .zip(w)
            .map(|(&d, &w)| u32::from(d) * w)
            .sum::<u32>()
            % 11
    };
    let first = sum(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if first != 10 {
        return Some(first as u8);
    }
    let second = sum(&[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    (second != 10).then_some(second as u8)
}

fn first_pass(first11: &[u8]) -> u32 {
    first11
        .iter()
        .zip(1u32..)
        .map(|(&d, w)| u32::from(d) * w)
        .sum::<u32>()
        % 11
}

fn digits_of(s: &str) -> Vec<u8> {
    s.bytes().map(|b| b - b'0').collect()
}

fn text_of(d: &[u8]) -> String {
    d.iter().map(|&x| char::from(b'0' + x)).collect()
}

/// The first 11 digits plus their check digit (None if no check digit exists).
fn with_check(first11: &str) -> Option<String> {
    assert_eq!(first11.len(), 11);
    reference_check(&digits_of(first11)).map(|c| format!("{first11}{c}"))
}

/// A valid IIN for a date, sex/century digit and serial, trying serials upwards until
/// one has a check digit.
fn iin(yymmdd: &str, century: char, serial: u32) -> String {
    (serial..serial + 20)
        .find_map(|s| with_check(&format!("{yymmdd}{century}{s:04}")))
        .unwrap()
}

#[test]
fn valid_iins() {
    let cases = [
        (iin("900101", '3', 0), 1990, (1990, 1, 1)),
        (iin("850315", '4', 1234), 1985, (1985, 3, 15)),
        (iin("991231", '3', 9876), 1999, (1999, 12, 31)),
        (iin("000229", '5', 42), 2000, (2000, 2, 29)),
        (iin("080229", '6', 7), 2008, (2008, 2, 29)),
        (iin("101010", '5', 5555), 2010, (2010, 10, 10)),
        (iin("990101", '1', 1), 1899, (1899, 1, 1)),
        (iin("640704", '2', 300), 1864, (1864, 7, 4)),
    ];
    for (iin, year, (y, m, d)) in cases {
        assert_eq!(check_iin(&iin, None), Ok(iin.clone()));
        assert_eq!(check_iin(&iin, Some(year)), Ok(iin.clone()));
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(iin_birth_date(&iin), Some(date), "{iin}");
        let spaced = format!("{} {} {}", &iin[..6], &iin[6..11], &iin[11..]);
        assert_eq!(check_iin(&spaced, Some(year)), Ok(iin.clone()));
        assert_eq!(iin_birth_date(&spaced), Some(date));
    }
    // Worked by hand: 9·1 + 1·4 + 1·6 + 3·7 = 40 ≡ 7 (mod 11).
    assert_eq!(
        check_iin("900101300007", Some(1990)),
        Ok("900101300007".into())
    );
    assert_eq!(
        check_iin(" 9001 0130 0007\t", None),
        Ok("900101300007".into())
    );
}

#[test]
fn iins_that_need_the_second_pass() {
    // Search serials of one date for a first pass of 10 with a usable second pass.
    let found = (0..10_000)
        .map(|s| format!("9505053{s:04}"))
        .find(|f| first_pass(&digits_of(f)) == 10 && reference_check(&digits_of(f)).is_some())
        .unwrap();
    let iin = with_check(&found).unwrap();
    assert_eq!(check_iin(&iin, Some(1995)), Ok(iin.clone()));
    // …and for first 11 digits with no check digit at all: every 12th digit fails.
    let unusable = (0..10_000)
        .map(|s| format!("9505053{s:04}"))
        .find(|f| reference_check(&digits_of(f)).is_none())
        .unwrap();
    for last in 0..10 {
        assert_eq!(
            check_iin(&format!("{unusable}{last}"), None),
            Err(IinError::CheckDigit)
        );
    }
}

#[test]
fn iins_that_are_refused() {
    use IinError::*;
    let good = iin("900101", '3', 0);
    let last = good.as_bytes()[11] - b'0';
    let wrong_check = format!("{}{}", &good[..11], (last + 1) % 10);
    // Check digits computed right, so only the date or century is wrong.
    let feb30 = iin("900230", '3', 0);
    let feb29_1900 = iin("000229", '3', 0);
    let month13 = iin("901301", '3', 0);
    let day0 = iin("900100", '3', 0);
    let apr31 = iin("900431", '4', 0);
    let cases = [
        (wrong_check.as_str(), None, CheckDigit),
        (feb30.as_str(), None, BadDate),
        (feb29_1900.as_str(), None, BadDate),
        (month13.as_str(), None, BadDate),
        (day0.as_str(), None, BadDate),
        (apr31.as_str(), None, BadDate),
        ("900101000000", None, CenturyDigit),
        ("900101700000", None, CenturyDigit),
        ("900101800000", None, CenturyDigit),
        ("900101900000", None, CenturyDigit),
        ("90010130000", None, Length),
        ("9001013000071", None, Length),
        ("", None, Length),
        ("   ", None, Length),
        ("90010130000A", None, NotDigits),
        ("9001-0130-0007", None, NotDigits),
        ("ИИН 900101300007", None, NotDigits),
        ("９００１０１３０００７", None, NotDigits),
        (good.as_str(), Some(1991), BirthYearMismatch),
        (good.as_str(), Some(2090), BirthYearMismatch),
        (good.as_str(), Some(1890), BirthYearMismatch),
    ];
    for (input, year, want) in cases {
        assert_eq!(check_iin(input, year), Err(want), "{input:?} {year:?}");
        assert_eq!(iin_birth_date(input).is_some(), want == BirthYearMismatch);
    }
    // A year mismatch is only checked when a year is given.
    assert_eq!(check_iin(&good, None), Ok(good.clone()));
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2099, 12, 31).unwrap();
    (0..=(last - first).num_days()).prop_map(move |d| first + chrono::Duration::days(d))
}

/// The first 11 digits of an IIN for a date, a sex and a serial.
fn first11(date: NaiveDate, female: bool, serial: u32) -> String {
    let century = match date.year() / 100 {
        18 => 1,
        19 => 3,
        _ => 5,
    } + u32::from(female);
    format!(
        "{:02}{:02}{:02}{century}{serial:04}",
        date.year() % 100,
        date.month(),
        date.day()
    )
}

proptest! {
    /// Any real date, sex and serial with the computed check digit passes, unless the
    /// rule says no check digit exists: then every 12th digit is refused.
    #[test]
    fn computed_iins_pass(date in any_date(), female in any::<bool>(), serial in 0u32..10_000) {
        let f = first11(date, female, serial);
        match with_check(&f) {
            Some(iin) => {
                prop_assert_eq!(check_iin(&iin, Some(date.year())), Ok(iin.clone()));
                prop_assert_eq!(iin_birth_date(&iin), Some(date));
            }
            None => {
                for last in 0..10 {
                    prop_assert_eq!(check_iin(&format!("{f}{last}"), None), Err(IinError::CheckDigit));
                }
            }
        }
    }

    /// What a single wrong digit does. The check digit catches a change of any of the
    /// first 10 digits or of the check digit itself whenever neither number needs the
    /// second pass. It never catches a change of the 11th digit then: its first-pass
    /// weight is 11 ≡ 0 (mod 11). (Asserting "every single-digit change fails" would be
    /// false for this algorithm.) In every case the result agrees with the reference.
    #[test]
    fn single_digit_changes(
        date in any_date(),
        female in any::<bool>(),
        serial in 0u32..10_000,
        at in 0usize..12,
        delta in 1u8..10,
    ) {
        let f = first11(date, female, serial);
        let Some(good) = with_check(&f) else { return Ok(()); };
        let mut d = digits_of(&good);
        d[at] = (d[at] + delta) % 10;
        let changed = text_of(&d);
        let result = check_iin(&changed, None);

        // Agrees with the reference: a real date, century 1–6, and the check digit.
        let century_ok = (1..=6).contains(&d[6]);
        let base = match d[6] { 1 | 2 => 1800, 3 | 4 => 1900, _ => 2000 };
        let date_ok = NaiveDate::from_ymd_opt(
            base + i32::from(d[0] * 10 + d[1]),
            u32::from(d[2] * 10 + d[3]),
            u32::from(d[4] * 10 + d[5]),
        ).is_some();
        let check_ok = reference_check(&d[..11]) == Some(d[11]);
        prop_assert_eq!(result.is_ok(), century_ok && date_ok && check_ok, "{}", changed);

        let no_second_pass = first_pass(&digits_of(&f)) != 10 && first_pass(&d[..11]) != 10;
        if at == 11 {
            prop_assert_eq!(result, Err(IinError::CheckDigit));
        } else if at == 10 {
            if no_second_pass {
                prop_assert_eq!(result, Ok(changed.clone()), "the 11th digit is not protected");
            }
        } else if no_second_pass {
            prop_assert!(result.is_err(), "{}", changed);
        }
    }
}

// ---------------------------------------------------------------------------------
// Duplicates
// ---------------------------------------------------------------------------------

fn person(
    id: u128,
    name: &str,
    phone: Option<&str>,
    iin: Option<&str>,
    birth_year: Option<i32>,
) -> Participant {
    Participant {
        meta: Meta::new(
            Uuid::from_u128(id),
            Uuid::from_u128(1),
            Hlc::new(1_762_840_800_000, 0, DeviceId::new("desk-1").unwrap()),
        ),
        full_name: name.into(),
        phone: phone.map(Into::into),
        region: String::new(),
        district: String::new(),
        organisation: String::new(),
        birth_year,
        role: Role::Participant,
        delegation: None,
        badge_code: format!("B{id}"),
        iin: iin.map(Into::into),
        head_of_delegation: false,
        consent: None,
    }
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

#[test]
fn duplicates_by_iin_phone_and_name() {
    use DuplicateReason::*;
    let iin_x = iin("050505", '6', 1);
    let mut deleted = person(15, "Ақбота Оқасова", None, Some(&iin_x), Some(2005));
    deleted.meta.deleted = true;
    let people = vec![
        person(
            10,
            "Ақбота Оқасова",
            Some("+77012345678"),
            Some(&iin_x),
            Some(2005),
        ),
        person(11, "Дана Сейтова", Some("+77012345678"), None, None),
        person(12, "Оқасова Ақбота", None, None, Some(2005)),
        person(13, "Ақбота Оқасова", None, None, Some(2004)),
        deleted,
        person(16, "АҚБОТА   оқасова", Some("+77770000000"), None, None),
        person(
            17,
            "Ерлан Нұрланұлы",
            Some("+77770000001"),
            None,
            Some(2005),
        ),
    ];
    let candidate = person(
        99,
        " Оқасова  Ақбота ",
        Some("8 (701) 234-56-78"),
        Some(&format!("{} {}", &iin_x[..6], &iin_x[6..])),
        Some(2005),
    );
    let index = DuplicateIndex::new(&people);
    let want = vec![
        (id(10), SameIin),
        (id(11), SamePhone),
        (id(12), SameName),
        (id(16), SameName),
    ];
    assert_eq!(index.matches(&candidate), want);
    assert_eq!(possible_duplicates(&candidate, &people), want);

    // Without a birth year, the same name matches whatever the stored year.
    let mut no_year = candidate.clone();
    no_year.birth_year = None;
    no_year.iin = None;
    no_year.phone = None;
    assert_eq!(
        index.matches(&no_year),
        vec![
            (id(10), SameName),
            (id(12), SameName),
            (id(13), SameName),
            (id(16), SameName)
        ]
    );

    // A stored person is never their own duplicate.
    let same = people[0].clone();
    assert_eq!(
        index.matches(&same),
        vec![(id(11), SamePhone), (id(12), SameName), (id(16), SameName)]
    );

    // Nothing in common: nothing found; blank fields match nothing.
    let stranger = person(98, "Айгерім Сәрсенова", Some("+996555123456"), None, None);
    assert!(index.matches(&stranger).is_empty());
    let blank = person(97, "   ", Some(""), Some(" "), None);
    assert!(index.matches(&blank).is_empty());
}

#[test]
fn rows_added_during_an_import_are_found() {
    let mut index = DuplicateIndex::new(&[]);
    let first = person(1, "Дана Сейтова", Some("+77012345678"), None, None);
    assert!(index.matches(&first).is_empty());
    index.insert(&first);
    let second = person(2, "Сейтова Дана", None, None, Some(2006));
    assert_eq!(
        index.matches(&second),
        vec![(id(1), DuplicateReason::SameName)]
    );
    let mut gone = person(3, "Дана Сейтова", None, None, None);
    gone.meta.deleted = true;
    index.insert(&gone);
    assert_eq!(index.matches(&second).len(), 1);
}

#[test]
fn name_keys_ignore_word_order_case_and_spacing() {
    assert_eq!(name_key("Оқасова Ақбота"), name_key("Ақбота Оқасова"));
    assert_eq!(name_key("  ақбота\tОҚАСОВА "), name_key("Ақбота Оқасова"));
    assert_eq!(
        name_key("Нұрланұлы Ерлан Асқарұлы"),
        name_key("Ерлан Асқарұлы Нұрланұлы")
    );
    assert_ne!(name_key("Ақбота Оқасова"), name_key("Ақбота"));
    assert_eq!(name_key("   "), "");
}

/// 10,000 import rows against 50,000 stored people: hash look-ups, not a scan.
#[test]
fn ten_thousand_rows_against_fifty_thousand_people() {
    let people: Vec<Participant> = (0..50_000u128)
        .map(|n| {
            person(
                n + 1,
                &format!("Адам{n} Тегі{}", n % 977),
                Some(&format!("+7701{n:07}")),
                None,
                Some(1990 + (n % 20) as i32),
            )
        })
        .collect();
    let start = Instant::now();
    let index = DuplicateIndex::new(&people);
    let rows: Vec<Participant> = (0..10_000u128)
        .map(|n| {
            person(
                100_000 + n,
                &format!("Тегі{} Адам{}", (n * 5) % 977, n * 5),
                Some(&format!("8 707 {n:07}")),
                None,
                None,
            )
        })
        .collect();
    let found: usize = rows.iter().map(|r| index.matches(r).len()).sum();
    let elapsed = start.elapsed();
    // Row n has the name of person 5n (its year unknown) and a phone no one has.
    assert_eq!(found, 10_000);
    assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
}

/// Brute-force reference: every live person, every rule, strongest reason per id.
fn reference_matches(
    candidate: &Participant,
    people: &[Participant],
) -> Vec<(Uuid, DuplicateReason)> {
    let iin_of = |p: &Participant| {
        p.iin
            .as_deref()
            .map(|s| s.split_whitespace().collect::<String>())
            .filter(|s| !s.is_empty())
    };
    let phone_of = |p: &Participant| {
        p.phone
            .as_deref()
            .map(|s| {
                normalize_phone(s).unwrap_or_else(|_| {
                    s.chars()
                        .filter(|c| c.is_ascii_digit() || *c == '+')
                        .collect()
                })
            })
            .filter(|s| !s.is_empty())
    };
    let name_of = |p: &Participant| {
        let folded = jiyn_core::search::fold(&p.full_name);
        let mut words: Vec<&str> = folded.split_whitespace().collect();
        words.sort();
        Some(words.join(" ")).filter(|s| !s.is_empty())
    };
    let mut best: HashMap<Uuid, DuplicateReason> = HashMap::new();
    for p in people
        .iter()
        .filter(|p| !p.meta.deleted && p.meta.id != candidate.meta.id)
    {
        let mut reasons = Vec::new();
        if iin_of(p).is_some() && iin_of(p) == iin_of(candidate) {
            reasons.push(DuplicateReason::SameIin);
        }
        if phone_of(p).is_some() && phone_of(p) == phone_of(candidate) {
            reasons.push(DuplicateReason::SamePhone);
        }
        let years_differ =
            matches!((p.birth_year, candidate.birth_year), (Some(a), Some(b)) if a != b);
        if name_of(p).is_some() && name_of(p) == name_of(candidate) && !years_differ {
            reasons.push(DuplicateReason::SameName);
        }
        if let Some(r) = reasons.into_iter().min() {
            let e = best.entry(p.meta.id).or_insert(r);
            *e = (*e).min(r);
        }
    }
    let mut out: Vec<_> = best.into_iter().collect();
    out.sort_by_key(|&(id, r)| (r, id));
    out
}

fn any_person() -> impl Strategy<Value = Participant> {
    let names = vec![
        "Ақбота Оқасова",
        "Оқасова Ақбота",
        "ақбота оқасова",
        "Дана Сейтова",
        "Ерлан Нұрланұлы",
        "",
    ];
    let phones = vec![
        None,
        Some("+77012345678"),
        Some("8 701 234 56 78"),
        Some("+77771234567"),
        Some("oops"),
        Some("+996555123456"),
    ];
    let iins = vec![
        None,
        Some("900101300007"),
        Some("9001 0130 0007"),
        Some("050505600012"),
    ];
    (
        0u128..12,
        proptest::sample::select(names),
        proptest::sample::select(phones),
        proptest::sample::select(iins),
        proptest::option::of(2004i32..2007),
        proptest::bool::weighted(0.15),
    )
        .prop_map(|(n, name, phone, iin, year, deleted)| {
            let mut p = person(n, name, phone, iin, year);
            p.meta.deleted = deleted;
            p
        })
}

proptest! {
    #[test]
    fn index_agrees_with_brute_force(
        people in proptest::collection::vec(any_person(), 0..25),
        candidate in any_person(),
    ) {
        let got = DuplicateIndex::new(&people).matches(&candidate);
        prop_assert_eq!(&got, &reference_matches(&candidate, &people));
        prop_assert!(got.iter().all(|(id, _)| *id != candidate.meta.id));
        let ids: HashSet<Uuid> = got.iter().map(|(id, _)| *id).collect();
        prop_assert_eq!(ids.len(), got.len());
        prop_assert!(got.windows(2).all(|w| w[0].1 <= w[1].1));
    }

    #[test]
    fn name_order_does_not_matter(words in proptest::collection::vec("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]{1,8}", 1..4)) {
        let mut reversed = words.clone();
        reversed.reverse();
        prop_assert_eq!(name_key(&words.join(" ")), name_key(&reversed.join("  ")));
    }
}
