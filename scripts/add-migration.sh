#!/usr/bin/env bash
# Adds a migration with the same name to both providers of one module's context.
# usage: scripts/add-migration.sh <Name> [module]   (module: core, chat, mail, modmail, triage; more as modules arrive)
# The namespace follows the folder (Parley.Core.Storage.Migrations.Sqlite), and so does the model snapshot.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <Name> [module]}
module=${2:-core}
dotnet tool restore >/dev/null
case "$module" in
  core) project=src/Parley.Core; prefix=Core; dir=Storage/Migrations ;;
  chat) project=src/Parley.Chat; prefix=Chat; dir=Storage/Migrations ;;
  mail) project=src/Parley.Mail; prefix=Mail; dir=Storage/Migrations ;;
  modmail) project=src/Parley.Modmail; prefix=Modmail; dir=Storage/Migrations ;;
  triage) project=src/Parley.Triage; prefix=Triage; dir=Storage/Migrations ;;
  *) echo "unknown module: $module" >&2; exit 2 ;;
esac
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "$project" --context "${provider}${prefix}DbContext" \
    --output-dir "$dir/$provider"
done
