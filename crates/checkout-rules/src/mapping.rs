//! Between a dialect's request and the canonical session, from the
//! canonical paths in the dialect's field tables: one normaliser, run by the
//! walker as it checks a request of any dialect, and one writer that writes
//! a session as any dialect's request. Only payment methods, whose
//! vocabulary differs from one provider to the next, are read and written
//! by the dialect ([`MethodField`]).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use crate::canonical::{
    self, Address, CanonicalField, CheckoutSession, LineItem, Mapping, PaymentMethod, Slot,
};
use crate::currency::Currency;
use crate::json::{Json, Object, Value};
use crate::message::{join, msg};
use crate::money::Money;
use crate::schema::DialectSpec;
use crate::schema::{Extra, Field, MethodField, ObjectSpec, Request, Rule, read};
use crate::violation::Code;
use crate::walker::{Read, Visitor};
use crate::writer::{Writer, money_text, string};

/// Builds the canonical session of a request while the walker checks it:
/// the walker hands over each field it has checked, with what its rule read
/// (after the field's own members, and each element of a list after its
/// fields), so that the normaliser looks no field up and parses no value
/// again.
#[derive(Debug)]
pub(crate) struct Normaliser<'s, 'a> {
    methods: Option<&'static MethodField>,
    /// The session, built where the report holds it: it is large, and
    /// each move of it is a copy.
    session: &'s mut CheckoutSession<'a>,
    has_amount: bool,
    /// The items so far, and the fields of the one being walked.
    items: Vec<LineItem<'a>>,
    item: ItemFields<'a>,
    /// The fields of the address being walked.
    address: Address<'a>,
    /// A value the rules passed could not be read: the tables and the rules
    /// disagree (a bug, which the caller reports).
    broken: bool,
}

/// An item's fields, as they come.
#[derive(Debug, Default)]
struct ItemFields<'a> {
    name: Option<Cow<'a, str>>,
    sku: Option<Cow<'a, str>>,
    quantity: Option<i64>,
    unit_price: Option<Money>,
}

impl<'s, 'a> Normaliser<'s, 'a> {
    /// A normaliser that builds the session in `slot`.
    pub fn new(
        spec: &'static DialectSpec,
        currency: Currency,
        slot: &'s mut Option<CheckoutSession<'a>>,
    ) -> Option<Normaliser<'s, 'a>> {
        let zero = Money::from_minor(0, currency).ok()?;
        Some(Normaliser {
            methods: spec.methods.as_ref(),
            session: slot.insert(CheckoutSession::new(zero)),
            has_amount: false,
            items: Vec::new(),
            item: ItemFields::default(),
            address: Address::default(),
            broken: false,
        })
    }

    fn read(&mut self, field: &Field, value: Json<'_, 'a>, read: Read) -> Option<()> {
        let s = &mut *self.session;
        let money = || match read {
            Read::Money(money) => Some(money),
            _ => None,
        };
        let integer = || match read {
            Read::Integer(i) => Some(i),
            _ => None,
        };
        match field.mapping {
            Mapping::Amount => {
                s.amount = money()?;
                self.has_amount = true;
            }
            Mapping::Items => s.items = core::mem::take(&mut self.items),
            Mapping::ItemName => self.item.name = Some(value.text()?),
            Mapping::ItemSku => self.item.sku = Some(value.text()?),
            Mapping::ItemQuantity => self.item.quantity = Some(integer()?),
            Mapping::ItemUnitPrice => self.item.unit_price = Some(money()?),
            Mapping::PaymentMethods => s.payment_methods = read_methods(self.methods?, value)?,
            Mapping::ClientIp => match read {
                Read::Ip(ip) => s.client_ip = Some(ip),
                _ => return None,
            },
            Mapping::Metadata => s.metadata = Some(value.to_object()?),
            Mapping::Address(which) => {
                *canonical::address_mut(s, which) = Some(core::mem::take(&mut self.address));
            }
            Mapping::AddressField(field) => {
                let (_, set) = field.address_slot()?;
                *set(&mut self.address) = Some(value.text()?);
            }
            Mapping::Slot(field) => match field.slot()? {
                Slot::Text(_, set) => *set(s) = Some(value.text()?),
                Slot::Count(_, set) => *set(s) = Some(u32::try_from(integer()?).ok()?),
                Slot::Money(_, set) => *set(s) = Some(money()?),
            },
            // Groups' members come on their own; the currency is the
            // amount's.
            Mapping::Group | Mapping::Currency | Mapping::ItemExtra | Mapping::None => {}
        }
        Some(())
    }

    /// Adds the headers the dialect maps, once the whole request is known
    /// to be valid; whether the session is whole.
    pub fn finish(self, spec: &DialectSpec, request: &Request<'_, 'a>) -> bool {
        for header in spec.headers {
            // The header first: the slot is found by its path, and most
            // requests carry none of these headers.
            if let Some(value) = request.header(header.name)
                && let Some(Slot::Text(_, set)) = header.canonical.and_then(CanonicalField::slot)
            {
                *set(self.session) = Some(Cow::Borrowed(value));
            }
        }
        self.has_amount && !self.broken
    }
}

impl<'a> Visitor<'a> for Normaliser<'_, 'a> {
    /// Reads `field`, whose value is `value` and has passed its rule, which
    /// read `read` from it.
    fn field(&mut self, field: &Field, value: Json<'_, 'a>, read: Read) {
        if self.read(field, value, read).is_none() {
            self.broken = true;
        }
    }

    /// A list of `len` elements that each follow `item` starts.
    fn list(&mut self, len: usize, item: &Rule) {
        if line_item_spec(item).is_some() {
            self.items.reserve_exact(len);
        }
    }

    /// An element of a list has been walked: when the list holds the items,
    /// the item is complete.
    fn element(&mut self, element: Json<'_, 'a>, item: &Rule, read: Read) {
        let Some(spec) = line_item_spec(item) else {
            return;
        };
        let fields = core::mem::take(&mut self.item);
        // The walker saw whether the item has members beyond its fields.
        let extra = match (spec.extra, read) {
            (Extra::Allow, Read::Object { extra: true }) => read::extra(element, spec),
            _ => None,
        };
        match (fields.name, fields.quantity, fields.unit_price) {
            (Some(name), Some(quantity), Some(unit_price)) => self.items.push(LineItem {
                name,
                sku: fields.sku,
                quantity,
                unit_price,
                extra,
            }),
            _ => self.broken = true,
        }
    }
}

/// The spec of a list's elements when they are the order's items: objects
/// with an item name.
fn line_item_spec(item: &Rule) -> Option<&'static ObjectSpec> {
    match item {
        Rule::Object(spec) if spec.fields.iter().any(|f| f.mapping == Mapping::ItemName) => {
            Some(spec)
        }
        _ => None,
    }
}

/// Writes `session` as the dialect's body and headers.
pub(crate) fn write(spec: &DialectSpec, session: &CheckoutSession<'_>, w: &mut Writer) {
    write_object(spec, spec.body, "", session, w);
    for header in spec.headers {
        if let Some(canonical) = header.canonical
            && let Some(Slot::Text(get, _)) = canonical.slot()
        {
            w.header(
                header.name,
                get(session).map(AsRef::as_ref),
                canonical,
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
        let Some(path) = field.canonical else {
            // An object that only groups other fields.
            if let (Mapping::Group, Rule::Object(inner)) = (field.mapping, &field.rule) {
                write_object(dialect, inner, &pointer, s, w);
            }
            continue;
        };
        match (field.mapping, &field.rule) {
            (Mapping::Amount, Rule::Amount(amount)) => {
                w.uses(path);
                w.money(&pointer, s.amount, amount.unit);
            }
            (Mapping::Currency, _) => {
                w.put(&pointer, Value::string(s.amount.currency().code()));
            }
            (
                Mapping::Items,
                Rule::List {
                    item: Rule::Object(inner),
                    ..
                },
            ) => write_items(field, inner, &pointer, s, w),
            (Mapping::PaymentMethods, _) => {
                let placed = dialect.methods.as_ref().is_some_and(|methods| {
                    write_methods(methods, dialect.name, &s.payment_methods, &pointer, w)
                });
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
                    w.put(&pointer, Value::from(metadata.to_static()));
                }
            }
            (Mapping::Address(which), Rule::Object(inner)) => {
                w.uses(path);
                if let Some(address) = canonical::address(s, which) {
                    w.put(&pointer, Value::from(address_object(address, inner)));
                }
            }
            (Mapping::Slot(canonical), rule) => match canonical.slot() {
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

/// The methods a valid value of a payment-method field names.
fn read_methods(field: &MethodField, value: Json<'_, '_>) -> Option<Vec<PaymentMethod>> {
    match field {
        MethodField::Words(words) => value
            .as_array()?
            .map(|word| {
                let word = word.as_str()?;
                let (_, method) = words.iter().find(|(w, _)| *w == word)?;
                Some(method.clone())
            })
            .collect(),
        MethodField::ProviderId => Some(alloc::vec![PaymentMethod::ProviderSpecific(
            String::from(value.as_str()?)
        )]),
        MethodField::Only(_, method) => Some(alloc::vec![(*method).clone()]),
    }
}

/// Writes the session's methods at `at`, or says why the field cannot hold
/// them; `false` when the field has no place for them at all, so that they
/// are reported as left out.
fn write_methods(
    field: &MethodField,
    target: &str,
    methods: &[PaymentMethod],
    at: &str,
    w: &mut Writer,
) -> bool {
    match field {
        MethodField::Words(words) => {
            if methods.is_empty() {
                return true;
            }
            let mut written = Vec::new();
            for (i, method) in methods.iter().enumerate() {
                match words.iter().find(|(_, m)| m == method) {
                    Some((word, _)) => written.push(Value::string(*word)),
                    None => {
                        let names: Vec<&str> = words.iter().map(|(word, _)| *word).collect();
                        let (verb, name) = match method {
                            PaymentMethod::ProviderSpecific(id) => ("forces", id.as_str()),
                            PaymentMethod::Card => ("allows", "card"),
                            PaymentMethod::MpesaStk => ("allows", "mpesa_stk"),
                        };
                        w.cannot_hold(
                            &msg!(at, "/", i),
                            Code::CannotConvert,
                            msg!(
                                target,
                                " offers only ",
                                join(&names, " and "),
                                "; the request ",
                                verb,
                                " `",
                                name,
                                "`"
                            ),
                        );
                    }
                }
            }
            // An empty list allows no way to pay; when no method could be
            // held, the violations above say why, and nothing is written.
            if !written.is_empty() {
                w.put(at, Value::from(written));
            }
            true
        }
        MethodField::ProviderId => match methods {
            [PaymentMethod::ProviderSpecific(id)] => {
                w.put(at, Value::string(id.clone()));
                true
            }
            methods
                if methods
                    .iter()
                    .any(|m| matches!(m, PaymentMethod::ProviderSpecific(_))) =>
            {
                w.cannot_hold(
                    at,
                    Code::CannotConvert,
                    msg!(
                        target,
                        " forces at most one payment method; the request names several"
                    ),
                );
                true
            }
            // Kinds of method allowed have no place in a field that only
            // forces one of the provider's own: they are reported as left out.
            _ => false,
        },
        &MethodField::Only(word, only) => {
            if methods.is_empty() {
                w.filled(
                    CanonicalField::PaymentMethods,
                    msg!(
                        target,
                        " requires `",
                        crate::json::pointer::to_dotted(at),
                        "` and allows only `",
                        word,
                        "`; it is set to `",
                        word,
                        "`"
                    ),
                );
            } else if !methods.contains(only) {
                w.cannot_hold(
                    at,
                    Code::CannotConvert,
                    msg!(
                        target,
                        " accepts only ",
                        word,
                        " payments, and the request does not allow ",
                        word,
                        "s"
                    ),
                );
            } else if methods.len() > 1 {
                w.dropped(
                    CanonicalField::PaymentMethods,
                    msg!(
                        target,
                        " accepts only ",
                        word,
                        " payments; the other methods are left out"
                    ),
                );
            }
            w.put(at, Value::string(word));
            true
        }
    }
}

fn write_items(field: &Field, spec: &ObjectSpec, at: &str, s: &CheckoutSession, w: &mut Writer) {
    w.uses(CanonicalField::Items);
    for canonical in spec.fields.iter().filter_map(|f| f.canonical) {
        w.uses(canonical);
    }
    if spec.extra == Extra::Allow {
        w.uses(CanonicalField::ItemExtra);
    }
    if s.items.is_empty() {
        if field.required {
            w.missing(at, CanonicalField::Items);
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
                        w.missing(&msg!(at, "/", i, "/", f.name), CanonicalField::ItemSku);
                        continue;
                    }
                    None => continue,
                },
                (Mapping::ItemQuantity, _) => {
                    Value::number_text(crate::message::integer_text(item.quantity))
                }
                (Mapping::ItemUnitPrice, Rule::Amount(amount)) => {
                    Value::number_text(money_text(item.unit_price, amount.unit))
                }
                _ => continue,
            };
            o.set(f.name, value);
        }
        items.push(Value::from(o));
    }
    w.put(at, Value::from(items));
}

fn address_object(address: &Address<'_>, spec: &ObjectSpec) -> Object<'static> {
    let mut o = Object::default();
    for field in spec.fields {
        if let Mapping::AddressField(canonical) = field.mapping
            && let Some((get, _)) = canonical.address_slot()
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

    /// The normaliser takes what each rule read, and builds items and
    /// addresses from fields as they come: each mapping must sit on the rule
    /// that reads its kind of value, and items and addresses must hold only
    /// their own plain fields.
    #[test]
    fn every_mapping_sits_on_a_rule_that_reads_its_value() {
        let only_scalars = |spec: &ObjectSpec| {
            spec.fields
                .iter()
                .all(|f| !matches!(f.rule, Rule::Object(_) | Rule::List { .. }))
        };
        let (mut address_fields, mut in_addresses) = (0, 0);
        each_object(&mut |dialect, spec| {
            for field in spec.fields {
                let name = field.name;
                let ok = match (field.mapping, &field.rule) {
                    (Mapping::Amount | Mapping::ItemUnitPrice, rule) => {
                        matches!(rule, Rule::Amount(_))
                    }
                    (Mapping::ItemQuantity, rule) => matches!(rule, Rule::Integer(_)),
                    (Mapping::ClientIp, rule) => matches!(rule, Rule::Ip),
                    (Mapping::Slot(c), rule) => match c.slot() {
                        Some(Slot::Money(..)) => matches!(rule, Rule::Amount(_)),
                        Some(Slot::Count(..)) => matches!(rule, Rule::Integer(_)),
                        Some(Slot::Text(..)) => rule.json_type() == "string",
                        None => false,
                    },
                    (Mapping::ItemName | Mapping::ItemSku | Mapping::AddressField(_), rule) => {
                        rule.json_type() == "string"
                    }
                    (Mapping::Items, Rule::List { item, .. }) => {
                        line_item_spec(item).is_some_and(only_scalars)
                    }
                    (Mapping::Address(_), Rule::Object(inner)) => {
                        in_addresses += inner.fields.len();
                        only_scalars(inner)
                            && inner
                                .fields
                                .iter()
                                .all(|f| matches!(f.mapping, Mapping::AddressField(_)))
                    }
                    (Mapping::Items | Mapping::Address(_), _) => false,
                    _ => true,
                };
                assert!(
                    ok,
                    "{dialect}: `{name}` has {:?} on {:?}",
                    field.mapping, field.rule
                );
                if let Mapping::AddressField(_) = field.mapping {
                    address_fields += 1;
                }
            }
        });
        assert_eq!(
            address_fields, in_addresses,
            "an address field outside an address"
        );
    }

    /// Every canonical field a table names is one the normaliser reads
    /// (an item's other members are kept as they come, and name none), and
    /// every header's is a text slot.
    #[test]
    fn every_canonical_field_in_the_tables_is_mapped() {
        each_object(&mut |dialect, spec| {
            for field in spec.fields {
                if let Some(canonical) = field.canonical {
                    assert_ne!(
                        field.mapping,
                        Mapping::None,
                        "{dialect}: {} names {canonical}",
                        field.name
                    );
                }
            }
        });
        for dialect in Dialect::ALL {
            for header in dialect.spec().headers {
                assert!(
                    header
                        .canonical
                        .is_none_or(|c| matches!(c.slot(), Some(Slot::Text(..)))),
                    "{dialect}: {}",
                    header.name
                );
            }
        }
    }
}
