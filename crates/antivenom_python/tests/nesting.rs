//! The nesting pre-scan: CPython's limits, and no false alarms on real code.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use antivenom_python::{MAX_EXPRESSION_DEPTH, check_nesting};

fn nested_parens(depth: usize) -> String {
    format!("x = {}1{}\n", "(".repeat(depth), ")".repeat(depth))
}

fn nested_blocks(depth: usize, indent: &str) -> String {
    let mut source: String = (0..depth)
        .map(|level| format!("{}if x:\n", indent.repeat(level)))
        .collect();
    source.push_str(&format!("{}pass\n", indent.repeat(depth)));
    source
}

#[test]
fn bracket_limit_matches_cpython() {
    assert_eq!(check_nesting(&nested_parens(200)), None);
    let problem = check_nesting(&nested_parens(201)).unwrap();
    assert_eq!(problem.message, "too many nested parentheses");
    assert_eq!((problem.line, problem.column), (1, 205));
    // Mixed bracket kinds count together.
    let mixed = format!("x = {}1{}\n", "([{".repeat(67), "}])".repeat(67));
    assert!(check_nesting(&mixed).is_some());
}

#[test]
fn indentation_limit_matches_cpython() {
    // CPython accepts 99 nested blocks and refuses the 100th level.
    assert_eq!(check_nesting(&nested_blocks(99, " ")), None);
    let problem = check_nesting(&nested_blocks(100, " ")).unwrap();
    assert_eq!(problem.message, "too many levels of indentation");
    assert_eq!((problem.line, problem.column), (101, 101));
    assert_eq!(check_nesting(&nested_blocks(99, "\t")), None);
    assert!(check_nesting(&nested_blocks(100, "\t")).is_some());
}

#[test]
fn unmatched_dedents_count_as_the_parser_sees_them() {
    // Dedenting to a width that matches no block: Ruff's lexer drops the
    // level without a `Dedent` token, so every following indent nests one
    // block deeper for the parser (CPython refuses such files outright).
    let source = "if x:\n  a\n b\n".repeat(200);
    let problem = check_nesting(&source).unwrap();
    assert_eq!(problem.message, "too many levels of indentation");
}

#[test]
fn dedents_pop_levels() {
    let mut source = String::new();
    for _ in 0..1_000 {
        source.push_str(&nested_blocks(50, "  "));
    }
    assert_eq!(check_nesting(&source), None);
}

#[test]
fn brackets_and_indentation_in_strings_and_comments_do_not_count() {
    let opens = "(".repeat(1_000);
    let source = format!(
        "a = '{opens}'\nb = \"{opens}\"\nc = '''\n{opens}\n'''\nd = r'\\'{opens}'\n# {opens}\ne = b\"\\\"{opens}\"\n"
    );
    assert_eq!(check_nesting(&source), None);
    // Indented lines inside a triple-quoted string or brackets are not blocks.
    let mut source = String::from("x = '''\n");
    for level in 0..500 {
        source.push_str(&" ".repeat(level));
        source.push_str("text\n");
    }
    source.push_str("'''\ny = [\n");
    for level in 0..500 {
        source.push_str(&" ".repeat(level));
        source.push_str("1,\n");
    }
    source.push_str("]\n");
    assert_eq!(check_nesting(&source), None);
}

#[test]
fn fstring_fields_nest_brackets_and_strings() {
    // Nested same-quote strings (PEP 701), format specs with nested fields,
    // doubled braces, `\N{...}` escapes and multi-line fields with comments.
    let source = r#"
a = f"{x["key"]} {{literal}} {y:{width}.{precision}} {z!r:>10} \N{EM DASH}"
b = f'{", ".join(f"{item:>{w}}" for item in items)}'
c = f"""{
    value  # a comment with ( brackets
}"""
d = rf"\{x}" + t"{y}" + Rb'\'' + F"{'}'}"
e = f"{x:=10}" + f"{(y := 10)}" + f"{lambda_value}"
"#;
    assert_eq!(check_nesting(source), None);
    // Brackets inside a field count towards the limit.
    let deep = format!("x = f\"{{{}1{}}}\"\n", "(".repeat(199), ")".repeat(199));
    assert_eq!(check_nesting(&deep), None);
    let deeper = format!("x = f\"{{{}1{}}}\"\n", "(".repeat(200), ")".repeat(200));
    assert!(check_nesting(&deeper).is_some());
}

#[test]
fn unterminated_strings_end_at_the_line_break() {
    let source = "x = 'abc\ny = f\"{a:\nz = (1)\nif x:\n    pass\n";
    assert_eq!(check_nesting(source), None);
}

#[test]
fn long_flat_code_is_accepted() {
    // Flat data and boolean or comparison chains do not nest.
    let list = format!("x = [{}]\n", "-1, ".repeat(100_000));
    let dict = format!("x = {{{}}}\n", "'k': -1.5e-3, ".repeat(50_000));
    let ors = format!("x = {}y\n", "a == 1 or ".repeat(20_000));
    let ands = format!("x = {}y\n", "a not in b and c is not d and ".repeat(2_000));
    let strings = format!("x = ({})\n", "'part' ".repeat(100_000));
    let lambdas = format!("handlers = [{}]\n", "lambda a, b=1: a + b, ".repeat(20_000));
    for source in [list, dict, ors, ands, strings, lambdas] {
        assert_eq!(check_nesting(&source), None, "{}", &source[..60]);
    }
}

#[test]
fn realistic_chains_are_accepted() {
    // A 900-term sum of calls and a 1,000-step method chain.
    let terms: Vec<String> = (0..900).map(|i| format!("f{i}(a.b, c[1])")).collect();
    assert_eq!(check_nesting(&format!("x = {}\n", terms.join(" + "))), None);
    let chain = format!(
        "q = session.query(Model){}\n",
        ".filter(x > 1)".repeat(1_000)
    );
    assert_eq!(check_nesting(&chain), None);
    // A polynomial of 2,000 product terms (sympy generates such code):
    // the products are siblings, only the sum is a chain.
    let polynomial = format!(
        "p = ({})\n",
        "- 4*s1*s2**2*s3**2*s4**5*s5 + 3888*s1*s2**2*s6**2 ".repeat(1_000)
    );
    assert_eq!(check_nesting(&polynomial), None);
    // Statements reset the estimate.
    let many = "x = a.b.c + d.e.f - g(h)[i]\n".repeat(100_000);
    assert_eq!(check_nesting(&many), None);
}

#[test]
fn deep_chains_are_refused() {
    let limit = MAX_EXPRESSION_DEPTH;
    assert!(check_nesting(&format!("x = {}1\n", "1+".repeat(limit))).is_some());
    // Depth accumulates through brackets: 100 levels each followed by 100
    // operators is 10,000 levels deep although every level looks shallow.
    let mut source = String::from("x = ");
    source.push_str(&"(".repeat(100));
    source.push('1');
    for _ in 0..100 {
        source.push(')');
        source.push_str(&"+1".repeat(100));
    }
    assert!(check_nesting(&source).is_some());
    // Subscripts on the next line inside brackets are still trailers.
    let trailers = format!("x = [a\n{}]\n", "[0]\n".repeat(4_000));
    assert!(check_nesting(&trailers).is_some());
    // Mismatched closers do not close the open call: every `f(` nests.
    let mismatched = format!("x = [{}]\n", "f(x.y}".repeat(250));
    let problem = check_nesting(&mismatched).unwrap();
    assert_eq!(problem.message, "too many nested parentheses");
    // Operators without left operands (broken code) still count.
    let broken = format!("x = {}1\n", " in >> ".repeat(3_000));
    assert!(check_nesting(&broken).is_some());
    // `yield a, b` takes the whole tuple: commas after a `yield` nest.
    let yields = format!("x = {}1\n", "a, yield ".repeat(1_000));
    assert!(check_nesting(&yields).is_some());
    // Lambda parameters separated by commas do not hide nesting.
    let lambdas = format!("x = {}1\n", "lambda a, b: ".repeat(1_000));
    assert!(check_nesting(&lambdas).is_some());
}

#[test]
fn problem_positions_count_code_points() {
    let source = format!("s = 'éé'; x = {}1\n", "(".repeat(201));
    let problem = check_nesting(&source).unwrap();
    // `s = 'éé'; x = ` is 14 code points, then 200 accepted brackets.
    assert_eq!((problem.line, problem.column), (1, 14 + 200 + 1));
}

#[test]
fn continuation_lines_are_not_blocks() {
    let mut source = String::from("x = 1 + \\\n");
    for level in 1..300 {
        source.push_str(&" ".repeat(level));
        source.push_str("1 + \\\n");
    }
    source.push_str("1\n");
    assert_eq!(check_nesting(&source), None);
}
