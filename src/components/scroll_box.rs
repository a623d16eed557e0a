//! A box that scrolls wide content sideways (tables, matrices) inside the page instead of the
//! page itself. It takes the keyboard focus, so that it scrolls with the arrow keys too, and
//! names itself for screen readers.

use engine::i18n::Text;
use leptos::prelude::*;

use crate::app::tr;

#[component]
pub fn ScrollBox(
    /// What the box holds, said by screen readers.
    label: Text,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=tr(label)>{children()}</div>
    }
}
