# The two commands of the README:
#   make run    build and serve the demo database on http://127.0.0.1:8080/
#   make test   run the whole test suite (installs and starts what it needs)

DATA ?= ./mineaction-data
ADDR ?= 127.0.0.1:8080
BIN  := bin/mineaction

.PHONY: run test build clean

build:
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
