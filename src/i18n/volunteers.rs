//! The volunteers page's messages: shifts, hours, approvals, totals, rules for minors.

use super::Lang;
use jiyn_core::volunteer::HourError;

messages! { VolMsg;
    Heading { kk: "Волонтерлер", ru: "Волонтёры", en: "Volunteers" }
    Link { kk: "Волонтерлер мен сағаттар", ru: "Волонтёры и часы", en: "Volunteers and hours" }
    TabHours { kk: "Сағаттар", ru: "Часы", en: "Hours" }
    TabShifts { kk: "Ауысымдар", ru: "Смены", en: "Shifts" }
    TabTotals { kk: "Қорытынды", ru: "Итоги", en: "Totals" }
    TabRules { kk: "Ережелер", ru: "Правила", en: "Rules" }
    NoVolunteers { kk: "Бұл форумда «волонтер» рөлі бар қатысушы әлі жоқ. Оларды тіркеу үстелінде немесе тізімді импорттап қосыңыз.", ru: "В этом форуме ещё нет участников с ролью «волонтёр». Добавьте их на стойке регистрации или импортом списка.", en: "This forum has no participants with the volunteer role yet. Add them at the desk or by importing a list." }
    Volunteer { kk: "Волонтер", ru: "Волонтёр", en: "Volunteer" }
    ChooseVolunteer { kk: "— волонтерді таңдаңыз —", ru: "— выберите волонтёра —", en: "— choose a volunteer —" }
    Task { kk: "Тапсырма", ru: "Задача", en: "Task" }
    Place { kk: "Орны", ru: "Место", en: "Place" }
    Shift { kk: "Ауысым", ru: "Смена", en: "Shift" }
    NoShift { kk: "— ауысымсыз —", ru: "— без смены —", en: "— no shift —" }
    Date { kk: "Күні", ru: "Дата", en: "Date" }
    From { kk: "Басталуы", ru: "Начало", en: "From" }
    To { kk: "Аяқталуы", ru: "Конец", en: "To" }
    Note { kk: "Ескертпе", ru: "Примечание", en: "Note" }
    Needed { kk: "Қанша адам керек", ru: "Сколько человек нужно", en: "People needed" }
    StartHeading { kk: "Таймерді қосу", ru: "Запустить таймер", en: "Start a timer" }
    Start { kk: "Бастау", ru: "Начать", en: "Start" }
    Running { kk: "Жүріп тұрған таймерлер", ru: "Идущие таймеры", en: "Running timers" }
    NoneRunning { kk: "Қазір таймер жоқ.", ru: "Сейчас таймеров нет.", en: "No timers running." }
    Since { kk: "басталды", ru: "с", en: "since" }
    Stop { kk: "Тоқтату", ru: "Остановить", en: "Stop" }
    ByHandHeading { kk: "Сағаттарды қолмен енгізу", ru: "Ввести часы вручную", en: "Enter hours by hand" }
    Save { kk: "Сақтау", ru: "Сохранить", en: "Save" }
    Saved { kk: "Сақталды.", ru: "Сохранено.", en: "Saved." }
    PendingHeading { kk: "Бекітуді күтуде", ru: "Ждут подтверждения", en: "Waiting for approval" }
    DeskCannotDecide { kk: "Бұл құрылғы тіркеу үстелінің токенімен синхрондалады: сағаттарды волонтерлер үйлестірушісі өз құрылғысында бекітеді немесе қабылдамайды.", ru: "Это устройство синхронизируется с токеном стойки регистрации: часы подтверждает или отклоняет координатор волонтёров на своём устройстве.", en: "This device syncs with a registration desk token: the volunteer coordinator approves or rejects hours on their own device." }
    NonePending { kk: "Бекітуді күтетін жазба жоқ.", ru: "Нет записей, ждущих подтверждения.", en: "Nothing waits for approval." }
    DecidedHeading { kk: "Шешілгендер", ru: "Решённые", en: "Decided" }
    Approve { kk: "Бекіту", ru: "Подтвердить", en: "Approve" }
    Reject { kk: "Қабылдамау", ru: "Отклонить", en: "Reject" }
    NoShow { kk: "Келмеді", ru: "Не пришёл", en: "No-show" }
    Reason { kk: "Себебі", ru: "Причина", en: "Reason" }
    ConfirmReject { kk: "Себебімен қабылдамау", ru: "Отклонить с причиной", en: "Reject with this reason" }
    Cancel { kk: "Болдырмау", ru: "Отмена", en: "Cancel" }
    StatusPending { kk: "күтуде", ru: "ждёт", en: "pending" }
    StatusApproved { kk: "бекітілді (өзгертуге болмайды)", ru: "подтверждено (изменить нельзя)", en: "approved (locked)" }
    StatusRejected { kk: "қабылданбады", ru: "отклонено", en: "rejected" }
    StatusNoShow { kk: "келмеді", ru: "не пришёл", en: "no-show" }
    By { kk: "шешкен", ru: "кто решил", en: "by" }
    Minutes { kk: "Ұзақтығы", ru: "Длительность", en: "Duration" }
    NotSent { kk: "әлі жіберілмеді", ru: "ещё не отправлено", en: "not sent yet" }
    MinorTooMany { kk: "Кәмелетке толмаған: осы күні ең көбі", ru: "Несовершеннолетний: в этот день не больше", en: "Under 18: at most this per day" }
    MinorTooManyTotal { kk: "барлығы болар еді", ru: "получится всего", en: "would make in all" }
    MinorTooLate { kk: "Кәмелетке толмаған: жұмыс осы уақыттан кешіктірмей аяқталуы керек", ru: "Несовершеннолетний: работа должна закончиться не позже", en: "Under 18: work must end by" }
    Minor { kk: "18 жасқа толмаған", ru: "младше 18", en: "under 18" }
    ErrVolunteer { kk: "Волонтерді таңдаңыз.", ru: "Выберите волонтёра.", en: "Choose a volunteer." }
    ErrTask { kk: "Тапсырманы жазыңыз.", ru: "Укажите задачу.", en: "Write the task." }
    ErrEndsBefore { kk: "Аяқталу уақыты басталудан кейін болуы керек.", ru: "Конец должен быть позже начала.", en: "The end must be after the start." }
    ErrLocked { kk: "Бұл жазба бекітілген, оны өзгертуге болмайды.", ru: "Запись подтверждена, её нельзя изменить.", en: "This entry is approved and cannot change." }
    ErrNotRunning { kk: "Таймер жүріп тұрған жоқ.", ru: "Таймер не идёт.", en: "The timer is not running." }
    ErrStillRunning { kk: "Алдымен таймерді тоқтатыңыз.", ru: "Сначала остановите таймер.", en: "Stop the timer first." }
    ErrReason { kk: "Себебін жазыңыз.", ru: "Укажите причину.", en: "Write the reason." }
    ErrDecided { kk: "Бұл жазба бойынша шешім қабылданып қойған.", ru: "По этой записи уже есть решение.", en: "This entry was already decided." }
    ErrNeeded { kk: "Кемінде бір адам.", ru: "Хотя бы один человек.", en: "At least one person." }
    ErrSave { kk: "Сақталмады: құрылғы жадына жазу мүмкін болмады.", ru: "Не сохранено: не удалось записать в память устройства.", en: "Not saved: could not write to this device's storage." }
    ShiftsHeading { kk: "Ауысымдар", ru: "Смены", en: "Shifts" }
    NoShifts { kk: "Ауысым әлі жоқ. Төменде қолмен жасаңыз немесе бағдарламадан шығарыңыз.", ru: "Смен пока нет. Создайте вручную ниже или из программы.", en: "No shifts yet. Make one by hand below or from the programme." }
    Filled { kk: "орын толды", ru: "мест занято", en: "places filled" }
    Waitlist { kk: "Күту тізімі", ru: "Лист ожидания", en: "Waitlist" }
    Assign { kk: "Бекіту (ауысымға қою)", ru: "Назначить", en: "Assign" }
    AssignAnyway { kk: "Бәрібір қою", ru: "Всё равно назначить", en: "Assign anyway" }
    Unassign { kk: "Ауысымнан алу", ru: "Снять со смены", en: "Remove from shift" }
    Assigned { kk: "Қойылды.", ru: "Назначено.", en: "Assigned." }
    NewShift { kk: "Жаңа ауысым", ru: "Новая смена", en: "New shift" }
    AddShift { kk: "Ауысым қосу", ru: "Добавить смену", en: "Add shift" }
    FromAgenda { kk: "Бағдарламадан ауысымдар жасау", ru: "Смены из программы", en: "Shifts from the programme" }
    FromAgendaHint { kk: "Мысалы: әр пленарлық отырыстан 30 минут бұрын тіркеу үстелі, 45 минут, 3 адам. Қайта басу жаңа ештеңе қоспайды.", ru: "Например: стойка регистрации за 30 минут до каждого пленарного заседания, 45 минут, 3 человека. Повторный запуск ничего не дублирует.", en: "For example: registration desk 30 minutes before each plenary, for 45 minutes, 3 people. Running it twice adds nothing twice." }
    SessionKind { kk: "Іс-шара түрі", ru: "Тип мероприятия", en: "Session type" }
    MinutesBefore { kk: "Қанша минут бұрын", ru: "За сколько минут до начала", en: "Minutes before the start" }
    Duration { kk: "Ұзақтығы, минут", ru: "Длительность, минут", en: "Duration, minutes" }
    Make { kk: "Ауысымдарды жасау", ru: "Создать смены", en: "Make the shifts" }
    Made { kk: "Жасалған ауысымдар", ru: "Создано смен", en: "Shifts made" }
    TotalsHeading { kk: "Сағаттар қорытындысы", ru: "Итоги по часам", en: "Hours in total" }
    Approved { kk: "Бекітілген", ru: "Подтверждено", en: "Approved" }
    Pending { kk: "Күтуде", ru: "Ждёт", en: "Pending" }
    NoShows { kk: "Келмегендер", ru: "Неявки", en: "No-shows" }
    RunningCount { kk: "Жүріп тұрған таймер", ru: "Идущих таймеров", en: "Timers running" }
    PerVolunteer { kk: "Әр волонтер бойынша", ru: "По волонтёрам", en: "Per volunteer" }
    PerMonth { kk: "Ай бойынша (бекітілген)", ru: "По месяцам (подтверждено)", en: "Per month (approved)" }
    Month { kk: "Ай", ru: "Месяц", en: "Month" }
    Hours { kk: "Сағат", ru: "Часы", en: "Hours" }
    Certificate { kk: "Сертификат", ru: "Сертификат", en: "Certificate" }
    Leaderboard { kk: "Үздік волонтерлер", ru: "Лучшие волонтёры", en: "Leaderboard" }
    RulesHeading { kk: "Жас волонтерлерге арналған ережелер", ru: "Правила для юных волонтёров", en: "Rules for young volunteers" }
    RulesHint { kk: "18 жасқа толмағандар үшін. Ереже бұзылса, ауысымға қою және бекіту кезінде ескерту шығады; шешімді үйлестіруші қабылдайды.", ru: "Для младше 18 лет. При нарушении появляется предупреждение при назначении на смену и при подтверждении; решает координатор.", en: "For volunteers under 18. Breaking a rule shows a warning at sign-up and at approval; the coordinator decides." }
    MaxHours { kk: "Күніне ең көп сағат", ru: "Максимум часов в день", en: "Most hours per day" }
    LatestEnd { kk: "Ең кеш аяқталу уақыты", ru: "Самое позднее окончание", en: "Latest end time" }
    ShowLeaderboard { kk: "Үздік волонтерлер тізімін көрсету", ru: "Показывать список лучших волонтёров", en: "Show the leaderboard" }
    ErrDay { kk: "Күнін толтырыңыз.", ru: "Укажите дату.", en: "Fill in the date." }
    ErrClock { kk: "Уақытын толтырыңыз (сағ:мин).", ru: "Укажите время (чч:мм).", en: "Fill in the time (hh:mm)." }
    ErrMinutes { kk: "Минут санын бүтін санмен жазыңыз.", ru: "Укажите число минут целым числом.", en: "Give the minutes as a whole number." }
    ErrDuration { kk: "Кемінде бір минут.", ru: "Хотя бы одна минута.", en: "At least one minute." }
    ErrMaxHours { kk: "0-ден 24-ке дейінгі сан.", ru: "Число от 0 до 24.", en: "A number from 0 to 24." }
    SigningHeading { kk: "Сертификаттарға қол қою кілті", ru: "Ключ подписи сертификатов", en: "Certificate signing key" }
}

/// The message for a refused hour action.
pub fn hour_error_msg(e: &HourError) -> VolMsg {
    match e {
        HourError::Locked => VolMsg::ErrLocked,
        HourError::NotRunning => VolMsg::ErrNotRunning,
        HourError::StillRunning => VolMsg::ErrStillRunning,
        HourError::EndsBeforeStart => VolMsg::ErrEndsBefore,
        HourError::ReasonRequired => VolMsg::ErrReason,
        HourError::AlreadyDecided => VolMsg::ErrDecided,
    }
}
