//! Temporary: measures whether deep ASTs overflow a thread stack.
#![allow(missing_docs, clippy::unwrap_used)]
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, PySourceType, PythonVersion};
use ruff_python_parser::{ParseOptions, parse_unchecked};

struct Count(usize);
impl<'a> Visitor<'a> for Count {
    fn visit_expr(&mut self, expr: &'a Expr) {
        self.0 += 1;
        visitor::walk_expr(self, expr);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let kind = args[1].clone();
    let n: usize = args[2].parse().unwrap();
    let stack_mib: usize = args[3].parse().unwrap();
    let visit = args.get(4).is_some();
    let src = match kind.as_str() {
        "binop" => format!("x = {}1\n", "1+".repeat(n)),
        "attr" => format!("x = a{}\n", ".b".repeat(n)),
        "unary" => format!("x = {}1\n", "-".repeat(n)),
        "call" => format!("x = a{}\n", "()".repeat(n)),
        "parens" => format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
        "lambda" => format!("x = {}1\n", "lambda: ".repeat(n)),
        _ => panic!(),
    };
    let handle = std::thread::Builder::new()
        .stack_size(stack_mib << 20)
        .spawn(move || {
            let t = std::time::Instant::now();
            let parsed = parse_unchecked(
                &src,
                ParseOptions::from(PySourceType::Python).with_target_version(PythonVersion::PY314),
            )
            .try_into_module()
            .unwrap();
            eprintln!(
                "parsed in {:?}, errors {}",
                t.elapsed(),
                parsed.errors().len()
            );
            if visit {
                let mut c = Count(0);
                c.visit_body(parsed.suite());
                eprintln!("visited {}", c.0);
            }
            drop(parsed);
            eprintln!("dropped");
        })
        .unwrap();
    handle.join().unwrap();
    println!("ok");
}
