# Included last by the unit-test Makefiles (tests/unit, tests/analysis),
# which set TESTS (the test programs) and OUT (where everything is built):
# make builds every test, runs each and fails when one did.
.DEFAULT_GOAL := all
.PHONY: all clean
# Keep the sanitized objects between runs.
.SECONDARY:
all: $(TESTS)
	@failed=0; for t in $(TESTS); do \
		echo "== $$t"; $$t || failed=1; \
	done; exit $$failed

clean:
	rm -rf $(OUT)
