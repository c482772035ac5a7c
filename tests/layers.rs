//! The core's top-level modules form layers without a cycle: each module
//! uses only modules below it (docs/architecture.md draws them). Read from
//! the source's `crate::` paths, leaving out comments, the crate root (which
//! re-exports) and each module's unit tests (which may use the facade).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use checkout_rules_conformance::repo_root;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every top-level module's uses of other top-level modules.
fn module_graph(src: &Path) -> Graph {
    let mut graph = Graph::new();
    let mut files = vec![src.to_path_buf()];
    while let Some(path) = files.pop() {
        // A folder without `mod.rs` (the generated tables) is not a module:
        // its files are `include!`d by one.
        if path.is_dir() && path != src && !path.join("mod.rs").exists() {
            continue;
        }
        if path.is_dir() {
            files.extend(
                std::fs::read_dir(&path)
                    .expect("a folder")
                    .map(|e| e.expect("an entry").path()),
            );
            continue;
        }
        let relative = path.strip_prefix(src).expect("under src");
        if path.extension().is_none_or(|e| e != "rs") || relative == Path::new("lib.rs") {
            continue;
        }
        let first = relative.components().next().expect("a component");
        let module = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        let text = std::fs::read_to_string(&path).expect("a source file");
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        let code = code
            .split("#[cfg(test)]\npub(crate) mod tests")
            .next()
            .unwrap_or_default();
        let uses = graph.entry(module.clone()).or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                let name: String = line[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    uses.insert(name);
                }
            }
        }
    }
    graph
}

/// The modules in layers, lowest first: each layer uses only those below
/// it. `Err` names the modules left on a cycle.
fn layers(graph: &Graph) -> Result<Vec<Vec<String>>, Vec<String>> {
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut layers = Vec::new();
    while placed.len() < graph.len() {
        let layer: Vec<String> = graph
            .iter()
            .filter(|(m, uses)| {
                !placed.contains(m.as_str())
                    && uses
                        .iter()
                        .all(|u| placed.contains(u.as_str()) || !graph.contains_key(u))
            })
            .map(|(m, _)| m.clone())
            .collect();
        if layer.is_empty() {
            return Err(graph
                .keys()
                .filter(|m| !placed.contains(m.as_str()))
                .cloned()
                .collect());
        }
        layers.push(layer);
        for m in layers.last().expect("just pushed") {
            placed.insert(graph.get_key_value(m).expect("a module").0);
        }
    }
    Ok(layers)
}

#[test]
fn the_core_modules_form_layers_without_a_cycle() {
    let graph = module_graph(&repo_root().join("crates/checkout-rules/src"));
    assert!(graph.len() >= 20, "{graph:?}");
    let layers = layers(&graph).unwrap_or_else(|cycle| {
        let uses: Vec<String> = cycle
            .iter()
            .map(|m| format!("{m} -> {:?}", graph[m]))
            .collect();
        panic!(
            "these modules use each other in a cycle:\n{}",
            uses.join("\n")
        )
    });
    for (i, layer) in layers.iter().enumerate() {
        println!("{i}: {}", layer.join(", "));
    }
    // The JSON layer knows nothing of money, violations or rules (it has
    // its own error type); the rules nothing of the tables; the tables
    // nothing of the dialects.
    for (module, forbidden) in [
        (
            "json",
            &[
                "money",
                "violation",
                "report",
                "rules",
                "canonical",
                "schema",
            ][..],
        ),
        ("rules", &["schema", "canonical", "mapping", "dialect"][..]),
        ("schema", &["mapping", "dialect", "convert", "report"][..]),
        ("violation", &["json", "report", "canonical"][..]),
    ] {
        for f in forbidden {
            assert!(!graph[module].contains(*f), "{module} uses {f}");
        }
    }
}

#[test]
fn a_cycle_is_found() {
    let graph: Graph = [("a", ["b"]), ("b", ["c"]), ("c", ["a"]), ("d", ["a"])]
        .into_iter()
        .map(|(m, u)| (m.to_owned(), u.iter().map(|s| (*s).to_owned()).collect()))
        .collect();
    assert_eq!(
        layers(&graph),
        Err(vec!["a".into(), "b".into(), "c".into(), "d".into()])
    );
    let acyclic: Graph = [("a", vec![]), ("b", vec!["a"]), ("c", vec!["a", "b"])]
        .into_iter()
        .map(|(m, u)| (m.to_owned(), u.iter().map(|s| (*s).to_owned()).collect()))
        .collect();
    assert_eq!(
        layers(&acyclic),
        Ok(vec![vec!["a".into()], vec!["b".into()], vec!["c".into()]])
    );
}
