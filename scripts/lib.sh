# Shared helpers for the scripts in this folder (sourced, not run).
say() { printf '%s\n' "$*" >&2; }
root_dir() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }
