//! Between a dialect's request and the canonical session, from the
//! canonical paths in the dialect's field tables: one reader that normalises
//! a valid request of any dialect, one writer that writes a session as any
//! dialect's request. Only payment methods, whose vocabulary differs from
//! one provider to the next, are read and written by the dialect
//! ([`MethodField`]).

use alloc::borrow::Cow;
use alloc::vec::Vec;

use crate::canonical::{self, Address, CheckoutSession, LineItem, PaymentMethod, Slot};
use crate::convert::{Writer, money_text, string};
use crate::currency::Currency;
use crate::dialect::DialectSpec;
use crate::json::{Object, Value};
use crate::message::msg;
use crate::money::Money;
use crate::schema::{Extra, Field, ObjectSpec, Request, Rule, read};

/// A field's canonical path, resolved when the dialect tables are compiled so
/// that reading and writing never compare path strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapping {
    /// No canonical field.
    None,
    /// An object that only groups other fields.
    Group,
    /// `amount`
    Amount,
    /// `amount.currency`
    Currency,
    /// `items`
    Items,
    /// `items[].name`
    ItemName,
    /// `items[].sku`
    ItemSku,
    /// `items[].quantity`
    ItemQuantity,
    /// `items[].unit_price`
    ItemUnitPrice,
    /// `payment_methods`
    PaymentMethods,
    /// `client_ip`
    ClientIp,
    /// `metadata`
    Metadata,
    /// `customer.billing_address` or `customer.shipping_address`.
    Address(Which),
    /// One of `address.*`, by its index in the address slots.
    AddressField(u8),
    /// A one-value field, by its index in the session's slots.
    Slot(u8),
}

/// Which of the customer's addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// Where the bill goes.
    Billing,
    /// Where the goods go.
    Shipping,
}

impl Mapping {
    /// The mapping of a canonical path; `None` for a path that is not a
    /// canonical field (a test checks that every table's paths are).
    pub(crate) const fn of(path: &str) -> Mapping {
        const NAMED: &[(&str, Mapping)] = &[
            ("amount", Mapping::Amount),
            ("amount.currency", Mapping::Currency),
            ("items", Mapping::Items),
            ("items[].name", Mapping::ItemName),
            ("items[].sku", Mapping::ItemSku),
            ("items[].quantity", Mapping::ItemQuantity),
            ("items[].unit_price", Mapping::ItemUnitPrice),
            ("payment_methods", Mapping::PaymentMethods),
            ("client_ip", Mapping::ClientIp),
            ("metadata", Mapping::Metadata),
            ("customer.billing_address", Mapping::Address(Which::Billing)),
            (
                "customer.shipping_address",
                Mapping::Address(Which::Shipping),
            ),
        ];
        let mut i = 0;
        while i < NAMED.len() {
            if canonical::const_eq(path, NAMED[i].0) {
                return NAMED[i].1;
            }
            i += 1;
        }
        if let Some(index) = canonical::address_slot_index(path) {
            return Mapping::AddressField(index);
        }
        match canonical::slot_index(path) {
            Some(index) => Mapping::Slot(index),
            None => Mapping::None,
        }
    }
}

/// How a dialect's payment-method field reads and writes canonical methods.
#[derive(Debug)]
pub struct MethodField {
    /// The methods a valid value names.
    pub(crate) read: fn(&Value<'_>) -> Option<Vec<PaymentMethod>>,
    /// Writes the session's methods at the field's pointer, or says why it
    /// cannot hold them; `false` when the field has no place for them at
    /// all, so that they are reported as left out.
    pub(crate) write: fn(&[PaymentMethod], &str, &mut Writer) -> bool,
}

/// Builds the canonical session of a request while the walker checks it:
/// the walker hands over each field it has checked, after the field's own
/// members, so that nothing is looked up or read twice.
#[derive(Debug)]
pub(crate) struct Normaliser<'a> {
    methods: Option<&'static MethodField>,
    session: CheckoutSession<'a>,
    currency: Currency,
    has_amount: bool,
    /// A value the rules passed could not be read: the tables and the rules
    /// disagree (a bug, which the caller reports).
    broken: bool,
}

impl<'a> Normaliser<'a> {
    pub fn new(spec: &'static DialectSpec, currency: Currency) -> Option<Normaliser<'a>> {
        Some(Normaliser {
            methods: spec.methods.as_ref(),
            session: CheckoutSession::new(Money::from_minor(0, currency).ok()?),
            currency,
            has_amount: false,
            broken: false,
        })
    }

    /// Reads `field`, whose value is `value` and has passed its rule.
    pub fn field(&mut self, field: &Field, value: &Value<'a>) {
        if self.read(field, value).is_none() {
            self.broken = true;
        }
    }

    fn read(&mut self, field: &Field, value: &Value<'a>) -> Option<()> {
        let (s, currency) = (&mut self.session, self.currency);
        match (field.mapping, &field.rule) {
            (Mapping::Amount, Rule::Amount(amount)) => {
                s.amount = read::money_of(value, amount.unit, currency)?;
                self.has_amount = true;
            }
            (Mapping::Items, Rule::List { item, .. }) => {
                let Rule::Object(spec) = item else {
                    return None;
                };
                let items = value.as_array()?;
                // Sized once: collecting into an `Option` cannot know the
                // length and grows the vector step by step.
                s.items = Vec::with_capacity(items.len());
                for item in items {
                    s.items.push(line_item(item.as_object()?, spec, currency)?);
                }
            }
            (Mapping::PaymentMethods, _) => s.payment_methods = (self.methods?.read)(value)?,
            (Mapping::ClientIp, _) => s.client_ip = Some(crate::rules::ip::parse(value.as_str()?)?),
            (Mapping::Metadata, _) => s.metadata = Some(read::object_of(value)?),
            (Mapping::Address(which), Rule::Object(spec)) => {
                *canonical::address_mut(s, which) = Some(address(value.as_object()?, spec)?);
            }
            (Mapping::Slot(index), rule) => match canonical::slot_at(index)? {
                Slot::Text(_, set) => *set(s) = Some(read::text_of(value)?),
                Slot::Count(_, set) => {
                    *set(s) = Some(u32::try_from(read::integer_of(value)?).ok()?)
                }
                Slot::Money(_, set) => {
                    let Rule::Amount(amount) = rule else {
                        return None;
                    };
                    *set(s) = Some(read::money_of(value, amount.unit, currency)?);
                }
            },
            // Groups' members come on their own; items and addresses are
            // read whole by their field; the currency is the amount's.
            _ => {}
        }
        Some(())
    }

    /// The session, with the headers the dialect maps: once the whole
    /// request is known to be valid.
    pub fn finish(
        mut self,
        spec: &DialectSpec,
        request: &Request<'_, 'a>,
    ) -> Option<CheckoutSession<'a>> {
        for header in spec.headers {
            if let (Some(value), Some(Slot::Text(_, set))) = (
                request.header(header.name),
                canonical::slot(header.canonical),
            ) {
                *set(&mut self.session) = Some(Cow::Borrowed(value));
            }
        }
        (self.has_amount && !self.broken).then_some(self.session)
    }
}

fn line_item<'a>(
    object: &Object<'a>,
    spec: &ObjectSpec,
    currency: Currency,
) -> Option<LineItem<'a>> {
    let (mut name, mut sku, mut quantity, mut unit_price) = (None, None, None, None);
    for (field, value) in spec.fields.iter().zip(spec.members(object).values) {
        let Some(value) = value else {
            continue;
        };
        match (field.mapping, &field.rule) {
            (Mapping::ItemName, _) => name = Some(read::text_of(value)?),
            (Mapping::ItemSku, _) => sku = Some(read::text_of(value)?),
            (Mapping::ItemQuantity, _) => quantity = Some(read::integer_of(value)?),
            (Mapping::ItemUnitPrice, Rule::Amount(amount)) => {
                unit_price = Some(read::money_of(value, amount.unit, currency)?);
            }
            _ => return None,
        }
    }
    Some(LineItem {
        name: name?,
        sku,
        quantity: quantity?,
        unit_price: unit_price?,
        extra: match spec.extra {
            Extra::Allow => read::extra(object, spec),
            Extra::Reject => None,
        },
    })
}

fn address<'a>(object: &Object<'a>, spec: &ObjectSpec) -> Option<Address<'a>> {
    let mut address = Address::default();
    for (field, value) in spec.fields.iter().zip(spec.members(object).values) {
        if let (Some(value), Mapping::AddressField(index)) = (value, field.mapping) {
            let (_, set) = canonical::address_slot_at(index)?;
            *set(&mut address) = Some(read::text_of(value)?);
        }
    }
    Some(address)
}

/// Writes `session` as the dialect's body and headers.
pub(crate) fn write(spec: &DialectSpec, session: &CheckoutSession<'_>, w: &mut Writer) {
    write_object(spec, spec.body, "", session, w);
    for header in spec.headers {
        if let Some(Slot::Text(get, _)) = canonical::slot(header.canonical) {
            w.header(
                header.name,
                get(session).map(AsRef::as_ref),
                header.canonical,
                header.required,
            );
        }
    }
}

fn write_object(
    dialect: &DialectSpec,
    spec: &ObjectSpec,
    at: &str,
    s: &CheckoutSession,
    w: &mut Writer,
) {
    for field in spec.fields {
        let pointer = msg!(at, "/", field.name);
        let path = field.canonical;
        match (field.mapping, &field.rule) {
            (Mapping::Group, Rule::Object(inner)) => write_object(dialect, inner, &pointer, s, w),
            (Mapping::Amount, Rule::Amount(amount)) => {
                w.uses(path);
                w.money(&pointer, s.amount, amount.unit);
            }
            (Mapping::Currency, _) => {
                w.put(&pointer, Value::String(s.amount.currency().code().into()));
            }
            (
                Mapping::Items,
                Rule::List {
                    item: Rule::Object(inner),
                    ..
                },
            ) => write_items(field, inner, &pointer, s, w),
            (Mapping::PaymentMethods, _) => {
                let placed = dialect
                    .methods
                    .as_ref()
                    .is_some_and(|methods| (methods.write)(&s.payment_methods, &pointer, w));
                if placed {
                    w.uses(path);
                }
            }
            (Mapping::ClientIp, _) => {
                w.text(
                    &pointer,
                    s.client_ip.map(crate::rules::ip::to_text).as_deref(),
                    path,
                );
            }
            (Mapping::Metadata, _) => {
                w.uses(path);
                if let Some(metadata) = &s.metadata {
                    w.put(&pointer, Value::Object(metadata.to_static()));
                }
            }
            (Mapping::Address(which), Rule::Object(inner)) => {
                w.uses(path);
                if let Some(address) = canonical::address(s, which) {
                    w.put(&pointer, Value::Object(address_object(address, inner)));
                }
            }
            (Mapping::Slot(index), rule) => match canonical::slot_at(index) {
                Some(Slot::Text(get, _)) if field.required => {
                    w.required_text(&pointer, get(s).map(AsRef::as_ref), path)
                }
                Some(Slot::Text(get, _)) => w.text(&pointer, get(s).map(AsRef::as_ref), path),
                Some(Slot::Count(get, _)) => w.integer(&pointer, get(s), path),
                Some(Slot::Money(get, _)) => {
                    w.uses(path);
                    if let (Some(money), Rule::Amount(amount)) = (get(s), rule) {
                        w.money(&pointer, money, amount.unit);
                    }
                }
                None => {}
            },
            _ => {}
        }
    }
}

fn write_items(field: &Field, spec: &ObjectSpec, at: &str, s: &CheckoutSession, w: &mut Writer) {
    w.uses("items");
    for f in spec.fields {
        w.uses(f.canonical);
    }
    if spec.extra == Extra::Allow {
        w.uses("items[].extra");
    }
    if s.items.is_empty() {
        if field.required {
            w.missing(at, "items");
        }
        return;
    }
    let mut items = Vec::new();
    for (i, item) in s.items.iter().enumerate() {
        let mut o = match spec.extra {
            Extra::Allow => item
                .extra
                .as_ref()
                .map(Object::to_static)
                .unwrap_or_default(),
            Extra::Reject => Object::default(),
        };
        for f in spec.fields {
            let value = match (f.mapping, &f.rule) {
                (Mapping::ItemName, _) => string(&item.name),
                (Mapping::ItemSku, _) => match &item.sku {
                    Some(sku) => string(sku),
                    None if f.required => {
                        w.missing(&msg!(at, "/", i, "/", f.name), f.canonical);
                        continue;
                    }
                    None => continue,
                },
                (Mapping::ItemQuantity, _) => {
                    Value::Number(crate::message::integer_text(item.quantity).into())
                }
                (Mapping::ItemUnitPrice, Rule::Amount(amount)) => {
                    Value::Number(money_text(item.unit_price, amount.unit).into())
                }
                _ => continue,
            };
            o.set(f.name, value);
        }
        items.push(Value::Object(o));
    }
    w.put(at, Value::Array(items));
}

fn address_object(address: &Address<'_>, spec: &ObjectSpec) -> Object<'static> {
    let mut o = Object::default();
    for field in spec.fields {
        if let Mapping::AddressField(index) = field.mapping
            && let Some((get, _)) = canonical::address_slot_at(index)
            && let Some(value) = get(address)
        {
            o.set(field.name, string(value));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Dialect;
    use crate::schema::tests::each_object;

    #[test]
    fn every_canonical_path_in_the_tables_is_mapped() {
        each_object(&mut |dialect, spec| {
            for field in spec.fields {
                let path = field.canonical;
                let mapped = field.mapping != Mapping::None;
                assert!(
                    path.is_empty() || mapped,
                    "{dialect}: {} names `{path}`",
                    field.name
                );
                assert!(path.is_empty() || canonical::FIELDS.contains(&path));
            }
        });
        for dialect in Dialect::ALL {
            for header in dialect.spec().headers {
                assert!(header.canonical.is_empty() || canonical::slot(header.canonical).is_some());
            }
        }
        assert_eq!(Mapping::of("customer.e_mail"), Mapping::None);
    }
}
