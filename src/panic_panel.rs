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
    let url = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let agent = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    let report = format!("{message}\n\nURL: {url}\nBrowser: {agent}");
    // Text only: the message never becomes markup.
    if let Ok(intro) = doc.create_element("p") {
        intro.set_text_content(Some(
            "出错了，页面已停止。请刷新；您的课程状态在网址里。\nSomething went wrong and the page stopped. Reload: your lesson's state is in the URL.",
        ));
        panel.append_child(&intro).ok();
    }
    if let Ok(pre) = doc.create_element("pre") {
        pre.set_attribute("data-testid", "panic-report").ok();
        pre.set_text_content(Some(&report));
        panel.append_child(&pre).ok();
    }
    // The wasm module is dead after a panic, so the button's handler is plain JavaScript (an
    // inline handler, which the page's CSP allows; it reads the report from the panel).
    if let Ok(button) = doc.create_element("button") {
        button.set_attribute("data-testid", "panic-copy").ok();
        button
            .set_attribute(
                "onclick",
                "navigator.clipboard.writeText(this.parentNode.querySelector('pre').textContent).then(() => { this.textContent = '已复制 · Copied'; })",
            )
            .ok();
        button.set_text_content(Some("复制错误报告 · Copy report"));
        panel.append_child(&button).ok();
    }
    if let Some(body) = doc.body() {
        body.append_child(panel.unchecked_ref()).ok();
    }
}
