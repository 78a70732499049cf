//! Comprehensions as inner loops, their scopes, and walruses.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_cfg::{ComprehensionKind, EdgeKind, Op};
use common::{assert_dump, module, with_module};
use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

#[test]
fn nested_comprehensions_with_walrus_in_if_clause() {
    // Outer c0 loops over %t1 (xs, evaluated in the module scope); its `if`
    // clause binds y (function scope) and skips back to the header B4 when it
    // fails; the second `for` iterates over the inner comprehension c1,
    // lowered first, whose value %t2 is then stored in %t4.
    let source = "r = [f(x) for x in xs if (y := g(x)) for z in [w for w in x]]\n";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: %t0 = c0(); %t1 = xs -> B4
        B1 (exit):
        B2 (raise):
        B3: end c0; r = [f(x) for x in xs if (y := g(x)) for z in [w for w in x]] -> B1
        B4 (c0): -> B5 [more %t1], B3 [done %t1]
        B5 (c0): bind x <- %t1; walrus y := g(x); eval y := g(x) -> B6 [cond y := g(x) holds], B4 [cond y := g(x) fails]
        B6 (c0): %t2 = c1(); %t3 = x -> B8
        B7 (c0): end c1; %t4 = [w for w in x] -> B10
        B8 (c1): -> B9 [more %t3], B7 [done %t3]
        B9 (c1): bind w <- %t3; %t2 <- w -> B8
        B10 (c0): -> B11 [more %t4], B4 [done %t4]
        B11 (c0): bind z <- %t4; %t0 <- f(x) -> B10
        ",
    );
}

#[test]
fn comprehension_temps_and_scopes() {
    let source = "\
x = 1
r = [x for x in [v for v in vs if (w := v)]]
use(x)
";
    let parsed = ruff_python_parser::parse_module(source).unwrap();
    let body = &parsed.syntax().body;
    let cfg = antivenom_cfg::lower_body(body);
    let ruff_python_ast::Stmt::Assign(assign) = &body[1] else {
        panic!("an assignment");
    };
    let outer = &*assign.value;
    let Expr::ListComp(list) = outer else {
        panic!("a list comprehension");
    };
    let inner = &list.generators[0].iter;

    // The outer is met (c0) before the inner (c1), although the inner's loop
    // runs first: it is the outer's first iterable.
    let inner_id = cfg.comprehension_at(inner.range()).unwrap();
    let outer_id = cfg.comprehension_at(outer.range()).unwrap();
    assert_eq!((outer_id.index(), inner_id.index()), (0, 1));
    let inner_info = cfg.comprehension(inner_id).unwrap();
    let outer_info = cfg.comprehension(outer_id).unwrap();
    assert_eq!(inner_info.kind, ComprehensionKind::List);
    assert_eq!(inner_info.bound_names, vec!["v"]);
    assert_eq!(outer_info.bound_names, vec!["x"]);
    // The outer's first iterable (the inner) runs in the module scope: no
    // parent.
    assert_eq!(inner_info.parent, None);
    assert_eq!(outer_info.parent, None);
    assert_eq!(
        cfg.comprehension_temp(outer.range()),
        Some(outer_info.result)
    );
    assert_eq!(cfg.comprehension_temp(list.elt.range()), None);

    // The `x` bound inside the outer comprehension is its own; the `x` of
    // the module is untouched. Walrus targets bind in the module scope.
    assert_eq!(cfg.resolve_name(Some(outer_id), "x"), Some(outer_id));
    assert_eq!(cfg.resolve_name(None, "x"), None);
    assert_eq!(cfg.resolve_name(Some(inner_id), "w"), None);
    let bind_scopes: Vec<_> = cfg
        .blocks()
        .iter()
        .filter(|block| {
            block
                .ops
                .iter()
                .any(|op| matches!(op, Op::IterationBind { .. }))
        })
        .map(|block| block.scope)
        .collect();
    assert_eq!(bind_scopes, vec![Some(inner_id), Some(outer_id)]);
}

#[test]
fn nested_scopes_resolve_outward() {
    let source = "r = [[a + b for b in bs] for a in as_]\n";
    with_module(source, |cfg| {
        let ids: Vec<_> = cfg
            .comprehensions()
            .iter()
            .map(|info| (info.bound_names.clone(), info.parent.map(|p| p.index())))
            .collect();
        // The outer (c0) is met first; the inner (c1) is nested in it.
        assert_eq!(ids, vec![(vec!["a"], None), (vec!["b"], Some(0))]);
        let inner = cfg.comprehensions()[1].result;
        let inner_id = cfg
            .comprehension_at(cfg.comprehensions()[1].expr.range())
            .unwrap();
        assert_eq!(
            cfg.comprehension_temp(cfg.comprehensions()[1].expr.range()),
            Some(inner)
        );
        assert_eq!(
            cfg.resolve_name(Some(inner_id), "a").map(|id| id.index()),
            Some(0)
        );
        assert_eq!(cfg.resolve_name(Some(inner_id), "b"), Some(inner_id));
        assert_eq!(cfg.resolve_name(Some(inner_id), "r"), None);
    });
}

#[test]
fn dict_comprehension_accumulates_key_then_value() {
    let source = "d = {k: v for k, v in items}\n";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: %t0 = c0(); %t1 = items -> B4
        B1 (exit):
        B2 (raise):
        B3: end c0; d = {k: v for k, v in items} -> B1
        B4 (c0): -> B5 [more %t1], B3 [done %t1]
        B5 (c0): bind k, v <- %t1; %t0[k] <- v -> B4
        ",
    );
    with_module(source, |cfg| {
        let info = &cfg.comprehensions()[0];
        assert_eq!(info.kind, ComprehensionKind::Dict);
        assert_eq!(info.bound_names, vec!["k", "v"]);
    });
}

#[test]
fn walrus_in_skippable_operands_is_conditional() {
    let source = "\
x = a and (y := f())
z = (t := c) if (u := d) else (s := e)
q = p < (m := 1) < (n := 2)
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: walrus? y := f(); x = a and (y := f()); walrus u := d; walrus? t := c; walrus? s := e; z = (t := c) if (u := d) else (s := e); walrus m := 1; walrus? n := 2; q = p < (m := 1) < (n := 2) -> B1
        B1 (exit):
        B2 (raise):
        ",
    );
}

#[test]
fn walrus_value_runs_before_its_binding_and_inner_walrus_first() {
    let source = "if (a := (b := f(x)) + 1):\n    pass\n";
    with_module(source, |cfg| {
        let entry = cfg.block(cfg.entry()).unwrap();
        let order: Vec<_> = entry
            .ops
            .iter()
            .map(|op| match op {
                Op::NamedExpr { expr, .. } => source[expr.target.range()].to_string(),
                Op::Evaluate(_) => "eval".to_string(),
                _ => "other".to_string(),
            })
            .collect();
        assert_eq!(order, vec!["b", "a", "eval"]);
        let tests: Vec<_> = entry
            .successors
            .iter()
            .map(|edge| match edge.kind {
                EdgeKind::Condition { holds, test } => {
                    assert!(test.is_named_expr());
                    holds
                }
                _ => panic!("condition edges"),
            })
            .collect();
        assert_eq!(tests, vec![true, false]);
    });
}

#[test]
fn walrus_in_comprehension_element() {
    let source = "z = [(w := v) for v in vs]\nuse(w)\n";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: %t0 = c0(); %t1 = vs -> B4
        B1 (exit):
        B2 (raise):
        B3: end c0; z = [(w := v) for v in vs]; eval use(w) -> B1
        B4 (c0): -> B5 [more %t1], B3 [done %t1]
        B5 (c0): bind v <- %t1; walrus w := v; %t0 <- w := v -> B4
        ",
    );
}

#[test]
fn comprehensions_in_fstrings_and_generators_are_lowered_lambdas_are_not() {
    let source = "\
s = f\"{[c for c in cs]:>{(k := 3)}}\"
l = lambda d=[e for e in es]: [q for q in qs]
g = (t for t in ts)
";
    with_module(source, |cfg| {
        let kinds: Vec<_> = cfg
            .comprehensions()
            .iter()
            .map(|info| (source[info.expr.range()].to_string(), info.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("[c for c in cs]".to_string(), ComprehensionKind::List),
                ("[e for e in es]".to_string(), ComprehensionKind::List),
                ("(t for t in ts)".to_string(), ComprehensionKind::Generator),
            ]
        );
        let walruses = cfg
            .blocks()
            .iter()
            .flat_map(|block| &block.ops)
            .filter(|op| matches!(op, Op::NamedExpr { .. }))
            .count();
        assert_eq!(walruses, 1);
        let lambda_body = source.find("[q for q in qs]").unwrap();
        let range = ruff_text_size::TextRange::at(
            ruff_text_size::TextSize::try_from(lambda_body).unwrap(),
            ruff_text_size::TextSize::from(15),
        );
        assert_eq!(cfg.comprehension_temp(range), None);
    });
}

#[test]
fn comprehension_in_while_test_runs_on_every_iteration() {
    let source = "while any(p(x) for x in xs):\n    step()\n";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: -> B3
        B1 (exit):
        B2 (raise):
        B3: %t0 = c0(); %t1 = xs -> B5
        B4: end c0; eval any(p(x) for x in xs) -> B7 [cond any(p(x) for x in xs) holds], B8 [cond any(p(x) for x in xs) fails]
        B5 (c0): -> B6 [more %t1], B4 [done %t1]
        B6 (c0): bind x <- %t1; %t0 <- p(x) -> B5
        B7: eval step() -> B3
        B8: -> B1
        ",
    );
}

#[test]
fn comprehensions_nested_past_the_limit_are_left_opaque() {
    let depth = 40;
    let mut source = String::from("r = ");
    for level in 0..depth {
        source.push_str(&format!("[v{level} for v{level} in "));
    }
    source.push_str("xs");
    source.push_str(&"]".repeat(depth));
    source.push('\n');
    with_module(&source, |cfg| {
        assert!(cfg.is_truncated());
        assert_eq!(cfg.comprehensions().len(), 32);
    });
}
