//! `match` statements: patterns, guards, irrefutable arms.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_cfg::{EdgeKind, Op};
use common::{assert_dump, module, with_module};

#[test]
fn arms_with_guard_mapping_and_wildcard() {
    // The subject is evaluated once into %t0. A failing guard goes to the
    // next arm like a failing pattern; the wildcard has no unmatched edge.
    let source = "\
match cmd:
    case ['go', d] if d in ok:
        go(d)
    case {'x': x}:
        use(x)
    case _:
        pass
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: %t0 = cmd -> B4 [case ['go', d] matched], B5 [case ['go', d] unmatched]
        B1 (exit):
        B2 (raise):
        B3: -> B1
        B4: match ['go', d] <- %t0; eval d in ok -> B6 [cond d in ok holds], B5 [cond d in ok fails]
        B5: -> B7 [case {'x': x} matched], B8 [case {'x': x} unmatched]
        B6: eval go(d) -> B3
        B7: match {'x': x} <- %t0; eval use(x) -> B3
        B8: -> B9 [case _ matched]
        B9: match _ <- %t0 -> B3
        ",
    );
}

#[test]
fn no_arm_matching_falls_through() {
    let source = "\
match f(x):
    case 1:
        one()
after()
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: %t0 = f(x) -> B4 [case 1 matched], B5 [case 1 unmatched]
        B1 (exit):
        B2 (raise):
        B3: eval after() -> B1
        B4: match 1 <- %t0; eval one() -> B3
        B5: -> B3
        ",
    );
}

#[test]
fn guarded_capture_is_not_irrefutable() {
    // `case y if y:` can fail through its guard: the next arm stays
    // reachable (but only through the guard, not an unmatched pattern edge).
    let source = "\
match v:
    case y if y:
        a()
    case _:
        b()
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: %t0 = v -> B4 [case y matched]
        B1 (exit):
        B2 (raise):
        B3: -> B1
        B4: match y <- %t0; eval y -> B6 [cond y holds], B5 [cond y fails]
        B5: -> B7 [case _ matched]
        B6: eval a() -> B3
        B7: match _ <- %t0; eval b() -> B3
        ",
    );
}

#[test]
fn arms_after_an_irrefutable_one_are_unreachable() {
    let source = "\
match v:
    case other:
        a()
    case 1:
        b()
";
    with_module(source, |cfg| {
        let reachable = cfg.reverse_postorder();
        let b_block = cfg
            .block_ids()
            .find(|&id| {
                cfg.block(id).is_some_and(|block| {
                    block
                        .ops
                        .iter()
                        .any(|op| matches!(op, Op::MatchBind { pattern, .. } if pattern.is_match_value()))
                })
            })
            .unwrap();
        assert!(!reachable.contains(&b_block));
        // The unreachable arm is still lowered, with its pattern edges.
        assert!(cfg.blocks().iter().any(|block| {
            block
                .successors
                .iter()
                .any(|edge| matches!(edge.kind, EdgeKind::Pattern { matched: false, .. }))
        }));
    });
}
