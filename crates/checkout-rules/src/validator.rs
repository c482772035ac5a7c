//! `validator::Validate` for the typed bodies: the same rules, codes and
//! parameters, in `validator`'s error tree.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;

use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

use crate::body::{Flutterwave, Kiotapay, Nairopay, Orchestrator, Payviox, TypedBody};
use crate::violation::{Param, Violation};

/// `validator`'s key for errors of the value as a whole.
const WHOLE: &str = "__all__";

fn validate(body: &impl TypedBody) -> Result<(), ValidationErrors> {
    let report = body.check();
    if report.is_valid() {
        return Ok(());
    }
    let mut errors = ValidationErrors::new();
    for violation in &report.violations {
        let segments: alloc::vec::Vec<String> =
            crate::json::pointer::segments(&violation.path).collect();
        insert(&mut errors, &segments, error(violation));
    }
    Err(errors)
}

/// Files `error` under the path `segments`: objects become nested structs,
/// array indices lists, the last key the field.
fn insert(errors: &mut ValidationErrors, segments: &[String], error: ValidationError) {
    let (key, rest) = match segments {
        [] => (String::from(WHOLE), &[][..]),
        [key, rest @ ..] => (key.clone(), rest),
    };
    let entry = errors.0.entry(Cow::Owned(key));
    match rest {
        [] => {
            let kind = entry.or_insert_with(|| ValidationErrorsKind::Field(alloc::vec::Vec::new()));
            match kind {
                ValidationErrorsKind::Field(list) => list.push(error),
                // A container with errors of its own: keep them under `__all__`.
                ValidationErrorsKind::Struct(inner) => insert(inner, &[], error),
                ValidationErrorsKind::List(items) => {
                    let inner = items.entry(usize::MAX).or_default();
                    insert(inner, &[], error);
                }
            }
        }
        [index, tail @ ..] if index.parse::<usize>().is_ok() => {
            let i = index.parse::<usize>().unwrap_or(usize::MAX);
            let kind = entry.or_insert_with(|| ValidationErrorsKind::List(Default::default()));
            if let ValidationErrorsKind::Field(own) = kind {
                let own = core::mem::take(own);
                let mut list = alloc::collections::BTreeMap::new();
                let mut whole = ValidationErrors::new();
                whole
                    .0
                    .insert(Cow::Borrowed(WHOLE), ValidationErrorsKind::Field(own));
                list.insert(usize::MAX, Box::new(whole));
                *kind = ValidationErrorsKind::List(list);
            }
            if let ValidationErrorsKind::List(items) = kind {
                insert(items.entry(i).or_default(), tail, error);
            }
        }
        tail => {
            let kind = entry
                .or_insert_with(|| ValidationErrorsKind::Struct(Box::new(ValidationErrors::new())));
            if let ValidationErrorsKind::Field(own) = kind {
                let mut inner = ValidationErrors::new();
                inner.0.insert(
                    Cow::Borrowed(WHOLE),
                    ValidationErrorsKind::Field(core::mem::take(own)),
                );
                *kind = ValidationErrorsKind::Struct(Box::new(inner));
            }
            if let ValidationErrorsKind::Struct(inner) = kind {
                insert(inner, tail, error);
            }
        }
    }
}

/// One violation as a `validator` error: its code, its message and its
/// parameters.
fn error(violation: &Violation) -> ValidationError {
    let mut error = ValidationError::new(violation.code.as_str())
        .with_message(Cow::Owned(violation.message.clone()));
    for (name, value) in &violation.params {
        let json = match value {
            Param::Int(i) => serde_json::Value::from(*i),
            Param::Text(t) => serde_json::Value::from(t.as_ref()),
            Param::List(items) => items
                .iter()
                .map(|i| serde_json::Value::from(i.as_ref()))
                .collect(),
        };
        error.params.insert(Cow::Borrowed(*name), json);
    }
    error
}

macro_rules! validate_typed_bodies {
    ($($body:ty),*) => {
        $(
            impl Validate for $body {
                fn validate(&self) -> Result<(), ValidationErrors> {
                    validate(self)
                }
            }
        )*
    };
}

validate_typed_bodies!(Nairopay, Kiotapay, Payviox, Orchestrator, Flutterwave);
