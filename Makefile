# Makefile - termtrace: build the library, the stage programs and the pipeline; run the tests.
#   make            build everything (build/release/)
#   make run        install missing dependencies (as root), build, run the bundled corpus into out/
#   make check      unit tests (CUnit), spec vectors, end-to-end and CLI tests
#   make check-asan the same suite under ASan+UBSan (build/asan/)
#   make bench      throughput and memory on ../shared/bench's corpus
#   make fuzz       libFuzzer targets for FUZZ_SECONDS each
#   make lint       cppcheck and the library purity checks
#   make deps       install the missing build packages (as root; contrib/install-deps.sh)
# CFLAGS/CPPFLAGS/LDFLAGS/LDLIBS given on the command line add to the project's flags (config.mk).
include config.mk

# A recipe that fails removes its target (a failed link never leaves a binary that looks up to date), and links
# write to a temporary name first.
.DELETE_ON_ERROR:

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
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<
$(B)/libtt.a: $(LIBOBJ)
	@rm -f $@
	ar rcs $@ $^

# A stage's main.c defines tt_<stage>_main(); built alone it gets a main() (TT_STAGE_MAIN), linked into the
# pipeline it does not.
$(B)/stage/%.o: stages/%/main.c $(wildcard stages/cli/*.h) $(wildcard stages/lib/tt/*.h) config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Istages/cli $(ALL_CFLAGS) -c -o $@ $<
$(B)/cli/%.o: stages/cli/%.c $(wildcard stages/cli/*.h) $(wildcard stages/lib/tt/*.h) config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Istages/cli $(ALL_CFLAGS) -c -o $@ $<
define STAGE_RULE
$(B)/bin/tt-$(2): stages/$(1)/main.c $(CLIOBJ) $(B)/libtt.a
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CPPFLAGS) -Istages/cli $$(ALL_CFLAGS) -DTT_STAGE_MAIN $$(ALL_LDFLAGS) -o $$@.tmp $$< $(CLIOBJ) $(B)/libtt.a $$(DEPLIBS) $$(LDLIBS)
	@mv -f $$@.tmp $$@
endef
$(foreach s,$(STAGES),$(eval $(call STAGE_RULE,$(notdir $(s)),$(word 2,$(subst -, ,$(notdir $(s)))))))
$(B)/pipeline.o: stages/pipeline.c $(wildcard stages/cli/*.h) $(wildcard stages/lib/tt/*.h) config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Istages/cli $(ALL_CFLAGS) -c -o $@ $<
$(B)/bin/termtrace: $(B)/pipeline.o $(STAGEOBJ) $(CLIOBJ) $(B)/libtt.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@.tmp $(B)/pipeline.o $(STAGEOBJ) $(CLIOBJ) $(B)/libtt.a $(DEPLIBS) $(LDLIBS)
	@mv -f $@.tmp $@

# Tests (only they) may name the source tree's data folder at compile time; the programs find theirs at run time.
TESTDEFS = -DTT_DATADIR='"$(CURDIR)/lexicons"'
$(B)/tests/support.o: tests/unit/support.c tests/unit/support.h config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(TESTDEFS) $(ALL_CFLAGS) -c -o $@ $<
$(B)/tests/%: tests/unit/%.c $(TESTOBJ) $(B)/libtt.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(TESTDEFS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@.tmp $< $(TESTOBJ) $(B)/libtt.a $(DEPLIBS) $(TESTLIBS) $(LDLIBS)
	@mv -f $@.tmp $@

# A fuzz target with a plain main() (its own under TT_FUZZ_MAIN, else tests/fuzz/replay.c) replays its saved
# corpus in `make check`.
$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(B)/libtt.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -DTT_FUZZ_MAIN $(ALL_LDFLAGS) -o $@.tmp $< $$(grep -q TT_FUZZ_MAIN $< || echo tests/fuzz/replay.c) $(B)/libtt.a $(DEPLIBS) $(LDLIBS)
	@mv -f $@.tmp $@

check: all $(TESTBIN) $(FUZZBIN)
	@tests/tools/modgraph.sh $(B) > $(B)/modgraph.txt; st=$$?; tail -1 $(B)/modgraph.txt; exit $$st
	@tests/run-unit.sh $(B) $(TESTBIN)
	@tests/fuzz/replay.sh $(B) $(FUZZBIN)
	@tests/run-cli.sh $(B)

check-asan:
	$(MAKE) SAN=1 check

check-unit: $(TESTBIN)
	@tests/run-unit.sh $(B) $(TESTBIN)

check-cli: all $(B)/tests/test_export
	@tests/run-cli.sh $(B)

# The packages first, in their own make, so that nothing asks pkg-config before they are there (-j safe).
run:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	./pipeline run --corpus corpus --lexicon lexicons/diaspora --out out/bundled

deps:
	@contrib/install-deps.sh

bench: all
	@tests/bench.sh $(B)

fuzz:
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

lint: $(B)/libtt.a
	@tests/lint.sh $(B)

clean:
	rm -rf build
