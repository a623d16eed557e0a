//! The autodiff graph recorded by `mlp-step`'s forward pass: exactly the ops the lesson runs,
//! every value and gradient equal to an independent f64 evaluation of the same graph, and the
//! walk and drawing built from it.

use crate::graph_oracle::{assert_graph_is_its_computation, close};
use burn::prelude::Device;
use engine::autograph::{Op, Phase, svg};
use engine::lessons::kit::breaks::Break;
use engine::lessons::mlp_step::article_params;
use engine::model::mlp221::{LossKind, Mlp221Params, Mlp221Trace, trace_step};
use engine::state::setting::Settings;

fn trace(p: &Mlp221Params) -> Mlp221Trace {
    pollster::block_on(trace_step(p, &Device::flex())).expect("flex trace")
}

fn ops(t: &Mlp221Trace) -> Vec<&'static str> {
    t.graph.nodes.iter().map(|n| n.op.code()).collect()
}

#[test]
fn the_graph_has_exactly_the_nodes_of_the_forward_pass() {
    let p = article_params();
    assert_eq!(p.loss, LossKind::Bce);
    let t = trace(&p);
    // x, y, W1, b1, W2, b2; W1·x + b1, σ; W2 × a1 summed + b2, σ; the BCE of a2.
    assert_eq!(
        ops(&t),
        [
            "input", "input", "param", "param", "param", "param", "matmul", "add", "sigmoid",
            "mul", "sum", "add", "sigmoid", "const", "log", "mul", "sub", "sub", "log", "mul",
            "add", "neg"
        ]
    );
    let names: Vec<String> = t
        .graph
        .nodes
        .iter()
        .filter_map(|n| n.name.clone())
        .collect();
    assert_eq!(
        names,
        [
            "x", "y", "W1", "b1", "W2", "b2", "z1", "a1", "z2", "a2", "1", "L"
        ]
    );
    assert_graph_is_its_computation(&t.graph, "L");

    let mse = trace(&Mlp221Params {
        loss: LossKind::Mse,
        ..p.clone()
    });
    let tail: Vec<&str> = ops(&mse)[13..].to_vec();
    assert_eq!(tail, ["sub", "square"], "MSE is (a2 − y)²");
    assert_graph_is_its_computation(&mse.graph, "L");
}

#[test]
fn named_nodes_and_parameter_leaves_are_the_trace_the_lesson_shows() {
    let t = trace(&article_params());
    let g = &t.graph;
    close("L", g.node("L").unwrap().value[0], t.loss, 1e-6);
    for (name, node) in [("z1", &t.z1), ("a1", &t.a1), ("z2", &t.z2), ("a2", &t.a2)] {
        let n = g.node(name).unwrap();
        for (k, (a, b)) in n.value.iter().zip(node.value.flat()).enumerate() {
            close(&format!("{name}[{k}]"), *a, b, 1e-6);
        }
        for (k, (a, b)) in n
            .grad
            .as_ref()
            .unwrap()
            .iter()
            .zip(node.grad.flat())
            .enumerate()
        {
            close(&format!("∂L/∂{name}[{k}]"), *a, b, 1e-6);
        }
    }
    for (name, param) in [("W1", &t.w1), ("b1", &t.b1), ("W2", &t.w2), ("b2", &t.b2)] {
        let n = g.node(name).unwrap();
        assert_eq!(n.op, Op::Param);
        for (k, (a, b)) in n
            .grad
            .as_ref()
            .unwrap()
            .iter()
            .zip(param.grad.flat())
            .enumerate()
        {
            close(&format!("∂L/∂{name}[{k}]"), *a, b, 1e-6);
        }
    }
    // Data and constants get no gradient; everything the loss is computed from does.
    for n in &g.nodes {
        let wants_grad = !matches!(n.op, Op::Input | Op::Const);
        assert_eq!(n.grad.is_some(), wants_grad, "{}", n.label());
    }
}

#[test]
fn a_broken_backward_pass_keeps_the_values_and_the_graph_shows_its_wrong_gradients() {
    let p = article_params();
    let right = trace(&p);
    for brk in [Break::SigmoidOnePlusA, Break::FlippedSign] {
        let broken = trace(&Mlp221Params {
            backward: brk,
            ..p.clone()
        });
        assert_eq!(ops(&broken), ops(&right));
        for (a, b) in broken.graph.nodes.iter().zip(&right.graph.nodes) {
            assert_eq!(
                a.value,
                b.value,
                "{}: forward values are untouched",
                a.label()
            );
        }
        let b1 = broken.graph.node("b1").unwrap().grad.clone().unwrap();
        let r1 = right.graph.node("b1").unwrap().grad.clone().unwrap();
        assert!(
            b1.iter()
                .zip(&r1)
                .any(|(a, b)| (a - b).abs() > 1e-3 * b.abs().max(1e-3)),
            "{brk:?}: ∂L/∂b1 changes ({b1:?} vs {r1:?})"
        );
    }
    let flipped = trace(&Mlp221Params {
        backward: Break::FlippedSign,
        ..p
    });
    assert_eq!(
        flipped.graph.node("L").unwrap().grad,
        Some(vec![-1.0]),
        "the seed is negated"
    );
}

#[test]
fn the_walk_lights_ops_in_order_then_gradients_in_reverse() {
    let t = trace(&article_params());
    let g = &t.graph;
    let forward = g.forward_order();
    let backward = g.backward_order();
    assert_eq!(forward.len(), 15);
    assert_eq!(backward.len(), 19, "15 ops and 4 parameters");
    assert_eq!(g.walk_len(), 34);
    assert_eq!(g.lit(g.walk(0)), None);
    assert_eq!(g.lit(g.walk(1)), Some(forward[0]));
    assert_eq!(g.nodes[forward[0]].op, Op::MatMul);
    assert_eq!(g.lit(g.walk(15)), g.node("L").map(|n| n.id));
    let back = g.walk(16);
    assert_eq!(back.phase, Phase::Backward);
    assert_eq!(
        g.lit(back),
        g.node("L").map(|n| n.id),
        "backprop starts at the loss"
    );
    // Backprop reaches a node only after every node that uses it.
    for (k, &id) in backward.iter().enumerate() {
        for user in g.nodes.iter().filter(|m| m.inputs.contains(&id)) {
            let at = backward.iter().position(|&b| b == user.id).unwrap();
            assert!(at < k, "{} before {}", user.label(), g.nodes[id].label());
        }
    }
    assert!(!g.value_known(g.walk(0), g.node("z1").unwrap().id));
    assert!(
        g.value_known(g.walk(0), g.node("W1").unwrap().id),
        "leaves are given"
    );
    assert!(g.value_known(g.walk(2), g.node("z1").unwrap().id));
    assert!(!g.grad_known(g.walk(15), g.node("L").unwrap().id));
    assert!(g.grad_known(g.walk(16), g.node("L").unwrap().id));
    assert!(
        !g.grad_known(g.walk(33), backward[18]),
        "the last gradient comes last"
    );
    assert!(g.grad_known(g.walk(34), g.node("W1").unwrap().id));
}

#[test]
fn the_drawing_has_one_box_per_node_and_shows_what_the_walk_reached() {
    let t = trace(&article_params());
    let g = &t.graph;
    let count = |s: &str, pat: &str| s.matches(pat).count();
    let start = svg::draw(g, g.walk(0), "graph");
    assert_eq!(count(&start, "data-node="), g.nodes.len());
    assert_eq!(count(&start, r#"data-value-shown="false""#), 15);
    assert_eq!(count(&start, "lit-"), 0);
    let end = svg::draw(g, g.walk(g.walk_len()), "graph");
    assert_eq!(count(&end, r#"data-grad-shown="true""#), 19);
    assert_eq!(count(&end, "lit-backward"), 1);
    let z1 = svg::short(&g.node("z1").unwrap().value);
    let after_one = svg::draw(g, g.walk(2), "graph");
    assert!(
        after_one.contains(&format!(">{z1}<")),
        "z1's value shows once computed"
    );
    assert!(!start.contains(&format!(">{z1}<")), "and not before");
    // Every leaf sits left of the first op that reads it; every op right of its inputs.
    let col = svg::columns(g);
    for n in g.nodes.iter().filter(|n| !n.op.is_leaf()) {
        assert!(
            n.inputs.iter().all(|&i| col[i] < col[n.id]),
            "{}",
            n.label()
        );
    }
}

fn xor_graph(model: &str) -> (engine::lessons::kit::LessonTrace, engine::autograph::Graph) {
    use engine::lessons::xor;
    let mut v = (xor::LESSON.article_values)();
    v.set("model", model).unwrap();
    let t = pollster::block_on((xor::LESSON.trace)(&v, &Device::flex())).unwrap();
    let g = t.graph.clone().expect("xor records its graph");
    (t, g)
}

#[test]
fn the_xor_lesson_records_both_of_its_models() {
    let (t, g) = xor_graph("hidden");
    let codes: Vec<&str> = g.nodes.iter().map(|n| n.op.code()).collect();
    assert_eq!(
        codes,
        [
            "input",
            "input",
            "param",
            "param",
            "transpose",
            "matmul",
            "add",
            "tanh",
            "param",
            "param",
            "matmul",
            "add",
            "sigmoid",
            "sub",
            "square",
            "mean"
        ]
    );
    assert_graph_is_its_computation(&g, "L");
    close("L", g.node("L").unwrap().value[0], t.loss.unwrap(), 1e-6);
    assert_eq!(
        g.node("a").unwrap().shape,
        [4, engine::lessons::xor::H],
        "a sample per row"
    );
    // The quantities the lesson lists are the graph's nodes.
    for name in ["a", "h", "z"] {
        let q = t.quantity(name).unwrap();
        assert_eq!(q.value.flat(), g.node(name).unwrap().value, "{name}");
    }

    let (t, g) = xor_graph("single");
    let codes: Vec<&str> = g.nodes.iter().map(|n| n.op.code()).collect();
    assert_eq!(
        codes,
        [
            "input", "input", "param", "param", "matmul", "add", "sigmoid", "sub", "square", "mean"
        ]
    );
    assert_graph_is_its_computation(&g, "L");
    close("L", g.node("L").unwrap().value[0], t.loss.unwrap(), 1e-6);
}

fn kit_graph(def: &engine::lessons::kit::LessonDef) -> engine::lessons::kit::LessonTrace {
    let v = (def.article_values)();
    pollster::block_on((def.trace)(&v, &Device::flex())).unwrap()
}

#[test]
fn the_bce_and_3_5_2_lessons_record_their_forward_passes() {
    let t = kit_graph(&engine::lessons::bce::LESSON);
    let g = t.graph.as_ref().expect("bce records its graph");
    let codes: Vec<&str> = g.nodes.iter().map(|n| n.op.code()).collect();
    assert_eq!(
        codes,
        [
            "input", "param", "sigmoid", "const", "log", "mul", "sub", "sub", "log", "mul", "add",
            "neg", "mean"
        ]
    );
    assert_graph_is_its_computation(g, "L");
    close("L", g.node("L").unwrap().value[0], t.loss.unwrap(), 1e-6);

    let t = kit_graph(&engine::lessons::backprop_352::LESSON);
    let g = t.graph.as_ref().expect("backprop-352 records its graph");
    let codes: Vec<&str> = g.nodes.iter().map(|n| n.op.code()).collect();
    assert_eq!(
        codes,
        [
            "input",
            "input",
            "param",
            "param",
            "param",
            "param",
            "transpose",
            "matmul",
            "add",
            "sigmoid",
            "transpose",
            "matmul",
            "add",
            "softmax",
            "log",
            "mul",
            "sum",
            "neg"
        ]
    );
    assert_graph_is_its_computation(g, "L");
    close("L", g.node("L").unwrap().value[0], t.loss.unwrap(), 1e-6);
}

#[test]
fn the_softmax_lesson_records_its_forward_pass() {
    let t = kit_graph(&engine::lessons::softmax_ce::LESSON);
    let g = t.graph.as_ref().expect("softmax-ce records its graph");
    let codes: Vec<&str> = g.nodes.iter().map(|n| n.op.code()).collect();
    assert_eq!(
        codes,
        ["input", "param", "softmax", "log", "mul", "neg", "sum"]
    );
    assert_graph_is_its_computation(g, "L");
    close("L", g.node("L").unwrap().value[0], t.loss.unwrap(), 1e-6);
}

#[test]
fn the_keras_lesson_records_its_loss_from_the_logits() {
    let t = kit_graph(&engine::lessons::keras_4x4::LESSON);
    let g = t.graph.as_ref().expect("keras-4x4 records its graph");
    let codes: Vec<&str> = g.nodes.iter().map(|n| n.op.code()).collect();
    assert_eq!(
        codes,
        [
            "input", "input", "param", "param", "param", "param", "matmul", "add", "sigmoid",
            "matmul", "add", "sigmoid", "relu", "mul", "sub", "abs", "neg", "exp", "log1p", "add",
            "mean"
        ]
    );
    assert_graph_is_its_computation(g, "L");
    close("L", g.node("L").unwrap().value[0], t.loss.unwrap(), 1e-6);
    assert_eq!(
        g.node("ŷ").unwrap().grad,
        None,
        "ŷ is shown, the loss is taken from z"
    );
}

#[test]
fn the_linear_regression_lesson_records_its_forward_pass() {
    let t = kit_graph(&engine::lessons::linreg_gd::LESSON);
    let g = t.graph.as_ref().expect("linreg-gd records its graph");
    let codes: Vec<&str> = g.nodes.iter().map(|n| n.op.code()).collect();
    assert_eq!(
        codes,
        [
            "input", "input", "param", "param", "mul", "add", "sub", "square", "mean"
        ]
    );
    assert_graph_is_its_computation(g, "L");
    close("L", g.node("L").unwrap().value[0], t.loss.unwrap(), 1e-6);
    assert_eq!(
        g.node("w").unwrap().shape,
        [1],
        "one weight, broadcast over the samples"
    );
}

#[test]
fn the_attention_lesson_records_each_head() {
    use engine::lessons::attention;
    for heads in ["1", "2"] {
        let mut v = (attention::LESSON.article_values)();
        v.set("heads", heads).unwrap();
        let t = pollster::block_on((attention::LESSON.trace)(&v, &Device::flex())).unwrap();
        let g = t.graph.as_ref().expect("attention records its graph");
        let count = |code: &str| g.nodes.iter().filter(|n| n.op.code() == code).count();
        let h: usize = heads.parse().unwrap();
        // Q, K, V; per head three slices, Kᵀ, QKᵀ, the 1/√d_k scale, softmax, A·V; then
        // concat (two heads), W_O (two heads), O − T, squared, summed, halved.
        assert_eq!(count("slice"), 3 * h);
        assert_eq!(count("softmax"), h);
        assert_eq!(count("matmul"), 3 + 2 * h + (h - 1));
        assert_eq!(count("concat"), h - 1);
        assert_eq!(count("scale"), h + 1);
        assert_eq!(count("param"), 3 + (h - 1));
        assert_graph_is_its_computation(g, "L");
        close("L", g.node("L").unwrap().value[0], t.loss.unwrap(), 1e-6);
        for name in ["Q", "K", "V"] {
            assert_eq!(
                t.quantity(name).unwrap().value.flat(),
                g.node(name).unwrap().value
            );
        }
    }
}

#[test]
fn the_optimiser_race_records_its_loss() {
    let t = kit_graph(&engine::lessons::optimizers::LESSON);
    let g = t.graph.as_ref().expect("optimizers records its graph");
    let codes: Vec<&str> = g.nodes.iter().map(|n| n.op.code()).collect();
    assert_eq!(
        codes,
        [
            "input",
            "input",
            "param",
            "transpose",
            "matmul",
            "sub",
            "square",
            "mean_rows",
            "slice",
            "const",
            "mul",
            "sum",
            "add"
        ]
    );
    assert_graph_is_its_computation(g, "ΣJ");
    assert_eq!(g.node("θ").unwrap().shape, [4, 2], "one position per racer");
}

#[test]
fn readback_slots_name_their_tensor_whatever_the_order() {
    use burn::prelude::{Device, Tensor};
    use engine::base::readback::Readback;
    let dev = Device::flex();
    let a = || Tensor::<1>::from_floats([1.0, 2.0].as_slice(), &dev);
    let b = || Tensor::<1>::from_floats([7.0].as_slice(), &dev);
    let mut rb = Readback::new();
    let (a1, b1) = (rb.add(a()), rb.add(b()));
    let first = pollster::block_on(rb.read()).unwrap();
    let mut rb = Readback::new();
    let (b2, a2) = (rb.add(b()), rb.add(a()));
    let second = pollster::block_on(rb.read()).unwrap();
    assert_eq!(first[a1], second[a2]);
    assert_eq!(first[a1], vec![1.0, 2.0]);
    assert_eq!((first.scalar(b1), second.scalar(b2)), (7.0, 7.0));
}
