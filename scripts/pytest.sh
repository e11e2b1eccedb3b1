#!/usr/bin/env bash
# scripts/pytest.sh DIR [PYTEST ARGS]: installs the built wheel (target/wheels) into the test venv
# (target/venv-test, made by scripts/setup.sh --test) as a user would, then runs pytest in DIR,
# outside the source package, so that `import quotelens` is the installed wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
py=$repo/target/venv-test/bin/python
[ -x "$py" ] || { echo "pytest.sh: $py is missing: run scripts/setup.sh --test"; exit 1; }
wheels=(target/wheels/quotelens-*.whl)
[ -f "${wheels[0]}" ] || { echo "pytest.sh: no wheel in target/wheels: run make python"; exit 1; }
"$py" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "${wheels[@]}"
cd "$1"
QUOTELENS_REPO=$repo exec "$py" -m pytest -q -p no:cacheprovider "${@:2}"
