# The tree's version, for -DDMABENCH_VERSION, and VERSION_STAMP: a file
# rewritten only when the version changes. make cannot see a changed -D,
# so objects that use the version depend on the stamp; without it a run
# reported the version of whatever commit last rebuilt those objects.
# debian/rules sets VERSION on the command line, which overrides this.
# usage: TOP := ..; include $(TOP)/lib/version.mk
VERSION       := $(shell git -C $(TOP) describe --always --dirty 2>/dev/null || cat $(TOP)/VERSION)
VERSION_STAMP := $(TOP)/build/version
$(shell mkdir -p $(TOP)/build && \
	[ "$$(cat $(VERSION_STAMP) 2>/dev/null)" = '$(VERSION)' ] || echo '$(VERSION)' > $(VERSION_STAMP))

# The objects of SOURCES (in OBJDIR) that use the version.
# usage: $(call versioned_objs,OBJDIR,SOURCES)
versioned_objs = $(patsubst %.c,$(1)/%.o,$(notdir $(shell grep -l DMABENCH_VERSION $(2))))
