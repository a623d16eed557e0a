//! What the page keeps in localStorage: the one door to it. A page without storage (private
//! mode, blocked) just keeps things for the visit.

use engine::i18n::Lang;

const LANG_KEY: &str = "backprop-lab.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored text under `key`, if any.
pub fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn write(key: &str, value: &str) {
    if let Some(s) = storage() {
        s.set_item(key, value).ok();
    }
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        s.remove_item(key).ok();
    }
}

pub fn load_lang() -> Lang {
    read(LANG_KEY)
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

pub fn save_lang(lang: Lang) {
    write(LANG_KEY, lang.code());
}
