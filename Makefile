# Serviceportal — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 8080
export PATH := $(CURDIR)/tools/node_modules/.bin:$(PATH)

.PHONY: run test build lint test-rust test-e2e size openapi bench dev-backend

## Install what is missing, build the release, serve app + API + demo data on 127.0.0.1:$(PORT).
run:
	scripts/install.sh build
	scripts/build.sh
	PORT=$(PORT) scripts/run.sh

## Install what is missing (incl. Chromium) and run every test layer.
test:
	$(MAKE) lint
	scripts/install.sh test
	scripts/build.sh
	scripts/check-town-free-wasm.sh
	$(MAKE) test-rust
	$(MAKE) test-api
	$(MAKE) test-e2e

build:
	scripts/install.sh build
	scripts/build.sh

## Style and lints, first in `make test` so a slip fails in seconds, not after the browser suite.
## clippy also enforces the app's no-unwrap/expect/panic rule (#![deny] in src/main.rs).
lint:
	cargo fmt --all --check
	scripts/check-module-cycles.sh
	cargo clippy --workspace --all-targets --locked -- -D warnings

test-rust:
	cargo test --locked -p domain -p girocode -p mock-backend -p serviceportal

## API conformance: schemathesis against a throwaway backend with docs/openapi.json.
.PHONY: test-api
test-api:
	scripts/schemathesis.sh

test-e2e:
	cd end2end && npx playwright test

## Raw, gzip and brotli sizes of the release build (run after a build).
size:
	scripts/size-report.sh

## Performance benchmark: Lighthouse (mobile), in-browser timings, sizes, twiggy, against the budget.
## Not a test: a missed budget is reported in bench/results/latest.md, never an error.
bench:
	scripts/bench.sh

## Regenerate docs/openapi.json from the backend's code.
openapi:
	UPDATE_OPENAPI=1 cargo test --locked -p mock-backend --test api openapi

## The API alone, for `trunk serve` during development.
dev-backend:
	cargo run -p mock-backend
