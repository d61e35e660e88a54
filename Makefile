# The two commands a newcomer needs are `make run` and `make test`; every
# target installs what is missing first (scripts/install-deps is a no-op when
# everything is there).
JOBS ?= $(shell nproc)
BUILD_DIR ?= build
TEST_BUILD_DIR ?= build-test
# ThreadSanitizer build of the server and pool tests (part of `make test`).
TSAN_BUILD_DIR ?= build-tsan
# libFuzzer targets, built with clang (docs/fuzzing.md).
FUZZ_BUILD_DIR ?= build-fuzz
# `make fuzz` runs each target this long; `make test` runs each FUZZ_TEST_SECONDS.
FUZZ_SECONDS ?= 60
FUZZ_TEST_SECONDS ?= 20
LISTEN ?= 127.0.0.1:8000
DATABASE ?= sqlite:///./lectern.db

.PHONY: all deps build run test tsan-build fuzz-build fuzz bench format format-check clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DLECTERN_TESTS=OFF -DLECTERN_BENCH=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target lectern

run: build
	@scripts/run-demo $(BUILD_DIR)/lectern "$(DATABASE)" "$(LISTEN)"

# The suite with ASan/UBSan on both backends, then the server and pool tests
# under ThreadSanitizer, then each fuzzer for FUZZ_TEST_SECONDS.
test: deps tsan-build fuzz-build
	@cmake -S . -B $(TEST_BUILD_DIR) -DCMAKE_BUILD_TYPE=Debug -DLECTERN_SANITIZE=ON -DLECTERN_BENCH=OFF >/dev/null
	@cmake --build $(TEST_BUILD_DIR) -j $(JOBS)
	@scripts/run-tests $(TEST_BUILD_DIR) $(TSAN_BUILD_DIR)
	@scripts/run-fuzz $(FUZZ_BUILD_DIR) $(FUZZ_TEST_SECONDS)

tsan-build: deps
	@cmake -S . -B $(TSAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=Debug -DLECTERN_SANITIZE=thread -DLECTERN_BENCH=OFF >/dev/null
	@cmake --build $(TSAN_BUILD_DIR) -j $(JOBS) --target http_server_test db_pool_test db_sqlite_shared_file_test

# -O1: fuzzing at -O0 is several times slower; asserts stay on; line tables
# are enough for the stack traces and much cheaper to build than -g.
fuzz-build: deps
	@cmake -S . -B $(FUZZ_BUILD_DIR) -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" \
	  -DCMAKE_C_COMPILER=clang-16 -DCMAKE_CXX_COMPILER=clang++-16 -DLECTERN_FUZZ=ON \
	  -DLECTERN_TESTS=OFF -DLECTERN_BENCH=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS) --target lectern_fuzzers

fuzz: fuzz-build
	@scripts/run-fuzz $(FUZZ_BUILD_DIR) $(FUZZ_SECONDS)

bench: build
	@scripts/install-deps --bench
	@cmake --build $(BUILD_DIR) -j $(JOBS)
	@bench/run-all $(BUILD_DIR)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD_DIR) $(TEST_BUILD_DIR) $(TSAN_BUILD_DIR) $(FUZZ_BUILD_DIR)
