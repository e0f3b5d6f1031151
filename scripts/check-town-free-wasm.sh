#!/usr/bin/env bash
# One build serves any town: nothing town-specific may be compiled into the app. Fails when the
# built wasm or JS contains a shipped town's name, payee IBAN, phone or e-mail domain (from
# towns/*/town.toml). Run after scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
assets=(dist/*.wasm dist/*.js)
if [ ${#assets[@]} -eq 0 ]; then
  echo "no built app in dist/ (run scripts/build.sh first)" >&2
  exit 1
fi
found=0
for profile in towns/*/town.toml; do
  # The values of `name`, `iban`, `phone`, and the domain of `email`.
  mapfile -t needles < <(
    sed -nE 's/^(name|iban|phone) *= *"([^"]+)".*/\2/p; s/^email *= *"[^"@]*@([^"]+)".*/\1/p' "$profile"
  )
  for needle in "${needles[@]}"; do
    for asset in "${assets[@]}"; do
      if grep -qaF -- "$needle" "$asset"; then
        echo "$asset contains \"$needle\" from $profile: town data belongs in the profile" >&2
        found=1
      fi
    done
  done
done
[ "$found" = 0 ] && echo "town-free: ${assets[*]} hold no shipped town's name, IBAN, phone or mail domain"
exit "$found"
