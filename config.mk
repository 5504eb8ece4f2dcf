# config.mk - build settings; override on the command line (make CC=clang WERROR=1 SAN=1).
PREFIX   ?= /usr/local
CC       ?= cc
OPT      ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wvla -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN    += -Werror
endif
PKGS     = icu-uc icu-i18n libpcre2-8 zlib libxml-2.0 poppler-glib libzip libcmark yaml-0.1
DEPCFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# poppler-glib is dlopen'ed on the first PDF (stages/lib/read_pdf.c): its headers are used, it is not linked
DEPLIBS   := $(shell pkg-config --libs $(filter-out poppler-glib,$(PKGS)) 2>/dev/null) -lstemmer -ldl -lpthread -lm
TESTLIBS  := -lcunit
ifeq ($(SAN),1)
FLAVOR   = asan
OPT      = -O1 -g -fno-omit-frame-pointer
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all
else
FLAVOR  ?= release
SANFLAGS =
endif
CPPFLAGS += -D_GNU_SOURCE -Istages/lib -DTT_DATADIR='"$(CURDIR)/lexicons"'
CFLAGS   += $(OPT) $(WARN) $(SANFLAGS) $(DEPCFLAGS)
LDFLAGS  += $(SANFLAGS)
