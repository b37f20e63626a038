//! The social projects page's messages: plan vs done, the activity log and its form.

use super::{date_long, Lang};
use jiyn_core::projects::ActivityError;

messages! { ProjMsg;
    Heading { kk: "Әлеуметтік жобалар", ru: "Социальные проекты", en: "Social projects" }
    Link { kk: "Әлеуметтік жобалар: жоспар мен орындалуы", ru: "Социальные проекты: план и выполнение", en: "Social projects: plan vs done" }
    Intro { kk: "Әр мақсат бойынша жоспар мен орындалғаны. Өткен іс-шараны тіркесеңіз, ол бірден есепке кіреді — интернетсіз де.", ru: "План и выполнение по каждой цели. Запишите проведённое мероприятие — оно сразу учитывается, даже без интернета.", en: "Plan vs done for every target. Log what was held and it counts at once, even offline." }
    NoProjects { kk: "Бұл форумда әлі әлеуметтік жоба жоқ.", ru: "В этом форуме пока нет социальных проектов.", en: "This forum has no social projects yet." }
    Projects { kk: "Жобалар", ru: "Проектов", en: "Projects" }
    Period { kk: "Мерзімі", ru: "Срок", en: "Period" }
    TargetsMet { kk: "Орындалған мақсаттар", ru: "Выполнено целей", en: "Targets met" }
    OverdueCount { kk: "Мерзімі өткен", ru: "Просрочено", en: "Overdue" }
    Targets { kk: "Мақсаттар: жоспар мен орындалуы", ru: "Цели: план и выполнение", en: "Targets: plan vs done" }
    Met { kk: "Орындалды", ru: "Выполнено", en: "Met" }
    Overdue { kk: "Мерзімі өтті", ru: "Просрочено", en: "Overdue" }
    Deadline { kk: "соңғы мерзім", ru: "срок", en: "deadline" }
    DueBy { kk: "Соңғы мерзім", ru: "Срок", en: "Deadline" }
    Log { kk: "Іс-шаралар журналы", ru: "Журнал мероприятий", en: "Activity log" }
    LogEmpty { kk: "Әзірге ештеңе тіркелмеген.", ru: "Пока ничего не записано.", en: "Nothing logged yet." }
    ShowAll { kk: "Барлығын көрсету", ru: "Показать все", en: "Show all" }
    ShowFewer { kk: "Қысқаша көрсету", ru: "Показать меньше", en: "Show fewer" }
    Attendees { kk: "қатысушы", ru: "участников", en: "attendees" }
    RemovedTarget { kk: "(мақсат жобадан алынып тасталған)", ru: "(цель удалена из проекта)", en: "(target removed from the project)" }
    Delete { kk: "Өшіру", ru: "Удалить", en: "Delete" }
    FormHeading { kk: "Іс-шараны тіркеу", ru: "Записать мероприятие", en: "Log an activity" }
    Target { kk: "Қай мақсатқа есептеледі", ru: "К какой цели относится", en: "Target it counts towards" }
    ChooseTarget { kk: "— мақсатты таңдаңыз —", ru: "— выберите цель —", en: "— choose a target —" }
    Date { kk: "Күні", ru: "Дата", en: "Date" }
    DateHint { kk: "Жоба мерзімі", ru: "Срок проекта", en: "Project period" }
    Count { kk: "Саны", ru: "Количество", en: "Count" }
    CountHint { kk: "Орындалғанға қосылады: 1 кездесу, 250 таратпа.", ru: "Добавляется к выполненному: 1 встреча, 250 листовок.", en: "Added to done: 1 meeting, 250 leaflets." }
    AttendeesLabel { kk: "Қатысушылар саны (міндетті емес)", ru: "Число участников (необязательно)", en: "Attendees (optional)" }
    Note { kk: "Ескертпе", ru: "Примечание", en: "Note" }
    NoteHint { kk: "Мысалы: 12 наурызда кездесу өтті, 40 студент, полиция қызметкерлерімен.", ru: "Например: встреча 12 марта, 40 студентов, с сотрудниками полиции.", en: "For example: meeting held on 12 March, 40 students, with police officers." }
    Save { kk: "Тіркеу", ru: "Записать", en: "Log it" }
    Saving { kk: "Сақталуда…", ru: "Сохраняем…", en: "Saving…" }
    Saved { kk: "Тіркелді", ru: "Записано", en: "Logged" }
    Deleted { kk: "Жазба өшірілді.", ru: "Запись удалена.", en: "Entry deleted." }
    Restored { kk: "Жазба қайтарылды.", ru: "Запись восстановлена.", en: "Entry restored." }
    Undo { kk: "Болдырмау", ru: "Отменить", en: "Undo" }
    ErrStorage { kk: "Құрылғы жадына жазу мүмкін болмады. Енгізілгені сақталып тұр — қайталап көріңіз.", ru: "Не удалось записать в память устройства. Введённое сохранено в форме — попробуйте ещё раз.", en: "Could not write to this device's storage. What you typed is kept — try again." }
    ErrFormHasErrors { kk: "Белгіленген өрістерді түзетіңіз.", ru: "Исправьте отмеченные поля.", en: "Correct the marked fields." }
    ErrWrongProject { kk: "Бұл жазба басқа жобаға тиесілі.", ru: "Эта запись относится к другому проекту.", en: "This entry belongs to another project." }
    ErrNoTarget { kk: "Іс-шара қай мақсатқа есептелетінін таңдаңыз.", ru: "Выберите цель, к которой относится мероприятие.", en: "Choose the target the activity counts towards." }
    ErrTargetNotInProject { kk: "Бұл мақсат осы жобада жоқ.", ru: "Такой цели нет в этом проекте.", en: "This target is not in this project." }
    ErrNoDate { kk: "Күнін толық көрсетіңіз (күн, ай, жыл).", ru: "Укажите дату полностью (день, месяц, год).", en: "Give the full date (day, month, year)." }
    ErrBeforeStart { kk: "Жоба бұл күннен кейін басталады:", ru: "Проект начинается позже:", en: "The project only starts on" }
    ErrAfterEnd { kk: "Жоба бұл күнге дейін аяқталған:", ru: "Проект уже закончился:", en: "The project ended on" }
    ErrInFuture { kk: "Бұл күн әлі келген жоқ. Бүгін:", ru: "Эта дата ещё не наступила. Сегодня:", en: "This date has not come yet. Today is" }
    ErrBadCount { kk: "1-ден кем емес бүтін санды жазыңыз.", ru: "Введите целое число не меньше 1.", en: "Enter a whole number, at least 1." }
    ErrBadAttendees { kk: "Бүтін санды жазыңыз немесе бос қалдырыңыз.", ru: "Введите целое число или оставьте поле пустым.", en: "Enter a whole number, or leave it empty." }
    ErrNoteTooLong { kk: "Ескертпе тым ұзын. Ең көбі таңба саны:", ru: "Примечание слишком длинное. Наибольшее число знаков:", en: "The note is too long. Most characters allowed:" }
}

/// What to show next to the field an activity error concerns.
pub fn activity_error_text(lang: Lang, e: &ActivityError) -> String {
    let with_date = |m: ProjMsg, d| format!("{} {}.", m.text(lang), date_long(lang, d));
    match *e {
        ActivityError::WrongProject => ProjMsg::ErrWrongProject.text(lang).into(),
        ActivityError::NoTarget => ProjMsg::ErrNoTarget.text(lang).into(),
        ActivityError::TargetNotInProject => ProjMsg::ErrTargetNotInProject.text(lang).into(),
        ActivityError::NoDate => ProjMsg::ErrNoDate.text(lang).into(),
        ActivityError::BeforeStart { start } => with_date(ProjMsg::ErrBeforeStart, start),
        ActivityError::AfterEnd { end } => with_date(ProjMsg::ErrAfterEnd, end),
        ActivityError::InFuture { today } => with_date(ProjMsg::ErrInFuture, today),
        ActivityError::BadCount => ProjMsg::ErrBadCount.text(lang).into(),
        ActivityError::BadAttendees => ProjMsg::ErrBadAttendees.text(lang).into(),
        ActivityError::NoteTooLong { max } => {
            format!(
                "{} {}.",
                ProjMsg::ErrNoteTooLong.text(lang),
                number(lang, max as u64)
            )
        }
    }
}

/// A count with its thousands grouped as each language writes them: «1 000» (a
/// no-break space) in Kazakh and Russian, "1,000" in English.
pub fn number(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::En => ',',
        Lang::Kk | Lang::Ru => '\u{a0}',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// "7 / 10 meetings": done of planned, with the unit (the units are written to follow
/// a count in a table, «встречи», so a slash reads better than a word).
pub fn done_of_planned(lang: Lang, done: u32, planned: u32, unit: &str) -> String {
    let text = format!(
        "{} / {}",
        number(lang, u64::from(done)),
        number(lang, u64::from(planned))
    );
    if unit.trim().is_empty() {
        text
    } else {
        format!("{text} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn numbers_group_thousands_per_language() {
        assert_eq!(number(Lang::En, 7), "7");
        assert_eq!(number(Lang::En, 1000), "1,000");
        assert_eq!(number(Lang::Ru, 1000), "1\u{a0}000");
        assert_eq!(number(Lang::Kk, 1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(number(Lang::En, 100_000), "100,000");
    }

    #[test]
    fn done_of_planned_reads_naturally() {
        assert_eq!(
            done_of_planned(Lang::En, 7, 10, "meetings"),
            "7 / 10 meetings"
        );
        assert_eq!(
            done_of_planned(Lang::Kk, 7, 10, "кездесу"),
            "7 / 10 кездесу"
        );
        assert_eq!(done_of_planned(Lang::En, 600, 1000, " "), "600 / 1,000");
        assert_eq!(
            done_of_planned(Lang::Ru, 600, 1000, "шт."),
            "600 / 1\u{a0}000 шт."
        );
    }

    #[test]
    fn date_errors_carry_their_date() {
        let d = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        assert_eq!(
            activity_error_text(Lang::En, &ActivityError::AfterEnd { end: d }),
            "The project ended on 31 October 2025."
        );
        assert_eq!(
            activity_error_text(Lang::Ru, &ActivityError::AfterEnd { end: d }),
            "Проект уже закончился: 31 октября 2025."
        );
    }
}
