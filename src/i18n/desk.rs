//! The registration desk's messages: search, check-in, delegations, scanner.

use super::Lang;
use jiyn_core::Role;

messages! { DeskMsg;
    Desk { kk: "Тіркеу үстелі", ru: "Стойка регистрации", en: "Registration desk" }
    OpenDesk { kk: "Тіркеу үстелін ашу", ru: "Открыть стойку регистрации", en: "Open the registration desk" }
    BackToForum { kk: "← Форумға оралу", ru: "← К форуму", en: "← Back to the forum" }
    LoadingPeople { kk: "Қатысушылар тізімі жүктелуде…", ru: "Загружаем список участников…", en: "Loading the participant list…" }
    CheckedInOf { kk: "Келді", ru: "Пришли", en: "Checked in" }
    Registered { kk: "тіркелген", ru: "зарегистрировано", en: "registered" }
    ScanBadge { kk: "Бейджді сканерлеу", ru: "Сканировать бейдж", en: "Scan a badge" }
    WalkIn { kk: "Жаңа қатысушыны тіркеу", ru: "Зарегистрировать на месте", en: "Register a walk-in" }
    ImportCsv { kk: "Тізімді жүктеу (CSV)", ru: "Загрузить список (CSV)", en: "Import a list (CSV)" }
    ExportCsv { kk: "Тізімді Excel-ге шығару", ru: "Выгрузить список для Excel", en: "Export the list for Excel" }
    Badges { kk: "Бейджтер", ru: "Бейджи", en: "Badges" }
    SearchLabel { kk: "Аты-жөні, телефоны немесе бейдж коды", ru: "Имя, телефон или код бейджа", en: "Name, phone or badge code" }
    Found { kk: "адам табылды", ru: "найдено", en: "found" }
    Results { kk: "Іздеу нәтижелері", ru: "Результаты поиска", en: "Search results" }
    NobodyFound { kk: "Ешкім табылмады. Басқаша жазып көріңіз немесе жаңа қатысушыны тіркеңіз.", ru: "Никого не нашли. Попробуйте написать иначе или зарегистрируйте человека на месте.", en: "Nobody found. Try another spelling, or register them as a walk-in." }
    CountsByRole { kk: "Рөлдер бойынша", ru: "По ролям", en: "By role" }
    Role { kk: "Рөлі", ru: "Роль", en: "Role" }
    DeskNameLabel { kk: "Үстел атауы", ru: "Название стойки", en: "Desk name" }
    DeskNameExample { kk: "мысалы, Кіреберіс 1", ru: "например, Вход 1", en: "e.g. Entrance 1" }
    Save { kk: "Сақтау", ru: "Сохранить", en: "Save" }
    Change { kk: "өзгерту", ru: "изменить", en: "change" }
    CheckIn { kk: "Белгілеу", ru: "Отметить", en: "Check in" }
    Undo { kk: "Болдырмау", ru: "Отменить", en: "Undo" }
    CheckInAgain { kk: "Қайта белгілеу", ru: "Отметить снова", en: "Check in again" }
    NoticeCheckedIn { kk: "келді деп белгіленді.", ru: "отмечен(а) как пришедший.", en: "is checked in." }
    NoticeUndone { kk: "белгісі алынды.", ru: "— отметка отменена.", en: "is no longer checked in." }
    NoticeManyCheckedIn { kk: "Келді деп белгіленгендер:", ru: "Отмечено пришедших:", en: "Checked in now:" }
    AlreadyIn { kk: "бұрын белгіленген:", ru: "уже отмечен(а):", en: "is already checked in:" }
    UnknownBadge { kk: "Бұл форумда мұндай бейдж жоқ:", ru: "На этом форуме нет такого бейджа:", en: "No badge with this code at this forum:" }
    Head { kk: "делегация басшысы", ru: "руководитель делегации", en: "head of delegation" }
    CheckInDelegation { kk: "Бүкіл делегацияны белгілеу", ru: "Отметить всю делегацию", en: "Check in the whole delegation" }
    Roster { kk: "Құрамы", ru: "Состав", en: "Roster" }
    CameraStarting { kk: "Камера қосылуда…", ru: "Включаем камеру…", en: "Starting the camera…" }
    CameraScanning { kk: "Камераны бейджтегі QR кодқа бағыттаңыз.", ru: "Наведите камеру на QR-код бейджа.", en: "Point the camera at the badge's QR code." }
    CameraDenied { kk: "Камераға рұқсат берілмеді. Браузер баптауларында рұқсат етіңіз немесе кодты төменге жазыңыз.", ru: "Доступ к камере запрещён. Разрешите его в настройках браузера или введите код ниже.", en: "Camera access was refused. Allow it in the browser settings, or type the code below." }
    CameraMissing { kk: "Камера табылмады немесе оны басқа бағдарлама қолданып тұр. Кодты төменге жазыңыз.", ru: "Камера не найдена или занята другой программой. Введите код ниже.", en: "No camera found, or another app is using it. Type the code below." }
    CameraNoApi { kk: "Бұл браузер камераны аша алмайды. Кодты төменге жазыңыз.", ru: "Этот браузер не может открыть камеру. Введите код ниже.", en: "This browser cannot open the camera. Type the code below." }
    Close { kk: "Жабу", ru: "Закрыть", en: "Close" }
    TypeCode { kk: "Бейдж коды (8 таңба)", ru: "Код бейджа (8 символов)", en: "Badge code (8 characters)" }
    BackToDesk { kk: "← Тіркеу үстеліне оралу", ru: "← К стойке регистрации", en: "← Back to the desk" }
    RequiredHint { kk: "Жұлдызшамен (*) белгіленген жолдар міндетті.", ru: "Поля со звёздочкой (*) обязательны.", en: "Fields marked * are required." }
    FullName { kk: "Аты-жөні *", ru: "Фамилия и имя *", en: "Full name *" }
    Phone { kk: "Телефон *", ru: "Телефон *", en: "Phone *" }
    PhoneHint { kk: "Қазақстан: 8 701 … немесе +7 701 …; басқа елдер: + белгісінен және ел кодынан бастаңыз.", ru: "Казахстан: 8 701 … или +7 701 …; другие страны: начните с + и кода страны.", en: "Kazakhstan: 8 701 … or +7 701 …; other countries: start with + and the country code." }
    BirthYear { kk: "Туған жылы *", ru: "Год рождения *", en: "Birth year *" }
    IinOptional { kk: "ЖСН (міндетті емес)", ru: "ИИН (необязательно)", en: "IIN (optional)" }
    Delegation { kk: "Делегация", ru: "Делегация", en: "Delegation" }
    Region { kk: "Облыс", ru: "Область", en: "Region" }
    Organisation { kk: "Оқу орны немесе ұйым", ru: "Место учёбы или организация", en: "School or organisation" }
    ConsentHeading { kk: "Дербес деректерді өңдеуге келісім *", ru: "Согласие на обработку персональных данных *", en: "Consent to the processing of personal data *" }
    ConsentText { kk: "Ұйымдастырушылар менің аты-жөнімді, телефонымды, туған жылымды және ЖСН-ымды (егер көрсетсем) осы форумға тіркеу үшін өңдеуіне және оларды Қазақстан аумағында сақтауына келісемін («Дербес деректер және оларды қорғау туралы» ҚР Заңы).", ru: "Я согласен(на), что организаторы обрабатывают мои фамилию и имя, телефон, год рождения и ИИН (если указан) для регистрации на этот форум и хранят их на территории Казахстана (Закон РК «О персональных данных и их защите»).", en: "I agree that the organisers process my name, phone, birth year and IIN (if given) to register me for this forum, and keep them in Kazakhstan (Law of the Republic of Kazakhstan «On personal data and their protection»)." }
    ConsentAgree { kk: "Қатысушы келісімін берді", ru: "Участник дал согласие", en: "The participant agrees" }
    GuardianHeading { kk: "18 жасқа толмаған қатысушы: ата-ананың немесе заңды өкілдің келісімі", ru: "Участник младше 18 лет: согласие родителя или законного представителя", en: "Participant under 18: consent of a parent or guardian" }
    GuardianName { kk: "Ата-ананың / өкілдің аты-жөні *", ru: "ФИО родителя / представителя *", en: "Parent's / guardian's name *" }
    GuardianPhone { kk: "Ата-ананың / өкілдің телефоны", ru: "Телефон родителя / представителя", en: "Parent's / guardian's phone" }
    GuardianAgree { kk: "Ата-ана / өкіл келісімін берді", ru: "Родитель / представитель дал согласие", en: "The parent / guardian agrees" }
    CheckInNow { kk: "Тіркелген соң бірден келді деп белгілеу", ru: "Сразу отметить приход", en: "Check in right away" }
    Register { kk: "Тіркеу", ru: "Зарегистрировать", en: "Register" }
    AlreadyRegistered { kk: "Бұл адам бұрын тіркелген болуы мүмкін. Тіркеудің орнына келді деп белгілейсіз бе?", ru: "Возможно, этот человек уже зарегистрирован. Отметить приход вместо новой регистрации?", en: "This person may already be registered. Check them in instead?" }
    CheckInInstead { kk: "Осы адамды белгілеу", ru: "Отметить этого человека", en: "Check this person in" }
    RegisterAnyway { kk: "Бұл басқа адам — бәрібір тіркеу", ru: "Это другой человек — всё равно зарегистрировать", en: "Not the same person — register anyway" }
    DupIin { kk: "ЖСН сәйкес", ru: "совпадает ИИН", en: "same IIN" }
    DupPhone { kk: "телефон сәйкес", ru: "совпадает телефон", en: "same phone" }
    DupName { kk: "аты-жөні сәйкес", ru: "совпадает имя", en: "same name" }
    WalkInSaved { kk: "тіркелді. Бейдж коды:", ru: "зарегистрирован(а). Код бейджа:", en: "is registered. Badge code:" }
    PrintBadge { kk: "Бейджді басып шығару", ru: "Напечатать бейдж", en: "Print the badge" }
    RegisterAnother { kk: "Тағы біреуді тіркеу", ru: "Зарегистрировать ещё одного", en: "Register another" }
    ErrNameRequired { kk: "Аты-жөнін жазыңыз.", ru: "Укажите фамилию и имя.", en: "Enter the full name." }
    ErrBirthYear { kk: "Туған жылын төрт санмен жазыңыз, мысалы 2007.", ru: "Укажите год рождения четырьмя цифрами, например 2007.", en: "Enter the birth year as four digits, e.g. 2007." }
    ErrConsent { kk: "Келісімсіз тіркеуге болмайды.", ru: "Без согласия регистрация невозможна.", en: "Registration needs the participant's consent." }
    ErrGuardian { kk: "18 жасқа толмаған қатысушыға ата-ананың аты-жөні мен келісімі керек.", ru: "Для участника младше 18 лет нужны ФИО и согласие родителя.", en: "A participant under 18 needs a parent's name and consent." }
    ErrPhoneRequired { kk: "Телефон нөмірін жазыңыз.", ru: "Укажите номер телефона.", en: "Enter a phone number." }
    ErrPhoneCharacters { kk: "Телефон нөмірінде тек сандар, бос орын, сызықша және жақша болады.", ru: "В номере телефона могут быть только цифры, пробелы, дефисы и скобки.", en: "A phone number has only digits, spaces, dashes and brackets." }
    ErrPhoneShort { kk: "Телефон нөмірі тым қысқа.", ru: "Номер телефона слишком короткий.", en: "The phone number is too short." }
    ErrPhoneLong { kk: "Телефон нөмірі тым ұзын.", ru: "Номер телефона слишком длинный.", en: "The phone number is too long." }
    ErrPhoneCountryCode { kk: "Шетелдік нөмірді + және ел кодымен жазыңыз (Қазақстан: +7 немесе 8).", ru: "Иностранный номер пишите с + и кодом страны (Казахстан: +7 или 8).", en: "Write a foreign number with + and its country code (Kazakhstan: +7 or 8)." }
    ErrPhoneUnknown { kk: "Мұндай ел коды немесе нөмір жоқ.", ru: "Такого кода страны или номера не существует.", en: "No such country code or number." }
    ErrIinLength { kk: "ЖСН 12 саннан тұрады.", ru: "ИИН состоит из 12 цифр.", en: "An IIN has 12 digits." }
    ErrIinCheckDigit { kk: "ЖСН қате: соңғы бақылау саны сәйкес келмейді. Құжаттан қайта тексеріңіз.", ru: "ИИН неверный: не сходится контрольная цифра. Сверьте с документом.", en: "This IIN is wrong: its check digit does not match. Check it against the ID card." }
    ErrIinDate { kk: "ЖСН-ның алғашқы 7 саны туған күнді көрсетпейді.", ru: "Первые 7 цифр ИИН не образуют дату рождения.", en: "The first 7 digits of the IIN are not a date of birth." }
    ErrIinBirthYear { kk: "ЖСН-дағы туған жыл жазылған туған жылмен сәйкес емес.", ru: "Год рождения в ИИН не совпадает с указанным годом рождения.", en: "The birth year in the IIN does not match the birth year entered." }
    BadgesCount { kk: "бейдж", ru: "бейджей", en: "badges" }
    TooManyBadges { kk: "Бір реттен 600-ден көп бейдж көрсетілмейді: тіркеу үстеліндегі «Делегациялар» бөлімінен делегацияны таңдаңыз.", ru: "За раз показываем не больше 600 бейджей: выберите делегацию в разделе «Делегации» стойки регистрации.", en: "At most 600 badges are shown at once: choose a delegation under Delegations at the desk." }
    Layout { kk: "Бет орналасуы", ru: "Раскладка", en: "Layout" }
    SeveralPerA4 { kk: "A4 парағына 8", ru: "8 на лист A4", en: "8 per A4 sheet" }
    OnePerPage { kk: "Бір бетке біреу", ru: "По одному на страницу", en: "One per page" }
    Print { kk: "Басып шығару", ru: "Печать", en: "Print" }
    ImportHint { kk: "CSV файлы: UTF-8 немесе Windows-1251, бөлгіш «;», «,» немесе табуляция. Excel-де: «Басқаша сақтау» → «CSV UTF-8». Алдымен алдын ала қарау көрсетіледі; ештеңе бірден сақталмайды.", ru: "Файл CSV: UTF-8 или Windows-1251, разделитель «;», «,» или табуляция. В Excel: «Сохранить как» → «CSV UTF-8». Сначала покажем предпросмотр; сразу ничего не сохраняется.", en: "A CSV file: UTF-8 or Windows-1251, separated by “;”, “,” or tabs. In Excel: Save As → CSV UTF-8. You see a preview first; nothing is saved yet." }
    ChooseFile { kk: "Файлды таңдау", ru: "Выбрать файл", en: "Choose a file" }
    ImportCannotRead { kk: "Файлды оқу мүмкін болмады.", ru: "Не удалось прочитать файл.", en: "The file could not be read." }
    ImportReading { kk: "Файл оқылуда…", ru: "Читаем файл…", en: "Reading the file…" }
    ImportChecking { kk: "Жолдар тексерілуде…", ru: "Проверяем строки…", en: "Checking the rows…" }
    ImportSaving { kk: "Бір транзакциямен сақталуда, адам:", ru: "Сохраняем одной транзакцией, человек:", en: "Saving in one transaction, people:" }
    ImportDone { kk: "Жүктелді, адам:", ru: "Загружено человек:", en: "People imported:" }
    ImportRun { kk: "Жарамды жолдарды жүктеу", ru: "Загрузить верные строки", en: "Import the valid rows" }
    ImportDetected { kk: "Файлда не табылды", ru: "Что найдено в файле", en: "What the file holds" }
    Encoding { kk: "Кодтау", ru: "Кодировка", en: "Encoding" }
    Separator { kk: "Бөлгіш", ru: "Разделитель", en: "Separator" }
    SepSemicolon { kk: "нүктелі үтір (;)", ru: "точка с запятой (;)", en: "semicolon (;)" }
    SepComma { kk: "үтір (,)", ru: "запятая (,)", en: "comma (,)" }
    SepTab { kk: "табуляция", ru: "табуляция", en: "tab" }
    FirstRowHeader { kk: "Бірінші жол — бағандар атауы", ru: "Первая строка — названия столбцов", en: "The first row holds column names" }
    Column { kk: "Баған", ru: "Столбец", en: "Column" }
    Rows { kk: "Жолдар", ru: "Строк", en: "Rows" }
    RowsOk { kk: "жарамды", ru: "верных", en: "valid" }
    RowsWithErrors { kk: "Қатесі бар жолдар", ru: "Строки с ошибками", en: "Rows with errors" }
    PossibleDuplicates { kk: "Бұрын тіркелген болуы мүмкін", ru: "Возможно, уже зарегистрированы", en: "Possibly registered already" }
    MapNameColumn { kk: "Аты-жөні қай бағанда екенін көрсетіңіз.", ru: "Укажите, в каком столбце фамилия и имя.", en: "Choose the column that holds the names." }
    Preview { kk: "Алдын ала қарау және бағандар", ru: "Предпросмотр и столбцы", en: "Preview and columns" }
    ErrorsNotImported { kk: "Бұл жолдар жүктелмейді. Файлды түзетіп, қайта таңдауға болады.", ru: "Эти строки не загрузятся. Можно исправить файл и выбрать его снова.", en: "These rows will not be imported. You can fix the file and choose it again." }
    Line { kk: "Жол", ru: "Строка", en: "Line" }
    SkipDuplicates { kk: "Бұларды жүктемеу (ұсынылады)", ru: "Не загружать их (рекомендуется)", en: "Skip them (recommended)" }
    ImportEmpty { kk: "Файлда бірде-бір жол жоқ.", ru: "В файле нет ни одной строки.", en: "The file holds no rows." }
    ImportBroken { kk: "Файлды CSV ретінде оқу мүмкін емес: тырнақша жабылмаған. Ештеңе сақталған жоқ.", ru: "Файл не читается как CSV: не закрыта кавычка. Ничего не сохранено.", en: "The file cannot be read as CSV: a quote is never closed. Nothing was saved." }
    ErrUnknownRole { kk: "белгісіз рөл", ru: "неизвестная роль", en: "unknown role" }
    ErrYesNo { kk: "«иә» немесе «жоқ» болуы керек", ru: "должно быть «да» или «нет»", en: "must be yes or no" }
    ErrTooManyCells { kk: "бағандар саны тақырыптан көп", ru: "ячеек больше, чем столбцов", en: "more cells than columns" }
    ErrBadgeTwice { kk: "бұл бейдж коды мына жолда да бар:", ru: "этот код бейджа уже есть в строке", en: "this badge code is already on line" }
    ErrBadgeTaken { kk: "бұл бейдж коды басқа қатысушыда бар", ru: "этот код бейджа уже у другого участника", en: "this badge code already belongs to someone else" }
    ErrSamePersonTwice { kk: "бұл адам мына жолда да бар:", ru: "этот человек уже есть в строке", en: "the same person is already on line" }
    ListsAndBadges { kk: "Тізімдер мен бейджтер", ru: "Списки и бейджи", en: "Lists and badges" }
    ConfirmDelegation { kk: "Келді деп белгіленетін адам саны:", ru: "Отметить пришедшими человек:", en: "Check in this many people:" }
    Yes { kk: "Иә", ru: "Да", en: "Yes" }
    Cancel { kk: "Бас тарту", ru: "Отмена", en: "Cancel" }
    KeepIin { kk: "ЖСН куәлікпен тексерілді, дұрыс — сақтау (2013 жылдан бері ЖСН туған күнмен сәйкес келмеуі мүмкін)", ru: "ИИН сверен с удостоверением и верен — сохранить (с 2013 года ИИН может не совпадать с датой рождения)", en: "The IIN was checked on the ID card and is right — keep it (since 2013 an IIN need not match the birth date)" }
    RoleParticipant { kk: "Қатысушы", ru: "Участник", en: "Participant" }
    RoleSpeaker { kk: "Спикер", ru: "Спикер", en: "Speaker" }
    RoleVolunteer { kk: "Волонтер", ru: "Волонтёр", en: "Volunteer" }
    RoleGuest { kk: "Қонақ", ru: "Гость", en: "Guest" }
    RoleStaff { kk: "Ұйымдастырушы", ru: "Организатор", en: "Staff" }
}

pub fn role_msg(role: Role) -> DeskMsg {
    match role {
        Role::Participant => DeskMsg::RoleParticipant,
        Role::Speaker => DeskMsg::RoleSpeaker,
        Role::Volunteer => DeskMsg::RoleVolunteer,
        Role::Guest => DeskMsg::RoleGuest,
        Role::Staff => DeskMsg::RoleStaff,
    }
}
