# scomm - build, run and test.
#
#   make run     install what is missing, build, run the default scenario
#   make check   install, build, run every test, then again under ASan+UBSan
#   make bench   print throughput and peak memory figures
#
# The tree: src/core (the model, libc/libm only) <- src/io (files, SQLite,
# JSON) <- src/cli (the scomm command).  Generated name tables go to
# build/gen.  Sanitizer builds live in build-san/.

CC      ?= cc
BUILD   ?= build
SAN     ?=
WARN     = -std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Werror
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(WARN) $(CFLAGS) $(SAN) -D_POSIX_C_SOURCE=200809L \
             -D_DEFAULT_SOURCE -Iinclude -pthread
LDLIBS_IO  = -lsqlite3 -ljansson
LDLIBS     = -lm -pthread

CORE_SRC = $(wildcard src/core/*.c src/core/link/*.c)
IO_SRC   = $(wildcard src/io/*.c)
CLI_SRC  = $(wildcard src/cli/*.c)
TEST_SRC = $(wildcard tests/unit/test_*.c)

GEN_NAMES = $(BUILD)/gen/name_pool.c
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/name_pool.o
IO_OBJ   = $(IO_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

SCOMM = $(BUILD)/scomm
STAMP_DEPS = .deps-installed

.PHONY: all run check test deps bench clean distclean san-check

all: $(if $(CLI_SRC),$(SCOMM)) $(TESTS)

# Dependencies: Debian packages and the npm name-data packages.
deps: $(STAMP_DEPS)
$(STAMP_DEPS): tools/deps.sh package.json
	@sh tools/deps.sh
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json | $(STAMP_DEPS)
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

$(GEN_NAMES): tools/mknames.mjs node_modules/.package-lock.json
	@mkdir -p $(dir $@)
	node tools/mknames.mjs $@.tmp && mv $@.tmp $@

$(BUILD)/gen/name_pool.o: $(GEN_NAMES) src/core/names_int.h
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.c | $(STAMP_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libscomm_core.a: $(CORE_OBJ)
	ar rcs $@ $^
$(BUILD)/libscomm_io.a: $(IO_OBJ)
	ar rcs $@ $^

$(SCOMM): $(CLI_OBJ) $(BUILD)/libscomm_io.a $(BUILD)/libscomm_core.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libscomm_io.a \
	    $(BUILD)/libscomm_core.a $(LDLIBS_IO) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/*.h) $(BUILD)/libscomm_io.a \
    $(BUILD)/libscomm_core.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(BUILD)/libscomm_io.a \
	    $(BUILD)/libscomm_core.a -lcmocka $(LDLIBS_IO) $(LDLIBS)

run: $(SCOMM)
	$(SCOMM) run data/scenarios/default.ini --out runs/default

# All tests, plain and then under the sanitizers; one summary line.
check: all
	@$(MAKE) --no-print-directory BUILD=build-san \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    CFLAGS="-O1 -g" all
	@sh tests/run.sh build build-san

test: all
	@sh tests/run.sh build

$(BUILD)/bench_pipeline: bench/bench_pipeline.c $(BUILD)/libscomm_core.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libscomm_core.a $(LDLIBS)

$(BUILD)/bench_link: bench/bench_link.c $(BUILD)/libscomm_io.a \
    $(BUILD)/libscomm_core.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libscomm_io.a \
	    $(BUILD)/libscomm_core.a $(LDLIBS_IO) $(LDLIBS)

# Figures only: throughput and peak memory at 1:100 and 1:10, and the
# linkage engine on FEBRL 4 and 1 million synthetic records (see bench/).
bench: $(BUILD)/bench_pipeline $(BUILD)/bench_link
	$(BUILD)/bench_pipeline
	$(BUILD)/bench_link

clean:
	rm -rf build build-san runs

distclean: clean
	rm -rf node_modules $(STAMP_DEPS)

-include $(CORE_OBJ:.o=.d) $(IO_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
