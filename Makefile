# Regulars — a desktop CRM for a small shop.
#
#   make run           build and open the window on your data file
#   make test          run every test (installs what it needs first)
#   make bench         run the benchmarks (docs/benchmarks.md has the results)
#   make screenshots   render every screen to docs/screenshots/*.png (and de/, ja/)
#   make package       build an installable Linux bundle
#   make windows       build Regulars.exe, its installer and a portable zip in dist/
#   make test-windows  test the Windows build under Wine (part of make test)
#   make lint          go vet and gofmt
#
# On a fresh Debian/Ubuntu machine, run and test install the C compiler and
# the GL/X11 headers Fyne needs (and Go, if missing) through .ci/deps.

TAGS     := -tags migrated_fynedo
BIN      := bin/regulars
VERSION  ?= $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml 2>/dev/null || echo dev)
LDFLAGS  := -X github.com/regulars/regulars/cli.Version=$(VERSION)
# "Sign in with Microsoft / Google": the OAuth client IDs are build settings
# (README, "Sign in with Microsoft and Google"), taken from the environment:
# REGULARS_MS_CLIENT_ID, REGULARS_MS_AUTHORITY (only for an app of one
# organisation), REGULARS_GOOGLE_CLIENT_ID, REGULARS_GOOGLE_CLIENT_SECRET.
# A build without them offers the other ways of sending the report.
OAUTH_PKG := github.com/regulars/regulars/reports
OAUTH_X   := $(strip \
	$(if $(REGULARS_MS_CLIENT_ID),-X=$(OAUTH_PKG).microsoftClientID=$(REGULARS_MS_CLIENT_ID)) \
	$(if $(REGULARS_MS_AUTHORITY),-X=$(OAUTH_PKG).microsoftAuthority=$(REGULARS_MS_AUTHORITY)) \
	$(if $(REGULARS_GOOGLE_CLIENT_ID),-X=$(OAUTH_PKG).googleClientID=$(REGULARS_GOOGLE_CLIENT_ID)) \
	$(if $(REGULARS_GOOGLE_CLIENT_SECRET),-X=$(OAUTH_PKG).googleClientSecret=$(REGULARS_GOOGLE_CLIENT_SECRET)))
LDFLAGS  += $(OAUTH_X)
# Fyne logs a locale error under the C locale.
export LANG := en_US.UTF-8
export CGO_ENABLED := 1

.PHONY: run build test test-windows test-darwin windows bench screenshots package lint clean

build:
	@GO=$$(.ci/deps run) && $$GO build $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) .

run: build
	./$(BIN) $(ARGS)

test:
	@GO=$$(.ci/deps test) && set -e && \
	$$GO vet $(TAGS) ./... && \
	$$GO test $(TAGS) -timeout 20m ./...
	@$(MAKE) --no-print-directory test-darwin test-windows

# macOS cannot be built here (Fyne's window needs Apple's SDK), but every
# package without cgo is vetted and compiled for it, so darwin files stay
# right. The window (ui) and main need cgo; README says how to build on a Mac.
DARWIN_PKGS := ./data/... ./reports/... ./cli/... ./internal/... ./packaging/...
test-darwin:
	@GO=$$(.ci/deps test) && set -e && \
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 $$GO vet $(TAGS) $(DARWIN_PKGS) && \
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 $$GO build $(TAGS) $(DARWIN_PKGS) && \
	echo "darwin: vet and build of $(DARWIN_PKGS) passed"

# Windows, cross-built here with mingw-w64 (packaging/windows/build) and
# tested under Wine (.ci/wine/test): the first build takes several minutes.
windows:
	@GO=$$(.ci/deps windows) && GOFLAGS="$(foreach x,$(OAUTH_X),-ldflags=$(x))" \
	packaging/windows/build "$$GO" "$(VERSION)" "$(FYNE_TOOL)"

test-windows: windows
	@GO=$$(.ci/deps test) && .ci/wine/test "$$GO"

# BENCH selects benchmarks (a regexp); BENCHTIME how long each runs. One
# package at a time (-p 1): they share the cached 100k-customer demo file,
# which Regulars locks while it is open.
BENCH     ?= .
BENCHTIME ?= 3x
bench:
	@GO=$$(.ci/deps test) && $$GO test $(TAGS) -run '^$$' -bench '$(BENCH)' -benchtime $(BENCHTIME) -benchmem -p 1 -timeout 90m ./...

screenshots:
	@GO=$$(.ci/deps run) && $$GO test $(TAGS) ./ui -run TestScreenshots -count=1 -args -screenshots=$(CURDIR)/docs/screenshots

# The fyne packaging tool, pinned; go run fetches and caches it on first
# use. The bundle takes name, ID, version and icon from FyneApp.toml; the
# first release build takes several minutes, later ones seconds. The tool
# reads the OAuth settings from GOFLAGS (one -ldflags= entry each).
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
package:
	@GO=$$(.ci/deps run) && mkdir -p dist && \
	PATH="$$(dirname $$GO):$$PATH" GOFLAGS="$(foreach x,$(OAUTH_X),-ldflags=$(x))" \
	$$GO run $(FYNE_TOOL) package --os linux --tags migrated_fynedo --release && \
	mv -f Regulars.tar.xz dist/ && rm -f regulars && \
	tar -tJf dist/Regulars.tar.xz | grep -q 'share/applications/.*\.desktop$$' && \
	echo "dist/Regulars.tar.xz: unpack it, then run 'make user-install' (or 'sudo make install') inside"

lint:
	@GO=$$(.ci/deps run) && $$GO vet $(TAGS) ./... && \
	out=$$("$$(dirname $$GO)/gofmt" -l .) && test -z "$$out" || { echo "gofmt needed: $$out"; exit 1; }

clean:
	rm -rf bin dist build
