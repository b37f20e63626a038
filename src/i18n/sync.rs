//! Sync's messages: settings, the status line, file exchange, the review after sync.

use super::Lang;
use crate::sync::SyncErrorKind;
use jiyn_core::people::DuplicateReason;

messages! { SyncMsg;
    Heading { kk: "Синхрондау", ru: "Синхронизация", en: "Sync" }
    Hint { kk: "Бірнеше құрылғыны бір серверге қоссаңыз, олардың деректері ортақ болады. Серверсіз де бәрі осы құрылғыда жұмыс істей береді.", ru: "Подключите несколько устройств к одному серверу, и их данные станут общими. Без сервера всё продолжает работать на этом устройстве.", en: "Connect several devices to one server and they share their data. Without a server everything keeps working on this device." }
    Url { kk: "Сервер мекенжайы", ru: "Адрес сервера", en: "Server address" }
    Token { kk: "Кіру кілті (токен)", ru: "Ключ доступа (токен)", en: "Access token" }
    TokenHint { kk: "Токенді ұйымдастырушы береді. Ол тек осы құрылғыда сақталады.", ru: "Токен выдаёт организатор. Он хранится только на этом устройстве.", en: "The organizer gives you the token. It is kept on this device only." }
    Test { kk: "Байланысты тексеру", ru: "Проверить связь", en: "Test the connection" }
    Testing { kk: "Тексерілуде…", ru: "Проверяем…", en: "Checking…" }
    SaveOn { kk: "Сақтау және қосу", ru: "Сохранить и включить", en: "Save and turn on" }
    TurnOff { kk: "Синхрондауды өшіру", ru: "Выключить синхронизацию", en: "Turn sync off" }
    SendAll { kk: "Осы құрылғыдағы барлық деректі серверге жіберу", ru: "Отправить на сервер всё, что есть на этом устройстве", en: "Send everything on this device to the server" }
    SendAllHint { kk: "Синхрондау қосылғанға дейін пайда болған деректер үшін (мысалы, демо). Қайта жіберу ештеңені қайталамайды.", ru: "Для данных, появившихся до включения синхронизации (например, демо). Повторная отправка ничего не дублирует.", en: "For data that was here before sync was on (the demo, say). Sending twice duplicates nothing." }
    SendAllQueued { kk: "Жіберуге қойылды, жазба:", ru: "Поставлено в очередь записей:", en: "Queued for sending, records:" }
    Now { kk: "Қазір синхрондау", ru: "Синхронизировать сейчас", en: "Sync now" }
    Off { kk: "Синхрондау өшірулі: деректер тек осы құрылғыда.", ru: "Синхронизация выключена: данные только на этом устройстве.", en: "Sync is off: the data is on this device only." }
    On { kk: "Синхрондау қосулы.", ru: "Синхронизация включена.", en: "Sync is on." }
    ProbeOk { kk: "Байланыс бар. Қолжетімді форумдар:", ru: "Связь есть. Доступно форумов:", en: "Connected. Forums available:" }
    RoleDesk { kk: "рөлі: тіркеу үстелі", ru: "роль: стойка регистрации", en: "role: registration desk" }
    RoleOrganizer { kk: "рөлі: ұйымдастырушы", ru: "роль: организатор", en: "role: organizer" }
    Pending { kk: "өзгеріс әлі жіберілмеді", ru: "изм. ещё не отправлено", en: "changes not yet sent" }
    AllSent { kk: "Барлық өзгеріс жіберілді", ru: "Все изменения отправлены", en: "All changes sent" }
    Last { kk: "соңғы синхрондау", ru: "последняя синхронизация", en: "last sync" }
    Never { kk: "әлі синхрондалған жоқ", ru: "ещё не синхронизировано", en: "not synced yet" }
    Running { kk: "Синхрондалуда…", ru: "Синхронизация…", en: "Syncing…" }
    Rejected { kk: "өзгерісті сервер қабылдамады (толығы — баптауларда)", ru: "изм. отклонено сервером (подробнее — в настройках)", en: "changes refused by the server (see settings)" }
    BadUrl { kk: "Мекенжай http:// немесе https:// деп басталуы керек.", ru: "Адрес должен начинаться с http:// или https://.", en: "The address must start with http:// or https://." }
    NeedToken { kk: "Токенді енгізіңіз.", ru: "Введите токен.", en: "Enter the token." }
    Saved { kk: "Сақталды.", ru: "Сохранено.", en: "Saved." }
    ErrOffline { kk: "Сервермен байланыс жоқ — өзгерістер сақталды, кейін жіберіледі.", ru: "Нет связи с сервером — изменения сохранены и будут отправлены позже.", en: "No connection to the server — changes are saved and will be sent later." }
    ErrTimeout { kk: "Сервер уақытында жауап бермеді — кейін қайталаймыз.", ru: "Сервер не ответил вовремя — повторим позже.", en: "The server did not answer in time — trying again later." }
    ErrUnauthorized { kk: "Сервер токенді қабылдамады. Ұйымдастырушыдан жаңасын сұраңыз.", ru: "Сервер не принял токен. Попросите новый у организатора.", en: "The server refused the token. Ask the organizer for a new one." }
    ErrForbidden { kk: "Бұл токен осы форумға арналмаған.", ru: "Этот токен не для этого форума.", en: "This token is not for this forum." }
    ErrRateLimited { kk: "Сервер бос емес — сәлден кейін қайталаймыз.", ru: "Сервер занят — повторим чуть позже.", en: "The server is busy — trying again shortly." }
    ErrClientTooOld { kk: "Қосымша бұл сервер үшін ескі. Жаңарту үшін бетті қайта жүктеңіз.", ru: "Приложение устарело для этого сервера. Перезагрузите страницу, чтобы обновить.", en: "This app is too old for the server. Reload the page to update." }
    ErrServerTooOld { kk: "Сервер бұл қосымша үшін ескі. Сервер әкімшісіне хабарлаңыз.", ru: "Сервер устарел для этого приложения. Сообщите администратору сервера.", en: "The server is too old for this app. Tell the server's administrator." }
    ErrServer { kk: "Серверде ақау — кейін қайталаймыз.", ru: "Ошибка на сервере — повторим позже.", en: "The server failed — trying again later." }
    ErrBadAnswer { kk: "Сервер түсініксіз жауап берді — ештеңе өзгертілмеді, кейін қайталаймыз.", ru: "Сервер ответил непонятно — ничего не изменено, повторим позже.", en: "The server's answer could not be read — nothing was changed; trying again later." }
    ErrNotJiyn { kk: "Бұл мекенжайда Jiyn сервері жоқ.", ru: "По этому адресу нет сервера Jiyn.", en: "There is no Jiyn server at this address." }
    ErrStorage { kk: "Құрылғы жадына жазу мүмкін болмады.", ru: "Не удалось записать в память устройства.", en: "Could not write to this device's storage." }
    ExchangeHeading { kk: "Интернетсіз алмасу (файлмен)", ru: "Обмен без интернета (файлом)", en: "Exchange without internet (by file)" }
    ExchangeHint { kk: "Соңғы алмасудан бергі өзгерістерді файлға сақтап, флешкамен басқа құрылғыға апарыңыз. Бір файлды екі рет жүктеу ештеңені қайталамайды.", ru: "Сохраните изменения с прошлого обмена в файл и перенесите его флешкой на другое устройство. Повторная загрузка того же файла ничего не дублирует.", en: "Save the changes since the last exchange to a file and carry it to another device on a USB stick. Importing the same file twice duplicates nothing." }
    ExchangeExport { kk: "Өзгерістерді файлға сақтау", ru: "Сохранить изменения в файл", en: "Save changes to a file" }
    ExchangeEverything { kk: "Барлығын қосу (жаңа құрылғы үшін)", ru: "Включить всё (для нового устройства)", en: "Include everything (for a new device)" }
    ExchangeSaved { kk: "Файлдағы жазбалар саны", ru: "Записей в файле", en: "Records in the file" }
    ExchangeNothing { kk: "Соңғы алмасудан бері жаңа өзгеріс жоқ.", ru: "С прошлого обмена новых изменений нет.", en: "Nothing new since the last exchange." }
    ExchangeImport { kk: "Басқа құрылғының файлын жүктеу", ru: "Загрузить файл другого устройства", en: "Import another device's file" }
    ReviewHeading { kk: "Синхрондаудан кейінгі тексеру", ru: "Проверка после синхронизации", en: "Review after sync" }
    ReviewLink { kk: "Синхрондаудан кейін тексеру", ru: "Проверить после синхронизации", en: "Review after sync" }
    ReviewIntro { kk: "Бірнеше үстелдің жұмысы біріккенде адам қарауы керек жағдайлар. Ештеңе жасырылмайды және өздігінен өшірілмейді.", ru: "Что после объединения работы нескольких стоек стоит посмотреть человеку. Ничего не скрывается и не удаляется само.", en: "What merging several desks' work left for a person to look at. Nothing is hidden or removed on its own." }
    ReviewDupes { kk: "Бір адам екі үстелде тіркелген болуы мүмкін", ru: "Возможно, один человек зарегистрирован на двух стойках", en: "Possibly the same person registered at two desks" }
    ReviewDupesNone { kk: "Екі үстелде қайталанған тіркеу жоқ.", ru: "Повторных регистраций на разных стойках нет.", en: "No one registered twice at different desks." }
    ReviewMerge { kk: "Біріктіру (екі тарих та сақталады)", ru: "Объединить (обе истории сохранятся)", en: "Merge (both histories are kept)" }
    ReviewMerged { kk: "Біріктірілді: бір адам, екі тарих.", ru: "Объединено: один человек, обе истории.", en: "Merged: one person, both histories." }
    ReviewKeep { kk: "Сақталатын жазба", ru: "Остаётся", en: "Kept" }
    ReviewFold { kk: "Қосылатын жазба", ru: "Присоединяется", en: "Merged in" }
    ReviewTwoDesks { kk: "Екі үстелде белгіленгендер", ru: "Отмечены на двух стойках", en: "Checked in at two desks" }
    ReviewTwoDesksNone { kk: "Екі үстелде белгіленген адам жоқ.", ru: "Никто не отмечен на двух стойках.", en: "Nobody was checked in at two desks." }
    ReviewTwoDesksHint { kk: "Екі белгі де сақталады; адам келді деп саналады.", ru: "Обе отметки сохраняются; человек считается пришедшим.", en: "Both check-ins are kept; the person counts as checked in." }
    SameIin { kk: "ЖСН бірдей", ru: "совпадает ИИН", en: "same IIN" }
    SamePhone { kk: "телефоны бірдей", ru: "совпадает телефон", en: "same phone" }
    SameName { kk: "аты-жөні бірдей", ru: "совпадает имя", en: "same name" }
    RegisteredAt { kk: "тіркелген құрылғы", ru: "зарегистрирован на устройстве", en: "registered on device" }
}

/// The status line's words for an error.
pub fn error_msg(e: SyncErrorKind) -> SyncMsg {
    match e {
        SyncErrorKind::Offline => SyncMsg::ErrOffline,
        SyncErrorKind::Timeout => SyncMsg::ErrTimeout,
        SyncErrorKind::Unauthorized => SyncMsg::ErrUnauthorized,
        SyncErrorKind::Forbidden => SyncMsg::ErrForbidden,
        SyncErrorKind::RateLimited => SyncMsg::ErrRateLimited,
        SyncErrorKind::ClientTooOld => SyncMsg::ErrClientTooOld,
        SyncErrorKind::ServerTooOld => SyncMsg::ErrServerTooOld,
        SyncErrorKind::Server => SyncMsg::ErrServer,
        SyncErrorKind::BadAnswer => SyncMsg::ErrBadAnswer,
        SyncErrorKind::NotJiyn => SyncMsg::ErrNotJiyn,
        SyncErrorKind::Storage => SyncMsg::ErrStorage,
    }
}

pub fn duplicate_reason_msg(r: DuplicateReason) -> SyncMsg {
    match r {
        DuplicateReason::SameIin => SyncMsg::SameIin,
        DuplicateReason::SamePhone => SyncMsg::SamePhone,
        DuplicateReason::SameName => SyncMsg::SameName,
    }
}
