#!/usr/bin/env bash
# Fails when the committed typed documents (worker/src/gql, admin-ui/src/gql) differ from what
# `npm run codegen` makes from schema/schema.graphql and the operations in the sources: it
# generates into a scratch folder and compares, so the working tree is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
CODEGEN_OUT_DIR="$scratch" npx graphql-codegen --config codegen.ts --silent >/dev/null
status=0
for dir in worker/src/gql admin-ui/src/gql; do
  if ! diff -ru "$dir" "$scratch/$dir" >"$scratch/diff.txt"; then
    echo "codegen drift in $dir (run: npm run codegen):" >&2
    head -40 "$scratch/diff.txt" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "codegen: worker/src/gql and admin-ui/src/gql match the schema and operations"
exit "$status"
