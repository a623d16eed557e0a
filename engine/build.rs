//! Turns each lesson's `src/lessons/<lesson>/formulas.toml` (the article's formulas as printed,
//! ours beside them, and the note between) into a Rust table in OUT_DIR, read by the lesson
//! with `article_formulas!("<lesson>")`. The formulas are quoted data: TOML's literal strings
//! keep their TeX as printed, with no escaping, and the page pays nothing to parse them.

use std::fmt::Write as _;
use std::path::Path;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    formula: Vec<Formula>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Formula {
    section: String,
    article: String,
    ours: String,
    zh: String,
    en: String,
}

fn main() {
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("formulas");
    std::fs::create_dir_all(&out).expect("OUT_DIR is writable");
    let lessons = Path::new("src/lessons");
    println!("cargo::rerun-if-changed={}", lessons.display());
    for entry in std::fs::read_dir(lessons).expect("src/lessons exists") {
        let dir = entry.expect("src/lessons is readable").path();
        let toml_path = dir.join("formulas.toml");
        if !toml_path.exists() {
            continue;
        }
        println!("cargo::rerun-if-changed={}", toml_path.display());
        let text = std::fs::read_to_string(&toml_path).expect("formulas.toml is readable");
        let file: File =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()));
        let mut rust = String::from("&[\n");
        for f in &file.formula {
            writeln!(
                rust,
                "    ArticleFormula {{ section: {:?}, article: {:?}, ours: {:?}, note: crate::i18n::Text::new({:?}, {:?}) }},",
                f.section, f.article, f.ours, f.zh, f.en
            )
            .expect("writing to a String");
        }
        rust.push(']');
        let name = dir.file_name().expect("a lesson folder has a name");
        let target = out.join(name).with_extension("rs");
        std::fs::write(&target, rust).expect("OUT_DIR is writable");
    }
}
