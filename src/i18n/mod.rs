//! Every user-visible string, in Kazakh (the default), Russian and English.
//!
//! Keys are the variants of [`Msg`]; the [`messages!`] macro requires all three
//! languages for every key, so a missing translation or an unknown key fails the build.

use chrono::{Datelike, NaiveDate};
use jiyn_core::backup::BackupError;
pub use jiyn_core::Lang;
use jiyn_core::{ForumFormat, RepoError, SessionKind};

/// The language used when nothing was chosen yet.
pub const DEFAULT_LANG: Lang = Lang::Kk;

/// Something shown to the user in the chosen language.
pub trait Text: Copy {
    fn text(self, lang: Lang) -> &'static str;
}

/// Declares a message enum (`Msg` unless named) with every key in all three languages.
/// Feature areas keep their own enum in their own file (e.g. [`desk::DeskMsg`]).
macro_rules! messages {
    ($($key:ident { kk: $kk:literal, ru: $ru:literal, en: $en:literal $(,)? })*) => {
        messages!(Msg; $($key { kk: $kk, ru: $ru, en: $en })*);
    };
    ($name:ident; $($key:ident { kk: $kk:literal, ru: $ru:literal, en: $en:literal $(,)? })*) => {
        /// A user-visible message key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            /// The message in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $($name::$key => match lang {
                        Lang::Kk => $kk,
                        Lang::Ru => $ru,
                        Lang::En => $en,
                    },)*
                }
            }
        }

        impl $crate::i18n::Text for $name {
            fn text(self, lang: Lang) -> &'static str {
                $name::text(self, lang)
            }
        }
    };
}

pub mod cert;
pub mod desk;
pub mod projects;
pub mod reports;
pub mod sync;
pub mod volunteers;

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
    CheckedIn { kk: "Келгендер", ru: "Прошли регистрацию", en: "Checked in" }
    Sessions { kk: "Іс-шаралар", ru: "Мероприятия", en: "Sessions" }
    Delegations { kk: "Делегациялар", ru: "Делегации", en: "Delegations" }
    Venues { kk: "Өтетін орындар", ru: "Площадки", en: "Venues" }
    Itinerary { kk: "Сапар бағыты", ru: "Маршрут тура", en: "Itinerary" }
    Programme { kk: "Бағдарлама", ru: "Программа", en: "Programme" }
    Reports { kk: "Есептер", ru: "Отчёты", en: "Reports" }
    AllReports { kk: "Барлық форумдар бойынша есеп", ru: "Отчёт по всем форумам", en: "Report across all forums" }
    OpenProjects { kk: "Жоспар мен орындалуы, іс-шаралар журналы →", ru: "План и выполнение, журнал мероприятий →", en: "Plan vs done and the activity log →" }
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
    Quarantined { kk: "Бірнеше зақымдалған жазба оқылмады: олар бөлек сақталды және көрсетілмейді, қалғаны әдеттегідей жұмыс істейді. Саны:", ru: "Несколько повреждённых записей не прочитались: они отложены отдельно и не показываются, остальное работает как обычно. Количество:", en: "Some damaged records could not be read: they were set aside and are not shown; everything else works as usual. Count:" }
    ErrStorageFull { kk: "Құрылғының жады толы: ештеңе сақталған жоқ. Орын босатып, қайталаңыз.", ru: "Память устройства заполнена: ничего не сохранено. Освободите место и повторите.", en: "The device's storage is full: nothing was saved. Free some space and try again." }
    ErrConflict { kk: "Бұл жазба бұрын сақталған: ештеңе өзгерген жоқ.", ru: "Эта запись уже сохранена: ничего не изменилось.", en: "This was already saved: nothing changed." }
    ErrCorrupt { kk: "Сақталған жазбаның бірі бүлінген, оны оқу мүмкін емес.", ru: "Одна из сохранённых записей повреждена и не читается.", en: "A stored record is damaged and cannot be read." }
    ErrUnavailable { kk: "Деректер қоры қолжетімсіз. Бетті қайта жүктеңіз.", ru: "База данных недоступна. Перезагрузите страницу.", en: "The database is unavailable. Reload the page." }
    ErrOther { kk: "Сақтау кезінде қате шықты: ештеңе сақталған жоқ.", ru: "Ошибка при сохранении: ничего не сохранено.", en: "Saving failed: nothing was saved." }
    Settings { kk: "Баптаулар", ru: "Настройки", en: "Settings" }
    StorageHeading { kk: "Осы құрылғыдағы деректер", ru: "Данные на этом устройстве", en: "Data on this device" }
    StoragePersisted { kk: "Браузер деректерді өздігінен өшірмеуге уәде берді.", ru: "Браузер обещал не удалять данные сам.", en: "The browser has promised not to delete the data on its own." }
    StorageNotPersisted { kk: "Назар аударыңыз: браузер жады тапшы болғанда бұл деректерді өшіріп жіберуі мүмкін. Тұрақты сақтауды сұраңыз және резервтік көшірме жасап тұрыңыз.", ru: "Внимание: при нехватке места браузер может удалить эти данные. Попросите постоянное хранение и регулярно делайте резервные копии.", en: "Careful: when space runs low the browser may delete this data. Ask for persistent storage and make backups regularly." }
    AskPersistence { kk: "Деректерді сақтап қалуды сұрау", ru: "Попросить сохранить данные", en: "Ask to keep the data" }
    PersistenceRefused { kk: "Браузер әзірге келіспеді. Сайтты бетбелгіге қосыңыз немесе қолданба ретінде орнатыңыз, сосын қайталаңыз.", ru: "Браузер пока отказал. Добавьте сайт в закладки или установите как приложение и повторите.", en: "The browser said no for now. Bookmark the site or install it as an app, then try again." }
    StorageUsed { kk: "Қолданылған орын", ru: "Занято", en: "Space used" }
    StorageFree { kk: "Бос орын", ru: "Свободно", en: "Space free" }
    Unknown { kk: "белгісіз", ru: "неизвестно", en: "unknown" }
    BackupHeading { kk: "Резервтік көшірме", ru: "Резервная копия", en: "Backup" }
    BackupHint { kk: "Барлық деректерді немесе бір форумды бір файлға сақтаңыз. Файлды осы немесе басқа құрылғыда қалпына келтіруге болады.", ru: "Сохраните все данные или один форум в один файл. Его можно восстановить на этом или другом устройстве.", en: "Save all data, or one forum, to a single file. You can restore it on this or another device." }
    BackupScope { kk: "Нені сақтау", ru: "Что сохранить", en: "What to save" }
    BackupAll { kk: "Барлық форумдар", ru: "Все форумы", en: "All forums" }
    BackupDownload { kk: "Файлды жүктеп алу", ru: "Скачать файл", en: "Download the file" }
    BackupSaved { kk: "Сақталған жазбалар", ru: "Сохранено записей", en: "Records saved" }
    RestoreHeading { kk: "Көшірмеден қалпына келтіру", ru: "Восстановление из копии", en: "Restore from a backup" }
    RestoreHint { kk: "Көшірме бар деректермен біріктіріледі: ештеңе екі рет қосылмайды және жаңа өзгерістер жоғалмайды.", ru: "Копия объединяется с имеющимися данными: ничего не добавится дважды, новые изменения не пропадут.", en: "The backup is merged with the data here: nothing is added twice and newer changes are kept." }
    RestoreChoose { kk: "Көшірме файлын таңдау", ru: "Выбрать файл копии", en: "Choose a backup file" }
    RestoreReading { kk: "Файл оқылуда…", ru: "Читаем файл…", en: "Reading the file…" }
    RestoreChecking { kk: "Файл тексерілуде…", ru: "Проверяем файл…", en: "Checking the file…" }
    RestoreWriting { kk: "Деректер сақталуда…", ru: "Сохраняем данные…", en: "Saving the data…" }
    RestoreDone { kk: "Қалпына келтірілді", ru: "Восстановлено", en: "Restored" }
    RestoreAdded { kk: "жаңа", ru: "новых", en: "new" }
    RestoreUpdated { kk: "жаңартылған", ru: "обновлено", en: "updated" }
    RestoreUnchanged { kk: "өзгеріссіз", ru: "без изменений", en: "unchanged" }
    RestoreRefused { kk: "Файл қабылданбады, деректер өзгерген жоқ.", ru: "Файл не принят, данные не изменились.", en: "The file was refused; the data has not changed." }
    BackupNotJson { kk: "Бұл Жиын көшірмесі емес: файл JSON пішімінде емес.", ru: "Это не копия Жиын: файл не в формате JSON.", en: "This is not a Jiyn backup: the file is not JSON." }
    BackupTruncated { kk: "Файл толық емес (үзіліп қалған). Көшірмені қайта жүктеп алыңыз.", ru: "Файл неполный (обрезан). Скачайте копию заново.", en: "The file is incomplete (cut short). Download the backup again." }
    BackupForeign { kk: "Бұл Жиын көшірмесі емес.", ru: "Это не копия Жиын.", en: "This is not a Jiyn backup." }
    BackupNewer { kk: "Көшірмені Жиынның жаңарақ нұсқасы жасаған. Алдымен қолданбаны жаңартыңыз.", ru: "Копия сделана более новой версией Жиын. Сначала обновите приложение.", en: "The backup was made by a newer version of Jiyn. Update the app first." }
    BackupDamaged { kk: "Файл бүлінген: бақылау сомасы сәйкес келмейді.", ru: "Файл повреждён: контрольная сумма не совпадает.", en: "The file is damaged: its checksum does not match." }
    BackupBadRecord { kk: "Файлдағы жазбаның бірі қате. Файл бүлінген немесе қолмен өзгертілген.", ru: "Одна из записей в файле неверна. Файл повреждён или изменён вручную.", en: "A record in the file is invalid. The file is damaged or was edited by hand." }
    UpdateReady { kk: "Жиынның жаңа нұсқасы дайын.", ru: "Готова новая версия Жиын.", en: "A new version of Jiyn is ready." }
    UpdateReload { kk: "Қайта жүктеу", ru: "Перезагрузить", en: "Reload" }
    ReloadNeeded { kk: "Жиын басқа қойындыда жаңартылды. Жұмысты жалғастыру үшін бетті қайта жүктеңіз — сақталған деректер орнында.", ru: "Жиын обновлён в другой вкладке. Чтобы продолжить, перезагрузите страницу — сохранённые данные на месте.", en: "Jiyn was updated in another tab. Reload the page to carry on — saved data is safe." }
    DeviceId { kk: "Құрылғы коды", ru: "Код устройства", en: "Device id" }
    AllDays { kk: "Барлық күндер", ru: "Все дни", en: "All days" }
    ProgrammeDays { kk: "Бағдарлама күндері", ru: "Дни программы", en: "Programme days" }
    FiltersHeading { kk: "Іріктеу", ru: "Фильтры", en: "Filters" }
    SearchLabel { kk: "Бағдарламадан іздеу", ru: "Поиск по программе", en: "Search the programme" }
    SearchHint { kk: "атауы, спикер, орын", ru: "название, спикер, место", en: "title, speaker, place" }
    KindLabel { kk: "Түрі", ru: "Формат", en: "Kind" }
    VenueLabel { kk: "Өтетін орны", ru: "Площадка", en: "Venue" }
    LanguageOfSession { kk: "Өткізілу тілі", ru: "Язык проведения", en: "Language of the session" }
    AnyVenue { kk: "Кез келген орын", ru: "Любая площадка", en: "Any venue" }
    AnyLanguage { kk: "Кез келген тіл", ru: "Любой язык", en: "Any language" }
    LangNameKk { kk: "қазақ тілі", ru: "казахский", en: "Kazakh" }
    LangNameRu { kk: "орыс тілі", ru: "русский", en: "Russian" }
    LangNameEn { kk: "ағылшын тілі", ru: "английский", en: "English" }
    ClearFilters { kk: "Іріктеуді тазарту", ru: "Сбросить фильтры", en: "Clear filters" }
    NoMatches { kk: "Таңдалған шартқа сай іс-шара жоқ.", ru: "Под выбранные условия ничего не подходит.", en: "No session matches these filters." }
    SessionsShown { kk: "іс-шара көрсетілген", ru: "мероприятий показано", en: "sessions shown" }
    NowOn { kk: "Қазір өтіп жатыр", ru: "Сейчас идёт", en: "On now" }
    UpNext { kk: "Келесі", ru: "Далее", en: "Up next" }
    NothingNow { kk: "Қазір ештеңе өтіп жатқан жоқ.", ru: "Сейчас ничего не идёт.", en: "Nothing is on right now." }
    ForumTime { kk: "Форум уақыты", ru: "Время форума", en: "Forum time" }
    DeviceTime { kk: "құрылғыңызда", ru: "на вашем устройстве", en: "on your device" }
    MyPlan { kk: "Менің жоспарым", ru: "Мой план", en: "My plan" }
    AddToPlan { kk: "Жоспарыма қосу", ru: "Добавить в мой план", en: "Add to my plan" }
    InPlan { kk: "Жоспарымда бар (алып тастау)", ru: "В моём плане (убрать)", en: "In my plan (remove)" }
    PlanHint { kk: "Жоспар тек осы құрылғыда сақталады.", ru: "План хранится только на этом устройстве.", en: "Your plan is kept on this device only." }
    PlanEmpty { kk: "Жоспарыңыз әзірге бос. Бағдарламадағы ☆ белгісін басып, іс-шараларды қосыңыз.", ru: "Ваш план пока пуст. Добавляйте мероприятия звёздочкой ☆ в программе.", en: "Your plan is empty. Add sessions with the ☆ in the programme." }
    PlanClash { kk: "Уақыты қабаттасады:", ru: "Пересекаются по времени:", en: "These overlap:" }
    PlanClashMark { kk: "басқа іс-шарамен қабаттасады", ru: "пересекается с другим мероприятием", en: "overlaps another session" }
    PlanSaveFailed { kk: "Жоспар сақталмады.", ru: "План не сохранился.", en: "The plan was not saved." }
    AddToCalendar { kk: "Күнтізбеге қосу (.ics)", ru: "Добавить в календарь (.ics)", en: "Add to calendar (.ics)" }
    PlanToCalendar { kk: "Жоспарды күнтізбеге (.ics)", ru: "План в календарь (.ics)", en: "Plan to calendar (.ics)" }
    ExportHeading { kk: "Бағдарламаны жүктеп алу", ru: "Скачать программу", en: "Download the programme" }
    ExportIcs { kk: "Күнтізбе (.ics)", ru: "Календарь (.ics)", en: "Calendar (.ics)" }
    ExportSchedule { kk: "schedule.json (frab, pretalx)", ru: "schedule.json (frab, pretalx)", en: "schedule.json (frab, pretalx)" }
    ExportFeed { kk: "Ашық бағдарлама agenda.json", ru: "Открытая программа agenda.json", en: "Public agenda agenda.json" }
    ExportFailed { kk: "Файл жасалмады.", ru: "Файл не создан.", en: "The file could not be made." }
    SessionNotFound { kk: "Мұндай іс-шара жоқ.", ru: "Такого мероприятия нет.", en: "There is no such session." }
    BackToProgramme { kk: "← Бағдарлама", ru: "← Программа", en: "← Programme" }
    Capacity { kk: "Орын саны", ru: "Мест", en: "Places" }
    UnknownZone { kk: "Форумның уақыт белдеуі белгісіз, сондықтан «қазір» көрсетілмейді.", ru: "Часовой пояс форума неизвестен, поэтому «сейчас» не показано.", en: "The forum's time zone is unknown, so \"now\" is not shown." }
    Today { kk: "бүгін", ru: "сегодня", en: "today" }
    ImportHeading { kk: "Бағдарламаны импорттау", ru: "Импорт программы", en: "Import a programme" }
    ImportHint { kk: "Басқа жүйеден (frab, pretalx және т.б.) жарияланған schedule.json файлы жаңа форум ретінде қосылады.", ru: "Файл schedule.json из другой системы (frab, pretalx и др.) добавляется как новый форум.", en: "A schedule.json published by another tool (frab, pretalx and others) is added as a new forum." }
    ImportChoose { kk: "schedule.json файлын таңдау", ru: "Выбрать файл schedule.json", en: "Choose a schedule.json file" }
    ImportDone { kk: "Импортталды", ru: "Импортировано", en: "Imported" }
    ImportOpen { kk: "Форумды ашу", ru: "Открыть форум", en: "Open the forum" }
    ImportWarnings { kk: "Толық сақталмаған жолдар:", ru: "Не полностью сохранено записей:", en: "Entries not kept as they were:" }
    ImportRefused { kk: "Файл қабылданбады, ештеңе сақталған жоқ.", ru: "Файл не принят, ничего не сохранено.", en: "The file was refused; nothing was saved." }
    ImportUnreadable { kk: "Файлды оқу мүмкін болмады.", ru: "Файл не удалось прочитать.", en: "The file could not be read." }
    ScheduleTooLarge { kk: "Файл тым үлкен.", ru: "Файл слишком большой.", en: "The file is too large." }
    ScheduleNotJson { kk: "Бұл JSON файлы емес.", ru: "Это не файл JSON.", en: "This is not a JSON file." }
    ScheduleTruncated { kk: "Файл толық емес (үзіліп қалған).", ru: "Файл неполный (обрезан).", en: "The file is incomplete (cut short)." }
    ScheduleMalformed { kk: "Бұл schedule.json пішіміне сай емес.", ru: "Файл не соответствует формату schedule.json.", en: "The file does not follow the schedule.json format." }
    ScheduleZone { kk: "Файлдағы уақыт белдеуі белгісіз.", ru: "Часовой пояс в файле неизвестен.", en: "The file's time zone is unknown." }
    NewSession { kk: "Жаңа іс-шара", ru: "Новое мероприятие", en: "New session" }
    EditSession { kk: "Іс-шараны өзгерту", ru: "Изменить мероприятие", en: "Edit the session" }
    EditLink { kk: "Өзгерту", ru: "Изменить", en: "Edit" }
    AddSession { kk: "+ Іс-шара қосу", ru: "+ Добавить мероприятие", en: "+ Add a session" }
    TitleLabel { kk: "Атауы", ru: "Название", en: "Title" }
    DescriptionLabel { kk: "Сипаттамасы", ru: "Описание", en: "Description" }
    StartsAt { kk: "Басталуы", ru: "Начало", en: "Starts" }
    EndsAt { kk: "Аяқталуы", ru: "Окончание", en: "Ends" }
    RoomLabel { kk: "Зал", ru: "Зал", en: "Room" }
    StopLabel { kk: "Сапар аялдамасы", ru: "Остановка тура", en: "Tour stop" }
    SpeakersOnePerLine { kk: "Спикерлер (әр жолға біреуден)", ru: "Спикеры (по одному в строке)", en: "Speakers (one per line)" }
    WarningsHeading { kk: "Назар аударыңыз:", ru: "Обратите внимание:", en: "Please check:" }
    WarnRoomClash { kk: "Бұл уақытта зал бос емес:", ru: "Зал в это время занят:", en: "The room is taken at this time by" }
    WarnSpeakerClash { kk: "осы уақытта басқа жерде сөйлейді:", ru: "в это же время выступает в другом месте:", en: "speaks elsewhere at the same time:" }
    WarnOutsideDates { kk: "Іс-шара форум күндерінен тыс.", ru: "Мероприятие вне дат форума.", en: "The session is outside the forum's dates." }
    WarnNotOnStopDate { kk: "Күні сапар аялдамасының күнімен сәйкес емес.", ru: "Дата не совпадает с датой остановки тура.", en: "The date is not the tour stop's date." }
    ErrTitleRequired { kk: "Атауын кем дегенде бір тілде жазыңыз.", ru: "Укажите название хотя бы на одном языке.", en: "Give a title in at least one language." }
    ErrDateTime { kk: "Күні мен уақытын толық көрсетіңіз.", ru: "Укажите дату и время полностью.", en: "Give the full date and time." }
    ErrEndsBeforeStart { kk: "Аяқталуы басталуынан кейін болуы керек.", ru: "Окончание должно быть позже начала.", en: "The end must come after the start." }
    ErrNumber { kk: "Бүтін сан жазыңыз.", ru: "Введите целое число.", en: "Enter a whole number." }
    ErrDate { kk: "Күнін толық көрсетіңіз.", ru: "Укажите дату полностью.", en: "Give the full date." }
    FixFields { kk: "Белгіленген жолдарды түзетіңіз: ештеңе сақталған жоқ.", ru: "Исправьте отмеченные поля: ничего не сохранено.", en: "Fix the marked fields: nothing was saved." }
    Save { kk: "Сақтау", ru: "Сохранить", en: "Save" }
    Saved { kk: "Сақталды.", ru: "Сохранено.", en: "Saved." }
    Duplicate { kk: "Көшірмесін жасау", ru: "Дублировать", en: "Duplicate" }
    Delete { kk: "Жою", ru: "Удалить", en: "Delete" }
    SessionDeleted { kk: "Іс-шара жойылды.", ru: "Мероприятие удалено.", en: "The session was deleted." }
    Undo { kk: "Болдырмау", ru: "Отменить", en: "Undo" }
    Restored { kk: "Қалпына келтірілді.", ru: "Восстановлено.", en: "Restored." }
    Back { kk: "← Артқа", ru: "← Назад", en: "← Back" }
    NewForum { kk: "Жаңа форум", ru: "Новый форум", en: "New forum" }
    AddForum { kk: "+ Жаңа форум", ru: "+ Новый форум", en: "+ New forum" }
    EditForum { kk: "Форумды өзгерту", ru: "Изменить форум", en: "Edit the forum" }
    CityLabel { kk: "Қала", ru: "Город", en: "City" }
    FormatLabel { kk: "Өткізу түрі", ru: "Формат", en: "Format" }
    AddressLabel { kk: "Мекенжайы", ru: "Адрес", en: "Address" }
    DateLabel { kk: "Күні", ru: "Дата", en: "Date" }
    DistrictLabel { kk: "Аудан", ru: "Район", en: "District" }
    PlaceLabel { kk: "Өтетін жері", ru: "Место", en: "Place" }
    AddVenue { kk: "+ Орын қосу", ru: "+ Добавить площадку", en: "+ Add a venue" }
    RemoveVenue { kk: "Орынды алып тастау", ru: "Убрать площадку", en: "Remove the venue" }
    AddRoom { kk: "+ Зал қосу", ru: "+ Добавить зал", en: "+ Add a room" }
    RemoveRoom { kk: "Залды алып тастау", ru: "Убрать зал", en: "Remove the room" }
    AddStop { kk: "+ Аялдама қосу", ru: "+ Добавить остановку", en: "+ Add a stop" }
    RemoveStop { kk: "Аялдаманы алып тастау", ru: "Убрать остановку", en: "Remove the stop" }
    ErrForumEndsBeforeStart { kk: "Форум басталғаннан кейін аяқталуы керек.", ru: "Форум должен заканчиваться не раньше начала.", en: "The forum cannot end before it starts." }
    ErrZoneRequired { kk: "Уақыт белдеуін таңдаңыз.", ru: "Выберите часовой пояс.", en: "Choose a time zone." }
    SignUpHeading { kk: "Жазылу", ru: "Запись", en: "Sign-up" }
    PlacesTaken { kk: "орын бос емес", ru: "мест занято", en: "places taken" }
    WaitingCount { kk: "күту тізімінде", ru: "в листе ожидания", en: "on the waitlist" }
    SessionFull { kk: "Орын қалмады: күту тізіміне жазыласыз, біреу бас тартса, кезек сізге келеді.", ru: "Мест нет: вы попадёте в лист ожидания и получите место, если кто-то откажется.", en: "No places left: you join the waitlist and move up when someone cancels." }
    YourName { kk: "Аты-жөніңіз", ru: "Ваше имя и фамилия", en: "Your full name" }
    ContactOptional { kk: "Байланыс (міндетті емес)", ru: "Контакт (необязательно)", en: "Contact (optional)" }
    SignUpButton { kk: "Жазылу", ru: "Записаться", en: "Sign up" }
    JoinWaitlist { kk: "Күту тізіміне жазылу", ru: "Встать в лист ожидания", en: "Join the waitlist" }
    SignUpsHere { kk: "Осы құрылғыдан жазылғандар", ru: "Записи с этого устройства", en: "Sign-ups from this device" }
    PlaceConfirmed { kk: "орын берілді", ru: "место есть", en: "has a place" }
    PlaceWaiting { kk: "күту тізімінде, кезегі:", ru: "в листе ожидания, номер", en: "waiting, number" }
    SignUpPending { kk: "әлі жіберілмеді: басқа құрылғылардан жазылғандар келгенде орны өзгеруі мүмкін", ru: "ещё не отправлено: место может измениться, когда придут записи с других устройств", en: "not sent yet: the place may change when sign-ups from other devices arrive" }
    CancelSignUp { kk: "Бас тарту", ru: "Отменить запись", en: "Cancel" }
    SignUpCancelled { kk: "бас тартты", ru: "запись отменена", en: "cancelled" }
    ErrNameRequired { kk: "Аты-жөніңізді жазыңыз.", ru: "Укажите имя.", en: "Enter a name." }
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

/// Why a backup file was refused, for the user.
pub fn backup_error_msg(e: &BackupError) -> Msg {
    match e {
        BackupError::NotJson => Msg::BackupNotJson,
        BackupError::Truncated => Msg::BackupTruncated,
        BackupError::Foreign => Msg::BackupForeign,
        BackupError::Newer { .. } => Msg::BackupNewer,
        BackupError::Checksum | BackupError::Malformed(_) => Msg::BackupDamaged,
        BackupError::InvalidRecord { .. } => Msg::BackupBadRecord,
    }
}

/// A byte count for people: "12.3 MB".
pub fn bytes(lang: Lang, n: f64) -> String {
    let (value, unit) = if n >= 1e9 {
        (n / 1e9, ["ГБ", "ГБ", "GB"])
    } else if n >= 1e6 {
        (n / 1e6, ["МБ", "МБ", "MB"])
    } else {
        (n / 1e3, ["КБ", "КБ", "KB"])
    };
    let unit = match lang {
        Lang::Kk => unit[0],
        Lang::Ru => unit[1],
        Lang::En => unit[2],
    };
    let text = format!("{value:.1}");
    let text = if lang == Lang::En {
        text
    } else {
        text.replace('.', ",")
    };
    format!("{text} {unit}")
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

/// A short date for tabs: «11 қараша», «11 ноября», "11 Nov".
pub fn date_short(lang: Lang, d: NaiveDate) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::Kk => format!("{} {}", d.day(), MONTHS_KK[m]),
        Lang::Ru => format!("{} {}", d.day(), MONTHS_RU[m]),
        Lang::En => format!("{} {}", d.day(), &MONTHS_EN[m][..3]),
    }
}

/// What to tell the user about a schedule file that was refused.
pub fn schedule_error_msg(e: &jiyn_core::schedule_json::ScheduleError) -> Msg {
    use jiyn_core::schedule_json::ScheduleError as E;
    match e {
        E::TooLarge(_) => Msg::ScheduleTooLarge,
        E::NotJson(_) => Msg::ScheduleNotJson,
        E::Truncated => Msg::ScheduleTruncated,
        E::UnknownZone(_) | E::NoTimeZone(_) => Msg::ScheduleZone,
        E::Missing { .. }
        | E::WrongType { .. }
        | E::BadDuration { .. }
        | E::BadDate { .. }
        | E::Invalid { .. }
        | E::ForeignSession(_) => Msg::ScheduleMalformed,
        E::Write(_) => Msg::ErrOther,
    }
}

/// The name of a language, in `lang`.
pub fn lang_name_msg(l: Lang) -> Msg {
    match l {
        Lang::Kk => Msg::LangNameKk,
        Lang::Ru => Msg::LangNameRu,
        Lang::En => Msg::LangNameEn,
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
