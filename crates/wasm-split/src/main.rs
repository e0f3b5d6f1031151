//! `wasm-split <input.wasm> <out-dir> <main-js-name>`: splits the raw cargo wasm (linked with
//! `--emit-relocs`) at the app's `#[wasm_split]` points, the step cargo-leptos runs with
//! `--split`. Writes `<out-dir>/main.wasm` (for wasm-bindgen `--keep-lld-exports`), one
//! `split_<name>.wasm` per split point, `chunk_<n>.wasm` for code shared by several splits,
//! `__wasm_split.js` (the loader, importing `initSync` from `./<main-js-name>`) and
//! `manifest.json` (split → the files it needs). scripts/build-split.sh runs the rest.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, main_js] = args.as_slice() else {
        eprintln!("usage: wasm-split <input.wasm> <out-dir> <main-js-name>");
        return ExitCode::from(2);
    };
    match run(Path::new(input), Path::new(out_dir), main_js) {
        Ok(n) => {
            println!("wasm-split: {n} split modules in {out_dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("wasm-split: {e:?}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &Path, out_dir: &Path, main_js: &str) -> Result<usize, Box<dyn std::error::Error>> {
    let wasm = std::fs::read(input)?;
    std::fs::create_dir_all(out_dir)?;
    let main_out: PathBuf = out_dir.join("main.wasm");
    let main_module = format!("./{main_js}");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = out_dir;
    opts.main_out_path = &main_out;
    opts.main_module = &main_module;
    opts.link_name = "./__wasm_split.js";
    let split = wasm_split_cli_support::transform(opts).map_err(|e| format!("{e:?}"))?;
    let mut manifest: Vec<_> = split.prefetch_map.into_iter().collect();
    manifest.sort();
    let body: Vec<String> = manifest
        .iter()
        .map(|(k, v)| {
            let files: Vec<String> = v.iter().map(|f| format!("\"{f}\"")).collect();
            format!("  \"{k}\": [{}]", files.join(", "))
        })
        .collect();
    std::fs::write(
        out_dir.join("manifest.json"),
        format!("{{\n{}\n}}\n", body.join(",\n")),
    )?;
    Ok(split.split_modules.len())
}
