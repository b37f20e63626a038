//! CSV text: decoding the bytes of a file, finding its separator, parsing it into
//! records and writing records back. Generic: nothing here knows about participants
//! (see [`crate::participant_csv`] for that).
//!
//! - [`decode`] reads UTF-8 (with or without a byte order mark), UTF-16 with a byte order
//!   mark (Excel's "Unicode text"), and otherwise Windows-1251, the code page of
//!   Russian-language Windows and of many lists made there. It never fails.
//! - [`detect_separator`] picks `;`, `,` or tab from the first records.
//! - [`parse`] follows RFC 4180 (quotes, `""` inside quotes, separators and line breaks
//!   inside quotes, CRLF, LF or CR line ends) and is lenient where real files are not
//!   (a stray quote inside an unquoted cell is kept as text; text after a closing quote
//!   is appended to the cell). Every record keeps the 1-based line of the file it starts
//!   on, so messages can point at the line a person sees in their editor. Empty lines are
//!   skipped. The only error is a quote that is never closed.
//! - [`write()`] quotes only the cells that need it and ends every line with CRLF, as Excel
//!   does; [`neutralise`] keeps a spreadsheet from running a cell as a formula.
//!
//! Nothing here panics, whatever the bytes; parsing is one pass over the text.

use std::borrow::Cow;

/// How the bytes of a file were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark (Excel's "CSV UTF-8"); the mark is dropped.
    Utf8Bom,
    /// UTF-16, little-endian, with a byte order mark (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16, big-endian, with a byte order mark.
    Utf16Be,
    /// Windows-1251 (Cyrillic), assumed for any file that is not valid UTF-8.
    Windows1251,
}

/// A file's text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The characters of Windows-1251 bytes `0x80..=0xFF`. Byte `0x98` is not assigned in
/// the code page; it reads as U+FFFD (the replacement character).
const WINDOWS_1251_HIGH: [char; 128] = [
    // 0x80
    '\u{0402}', '\u{0403}', '\u{201A}', '\u{0453}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    // 0x88
    '\u{20AC}', '\u{2030}', '\u{0409}', '\u{2039}', '\u{040A}', '\u{040C}', '\u{040B}', '\u{040F}',
    // 0x90
    '\u{0452}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    // 0x98 (undefined), 0x99..
    '\u{FFFD}', '\u{2122}', '\u{0459}', '\u{203A}', '\u{045A}', '\u{045C}', '\u{045B}', '\u{045F}',
    // 0xA0
    '\u{00A0}', '\u{040E}', '\u{045E}', '\u{0408}', '\u{00A4}', '\u{0490}', '\u{00A6}', '\u{00A7}',
    // 0xA8
    '\u{0401}', '\u{00A9}', '\u{0404}', '\u{00AB}', '\u{00AC}', '\u{00AD}', '\u{00AE}', '\u{0407}',
    // 0xB0
    '\u{00B0}', '\u{00B1}', '\u{0406}', '\u{0456}', '\u{0491}', '\u{00B5}', '\u{00B6}', '\u{00B7}',
    // 0xB8
    '\u{0451}', '\u{2116}', '\u{0454}', '\u{00BB}', '\u{0458}', '\u{0405}', '\u{0455}', '\u{0457}',
    // 0xC0: А..З
    '\u{0410}', '\u{0411}', '\u{0412}', '\u{0413}', '\u{0414}', '\u{0415}', '\u{0416}', '\u{0417}',
    // 0xC8: И..П
    '\u{0418}', '\u{0419}', '\u{041A}', '\u{041B}', '\u{041C}', '\u{041D}', '\u{041E}', '\u{041F}',
    // 0xD0: Р..Ч
    '\u{0420}', '\u{0421}', '\u{0422}', '\u{0423}', '\u{0424}', '\u{0425}', '\u{0426}', '\u{0427}',
    // 0xD8: Ш..Я
    '\u{0428}', '\u{0429}', '\u{042A}', '\u{042B}', '\u{042C}', '\u{042D}', '\u{042E}', '\u{042F}',
    // 0xE0: а..з
    '\u{0430}', '\u{0431}', '\u{0432}', '\u{0433}', '\u{0434}', '\u{0435}', '\u{0436}', '\u{0437}',
    // 0xE8: и..п
    '\u{0438}', '\u{0439}', '\u{043A}', '\u{043B}', '\u{043C}', '\u{043D}', '\u{043E}', '\u{043F}',
    // 0xF0: р..ч
    '\u{0440}', '\u{0441}', '\u{0442}', '\u{0443}', '\u{0444}', '\u{0445}', '\u{0446}', '\u{0447}',
    // 0xF8: ш..я
    '\u{0448}', '\u{0449}', '\u{044A}', '\u{044B}', '\u{044C}', '\u{044D}', '\u{044E}', '\u{044F}',
];

/// Reads the bytes of a file as text.
///
/// Order: a UTF-8 byte order mark (the rest is read as UTF-8, invalid sequences
/// replaced by U+FFFD); a UTF-16 byte order mark (little- or big-endian, unpaired
/// surrogates and an odd last byte replaced by U+FFFD); valid UTF-8; otherwise
/// Windows-1251. The byte order mark is not part of the text.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return Decoded {
            text: String::from_utf8_lossy(rest).into_owned(),
            encoding: Encoding::Utf8Bom,
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Decoded {
            text: decode_utf16(rest, u16::from_le_bytes),
            encoding: Encoding::Utf16Le,
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Decoded {
            text: decode_utf16(rest, u16::from_be_bytes),
            encoding: Encoding::Utf16Be,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            encoding: Encoding::Utf8,
        },
        Err(_) => Decoded {
            text: decode_windows_1251(bytes),
            encoding: Encoding::Windows1251,
        },
    }
}

/// Reads Windows-1251 bytes (every byte is one character).
pub fn decode_windows_1251(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b < 0x80 {
                char::from(b)
            } else {
                WINDOWS_1251_HIGH[usize::from(b - 0x80)]
            }
        })
        .collect()
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// The separator between cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Separator {
    /// `;`: what Excel writes where the decimal separator is a comma (Kazakhstan,
    /// Russia), so the most common in the lists Jiyn meets.
    Semicolon,
    /// `,`
    Comma,
    /// A tab (Excel's "Unicode text", copies from a spreadsheet).
    Tab,
}

impl Separator {
    pub const ALL: [Separator; 3] = [Separator::Semicolon, Separator::Comma, Separator::Tab];

    pub fn as_char(self) -> char {
        match self {
            Separator::Semicolon => ';',
            Separator::Comma => ',',
            Separator::Tab => '\t',
        }
    }

    pub fn from_char(c: char) -> Option<Separator> {
        Separator::ALL.into_iter().find(|s| s.as_char() == c)
    }

    fn byte(self) -> u8 {
        self.as_char() as u8
    }

    /// Which separator wins a tie: a tab hardly ever occurs inside text, a comma often.
    fn priority(self) -> u8 {
        match self {
            Separator::Tab => 2,
            Separator::Semicolon => 1,
            Separator::Comma => 0,
        }
    }
}

/// How many records [`detect_separator`] looks at.
pub const DETECT_RECORDS: usize = 20;

/// Guesses the separator from the first [`DETECT_RECORDS`] non-empty records.
///
/// Each candidate is counted per record, outside quotes. The winner is the candidate
/// found in the most records; then the one whose count is the same (its most frequent
/// non-zero count) in the most records; then tab over `;` over `,`. A text with none of
/// them (a one-column list) gets [`Separator::Semicolon`]. Excel's `sep=;` first line
/// ([`sep_hint`]) decides when present.
pub fn detect_separator(text: &str) -> Separator {
    if let Some(sep) = sep_hint(text) {
        return sep;
    }
    let mut per_record: Vec<[usize; 3]> = Vec::new();
    let mut current = [0usize; 3];
    let mut in_quotes = false;
    let mut non_empty = false;
    for b in text.bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
            non_empty = true;
            continue;
        }
        if in_quotes {
            continue;
        }
        match b {
            b'\r' | b'\n' => {
                if non_empty {
                    per_record.push(current);
                    if per_record.len() >= DETECT_RECORDS {
                        break;
                    }
                }
                current = [0; 3];
                non_empty = false;
            }
            _ => {
                non_empty = true;
                if let Some(k) = Separator::ALL.iter().position(|s| s.byte() == b) {
                    current[k] += 1;
                }
            }
        }
    }
    if non_empty && per_record.len() < DETECT_RECORDS {
        per_record.push(current);
    }
    Separator::ALL
        .into_iter()
        .enumerate()
        .filter_map(|(k, sep)| {
            let counts: Vec<usize> = per_record.iter().map(|c| c[k]).filter(|&c| c > 0).collect();
            if counts.is_empty() {
                return None;
            }
            let mode = most_frequent(&counts);
            let consistent = counts.iter().filter(|&&c| c == mode).count();
            Some(((counts.len(), consistent, sep.priority()), sep))
        })
        .max_by_key(|(score, _)| *score)
        .map_or(Separator::Semicolon, |(_, sep)| sep)
}

/// The separator named by Excel's optional first line `sep=;` (or `sep=,`, `sep=<tab>`).
///
/// [`parse`] reads that line as an ordinary record (line 1, cells `sep=` and an empty
/// one); callers that honour the hint drop it.
pub fn sep_hint(text: &str) -> Option<Separator> {
    let rest = text.strip_prefix("sep=")?;
    let mut chars = rest.chars();
    let sep = Separator::from_char(chars.next()?)?;
    match chars.next() {
        None | Some('\r') | Some('\n') => Some(sep),
        _ => None,
    }
}

/// The most frequent value (the larger one on a tie); `values` is not empty.
fn most_frequent(values: &[usize]) -> usize {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mut best = (0usize, 0usize);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&v| v == sorted[i]).count() + i;
        if j - i >= best.0 {
            best = (j - i, sorted[i]);
        }
        i = j;
    }
    best.1
}

/// One record of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line of the file on which the record starts (line breaks inside quoted
    /// cells count, so a record after a multi-line cell has a larger number than its
    /// position).
    pub line: usize,
    pub fields: Vec<String>,
}

/// Why a text could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// A cell opens a quote that the file never closes (everything after it would be one
    /// cell); `line` is where the quote opens.
    #[error("line {line}: a quoted cell is never closed")]
    UnterminatedQuote { line: usize },
}

/// Parses a whole text into records (see the module documentation for the rules).
pub fn parse(text: &str, sep: Separator) -> Result<Vec<Record>, CsvError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        sep: sep.byte(),
    };
    let mut records = Vec::new();
    while let Some(record) = parser.record()? {
        records.push(record);
    }
    Ok(records)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    sep: u8,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Consumes one line break (CRLF, LF or CR) at the current position, if any.
    fn line_break(&mut self) -> bool {
        match self.peek() {
            Some(b'\r') => {
                self.pos += 1;
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
                self.line += 1;
                true
            }
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                true
            }
            _ => false,
        }
    }

    fn record(&mut self) -> Result<Option<Record>, CsvError> {
        while self.line_break() {}
        if self.pos >= self.bytes.len() {
            return Ok(None);
        }
        let line = self.line;
        let mut fields = Vec::new();
        loop {
            let field = self.field()?;
            fields.push(field);
            match self.peek() {
                Some(b) if b == self.sep => self.pos += 1,
                _ => {
                    self.line_break();
                    break;
                }
            }
        }
        Ok(Some(Record { line, fields }))
    }

    /// One cell, up to (not including) the separator or line break that ends it.
    fn field(&mut self) -> Result<String, CsvError> {
        let mut field = String::new();
        if self.peek() == Some(b'"') {
            let open_line = self.line;
            self.pos += 1;
            loop {
                let start = self.pos;
                let mut end = None;
                while let Some(b) = self.peek() {
                    match b {
                        b'"' => {
                            end = Some(self.pos);
                            break;
                        }
                        b'\r' => self.line += 1,
                        b'\n' if self.pos == 0 || self.bytes[self.pos - 1] != b'\r' => {
                            self.line += 1;
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
                let Some(end) = end else {
                    return Err(CsvError::UnterminatedQuote { line: open_line });
                };
                field.push_str(&self.text[start..end]);
                self.pos = end + 1;
                if self.peek() == Some(b'"') {
                    field.push('"');
                    self.pos += 1;
                } else {
                    break;
                }
            }
        }
        // Unquoted text, or what follows a closing quote (kept, leniently).
        let start = self.pos;
        while let Some(b) = self.peek() {
            if b == self.sep || b == b'\r' || b == b'\n' {
                break;
            }
            self.pos += 1;
        }
        field.push_str(&self.text[start..self.pos]);
        Ok(field)
    }
}

/// Whether a cell must be quoted to survive a round trip.
fn needs_quotes(cell: &str, sep: Separator) -> bool {
    cell.bytes()
        .any(|b| b == sep.byte() || b == b'"' || b == b'\r' || b == b'\n')
}

/// Writes records as CSV text: cells quoted only when they hold the separator, a quote
/// or a line break (and a row of one empty cell, which would otherwise be an empty line
/// that [`parse`] skips), every line ended with CRLF, and a UTF-8 byte order mark first
/// when `bom` is set (so Excel reads the file as UTF-8).
///
/// Cells are written as given: pass them through [`neutralise`] first when the file is
/// meant for a spreadsheet. A row with no cells becomes an empty line, which does not
/// read back.
pub fn write<I, R, C>(rows: I, sep: Separator, bom: bool) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = String::new();
    if bom {
        out.push('\u{FEFF}');
    }
    for row in rows {
        let mut count = 0usize;
        let mut only_empty = true;
        for cell in row {
            let cell = cell.as_ref();
            if count > 0 {
                out.push(sep.as_char());
            }
            count += 1;
            only_empty &= cell.is_empty();
            if needs_quotes(cell, sep) {
                out.push('"');
                for ch in cell.chars() {
                    if ch == '"' {
                        out.push('"');
                    }
                    out.push(ch);
                }
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        if count == 1 && only_empty {
            out.push_str("\"\"");
        }
        out.push_str("\r\n");
    }
    out
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
/// injection"): `=`, `+`, `-`, `@`, tab and carriage return.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell made safe for a spreadsheet: one that begins with a formula trigger gets a
/// leading `'`, so it is shown as text and never run. Other cells are returned as they
/// are. (A phone number `+7…` is exported as `'+7…`; [`unneutralise`] undoes it on
/// import.)
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_TRIGGERS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Undoes [`neutralise`]: a cell that is `'` followed by a formula trigger loses the `'`.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_TRIGGERS) => rest,
        _ => cell,
    }
}
