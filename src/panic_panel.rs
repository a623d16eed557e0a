//! A panic shows a readable panel instead of a dead page.

use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn show(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(panel) = doc.create_element("div") else {
        return;
    };
    panel.set_attribute("data-testid", "panic-panel").ok();
    panel.set_attribute("role", "alert").ok();
    panel.set_class_name("panic-panel");
    // Text only: the message never becomes markup.
    panel.set_text_content(Some(&format!(
        "出错了，页面已停止。请刷新；您的课程状态在网址里。\nSomething went wrong and the page stopped. Reload: your lesson's state is in the URL.\n\n{message}"
    )));
    if let Some(body) = doc.body() {
        body.append_child(panel.unchecked_ref()).ok();
    }
}
