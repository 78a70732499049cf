//! Name resolution across modules of small in-memory projects.
#![allow(clippy::unwrap_used, missing_docs)]

mod support;

use antivenom_project::Resolution;
use support::{dotted, project, resolve};

#[test]
fn package_re_export_through_init() {
    let index = project(&[
        ("pkg/__init__.py", "from .views import index\n"),
        ("pkg/views.py", "def index(request):\n    pass\n"),
        ("app.py", "from pkg import index\nimport pkg\n"),
    ]);
    assert_eq!(resolve(&index, "app", "index"), "function pkg.views.index");
    assert_eq!(
        dotted(&index, "app", "pkg.index"),
        "function pkg.views.index"
    );
    assert_eq!(
        dotted(&index, "app", "pkg.views.index"),
        "function pkg.views.index"
    );
    assert_eq!(
        support::show(&index, &index.resolve_qualified("pkg.index")),
        "function pkg.views.index"
    );
    assert_eq!(resolve(&index, "pkg", "views"), "module pkg.views");
}

#[test]
fn from_dot_import_is_a_submodule_or_a_name_of_the_package() {
    let index = project(&[
        (
            "pkg/__init__.py",
            "from . import views\nfrom .helpers import clean\n",
        ),
        ("pkg/views.py", "from . import clean, views as me\n"),
        ("pkg/helpers.py", "def clean(x):\n    return x\n"),
    ]);
    // `views` is a submodule, bound in the package by its own import.
    assert_eq!(resolve(&index, "pkg", "views"), "module pkg.views");
    // `clean` is a name the package's `__init__` imports.
    assert_eq!(
        resolve(&index, "pkg.views", "clean"),
        "function pkg.helpers.clean"
    );
    assert_eq!(resolve(&index, "pkg.views", "me"), "module pkg.views");
}

#[test]
fn relative_imports_at_several_levels() {
    let index = project(&[
        ("pkg/__init__.py", ""),
        ("pkg/util.py", "def helper():\n    pass\n"),
        ("pkg/sub/__init__.py", "from ..util import helper as h\n"),
        ("pkg/sub/sibling.py", "def near():\n    pass\n"),
        (
            "pkg/sub/deep/mod.py",
            "from ...util import helper\nfrom .. import sibling\nfrom ..sibling import near\nfrom .... import too_far\n",
        ),
    ]);
    assert_eq!(resolve(&index, "pkg.sub", "h"), "function pkg.util.helper");
    assert_eq!(
        resolve(&index, "pkg.sub.deep.mod", "helper"),
        "function pkg.util.helper"
    );
    assert_eq!(
        resolve(&index, "pkg.sub.deep.mod", "sibling"),
        "module pkg.sub.sibling"
    );
    assert_eq!(
        resolve(&index, "pkg.sub.deep.mod", "near"),
        "function pkg.sub.sibling.near"
    );
    assert_eq!(resolve(&index, "pkg.sub.deep.mod", "too_far"), "unknown");
    // `pkg.sub.deep` has no `__init__.py`: a namespace package.
    assert!(index.is_namespace_package("pkg.sub.deep"));
}

#[test]
fn star_import_with_all() {
    let index = project(&[
        (
            "lib.py",
            "__all__ = ['public_a']\n__all__ += ('extra',)\n__all__.extend(['more'])\n__all__.append('last')\n\
             def public_a(): pass\ndef public_b(): pass\ndef extra(): pass\ndef more(): pass\ndef last(): pass\n",
        ),
        ("app.py", "from lib import *\n"),
    ]);
    for name in ["public_a", "extra", "more", "last"] {
        assert_eq!(resolve(&index, "app", name), format!("function lib.{name}"));
    }
    // Not in `__all__`: not imported.
    assert_eq!(resolve(&index, "app", "public_b"), "unknown");
    let lib = index.module(index.module_named("lib").unwrap()).unwrap();
    assert_eq!(
        lib.dunder_all().unwrap(),
        ["public_a", "extra", "more", "last"]
    );
    assert!(lib.dunder_all_is_exact());
}

#[test]
fn star_import_without_all_takes_public_names_transitively() {
    let index = project(&[
        ("base.py", "import subprocess\ndef deep(): pass\n"),
        (
            "lib.py",
            "from base import *\ndef shown(): pass\ndef _hidden(): pass\n",
        ),
        (
            "app.py",
            "from lib import *\nfrom base import deep as deep2\n",
        ),
    ]);
    assert_eq!(resolve(&index, "app", "shown"), "function lib.shown");
    assert_eq!(resolve(&index, "app", "_hidden"), "unknown");
    assert_eq!(resolve(&index, "app", "deep"), "function base.deep");
    // Imported modules are public names too.
    assert_eq!(
        dotted(&index, "app", "subprocess.run"),
        "external subprocess.run"
    );
}

#[test]
fn inexact_all_also_exports_public_names() {
    let index = project(&[
        ("other.py", "__all__ = ['x']\ndef x(): pass\n"),
        (
            "lib.py",
            "import other\n__all__ = ['a'] + other.__all__\ndef a(): pass\ndef b(): pass\n",
        ),
        ("app.py", "from lib import *\n"),
    ]);
    let lib = index.module(index.module_named("lib").unwrap()).unwrap();
    assert!(!lib.dunder_all_is_exact());
    assert_eq!(resolve(&index, "app", "a"), "function lib.a");
    assert_eq!(resolve(&index, "app", "b"), "function lib.b");
}

#[test]
fn alias_chains() {
    let index = project(&[
        ("other.py", "def fn(): pass\n"),
        (
            "app.py",
            "import subprocess\nimport subprocess as sp\nimport other\nimport os.path\n\
             run = subprocess.run\nrun2 = run\nsp_run = sp.run\nhelper = other.fn\nhelper2 = helper\n\
             join = os.path.join\nfrom other import fn as f1\nf2 = f1\nvalue = compute()\n",
        ),
    ]);
    assert_eq!(resolve(&index, "app", "run"), "external subprocess.run");
    assert_eq!(resolve(&index, "app", "run2"), "external subprocess.run");
    assert_eq!(resolve(&index, "app", "sp_run"), "external subprocess.run");
    assert_eq!(resolve(&index, "app", "helper"), "function other.fn");
    assert_eq!(resolve(&index, "app", "helper2"), "function other.fn");
    assert_eq!(resolve(&index, "app", "join"), "external os.path.join");
    assert_eq!(resolve(&index, "app", "f2"), "function other.fn");
    assert_eq!(resolve(&index, "app", "value"), "unknown");
    assert_eq!(
        dotted(&index, "app", "run2.something"),
        "external subprocess.run.something"
    );
}

#[test]
fn import_cycles_end() {
    let index = project(&[
        (
            "a.py",
            "from b import f\nfrom b import g\ndef h(): pass\nx = y\ny = x\n",
        ),
        ("b.py", "from a import f\nfrom a import h as g\n"),
        ("c.py", "from c import *\nfrom d import *\n"),
        ("d.py", "from c import *\n"),
    ]);
    assert_eq!(resolve(&index, "a", "f"), "unknown");
    assert_eq!(resolve(&index, "b", "f"), "unknown");
    assert_eq!(resolve(&index, "a", "g"), "function a.h");
    assert_eq!(resolve(&index, "a", "x"), "unknown");
    assert_eq!(resolve(&index, "c", "anything"), "unknown");
    assert_eq!(resolve(&index, "d", "anything"), "unknown");
}

#[test]
fn mutual_imports_of_defined_names_resolve() {
    let index = project(&[
        ("a.py", "from b import g\ndef f(): g()\n"),
        ("b.py", "from a import f\ndef g(): f()\n"),
    ]);
    assert_eq!(resolve(&index, "a", "g"), "function b.g");
    assert_eq!(resolve(&index, "b", "f"), "function a.f");
}

#[test]
fn conditional_imports_take_every_branch() {
    let index = project(&[
        ("fast.py", "def loads(x): pass\n"),
        (
            "app.py",
            "from typing import TYPE_CHECKING\n\
             try:\n    from fast import loads\nexcept ImportError:\n    from json import loads\n\
             if TYPE_CHECKING:\n    from fast import loads as typed\n\
             try:\n    import simplejson as js\nexcept ImportError:\n    import json as js\n",
        ),
    ]);
    // The last binding that resolves wins…
    assert_eq!(resolve(&index, "app", "loads"), "external json.loads");
    // …and every branch is available.
    let all: Vec<String> = index
        .resolve_all("app", "loads")
        .iter()
        .map(|resolution| support::show(&index, resolution))
        .collect();
    assert_eq!(all, ["function fast.loads", "external json.loads"]);
    assert_eq!(resolve(&index, "app", "typed"), "function fast.loads");
    assert_eq!(resolve(&index, "app", "js"), "external json");
    let app = index.module(index.module_named("app").unwrap()).unwrap();
    assert!(
        app.bindings("loads")
            .iter()
            .all(|binding| binding.conditional)
    );
}

#[test]
fn external_names_and_unknown_modules() {
    let index = project(&[(
        "app.py",
        "from flask import request as req\nimport xml.etree.ElementTree as ET\n",
    )]);
    assert_eq!(
        dotted(&index, "app", "req.args.get"),
        "external flask.request.args.get"
    );
    assert_eq!(
        dotted(&index, "app", "ET.parse"),
        "external xml.etree.ElementTree.parse"
    );
    assert_eq!(resolve(&index, "app", "undefined"), "unknown");
    assert_eq!(resolve(&index, "requests", "get"), "external requests.get");
    assert_eq!(
        support::show(&index, &index.resolve_qualified("subprocess.run")),
        "external subprocess.run"
    );
}

#[test]
fn namespace_packages_fall_back_to_external_names() {
    let index = project(&[("google/cloud/myext/__init__.py", "def ext(): pass\n")]);
    assert!(index.is_namespace_package("google.cloud"));
    assert_eq!(
        support::show(
            &index,
            &index.resolve_qualified("google.cloud.storage.Client")
        ),
        "external google.cloud.storage.Client"
    );
    assert_eq!(
        support::show(&index, &index.resolve_qualified("google.cloud.myext.ext")),
        "function google.cloud.myext.ext"
    );
}

#[test]
fn scripts_import_their_siblings() {
    let index = project(&[
        ("scripts/tool.py", "def work(): pass\n"),
        ("scripts/run.py", "import tool\nfrom tool import work\n"),
        ("pkg/__init__.py", ""),
        ("pkg/json.py", ""),
        ("pkg/use.py", "import json\n"),
    ]);
    assert_eq!(
        resolve(&index, "scripts.run", "tool"),
        "module scripts.tool"
    );
    assert_eq!(
        resolve(&index, "scripts.run", "work"),
        "function scripts.tool.work"
    );
    // Inside a regular package, `import json` is the standard library.
    assert_eq!(resolve(&index, "pkg.use", "json"), "external json");
}

#[test]
fn name_conflicts_keep_both_and_pick_deterministically() {
    let files_a = [
        (
            "one/app.py",
            "def only_in_one(): pass\ndef shared(): pass\n",
        ),
        (
            "two/app.py",
            "def only_in_two(): pass\ndef shared(): pass\n",
        ),
        (
            "user.py",
            "from app import shared, only_in_one, only_in_two\n",
        ),
    ];
    // Same modules named `app` (module names given as in two roots).
    let build = |files: &[(&str, &str)]| {
        let modules = files
            .iter()
            .map(|(path, source)| {
                let name = if path.ends_with("app.py") {
                    "app"
                } else {
                    "user"
                };
                let parsed = ruff_python_parser::parse_module(source).unwrap();
                antivenom_project::ModuleSymbols::from_suite(name, false, parsed.suite())
                    .with_path(*path)
            })
            .collect();
        antivenom_project::ProjectIndex::new(modules)
    };
    let forward = build(&files_a);
    let mut reversed = files_a;
    reversed.swap(0, 1);
    let backward = build(&reversed);
    for index in [&forward, &backward] {
        assert_eq!(index.modules_named("app").len(), 2);
        // `one/app.py` sorts first by path, whatever the input order.
        let shared = index.resolve("user", "shared");
        let Resolution::Function(id) = shared else {
            panic!("{shared:?}")
        };
        let module = index.function_module(id).unwrap();
        assert_eq!(
            index.module(module).unwrap().path().unwrap().to_str(),
            Some("one/app.py")
        );
        // A name only the other one defines is still found.
        assert_eq!(
            resolve(index, "user", "only_in_two"),
            "function app.only_in_two"
        );
        // Both modules' functions have ids.
        assert_eq!(index.function_count(), 4);
    }
}

#[test]
fn packages_win_over_modules_and_sources_over_stubs() {
    let index = project(&[
        ("foo.py", "def f(): pass\n"),
        ("foo/__init__.py", "def f(): pass\n"),
        ("bar.pyi", "def g(): ...\n"),
        ("bar.py", "def g(): pass\n"),
    ]);
    let Resolution::Function(f) = index.resolve("foo", "f") else {
        panic!()
    };
    assert!(
        index
            .module(index.function_module(f).unwrap())
            .unwrap()
            .is_package()
    );
    let Resolution::Function(g) = index.resolve("bar", "g") else {
        panic!()
    };
    assert!(
        !index
            .module(index.function_module(g).unwrap())
            .unwrap()
            .is_stub()
    );
}

#[test]
fn depth_caps_end_long_chains() {
    let mut files: Vec<(String, String)> = (0..200)
        .map(|i| (format!("m{i}.py"), format!("from m{} import f\n", i + 1)))
        .collect();
    files.push(("m200.py".to_owned(), "def f(): pass\n".to_owned()));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(path, source)| (path.as_str(), source.as_str()))
        .collect();
    let index = project(&borrowed);
    assert_eq!(resolve(&index, "m190", "f"), "function m200.f");
    // Too long a chain: given up, not a hang or a crash.
    assert_eq!(resolve(&index, "m0", "f"), "unknown");
}
