//! Preferences kept in localStorage (the language).

use engine::i18n::Lang;

const LANG_KEY: &str = "backprop-lab.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_lang() -> Lang {
    storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

pub fn save_lang(lang: Lang) {
    if let Some(s) = storage() {
        s.set_item(LANG_KEY, lang.code()).ok();
    }
}
