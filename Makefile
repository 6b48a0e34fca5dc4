# Showrunner: the two commands are `make run` and `make test`.
SWIFT ?= swift
DATA_DIR ?= ./data
PORT ?= 8080
HOST ?= 127.0.0.1

.PHONY: run test build release deps migrate seed clean format lint templates

## Install missing system packages, build, and start the server on http://$(HOST):$(PORT)
run: deps
	$(SWIFT) build --product showrunner
	SHOWRUNNER_DATA_DIR=$(DATA_DIR) SHOWRUNNER_ROOT=$(CURDIR) \
		$$($(SWIFT) build --show-bin-path)/showrunner serve --host $(HOST) --port $(PORT) --seed-demo-if-empty

## Run the whole test suite (what CI runs)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product showrunner

deps:
	@./scripts/install-deps.sh

## Regenerate the compiled templates after editing Templates/ (see docs/compiled-templates.md)
templates:
	$(SWIFT) build --product showrunner-templates
	$$($(SWIFT) build --show-bin-path)/showrunner-templates $(CURDIR)

migrate: deps
	$(SWIFT) build --product showrunner
	SHOWRUNNER_DATA_DIR=$(DATA_DIR) SHOWRUNNER_ROOT=$(CURDIR) $$($(SWIFT) build --show-bin-path)/showrunner migrate

clean:
	rm -rf .build

format:
	$(SWIFT) format -i -r Sources Tests

lint:
	$(SWIFT) format lint -r Sources Tests
