//! Desk search: one folding for every alphabet a Kazakh name is typed in, and the
//! ranked index (names in any order, prefixes, typos, phones, badge codes).
//!
//! Timing: `cargo test --release -p jiyn-core --test search -- --nocapture timing`
//! prints build and per-query times for 50,000 people.

use std::time::Instant;

use jiyn_core::search::{fold, Entry, Hit, MatchKind, SearchIndex, WordMatch};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------
// Folding

#[test]
fn folds_every_alphabet_to_one_key() {
    let akbota = "akbota okasova";
    for s in [
        "Ақбота Оқасова",
        "АҚБОТА ОҚАСОВА",
        "Акбота Окасова",
        "Aqbota Oqasova",
        "AQBOTA OQASOVA",
        "Akbota Okasova",
        "  Ақбота\u{a0}\tОқасова \n",
    ] {
        assert_eq!(fold(s), akbota, "{s}");
    }
    let jenis = "jenis balabekov";
    for s in [
        "Жеңіс Балабеков",
        "Женис Балабеков",
        "Jeñıs Balabekov",        // 2021
        "JEÑIS BALABEKOV",        // 2021, capitals
        "Jen'is Balabekov",       // 2017
        "Jen’is Balabekov",       // 2017, typographic apostrophe
        "Jeńis Balabekov",        // 2018
        "Zhenis Balabekov",       // ICAO
        "ZHENIS BALABEKOV",       // ICAO, as in a passport
        "Jenis Balabekov",        // no diacritics
        "Jen\u{303}is Balabekov", // decomposed ñ
    ] {
        assert_eq!(fold(s), jenis, "{s}");
    }
}

#[test]
fn folds_letters_as_documented() {
    let cases = [
        // Kazakh Cyrillic and the Russian-keyboard substitutes.
        ("ӘҒҚҢӨҰҮІҺ", "agknouih"),
        ("аәгғкқнңоөуұүхһиі", "agknouhi"),
        ("Ёлка Эрик", "elka erik"),
        // Russian multi-letter sounds, and the ICAO passport spellings of them.
        ("Цой", "tsoi"),
        ("Tsoi", "tsoi"),
        ("Чулпан", "chulpan"),
        ("Chulpan", "chulpan"),
        ("Шынар", "shinar"),
        ("Shynar", "shinar"),
        ("Щукин", "shukin"),
        ("Shchukin", "shukin"),
        ("Юлия", "iulia"),
        ("Iuliia", "iulia"),
        ("Yulia", "iulia"),
        ("Яна", "iana"),
        ("Iana", "iana"),
        ("Ya", "ia"),
        ("Хамзин", "hamzin"),
        ("Khamzin", "hamzin"),
        ("Жанна", "jana"),
        ("Zhanna", "jana"),
        ("Ольга", "olga"),
        ("Подъячев", "podiachev"),
        // 2017 apostrophes: S' = Ш, C' = Ч, Y' = У, the others lose the mark.
        ("S'yn'g'ys", "shingis"),
        ("C'ulpan", "chulpan"),
        ("Qy'anys'", "kuanish"),
        ("A'li'", "ali"),
        ("U'mi't", "umit"),
        ("O'mi'rzaq", "omirzak"),
        // 2018 acute accents, with the draft's Ś and Ć and the final Sh and Ch.
        ("Ádilet", "adilet"),
        ("Ǵalym", "galim"),
        ("Qýanysh", "kuanish"),
        ("Qýanyś", "kuanish"),
        ("Ćulpan", "chulpan"),
        ("Úmit", "umit"),
        ("Óskemen", "oskemen"),
        // 2021: Ş Ç I/İ ı.
        ("Şoqan", "shokan"),
        ("Çulpan", "chulpan"),
        ("İlias", "ilias"),
        ("Ilias", "ilias"),
        ("Dıdar", "didar"),
        // Decomposed accents fold like precomposed letters.
        ("S\u{327}oqan", "shokan"),
        ("Qy\u{301}anys\u{301}", "kuanish"),
        ("Z\u{30c}anna", "jana"),
        // Latin letters outside the Kazakh alphabets.
        ("Maxim", "maksim"),
        ("Максим", "maksim"),
        ("Walentina", "valentina"),
        ("Cyngys", "chingis"),
        ("Ghani", "gani"),
        ("Ғани", "gani"),
        ("Müller-Lüdenscheidt", "muler ludenscheidt"),
        // Older passport spellings.
        ("Yerlan", "erlan"),
        ("Yerzhan Yessenov", "erjan esenov"),
        ("Ержан Есенов", "erjan esenov"),
        ("Aybek", "aibek"),
        ("Askhat", "ashat"),
        ("Асхат", "ashat"),
        // Doubled letters collapse; digits stay.
        ("Ахмеддин", "ahmedin"),
        ("Ahmedin", "ahmedin"),
        ("Ақкербез", "akerbez"),
        ("Анна 2000", "ana 2000"),
        // Separators, and what is dropped without one.
        ("Оқасова-Ибраева", "okasova ibraeva"),
        ("Ақбота (Ака), 17", "akbota aka 17"),
        ("O'Brien", "obrien"),
        ("Ақ\u{ad}бота", "akbota"),
        ("", ""),
        (" \t\u{a0} ", ""),
        ("—", ""),
        // Other scripts stay as they are, lower-cased.
        ("王 小明", "王 小明"),
        ("ΩΜΈΓΑ", "ωμέγα"),
    ];
    for (input, want) in cases {
        assert_eq!(fold(input), want, "fold({input:?})");
    }
}

#[test]
fn multi_letter_rules_are_stable_when_folded_again() {
    for s in [
        "Цой Ts Ч Ch Ш Sh Щ Shch Ю Iu Я Ia Ж Zh Х Kh",
        "зж zzh zj кх kkh qh зкх zkh гх gkh шч shch schch",
        "Иерлан Yerlan yye ie iie Йе",
        "xh cch chh sh'h s's' y'y' q'h",
        "kkhh zzhh ggh hh",
    ] {
        let once = fold(s);
        assert_eq!(fold(&once), once, "{s}");
    }
}

// ---------------------------------------------------------------------------------
// The desk

const AKBOTA: u32 = 11;
const JENIS: u32 = 17;

/// Twenty-odd similar names, with the two people the examples look for in the middle.
fn desk() -> Vec<(&'static str, Option<&'static str>, &'static str)> {
    vec![
        ("Ақбота Оспанова", Some("+7 701 111 22 33"), "A1B2C3D4"),
        ("Ақерке Оқасова", Some("+7 702 987 65 43"), "K7Q3M9XA"),
        ("Жеңісбек Балапанов", Some("8 777 701 23 45"), "B0000007"),
        ("Ақбалжан Оқаева", None, "ZZ000001"),
        ("Айбота Қасымова", Some("+7 705 000 00 01"), "ZZ000002"),
        ("Ақботагүл Оқасбаева", Some("+7 705 000 00 02"), "ZZ000003"),
        ("Ботагөз Оқасова", Some("+7 705 000 00 03"), "ZZ000004"),
        ("Жансая Балабекова", Some("+7 705 000 00 04"), "ZZ000005"),
        ("Жеңіс Балапанов", Some("+7 705 000 00 05"), "ZZ000006"),
        ("Женя Балабанова", Some("+7 705 000 00 06"), "ZZ000007"),
        ("Ақмарал Оқасова", Some("+7 705 000 00 07"), "ZZ000008"),
        ("Ақбота Оқасова", Some("+7 701 234 56 78"), "K7Q2M9XA"),
        ("Ақжол Оқасбекұлы", Some("+7 705 000 00 08"), "ZZ000009"),
        ("Бекзат Балабеков", Some("+7 705 000 00 09"), "ZZ00000A"),
        ("Еркебұлан Жеңісұлы", Some("+7 705 000 00 10"), "ZZ00000B"),
        ("Нұрбол Балабек", Some("+7 705 000 00 11"), "ZZ00000C"),
        ("Гүлжеңіс Оқасова", Some("+7 705 000 00 12"), "ZZ00000D"),
        ("Жеңіс Балабеков", Some("8 (747) 555-12-34"), "ZZ00000E"),
        (
            "Жеңіс Балабеков Ерланұлы",
            Some("+7 705 000 00 13"),
            "ZZ00000F",
        ),
        ("Жанерке Балабекова", Some("+7 705 000 00 14"), "ZZ00000G"),
        ("Жәнібек Есенов", Some("+7 705 000 00 17"), "ZZ00000K"),
        ("Ақбота Оқасқызы", Some("+7 705 000 00 18"), "ZZ00000M"),
    ]
}

fn desk_index() -> SearchIndex {
    let people = desk();
    SearchIndex::build(
        people
            .iter()
            .map(|&(name, phone, badge)| Entry { name, phone, badge }),
    )
}

fn position(hits: &[Hit], slot: u32) -> Option<usize> {
    hits.iter().position(|h| h.slot == slot)
}

/// `slot` is ranked first, or tied for first with people who match exactly as well.
fn assert_top(ix: &SearchIndex, query: &str, slot: u32) -> Hit {
    let hits = ix.search(query);
    let names = desk();
    let at = position(&hits, slot).unwrap_or_else(|| {
        panic!(
            "{query:?} does not find {}: {hits:?}",
            names[slot as usize].0
        )
    });
    assert_eq!(
        hits[at].score, hits[0].score,
        "{query:?} ranks {} below {} ({:?} vs {:?})",
        names[slot as usize].0, names[hits[0].slot as usize].0, hits[at], hits[0]
    );
    hits[at]
}

/// `slot` is ranked first, alone.
fn assert_first(ix: &SearchIndex, query: &str, slot: u32) -> Hit {
    let hit = assert_top(ix, query, slot);
    let hits = ix.search(query);
    assert_eq!(hits[0].slot, slot, "{query:?}: {hits:?}");
    if let Some(second) = hits.get(1) {
        assert!(second.score < hits[0].score, "{query:?} ties: {hits:?}");
    }
    hit
}

#[test]
fn finds_akbota_okasova_every_way() {
    let ix = desk_index();
    for q in [
        "Ақбота Оқасова",
        "Акбота Окасова",
        "Aqbota Oqasova",
        "Оқасова Ақбота",
        "Okasova Akbota",
        "Ақбота Окасва",
        "акбота окас",
        "Akbota Okasova",
    ] {
        assert_first(&ix, q, AKBOTA);
    }
    // Single words match other people exactly as well («Ақбота Оспанова», «Ақерке
    // Оқасова», …): she is in the top group.
    for q in ["akbota", "окас", "Окасва", "Оқасова"] {
        assert_top(&ix, q, AKBOTA);
    }
    let hit = assert_top(&ix, "Окасва", AKBOTA);
    assert_eq!(hit.why, MatchKind::Name(WordMatch::Typo));
    let hit = assert_top(&ix, "окас", AKBOTA);
    assert_eq!(hit.why, MatchKind::Name(WordMatch::Prefix));
    let hit = assert_first(&ix, "Aqbota Oqasova", AKBOTA);
    assert_eq!(hit.why, MatchKind::Name(WordMatch::Exact));
}

#[test]
fn finds_jenis_balabekov_every_way() {
    let ix = desk_index();
    for q in [
        "Zhenis",
        "Jeñıs",
        "Jenis",
        "Женис",
        "Jen'is",
        "Jeńis",
        "ZHENIS",
    ] {
        // «Жеңіс Балапанов» matches as well; «Жеңісбек Балапанов» only by a prefix.
        let hit = assert_top(&ix, q, JENIS);
        assert_eq!(hit.why, MatchKind::Name(WordMatch::Exact), "{q}");
        let hits = ix.search(q);
        assert!(position(&hits, JENIS) < position(&hits, 2), "{q}: {hits:?}");
        // With the surname, he is first, above the namesake with a patronymic.
        let full = format!("{q} Balabekov");
        assert_first(&ix, &full, JENIS);
        assert!(position(&ix.search(&full), 18).is_some_and(|p| p == 1));
        assert_first(&ix, &format!("Балабеков {q}"), JENIS);
    }
}

#[test]
fn ranks_exact_then_prefix_then_typo() {
    let mut names: Vec<&str> = desk().iter().map(|p| p.0).collect();
    names.extend(["Ақбота", "Оқас Ақботаев", "Акбота Оқасова Серікқызы"]);
    let ix = SearchIndex::build(names.iter().map(|&name| Entry {
        name,
        phone: None,
        badge: "",
    }));
    let hits = ix.search("Ақбота");
    let kinds: Vec<MatchKind> = hits.iter().map(|h| h.why).collect();
    let mut sorted = kinds.clone();
    sorted.sort_by_key(|k| match k {
        MatchKind::Name(w) => *w as u8,
        _ => 9,
    });
    assert_eq!(kinds, sorted, "{hits:?}");
    // The one-word name «Ақбота» covers the query best among the exact matches, then
    // the shorter of the two-word names.
    let ranked: Vec<&str> = hits.iter().map(|h| names[h.slot as usize]).collect();
    assert_eq!(
        ranked[..4],
        [
            "Ақбота",
            "Ақбота Оқасова",
            "Ақбота Оспанова",
            "Ақбота Оқасқызы"
        ],
        "{ranked:?}"
    );
    // Prefixes («Ақботагүл», «Ақботаев») after every exact match.
    let first_prefix = kinds
        .iter()
        .position(|k| *k == MatchKind::Name(WordMatch::Prefix))
        .unwrap();
    assert!(kinds[..first_prefix]
        .iter()
        .all(|k| *k == MatchKind::Name(WordMatch::Exact)));
    assert!(ranked[first_prefix..].contains(&"Оқас Ақботаев"));
    // Ties are in slot order.
    for pair in hits.windows(2) {
        assert!(
            pair[0].score > pair[1].score || pair[0].slot < pair[1].slot,
            "{pair:?}"
        );
    }
    // Equal matches: the name typed in its stored order first.
    let hits = ix.search("Ақбота Оқас");
    let ranked: Vec<&str> = hits.iter().map(|h| names[h.slot as usize]).collect();
    assert_eq!(
        ranked[..2],
        ["Ақбота Оқасова", "Ақбота Оқасқызы"],
        "{ranked:?}"
    );
    let hits = ix.search("Оқас Ақбота");
    assert_eq!(names[hits[0].slot as usize], "Оқас Ақботаев", "{hits:?}");
    // All words exact beats a better-covered name with a typo.
    let hits = ix.search("Ақбота Оқасова Серікқызы");
    assert_eq!(names[hits[0].slot as usize], "Акбота Оқасова Серікқызы");
    let hits = ix.search("Ақбота Оқасова Серікқузы");
    assert_eq!(hits[0].why, MatchKind::Name(WordMatch::Typo));
}

#[test]
fn every_query_word_needs_its_own_name_word() {
    let ix = desk_index();
    // Both words are prefixes of «Оқасова» only: Ақмарал Оқасова has one such word.
    assert!(ix.search("окас окасова").is_empty());
    // No one is called Ақбота Балабекова.
    assert!(ix.search("Ақбота Балабекова").is_empty());
    // Short words allow no typo.
    assert!(ix
        .search("Акб")
        .iter()
        .all(|h| h.why != MatchKind::Name(WordMatch::Typo)));
    assert!(ix.search("Абк").is_empty());
}

#[test]
fn blank_queries_find_nobody() {
    let ix = desk_index();
    for q in ["", " ", "\t\n", "—", "'", "\u{301}"] {
        assert!(ix.search(q).is_empty(), "{q:?}");
    }
    assert!(SearchIndex::build([]).search("Ақбота").is_empty());
    assert!(SearchIndex::build([]).is_empty());
    assert_eq!(ix.len(), desk().len());
    assert!(!ix.is_empty());
    assert_eq!(ix.folded_name(AKBOTA).as_deref(), Some("akbota okasova"));
    assert_eq!(ix.folded_name(999), None);
}

#[test]
fn finds_people_by_phone() {
    let ix = desk_index();
    for q in [
        "8 701 234",
        "+7701234",
        "+7 701 234",
        "7012345678",
        "+7 (701) 234-56-78",
        "87012345678",
        "234 56 78",
    ] {
        let hits = ix.search(q);
        assert_eq!(hits.first().map(|h| h.slot), Some(AKBOTA), "{q}: {hits:?}");
        assert_eq!(hits[0].why, MatchKind::Phone);
    }
    // The whole number ranks above a prefix above digits in the middle.
    let hits = ix.search("7012345678");
    assert_eq!(hits.len(), 1, "{hits:?}");
    let hits = ix.search("701 23");
    assert_eq!(hits[0].slot, AKBOTA, "{hits:?}");
    assert!(position(&hits, 2).is_some(), "8 777 701 23 45: {hits:?}");
    assert!(hits[0].score > hits[position(&hits, 2).unwrap()].score);
    // 8-format stored numbers match +7 queries and the other way round.
    assert_eq!(ix.search("+7 747 555")[0].slot, JENIS);
    assert_eq!(ix.search("8747555")[0].slot, JENIS);
    // Three digits are not a phone query.
    assert!(ix.search("701").is_empty());
}

#[test]
fn finds_people_by_badge() {
    let ix = desk_index();
    for q in ["K7Q2M9XA", "k7q2m9xa", " K7Q2-M9XA ", "K7Q2 M9XA"] {
        let hits = ix.search(q);
        assert_eq!(hits[0].slot, AKBOTA, "{q}: {hits:?}");
        assert_eq!(hits[0].why, MatchKind::Badge, "{q}");
        assert!(hits.len() == 1 || hits[1].score < hits[0].score);
    }
    // Crockford reads O as 0 and I, L as 1.
    assert_eq!(ix.search("BOOOOOO7")[0].slot, 2);
    assert_eq!(ix.search("a1b2c3d4")[0].why, MatchKind::Badge);
    assert_eq!(ix.search("AIB2C3D4")[0].slot, 0);
    // Four or more leading characters.
    let hits = ix.search("K7Q2");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        (hits[0].slot, hits[0].why),
        (AKBOTA, MatchKind::BadgePrefix)
    );
    let hits = ix.search("k7q");
    assert!(hits.is_empty(), "{hits:?}");
    let hits = ix.search("K7Q");
    assert!(hits.is_empty());
    let hits = ix.search("k7q3");
    assert_eq!(hits[0].slot, 1);
    // A badge match outranks a name match.
    let hits = ix.search("ZZ00000E");
    assert_eq!((hits[0].slot, hits[0].why), (JENIS, MatchKind::Badge));
}

// ---------------------------------------------------------------------------------
// Generated Kazakh names and their spellings in every alphabet

const VOWELS: &[char] = &['а', 'ә', 'е', 'и', 'о', 'ө', 'у', 'ұ', 'ү', 'ы', 'і'];
const CONSONANTS: &[char] = &[
    'б', 'в', 'г', 'ғ', 'д', 'ж', 'з', 'й', 'к', 'қ', 'л', 'м', 'н', 'ң', 'п', 'р', 'с', 'т', 'ф',
    'х', 'һ', 'ч', 'ш',
];

/// A name word: 2–4 syllables of (consonant) vowel (consonant), capitalised.
fn word() -> impl Strategy<Value = String> {
    let syllable = (
        prop::option::of(prop::sample::select(CONSONANTS)),
        prop::sample::select(VOWELS),
        prop::option::of(prop::sample::select(CONSONANTS)),
    );
    prop::collection::vec(syllable, 2..=4).prop_map(|syllables| {
        let mut w = String::new();
        for (a, v, b) in syllables {
            w.extend(a);
            w.push(v);
            w.extend(b);
        }
        let mut cs = w.chars();
        let first = cs.next().unwrap();
        first.to_uppercase().chain(cs).collect()
    })
}

fn name() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(word(), 2..=3)
}

/// Spells a Cyrillic text letter by letter; each letter maps to `(lower, upper)`.
fn spell(text: &str, map: fn(char) -> (&'static str, &'static str)) -> String {
    text.chars()
        .map(|c| {
            let lower: String = c.to_lowercase().collect();
            let lc = lower.chars().next().unwrap();
            let (l, u) = map(lc);
            if c == lc {
                l.to_string()
            } else {
                // A capital: only the first letter of a digraph is.
                let mut chars = u.chars();
                let first = chars.next().map(String::from).unwrap_or_default();
                first + &l.chars().skip(1).collect::<String>()
            }
        })
        .collect()
}

/// Kazakh letters as a Russian keyboard types them.
fn russian_keyboard(c: char) -> (&'static str, &'static str) {
    match c {
        'ә' => ("а", "А"),
        'ғ' => ("г", "Г"),
        'қ' => ("к", "К"),
        'ң' => ("н", "Н"),
        'ө' => ("о", "О"),
        'ұ' | 'ү' => ("у", "У"),
        'і' => ("и", "И"),
        'һ' => ("х", "Х"),
        ' ' => (" ", " "),
        c => same(c),
    }
}

fn same(c: char) -> (&'static str, &'static str) {
    const PAIRS: &[(char, &str, &str)] = &[
        ('а', "а", "А"),
        ('б', "б", "Б"),
        ('в', "в", "В"),
        ('г', "г", "Г"),
        ('д', "д", "Д"),
        ('е', "е", "Е"),
        ('ж', "ж", "Ж"),
        ('з', "з", "З"),
        ('и', "и", "И"),
        ('й', "й", "Й"),
        ('к', "к", "К"),
        ('л', "л", "Л"),
        ('м', "м", "М"),
        ('н', "н", "Н"),
        ('о', "о", "О"),
        ('п', "п", "П"),
        ('р', "р", "Р"),
        ('с', "с", "С"),
        ('т', "т", "Т"),
        ('у', "у", "У"),
        ('ф', "ф", "Ф"),
        ('х', "х", "Х"),
        ('ч', "ч", "Ч"),
        ('ш', "ш", "Ш"),
        ('ы', "ы", "Ы"),
    ];
    PAIRS
        .iter()
        .find(|p| p.0 == c)
        .map(|p| (p.1, p.2))
        .unwrap_or_else(|| panic!("no letter {c:?}"))
}

/// Letters every Kazakh Latin alphabet and ICAO write alike.
fn common_latin(c: char) -> (&'static str, &'static str) {
    match c {
        'а' => ("a", "A"),
        'б' => ("b", "B"),
        'в' => ("v", "V"),
        'г' => ("g", "G"),
        'д' => ("d", "D"),
        'е' => ("e", "E"),
        'з' => ("z", "Z"),
        'к' => ("k", "K"),
        'л' => ("l", "L"),
        'м' => ("m", "M"),
        'н' => ("n", "N"),
        'о' => ("o", "O"),
        'п' => ("p", "P"),
        'р' => ("r", "R"),
        'с' => ("s", "S"),
        'т' => ("t", "T"),
        'ф' => ("f", "F"),
        'х' | 'һ' => ("h", "H"),
        ' ' => (" ", " "),
        c => panic!("no common Latin letter for {c:?}"),
    }
}

/// The 2021 Kazakh Latin alphabet: Ä Ğ Ñ Ö Ū Ü Ş Ç, I ı = І, İ i = И Й, Y = Ы, Q = Қ,
/// J = Ж.
fn latin_2021(c: char) -> (&'static str, &'static str) {
    match c {
        'ә' => ("ä", "Ä"),
        'ғ' => ("ğ", "Ğ"),
        'ж' => ("j", "J"),
        'и' | 'й' => ("i", "İ"),
        'қ' => ("q", "Q"),
        'ң' => ("ñ", "Ñ"),
        'ө' => ("ö", "Ö"),
        'у' => ("u", "U"),
        'ұ' => ("ū", "Ū"),
        'ү' => ("ü", "Ü"),
        'ч' => ("ç", "Ç"),
        'ш' => ("ş", "Ş"),
        'ы' => ("y", "Y"),
        'і' => ("ı", "I"),
        c => common_latin(c),
    }
}

/// The 2017 alphabet: apostrophes. A' G' N' O' U' (Ү) Y' (У) I' (И Й) S' (Ш) C' (Ч),
/// U = Ұ, Y = Ы, I = І.
fn latin_2017(c: char) -> (&'static str, &'static str) {
    match c {
        'ә' => ("a'", "A'"),
        'ғ' => ("g'", "G'"),
        'ж' => ("j", "J"),
        'и' | 'й' => ("i'", "I'"),
        'қ' => ("q", "Q"),
        'ң' => ("n'", "N'"),
        'ө' => ("o'", "O'"),
        'у' => ("y'", "Y'"),
        'ұ' => ("u", "U"),
        'ү' => ("u'", "U'"),
        'ч' => ("c'", "C'"),
        'ш' => ("s'", "S'"),
        'ы' => ("y", "Y"),
        'і' => ("i", "I"),
        c => common_latin(c),
    }
}

/// The 2018 alphabet: acute accents Á Ǵ Ń Ó Ú (Ү) Ý (У), I i = І, I ı = И Й, Y = Ы,
/// digraphs Sh and Ch.
fn latin_2018(c: char) -> (&'static str, &'static str) {
    match c {
        'ә' => ("á", "Á"),
        'ғ' => ("ǵ", "Ǵ"),
        'ж' => ("j", "J"),
        'и' | 'й' => ("ı", "I"),
        'қ' => ("q", "Q"),
        'ң' => ("ń", "Ń"),
        'ө' => ("ó", "Ó"),
        'у' => ("ý", "Ý"),
        'ұ' => ("u", "U"),
        'ү' => ("ú", "Ú"),
        'ч' => ("ch", "Ch"),
        'ш' => ("sh", "Sh"),
        'ы' => ("y", "Y"),
        'і' => ("i", "I"),
        c => common_latin(c),
    }
}

/// The 2018 draft's Ś and Ć for Ш and Ч.
fn latin_2018_draft(c: char) -> (&'static str, &'static str) {
    match c {
        'ч' => ("ć", "Ć"),
        'ш' => ("ś", "Ś"),
        c => latin_2018(c),
    }
}

/// ICAO Doc 9303 as in Kazakh passports: ZH KH CH SH, Y = Ы, I = И Й І, Kazakh letters
/// to their base letters, Һ = H.
fn icao(c: char) -> (&'static str, &'static str) {
    match c {
        'ә' => ("a", "A"),
        'ғ' => ("g", "G"),
        'ж' => ("zh", "ZH"),
        'и' | 'й' | 'і' => ("i", "I"),
        'қ' => ("k", "K"),
        'ң' => ("n", "N"),
        'ө' => ("o", "O"),
        'у' | 'ұ' | 'ү' => ("u", "U"),
        'х' => ("kh", "KH"),
        'ч' => ("ch", "CH"),
        'ш' => ("sh", "SH"),
        'ы' => ("y", "Y"),
        c => common_latin(c),
    }
}

/// How one alphabet writes a Kazakh letter (lower and upper case).
type Transliterate = fn(char) -> (&'static str, &'static str);

const ALPHABETS: [(&str, Transliterate); 6] = [
    ("Russian keyboard", russian_keyboard),
    ("Latin 2021", latin_2021),
    ("Latin 2017", latin_2017),
    ("Latin 2018", latin_2018),
    ("Latin 2018 draft", latin_2018_draft),
    ("ICAO", icao),
];

fn variants(name: &str) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = ALPHABETS
        .iter()
        .map(|&(label, map)| (label, spell(name, map)))
        .collect();
    out.push(("ICAO capitals", spell(name, icao).to_uppercase()));
    out
}

/// A few fixed people around the generated one, so a search has something to skip.
const CROWD: &[&str] = &[
    "Ақбота Оқасова",
    "Жеңіс Балабеков",
    "Нұрсұлтан Әбішев",
    "Ілияс Сүлейменов",
    "Гүлназ Шәріпова",
];

fn index_with(name: &str) -> (SearchIndex, u32) {
    let mut names: Vec<&str> = CROWD.to_vec();
    names.insert(2, name);
    let ix = SearchIndex::build(names.iter().map(|&name| Entry {
        name,
        phone: None,
        badge: "",
    }));
    (ix, 2)
}

fn finds(ix: &SearchIndex, slot: u32, query: &str) -> bool {
    ix.search(query).iter().any(|h| h.slot == slot)
}

/// Letters folding merges with a neighbour (кх→h, зж→j, гх→g, шч→sh, …): leaving out
/// the letter between two of them can be more than one typo away in the folded key.
fn rewrites(a: char, b: char) -> bool {
    const MERGING: &[char] = &['к', 'қ', 'з', 'г', 'ғ', 'с', 'ч', 'ш', 'х', 'һ', 'ж'];
    MERGING.contains(&a) && MERGING.contains(&b)
}

/// Whether a word starts with и/й/ы/і then е (folded `ie…`, which becomes `e…`).
fn ie_start(lower: &[char]) -> bool {
    let i = lower
        .iter()
        .take_while(|c| matches!(c, 'и' | 'й' | 'ы' | 'і'))
        .count();
    i > 0 && lower.get(i) == Some(&'е')
}

/// Whether `a` then `b` fold to a doubled letter (which collapses).
fn same_sound(a: char, b: char) -> bool {
    let (a, b) = (fold(&a.to_string()), fold(&b.to_string()));
    !a.is_empty() && a.chars().last() == b.chars().next()
}

#[test]
fn transliterators_spell_the_examples() {
    assert_eq!(spell("Ақбота Оқасова", latin_2021), "Aqbota Oqasova");
    assert_eq!(spell("Жеңіс", latin_2021), "Jeñıs");
    assert_eq!(spell("Жеңіс", latin_2017), "Jen'is");
    assert_eq!(spell("Жеңіс", latin_2018), "Jeńis");
    assert_eq!(spell("Жеңіс", icao), "Zhenis");
    assert_eq!(spell("Шыңғыс", latin_2017), "S'yn'g'ys");
    assert_eq!(spell("Қуаныш", latin_2018), "Qýanysh");
    assert_eq!(spell("Ақбота Оқасова", russian_keyboard), "Акбота Окасова");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 20000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fold_is_idempotent(s in any::<String>()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
    }

    #[test]
    fn fold_is_idempotent_on_tricky_letters(
        cs in prop::collection::vec(prop::sample::select(vec![
            'к', 'х', 'һ', 'з', 'ж', 'с', 'ш', 'ч', 'щ', 'ц', 'ю', 'я', 'и', 'й', 'е', 'ы',
            'ъ', 'ь', 'a', 'c', 'e', 'g', 'h', 'i', 'j', 'k', 'q', 's', 't', 'x', 'y', 'z',
            'Y', 'I', 'İ', 'ş', 'ç', 'ś', 'ý', 'ž', '\'', '’', '\u{301}', '\u{327}',
            '\u{30c}', ' ', '-', '\u{ad}', '7',
        ]), 0..24)
    ) {
        let s: String = cs.into_iter().collect();
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone(), "input {:?}", s);
    }

    #[test]
    fn every_alphabet_folds_a_name_the_same_way(words in name()) {
        let name = words.join(" ");
        let key = fold(&name);
        for (label, variant) in variants(&name) {
            prop_assert_eq!(fold(&variant), key.clone(), "{} {:?} of {:?}", label, variant, name);
        }
    }

    #[test]
    fn a_name_is_found_every_way(words in name(), pick in any::<prop::sample::Index>()) {
        let name = words.join(" ");
        let (ix, slot) = index_with(&name);
        prop_assert!(finds(&ix, slot, &name));
        // Itself: first, as an exact match (a crowd member may tie only if identical).
        let hits = ix.search(&name);
        prop_assert_eq!(hits[0].why, MatchKind::Name(WordMatch::Exact));
        prop_assert_eq!(hits[0].score, hits[position(&hits, slot).unwrap()].score);
        for (label, variant) in variants(&name) {
            prop_assert!(finds(&ix, slot, &variant), "{} {:?}", label, variant);
        }
        // Words in reverse order.
        let reversed: Vec<&str> = words.iter().rev().map(String::as_str).collect();
        prop_assert!(finds(&ix, slot, &reversed.join(" ")));
        // A prefix of two or more letters of each word, alone and together.
        let mut prefixes = Vec::new();
        for w in &words {
            let chars: Vec<char> = w.chars().collect();
            let len = 2 + pick.index(chars.len() - 1);
            let prefix: String = chars[..len].iter().collect();
            prop_assert!(finds(&ix, slot, &prefix), "prefix {:?} of {:?}", prefix, w);
            prefixes.push(prefix);
        }
        prop_assert!(finds(&ix, slot, &prefixes.join(" ")), "{:?}", prefixes);
        // Any one letter left out of a word of five or more letters (unless the letters
        // it brings together fold into one, like к + х).
        for (i, w) in words.iter().enumerate() {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() < 5 {
                continue;
            }
            for k in 0..chars.len() {
                let lower: Vec<char> = chars.iter().flat_map(|c| c.to_lowercase()).collect();
                let merges = k > 0 && k + 1 < chars.len() && rewrites(lower[k - 1], lower[k + 1]);
                // A word starting и/й/ы/і + е folds to a start with `e`.
                let mut left = lower.clone();
                left.remove(k);
                let new_start = ie_start(&left) && !ie_start(&lower);
                // A doubled sound folds to one letter; leaving out a letter between two
                // more equal ones too is two steps away.
                let doubles = k > 0
                    && k + 1 < chars.len()
                    && same_sound(lower[k - 1], lower[k + 1])
                    && lower.windows(2).any(|p| same_sound(p[0], p[1]));
                if merges || new_start || doubles {
                    continue;
                }
                let typo: String = chars.iter().enumerate().filter(|&(j, _)| j != k).map(|(_, c)| c).collect();
                let mut query: Vec<String> = words.clone();
                query[i] = typo;
                let query = query.join(" ");
                prop_assert!(finds(&ix, slot, &query), "{:?} for {:?}", query, name);
            }
        }
    }

    #[test]
    fn search_never_panics(query in any::<String>(), names in prop::collection::vec(any::<String>(), 0..8)) {
        let ix = SearchIndex::build(names.iter().map(|n| Entry { name: n, phone: Some(n), badge: n }));
        let hits = ix.search(&query);
        prop_assert!(hits.iter().all(|h| (h.slot as usize) < names.len()));
        let _ = desk_index().search(&query);
    }

    #[test]
    fn search_never_panics_on_names_and_digits(query in "[ 0-9+()a-zа-я'\u{301}-]{0,20}") {
        let hits = desk_index().search(&query);
        for pair in hits.windows(2) {
            prop_assert!((pair[0].score, std::cmp::Reverse(pair[0].slot)) > (pair[1].score, std::cmp::Reverse(pair[1].slot)));
        }
    }
}

// ---------------------------------------------------------------------------------
// Timing

#[derive(serde::Deserialize)]
struct Names {
    kk: Group,
    ru: Group,
    tt: Group,
}

#[derive(serde::Deserialize)]
struct Group {
    male: Vec<String>,
    female: Vec<String>,
    surnames: Vec<String>,
}

/// 50,000 people from the seed name lists: Kazakh, Russian and Tatar first names and
/// surnames, some with a patronymic, with phones and badge codes.
fn crowd(count: usize) -> Vec<(String, String, String)> {
    let names: Names =
        serde_json::from_str(include_str!("../../../seeds/names.json")).expect("seed names");
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let groups = [&names.kk, &names.kk, &names.kk, &names.ru, &names.tt];
    (0..count)
        .map(|i| {
            let r = next();
            let g = groups[(r % 5) as usize];
            let firsts = if r >> 8 & 1 == 0 { &g.male } else { &g.female };
            let first = &firsts[(r >> 16) as usize % firsts.len()];
            let surname = &g.surnames[(r >> 32) as usize % g.surnames.len()];
            let name = if r >> 48 & 7 == 0 {
                let father = &g.male[(r >> 52) as usize % g.male.len()];
                format!("{surname} {first} {father}ұлы")
            } else {
                format!("{first} {surname}")
            };
            let phone = format!("+7 70{} {:03} {:04}", r % 10, (r >> 20) % 1000, i % 10_000);
            let badge = format!("{:08X}", next() & 0xffff_ffff);
            (name, phone, badge)
        })
        .collect()
}

#[test]
fn timing() {
    let people = crowd(50_000);
    let started = Instant::now();
    let ix = SearchIndex::build(people.iter().map(|(n, p, b)| Entry {
        name: n,
        phone: Some(p),
        badge: b,
    }));
    let build = started.elapsed();
    assert_eq!(ix.len(), 50_000);

    // Queries as a desk types them: names in both scripts and Latin, prefixes, typos,
    // surname first, phones, badges, single letters.
    let mut queries: Vec<String> = Vec::new();
    for (i, (name, phone, badge)) in people.iter().step_by(997).enumerate() {
        let words: Vec<&str> = name.split(' ').collect();
        let word: Vec<char> = words[0].chars().collect();
        let short: String = word.iter().take(4).collect();
        queries.push(match i % 10 {
            0 => name.clone(),
            1 => words.iter().rev().copied().collect::<Vec<_>>().join(" "),
            2 => word[..word.len().min(3)].iter().collect(),
            3 => spell_loose(name),
            4 => word.iter().skip(1).collect(),
            5 => phone[3..10].to_string(),
            6 => badge.to_lowercase(),
            7 => word[..1].iter().collect(),
            8 => format!("{} {short}", words[1]),
            _ => word[..word.len().min(5)].iter().collect(),
        });
    }
    assert!(queries.len() >= 50);
    let mut total_hits = 0;
    let mut worst = (std::time::Duration::ZERO, String::new());
    let started = Instant::now();
    let rounds = 2;
    for _ in 0..rounds {
        for q in &queries {
            let t = Instant::now();
            total_hits += ix.search(q).len();
            let e = t.elapsed();
            if e > worst.0 {
                worst = (e, q.clone());
            }
        }
    }
    let per_query = started.elapsed() / (rounds * queries.len()) as u32;
    println!(
        "search timing: {} people, build {:.1} ms, {} queries: average {:.3} ms per query, \
         slowest {:.3} ms ({:?}), {} hits in all{}",
        ix.len(),
        build.as_secs_f64() * 1e3,
        queries.len(),
        per_query.as_secs_f64() * 1e3,
        worst.0.as_secs_f64() * 1e3,
        worst.1,
        total_hits / rounds,
        if cfg!(debug_assertions) {
            " (debug build: use --release for real figures)"
        } else {
            ""
        }
    );
}

/// A Russian-keyboard spelling of a seed name (Kazakh letters replaced).
fn spell_loose(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'ә' => 'а',
            'Ә' => 'А',
            'ғ' => 'г',
            'Ғ' => 'Г',
            'қ' => 'к',
            'Қ' => 'К',
            'ң' => 'н',
            'ө' => 'о',
            'Ө' => 'О',
            'ұ' | 'ү' => 'у',
            'Ұ' | 'Ү' => 'У',
            'і' => 'и',
            'І' => 'И',
            'һ' => 'х',
            c => c,
        })
        .collect()
}
#[test]
fn debug_tmp() {
    let (ix, slot) = index_with("Ибича Аа");
    println!("{:?} {:?}", ix.folded_name(slot), ix.search("Иича Аа"));
    println!("{:?}", ix.search("Иича"));
    println!("{:?}", fold("Иича"));
}
