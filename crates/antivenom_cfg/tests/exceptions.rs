//! `try`/`except`/`else`/`finally`, `raise`, `with`, and jumps through
//! `finally`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use antivenom_cfg::{EdgeKind, Op};
use common::{assert_dump, function, module, with_module};

#[test]
fn try_except_else_finally() {
    // Each op of the body has its own block; the state before each op leaves
    // for the dispatch block B6, which leads to both handlers (no unmatched
    // edge: there is a bare `except:`). The `else` and the handlers fall into
    // the normal copy of the finally (B4); exceptions raised in them go to
    // the exception copy (B5), which re-raises.
    let source = "\
try:
    x = a()
    y = b(x)
except ValueError as e:
    log(e)
except:
    raise
else:
    ok()
finally:
    close()
after()
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: -> B6 [exc], B7
        B1 (exit):
        B2 (raise):
        B3: eval after() -> B1
        B4: eval close() -> B3
        B5: eval close() -> B2 [exc]
        B6: -> B10 [exc], B13 [exc]
        B7: x = a() -> B6 [exc], B8
        B8: y = b(x) -> B5 [exc], B9
        B9: eval ok() -> B4
        B10: -> B5 [exc], B11
        B11: except ValueError as e -> B5 [exc], B12
        B12: eval log(e) -> B4
        B13: -> B5 [exc], B14
        B14: except -> B5 [exc], B15
        B15: raise -> B5 [exc]
        ",
    );
}

#[test]
fn unmatched_exceptions_go_on_unless_a_bare_except_catches_them() {
    let source = "\
try:
    f()
except KeyError:
    g()
h()
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: -> B4 [exc], B5
        B1 (exit):
        B2 (raise):
        B3: eval h() -> B1
        B4: -> B6 [exc], B2 [exc]
        B5: eval f() -> B3
        B6: except KeyError; eval g() -> B3
        ",
    );
}

#[test]
fn except_star_may_leave_part_of_the_group_unhandled() {
    let source = "\
try:
    with open(p) as fh:
        data = fh.read()
except* OSError:
    pass
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: -> B4 [exc], B5
        B1 (exit):
        B2 (raise):
        B3: -> B1
        B4: -> B7 [exc], B2 [exc]
        B5: with open(p) as fh -> B4 [exc], B6
        B6: data = fh.read() -> B3
        B7: except OSError -> B3
        ",
    );
}

#[test]
fn handlers_see_the_state_before_each_statement_of_the_body() {
    // `x = clean(x)` may raise: the handler must see `x` before it.
    let source = "\
try:
    x = source()
    x = clean(x)
except Exception:
    pass
sink(x)
";
    with_module(source, |cfg| {
        let dispatch = cfg
            .block_ids()
            .find(|&id| {
                cfg.block(id).is_some_and(|block| {
                    block.ops.is_empty()
                        && block.successors.len() == 2
                        && block
                            .successors
                            .iter()
                            .all(|edge| matches!(edge.kind, EdgeKind::Exception))
                })
            })
            .unwrap();
        let into_dispatch: Vec<_> =
            cfg.blocks()
                .iter()
                .filter(|block| {
                    block.successors.iter().any(|edge| {
                        edge.target == dispatch && matches!(edge.kind, EdgeKind::Exception)
                    })
                })
                .map(|block| block.ops.len())
                .collect();
        // The entry (before the first op) and the block of the first op
        // (before the second one).
        assert_eq!(into_dispatch, vec![0, 1]);
    });
}

#[test]
fn raise_goes_to_the_innermost_handler_or_the_raise_exit() {
    let source = "\
def f():
    try:
        raise ValueError(x) from err
    except ValueError:
        pass
    raise
";
    assert_dump(
        &function(source),
        "
        entry B0, exit B1, raise B2
        B0: -> B4 [exc], B5
        B1 (exit):
        B2 (raise):
        B3: raise -> B2 [exc]
        B4: -> B6 [exc], B2 [exc]
        B5: raise ValueError(x) from err -> B4 [exc]
        B6: except ValueError -> B3
        ",
    );
}

#[test]
fn with_outside_try_stays_in_one_block() {
    let source = "\
with open(p) as fh, lock:
    data = fh.read()
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: with open(p) as fh; with lock; data = fh.read() -> B1
        B1 (exit):
        B2 (raise):
        ",
    );
}

#[test]
fn nested_finally_with_break_continue_and_return() {
    // The inner finally's normal copy (B19) continues every pending jump
    // through the outer finally's normal copy (B7), which leads to the exit
    // (return), B5 after the loop (break) and B3 the loop header
    // (continue). Neither try completes normally, so B9 and B6 (after each
    // try) are unreachable. Exception copies: B20 then B8, to the raise exit.
    let source = "\
def f():
    for x in xs:
        try:
            try:
                if a:
                    break
                if b:
                    continue
                return 1
            finally:
                inner()
        finally:
            outer()
    return 2
";
    assert_dump(
        &function(source),
        "
        entry B0, exit B1, raise B2
        B0: %t0 = xs -> B3
        B1 (exit):
        B2 (raise):
        B3: -> B4 [more %t0], B5 [done %t0]
        B4: bind x <- %t0 -> B11 [exc], B12
        B5: return 2 -> B1
        B6:
        B7: eval outer() -> B1, B5, B3
        B8: eval outer() -> B2 [exc]
        B9:
        B10: -> B8 [exc], B19
        B11: -> B8 [exc], B20
        B12: eval a -> B13 [cond a holds], B14 [cond a fails]
        B13: -> B10
        B14: -> B11 [exc], B15
        B15: eval b -> B16 [cond b holds], B17 [cond b fails]
        B16: -> B10
        B17: -> B11 [exc], B18
        B18: return 1 -> B10
        B19: eval inner() -> B7
        B20: eval inner() -> B8 [exc]
        ",
    );
}

#[test]
fn return_in_finally_swallows_the_pending_return_and_exception() {
    let source = "\
def f():
    try:
        return g()
    finally:
        return 1
";
    assert_dump(
        &function(source),
        "
        entry B0, exit B1, raise B2
        B0: -> B5 [exc], B6
        B1 (exit):
        B2 (raise):
        B3:
        B4: return 1 -> B1
        B5: return 1 -> B1
        B6: return g() -> B4
        ",
    );
}

#[test]
fn continue_in_finally_goes_back_to_the_loop() {
    // Both copies of the finally (B7 normal, B8 exceptional) continue; the
    // code after the `try` (B6) is unreachable.
    let source = "\
while c:
    try:
        work()
    finally:
        continue
done()
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: -> B3
        B1 (exit):
        B2 (raise):
        B3: eval c -> B4 [cond c holds], B5 [cond c fails]
        B4: -> B8 [exc], B9
        B5: eval done() -> B1
        B6:
        B7: -> B3
        B8: -> B3
        B9: eval work() -> B7
        ",
    );
}

#[test]
fn finally_copies_stop_doubling_below_three_levels() {
    // Ten nested `finally` bodies, each try raising: without the limit the
    // innermost call would be lowered 2^10 times.
    let mut source = String::new();
    for depth in 0..10 {
        let indent = "    ".repeat(depth);
        source.push_str(&format!(
            "{indent}try:\n{indent}    step{depth}()\n{indent}finally:\n"
        ));
    }
    source.push_str(&format!("{}deepest()\n", "    ".repeat(10)));
    with_module(&source, |cfg| {
        let copies = cfg
            .blocks()
            .iter()
            .flat_map(|block| &block.ops)
            .filter(|op| {
                matches!(op, Op::Evaluate(expr) if expr.is_call_expr()
                && &source[ruff_text_size::Ranged::range(*expr)] == "deepest()")
            })
            .count();
        assert_eq!(copies, 8);
        assert!(!cfg.is_truncated());
    });
}
