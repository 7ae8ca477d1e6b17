# The two commands of the README, and the set-up both share.
.PHONY: demo test setup

demo:  ## install everything, build the demo database and serve it on http://127.0.0.1:5000
	@bash scripts/demo.sh

test:  ## install everything and run lint, checks and the suite on PostgreSQL and SQLite
	@bash scripts/test.sh

setup:
	@bash scripts/setup.sh
