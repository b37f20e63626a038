//! Every user-visible string, in Kazakh (the default), Russian and English.
//!
//! Keys are the variants of [`Msg`]; the [`messages!`] macro requires all three
//! languages for every key, so a missing translation or an unknown key fails the build.

use chrono::{Datelike, NaiveDate};
pub use jiyn_core::Lang;
use jiyn_core::{ForumFormat, RepoError, SessionKind};

/// The language used when nothing was chosen yet.
pub const DEFAULT_LANG: Lang = Lang::Kk;

macro_rules! messages {
    ($($key:ident { kk: $kk:literal, ru: $ru:literal, en: $en:literal $(,)? })*) => {
        /// A user-visible message key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($key),* }

        impl Msg {
            /// The message in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(Msg::$key => match lang {
                        Lang::Kk => $kk,
                        Lang::Ru => $ru,
                        Lang::En => $en,
                    },)*
                }
            }
        }
    };
}

messages! {
    AppName { kk: "Жиын", ru: "Жиын", en: "Jiyn" }
    Tagline { kk: "Жастар форумдарының бағдарламасы, тіркеу және волонтерлік", ru: "Программа, регистрация и волонтёры молодёжных форумов", en: "Programmes, registration and volunteers for youth forums" }
    LanguageLabel { kk: "Тіл", ru: "Язык", en: "Language" }
    SkipToContent { kk: "Негізгі мазмұнға өту", ru: "Перейти к содержанию", en: "Skip to content" }
    Loading { kk: "Жүктелуде…", ru: "Загрузка…", en: "Loading…" }
    ForumsHeading { kk: "Форумдар", ru: "Форумы", en: "Forums" }
    EmptyTitle { kk: "Әзірге бірде-бір форум жоқ", ru: "Пока нет ни одного форума", en: "No forums yet" }
    EmptyHint { kk: "Қолданбаны байқап көру үшін демо деректерді жүктеңіз: Оралдағы Қазақстан–Ресей жастар форумы, Ақмола облысының алты ауданына іс-сапар және Тараздағы әлеуметтік жобалар. Деректер тек осы құрылғыда сақталады.", ru: "Чтобы попробовать приложение, загрузите демо-данные: казахстанско-российский молодёжный форум в Уральске, выездной тур по шести районам Акмолинской области и социальные проекты Тараза. Данные хранятся только на этом устройстве.", en: "To try the app, load the demo data: the Kazakhstan–Russia youth forum in Oral, an outreach tour of six districts of Akmola region and the social projects of Taraz. The data stays on this device only." }
    LoadDemo { kk: "Демо деректерді жүктеу", ru: "Загрузить демо-данные", en: "Load demo data" }
    LoadingDemo { kk: "Демо деректер жүктелуде…", ru: "Загружаем демо-данные…", en: "Loading demo data…" }
    DemoFailed { kk: "Демо деректер жүктелмеді. Ештеңе сақталған жоқ.", ru: "Демо-данные не загрузились. Ничего не сохранено.", en: "The demo data did not load. Nothing was saved." }
    Participants { kk: "Қатысушылар", ru: "Участники", en: "Participants" }
    Sessions { kk: "Іс-шаралар", ru: "Мероприятия", en: "Sessions" }
    Delegations { kk: "Делегациялар", ru: "Делегации", en: "Delegations" }
    Venues { kk: "Өтетін орындар", ru: "Площадки", en: "Venues" }
    Itinerary { kk: "Сапар бағыты", ru: "Маршрут тура", en: "Itinerary" }
    Programme { kk: "Бағдарлама", ru: "Программа", en: "Programme" }
    Projects { kk: "Әлеуметтік жобалар", ru: "Социальные проекты", en: "Social projects" }
    FormatSingle { kk: "Бір орында", ru: "В одном месте", en: "One place" }
    FormatTour { kk: "Көшпелі сапар", ru: "Выездной тур", en: "Outreach tour" }
    BackToForums { kk: "← Барлық форумдар", ru: "← Все форумы", en: "← All forums" }
    ForumNotFound { kk: "Мұндай форум бұл құрылғыда жоқ.", ru: "Такого форума нет на этом устройстве.", en: "This forum is not on this device." }
    PageNotFound { kk: "Бет табылмады.", ru: "Страница не найдена.", en: "Page not found." }
    NoTranslation { kk: "аудармасы жоқ", ru: "нет перевода", en: "not translated" }
    TimeZone { kk: "Уақыт белдеуі", ru: "Часовой пояс", en: "Time zone" }
    Speakers { kk: "Спикерлер", ru: "Спикеры", en: "Speakers" }
    PlanDone { kk: "жоспар / орындалды", ru: "план / выполнено", en: "planned / done" }
    DbErrorTitle { kk: "Деректер қорын ашу мүмкін болмады", ru: "Не удалось открыть базу данных", en: "The database could not be opened" }
    DbErrorWhat { kk: "Жиын деректерді браузердің ішіндегі қоймада (IndexedDB) сақтайды, ал браузер оны ашуға рұқсат бермеді.", ru: "Жиын хранит данные во встроенном хранилище браузера (IndexedDB), и браузер не дал его открыть.", en: "Jiyn keeps its data in the browser's own storage (IndexedDB), and the browser refused to open it." }
    DbErrorTodo { kk: "Не істеу керек: жасырын (инкогнито) режимнен шығыңыз, браузер баптауларында сайт деректерін сақтауға рұқсат беріңіз, Жиын ашық тұрған басқа қойындыларды жабыңыз да, қайта көріңіз. Бұрын сақталған деректер жойылған жоқ.", ru: "Что сделать: выйдите из режима инкогнито, разрешите сайту хранить данные в настройках браузера, закройте другие вкладки с Жиын и повторите. Ранее сохранённые данные не удалены.", en: "What to do: leave private (incognito) mode, allow this site to store data in the browser settings, close other tabs with Jiyn open, and try again. Data saved before has not been deleted." }
    DbErrorDetail { kk: "Техникалық мәлімет", ru: "Технические подробности", en: "Technical detail" }
    Retry { kk: "Қайта көру", ru: "Повторить", en: "Try again" }
    ErrStorageFull { kk: "Құрылғының жады толы: ештеңе сақталған жоқ. Орын босатып, қайталаңыз.", ru: "Память устройства заполнена: ничего не сохранено. Освободите место и повторите.", en: "The device's storage is full: nothing was saved. Free some space and try again." }
    ErrConflict { kk: "Бұл жазба бұрын сақталған: ештеңе өзгерген жоқ.", ru: "Эта запись уже сохранена: ничего не изменилось.", en: "This was already saved: nothing changed." }
    ErrCorrupt { kk: "Сақталған жазбаның бірі бүлінген, оны оқу мүмкін емес.", ru: "Одна из сохранённых записей повреждена и не читается.", en: "A stored record is damaged and cannot be read." }
    ErrUnavailable { kk: "Деректер қоры қолжетімсіз. Бетті қайта жүктеңіз.", ru: "База данных недоступна. Перезагрузите страницу.", en: "The database is unavailable. Reload the page." }
    ErrOther { kk: "Сақтау кезінде қате шықты: ештеңе сақталған жоқ.", ru: "Ошибка при сохранении: ничего не сохранено.", en: "Saving failed: nothing was saved." }
    KindPlenary { kk: "Пленарлық отырыс", ru: "Пленарное заседание", en: "Plenary" }
    KindDialogue { kk: "Диалог алаңы", ru: "Диалоговая площадка", en: "Dialogue platform" }
    KindTraining { kk: "Тренинг", ru: "Тренинг", en: "Training" }
    KindGame { kk: "Зияткерлік ойын", ru: "Интеллектуальная игра", en: "Intellectual game" }
    KindConsultation { kk: "Кеңес беру", ru: "Консультация", en: "Consultation" }
    KindCeremony { kk: "Салтанатты рәсім", ru: "Церемония", en: "Ceremony" }
    KindMeeting { kk: "Кездесу", ru: "Встреча", en: "Meeting" }
    KindExcursion { kk: "Экскурсия", ru: "Экскурсия", en: "Excursion" }
    KindOther { kk: "Басқа", ru: "Другое", en: "Other" }
}

/// The message for a session kind.
pub fn kind_msg(kind: SessionKind) -> Msg {
    match kind {
        SessionKind::Plenary => Msg::KindPlenary,
        SessionKind::DialoguePlatform => Msg::KindDialogue,
        SessionKind::Training => Msg::KindTraining,
        SessionKind::IntellectualGame => Msg::KindGame,
        SessionKind::Consultation => Msg::KindConsultation,
        SessionKind::Ceremony => Msg::KindCeremony,
        SessionKind::Meeting => Msg::KindMeeting,
        SessionKind::Excursion => Msg::KindExcursion,
        SessionKind::Other => Msg::KindOther,
    }
}

pub fn format_msg(format: ForumFormat) -> Msg {
    match format {
        ForumFormat::Single => Msg::FormatSingle,
        ForumFormat::Tour => Msg::FormatTour,
    }
}

/// What a storage failure means for the user.
pub fn repo_error_msg(e: &RepoError) -> Msg {
    match e {
        RepoError::QuotaExceeded => Msg::ErrStorageFull,
        RepoError::Conflict(_) => Msg::ErrConflict,
        RepoError::Corrupt { .. } => Msg::ErrCorrupt,
        RepoError::Unavailable(_) => Msg::ErrUnavailable,
        RepoError::Backend(_) => Msg::ErrOther,
    }
}

const MONTHS_KK: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];
const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as people write it: «2025 жылғы 11 қараша», «11 ноября 2025», "11 November 2025".
pub fn date_long(lang: Lang, d: NaiveDate) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::Kk => format!("{} жылғы {} {}", d.year(), d.day(), MONTHS_KK[m]),
        Lang::Ru => format!("{} {} {}", d.day(), MONTHS_RU[m], d.year()),
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[m], d.year()),
    }
}

/// A date range; the year (and month) are written once when shared.
pub fn date_range(lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        return date_long(lang, from);
    }
    let same_month = from.year() == to.year() && from.month() == to.month();
    let m = from.month0() as usize;
    match (lang, same_month) {
        (Lang::Kk, true) => format!(
            "{} жылғы {}–{} {}",
            from.year(),
            from.day(),
            to.day(),
            MONTHS_KK[m]
        ),
        (Lang::Ru, true) => format!(
            "{}–{} {} {}",
            from.day(),
            to.day(),
            MONTHS_RU[m],
            from.year()
        ),
        (Lang::En, true) => format!(
            "{}–{} {} {}",
            from.day(),
            to.day(),
            MONTHS_EN[m],
            from.year()
        ),
        _ if from.year() == to.year() => {
            let n = to.month0() as usize;
            match lang {
                Lang::Kk => format!(
                    "{} жылғы {} {} – {} {}",
                    from.year(),
                    from.day(),
                    MONTHS_KK[m],
                    to.day(),
                    MONTHS_KK[n]
                ),
                Lang::Ru => format!(
                    "{} {} – {} {} {}",
                    from.day(),
                    MONTHS_RU[m],
                    to.day(),
                    MONTHS_RU[n],
                    from.year()
                ),
                Lang::En => format!(
                    "{} {} – {} {} {}",
                    from.day(),
                    MONTHS_EN[m],
                    to.day(),
                    MONTHS_EN[n],
                    from.year()
                ),
            }
        }
        _ => format!("{} – {}", date_long(lang, from), date_long(lang, to)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_each_language() {
        let a = NaiveDate::from_ymd_opt(2025, 11, 11).unwrap();
        let b = NaiveDate::from_ymd_opt(2025, 11, 12).unwrap();
        assert_eq!(date_range(Lang::Kk, a, b), "2025 жылғы 11–12 қараша");
        assert_eq!(date_range(Lang::Ru, a, b), "11–12 ноября 2025");
        assert_eq!(date_range(Lang::En, a, a), "11 November 2025");
        let c = NaiveDate::from_ymd_opt(2025, 2, 1).unwrap();
        assert_eq!(date_range(Lang::Kk, c, b), "2025 жылғы 1 ақпан – 12 қараша");
        assert_eq!(date_range(Lang::Ru, c, b), "1 февраля – 12 ноября 2025");
    }

    #[test]
    fn every_message_exists_in_every_language() {
        for m in [Msg::LoadDemo, Msg::DbErrorTitle, Msg::KindOther] {
            for l in Lang::ALL {
                assert!(!m.text(l).is_empty());
            }
        }
    }
}
