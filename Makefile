# The two commands a newcomer needs are `make run` and `make test`; every
# target installs what is missing first (scripts/install-deps is a no-op when
# everything is there).
JOBS ?= $(shell nproc)
BUILD_DIR ?= build
TEST_BUILD_DIR ?= build-test
LISTEN ?= 127.0.0.1:8000
DATABASE ?= sqlite:///./lectern.db

.PHONY: all deps build run test bench format format-check clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DLECTERN_TESTS=OFF -DLECTERN_BENCH=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target lectern

run: build
	@scripts/run-demo $(BUILD_DIR)/lectern "$(DATABASE)" "$(LISTEN)"

test: deps
	@cmake -S . -B $(TEST_BUILD_DIR) -DCMAKE_BUILD_TYPE=Debug -DLECTERN_SANITIZE=ON -DLECTERN_BENCH=OFF >/dev/null
	@cmake --build $(TEST_BUILD_DIR) -j $(JOBS)
	@scripts/run-tests $(TEST_BUILD_DIR)

bench: build
	@scripts/install-deps --bench
	@cmake --build $(BUILD_DIR) -j $(JOBS)
	@bench/run-all $(BUILD_DIR)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD_DIR) $(TEST_BUILD_DIR)
