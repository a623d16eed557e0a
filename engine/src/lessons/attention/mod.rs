//! Lesson `attention`: article 003 §3.1.3, §4.2.3 and §4.3, scaled dot-product attention
//! softmax(QKᵀ/√d_k)V on the three tokens of “I love programming”, single- or two-headed, with a
//! squared-error loss of our own so that the weights get gradients and a gradient step.

pub mod errata;
pub mod model;
pub mod setup;
pub mod views;
pub mod walkthrough;

use self::model::{Mat, compute};
pub use self::setup::{D, N, SETTINGS, TOKENS, article_values, heads};
use crate::lessons::kit::prelude::*;
use burn::prelude::*;

pub const ID: &str = "attention";

pub const LESSON: LessonDef =
    lesson_def!("003_3ef749dac949cac8.txt", formulas: article_formulas!("attention"));

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    let sym = |plain: &str, tex: &str| Formula::new().both(plain, tex);
    let mut quantities = vec![
        quantity("X".into(), sym("X", "X"), Role::Input, &n.x, None),
        quantity("T".into(), sym("T", "T"), Role::Input, &n.t, None),
    ];
    for p in &n.params {
        let mut q = quantity(
            p.name.into(),
            walkthrough::weight_symbol(p.name),
            Role::Param,
            &p.value,
            Some(&p.grad),
        );
        q.updated = Some(Value::Matrix(p.next.clone()));
        quantities.push(q);
    }
    for (name, value, grad) in [
        ("Q", &n.q, &n.g_q),
        ("K", &n.k, &n.g_k),
        ("V", &n.v, &n.g_v),
    ] {
        quantities.push(quantity(
            name.into(),
            sym(name, name),
            Role::Node,
            value,
            Some(grad),
        ));
    }
    for i in 0..n.heads {
        let s = walkthrough::head_name("S", n.heads, i);
        let a = walkthrough::head_name("A", n.heads, i);
        let s_sym = walkthrough::head_symbol("S", n.heads, i);
        let a_sym = walkthrough::head_symbol("A", n.heads, i);
        quantities.push(quantity(s, s_sym, Role::Node, &n.s[i], Some(&n.g_s[i])));
        quantities.push(quantity(a, a_sym, Role::Node, &n.a[i], Some(&n.g_a[i])));
    }
    if n.heads == 2 {
        quantities.push(quantity(
            "H".into(),
            sym("H", "H"),
            Role::Node,
            &n.h,
            Some(&n.g_h),
        ));
    }
    quantities.push(quantity(
        "O".into(),
        sym("O", "O"),
        Role::Node,
        &n.o,
        Some(&n.g_o),
    ));
    let next = n
        .params
        .iter()
        .flat_map(|p| {
            (0..D).flat_map(move |a| {
                (0..D).map(move |b| (format!("{}[{a}][{b}]", p.name), p.next[a][b]))
            })
        })
        .collect();
    Ok(LessonTrace {
        loss: Some(n.loss),
        steps: walkthrough::steps(&n),
        quantities,
        metrics: vec![],
        views: views::views(&n),
        next,
        graph: Some(n.graph.clone()),
    })
}

fn quantity(name: String, label: Formula, role: Role, value: &Mat, grad: Option<&Mat>) -> Quantity {
    Quantity {
        name,
        label,
        role,
        value: Value::Matrix(value.clone()),
        grad: grad.map(|g| Value::Matrix(g.clone())),
        updated: None,
    }
}
