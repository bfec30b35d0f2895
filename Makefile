# budget2csv — the two commands that do everything:
#   make demo   convert the bundled samples into out/ and print a summary
#   make test   run every test
CARGO ?= cargo
BIN := target/release/budget2csv

.PHONY: demo test check fmt clippy doc build bench clean

build:
	$(CARGO) build --release --locked

demo: build
	rm -rf out
	$(BIN) convert samples --out out --review --xlsx
	@echo
	@echo "== out/documents.csv (source, department, year, kind, pages, tables, cells, indicators, checks_failed, status)"
	@cut -d, -f1-10 out/documents.csv | tail -n +2
	@echo "== written: $$(ls out | tr '\n' ' ')"
	@echo "== open out/review.html to see each table over its page; out/dataset.xlsx holds the files as sheets"

test:
	$(CARGO) test --workspace --locked

fmt:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --locked

check: fmt clippy test doc

# The in-process stages (criterion), then whole-process runs against
# pdftotext on ../shared/corpus/real (needs hyperfine, poppler-utils, time).
bench: build
	$(CARGO) bench -p budget-pipeline --bench pipeline
	scripts/bench.sh $(BIN)

clean:
	rm -rf out
	$(CARGO) clean
