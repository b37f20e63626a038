//! The reports pages' messages: headings, table columns, age bands, hour statuses.

use super::Lang;
use jiyn_core::report::AgeBand;

messages! { ReportMsg;
    Heading { kk: "Есептер", ru: "Отчёты", en: "Reports" }
    AllHeading { kk: "Барлық форумдар бойынша есеп", ru: "Отчёт по всем форумам", en: "Report across all forums" }
    AllIntro { kk: "Осы құрылғыдағы барлық форумның көрсеткіштері бірге есептелген.", ru: "Показатели всех форумов на этом устройстве, вместе.", en: "The figures of every forum on this device, together." }
    AllLink { kk: "Барлық форумдар бойынша есеп", ru: "Отчёт по всем форумам", en: "Report across all forums" }
    AsOf { kk: "Есеп күні", ru: "Данные на", en: "As of" }
    Print { kk: "Басып шығару", ru: "Печать", en: "Print" }
    DownloadCsv { kk: "CSV жүктеп алу", ru: "Скачать CSV", en: "Download CSV" }
    DownloadFailed { kk: "Файлды жүктеп алу мүмкін болмады.", ru: "Не удалось скачать файл.", en: "The file could not be downloaded." }
    Registered { kk: "Тіркелгендер", ru: "Зарегистрировано", en: "Registered" }
    CheckedIn { kk: "Келгендер", ru: "Пришли", en: "Checked in" }
    CheckedInShare { kk: "Келгендер, %", ru: "Пришли, %", en: "Checked in, %" }
    Youth { kk: "Жастар (14–35 жас)", ru: "Молодёжь (14–35 лет)", en: "Youth (14–35)" }
    ApprovedHoursTotal { kk: "Расталған волонтерлік сағат", ru: "Подтверждённых волонтёрских часов", en: "Approved volunteer hours" }
    Attendance { kk: "Қатысу", ru: "Участие", en: "Attendance" }
    AttendanceHint { kk: "Тіркелгендер — жойылмаған қатысушылар. Келгендер — соңғы белгісі «келді» болғандар (кейін болдырылмаған).", ru: "Зарегистрировано — неудалённые участники. Пришли — те, чья последняя отметка «пришёл» (и не отменена).", en: "Registered: participants not deleted. Checked in: those whose latest desk event is a check-in (not undone)." }
    ByRegion { kk: "Өңірлер бойынша", ru: "По регионам", en: "By region" }
    ByDistrict { kk: "Аудандар бойынша", ru: "По районам", en: "By district" }
    ByAge { kk: "Жас топтары бойынша", ru: "По возрастным группам", en: "By age group" }
    AgeHint { kk: "Жасы форум жылында толатын жас бойынша. Жастар саясаты 14–35 жасты қамтиды.", ru: "Возраст — сколько исполняется в год форума. Молодёжная политика охватывает 14–35 лет.", en: "Age is the age reached in the forum's year. Youth policy covers ages 14 to 35." }
    ByRole { kk: "Рөлдер бойынша", ru: "По ролям", en: "By role" }
    ByDelegation { kk: "Делегациялар бойынша", ru: "По делегациям", en: "By delegation" }
    Region { kk: "Өңір", ru: "Регион", en: "Region" }
    District { kk: "Аудан", ru: "Район", en: "District" }
    AgeGroup { kk: "Жас тобы", ru: "Возрастная группа", en: "Age group" }
    Role { kk: "Рөл", ru: "Роль", en: "Role" }
    Delegation { kk: "Делегация", ru: "Делегация", en: "Delegation" }
    NotGiven { kk: "Көрсетілмеген", ru: "Не указано", en: "Not given" }
    AgeUnder14 { kk: "14 жасқа дейін", ru: "До 14 лет", en: "Under 14" }
    Age14To17 { kk: "14–17 жас", ru: "14–17 лет", en: "14–17" }
    Age18To24 { kk: "18–24 жас", ru: "18–24 года", en: "18–24" }
    Age25To29 { kk: "25–29 жас", ru: "25–29 лет", en: "25–29" }
    Age30To35 { kk: "30–35 жас", ru: "30–35 лет", en: "30–35" }
    AgeOver35 { kk: "35 жастан жоғары", ru: "Старше 35", en: "Over 35" }
    AgeUnknown { kk: "Жасы белгісіз", ru: "Возраст не указан", en: "Age not known" }
    ChartShows { kk: "Диаграммада көрсетілгені (толығы кестеде):", ru: "На диаграмме (полностью — в таблице):", en: "In the chart (all in the table):" }
    TableShows { kk: "Кестеде көрсетілгені (толығы CSV файлында):", ru: "В таблице (полностью — в файле CSV):", en: "In the table (all in the CSV file):" }
    Hours { kk: "Волонтерлік сағаттар", ru: "Волонтёрские часы", en: "Volunteer hours" }
    HoursHint { kk: "Уақыт форумның жергілікті уақытымен; түн ортасынан өткен жазба күндерге бөлінеді. Сағат:минут.", ru: "Время — местное время форума; запись через полночь делится между днями. Часы:минуты.", en: "Forum-local time; an entry across midnight is split between the days. Hours:minutes." }
    Status { kk: "Мәртебесі", ru: "Статус", en: "Status" }
    Approved { kk: "Расталған", ru: "Подтверждено", en: "Approved" }
    Pending { kk: "Тексерілмеген", ru: "На проверке", en: "Pending" }
    Rejected { kk: "Қабылданбаған", ru: "Отклонено", en: "Rejected" }
    NoShow { kk: "Келмеген", ru: "Неявка", en: "No-show" }
    HoursMinutes { kk: "Сағат (сағ:мин)", ru: "Часы (ч:мин)", en: "Hours (h:mm)" }
    Minutes { kk: "Минут", ru: "Минуты", en: "Minutes" }
    Entries { kk: "Жазба саны", ru: "Записей", en: "Entries" }
    Running { kk: "Әлі тоқтатылмаған таймерлер (есепке кірмеді):", ru: "Ещё идущие таймеры (не учтены):", en: "Timers still running (not counted yet):" }
    ByStatus { kk: "Мәртебелер бойынша", ru: "По статусам", en: "By status" }
    ByMonth { kk: "Айлар бойынша", ru: "По месяцам", en: "By month" }
    ByDay { kk: "Күндер бойынша", ru: "По дням", en: "By day" }
    Month { kk: "Ай", ru: "Месяц", en: "Month" }
    Day { kk: "Күн", ru: "День", en: "Day" }
    TopVolunteers { kk: "Ең көп сағат жинаған волонтерлер", ru: "Волонтёры с наибольшим числом часов", en: "Volunteers with the most hours" }
    Volunteer { kk: "Волонтер", ru: "Волонтёр", en: "Volunteer" }
    ApprovedHours { kk: "Расталған сағат", ru: "Подтверждённые часы", en: "Approved hours" }
    ApprovedMinutes { kk: "Расталған минут", ru: "Подтверждено минут", en: "Approved minutes" }
    PendingMinutes { kk: "Тексерілмеген минут", ru: "На проверке минут", en: "Pending minutes" }
    RejectedMinutes { kk: "Қабылданбаған минут", ru: "Отклонено минут", en: "Rejected minutes" }
    NoShowMinutes { kk: "Келмеген (минут)", ru: "Неявка, минут", en: "No-show minutes" }
    ApprovedEntries { kk: "Расталған жазба", ru: "Подтверждённых записей", en: "Approved entries" }
    UnknownVolunteer { kk: "(бұл құрылғыда жоқ адам)", ru: "(человека нет на этом устройстве)", en: "(person not on this device)" }
    NoHours { kk: "Волонтерлік сағаттар әлі жоқ.", ru: "Волонтёрских часов пока нет.", en: "No volunteer hours yet." }
    Projects { kk: "Әлеуметтік жобалардың орындалуы", ru: "Выполнение социальных проектов", en: "Social project progress" }
    NoProjects { kk: "Әлеуметтік жобалар жоқ.", ru: "Социальных проектов нет.", en: "No social projects." }
    Project { kk: "Жоба", ru: "Проект", en: "Project" }
    Organisation { kk: "Ұйым", ru: "Организация", en: "Organisation" }
    Target { kk: "Мақсат", ru: "Цель", en: "Target" }
    Unit { kk: "Өлшем бірлігі", ru: "Единица", en: "Unit" }
    Planned { kk: "Жоспар", ru: "План", en: "Planned" }
    Done { kk: "Орындалды", ru: "Выполнено", en: "Done" }
    DoneShare { kk: "Орындалуы, %", ru: "Выполнение, %", en: "Done, %" }
    Deadline { kk: "Соңғы мерзім", ru: "Срок", en: "Deadline" }
    Overdue { kk: "Мерзімі өтті", ru: "Просрочено", en: "Overdue" }
    Yes { kk: "иә", ru: "да", en: "yes" }
    No { kk: "жоқ", ru: "нет", en: "no" }
    NoPeople { kk: "Қатысушылар әлі жоқ.", ru: "Участников пока нет.", en: "No participants yet." }
    ByForum { kk: "Форумдар бойынша", ru: "По форумам", en: "By forum" }
    Forum { kk: "Форум", ru: "Форум", en: "Forum" }
    VolunteersWithHours { kk: "Расталған сағаты бар волонтерлер", ru: "Волонтёров с подтверждёнными часами", en: "Volunteers with approved hours" }
    ProjectCount { kk: "Жобалар", ru: "Проектов", en: "Projects" }
    Targets { kk: "Мақсаттар", ru: "Целей", en: "Targets" }
    TargetsMet { kk: "Орындалған мақсаттар", ru: "Выполнено целей", en: "Targets met" }
    TargetsOverdue { kk: "Мерзімі өткен мақсаттар", ru: "Просрочено целей", en: "Targets overdue" }
    NoForums { kk: "Бұл құрылғыда әзірге форум жоқ.", ru: "На этом устройстве пока нет форумов.", en: "There are no forums on this device yet." }
    Chart { kk: "диаграмма", ru: "диаграмма", en: "chart" }
    Of { kk: "/", ru: "из", en: "of" }
}

pub fn age_band_msg(band: AgeBand) -> ReportMsg {
    match band {
        AgeBand::Under14 => ReportMsg::AgeUnder14,
        AgeBand::Age14To17 => ReportMsg::Age14To17,
        AgeBand::Age18To24 => ReportMsg::Age18To24,
        AgeBand::Age25To29 => ReportMsg::Age25To29,
        AgeBand::Age30To35 => ReportMsg::Age30To35,
        AgeBand::Over35 => ReportMsg::AgeOver35,
        AgeBand::Unknown => ReportMsg::AgeUnknown,
    }
}

/// Approved, pending, rejected, no-show: the order of [`jiyn_core::report::Hours::statuses`].
pub const STATUSES: [ReportMsg; 4] = [
    ReportMsg::Approved,
    ReportMsg::Pending,
    ReportMsg::Rejected,
    ReportMsg::NoShow,
];

/// Minutes as hours and minutes: `13:05`.
pub fn hours_minutes(minutes: i64) -> String {
    jiyn_core::volunteer::format_minutes(minutes)
}

/// "12 of 40" in `lang`.
pub fn n_of(lang: Lang, n: usize, total: usize) -> String {
    format!("{n} {} {total}", ReportMsg::Of.text(lang))
}
