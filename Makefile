# Steward developer commands. CI runs .ci/run, which calls the same test command.
PG ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable

.PHONY: run generate test test-all lint bench screenshots

run: ## start with demo data on ./steward.db
	go run ./cmd/steward serve --demo

generate: ## regenerate templ components
	go tool templ generate

test: ## the README's test command (PostgreSQL tests run when STEWARD_TEST_POSTGRES_URL is set)
	go test ./...

test-all: ## everything CI runs, on this machine
	bash .ci/run

lint: generate
	gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$')
	go vet ./...

bench: ## the measured numbers in the README
	STEWARD_TEST_POSTGRES_URL='$(PG)' go test -run '^$$' -bench . -benchtime 200x ./models/ ./handlers/

screenshots: ## refresh docs/screenshots from the browser test
	STEWARD_SCREENSHOTS=$(CURDIR)/docs/screenshots go test -count=1 -run Browser ./handlers/
