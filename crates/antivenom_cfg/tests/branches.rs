//! `if`/`elif`/`else`, loops with `else`, `break` and `continue`, `assert`,
//! `async for`/`async with`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_dump, function, module};

#[test]
fn if_elif_else_with_walrus_in_elif_test() {
    let source = "\
x = f(y)
if x:
    a = 1
elif (m := g(x)):
    a = m
else:
    a = 2
use(a)
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: x = f(y); eval x -> B3 [cond x holds], B4 [cond x fails]
        B1 (exit):
        B2 (raise):
        B3: a = 1 -> B7
        B4: walrus m := g(x); eval m := g(x) -> B5 [cond m := g(x) holds], B6 [cond m := g(x) fails]
        B5: a = m -> B7
        B6: a = 2 -> B7
        B7: eval use(a) -> B1
        ",
    );
}

#[test]
fn if_elif_without_else_falls_into_last_failing_block() {
    let source = "\
if a:
    b()
elif c:
    d()
e()
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: eval a -> B3 [cond a holds], B4 [cond a fails]
        B1 (exit):
        B2 (raise):
        B3: eval b() -> B6
        B4: eval c -> B5 [cond c holds], B6 [cond c fails]
        B5: eval d() -> B6
        B6: eval e() -> B1
        ",
    );
}

#[test]
fn while_else_with_break_and_continue() {
    // The test (and its walrus) is evaluated again on each iteration: it
    // lives in the header B3 that `continue` and the body loop back to.
    // `break` skips the `else`.
    let source = "\
while (line := read()):
    if not line:
        break
    if skip(line):
        continue
    use(line)
else:
    done()
after()
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: -> B3
        B1 (exit):
        B2 (raise):
        B3: walrus line := read(); eval line := read() -> B4 [cond line := read() holds], B5 [cond line := read() fails]
        B4: eval not line -> B7 [cond not line holds], B8 [cond not line fails]
        B5: eval done() -> B6
        B6: eval after() -> B1
        B7: -> B6
        B8: eval skip(line) -> B9 [cond skip(line) holds], B10 [cond skip(line) fails]
        B9: -> B3
        B10: eval use(line) -> B3
        ",
    );
}

#[test]
fn for_else_evaluates_the_iterable_once() {
    let source = "\
for k, v in items(d):
    if v:
        break
else:
    none()
after()
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: %t0 = items(d) -> B3
        B1 (exit):
        B2 (raise):
        B3: -> B4 [more %t0], B5 [done %t0]
        B4: bind k, v <- %t0; eval v -> B7 [cond v holds], B8 [cond v fails]
        B5: eval none() -> B6
        B6: eval after() -> B1
        B7: -> B6
        B8: -> B3
        ",
    );
}

#[test]
fn break_and_continue_target_the_innermost_loop() {
    let source = "\
for a in xs:
    while c(a):
        if d:
            break
        continue
    tail(a)
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: %t0 = xs -> B3
        B1 (exit):
        B2 (raise):
        B3: -> B4 [more %t0], B5 [done %t0]
        B4: bind a <- %t0 -> B6
        B5: -> B1
        B6: eval c(a) -> B7 [cond c(a) holds], B8 [cond c(a) fails]
        B7: eval d -> B9 [cond d holds], B10 [cond d fails]
        B8: eval tail(a) -> B3
        B9: -> B8
        B10: -> B6
        ",
    );
}

#[test]
fn assert_fails_to_the_raise_exit_after_its_message() {
    let source = "\
assert ok(x), describe(x)
use(x)
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: eval ok(x) -> B3 [cond ok(x) holds], B4 [cond ok(x) fails]
        B1 (exit):
        B2 (raise):
        B3: eval use(x) -> B1
        B4: eval describe(x) -> B2 [exc]
        ",
    );
}

#[test]
fn async_for_and_async_with() {
    let source = "\
async def f():
    async with s() as c, lock:
        async for x in c:
            await x
";
    assert_dump(
        &function(source),
        "
        entry B0, exit B1, raise B2
        B0: async with s() as c; async with lock; %t0 = c -> B3
        B1 (exit):
        B2 (raise):
        B3: -> B4 [more %t0], B5 [done %t0]
        B4: async bind x <- %t0; eval await x -> B3
        B5: -> B1
        ",
    );
}

#[test]
fn while_true_keeps_both_edges_for_the_analysis_to_prune() {
    let source = "\
while True:
    work()
unreachable()
";
    assert_dump(
        &module(source),
        "
        entry B0, exit B1, raise B2
        B0: -> B3
        B1 (exit):
        B2 (raise):
        B3: eval True -> B4 [cond True holds], B5 [cond True fails]
        B4: eval work() -> B3
        B5: eval unreachable() -> B1
        ",
    );
}
