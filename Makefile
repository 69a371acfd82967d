# netkit — build, test and measure every module of the workspace.
#
#   make demo    run the tour (examples/tour): what each module does, in ~10 s
#   make test    install what the tests need, start the test services, run every module's tests
#   make race    the same tests under the race detector
#   make lint    go vet, gofmt -l, staticcheck (pinned)
#   make cross   build and vet every module for the supported platforms
#   make fuzz    every fuzz target for FUZZTIME (default 30s) each
#   make bench   side-by-side netkit/stdlib benchmarks -> bench-results/
#   make soak    long load runs (10,000 concurrent conns, 200,000 short conns)

SHELL := /bin/bash
MODULES := addr poller sockopt iface pipe resolver conn netcompat examples
FUZZTIME ?= 30s
STATICCHECK_VERSION := v0.8.2
export GOTOOLCHAIN := local

.PHONY: all test race lint cross fuzz bench soak demo deps help

all: lint test

help:
	@sed -n '2,11p' Makefile

## deps: download every module's requirements (the tests need them before any sandbox starts)
deps:
	@for m in $(MODULES); do (cd $$m && go mod download) || exit 1; done

test: deps
	@scripts/test.sh

race: deps
	@scripts/test.sh -race

lint: deps
	@scripts/lint.sh $(STATICCHECK_VERSION) $(MODULES)

cross: deps
	@scripts/cross.sh $(MODULES)

fuzz: deps
	@scripts/fuzz.sh $(FUZZTIME) $(MODULES)

bench: deps
	@scripts/bench.sh $(MODULES)

soak: deps
	@scripts/soak.sh

demo: deps
	@cd examples && go run ./tour
