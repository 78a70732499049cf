//! Classes across modules: bases, MRO, methods, subclasses.
#![allow(clippy::unwrap_used, missing_docs)]

mod support;

use antivenom_project::{BaseClass, ClassId, FunctionKind, ProjectIndex, Resolution};
use support::{dotted, project, resolve};

fn class(index: &ProjectIndex, module: &str, name: &str) -> ClassId {
    match index.resolve(module, name) {
        Resolution::Class(id) => id,
        other => panic!("{module}.{name}: {other:?}"),
    }
}

fn names(index: &ProjectIndex, classes: &[ClassId]) -> Vec<String> {
    classes
        .iter()
        .map(|&id| index.class_qualified_name(id))
        .collect()
}

#[test]
fn method_lookup_through_a_base_in_another_module() {
    let index = project(&[
        (
            "app/base.py",
            "class Base:\n    def __init__(self, x):\n        self.x = x\n    def run(self, cmd):\n        pass\n    def other(self):\n        pass\n",
        ),
        (
            "app/child.py",
            "from .base import Base\nclass Child(Base):\n    def other(self):\n        pass\n",
        ),
        ("app/__init__.py", ""),
    ]);
    let child = class(&index, "app.child", "Child");
    let base = class(&index, "app.base", "Base");
    assert_eq!(index.bases(child), [BaseClass::Project(base)]);
    assert_eq!(index.mro(child), [child, base]);
    let run = index.method(child, "run").unwrap();
    assert_eq!(index.function_qualified_name(run), "app.base.Base.run");
    assert_eq!(index.function_qualname(run), "Base.run");
    assert_eq!(index.class_of(run), Some(base));
    let other = index.method(child, "other").unwrap();
    assert_eq!(
        index.function_qualified_name(other),
        "app.child.Child.other"
    );
    assert_eq!(
        index.function_qualified_name(index.init_of(child).unwrap()),
        "app.base.Base.__init__"
    );
    assert_eq!(index.subclasses(base), [child]);
    assert_eq!(
        names(&index, index.classes_defining("other")),
        ["app.base.Base", "app.child.Child"]
    );
    assert_eq!(
        names(&index, index.classes_defining("run")),
        ["app.base.Base"]
    );
    assert!(index.classes_defining("missing").is_empty());
    assert_eq!(
        dotted(&index, "app.child", "Child.run"),
        "function app.base.Base.run"
    );
    assert_eq!(
        index.function_qualified_name(index.method_after(child, child, "other").unwrap()),
        "app.base.Base.other"
    );
}

#[test]
fn c3_mro_of_a_diamond() {
    let index = project(&[(
        "m.py",
        "class A:\n    def f(self): pass\nclass B(A): pass\nclass C(A):\n    def f(self): pass\nclass D(B, C): pass\n",
    )]);
    let [a, b, c, d] = ["A", "B", "C", "D"].map(|name| class(&index, "m", name));
    assert_eq!(index.mro(d), [d, b, c, a]);
    // C3: C.f comes before A.f for D.
    assert_eq!(
        index.function_qualified_name(index.method(d, "f").unwrap()),
        "m.C.f"
    );
    assert_eq!(
        index.function_qualified_name(index.method(b, "f").unwrap()),
        "m.A.f"
    );
    let mut below_a = index.all_subclasses(a);
    below_a.sort();
    assert_eq!(below_a, [b, c, d]);
    // super().f() in B on a D instance goes to C.
    assert_eq!(
        index.function_qualified_name(index.method_after(d, b, "f").unwrap()),
        "m.C.f"
    );
}

#[test]
fn inconsistent_and_cyclic_hierarchies_do_not_hang() {
    let index = project(&[
        (
            "m.py",
            "class X: pass\nclass Y(X): pass\nclass Z(X, Y): pass\n",
        ),
        ("cyc_a.py", "from cyc_b import B\nclass A(B): pass\n"),
        ("cyc_b.py", "from cyc_a import A\nclass B(A): pass\n"),
    ]);
    let [x, y, z] = ["X", "Y", "Z"].map(|name| class(&index, "m", name));
    // C3 fails (Python rejects Z); depth-first fallback.
    assert_eq!(index.mro(z), [z, x, y]);
    let a = class(&index, "cyc_a", "A");
    let b = class(&index, "cyc_b", "B");
    assert!(index.mro(a).starts_with(&[a]));
    assert!(index.mro(b).starts_with(&[b]));
    assert_eq!(index.method(a, "missing"), None);
}

#[test]
fn external_bases_give_external_attributes() {
    let index = project(&[(
        "views.py",
        "import requests\nfrom django.views import View\nclass S(requests.Session):\n    pass\nclass V(View):\n    def get(self, request): pass\nclass W(V): pass\n",
    )]);
    let s = class(&index, "views", "S");
    let w = class(&index, "views", "W");
    assert_eq!(
        index.bases(s),
        [BaseClass::External("requests.Session".to_owned())]
    );
    assert_eq!(
        dotted(&index, "views", "S.get"),
        "external requests.Session.get"
    );
    assert_eq!(dotted(&index, "views", "W.get"), "function views.V.get");
    assert_eq!(
        dotted(&index, "views", "W.as_view"),
        "external django.views.View.as_view"
    );
    assert_eq!(index.external_bases(w), ["django.views.View"]);
}

#[test]
fn method_kinds_attributes_and_nested_classes() {
    let index = project(&[
        ("helpers.py", "def handle(x): pass\n"),
        (
            "m.py",
            "import helpers\n\
             class C(Generic[T], metaclass=Meta):\n\
             \x20   limit: int = 3\n\
             \x20   handler = helpers.handle\n\
             \x20   @staticmethod\n\
             \x20   def s(a, /, b=1, *args, c, d=2, **kw): pass\n\
             \x20   @classmethod\n\
             \x20   def k(cls): pass\n\
             \x20   @property\n\
             \x20   def p(self) -> 'C': pass\n\
             \x20   @p.setter\n\
             \x20   def p(self, value): pass\n\
             \x20   def get(self, request: 'Request', other: Optional[helpers.Thing] = None): pass\n\
             \x20   post = get\n\
             \x20   class Meta:\n\
             \x20       ordering = ['x']\n\
             \x20   class Inner(Meta): pass\n",
        ),
    ]);
    let c = class(&index, "m", "C");
    let symbol = index.class(c).unwrap();
    assert_eq!(symbol.bases, ["Generic"]);
    let attributes: Vec<&str> = symbol.attributes.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(attributes, ["limit", "handler", "post"]);
    let kind = |name: &str| index.function(index.method(c, name).unwrap()).unwrap().kind;
    assert_eq!(kind("s"), FunctionKind::StaticMethod);
    assert_eq!(kind("k"), FunctionKind::ClassMethod);
    assert_eq!(kind("p"), FunctionKind::Property);
    assert_eq!(kind("get"), FunctionKind::Method);
    // The getter, not the setter.
    let getter = index.function(index.method(c, "p").unwrap()).unwrap();
    assert_eq!(getter.decorators, ["property"]);
    assert_eq!(getter.returns.as_deref(), Some("C"));
    // `post = get` aliases the method; `handler` a module function.
    assert_eq!(index.method(c, "post"), index.method(c, "get"));
    assert_eq!(dotted(&index, "m", "C.handler"), "function helpers.handle");
    let s = index.function(index.method(c, "s").unwrap()).unwrap();
    let parameters: Vec<(&str, bool)> = s
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.has_default))
        .collect();
    assert_eq!(
        parameters,
        [
            ("a", false),
            ("b", true),
            ("args", false),
            ("c", false),
            ("d", true),
            ("kw", false)
        ]
    );
    let get = index.function(index.method(c, "get").unwrap()).unwrap();
    let annotations: Vec<Option<&str>> = get
        .parameters
        .iter()
        .map(|p| p.annotation.as_deref())
        .collect();
    assert_eq!(annotations, [None, Some("Request"), Some("helpers.Thing")]);
    assert_eq!(dotted(&index, "m", "C.Meta"), "class m.C.Meta");
    let inner = match index.resolve_dotted("m", "C.Inner") {
        Resolution::Class(id) => id,
        other => panic!("{other:?}"),
    };
    assert_eq!(index.class_qualname(inner), "C.Inner");
    let meta = class_of_dotted(&index, "m", "C.Meta");
    assert_eq!(index.bases(inner), [BaseClass::Project(meta)]);
    assert_eq!(resolve(&index, "m", "Meta"), "unknown");
}

fn class_of_dotted(index: &ProjectIndex, module: &str, dotted: &str) -> ClassId {
    match index.resolve_dotted(module, dotted) {
        Resolution::Class(id) => id,
        other => panic!("{other:?}"),
    }
}

#[test]
fn decorators_and_ids_round_trip() {
    let index = project(&[(
        "views.py",
        "@app.route('/x', methods=['GET'])\n@login_required\nasync def x(): pass\ndef y(): pass\n",
    )]);
    let module = index.module_named("views").unwrap();
    let ids: Vec<_> = index.functions_of(module).collect();
    assert_eq!(ids.len(), 2);
    let x = index.function(ids[0]).unwrap();
    assert_eq!(x.decorators, ["app.route", "login_required"]);
    assert!(x.is_async);
    assert_eq!(index.function_at(module, x.range), Some(ids[0]));
    assert_eq!(index.function_named(module, "y"), Some(ids[1]));
    assert_eq!(index.function_module_name(ids[1]), "views");
    assert_eq!(
        index.function_range(ids[1]),
        index.function(ids[1]).unwrap().range
    );
}
