# config.mk - build settings.
#   make CC=clang WERROR=1 SAN=1 OPT=-O3 LTO=     project switches
#   make CFLAGS=... CPPFLAGS=... LDFLAGS=... LDLIBS=...   ADD to the project's own flags (they come after them,
#                                            so `make CFLAGS=-O3` still builds with the warnings, -std=c11 and
#                                            the library paths, and -O3 wins over -O2)
# The project's own flags live in TT_CPPFLAGS/TT_CFLAGS/TT_LDFLAGS/TT_LIBS, which the rules use together with
# the user's variables. pkg-config is asked lazily (the first time a recipe needs the flags, then remembered), never
# when the Makefile is read: `make run` installs the build packages first (a sub-make), then builds.
PREFIX   ?= /usr/local
OPT      ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wvla -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN    += -Werror
endif
PKGS     = icu-uc icu-i18n libpcre2-8 zlib libcrypto libxml-2.0 poppler-glib libzip libcmark yaml-0.1
PKG_CONFIG ?= pkg-config
# tt_pkg FLAGS PKGS: pkg-config's answer, or a stop naming what is missing and how to install it.
tt_pkg = $(shell $(PKG_CONFIG) $(1) $(2) 2>/dev/null || echo TT_PKG_MISSING)
tt_chk = $(if $(filter TT_PKG_MISSING,$(1)),$(error pkg-config finds no $(PKGS): install the build packages \
           with 'make deps' as root (contrib/install-deps.sh, which lists them)),$(1))
# Recursive (=) and self-replacing on first use: evaluated once, when a recipe first needs it, never when the
# Makefile is read. poppler-glib is dlopen'ed on the first PDF (stages/lib/read_pdf.c): its headers are used, it
# is not linked.
DEPCFLAGS = $(eval DEPCFLAGS := $(call tt_chk,$(call tt_pkg,--cflags,$(PKGS))))$(DEPCFLAGS)
DEPLIBS   = $(eval DEPLIBS := $(call tt_chk,$(call tt_pkg,--libs,$(filter-out poppler-glib,$(PKGS)))) -lstemmer \
            -ldl -lpthread -lm)$(DEPLIBS)
TESTLIBS  = -lcunit
ifeq ($(SAN),1)
FLAVOR   = asan
OPT      = -O1 -g -fno-omit-frame-pointer
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all
else
FLAVOR  ?= release
SANFLAGS =
endif
# Link-time optimization in the release build: the per-token calls that cross files (tokenizer -> normalizer ->
# matcher) are inlined (5% less CPU on the bench corpus, `make bench`); `make LTO=` builds without it.
ifeq ($(FLAVOR),release)
LTO     ?= -flto=auto
endif
TT_CPPFLAGS = -D_GNU_SOURCE -Istages/lib
TT_CFLAGS   = $(OPT) $(LTO) $(WARN) $(SANFLAGS) $(DEPCFLAGS)
TT_LDFLAGS  = $(SANFLAGS) $(if $(LTO),$(OPT) $(LTO))
# what every compile and link line uses: the project's flags, then the user's
ALL_CPPFLAGS = $(TT_CPPFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = $(TT_CFLAGS) $(CFLAGS)
ALL_LDFLAGS  = $(TT_LDFLAGS) $(LDFLAGS)
