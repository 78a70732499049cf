//! Declarative rules: dangerous calls and imports, with argument
//! conditions, written in TOML. The shipped rules in `data/rules/` and user
//! files given with `--rules` use the same format (see `docs/rule-format.md`).

mod engine;
mod format;

pub use engine::DeclarativeSet;
pub use format::{ArgumentState, Condition, DeclarativeRule, RuleFileError, parse_rule_file};
