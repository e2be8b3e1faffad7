# The two commands of the README:
#   make run    build and serve the demo database on http://127.0.0.1:8080/
#   make test   run the whole test suite (installs and starts what it needs)

# Go 1.26.8's standard library has known vulnerabilities (net/http,
# crypto/tls, html/template: see scripts/vulncheck) fixed in later releases;
# the patched toolchain the module proxy serves is go1.27.3, fetched by the
# go command itself on first use (about 76 MB, once per machine).
export GOTOOLCHAIN ?= go1.27.3

DATA ?= ./mineaction-data
ADDR ?= 127.0.0.1:8080
BIN  := bin/mineaction

.PHONY: run test build clean

build:
	web/bundle.sh
	go build -o $(BIN) ./cmd/mineaction

run:
	scripts/setup --run
	$(MAKE) --no-print-directory build
	@test -f $(DATA)/mineaction.db || $(BIN) demo --data $(DATA)
	$(BIN) serve --data $(DATA) --addr $(ADDR)

test:
	scripts/setup
	scripts/test

clean:
	rm -rf bin
