//! Straight-line statements, definitions, parameters and dead code.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_cfg::{Op, ParameterKind};
use common::{assert_dump, function, module, with_function, with_module};
use ruff_text_size::Ranged;

#[test]
fn simple_statements_in_evaluation_order() {
    // Decorators, then defaults (a comprehension among them), then the
    // binding; class bases and keywords before the class binding.
    let source = "\
@deco(x)
def f(a=[i for i in y], *, b=2):
    pass
class C(Base, metaclass=M):
    x = 1
import os
from a import b as c
global g
del d[k], e
type T = int
n: int
n: int = 3
n += 1
a, *b = c = t
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: eval deco(x); %t0 = c0(); %t1 = y -> B4
        B1 (exit):
        B2 (raise):
        B3: end c0; eval [i for i in y]; eval 2; def f; eval Base; eval M; class C; import os; from a import b as c; global g; del d[k]; del e; type T; n = 3; n += 1; a, *b = c = t -> B1
        B4 (c0): -> B5 [more %t1], B3 [done %t1]
        B5 (c0): bind i <- %t1; %t0 <- i -> B4
        ",
    );
}

#[test]
fn parameters_in_signature_order() {
    let source = "def f(a, /, b=1, *args, c, d=2, **kw):\n    return a\n";
    assert_dump(
        &function(source),
        "
        entry B0, exit B1, raise B2
        B0: param a; param b=1; param *args; param c; param d=2; param **kw; return a -> B1
        B1 (exit):
        B2 (raise):
        ",
    );
    with_function(source, |cfg| {
        let params: Vec<_> = cfg.blocks()[cfg.entry().index()]
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Parameter {
                    parameter,
                    kind,
                    index,
                    default,
                } => Some((
                    parameter.name.id.to_string(),
                    *kind,
                    *index,
                    default.is_some(),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            params,
            vec![
                ("a".to_string(), ParameterKind::PositionalOnly, 0, false),
                ("b".to_string(), ParameterKind::PositionalOrKeyword, 1, true),
                ("args".to_string(), ParameterKind::VarPositional, 2, false),
                ("c".to_string(), ParameterKind::KeywordOnly, 3, false),
                ("d".to_string(), ParameterKind::KeywordOnly, 4, true),
                ("kw".to_string(), ParameterKind::VarKeyword, 5, false),
            ]
        );
    });
}

#[test]
fn code_after_return_is_kept_but_unreachable() {
    let source = "\
def f(x):
    if x:
        return 1
        dead()
    else:
        raise E
    also_dead()
";
    assert_dump(
        &function(source),
        "
        entry B0, exit B1, raise B2
        B0: param x; eval x -> B3 [cond x holds], B4 [cond x fails]
        B1 (exit):
        B2 (raise):
        B3: return 1 -> B1
        B4: raise E -> B2 [exc]
        B5: eval dead() -> B6
        B6: eval also_dead() -> B1
        ",
    );
    with_function(source, |cfg| {
        let reachable = cfg.reverse_postorder();
        assert_eq!(reachable.len(), 5);
        assert!(!reachable.iter().any(|id| id.index() >= 5));
    });
}

#[test]
fn op_ranges_point_at_the_source() {
    let source = "x = f(y)\nreturn x\n";
    with_module(source, |cfg| {
        let ranges: Vec<_> = cfg.blocks()[cfg.entry().index()]
            .ops
            .iter()
            .map(|op| &source[op.range()])
            .collect();
        assert_eq!(ranges, vec!["x = f(y)", "return x"]);
        let Op::Assign { targets, value, .. } = &cfg.blocks()[0].ops[0] else {
            panic!("an assignment");
        };
        assert_eq!(targets.len(), 1);
        assert_eq!(&source[value.range()], "f(y)");
    });
}

#[test]
fn class_body_lowers_like_a_module() {
    let source = "\
class C:
    x = source()
    def m(self):
        return self.x
";
    let parsed = ruff_python_parser::parse_module(source).unwrap();
    let ruff_python_ast::Stmt::ClassDef(class) = &parsed.syntax().body[0] else {
        panic!("a class");
    };
    let cfg = antivenom_cfg::lower_body(&class.body);
    assert_dump(
        &cfg.display(source).to_string(),
        "
        entry B0, exit B1, raise B2
        B0: x = source(); def m -> B1
        B1 (exit):
        B2 (raise):
        ",
    );
}
