//! Participant lists as CSV: importing the lists organisers bring (from Excel, Google
//! Sheets, a ministry portal) and exporting the people of a forum.
//!
//! Import is two steps. [`plan_import`] reads the file (any encoding [`csv::decode`]
//! knows, any separator), decides whether the first row is a header, maps the columns
//! to [`Field`]s (headers in Kazakh, Russian or English), and checks every row: the
//! result is an [`ImportPlan`] the organiser reviews, with per-row errors that name the
//! line of the file and possible duplicates of people already registered. Then
//! [`ImportPlan::into_batch`] turns the valid rows into participant records and changes,
//! for the caller to store in one transaction.
//!
//! How a row is read:
//! - cells are trimmed, a leading `'` that [`csv::neutralise`] added is dropped, and
//!   runs of whitespace (line breaks in a cell included) become one space;
//! - the name is the full-name cell, or else "Surname Given Patronymic" from split
//!   columns; no name is an error;
//! - the birth year comes from a year or a date cell (a date keeps only its year);
//! - phones go through [`normalize_phone`] (a cell with two numbers keeps the first);
//!   IINs through [`check_iin`] against the birth year (eleven digits get back the
//!   leading zero a spreadsheet dropped, if the check digit then agrees);
//! - an empty role is a participant; an unknown one is an error; head of delegation is
//!   yes/no in any of the three languages;
//! - a row with more cells than the header is an error only if an extra cell holds
//!   something; short rows are fine;
//! - a badge code twice in the file, or one that belongs to someone already registered
//!   (but not to the person this row may be), is an error;
//! - the same person twice in the file (same IIN, same name and phone, or the same row
//!   but for the badge code) is an error on the later line;
//! - possible duplicates of registered people ([`DuplicateIndex`]) are flagged on valid
//!   rows, not errors: the organiser decides.
//!
//! [`export`] writes a forum's people for a spreadsheet: UTF-8 with a byte order mark,
//! `;`-separated, headers and values in the organiser's language, every cell
//! [`csv::neutralise`]d. The IIN is never exported: the list travels by e-mail and
//! messenger, and the IIN is personal data that nobody needs in it (data minimisation).
//! Exported files import back (`'+7…` phone cells included, see [`csv::unneutralise`]).

use crate::change::{Change, WriteError, Writer};
use crate::csv::{self, CsvError, Encoding, Separator};
use crate::demo::badge_code;
use crate::hlc::{DeviceId, Hlc};
use crate::model::{AnyRecord, Lang, Meta, Participant, Role};
use crate::people::{
    check_iin, normalize_phone, DuplicateIndex, DuplicateReason, IinError, PhoneError,
};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::OnceLock;
use uuid::Uuid;

/// What a column of a participant list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The whole name in one cell.
    FullName,
    /// Lists that split names: the full name is "Surname Given Patronymic".
    Surname,
    GivenName,
    /// The father's name (отчество, әкесінің аты), in lists that keep it apart.
    Patronymic,
    Phone,
    BirthYear,
    /// A date of birth (`dd.mm.yyyy`, `yyyy-mm-dd`, `dd/mm/yyyy`); only its year is kept.
    BirthDate,
    Iin,
    Region,
    District,
    Organisation,
    Role,
    Delegation,
    HeadOfDelegation,
    BadgeCode,
    /// A column that is not imported.
    Ignore,
}

impl Field {
    pub const ALL: [Field; 16] = [
        Field::FullName,
        Field::Surname,
        Field::GivenName,
        Field::Patronymic,
        Field::Phone,
        Field::BirthYear,
        Field::BirthDate,
        Field::Iin,
        Field::Region,
        Field::District,
        Field::Organisation,
        Field::Role,
        Field::Delegation,
        Field::HeadOfDelegation,
        Field::BadgeCode,
        Field::Ignore,
    ];

    /// The field's name for the column-mapping screen (and the export header).
    pub fn label(self, lang: Lang) -> &'static str {
        let [kk, ru, en] = match self {
            Field::FullName => ["Аты-жөні", "ФИО", "Full name"],
            Field::Surname => ["Тегі", "Фамилия", "Surname"],
            Field::GivenName => ["Аты", "Имя", "Given name"],
            Field::Patronymic => ["Әкесінің аты", "Отчество", "Patronymic"],
            Field::Phone => ["Телефон", "Телефон", "Phone"],
            Field::BirthYear => ["Туған жылы", "Год рождения", "Birth year"],
            Field::BirthDate => ["Туған күні", "Дата рождения", "Date of birth"],
            Field::Iin => ["ЖСН", "ИИН", "IIN"],
            Field::Region => ["Облыс", "Область", "Region"],
            Field::District => ["Аудан", "Район", "District"],
            Field::Organisation => ["Ұйым", "Организация", "Organisation"],
            Field::Role => ["Рөлі", "Роль", "Role"],
            Field::Delegation => ["Делегация", "Делегация", "Delegation"],
            Field::HeadOfDelegation => [
                "Делегация басшысы",
                "Руководитель делегации",
                "Head of delegation",
            ],
            Field::BadgeCode => ["Бейдж коды", "Код бейджа", "Badge code"],
            Field::Ignore => ["Өткізу", "Пропустить", "Skip"],
        };
        pick(lang, kk, ru, en)
    }

    fn index(self) -> usize {
        self as usize
    }
}

fn pick(lang: Lang, kk: &'static str, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// A role as written in the organiser's language (export).
pub fn role_label(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Participant => pick(lang, "қатысушы", "участник", "participant"),
        Role::Speaker => pick(lang, "спикер", "спикер", "speaker"),
        Role::Volunteer => pick(lang, "ерікті", "волонтёр", "volunteer"),
        Role::Guest => pick(lang, "қонақ", "гость", "guest"),
        Role::Staff => pick(lang, "ұйымдастырушы", "организатор", "staff"),
    }
}

fn yes_no(value: bool, lang: Lang) -> &'static str {
    if value {
        pick(lang, "иә", "да", "yes")
    } else {
        pick(lang, "жоқ", "нет", "no")
    }
}

/// Lower case, Kazakh letters folded onto their Russian look-alikes (ә→а, ғ→г, қ→к,
/// ң→н, ө→о, ұ/ү→у, һ→х, і→и, ё→е), and everything but letters and digits dropped; so
/// «Т.А.Ә.», «ТАӘ» and «таа» compare equal, as do «Аты-жөні» and «аты жони».
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appending to `out`.
fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        // Fast paths for the letters of nearly every cell.
        match c {
            'a'..='z' | '0'..='9' | 'а'..='е' | 'ж'..='я' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'А'..='Е' | 'Ж'..='Я' => out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
            ' ' | '.' | ',' | '-' | '/' | '(' | ')' | '\'' | '"' | ':' | '№' => {}
            _ => {
                for c in c.to_lowercase() {
                    match c {
                        'ё' => out.push('е'),
                        'ә' => out.push('а'),
                        'ғ' => out.push('г'),
                        'қ' => out.push('к'),
                        'ң' => out.push('н'),
                        'ө' => out.push('о'),
                        'ұ' | 'ү' => out.push('у'),
                        'һ' => out.push('х'),
                        'і' | 'ї' => out.push('и'),
                        c if c.is_alphanumeric() => out.push(c),
                        _ => {}
                    }
                }
            }
        }
    }
}

/// Headers recognised as they are (after [`fold`]).
const HEADER_EXACT: &[(&str, Field)] = &[
    ("Аты-жөні", Field::FullName),
    ("Т.А.Ә.", Field::FullName),
    ("Т.А.Ә.А.", Field::FullName),
    ("ФИО", Field::FullName),
    ("Ф.И.О.", Field::FullName),
    ("Full name", Field::FullName),
    ("Name", Field::FullName),
    ("Names", Field::FullName),
    ("Тегі", Field::Surname),
    ("Фамилия", Field::Surname),
    ("Surname", Field::Surname),
    ("Аты", Field::GivenName),
    ("Есімі", Field::GivenName),
    ("Имя", Field::GivenName),
    ("Отчество", Field::Patronymic),
    ("Әкесінің аты", Field::Patronymic),
    ("Телефон", Field::Phone),
    ("Тел.", Field::Phone),
    ("Phone", Field::Phone),
    ("Tel", Field::Phone),
    ("Mobile", Field::Phone),
    ("Туған жылы", Field::BirthYear),
    ("Год рождения", Field::BirthYear),
    ("Г.р.", Field::BirthYear),
    ("Birth year", Field::BirthYear),
    ("Year of birth", Field::BirthYear),
    ("Туған күні", Field::BirthDate),
    ("Дата рождения", Field::BirthDate),
    ("Date of birth", Field::BirthDate),
    ("Birth date", Field::BirthDate),
    ("Birthday", Field::BirthDate),
    ("DOB", Field::BirthDate),
    ("ЖСН", Field::Iin),
    ("ИИН", Field::Iin),
    ("IIN", Field::Iin),
    ("Облыс", Field::Region),
    ("Область", Field::Region),
    ("Регион", Field::Region),
    ("Region", Field::Region),
    ("Oblast", Field::Region),
    ("Аудан", Field::District),
    ("Район", Field::District),
    ("District", Field::District),
    ("Ұйым", Field::Organisation),
    ("Оқу орны", Field::Organisation),
    ("Организация", Field::Organisation),
    ("Место учебы", Field::Organisation),
    ("Organisation", Field::Organisation),
    ("Organization", Field::Organisation),
    ("ВУЗ", Field::Organisation),
    ("Рөлі", Field::Role),
    ("Рөл", Field::Role),
    ("Роль", Field::Role),
    ("Role", Field::Role),
    ("Категория", Field::Role),
    ("Делегация", Field::Delegation),
    ("Delegation", Field::Delegation),
    ("Делегация басшысы", Field::HeadOfDelegation),
    ("Руководитель делегации", Field::HeadOfDelegation),
    ("Head", Field::HeadOfDelegation),
    ("Бейдж", Field::BadgeCode),
    ("Badge", Field::BadgeCode),
    ("QR", Field::BadgeCode),
    // Recognised as header cells, not imported: row numbers, the export's check-in
    // column, ages.
    ("№", Field::Ignore),
    ("#", Field::Ignore),
    ("№ п/п", Field::Ignore),
    ("No", Field::Ignore),
    ("Тіркелді", Field::Ignore),
    ("Прошёл регистрацию", Field::Ignore),
    ("Checked in", Field::Ignore),
    ("Жасы", Field::Ignore),
    ("Возраст", Field::Ignore),
    ("Age", Field::Ignore),
    ("E-mail", Field::Ignore),
    ("Email", Field::Ignore),
    ("Пол", Field::Ignore),
    ("Жынысы", Field::Ignore),
    ("Gender", Field::Ignore),
];

/// The field of a folded header in [`HEADER_EXACT`].
fn exact_header(folded: &str) -> Option<Field> {
    static FOLDED: OnceLock<HashMap<String, Field>> = OnceLock::new();
    let map = FOLDED.get_or_init(|| {
        let mut map = HashMap::new();
        for (header, field) in HEADER_EXACT {
            let f = fold(header);
            if !f.is_empty() {
                map.entry(f).or_insert(*field);
            }
        }
        map
    });
    map.get(folded).copied()
}

/// Which field a header cell names, or `None` when it is not recognised at all.
/// `Some(Field::Ignore)` is a recognised header whose column is not imported (a parent's
/// phone, a row number, an e-mail).
pub fn header_field(cell: &str) -> Option<Field> {
    let raw = cell.trim();
    if raw.is_empty() {
        return None;
    }
    let f = fold(raw);
    if f.is_empty() {
        // "№", "#": only punctuation.
        return HEADER_EXACT
            .iter()
            .find(|(h, _)| *h == raw)
            .map(|(_, field)| *field);
    }
    if let Some(field) = exact_header(&f) {
        return Some(field);
    }
    let has = |parts: &[&str]| parts.iter().any(|p| f.contains(p));
    // Someone else's details (a parent's phone, a guardian's name): never the person's.
    if has(&[
        "родител",
        "атаана",
        "parent",
        "guardian",
        "законн",
        "мамы",
        "отца",
    ]) {
        return Some(Field::Ignore);
    }
    let field = if has(&["басшы", "руководител", "head", "leader", "лидер"]) {
        Field::HeadOfDelegation
    } else if has(&["делегац", "delegation"]) {
        Field::Delegation
    } else if has(&["фио", "атыжони", "fullname", "толыкаты"])
        || (f.contains("фамилия") && f.contains("имя"))
        || (f.contains("name") && f.contains("surname"))
    {
        Field::FullName
    } else if has(&["отчеств", "акесинин", "patronymic", "middlename"]) {
        Field::Patronymic
    } else if has(&["фамилия", "surname", "lastname", "familyname"]) || f.starts_with("теги")
    {
        Field::Surname
    } else if has(&["имя", "firstname", "givenname"]) {
        Field::GivenName
    } else if has(&["телефон", "phone", "моб", "whatsapp", "уялы"]) {
        Field::Phone
    } else if has(&["жсн", "иин", "iin"]) {
        Field::Iin
    } else if has(&["туган", "рожд", "birth", "born"]) {
        if has(&["жыл", "год", "year"]) && !has(&["кун", "дата", "date", "day"]) {
            Field::BirthYear
        } else {
            Field::BirthDate
        }
    } else if has(&["облыс", "област", "регион", "region", "oblast"]) {
        Field::Region
    } else if has(&["аудан", "район", "district"]) {
        Field::District
    } else if has(&[
        "уйым",
        "окуорн",
        "организац",
        "учеб",
        "organi",
        "school",
        "univers",
        "мектеп",
        "школ",
        "вуз",
        "жумысорн",
        "работ",
        "колледж",
        "college",
    ]) {
        Field::Organisation
    } else if f.starts_with("рол") || has(&["role", "категор", "category"]) {
        Field::Role
    } else if has(&["бейдж", "badge", "qr"]) {
        Field::BadgeCode
    } else if f.contains("name") {
        // "Participant name", "Name of student".
        Field::FullName
    } else {
        return None;
    };
    Some(field)
}

/// The field of every header cell (unrecognised cells: [`Field::Ignore`]). Each field
/// is given to its first column only; a second "Телефон" is ignored.
pub fn guess_mapping(header: &[String]) -> Vec<Field> {
    let mut seen = HashSet::new();
    header
        .iter()
        .map(|cell| match header_field(cell) {
            Some(Field::Ignore) | None => Field::Ignore,
            Some(field) if seen.insert(field) => field,
            Some(_) => Field::Ignore,
        })
        .collect()
}

/// Whether the first row of a list is a header: yes when a cell is a known header
/// ([`header_field`], whole-cell matches), or when some cell is recognised by a
/// key word and no cell holds a number of four digits or more (data rows nearly always
/// hold a phone, a year or an IIN, headers hardly ever); otherwise no.
pub fn looks_like_header(first: &[String]) -> bool {
    let exact = first.iter().any(|cell| {
        let raw = cell.trim();
        !raw.is_empty()
            && (exact_header(&fold(raw)).is_some() || HEADER_EXACT.iter().any(|(h, _)| *h == raw))
    });
    if exact {
        return true;
    }
    let numbers = first.iter().any(|cell| longest_digit_run(cell) >= 4);
    !numbers && first.iter().any(|cell| header_field(cell).is_some())
}

fn longest_digit_run(text: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run += 1;
            best = best.max(run);
        } else if !matches!(c, ' ' | '-' | '(' | ')' | '+') {
            run = 0;
        }
    }
    best
}

/// What a data cell looks like, for lists without a header.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum CellKind {
    Phone,
    Iin,
    Year,
    Date,
    Role,
    Region,
    District,
    Delegation,
    Name,
    Other,
}

fn cell_kind(cell: &str) -> CellKind {
    let digits = cell.chars().filter(char::is_ascii_digit).count();
    let only_phone_chars = cell
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if only_phone_chars && digits == 12 && !cell.contains('+') {
        return CellKind::Iin;
    }
    if only_phone_chars && (10..=15).contains(&digits) {
        return CellKind::Phone;
    }
    if cell.len() == 4 && parse_birth_year(cell).is_some() {
        return CellKind::Year;
    }
    if digits >= 6 && parse_birth_year(cell).is_some() {
        return CellKind::Date;
    }
    if parse_role(cell).is_some() {
        return CellKind::Role;
    }
    let f = fold(cell);
    if f.contains("делегац") || f.contains("delegation") {
        return CellKind::Delegation;
    }
    if f.contains("облыс") || f.contains("област") || f.contains("region") {
        return CellKind::Region;
    }
    if f.contains("аудан") || f.contains("район") || f.contains("district") {
        return CellKind::District;
    }
    let words = cell.split_whitespace().count();
    if digits == 0
        && (2..=4).contains(&words)
        && cell
            .chars()
            .all(|c| !c.is_ascii_punctuation() || matches!(c, '-' | '\'' | '.'))
    {
        return CellKind::Name;
    }
    CellKind::Other
}

/// A mapping for a list without a header, from what its first rows hold: phones, IINs,
/// years, dates, roles, regions, districts, delegations, and the first column of
/// two-to-four-word texts as the full name. Everything else is ignored.
pub fn guess_mapping_from_data(rows: &[Vec<String>]) -> Vec<Field> {
    let sample = &rows[..rows.len().min(50)];
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut used = HashSet::new();
    (0..width)
        .map(|col| {
            let mut tally: HashMap<CellKind, usize> = HashMap::new();
            let mut filled = 0;
            for row in sample {
                let cell = row.get(col).map_or("", |c| csv::unneutralise(c.trim()));
                if !cell.is_empty() {
                    filled += 1;
                    *tally.entry(cell_kind(cell)).or_default() += 1;
                }
            }
            let majority = tally
                .into_iter()
                .filter(|&(_, n)| n * 2 > filled)
                .map(|(kind, _)| kind)
                .next();
            let field = match majority {
                Some(CellKind::Phone) => Field::Phone,
                Some(CellKind::Iin) => Field::Iin,
                Some(CellKind::Year) => Field::BirthYear,
                Some(CellKind::Date) => Field::BirthDate,
                Some(CellKind::Role) => Field::Role,
                Some(CellKind::Region) => Field::Region,
                Some(CellKind::District) => Field::District,
                Some(CellKind::Delegation) => Field::Delegation,
                Some(CellKind::Name) => Field::FullName,
                Some(CellKind::Other) | None => Field::Ignore,
            };
            if field != Field::Ignore && used.insert(field) {
                field
            } else {
                Field::Ignore
            }
        })
        .collect()
}

/// A role as written in a list (Kazakh, Russian or English), or `None` if unknown.
pub fn parse_role(text: &str) -> Option<Role> {
    const ROLES: &[(&str, Role)] = &[
        ("қатысушы", Role::Participant),
        ("участник", Role::Participant),
        ("участница", Role::Participant),
        ("participant", Role::Participant),
        ("делегат", Role::Participant),
        ("delegate", Role::Participant),
        ("спикер", Role::Speaker),
        ("баяндамашы", Role::Speaker),
        ("speaker", Role::Speaker),
        ("лектор", Role::Speaker),
        ("эксперт", Role::Speaker),
        ("expert", Role::Speaker),
        ("тренер", Role::Speaker),
        ("trainer", Role::Speaker),
        ("модератор", Role::Speaker),
        ("moderator", Role::Speaker),
        ("волонтер", Role::Volunteer),
        ("волонтёр", Role::Volunteer),
        ("ерікті", Role::Volunteer),
        ("volunteer", Role::Volunteer),
        ("қонақ", Role::Guest),
        ("құрметті қонақ", Role::Guest),
        ("гость", Role::Guest),
        ("почётный гость", Role::Guest),
        ("guest", Role::Guest),
        ("ұйымдастырушы", Role::Staff),
        ("персонал", Role::Staff),
        ("staff", Role::Staff),
        ("organizer", Role::Staff),
        ("organiser", Role::Staff),
        ("организатор", Role::Staff),
        ("оргкомитет", Role::Staff),
        ("қызметкер", Role::Staff),
        ("сотрудник", Role::Staff),
    ];
    static FOLDED: OnceLock<HashMap<String, Role>> = OnceLock::new();
    let folded = FOLDED.get_or_init(|| {
        ROLES
            .iter()
            .map(|(name, role)| (fold(name), *role))
            .collect()
    });
    folded.get(&fold(text)).copied()
}

/// A yes/no cell: yes, да, иә, 1, true, x, + (and the like); no, нет, жоқ, 0, false, -
/// or empty. `None` for anything else.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "" | "-" | "–" | "—" | "0" | "no" | "n" | "false" | "нет" | "н" | "жоқ" | "жок" => {
            Some(false)
        }
        "yes" | "y" | "true" | "1" | "x" | "х" | "+" | "✓" | "✔" | "v" | "да" | "д" | "иә"
        | "ия" | "иа" | "ие" => Some(true),
        _ => None,
    }
}

/// A birth year from a year (`2007`) or a date (`15.03.2007`, `15/03/2007`,
/// `2007-03-15`; a time after the date is ignored), between 1900 and 2100.
pub fn parse_birth_year(text: &str) -> Option<i32> {
    let t = text.split_whitespace().next()?;
    let in_range = |y: i32| (1900..=2100).contains(&y).then_some(y);
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        return in_range(t.parse().ok()?);
    }
    let parts: Vec<&str> = t.split(['.', '/', '-']).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let numeric = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !(numeric(a) && numeric(b) && numeric(c)) {
        return None;
    }
    let (y, m, d) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 {
        (c, b, a)
    } else {
        return None;
    };
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    in_range(date.year())
}

/// Options of an import; `None` means "guess".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub separator: Option<Separator>,
    /// The field of every column, in order (missing columns are ignored).
    pub mapping: Option<Vec<Field>>,
    pub has_header: Option<bool>,
}

/// A valid row: a participant without the record's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParticipantDraft {
    pub full_name: String,
    /// E.164.
    pub phone: Option<String>,
    pub birth_year: Option<i32>,
    /// The IIN's 12 digits, checked.
    pub iin: Option<String>,
    pub region: String,
    pub district: String,
    pub organisation: String,
    pub role: Role,
    pub delegation: Option<String>,
    pub head_of_delegation: bool,
    /// The badge code the file gives, if any (otherwise one is made on import).
    pub badge_code: Option<String>,
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowErrorKind {
    #[error("no name")]
    MissingName,
    #[error("phone: {0}")]
    BadPhone(PhoneError),
    #[error("IIN: {0}")]
    BadIin(IinError),
    #[error("not a birth year or date: {0:?}")]
    BadBirthYear(String),
    #[error("unknown role: {0:?}")]
    UnknownRole(String),
    #[error("not yes or no: {0:?}")]
    BadYesNo(String),
    /// Non-empty cells beyond the last column (`found` is the number of cells up to the
    /// last non-empty one).
    #[error("{found} cells, but the list has {expected} columns")]
    TooManyColumns { expected: usize, found: usize },
    #[error("the badge code is already on line {first_line}")]
    DuplicateBadge { first_line: usize },
    /// The badge code belongs to someone already registered (who is not this person).
    #[error("the badge code is already someone else's")]
    BadgeTaken { existing: Uuid },
    /// The same person (same IIN, same name and phone, or the same row) is on an earlier
    /// line; only the first is imported.
    #[error("the same person is already on line {first_line}")]
    DuplicateInFile { first_line: usize },
}

/// A reason a row cannot be imported, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}")]
pub struct RowError {
    /// 1-based line of the file on which the row starts.
    pub line: usize,
    /// The field (column) at fault, when there is one.
    pub column: Option<Field>,
    pub kind: RowErrorKind,
}

/// One data row of the file and what becomes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    /// 1-based line of the file on which the row starts.
    pub line: usize,
    /// The row's cells as read.
    pub cells: Vec<String>,
    /// The participant, or every reason the row cannot be imported (never empty).
    pub outcome: Result<ParticipantDraft, Vec<RowError>>,
    /// People already registered who may be this one, strongest reason first (only for
    /// valid rows). A flag for the organiser, not an error.
    pub duplicates: Vec<(Uuid, DuplicateReason)>,
}

impl PlannedRow {
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }

    pub fn is_duplicate(&self) -> bool {
        self.outcome.is_ok() && !self.duplicates.is_empty()
    }
}

/// Row counts of a plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Data rows (empty rows are not counted).
    pub rows: usize,
    /// Valid rows, possible duplicates included.
    pub ok: usize,
    /// Rows that cannot be imported.
    pub errors: usize,
    /// Valid rows flagged as possible duplicates of people already registered.
    pub duplicates: usize,
}

/// What importing a file would do; nothing is stored until [`ImportPlan::into_batch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub encoding: Encoding,
    pub separator: Separator,
    /// The header row, when the file has one.
    pub header: Option<Vec<String>>,
    /// The field of every column.
    pub mapping: Vec<Field>,
    /// The first data rows (up to [`PREVIEW_ROWS`]), as read.
    pub preview: Vec<Vec<String>>,
    pub rows: Vec<PlannedRow>,
    pub counts: ImportCounts,
    /// Badge codes of the people already registered (tombstones included).
    taken_badges: QuickSet<String>,
}

/// How many data rows [`ImportPlan::preview`] shows.
pub const PREVIEW_ROWS: usize = 5;

/// Why a file cannot be planned at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Csv(#[from] CsvError),
    #[error("the file holds no rows")]
    Empty,
}

/// Why [`ImportPlan::into_batch`] failed; nothing is written then.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("no free badge code could be made")]
    NoFreeBadgeCode,
}

impl ImportPlan {
    /// Whether the mapping has a column for the name (otherwise every row lacks one and
    /// the organiser must map a column).
    pub fn has_name_column(&self) -> bool {
        self.mapping.iter().any(|f| {
            matches!(
                f,
                Field::FullName | Field::Surname | Field::GivenName | Field::Patronymic
            )
        })
    }

    /// Every row error, in file order.
    pub fn errors(&self) -> impl Iterator<Item = &RowError> {
        self.rows
            .iter()
            .filter_map(|r| r.outcome.as_ref().err())
            .flatten()
    }

    /// The participant records and changes of the valid rows (without the possible
    /// duplicates when `skip_duplicates`), for one atomic batch write.
    ///
    /// Every participant gets the file's badge code, or a new one
    /// ([`badge_code`]`(random())`) when the file gives none or gives one already
    /// registered; codes are unique within the batch and against the people planned
    /// against. Consent is not recorded (the list comes from the organiser, who answers
    /// for it).
    pub fn into_batch(
        &self,
        writer: &mut Writer,
        now_ms: u64,
        forum: Uuid,
        skip_duplicates: bool,
        mut random: impl FnMut() -> u64,
    ) -> Result<Vec<(AnyRecord, Change)>, BatchError> {
        let drafts: Vec<&ParticipantDraft> = self
            .rows
            .iter()
            .filter(|r| !(skip_duplicates && r.is_duplicate()))
            .filter_map(|r| r.outcome.as_ref().ok())
            .collect();
        let mut taken = self.taken_badges.clone();
        taken.extend(drafts.iter().filter_map(|d| d.badge_code.clone()));
        let mut out = Vec::with_capacity(drafts.len());
        for draft in drafts {
            let badge = match &draft.badge_code {
                Some(code) if !self.taken_badges.contains(code) => code.clone(),
                _ => fresh_badge(&mut taken, &mut random)?,
            };
            let (participant, change) = writer.create(now_ms, Some(forum), |meta| {
                draft_to_participant(draft, meta, badge)
            })?;
            out.push((AnyRecord::Participant(participant), change));
        }
        Ok(out)
    }
}

fn fresh_badge(
    taken: &mut QuickSet<String>,
    random: &mut impl FnMut() -> u64,
) -> Result<String, BatchError> {
    for _ in 0..64 {
        let code = badge_code(random());
        if taken.insert(code.clone()) {
            return Ok(code);
        }
    }
    Err(BatchError::NoFreeBadgeCode)
}

fn draft_to_participant(draft: &ParticipantDraft, meta: Meta, badge_code: String) -> Participant {
    Participant {
        meta,
        full_name: draft.full_name.clone(),
        phone: draft.phone.clone(),
        region: draft.region.clone(),
        district: draft.district.clone(),
        organisation: draft.organisation.clone(),
        birth_year: draft.birth_year,
        role: draft.role,
        delegation: draft.delegation.clone(),
        badge_code,
        iin: draft.iin.clone(),
        head_of_delegation: draft.head_of_delegation,
        consent: None,
    }
}

/// Reads a participant list and plans its import against the people already registered
/// in the forum (`existing`, tombstones included: they keep their badge codes).
///
/// Empty rows (every cell blank) are skipped; Excel's `sep=;` first line is honoured
/// and skipped. Fails only when the file cannot be read as CSV at all (a quote never
/// closed) or holds no rows; everything else is reported per row.
pub fn plan_import(
    bytes: &[u8],
    options: ImportOptions,
    existing: &[Participant],
) -> Result<ImportPlan, ImportError> {
    let decoded = csv::decode(bytes);
    let text = decoded.text.as_str();
    let hint = csv::sep_hint(text);
    let separator = options
        .separator
        .unwrap_or_else(|| csv::detect_separator(text));
    let mut records = csv::parse(text, separator)?;
    if hint == Some(separator) && records.first().is_some_and(|r| r.line == 1) {
        records.remove(0);
    }
    records.retain(|r| r.fields.iter().any(|c| !c.trim().is_empty()));
    if records.is_empty() {
        return Err(ImportError::Empty);
    }
    let has_header = options
        .has_header
        .unwrap_or_else(|| looks_like_header(&records[0].fields));
    let mut records = records.into_iter();
    let header: Option<Vec<String>> = if has_header {
        records
            .next()
            .map(|r| r.fields.iter().map(|c| c.trim().to_string()).collect())
    } else {
        None
    };
    let data: Vec<csv::Record> = records.collect();
    let mapping = match options.mapping {
        Some(mapping) => mapping,
        None => match &header {
            Some(header) => guess_mapping(header),
            None => {
                let sample: Vec<Vec<String>> =
                    data.iter().take(50).map(|r| r.fields.clone()).collect();
                let mut mapping = guess_mapping_from_data(&sample);
                let width = data.iter().map(|r| r.fields.len()).max().unwrap_or(0);
                mapping.resize(width.max(mapping.len()), Field::Ignore);
                mapping
            }
        },
    };
    let columns = header.as_ref().map_or(0, Vec::len).max(mapping.len());
    let preview = data
        .iter()
        .take(PREVIEW_ROWS)
        .map(|r| r.fields.clone())
        .collect();

    // Built once for the whole file.
    let index = DuplicateIndex::new(existing);
    let taken_badges: QuickMap<String, Uuid> = existing
        .iter()
        .map(|p| (p.badge_code.clone(), p.meta.id))
        .collect();
    // One participant, refilled for every row, to ask the index about.
    let mut probe = Participant {
        meta: stub_meta(),
        full_name: String::new(),
        phone: None,
        region: String::new(),
        district: String::new(),
        organisation: String::new(),
        birth_year: None,
        role: Role::Participant,
        delegation: None,
        badge_code: String::new(),
        iin: None,
        head_of_delegation: false,
        consent: None,
    };
    let mut seen = SeenInFile::new();
    let mut rows: Vec<PlannedRow> = Vec::with_capacity(data.len());
    let mut counts = ImportCounts::default();
    for record in data {
        let mut row = plan_row(record, &mapping, columns, &mut seen.badges);
        if let Ok(draft) = &row.outcome {
            if !existing.is_empty() {
                probe.full_name.clone_from(&draft.full_name);
                probe.phone.clone_from(&draft.phone);
                probe.iin.clone_from(&draft.iin);
                probe.birth_year = draft.birth_year;
                row.duplicates = index.matches(&probe);
            }
            let taken_by = draft
                .badge_code
                .as_ref()
                .and_then(|code| taken_badges.get(code).copied());
            if let Some(existing) = taken_by {
                if !row.duplicates.iter().any(|(id, _)| *id == existing) {
                    row.outcome = Err(vec![RowError {
                        line: row.line,
                        column: Some(Field::BadgeCode),
                        kind: RowErrorKind::BadgeTaken { existing },
                    }]);
                }
            }
        }
        // Checked last, so that only rows that will be imported count as the first.
        if let Ok(draft) = &row.outcome {
            if let Some(first_line) = seen.repeat_of(draft, row.line, rows.len(), &rows) {
                row.outcome = Err(vec![RowError {
                    line: row.line,
                    column: None,
                    kind: RowErrorKind::DuplicateInFile { first_line },
                }]);
            }
        }
        if row.outcome.is_err() {
            row.duplicates.clear();
        }
        counts.rows += 1;
        if row.is_ok() {
            counts.ok += 1;
            counts.duplicates += usize::from(row.is_duplicate());
        } else {
            counts.errors += 1;
        }
        rows.push(row);
    }
    Ok(ImportPlan {
        encoding: decoded.encoding,
        separator,
        header,
        mapping,
        preview,
        rows,
        counts,
        taken_badges: taken_badges.into_keys().collect(),
    })
}

fn stub_meta() -> Meta {
    let device = DeviceId::new("csv-import").unwrap_or_else(|_| DeviceId::random());
    Meta::new(Uuid::nil(), Uuid::nil(), Hlc::new(0, 0, device))
}

/// A small, fast hasher for the maps built per row (FxHash's mixing). Not resistant to
/// crafted collisions, which cost only time in a file the organiser chose to import.
#[derive(Default, Clone, Copy)]
struct QuickHasher(u64);

impl Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ (rest.len() as u64) << 56);
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl QuickHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type QuickMap<K, V> = HashMap<K, V, BuildHasherDefault<QuickHasher>>;
type QuickSet<T> = HashSet<T, BuildHasherDefault<QuickHasher>>;

/// What earlier valid rows of the file hold, to find the same person twice.
struct SeenInFile {
    badges: QuickMap<String, usize>,
    iins: QuickMap<String, usize>,
    /// Phone, a NUL, then the name key.
    names_phones: QuickMap<String, usize>,
    /// Hash of a row's content (all but the badge code) → indexes of the rows.
    rows: QuickMap<u64, Vec<usize>>,
}

impl SeenInFile {
    fn new() -> Self {
        Self {
            badges: QuickMap::default(),
            iins: QuickMap::default(),
            names_phones: QuickMap::default(),
            rows: QuickMap::default(),
        }
    }

    /// The first line of an earlier row that is the same person as `draft` (same IIN,
    /// same name and phone, or the same content but for the badge code); otherwise
    /// `draft` (at `index` of `rows`) is remembered.
    fn repeat_of(
        &mut self,
        draft: &ParticipantDraft,
        line: usize,
        index: usize,
        rows: &[PlannedRow],
    ) -> Option<usize> {
        let name_phone = draft.phone.as_ref().map(|phone| {
            let mut key = phone.clone();
            key.push('\0');
            key.push_str(&name_key(&draft.full_name));
            key
        });
        let hash = BuildHasherDefault::<QuickHasher>::default().hash_one(row_content(draft));
        let first = draft
            .iin
            .as_ref()
            .and_then(|iin| self.iins.get(iin).copied())
            .or_else(|| self.names_phones.get(name_phone.as_ref()?).copied())
            .or_else(|| {
                self.rows.get(&hash)?.iter().find_map(|&i| {
                    let row = &rows[i];
                    let earlier = row.outcome.as_ref().ok()?;
                    (row_content(earlier) == row_content(draft)).then_some(row.line)
                })
            });
        if first.is_none() {
            if let Some(iin) = &draft.iin {
                self.iins.insert(iin.clone(), line);
            }
            if let Some(key) = name_phone {
                self.names_phones.insert(key, line);
            }
            self.rows.entry(hash).or_default().push(index);
        }
        first
    }
}

/// A row's content but for the badge code, to compare rows.
type RowContent<'a> = (
    &'a str,
    Option<&'a str>,
    Option<i32>,
    Option<&'a str>,
    &'a str,
    &'a str,
    &'a str,
    Role,
    Option<&'a str>,
    bool,
);

fn row_content(d: &ParticipantDraft) -> RowContent<'_> {
    (
        &d.full_name,
        d.phone.as_deref(),
        d.birth_year,
        d.iin.as_deref(),
        &d.region,
        &d.district,
        &d.organisation,
        d.role,
        d.delegation.as_deref(),
        d.head_of_delegation,
    )
}

/// A name for comparing: folded words in sorted order, so «Серікова Айгерім» and
/// «айгерім  серікова» are the same.
fn name_key(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(4);
    for word in name.split_whitespace() {
        let start = folded.len();
        fold_into(word, &mut folded);
        if folded.len() > start {
            bounds.push((start, folded.len()));
        }
    }
    let mut words: Vec<&str> = bounds.iter().map(|&(a, b)| &folded[a..b]).collect();
    words.sort_unstable();
    words.join(" ")
}

fn plan_row(
    record: csv::Record,
    mapping: &[Field],
    columns: usize,
    badges: &mut QuickMap<String, usize>,
) -> PlannedRow {
    let line = record.line;
    let mut errors: Vec<RowError> = Vec::new();
    let error = |errors: &mut Vec<RowError>, column: Option<Field>, kind: RowErrorKind| {
        errors.push(RowError { line, column, kind });
    };

    let mut values: [&str; Field::ALL.len()] = [""; Field::ALL.len()];
    for (cell, field) in record.fields.iter().zip(mapping) {
        let cell = csv::unneutralise(cell.trim()).trim();
        if *field != Field::Ignore && !cell.is_empty() && values[field.index()].is_empty() {
            values[field.index()] = cell;
        }
    }
    let value = |field: Field| values[field.index()];

    if record.fields.len() > columns {
        if let Some(last) = record.fields.iter().rposition(|c| !c.trim().is_empty()) {
            if last >= columns {
                error(
                    &mut errors,
                    None,
                    RowErrorKind::TooManyColumns {
                        expected: columns,
                        found: last + 1,
                    },
                );
            }
        }
    }

    let mut full_name = collapse_spaces(value(Field::FullName));
    if full_name.is_empty() {
        full_name = [Field::Surname, Field::GivenName, Field::Patronymic]
            .iter()
            .map(|f| collapse_spaces(value(*f)))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    if full_name.is_empty() {
        error(
            &mut errors,
            Some(Field::FullName),
            RowErrorKind::MissingName,
        );
    }

    let mut birth_year = None;
    for field in [Field::BirthYear, Field::BirthDate] {
        let raw = value(field);
        if raw.is_empty() {
            continue;
        }
        match parse_birth_year(raw) {
            Some(year) => birth_year = Some(year),
            None => error(
                &mut errors,
                Some(field),
                RowErrorKind::BadBirthYear(raw.to_string()),
            ),
        }
        break;
    }

    let phone = match value(Field::Phone) {
        "" => None,
        raw => match phone_of(raw) {
            Ok(phone) => Some(phone),
            Err(e) => {
                error(&mut errors, Some(Field::Phone), RowErrorKind::BadPhone(e));
                None
            }
        },
    };

    let iin = match value(Field::Iin) {
        "" => None,
        raw => match iin_of(raw, birth_year) {
            Ok(iin) => Some(iin),
            Err(e) => {
                error(&mut errors, Some(Field::Iin), RowErrorKind::BadIin(e));
                None
            }
        },
    };

    let role = match value(Field::Role) {
        "" => Role::Participant,
        raw => parse_role(raw).unwrap_or_else(|| {
            error(
                &mut errors,
                Some(Field::Role),
                RowErrorKind::UnknownRole(raw.to_string()),
            );
            Role::Participant
        }),
    };

    let head = value(Field::HeadOfDelegation);
    let head_of_delegation = parse_yes_no(head).unwrap_or_else(|| {
        error(
            &mut errors,
            Some(Field::HeadOfDelegation),
            RowErrorKind::BadYesNo(head.to_string()),
        );
        false
    });

    let badge = value(Field::BadgeCode);
    let badge_code = (!badge.is_empty()).then(|| badge.to_string());
    if let Some(code) = &badge_code {
        match badges.get(code) {
            Some(&first_line) => error(
                &mut errors,
                Some(Field::BadgeCode),
                RowErrorKind::DuplicateBadge { first_line },
            ),
            None => {
                badges.insert(code.clone(), line);
            }
        }
    }

    let text = |field: Field| collapse_spaces(value(field));
    let delegation = Some(text(Field::Delegation)).filter(|d| !d.is_empty());
    let draft = ParticipantDraft {
        full_name,
        phone,
        birth_year,
        iin,
        region: text(Field::Region),
        district: text(Field::District),
        organisation: text(Field::Organisation),
        role,
        delegation,
        head_of_delegation,
        badge_code,
    };

    let outcome = if errors.is_empty() {
        Ok(draft)
    } else {
        Err(errors)
    };
    PlannedRow {
        line,
        cells: record.fields,
        outcome,
        duplicates: Vec::new(),
    }
}

/// Whether `text` has no whitespace but single spaces between words (a quick,
/// conservative check on bytes: any byte that may start a non-ASCII space says no).
fn is_tidy(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for &b in bytes {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1C..=0x1F => return false,
            // Lead bytes of U+0085, U+00A0 (0xC2), U+1680 (0xE1), U+2000–U+205F (0xE2),
            // U+3000 (0xE3).
            0xC2 | 0xE1 | 0xE2 | 0xE3 => return false,
            _ => after_space = false,
        }
    }
    true
}

fn collapse_spaces(text: &str) -> String {
    if is_tidy(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A phone cell: the number, or, when a cell lists several (`8 701…, 8 777…`), the
/// first of them.
fn phone_of(raw: &str) -> Result<String, PhoneError> {
    normalize_phone(raw).or_else(|e| {
        match raw
            .split([',', ';', '/'])
            .map(str::trim)
            .find(|p| !p.is_empty())
        {
            Some(first) if first.len() < raw.len() => normalize_phone(first),
            _ => Err(e),
        }
    })
}

/// An IIN cell. A spreadsheet that took the IIN for a number drops its leading zero
/// (everyone born 2000–2009): eleven digits are tried with the zero put back, and kept
/// only if the check digit then agrees.
fn iin_of(raw: &str, birth_year: Option<i32>) -> Result<String, IinError> {
    check_iin(raw, birth_year).or_else(|e| {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() == 11 && digits.bytes().all(|b| b.is_ascii_digit()) {
            check_iin(&format!("0{digits}"), birth_year).map_err(|_| e)
        } else {
            Err(e)
        }
    })
}

/// The people of a forum as a CSV file for a spreadsheet: UTF-8 with a byte order mark,
/// `;`-separated, CRLF, a header row in `lang`, and the columns full name, phone, birth
/// year, region, district, organisation, role, delegation, head of delegation, badge
/// code, checked in (yes/no in `lang`). Deleted people are left out. Every cell is
/// [`csv::neutralise`]d.
///
/// The IIN is deliberately not exported (data minimisation: an exported list is mailed
/// and printed, and nobody handling it needs the IIN).
pub fn export(people: &[Participant], checked_in: impl Fn(Uuid) -> bool, lang: Lang) -> String {
    let header: Vec<&str> = EXPORT_FIELDS
        .iter()
        .map(|f| f.label(lang))
        .chain(std::iter::once(pick(
            lang,
            "Тіркелді",
            "Прошёл регистрацию",
            "Checked in",
        )))
        .collect();
    let rows = people.iter().filter(|p| !p.meta.deleted).map(|p| {
        let cells: [String; 11] = [
            p.full_name.clone(),
            p.phone.clone().unwrap_or_default(),
            p.birth_year.map(|y| y.to_string()).unwrap_or_default(),
            p.region.clone(),
            p.district.clone(),
            p.organisation.clone(),
            role_label(p.role, lang).to_string(),
            p.delegation.clone().unwrap_or_default(),
            yes_no(p.head_of_delegation, lang).to_string(),
            p.badge_code.clone(),
            yes_no(checked_in(p.meta.id), lang).to_string(),
        ];
        cells.map(|c| csv::neutralise(&c).into_owned())
    });
    let header_row = header
        .iter()
        .map(|h| csv::neutralise(h).into_owned())
        .collect::<Vec<_>>();
    csv::write(
        std::iter::once(header_row).chain(rows.map(Vec::from)),
        Separator::Semicolon,
        true,
    )
}

/// The exported columns before "checked in", in order.
pub const EXPORT_FIELDS: [Field; 10] = [
    Field::FullName,
    Field::Phone,
    Field::BirthYear,
    Field::Region,
    Field::District,
    Field::Organisation,
    Field::Role,
    Field::Delegation,
    Field::HeadOfDelegation,
    Field::BadgeCode,
];
