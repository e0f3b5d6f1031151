#!/usr/bin/env bash
# The release wasm, split by route (src/lazy.rs), into the given dist folder (default dist/):
#   1. cargo builds the raw wasm, linked with `--emit-relocs` so the splitter can move code;
#   2. crates/wasm-split (wasm_split_cli_support, the splitter cargo-leptos uses) writes the main
#      module, one module per split point, shared chunks and the JS loader `__wasm_split.js`;
#   3. wasm-bindgen on the main module (`--keep-lld-exports --no-demangle`: the chunks link
#      against its exports), then `wasm-opt -Oz` on every module;
#   4. hashed file names (`name-<16 hex>`: the backend serves those `immutable`) and the loader
#      script + preloads written into index.html, as Trunk does for one bundle.
# Run by scripts/build.sh after Trunk has built the page without the wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
target="${CARGO_TARGET_DIR:-target}"
stage="$target/split"
raw="$target/wasm32-unknown-unknown/release/serviceportal.wasm"
rm -rf "$stage" && mkdir -p "$stage/split" "$stage/out"

# 1. Only the final link gets --emit-relocs; the crates keep the flags of .cargo/config.toml.
cargo rustc --release --locked --quiet --target wasm32-unknown-unknown --bin serviceportal \
  -- -C link-arg=--emit-relocs
# 2.
cargo run --locked --quiet -p wasm-split -- "$raw" "$stage/split" serviceportal.js
# 3.
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-dir "$stage/out" --out-name serviceportal "$stage/split/main.wasm"
read -r -a opt_flags <<<"$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)"
cp "$stage/split/__wasm_split.js" "$stage/out/"
# wasm-opt (npm binaryen: node starts for each file, seconds each) pays off for the larger
# modules only; the small shared chunks are copied as they are.
for f in "$stage/out/serviceportal_bg.wasm" "$stage"/split/split_*.wasm "$stage"/split/chunk_*.wasm; do
  [ -f "$f" ] || continue
  out="$stage/out/$(basename "$f")"
  if [ "$(stat -c%s "$f")" -ge 8192 ]; then
    wasm-opt -Oz "${opt_flags[@]}" "$f" -o "$out" 2> >(grep -v 'unknown name subsection' >&2)
  elif [ "$f" != "$out" ]; then
    cp "$f" "$out"
  fi
done

# 4. Chunks by their content; the main JS, the loader and the main wasm import each other, so
# they share one hash over all three and the chunks.
hash() { sha256sum "$@" | sha256sum | cut -c1-16; }
cd "$stage/out"
for f in split_*.wasm chunk_*.wasm; do
  [ -f "$f" ] || continue
  h=$(sha256sum "$f" | cut -c1-16)
  new="${f%.wasm}-$h.wasm"
  mv "$f" "$new"
  sed -i "s|\"\./$f\"|\"./$new\"|g" __wasm_split.js
done
h=$(hash serviceportal.js serviceportal_bg.wasm __wasm_split.js)
js="serviceportal-$h.js"; wasm="serviceportal-${h}_bg.wasm"; loader="__wasm_split-$h.js"
# Only the import specifiers: the keys of the imports object stay the wasm's module name.
sed -i "s|from \"\./__wasm_split\.js\"|from \"./$loader\"|g" serviceportal.js
grep -q "$loader" serviceportal.js || { echo "build-split: the main JS does not import the loader" >&2; exit 1; }
sed -i "s|\"\./serviceportal\.js\"|\"./$js\"|g" __wasm_split.js
grep -q "$js" __wasm_split.js || { echo "build-split: the loader does not import the main JS" >&2; exit 1; }
mv serviceportal.js "$js"; mv serviceportal_bg.wasm "$wasm"; mv __wasm_split.js "$loader"
cd - >/dev/null
rm -f "$dist"/serviceportal-*.js "$dist"/serviceportal-*_bg.wasm "$dist"/__wasm_split-*.js \
  "$dist"/split_*.wasm "$dist"/chunk_*.wasm "$dist"/*.br "$dist"/*.gz
cp "$stage"/out/* "$dist/"
# Which files each split needs (for the size report), with the hashed names.
python3 - "$stage/split/manifest.json" "$dist" > "$dist/.split-manifest.json" <<'PY'
import glob, json, os, sys
manifest = json.load(open(sys.argv[1]))
def hashed(stem):
    hits = glob.glob(os.path.join(sys.argv[2], stem + "-*.wasm"))
    return os.path.basename(hits[0]) if hits else None
print(json.dumps({k: [h for h in map(hashed, v) if h] for k, v in manifest.items()}, indent=1))
PY

# The loader in index.html, as Trunk writes it for one bundle, plus a preload of the split loader.
python3 - "$dist/index.html" "$js" "$wasm" "$loader" <<'PY'
import sys
path, js, wasm, loader = sys.argv[1:]
html = open(path, encoding="utf-8").read()
tags = f"""<script type="module">
import init, * as bindings from '/{js}';
const wasm = await init({{ module_or_path: '/{wasm}' }});
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {{detail: {{wasm}}}}));
</script>
<link rel="modulepreload" href="/{js}" crossorigin="anonymous"><link rel="modulepreload" href="/{loader}" crossorigin="anonymous"><link rel="preload" href="/{wasm}" crossorigin="anonymous" as="fetch" type="application/wasm">"""
assert html.count("</head>") == 1
html = html.replace("</head>", tags + "</head>")
# Each split's files for public/early.js, which preloads those of the page asked for.
import json, os, re
splits = json.load(open(os.path.join(os.path.dirname(path), ".split-manifest.json")))
chunks = ";".join(f"{k}={','.join(v)}" for k, v in sorted(splits.items()))
assert re.fullmatch(r"[\w.,;=-]*", chunks), chunks
assert html.count("@@ROUTE_CHUNKS@@") == 1, "public/early.js's chunk list placeholder"
html = html.replace("@@ROUTE_CHUNKS@@", chunks)
open(path, "w", encoding="utf-8").write(html)
PY
echo "split: $(cd "$dist" && ls serviceportal-*_bg.wasm split_*.wasm chunk_*.wasm 2>/dev/null | tr '\n' ' ')"
