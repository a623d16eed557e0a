//! Formulas in two notations: the plain text and the TeX agree, and the TeX renders.

use engine::math::{Formula, mathml};

#[test]
fn numbers_in_both_notations() {
    let f = Formula::new().num(-0.27, 4);
    assert_eq!(f.plain, "(−0.27)");
    assert_eq!(f.tex, r"\left(-0.27\right)");
    let tiny = Formula::new().num(0.0000179, 4);
    assert_eq!(tiny.plain, "1.790e−5");
    assert_eq!(tiny.tex, r"1.790 \times 10^{-5}");
    assert_eq!(Formula::new().num(f64::INFINITY, 4).tex, r"\infty");
}

#[test]
fn fractions_powers_and_squares() {
    let f = Formula::new().frac(
        Formula::new().t("1"),
        Formula::new()
            .t("1 + ")
            .exp(Formula::new().both("−", "-").t("z")),
    );
    assert_eq!(f.plain, "1 / (1 + e^(−z))");
    assert_eq!(f.tex, r"\frac{1}{1 + e^{-z}}");
    let sq = Formula::new().squared(Formula::new().t("a").minus().t("y"));
    assert_eq!(sq.plain, "(a − y)²");
    assert_eq!(sq.tex, r"\left(a - y\right)^{2}");
}

#[test]
fn mathml_output() {
    let ml = mathml(r"\frac{\partial L}{\partial z^{2}} = -0.27", true);
    assert!(ml.starts_with("<math"));
    assert!(ml.contains("<mfrac"), "{ml}");
    assert!(ml.contains("display=\"block\""), "{ml}");
    assert!(
        mathml(r"\frac{1}", false).contains("merror"),
        "broken TeX is marked, not hidden"
    );
}
