//! `checkout-rules amount to-minor | to-major`.

use std::io::Write;

use checkout_rules::{Currency, Money};
use clap::Subcommand;

use crate::Outcome;

#[derive(Subcommand, Debug)]
pub enum Direction {
    /// Major units to minor units: `to-minor 12.34 KES` prints 1234.
    ToMinor {
        /// A decimal in major units, e.g. 12.34.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// An ISO 4217 currency code, e.g. KES.
        currency: String,
    },
    /// Minor units to major units: `to-major 1234 KES` prints 12.34.
    ToMajor {
        /// An integer in minor units, e.g. 1234.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// An ISO 4217 currency code, e.g. KES.
        currency: String,
    },
}

pub fn run(direction: &Direction, out: &mut impl Write) -> Outcome {
    let result = match direction {
        Direction::ToMinor { amount, currency } => currency_for(currency).and_then(|c| {
            Money::from_major_str(amount, c)
                .map(|m| m.minor().to_string())
                .map_err(|e| format!("`{amount}` is not an amount of {c}: {e}"))
        }),
        Direction::ToMajor { amount, currency } => currency_for(currency).and_then(|c| {
            Money::from_minor_str(amount, c)
                .map(Money::to_major_string)
                .map_err(|e| format!("`{amount}` is not an amount of {c} in minor units: {e}"))
        }),
    };
    match result {
        Ok(text) => match writeln!(out, "{text}") {
            Ok(()) => Outcome::AllValid,
            Err(e) => {
                eprintln!("checkout-rules: cannot write: {e}");
                Outcome::Failed
            }
        },
        Err(message) => {
            eprintln!("checkout-rules: {message}");
            Outcome::SomeInvalid
        }
    }
}

fn currency_for(code: &str) -> Result<Currency, String> {
    Currency::from_code(code).ok_or_else(|| {
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            format!("`{code}` is not an ISO 4217 currency code, current or historic")
        } else {
            format!(
                "`{code}` is not an ISO 4217 currency code (three upper-case letters, such as KES)"
            )
        }
    })
}
