//! The dictionary versions compiled in, as JSON for `GET /v1/dictionary/{version}` and
//! `GET /v1/rules/{id}`: read from the generated models, like `scor dictionary`.

use scor_dictionary::schema::{Content, Node};
use scor_dictionary::{DICTIONARIES, Dictionary, Rule};
use serde_json::{Value, json};

/// The version named `version`, or the newest for `latest`.
pub fn version(version: &str) -> Option<&'static Dictionary> {
    match version {
        "latest" => DICTIONARIES.last().copied(),
        _ => scor_dictionary::dictionary(version),
    }
}

/// One rule as its row of `rules.csv` says it.
pub fn rule(rule: &Rule) -> Value {
    serde_json::to_value(rule).unwrap_or(Value::Null)
}

/// A dictionary version: messages with their element trees, limits, code lists, routes and rules.
pub fn dictionary(d: &Dictionary) -> Value {
    let messages: Vec<Value> = d
        .messages
        .iter()
        .map(|m| {
            json!({
                "profil": m.profil, "root": m.root, "namespace": m.namespace, "version": m.version,
                "description": m.description, "file": m.file.example, "confidential": m.confidential,
                "elements": nodes(m.children),
            })
        })
        .collect();
    let limits: Vec<Value> = d
        .limits
        .iter()
        .map(|l| json!({"name": l.name, "value": l.value, "unit": l.unit, "provenance": l.provenance, "source": l.source}))
        .collect();
    let code_lists: Vec<Value> = d
        .code_lists
        .iter()
        .map(|list| {
            let codes: Vec<Value> = list.entries.iter().map(|e| json!({"code": e.code, "label": e.label})).collect();
            json!({"key": list.key, "codes": codes})
        })
        .collect();
    let routes: Vec<Value> =
        d.routes.iter().map(|r| json!({"regime": r.regime, "code": r.code, "address": r.address})).collect();
    let rules: Vec<Value> = d.rules.iter().map(|r| rule(r)).collect();
    json!({
        "version": d.version, "checksum": d.checksum, "messages": messages, "limits": limits,
        "code_lists": code_lists, "routes": routes, "rules": rules,
    })
}

fn nodes(nodes: &[Node]) -> Vec<Value> {
    nodes
        .iter()
        .map(|node| {
            let max = (node.max != u32::MAX).then_some(node.max);
            match &node.content {
                Content::Group(children) => {
                    json!({"name": node.name, "min": node.min, "max": max, "children": self::nodes(children)})
                }
                Content::Field(field) => json!({
                    "name": node.name, "min": node.min, "max": max, "id": field.id, "label": field.name,
                    "type": format!("{:?}", field.kind).to_ascii_lowercase(),
                    "min_length": field.min_length, "max_length": field.max_length,
                    "code_list": field.code_list.as_ref().map(|list| list.key),
                    "provenance": field.provenance,
                }),
            }
        })
        .collect()
}
