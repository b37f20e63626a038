//! Certificates of volunteer hours: the printed certificate (in the certificate's own
//! language), the signing key section, and the verification page.

use super::Lang;

messages! { CertMsg;
    // The certificate itself (shown in the certificate's language, not the UI's).
    Title { kk: "Волонтерлік сағаттар туралы сертификат", ru: "Сертификат о волонтёрских часах", en: "Certificate of volunteer hours" }
    Certifies { kk: "Осы сертификат мынаны растайды:", ru: "Настоящий сертификат подтверждает, что", en: "This certifies that" }
    VolunteeredAt { kk: "төмендегі іс-шарада волонтер болды:", ru: "был(а) волонтёром на мероприятии", en: "volunteered at" }
    HoursLabel { kk: "Бекітілген волонтерлік сағаттар", ru: "Подтверждённые волонтёрские часы", en: "Approved volunteer hours" }
    IssuedLabel { kk: "Берілген күні", ru: "Дата выдачи", en: "Issued on" }
    OrganizerLabel { kk: "Ұйымдастырушы", ru: "Организатор", en: "Organizer" }
    SignatureHint { kk: "қолы", ru: "подпись", en: "signature" }
    ScanToVerify { kk: "Сертификаттың түпнұсқалығын тексеру үшін кодты сканерлеңіз немесе сілтемені ашыңыз:", ru: "Чтобы проверить подлинность, отсканируйте код или откройте ссылку:", en: "To check this certificate, scan the code or open the link:" }
    KeyLabel { kk: "Кілт", ru: "Ключ", en: "Key" }
    QrLabel { kk: "Сертификатты тексеруге арналған QR-код", ru: "QR-код для проверки сертификата", en: "QR code to check the certificate" }

    // The certificate page around it (the UI's language).
    BackToVolunteers { kk: "← Волонтерлер", ru: "← Волонтёры", en: "← Volunteers" }
    CertLanguage { kk: "Сертификат тілі", ru: "Язык сертификата", en: "Certificate language" }
    Print { kk: "Басып шығару", ru: "Печать", en: "Print" }
    NoForumKey { kk: "Бұл форумда әлі қол қою кілті жоқ, сондықтан сертификатқа қол қою мүмкін емес. Кілтті волонтерлер бетінде жасауға болады.", ru: "У этого форума ещё нет ключа подписи, поэтому сертификат нельзя подписать. Ключ можно создать на странице волонтёров.", en: "This forum has no signing key yet, so the certificate cannot be signed. A key can be made on the volunteers page." }
    NoKeyHere { kk: "Бұл құрылғыда форумның қол қою кілті жоқ, сондықтан мұнда сертификатқа қол қою мүмкін емес. Сертификаттарға кілт сақталған құрылғыда қол қойылады.", ru: "На этом устройстве нет ключа подписи форума, поэтому здесь сертификат подписать нельзя. Сертификаты подписываются на устройстве, где хранится ключ.", en: "This device does not hold the forum's signing key, so the certificate cannot be signed here. Certificates are signed on the device that holds the key." }
    NoApprovedHours { kk: "Бұл волонтердің бекітілген сағаттары әлі жоқ: сертификат берілмейді.", ru: "У этого волонтёра пока нет подтверждённых часов: сертификат не выдаётся.", en: "This volunteer has no approved hours yet: there is no certificate to issue." }
    PersonNotFound { kk: "Мұндай адам бұл форумда жоқ.", ru: "Такого человека на этом форуме нет.", en: "This person is not in this forum." }
    QrTooLong { kk: "Атаулар тым ұзын, QR-кодқа сыймайды.", ru: "Названия слишком длинные и не помещаются в QR-код.", en: "The names are too long to fit in a QR code." }

    // The signing key section of the volunteers page.
    KeyIntro { kk: "Волонтерлік сағаттар туралы сертификатта цифрлық қолтаңба бар: оны кез келген адам QR-кодты сканерлеп тексере алады. Жабық кілт тек осы құрылғыда сақталады, синхрондалмайды және резервтік көшірмеге кірмейді.", ru: "На сертификате о волонтёрских часах стоит цифровая подпись: её может проверить любой, отсканировав QR-код. Закрытый ключ хранится только на этом устройстве, не синхронизируется и не входит в резервные копии.", en: "Certificates of volunteer hours carry a digital signature that anyone can check by scanning the QR code. The private key stays on this device only: it is never synced and is not part of backups." }
    KeyNone { kk: "Бұл форумда әлі қол қою кілті жоқ.", ru: "У этого форума пока нет ключа подписи.", en: "This forum has no signing key yet." }
    KeyHere { kk: "Форумның қол қою кілті осы құрылғыда: сертификаттарға осында қол қоюға болады.", ru: "Ключ подписи форума хранится на этом устройстве: здесь можно подписывать сертификаты.", en: "This device holds the forum's signing key: certificates can be signed here." }
    KeyElsewhere { kk: "Форумның қол қою кілті бар, бірақ оның жабық бөлігі басқа құрылғыда. Сертификаттарға кілт сақталған құрылғыда қол қою керек.", ru: "У форума есть ключ подписи, но его закрытая часть на другом устройстве. Сертификаты нужно подписывать на устройстве, где хранится ключ.", en: "The forum has a signing key, but its private part is on another device. Certificates must be signed on the device that holds the key." }
    KeyCreate { kk: "Қол қою кілтін жасау", ru: "Создать ключ подписи", en: "Create signing key" }
    KeyReplace { kk: "Осы құрылғыда жаңа кілт жасау", ru: "Создать новый ключ на этом устройстве", en: "Make a new key on this device" }
    KeyReplaceWarn { kk: "Жаңа кілт жасалғаннан кейін ескі кілтпен қол қойылған сертификаттар тексеруден өтпейді. Жаңа кілт жасау керек пе?", ru: "После создания нового ключа сертификаты, подписанные старым ключом, перестанут проходить проверку. Создать новый ключ?", en: "Once a new key is made, certificates signed with the old key no longer verify. Make a new key?" }
    KeyReplaceConfirm { kk: "Иә, жаңа кілт жасау", ru: "Да, создать новый ключ", en: "Yes, make a new key" }
    Cancel { kk: "Бас тарту", ru: "Отмена", en: "Cancel" }
    KeyCreated { kk: "Қол қою кілті жасалып, осы құрылғыда сақталды.", ru: "Ключ подписи создан и сохранён на этом устройстве.", en: "The signing key was created and kept on this device." }
    KeyFailed { kk: "Кілтті жасау мүмкін болмады: форум өзгерген жоқ.", ru: "Не удалось создать ключ: форум не изменён.", en: "The key could not be created: the forum was not changed." }

    // The verification page.
    VerifyHeading { kk: "Сертификатты тексеру", ru: "Проверка сертификата", en: "Check a certificate" }
    VerifyIntro { kk: "Сертификаттағы QR-кодты телефон камерасымен сканерлеңіз немесе оның сілтемесін не кодын осында қойыңыз.", ru: "Отсканируйте QR-код сертификата камерой телефона или вставьте сюда его ссылку или код.", en: "Scan the QR code on a certificate with a phone's camera, or paste its link or code here." }
    VerifyField { kk: "Сертификат сілтемесі немесе коды", ru: "Ссылка или код сертификата", en: "Certificate link or code" }
    VerifyButton { kk: "Тексеру", ru: "Проверить", en: "Verify" }
    Checking { kk: "Тексерілуде…", ru: "Проверяем…", en: "Checking…" }
    Valid { kk: "Жарамды", ru: "Действителен", en: "Valid" }
    NotValid { kk: "Жарамсыз", ru: "Недействителен", en: "Not valid" }
    ValidHint { kk: "Қолтаңба форум кілтіне сәйкес келеді: сертификатты форум ұйымдастырушылары берген және ол содан бері өзгертілмеген.", ru: "Подпись совпадает с ключом форума: сертификат выдан организаторами форума и с тех пор не изменялся.", en: "The signature matches the forum's key: the certificate was issued by the forum's organizers and has not been changed since." }
    VolunteerLabel { kk: "Волонтер", ru: "Волонтёр", en: "Volunteer" }
    ForumLabel { kk: "Форум", ru: "Форум", en: "Forum" }
    SourceDevice { kk: "Осы құрылғыдағы форум кілтімен тексерілді.", ru: "Проверено ключом форума, сохранённым на этом устройстве.", en: "Checked with the forum's key kept on this device." }
    SourceServer { kk: "Синхрондау сервері жариялаған форум кілтімен тексерілді.", ru: "Проверено ключом форума, опубликованным сервером синхронизации.", en: "Checked with the forum's key published by the sync server." }
    ReasonEmpty { kk: "Алдымен сертификат сілтемесін немесе кодын қойыңыз.", ru: "Сначала вставьте ссылку или код сертификата.", en: "Paste a certificate link or code first." }
    ReasonDamaged { kk: "Код бүлінген немесе бұл Жиын сертификаты емес.", ru: "Код повреждён или это не сертификат Жиын.", en: "The code is damaged or is not a Jiyn certificate." }
    ReasonChanged { kk: "Сертификат мазмұны қолтаңбаға сәйкес келмейді: ол қол қойылғаннан кейін өзгертілген немесе код бүлінген.", ru: "Содержимое сертификата не совпадает с подписью: его изменили после подписания, или код повреждён.", en: "The certificate's contents do not match its signature: it was changed after signing, or the code is damaged." }
    ReasonForeignKey { kk: "Сертификатқа форумның кілтімен емес, басқа кілтпен қол қойылған.", ru: "Сертификат подписан другим ключом, а не ключом форума.", en: "The certificate was signed by another key, not the forum's." }
    ReasonNewer { kk: "Бұл сертификатты Жиынның жаңарақ нұсқасы жасаған. Қолданбаны жаңартып, қайта тексеріңіз.", ru: "Этот сертификат создан более новой версией Жиын. Обновите приложение и проверьте снова.", en: "This certificate was made by a newer version of Jiyn. Update the app and check again." }
    ReasonNoKey { kk: "Белгісіз форум: бұл құрылғыда оның кілті жоқ және оны алу мүмкін болмады (байланыс жоқ немесе синхрондау сервері бапталмаған).", ru: "Неизвестный форум: на этом устройстве нет его ключа, и получить ключ не удалось (нет связи или не настроен сервер синхронизации).", en: "Unknown forum: this device has no key for it and could not get one (no connection, or no sync server set up)." }
    ReasonBadKey { kk: "Форумның кілті бүлінген, сондықтан тексеру мүмкін емес.", ru: "Ключ форума повреждён, поэтому проверить нельзя.", en: "The forum's key is damaged, so nothing can be checked." }
}

/// A duration in words: «12 сағат 30 минут», «12 часов 30 минут», "12 hours 30 minutes".
/// Zero parts are left out (but zero minutes in all is "0 …minutes").
pub fn duration_text(lang: Lang, minutes: u64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = |n: u64| match lang {
        Lang::Kk => format!("{n} сағат"),
        Lang::Ru => format!("{n} {}", ru_plural(n, "час", "часа", "часов")),
        Lang::En => format!("{n} {}", if n == 1 { "hour" } else { "hours" }),
    };
    let mins = |n: u64| match lang {
        Lang::Kk => format!("{n} минут"),
        Lang::Ru => format!("{n} {}", ru_plural(n, "минута", "минуты", "минут")),
        Lang::En => format!("{n} {}", if n == 1 { "minute" } else { "minutes" }),
    };
    match (h, m) {
        (0, m) => mins(m),
        (h, 0) => hours(h),
        (h, m) => format!("{} {}", hours(h), mins(m)),
    }
}

/// The Russian noun form after a number: 1 час, 2 часа, 5 часов (11–14: часов).
fn ru_plural(n: u64, one: &'static str, few: &'static str, many: &'static str) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_words() {
        assert_eq!(duration_text(Lang::En, 750), "12 hours 30 minutes");
        assert_eq!(duration_text(Lang::En, 61), "1 hour 1 minute");
        assert_eq!(duration_text(Lang::En, 0), "0 minutes");
        assert_eq!(duration_text(Lang::Kk, 750), "12 сағат 30 минут");
        assert_eq!(duration_text(Lang::Kk, 120), "2 сағат");
        assert_eq!(duration_text(Lang::Ru, 750), "12 часов 30 минут");
        assert_eq!(duration_text(Lang::Ru, 21 * 60 + 2), "21 час 2 минуты");
        assert_eq!(duration_text(Lang::Ru, 3 * 60 + 11), "3 часа 11 минут");
        assert_eq!(duration_text(Lang::Ru, 112 * 60 + 45), "112 часов 45 минут");
        assert_eq!(duration_text(Lang::Ru, 41), "41 минута");
    }
}
