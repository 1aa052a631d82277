# user/tools.mk - the tools to see inside the kernel, and the shell.
# Included at the end of user/Makefile; `make -C user` (target all) builds
# them too.  Raw programs linked like the others (link_raw in Makefile)
# with toolslib.o, the helpers they share (toolslib.h), before ulib.o.
#
#   ../build/user/sh       the interactive shell `make run` ends in
#   ../build/user/cat      cat FILE...
#   ../build/user/ps       processes (/proc/PID/status)
#   ../build/user/free     memory use (/proc/meminfo)
#   ../build/user/vmstat   fault counters (/proc/vmstat)
#   ../build/user/pmap     pmap PID|self (/proc/PID/smaps)
#   ../build/user/smapsdump  a forked child's /proc/self/smaps, for make diagram
#   ../build/user/echo     echo [-n] ARG...   } small programs for the
#   ../build/user/wc       wc [-lwc] [FILE...] } shell's pipelines and
#   ../build/user/sleep    sleep SECONDS       } background jobs
#   ../build/user/ls       ls [-la] [PATH...]: directories (getdents64, lstat64)
#   ../build/user/mkdir    mkdir DIR...
#   ../build/user/rm       rm [-d] PATH...
#   ../build/user/ipcs     ipcs [-m]: System V shared memory (/proc/sysvipc/shm)

TOOLS := sh cat ps free vmstat pmap smapsdump
TOOLS += echo wc sleep
TOOLS += ls mkdir rm
TOOLS += ipcs

all: $(addprefix $(OUT)/,$(TOOLS))

$(OUT)/lib/toolslib.o: toolslib.c toolslib.h $(RAW_HEADERS)
	@mkdir -p $(dir $@)
	@echo "  CC      build/user/lib/$(notdir $@)"
	@$(CC) $(RAW_CFLAGS) -c $< -o $@

$(addprefix $(OUT)/,$(TOOLS)): $(OUT)/%: %.c toolslib.h $(OUT)/lib/toolslib.o $(RAW_LIB) $(RAW_HEADERS)
	@mkdir -p $(dir $@)
	@echo "  CC      build/user/$(notdir $@)"
	@$(CC) $(RAW_CFLAGS) $(RAW_LDFLAGS) -o $@ $(OUT)/lib/crt0.o $< $(OUT)/lib/toolslib.o \
	    $(OUT)/lib/ulib.o -lgcc
