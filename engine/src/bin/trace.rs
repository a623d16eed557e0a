//! `trace LESSON [--set NAME=VALUE ...]`: a lesson's step trace as JSON, computed by the
//! engine on burn's CPU backend (flex). With `--worksheet [--answers] [--seed N] [--lang en]`
//! (every lesson): a printable worksheet (or its answer key) as HTML instead; `--seed` gives
//! other numbers for the same exercise (0: the article's). Errors: one line on stderr, exit 2.

use burn::prelude::Device;
use engine::export::worksheet::worksheet;
use engine::i18n::{Lang, Text};
use engine::lessons::kit::Values;
use engine::lessons::kit::variant::variant;
use engine::lessons::registry::{PAGES, find, kit_lesson};
use engine::state::setting::{Settings, split_assignment};

/// The lessons this tool computes, in the registry's order.
fn traced_ids() -> Vec<&'static str> {
    PAGES
        .iter()
        .filter(|p| p.page.traced())
        .map(|p| p.id)
        .collect()
}

/// Every live page as `id kind`, in the registry's order: `steps` for a step-through, `runs`
/// for a page that trains with Run (the browser's layout checks read this list).
fn page_lines() -> Vec<String> {
    PAGES
        .iter()
        .filter(|p| p.live)
        .map(|p| {
            format!(
                "{} {}",
                p.id,
                if p.page.traced() { "steps" } else { "runs" }
            )
        })
        .collect()
}

fn usage() -> String {
    let ids = traced_ids();
    format!(
        "usage: trace LESSON [--set NAME=VALUE ...] [--worksheet [--answers] [--seed N] [--lang zh|en]] | trace --list | trace --pages   (lessons: {})",
        ids.join(", ")
    )
}

/// Reads `--set NAME=VALUE` (or `--set=NAME=VALUE`) flags into `settings`.
fn apply_flags<S: Settings>(settings: &mut S, rest: &[String]) -> Result<(), String> {
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        let assignment = match flag.as_str() {
            "--set" => it.next().ok_or("--set needs NAME=VALUE")?.as_str(),
            other => other
                .strip_prefix("--set=")
                .ok_or_else(|| format!("unknown argument “{other}”; {}", usage()))?,
        };
        let (name, value) = split_assignment(assignment).map_err(|e| e.to_string())?;
        settings
            .set(name, value)
            .map_err(|e| format!("--set {name}: {e}"))?;
    }
    Ok(())
}

/// What `--worksheet` asks for.
struct Sheet {
    answers: bool,
    seed: u64,
    lang: Lang,
}

/// Splits the worksheet flags off the arguments: (the sheet asked for, if any; the rest).
fn sheet_flags(rest: &[String]) -> Result<(Option<Sheet>, Vec<String>), String> {
    let (mut wanted, mut sheet) = (
        false,
        Sheet {
            answers: false,
            seed: 0,
            lang: Lang::Zh,
        },
    );
    let mut others = Vec::new();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--worksheet" => wanted = true,
            "--answers" => sheet.answers = true,
            "--seed" => {
                let v = it.next().ok_or("--seed needs a number")?;
                sheet.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: “{v}” is not a whole number"))?;
            }
            "--lang" => {
                sheet.lang = match it.next().map(String::as_str) {
                    Some("zh") => Lang::Zh,
                    Some("en") => Lang::En,
                    _ => return Err("--lang is zh or en".into()),
                }
            }
            _ => others.push(a.clone()),
        }
    }
    if !wanted && (sheet.answers || sheet.seed != 0) {
        return Err("--answers and --seed go with --worksheet".into());
    }
    Ok((wanted.then_some(sheet), others))
}

fn run(args: &[String]) -> Result<String, String> {
    let (lesson, rest) = args.split_first().ok_or_else(usage)?;
    let (sheet, rest) = sheet_flags(rest)?;
    let rest = rest.as_slice();
    if lesson == "--list" {
        return Ok(traced_ids().join("\n"));
    }
    if lesson == "--pages" {
        return Ok(page_lines().join("\n"));
    }
    let device = Device::flex();
    let def =
        kit_lesson(lesson).ok_or_else(|| format!("unknown lesson “{lesson}”; {}", usage()))?;
    let mut values: Values = (def.article_values)();
    if let Some(sheet) = &sheet {
        values = variant(&values, sheet.seed);
    }
    apply_flags(&mut values, rest)?;
    let trace = pollster::block_on((def.trace)(&values, &device)).map_err(|e| e.to_string())?;
    if let Some(sheet) = sheet {
        let title = find(def.id)
            .map(|l| l.title)
            .unwrap_or(Text::new(def.id, def.id));
        return Ok(worksheet(
            title,
            &values,
            &trace,
            Some(sheet.seed),
            sheet.answers,
            sheet.lang,
        ));
    }
    serde_json::to_string_pretty(&trace.to_json(def.id, "flex", &values)).map_err(|e| e.to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(json) => println!("{json}"),
        Err(message) => {
            eprintln!("trace: {message}");
            std::process::exit(2);
        }
    }
}
