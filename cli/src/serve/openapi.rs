//! The OpenAPI 3.1 document of `scor serve`, written from the endpoint table the router is built from
//! (committed as `cli/openapi.json`; a test checks the committed file is the one served).

use super::endpoints::{ENDPOINTS, Endpoint};
use scor_dictionary::Limit;
use serde_json::{Map, Value, json};

/// The document as served at `/v1/openapi.json` and printed by `scor openapi`.
pub fn document_text() -> String {
    serde_json::to_string_pretty(&document()).unwrap_or_default() + "\n"
}

/// The document: one path item per endpoint path.
pub fn document() -> Value {
    let max = scor_dictionary::latest::DICTIONARY.limit(Limit::MessageMaxBytes);
    let mut paths = Map::new();
    for endpoint in ENDPOINTS {
        let item = paths.entry(endpoint.path).or_insert_with(|| json!({}));
        item[endpoint.method] = operation(endpoint, max);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "scor-kit",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Checks SCOR lots (French health insurance, scanned supporting documents) against the dictionary and predicts their ARL. Stateless; loopback by default. Reports are JSON by default, SARIF, JUnit XML, HTML or text by `Accept` or `?format=`.",
            "license": { "name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0" },
        },
        "paths": paths,
        "components": {
            "schemas": {
                "Problem": {
                    "type": "object",
                    "required": ["status", "error"],
                    "properties": { "status": { "type": "integer" }, "error": { "type": "string" } },
                },
            },
        },
    })
}

fn operation(endpoint: &Endpoint, max_body_bytes: u64) -> Value {
    let mut operation = json!({ "summary": endpoint.summary, "responses": responses(endpoint) });
    let mut parameters: Vec<Value> = path_parameters(endpoint.path);
    if endpoint.method == "post" && endpoint.produces.len() > 1 {
        parameters.push(json!({
            "name": "format", "in": "query", "required": false,
            "description": "Report format; overrides Accept.",
            "schema": { "type": "string", "enum": ["json", "sarif", "junit", "html", "text"] },
        }));
    }
    if endpoint.path == "/v1/rules/{id}" {
        parameters.push(json!({
            "name": "spec", "in": "query", "required": false,
            "description": "Dictionary version (default: the one served).", "schema": { "type": "string" },
        }));
    }
    if !parameters.is_empty() {
        operation["parameters"] = Value::Array(parameters);
    }
    if !endpoint.accepts.is_empty() {
        let content: Map<String, Value> =
            endpoint.accepts.iter().map(|media| ((*media).to_owned(), body_schema(media, max_body_bytes))).collect();
        operation["requestBody"] = json!({
            "required": true,
            "description": format!("At most {max_body_bytes} bytes (message_max_bytes of the dictionary); 413 beyond."),
            "content": content,
        });
    }
    operation
}

fn path_parameters(path: &str) -> Vec<Value> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
        .collect()
}

fn body_schema(media: &str, max_body_bytes: u64) -> Value {
    if media == "multipart/form-data" {
        json!({ "schema": {
            "type": "object",
            "properties": { "files": { "type": "array", "items": { "type": "string", "contentMediaType": "application/octet-stream" } } },
        } })
    } else {
        json!({ "schema": { "type": "string", "contentMediaType": media, "maxLength": max_body_bytes } })
    }
}

fn responses(endpoint: &Endpoint) -> Value {
    let mut responses = Map::new();
    for (status, description) in endpoint.statuses {
        let content: Map<String, Value> = if (200..300).contains(status) || *status == 422 {
            endpoint.produces.iter().map(|media| ((*media).to_owned(), json!({}))).collect()
        } else {
            [("application/json".to_owned(), json!({ "schema": { "$ref": "#/components/schemas/Problem" } }))]
                .into_iter()
                .collect()
        };
        responses.insert(status.to_string(), json!({ "description": description, "content": content }));
    }
    Value::Object(responses)
}
