//! The registration desk's messages.

use super::Lang;

messages! { DeskMsg;
    Desk { kk: "Тіркеу үстелі", ru: "Стойка регистрации", en: "Registration desk" }
}
