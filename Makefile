# Quotemap: the two commands are `make run` and `make test`. Both install
# what is missing (Debian packages with apt, npm packages with npm ci).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

# Build and run the desktop app.
APP_PACKAGES := build-essential pkg-config file libwebkit2gtk-4.1-dev libjavascriptcoregtk-4.1-dev \
	libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev libssl-dev
# Drive the real window in end-to-end tests (a native drag needs GTK from Python).
E2E_PACKAGES := xvfb xauth webkit2gtk-driver xdotool python3-gi gir1.2-gtk-3.0 locales

TAURI := ui/node_modules/.bin/tauri
APP := target/debug/quotemap-desktop
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
XVFB := xvfb-run -a -s "-screen 0 1600x900x24"

.PHONY: run test deps-app deps-e2e deps-python ui app fmt-check clippy deny test-rust test-ui test-e2e crash-test-short \
	python test-python bench-python \
	package test-package icons eval bench bench-ui bench-start bench-list bench-memory bench-layer bench-export bench-hostile crash-test fuzz audit

## run: install what is missing, build, and open the app on your library
run: deps-app ui/dist/index.html
	$(TAURI) build --debug --no-bundle $(UI_BUILT)
	$(APP)

## test: rustfmt, clippy (warnings denied), Rust tests, Python package and Spark tests,
## UI tests, end-to-end tests in the real window
test: deps-app deps-e2e deps-python ui/node_modules/.installed tests/e2e/node_modules/.installed
	$(MAKE) ui fmt-check clippy deny test-rust crash-test-short test-python test-ui test-e2e
	@echo "make test: all checks passed"

deps-app:
	@$(call apt_ensure,$(APP_PACKAGES))

# The window's dates follow the user's locale: the end-to-end tests run it in en_GB and de_DE.
E2E_LOCALES := en_GB de_DE
deps-e2e:
	@$(call apt_ensure,$(E2E_PACKAGES))
	@for l in $(E2E_LOCALES); do locale -a 2>/dev/null | grep -qx "$$l.utf8" || $(SUDO) localedef -i $$l -f UTF-8 $$l.UTF-8; done

# Installs the listed Debian packages that are not installed yet.
define apt_ensure
missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then echo "installing:$$missing"; \
  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi
endef

ui/node_modules/.installed: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

tests/e2e/node_modules/.installed: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund
	touch $@

# The built UI must exist before any build of the app crate (generate_context! embeds it).
ui: ui/node_modules/.installed
	cd ui && npm run build

# The built UI, made again only when its sources changed: then a warm `make run` or
# `make app` compiles nothing (a rebuilt UI makes cargo embed it again).
UI_SOURCES := $(shell find ui/src -type f) ui/index.html ui/package-lock.json ui/vite.config.ts \
	ui/svelte.config.js ui/tsconfig.json
ui/dist/index.html: ui/node_modules/.installed $(UI_SOURCES)
	cd ui && npm run build
# Tauri's own UI build step left out (JSON merge patch): the rule above did it.
UI_BUILT := --config '{"build":{"beforeBuildCommand":null}}'

fmt-check:
	cargo fmt --all --check

clippy:
	cargo clippy --workspace --all-targets --locked -- -D warnings

test-rust:
	cargo test --workspace --locked

# Tools built from crates.io at a pinned version into target/tools (not on the user's PATH).
TOOLS := target/tools/bin
CARGO_DENY := $(TOOLS)/cargo-deny
CARGO_DENY_VERSION := 0.20.2

# A debug build: 99 s to build instead of several minutes, 6 s instead of 2 s to check.
$(CARGO_DENY):
	cargo install --quiet --locked --debug --version $(CARGO_DENY_VERSION) --root target/tools cargo-deny

## deny: licences (no copyleft binding the app), banned crates, crates.io only (deny.toml)
deny: $(CARGO_DENY)
	$(CARGO_DENY) check licenses bans sources

## audit: known vulnerabilities (RustSec) in Cargo.lock, from an advisory database
## checked out at ADVISORY_DB=path (this machine reaches no git host to fetch one)
CARGO_AUDIT := $(TOOLS)/cargo-audit
$(CARGO_AUDIT):
	cargo install --quiet --locked --version 0.22.2 --root target/tools cargo-audit
audit: $(CARGO_AUDIT)
	@if [ -z "$${ADVISORY_DB:-}" ]; then echo "make audit: set ADVISORY_DB to a checkout of github.com/rustsec/advisory-db"; exit 2; fi
	$(CARGO_AUDIT) audit --no-fetch --db "$$ADVISORY_DB" --file Cargo.lock

# The crash test's short run in `make test` (20 kills); `make crash-test` does 200.
# Built as `cargo test` builds it (its binary, with the workspace's features): after
# test-rust this is nothing, while `cargo build -p quotemap-cli` rebuilt 79 crates (4 min).
crash-test-short:
	cargo test --workspace --locked --no-run
	python3 scripts/crash_test.py --kills 20 --files 300 --seed 16 > target/crash-test-short.json

## crash-test: SIGKILL at 200 random moments of imports and of writes of notes and
## corrections; the library checked after each (see RELIABILITY.md)
crash-test:
	cargo build --locked -p quotemap-cli
	python3 scripts/crash_test.py --kills 200 --files 1000 | tee target/crash-test.json

## bench-hostile: texts and pages built to be slow (deep nesting, unpaired marks, one
## 10 MB paragraph), each timed through the release CLI: linear or refused
bench-hostile:
	cargo build --release --locked -p quotemap-cli
	python3 scripts/bench_hostile.py | tee target/bench-hostile.txt

## fuzz: every reader and the analysis under libFuzzer, FUZZ_SECONDS each (default 60)
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := read_plain_text read_html read_markdown read_eml read_docx read_pdf read_csv read_json read_jsonl analyze parse_html
fuzz:
	rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
	command -v cargo-fuzz >/dev/null || cargo install --locked --version 0.13.2 cargo-fuzz
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The Python package (python/): built with maturin, tested with pytest, its Spark example
# run by PySpark in local mode (Java 17). Everything Python lives in target/python-venv.
PYTHON_PACKAGES := python3-venv openjdk-17-jre-headless
VENV := target/python-venv
deps-python:
	@$(call apt_ensure,$(PYTHON_PACKAGES))
	@$(MAKE) --no-print-directory $(VENV)/.installed
$(VENV)/.installed: python/requirements-test.txt
	rm -rf $(VENV) && python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r python/requirements-test.txt
	touch $@

## python: the wheel of the Python package (release, abi3: CPython 3.9 and later) in target/wheels/
python: deps-python
	cd python && ../$(VENV)/bin/maturin build --release --locked --out ../target/wheels

# The tests run a dev build of the wheel (it shares the engine's dev build with the CLI)
# against the dev CLI (`cargo test --no-run` of test-rust built it).
test-python: deps-python
	cargo test --workspace --locked --no-run
	rm -rf target/python-test-wheel
	cd python && ../$(VENV)/bin/maturin build --locked --out ../target/python-test-wheel
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/python-test-wheel/quotemap-*.whl
	cd python/tests && QUOTEMAP_CLI=$(CURDIR)/target/debug/quotemap timeout 600 ../../$(VENV)/bin/python -m pytest -q -p no:cacheprovider .

## bench-python: extract_batch of the release wheel against the release CLI on the same
## texts, and the Spark example's articles per second (local[2])
bench-python: python
	cargo build --release --locked -p quotemap-cli
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/quotemap-*.whl
	$(VENV)/bin/python scripts/bench_python.py | tee target/bench-python.txt

test-ui: ui/node_modules/.installed
	cd ui && npm run check && npm test

# Always the CLI build: a plain `cargo build` binary loads the dev server URL instead of the bundled UI.
app: ui/dist/index.html
	$(TAURI) build --debug --no-bundle $(UI_BUILT)

test-e2e: app tests/e2e/node_modules/.installed
	timeout 600 $(XVFB) node --test --test-concurrency=1 tests/e2e/

## package: .deb and .rpm packages (release build, slow; not part of make test) in
## target/release/bundle/deb/ and target/release/bundle/rpm/
PACKAGE_FILES := target/package
package: deps-app ui/node_modules/.installed
	cargo build --release --locked -p quotemap-cli
	rm -rf $(PACKAGE_FILES) && mkdir -p $(PACKAGE_FILES)/completions
	for shell in bash zsh fish; do target/release/quotemap completions $$shell > $(PACKAGE_FILES)/completions/quotemap.$$shell; done
	mv $(PACKAGE_FILES)/completions/quotemap.zsh $(PACKAGE_FILES)/completions/_quotemap
	target/release/quotemap man --dir $(PACKAGE_FILES)/man1
	gzip -n -9 $(PACKAGE_FILES)/man1/*.1
	rm -f target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm
	$(TAURI) build --bundles deb,rpm
	@# Tauri's .deb is gzip-compressed; xz (what Debian's own packages use) makes it a third smaller.
	deb=$$(ls target/release/bundle/deb/*.deb) && rm -rf $(PACKAGE_FILES)/deb-tree && \
	  dpkg-deb -R "$$deb" $(PACKAGE_FILES)/deb-tree && \
	  dpkg-deb --root-owner-group -Zxz -z9 -b $(PACKAGE_FILES)/deb-tree "$$deb"
	ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm

## test-package: install the built .deb with apt, start the installed program on a
## fresh home under Xvfb, import through its command line, remove it and check that
## nothing is left (needs root or sudo; not part of make test: the release build is slow)
PACKAGE_TEST_PACKAGES := desktop-file-utils man-db
test-package: deps-e2e tests/e2e/node_modules/.installed
	@$(call apt_ensure,$(PACKAGE_TEST_PACKAGES))
	@ls target/release/bundle/deb/*.deb >/dev/null 2>&1 || $(MAKE) package
	timeout 900 $(XVFB) node --test --test-concurrency=1 tests/package/

## icons: every icon size (and .ico, .icns) from the one vector source icons/quotemap.svg
icons: ui/node_modules/.installed
	rm -rf target/icons
	$(TAURI) icon icons/quotemap.svg -o target/icons
	$(TAURI) icon icons/quotemap.svg -o target/icons/png --png 16,24,48,256
	cp target/icons/{32x32,64x64,128x128,icon}.png target/icons/icon.{ico,icns} target/icons/png/*.png icons/

## eval: score the quote engine on ../shared/eval/*.dev.jsonl (skips when absent)
eval:
	scripts/eval.sh

## bench: criterion benchmarks of analyze and parse_html, and extract's memory over 10 MB and 100 MB streams
bench:
	scripts/bench.sh

## bench-ui: a 10,000-article library (BENCH_ARTICLES=N for another size) in the real
## window: start to usable, opening an article, search round trip, memory
bench-ui: app tests/e2e/node_modules/.installed
	cargo build --release --locked -p quotemap-cli
	timeout 1800 xvfb-run -a -s "-screen 0 1600x900x24" node tests/e2e/bench.mjs

## bench-start: start to a usable window, the release app (make package builds it) on a
## fresh library and on BENCH_LIBRARY when given; BENCH_RUNS starts each (default 5)
bench-start: tests/e2e/node_modules/.installed
	@test -x target/release/quotemap-desktop || $(MAKE) package
	timeout 900 $(XVFB) node tests/e2e/bench_start.mjs

## bench-list: the library list in the real window on BENCH_LIBRARY (made of BENCH_ARTICLES
## articles when missing): each Sort order to its first rows, jumps to the middle and the end
bench-list: app tests/e2e/node_modules/.installed
	timeout 1800 $(XVFB) node tests/e2e/bench_list.mjs

## bench-memory: the web process's memory (allocated / mapped) after each of BENCH_STEPS
## (scroll, jiggle, pingpong, jumps, open, search, map, focus, window, pan, canvases, drop, wait; list scrolls
## BENCH_REPEAT frames) on BENCH_LIBRARY (default: a 10,000-article library it makes once)
bench-memory: app tests/e2e/node_modules/.installed
	cargo build --release --locked -p quotemap-cli
	timeout 1800 $(XVFB) node tests/e2e/bench_memory.mjs

## bench-layer: the analyst's layer on 10,000 articles with 10,000 notes and 10,000
## confirmations: reanalysis with and without them (CLI), then the Notes view,
## saving a note and rejecting a quotation in the real window
bench-layer: app tests/e2e/node_modules/.installed
	cargo build --release --locked -p quotemap-cli
	python3 scripts/bench_layer.py | tee target/bench-layer.txt
	BENCH_LIBRARY=$$(sed -n 's/^annotated library: //p' target/bench-layer.txt) \
	  timeout 900 $(XVFB) node tests/e2e/bench_layer.mjs

## bench-export: a 100,000-article library (BENCH_ARTICLES=N for another size; BENCH_LIBRARY
## to reuse one) exported to CSV, XLSX and JSON by the release CLI: wall, CPU, peak memory
bench-export:
	cargo build --release --locked -p quotemap-cli
	python3 scripts/bench_export.py | tee target/bench-export.txt
