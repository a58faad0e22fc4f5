//! Per-policy costs of the core, each stage alone: parsing the text, reading it into the model
//! (normalize + rules + schema: what `check` does per document), and the rules alone on an
//! already normalized policy.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark set-up")]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pimlint::{Document, Options};

fn stages(c: &mut Criterion) {
    let generator = pimlint_bench::Generator::new();
    let documents: Vec<String> = (0..20)
        .map(|i| serde_json::to_string(&generator.document(i)).unwrap())
        .collect();
    let bytes: usize = documents.iter().map(String::len).sum();
    let values: Vec<serde_json::Value> = documents
        .iter()
        .map(|d| serde_json::from_str(d).unwrap())
        .collect();
    let options = Options::default();
    let no_schema = Options {
        schema: false,
        ..Options::default()
    };
    let policies: Vec<Document> = values
        .iter()
        .flat_map(|v| pimlint::check_value(v, &no_schema))
        .filter_map(|r| r.document)
        .collect();

    let mut group = c.benchmark_group("per 20 policies");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse into IgnoredAny", |b| {
        b.iter(|| {
            for d in &documents {
                black_box(serde_json::from_str::<serde::de::IgnoredAny>(d).unwrap());
            }
        });
    });
    group.bench_function("parse into Value", |b| {
        b.iter(|| {
            for d in &documents {
                black_box(serde_json::from_str::<serde_json::Value>(d).unwrap());
            }
        });
    });
    group.bench_function("check_str (parse, normalize, rules, schema)", |b| {
        b.iter(|| {
            for d in &documents {
                black_box(pimlint::check_str(d, &options).unwrap());
            }
        });
    });
    group.bench_function("check_value without schema (normalize, rules)", |b| {
        b.iter(|| {
            for v in &values {
                black_box(pimlint::check_value(v, &no_schema));
            }
        });
    });
    group.bench_function("schema check alone", |b| {
        b.iter(|| {
            for v in &values {
                let kind = pimlint::kind::detect(v, None).unwrap();
                black_box(pimlint::schema::violations(
                    kind,
                    v,
                    &pimlint::Pointer::default(),
                    &[],
                ));
            }
        });
    });
    group.bench_function("rules alone (model already built)", |b| {
        let config = pimlint::config::Config::default();
        b.iter(|| {
            for document in &policies {
                if let Document::Policy(policy) = document {
                    let mut out = Vec::new();
                    pimlint::rules::check_policy(policy, &config, &mut out);
                    black_box(out);
                }
            }
        });
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
