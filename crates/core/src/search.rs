//! Finding people at the desk: one folding for stored names and typed queries, and a
//! ranked search index.
//!
//! # Folding
//!
//! [`fold`] turns a name, or what someone typed, into a search key: a reduced Latin
//! phonetic skeleton, so that Kazakh Cyrillic, Russian-keyboard substitutes, the three
//! Kazakh Latin alphabets (2017 apostrophes, 2018 acute accents, 2021 diacritics) and
//! ICAO passport transliteration all give the same key. «Ақбота Оқасова», `Акбота
//! Окасова`, `Aqbota Oqasova` all fold to `akbota okasova`; «Жеңіс», `Женис`, `Jeñıs`,
//! `Jen'is`, `Jeńis`, `Zhenis` all fold to `jenis`.
//!
//! Rules, applied to the lower-cased text:
//!
//! - Cyrillic: а ә→a, б→b, в→v, г ғ ґ→g, д→d, е ё э є→e, ж җ→j, з→z, и й і ї ы→i,
//!   к қ→k, л→l, м→m, н ң→n, о ө→o, п→p, р→r, с→s, т→t, у ұ ү ў→u, ф→f, х һ ҳ→h,
//!   ц→ts, ч→ch, ш щ→sh, ю→iu, я→ia; ъ and ь are dropped.
//! - Latin: q→k (Kazakh Latin Q is Қ), y→i (Y is Ы in every Kazakh Latin alphabet and
//!   Й in passports), w→v, x→ks (Maxim = Максим; no Kazakh Latin alphabet uses X),
//!   c→ch (C only ever stands for Ч in the Kazakh alphabets: 2017 C', 2021 Ç, and a bare
//!   C is how people type Ç without the cedilla).
//! - Diacritics are stripped (ä→a, ğ ǵ→g, ñ ń→n, ö ó→o, ū ü ú→u, ı→i, á→a, …), except
//!   where the accented letter is another sound: ş ś š ș→sh, ç ć č→ch, ž→zh (so j),
//!   and ý→u (2018: Ý is У). ß→ss, æ→ae, œ→oe. Combining accents (U+0300–U+036F and
//!   the other combining blocks) are dropped, after composing the few pairs that change
//!   the letter (s + acute/cedilla/caron/comma, z + caron, y + acute), so decomposed
//!   text folds like precomposed text.
//! - Apostrophes (' ’ ‘ ʼ ʻ ` ´ ′ ʹ) are dropped, never a word break. After `s` one
//!   makes `sh` and after `y` one makes `u` (2017: S' is Ш, Y' is У); C' is already
//!   `ch`, and A' G' N' O' U' I' just lose the mark.
//! - Latin digraphs, applied on the folded stream (so they work across scripts): zh→j,
//!   kh→h, gh→g, shch→sh (ICAO Щ), and zj→j (`зж` in ICAO is `zzh`, in 2021 `zj`);
//!   `ch`, `sh`, `ts`, `iu`, `ia` stay as they are.
//! - A word that starts with `ie` starts with `e` instead (`Yerlan`, the older
//!   passport spelling, = `Ерлан`).
//! - Doubled Latin letters collapse (`Ахмеддин` = `Ahmedin`, `Мария` = `Mariia`).
//!   Digits are kept and never collapsed.
//! - Letters and digits of other scripts are kept as they are (lower-cased).
//! - Everything else (spaces, hyphens, punctuation, symbols) separates words; words
//!   are joined by one space, with no space at either end. Soft hyphens and zero-width
//!   characters are dropped without separating.
//!
//! Known conflations, accepted because they only widen a match: `сх` = `ш` (both
//! `sh`), `кх` = `х`, `зх` = `ж`, `тс` = `ц`, `йа` = `я`, `йу` = `ю`, ё = е, щ = ш.
//! Latin `j` is always Ж (never the German/English `ju` = Ю).
//!
//! The result is idempotent: `fold(fold(x)) == fold(x)`, because every rewrite looks at
//! what is already in the output, and the output contains none of the patterns that
//! trigger a rewrite (no q, x, y, w, lone c, kh, zh, zj, gh, shch, doubled letters or
//! word-initial `ie`).
//!
//! # Search
//!
//! [`SearchIndex`] folds every name once at build time into one byte buffer of words
//! with offsets; a keystroke folds only the query and scans that buffer. Every query
//! word must match a different name word, in any order, as (best first) the whole
//! word, a prefix of it, the whole word with one typo (Damerau–Levenshtein distance 1,
//! query words of 4+ letters, as typed or as folded before doubled letters collapse),
//! or a prefix of it with one typo (query words of 5+ letters). A typo may also
//! add, drop or replace one of the two-letter foldings of one Cyrillic letter (`sh`,
//! `ch`, `ts`, `iu`, `ia`), so `Ыңғыс` still finds `Шыңғыс`. A query that looks like a phone number (4+ digits and
//! only digits, spaces, `+ - ( ) .`) matches phone digits instead; one that spells a
//! badge code (case-insensitive, Crockford: O reads as 0, I and L as 1) finds that
//! badge first, and 4+ leading characters of a badge code also match. See
//! [`SearchIndex::search`] for the ranking.

/// Folds text to its search key: lower case, every alphabet and keyboard variant of a
/// Kazakh or Russian name to one spelling, words separated by single spaces (see the
/// module documentation for the rules). Idempotent.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    Folder::new(&mut out, true).feed(text);
    out
}

/// The folding state machine: lower-cased characters go in, canonical words come out.
struct Folder<'o> {
    out: &'o mut String,
    /// Whether doubled Latin letters collapse (off only for the typo fallback).
    collapse: bool,
    /// Byte offset in `out` where the current word starts.
    word_start: usize,
    /// A separator was seen since the last character written.
    gap: bool,
    /// The last letter read, not yet written: a combining accent or an apostrophe
    /// after it may still change it.
    pending: Option<char>,
    /// The last letter written was a `c` (written as `ch`).
    after_c: bool,
}

impl<'o> Folder<'o> {
    fn new(out: &'o mut String, collapse: bool) -> Self {
        let word_start = out.len();
        Folder {
            out,
            collapse,
            word_start,
            gap: false,
            pending: None,
            after_c: false,
        }
    }

    fn feed(mut self, text: &str) {
        for c in text.chars() {
            if c.is_ascii() {
                self.step(c.to_ascii_lowercase());
            } else {
                for l in c.to_lowercase() {
                    self.step(l);
                }
            }
        }
        self.flush();
    }

    fn step(&mut self, c: char) {
        match c {
            c if is_combining(c) => self.pending = self.pending.map(|p| compose(p, c)),
            c if is_apostrophe(c) => {
                self.pending = self.pending.map(|p| match p {
                    's' => 'ş',
                    'y' => 'ý',
                    p => p,
                });
            }
            c if is_invisible(c) => {}
            c if c.is_alphanumeric() => {
                self.flush();
                self.pending = Some(c);
            }
            _ => {
                self.flush();
                self.gap = true;
            }
        }
    }

    fn flush(&mut self) {
        let Some(p) = self.pending.take() else { return };
        match map_char(p) {
            Some(latin) => {
                for b in latin.bytes() {
                    self.push_letter(b);
                }
            }
            None => {
                self.start_word();
                self.out.push(p);
            }
        }
    }

    /// Writes the word separator if one is due.
    fn start_word(&mut self) {
        if self.gap {
            if self.out.len() > self.word_start {
                self.out.push(' ');
                self.word_start = self.out.len();
            }
            self.gap = false;
        }
    }

    fn last(&self) -> Option<u8> {
        self.out.as_bytes()[self.word_start..].last().copied()
    }

    /// Appends one ASCII letter, applying the digraph and collapse rules against what
    /// the current word already holds.
    fn push_letter(&mut self, b: u8) {
        let after_c = std::mem::take(&mut self.after_c) && !self.gap;
        self.start_word();
        let last = self.last();
        match b {
            // The `h` of a `ch` (already written with the `c`).
            b'h' if after_c => {}
            b'h' => match last {
                Some(b'k') => self.replace_last(b'h'),
                Some(b'z') => self.replace_last(b'j'),
                Some(b'g') => {}
                Some(b'h') if self.collapse => {}
                _ => self.out.push('h'),
            },
            b'c' => {
                if !self.out.as_bytes()[self.word_start..].ends_with(b"sh") {
                    self.out.push_str("ch");
                }
                self.after_c = true;
            }
            b'j' if last == Some(b'z') => self.replace_last(b'j'),
            b'e' if &self.out.as_bytes()[self.word_start..] == b"i" => self.replace_last(b'e'),
            _ => {
                if !(self.collapse && last == Some(b) && b.is_ascii_lowercase()) {
                    self.out.push(char::from(b));
                }
            }
        }
    }

    fn replace_last(&mut self, b: u8) {
        self.out.pop();
        self.push_letter(b);
    }
}

fn is_combining(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36f}'
            | '\u{483}'..='\u{489}'
            | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}'
            | '\u{fe20}'..='\u{fe2f}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{b4}'
            | '\u{2b9}'
            | '\u{2bb}'
            | '\u{2bc}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{2032}'
    )
}

/// Characters dropped without separating words: soft hyphen, zero-width characters,
/// word joiner, byte order mark, variation selectors.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' | '\u{fe00}'..='\u{fe0f}'
    )
}

/// A letter followed by a combining accent, where the accent makes it another sound.
fn compose(p: char, mark: char) -> char {
    match (p, mark) {
        ('s', '\u{301}' | '\u{327}' | '\u{30c}' | '\u{326}') => 'ş',
        ('z', '\u{30c}') => 'ž',
        ('y', '\u{301}') => 'ý',
        (p, _) => p,
    }
}

/// One lower-case letter or digit as folded Latin letters, or `None` to keep it as is.
fn map_char(c: char) -> Option<&'static str> {
    Some(match c {
        'a'..='z' => match c {
            'q' => "k",
            'x' => "ks",
            'y' => "i",
            'w' => "v",
            _ => ASCII_LETTERS[(c as usize) - ('a' as usize)],
        },
        // Latin with diacritics.
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ǵ' | 'ģ' | 'ĝ' | 'ġ' | 'ǧ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'ĵ' => "j",
        'ķ' | 'ǩ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŋ' | 'ǹ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ſ' => "s",
        'ś' | 'ş' | 'š' | 'ș' | 'ŝ' => "sh",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' | 'ŧ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => {
            "u"
        }
        'ý' => "u",
        'ŵ' => "v",
        'ÿ' | 'ŷ' => "i",
        'ź' | 'ż' => "z",
        'ž' => "zh",
        'þ' => "th",
        // Cyrillic (Kazakh, Russian, and the neighbours' extra letters).
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' | 'є' => "e",
        // Through `z` + `h`, so that `зж` = `zzh` (ICAO) = `zj` (2021) = `j`.
        'ж' | 'җ' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' | 'ї' | 'ы' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' | 'ў' => "u",
        'ф' => "f",
        'х' | 'һ' | 'ҳ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ю' => "iu",
        'я' => "ia",
        'ъ' | 'ь' => "",
        _ => return None,
    })
}

const ASCII_LETTERS: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

/// One person as the index sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Full name as stored, in any script.
    pub name: &'a str,
    /// Phone number in any format (`+7 701 234 56 78`, `8 (701) 234-56-78`, …).
    pub phone: Option<&'a str>,
    /// Badge code (8 characters of Crockford base-32, e.g. `K7Q2M9XA`).
    pub badge: &'a str,
}

/// How a hit matched: the best way among badge, phone and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchKind {
    /// The query is this person's badge code.
    Badge,
    /// The query is the first 4 or more characters of this person's badge code.
    BadgePrefix,
    /// The query's digits occur in this person's phone number.
    Phone,
    /// Every query word matched a different name word; this is the weakest of those
    /// word matches.
    Name(WordMatch),
}

/// How one query word matched one name word, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WordMatch {
    /// The whole name word.
    Exact,
    /// The beginning of the name word.
    Prefix,
    /// The whole name word, with one typo (a letter added, missing, wrong, or two
    /// neighbours swapped).
    Typo,
    /// The beginning of the name word, with one typo.
    TypoPrefix,
}

/// One search result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hit {
    /// Position of the person in the entries the index was built from.
    pub slot: u32,
    /// Higher is better; only meaningful against other hits of the same search.
    pub score: u32,
    /// How the person matched.
    pub why: MatchKind,
}

/// At most this many query words take part in name matching (the rest are ignored).
pub const MAX_QUERY_WORDS: usize = 8;
/// At most this many words of a name can be matched (later words still count towards
/// the name's length).
pub const MAX_NAME_WORDS: usize = 16;

const NO_MATCH: u8 = u8::MAX;
/// Cost of a word match by [`WordMatch`] rank: powers of 9, so that with at most 8
/// query words the total cost orders matches by their number of typo-prefix, then
/// typo, then prefix matches (the base-9 digits of the cost are those counts).
const COST: [u16; 4] = [1, 9, 81, 729];
const WORD_MATCHES: [WordMatch; 4] = [
    WordMatch::Exact,
    WordMatch::Prefix,
    WordMatch::Typo,
    WordMatch::TypoPrefix,
];

const TIER_BADGE: u32 = 3;
const TIER_NAME: u32 = 2;
const TIER_PHONE: u32 = 1;
const TIER_BADGE_PREFIX: u32 = 0;

/// A search index over a registration desk's people, built once (a few milliseconds
/// for 50,000 people) and searched on every keystroke.
///
/// Storage is a handful of flat vectors: the folded name words of everyone back to
/// back in one byte buffer with end offsets, and likewise the phone digits and the
/// normalised badge codes.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Folded name words, back to back without separators.
    text: Vec<u8>,
    /// End offset in `text` of each word (a word starts where the previous one ends).
    word_end: Vec<u32>,
    /// End index in `word_end` of each entry's words.
    entry_words_end: Vec<u32>,
    /// National phone digits, back to back.
    phones: Vec<u8>,
    /// End offset in `phones` of each entry's digits (empty when no phone).
    phone_end: Vec<u32>,
    /// Normalised badge codes, back to back.
    badges: Vec<u8>,
    /// End offset in `badges` of each entry's code.
    badge_end: Vec<u32>,
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("search index larger than 4 GiB")
}

impl SearchIndex {
    /// Builds the index; entry `i` gets slot `i`.
    pub fn build<'a>(entries: impl IntoIterator<Item = Entry<'a>>) -> Self {
        let entries = entries.into_iter();
        let (n, _) = entries.size_hint();
        let mut ix = SearchIndex {
            text: Vec::with_capacity(n * 14),
            word_end: Vec::with_capacity(n * 5 / 2),
            entry_words_end: Vec::with_capacity(n),
            phones: Vec::with_capacity(n * 10),
            phone_end: Vec::with_capacity(n),
            badges: Vec::with_capacity(n * 8),
            badge_end: Vec::with_capacity(n),
        };
        let mut scratch = String::new();
        let mut digits = Vec::new();
        for e in entries {
            scratch.clear();
            Folder::new(&mut scratch, true).feed(e.name);
            for w in scratch.split(' ').filter(|w| !w.is_empty()) {
                ix.text.extend_from_slice(w.as_bytes());
                ix.word_end.push(offset(ix.text.len()));
            }
            ix.entry_words_end.push(offset(ix.word_end.len()));

            digits.clear();
            digits.extend(e.phone.unwrap_or("").bytes().filter(u8::is_ascii_digit));
            ix.phones.extend_from_slice(national(&digits));
            ix.phone_end.push(offset(ix.phones.len()));

            ix.badges.extend(badge_bytes(e.badge));
            ix.badge_end.push(offset(ix.badges.len()));
        }
        ix
    }

    /// Number of people indexed.
    pub fn len(&self) -> usize {
        self.entry_words_end.len()
    }

    /// Whether nobody is indexed.
    pub fn is_empty(&self) -> bool {
        self.entry_words_end.is_empty()
    }

    /// The folded name of the person in `slot` (words joined by spaces), or `None` when
    /// there is no such slot.
    pub fn folded_name(&self, slot: u32) -> Option<String> {
        let e = usize::try_from(slot).ok()?;
        if e >= self.len() {
            return None;
        }
        let words: Vec<&str> = self
            .entry_words(e)
            .map(|w| std::str::from_utf8(self.word(w)).unwrap_or_default())
            .collect();
        Some(words.join(" "))
    }

    fn entry_words(&self, e: usize) -> std::ops::Range<usize> {
        let start = if e == 0 {
            0
        } else {
            self.entry_words_end[e - 1] as usize
        };
        start..self.entry_words_end[e] as usize
    }

    fn word(&self, w: usize) -> &[u8] {
        let start = if w == 0 {
            0
        } else {
            self.word_end[w - 1] as usize
        };
        &self.text[start..self.word_end[w] as usize]
    }

    fn span(ends: &[u32], e: usize) -> std::ops::Range<usize> {
        let start = if e == 0 { 0 } else { ends[e - 1] as usize };
        start..ends[e] as usize
    }

    /// All people matching `query`, best first; ties in slot order. An empty or blank
    /// query gives no hits.
    ///
    /// Ranking, best first:
    /// 1. the query is a person's badge code;
    /// 2. name matches: fewest typo-prefix word matches, then fewest typo matches, then
    ///    fewest prefix matches (so all-exact first); then fewest name words the query
    ///    left unmatched; then names whose words the query gave in their stored order
    ///    (surname-first queries still match, just after an equal in-order match);
    ///    then the shortest folded name;
    /// 3. phone matches: the whole national number, then its beginning, then digits
    ///    anywhere in it;
    /// 4. badge codes starting with the query (4+ characters).
    ///
    /// A query of phone characters only (4+ digits) is not matched against names.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        if query.trim().is_empty() {
            return hits;
        }
        let mut sources = 0;
        if let Some(code) = badge_query(query) {
            sources += 1;
            self.search_badge(&code, &mut hits);
        }
        if let Some(phone) = PhoneQuery::parse(query) {
            sources += 1;
            self.search_phone(&phone, &mut hits);
        } else {
            sources += 1;
            self.search_name(query, &mut hits);
        }
        if sources > 1 && !hits.is_empty() {
            // One hit per person: the best.
            hits.sort_unstable_by_key(|h| (h.slot, std::cmp::Reverse(h.score)));
            hits.dedup_by_key(|h| h.slot);
        }
        hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), h.slot));
        hits
    }

    fn search_badge(&self, code: &[u8], hits: &mut Vec<Hit>) {
        for e in 0..self.len() {
            let badge = &self.badges[Self::span(&self.badge_end, e)];
            let (tier, why) = if badge == code {
                (TIER_BADGE, MatchKind::Badge)
            } else if badge.starts_with(code) {
                (TIER_BADGE_PREFIX, MatchKind::BadgePrefix)
            } else {
                continue;
            };
            hits.push(Hit {
                slot: offset(e),
                score: tier << 28,
                why,
            });
        }
    }

    fn search_phone(&self, q: &PhoneQuery, hits: &mut Vec<Hit>) {
        for e in 0..self.len() {
            let phone = &self.phones[Self::span(&self.phone_end, e)];
            if phone.is_empty() {
                continue;
            }
            let quality = if phone == q.national {
                2
            } else if phone.starts_with(&q.national)
                || q.anchored.as_deref().is_some_and(|a| phone.starts_with(a))
            {
                1
            } else if phone.windows(q.digits.len()).any(|w| w == q.digits) {
                0
            } else {
                continue;
            };
            hits.push(Hit {
                slot: offset(e),
                score: TIER_PHONE << 28 | quality << 24,
                why: MatchKind::Phone,
            });
        }
    }

    fn search_name(&self, query: &str, hits: &mut Vec<Hit>) {
        let words = QueryWord::parse(query);
        let m = words.len();
        if m == 0 {
            return;
        }
        // Check the most selective (longest) query word first.
        let mut order: Vec<usize> = (0..m).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(words[i].folded.len()));

        let mut grades = [[NO_MATCH; MAX_NAME_WORDS]; MAX_QUERY_WORDS];
        'entries: for e in 0..self.len() {
            let range = self.entry_words(e);
            let n_all = range.len();
            if n_all < m {
                continue;
            }
            let n = n_all.min(MAX_NAME_WORDS);
            for &i in &order {
                let q = &words[i];
                let row = &mut grades[i];
                let mut any = false;
                for (j, w) in range.clone().take(n).enumerate() {
                    let g = q.grade(self.word(w));
                    row[j] = g;
                    any |= g != NO_MATCH;
                }
                if !any {
                    continue 'entries;
                }
            }
            let Some(cost) = best_assignment(&grades, m, n) else {
                continue;
            };
            let name_len = {
                let start = if range.start == 0 {
                    0
                } else {
                    self.word_end[range.start - 1] as usize
                };
                self.word_end[range.end - 1] as usize - start
            };
            let worst = (0..4)
                .rev()
                .find(|&g| !(cost / COST[g]).is_multiple_of(9))
                .unwrap_or(0);
            let unmatched = (n_all - m).min(15) as u32;
            let in_order = u32::from(in_order_cost(&grades, m, n) == cost);
            let score = TIER_NAME << 28
                | (8191 - u32::from(cost)) << 15
                | (15 - unmatched) << 11
                | in_order << 10
                | (1023 - name_len.min(1023) as u32);
            hits.push(Hit {
                slot: offset(e),
                score,
                why: MatchKind::Name(WORD_MATCHES[worst]),
            });
        }
    }
}

/// The lowest total [`COST`] of matching each of the `m` query words to a different
/// one of the `n` name words, or `None` when there is no such matching.
fn best_assignment(
    grades: &[[u8; MAX_NAME_WORDS]; MAX_QUERY_WORDS],
    m: usize,
    n: usize,
) -> Option<u16> {
    if m == 1 {
        let g = grades[0][..n].iter().copied().min()?;
        return (g != NO_MATCH).then(|| COST[g as usize]);
    }
    // dp[mask]: least cost of matching the query words in `mask` to distinct name
    // words among those seen so far (0/1 knapsack over the name words).
    let full = (1usize << m) - 1;
    let mut dp = [u16::MAX; 1 << MAX_QUERY_WORDS];
    dp[0] = 0;
    for j in 0..n {
        for mask in (0..full).rev() {
            let base = dp[mask];
            if base == u16::MAX {
                continue;
            }
            for (i, row) in grades.iter().enumerate().take(m) {
                let g = row[j];
                if mask & (1 << i) == 0 && g != NO_MATCH {
                    let next = mask | (1 << i);
                    dp[next] = dp[next].min(base + COST[g as usize]);
                }
            }
        }
    }
    (dp[full] != u16::MAX).then_some(dp[full])
}

/// The lowest total [`COST`] of matching the query words, in their order, to name
/// words in theirs (`u16::MAX` when impossible): equal to the best cost when the name
/// was typed in its stored order.
fn in_order_cost(grades: &[[u8; MAX_NAME_WORDS]; MAX_QUERY_WORDS], m: usize, n: usize) -> u16 {
    // prev[j]: least cost of matching the query words so far to name words before j.
    let mut prev = [0u16; MAX_NAME_WORDS + 1];
    for row in grades.iter().take(m) {
        let mut cur = [u16::MAX; MAX_NAME_WORDS + 1];
        for j in 0..n {
            cur[j + 1] = cur[j];
            let g = row[j];
            if g != NO_MATCH && prev[j] != u16::MAX {
                cur[j + 1] = cur[j + 1].min(prev[j] + COST[g as usize]);
            }
        }
        prev = cur;
    }
    prev[n]
}

/// One folded query word, ready to compare.
struct QueryWord {
    folded: Vec<u8>,
    /// Whether a whole-word typo, and a typo in a prefix, are allowed.
    typo: bool,
    typo_prefix: bool,
    /// The same word folded without collapsing doubled letters, when that differs and
    /// is long enough for a typo (so a letter left out between two equal ones, as in
    /// `Баабеков` for `Балабеков`, is still one typo).
    uncollapsed: Option<Vec<u8>>,
}

impl QueryWord {
    /// The query's words (at most [`MAX_QUERY_WORDS`]), folded.
    fn parse(query: &str) -> Vec<QueryWord> {
        let mut words = Vec::new();
        let mut folded = String::new();
        let mut raw = String::new();
        let separator = |c: char| {
            !(c.is_alphanumeric() || is_apostrophe(c) || is_combining(c) || is_invisible(c))
        };
        for segment in query.split(separator) {
            folded.clear();
            raw.clear();
            Folder::new(&mut folded, true).feed(segment);
            if folded.is_empty() {
                continue;
            }
            Folder::new(&mut raw, false).feed(segment);
            let letters = segment.chars().filter(|c| c.is_alphanumeric()).count();
            let split: Vec<&str> = folded.split(' ').collect();
            let raw_split: Vec<&str> = raw.split(' ').collect();
            for (k, word) in split.iter().enumerate() {
                let raw_word = raw_split.get(k).filter(|_| raw_split.len() == split.len());
                let raw_word = raw_word.copied().unwrap_or(word);
                words.push(QueryWord::new(word, raw_word, letters));
            }
        }
        words.truncate(MAX_QUERY_WORDS);
        words
    }

    fn new(folded: &str, raw: &str, letters: usize) -> Self {
        // How long a word must be for a typo counts what was typed, or its folding
        // before doubled letters collapse: `Баабеков` (folded `babekov`) and `Кхаб`
        // (folded `hab`) are long enough.
        let typed = letters.max(raw.chars().count());
        QueryWord {
            folded: folded.as_bytes().to_vec(),
            typo: typed >= 4,
            typo_prefix: typed >= 5,
            uncollapsed: (raw != folded && typed >= 4).then(|| raw.as_bytes().to_vec()),
        }
    }

    /// The rank of the best [`WordMatch`] of this query word against name word `w`,
    /// or [`NO_MATCH`].
    #[inline]
    fn grade(&self, w: &[u8]) -> u8 {
        let g = grade(&self.folded, w, self.typo, self.typo_prefix);
        match &self.uncollapsed {
            Some(raw) if g > 1 => g.min(grade(raw, w, true, self.typo_prefix).max(2)),
            _ => g,
        }
    }
}

/// 0 exact, 1 prefix, 2 typo, 3 typo in a prefix, or [`NO_MATCH`].
#[inline]
fn grade(q: &[u8], w: &[u8], typo: bool, typo_prefix: bool) -> u8 {
    let n = common_prefix(q, w);
    if n == q.len() {
        return if n == w.len() { 0 } else { 1 };
    }
    // A word being typed may end half-way through letters that folding rewrites:
    // `ak` (Ақ… / Akh…) is the beginning of `ah…` (Ақһ… / Ахмет), `z` of `j…` (Zh…),
    // and a lone `i` (Y…) of `e…` (Yerlan = `erlan`).
    if n + 1 == q.len()
        && matches!(
            (q[n], w.get(n)),
            (b'k', Some(b'h')) | (b'z', Some(b'j')) | (b'i', Some(b'e'))
        )
        && (q[n] != b'i' || n == 0)
    {
        return 1;
    }
    if !typo {
        return NO_MATCH;
    }
    // One edit, placed at the first difference (a two-letter folding may start one
    // letter before it: `asab` against `ashsab`).
    let (qt, wt) = (&q[n..], &w[n..]);
    // Every single-character typo needs some of these characters to line up: a cheap
    // rejection of most words before comparing tails.
    let single = qt.len() <= 2
        || match *wt {
            [] => false,
            [w0] => w0 == qt[1],
            [w0, w1, ..] => w0 == qt[1] || w1 == qt[0] || w1 == qt[1],
        };
    let edit = |prefix: bool| {
        single && one_edit(qt, wt, prefix)
            || digraph_edit(qt, wt, prefix)
            || n > 0 && digraph_edit(&q[n - 1..], &w[n - 1..], prefix)
    };
    if q.len().abs_diff(w.len()) <= 2 && edit(false) {
        return 2;
    }
    if typo_prefix && w.len() + 2 >= q.len() && edit(true) {
        return 3;
    }
    NO_MATCH
}

#[inline]
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Whether `rest_q` equals (or, for a prefix match, begins) `rest_w`.
#[inline]
fn rest_matches(rest_q: &[u8], rest_w: &[u8], prefix: bool) -> bool {
    if prefix {
        rest_q.len() <= rest_w.len() && common_prefix(rest_q, rest_w) == rest_q.len()
    } else {
        rest_q.len() == rest_w.len() && common_prefix(rest_q, rest_w) == rest_q.len()
    }
}

/// Whether `s` starts with two folded letters that stand for one Cyrillic letter
/// (ш щ ч ц ю я), which a typo adds, drops or replaces as a whole.
#[inline]
fn digraph(s: &[u8]) -> bool {
    matches!(
        s,
        [b's' | b'c', b'h', ..] | [b't', b's', ..] | [b'i', b'u' | b'a', ..]
    )
}

/// Whether query tail `qt` (non-empty, differing from `wt` at its first character)
/// is one edit away from `wt` (or from a prefix of it): a character added, dropped or
/// replaced, or two neighbours swapped.
#[inline]
fn one_edit(qt: &[u8], wt: &[u8], prefix: bool) -> bool {
    // An extra character in the query.
    if rest_matches(&qt[1..], wt, prefix) {
        return true;
    }
    !wt.is_empty()
        // A wrong character, or a missing one.
        && (rest_matches(&qt[1..], &wt[1..], prefix)
            || rest_matches(qt, &wt[1..], prefix)
            // Two neighbours swapped.
            || qt.len() >= 2
                && wt.len() >= 2
                && qt[0] == wt[1]
                && qt[1] == wt[0]
                && rest_matches(&qt[2..], &wt[2..], prefix))
}

/// Whether `qt` is `wt` (or a prefix of it) with one of the [`digraph`]s that start
/// either of them added, dropped, or typed as (or for) one other character.
#[inline]
fn digraph_edit(qt: &[u8], wt: &[u8], prefix: bool) -> bool {
    // A digraph missing from the query, or typed as one other character.
    digraph(wt)
        && (rest_matches(qt, &wt[2..], prefix)
            || !qt.is_empty() && rest_matches(&qt[1..], &wt[2..], prefix))
    // An extra digraph in the query, or one typed for another character.
        || digraph(qt)
            && (rest_matches(&qt[2..], wt, prefix)
                || !wt.is_empty() && rest_matches(&qt[2..], &wt[1..], prefix))
}

/// The national part of phone digits: Kazakhstan and Russia share country code 7, and
/// numbers are written `+7 7xx…` or `8 7xx…`; 11 digits starting with 7 or 8 lose that
/// first digit. Other numbers are kept whole.
fn national(digits: &[u8]) -> &[u8] {
    match digits {
        [b'7' | b'8', rest @ ..] if digits.len() == 11 => rest,
        _ => digits,
    }
}

/// A query that looks like a phone number.
struct PhoneQuery {
    /// All the digits typed.
    digits: Vec<u8>,
    /// `digits` as a national number when it is a whole number (11 digits), else all.
    national: Vec<u8>,
    /// What must start the national number when the query starts with a country or
    /// trunk prefix (`+7…`, `8…`, `7…`): the digits after it.
    anchored: Option<Vec<u8>>,
}

impl PhoneQuery {
    fn parse(query: &str) -> Option<Self> {
        let query = query.trim();
        if !query
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'))
        {
            return None;
        }
        let digits: Vec<u8> = query.bytes().filter(u8::is_ascii_digit).collect();
        if digits.len() < 4 {
            return None;
        }
        let plus = query.starts_with('+');
        let anchored = match digits.as_slice() {
            [b'7', rest @ ..] if plus || rest.len() >= 3 => Some(rest.to_vec()),
            [b'8', rest @ ..] if !plus && rest.len() >= 3 => Some(rest.to_vec()),
            _ => None,
        };
        Some(PhoneQuery {
            national: national(&digits).to_vec(),
            digits,
            anchored,
        })
    }
}

/// A badge code normalised: upper case, Crockford's look-alikes read as digits (O→0,
/// I and L→1), spaces and hyphens dropped.
fn badge_bytes(code: &str) -> impl Iterator<Item = u8> + '_ {
    code.bytes()
        .filter(|b| !matches!(b, b' ' | b'-' | b'\t'))
        .map(|b| match b.to_ascii_uppercase() {
            b'O' => b'0',
            b'I' | b'L' => b'1',
            b => b,
        })
}

/// The query as a badge code, if it could be one (4+ ASCII letters and digits once
/// spaces and hyphens are dropped).
fn badge_query(query: &str) -> Option<Vec<u8>> {
    let code: Vec<u8> = badge_bytes(query.trim()).collect();
    (code.len() >= 4 && code.iter().all(u8::is_ascii_alphanumeric)).then_some(code)
}
