# Makefile - termtrace: build the library, the stage programs and the pipeline; run the tests.
#   make            build everything (build/release/)
#   make run        install missing dependencies (as root), build, run the bundled corpus into out/
#   make check      unit tests (CUnit), spec vectors, end-to-end and CLI tests
#   make check-asan the same suite under ASan+UBSan (build/asan/)
#   make bench      throughput and memory on ../shared/bench's corpus
#   make fuzz       libFuzzer targets for FUZZ_SECONDS each
#   make lint       cppcheck, clang-format check, library purity checks
include config.mk

B        = build/$(FLAVOR)
LIBSRC   = $(sort $(wildcard stages/lib/*.c))
LIBOBJ   = $(LIBSRC:stages/lib/%.c=$(B)/lib/%.o)
STAGES   = $(patsubst %/main.c,%,$(sort $(wildcard stages/[0-9]*-*/main.c)))
STAGEBIN = $(foreach s,$(STAGES),$(B)/bin/tt-$(lastword $(subst -, ,$(notdir $(s)))))
STAGEOBJ = $(foreach s,$(STAGES),$(B)/stage/$(notdir $(s)).o)
TESTSRC  = $(sort $(wildcard tests/unit/test_*.c))
TESTBIN  = $(TESTSRC:tests/unit/%.c=$(B)/tests/%)
TESTOBJ  = $(B)/tests/support.o
FUZZSRC  = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZBIN  = $(FUZZSRC:tests/fuzz/%.c=$(B)/fuzz/%)
CLISRC   = $(sort $(wildcard stages/cli/*.c))
CLIOBJ   = $(CLISRC:stages/cli/%.c=$(B)/cli/%.o)

.PHONY: all run check check-asan check-unit check-cli bench fuzz lint clean deps
all: $(B)/bin/termtrace $(STAGEBIN)

$(B)/lib/%.o: stages/lib/%.c $(wildcard stages/lib/tt/*.h) $(wildcard stages/lib/*.h) config.mk
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<
$(B)/libtt.a: $(LIBOBJ)
	@rm -f $@
	ar rcs $@ $^

# A stage's main.c defines tt_<stage>_main(); built alone it gets a main() (TT_STAGE_MAIN), linked into the
# pipeline it does not.
$(B)/stage/%.o: stages/%/main.c $(wildcard stages/cli/*.h) $(wildcard stages/lib/tt/*.h) config.mk
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Istages/cli $(CFLAGS) -c -o $@ $<
$(B)/cli/%.o: stages/cli/%.c $(wildcard stages/cli/*.h) $(wildcard stages/lib/tt/*.h) config.mk
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Istages/cli $(CFLAGS) -c -o $@ $<
define STAGE_RULE
$(B)/bin/tt-$(2): stages/$(1)/main.c $(CLIOBJ) $(B)/libtt.a
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) -Istages/cli $$(CFLAGS) -DTT_STAGE_MAIN $$(LDFLAGS) -o $$@ $$< $(CLIOBJ) $(B)/libtt.a $$(DEPLIBS)
endef
$(foreach s,$(STAGES),$(eval $(call STAGE_RULE,$(notdir $(s)),$(word 2,$(subst -, ,$(notdir $(s)))))))
$(B)/pipeline.o: stages/pipeline.c $(wildcard stages/cli/*.h) $(wildcard stages/lib/tt/*.h) config.mk
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Istages/cli $(CFLAGS) -c -o $@ $<
$(B)/bin/termtrace: $(B)/pipeline.o $(STAGEOBJ) $(CLIOBJ) $(B)/libtt.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(B)/pipeline.o $(STAGEOBJ) $(CLIOBJ) $(B)/libtt.a $(DEPLIBS)

$(B)/tests/support.o: tests/unit/support.c tests/unit/support.h config.mk
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) -c -o $@ $<
$(B)/tests/%: tests/unit/%.c $(TESTOBJ) $(B)/libtt.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) $(LDFLAGS) -o $@ $< $(TESTOBJ) $(B)/libtt.a $(DEPLIBS) $(TESTLIBS)

# A fuzz target with a plain main() (its own under TT_FUZZ_MAIN, else tests/fuzz/replay.c) replays its saved
# corpus in `make check`.
$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(B)/libtt.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DTT_FUZZ_MAIN $(LDFLAGS) -o $@ $< $$(grep -q TT_FUZZ_MAIN $< || echo tests/fuzz/replay.c) $(B)/libtt.a $(DEPLIBS)

check: all $(TESTBIN) $(FUZZBIN)
	@tests/tools/modgraph.sh $(B) > $(B)/modgraph.txt; st=$$?; tail -1 $(B)/modgraph.txt; exit $$st
	@tests/run-unit.sh $(B) $(TESTBIN)
	@tests/fuzz/replay.sh $(B) $(FUZZBIN)
	@tests/run-cli.sh $(B)

check-asan:
	$(MAKE) SAN=1 check

check-unit: $(TESTBIN)
	@tests/run-unit.sh $(B) $(TESTBIN)

check-cli: all
	@tests/run-cli.sh $(B)

run: deps all
	./pipeline run --corpus corpus --lexicon lexicons/diaspora --out out/bundled

deps:
	@contrib/install-deps.sh

bench: all
	@tests/bench.sh $(B)

fuzz:
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

lint:
	@tests/lint.sh

clean:
	rm -rf build
