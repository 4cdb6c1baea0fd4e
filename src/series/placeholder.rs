//! The placeholders a script may use, and the values they are filled with.

use std::fmt;

/// A slot in a script, filled from a [`TemplateContext`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placeholder {
    /// `{first_name}`: the prospect's first name.
    FirstName,
    /// `{name}`: the prospect's full name.
    Name,
    /// `{company}`: the prospect's company.
    Company,
    /// `{product}`: the product they are likely to choose.
    Product,
    /// `{last_contact}`: date and time of the last contact.
    LastContact,
    /// `{last_note}`: what was discussed last time.
    LastNote,
    /// `{agreed_time}`: the callback time agreed with the prospect.
    AgreedTime,
    /// `{my_name}`: the consultant's name.
    MyName,
    /// `{my_phone}`: the consultant's phone number.
    MyPhone,
    /// `{my_company}`: the consultant's company.
    MyCompany,
    /// `{suggested_times}`: a few call slots to offer.
    SuggestedTimes,
    /// `{next_call}`: when the consultant will call next.
    NextCall,
}

impl Placeholder {
    /// Every placeholder, in documentation order.
    pub const ALL: &'static [Placeholder] = &[
        Placeholder::FirstName,
        Placeholder::Name,
        Placeholder::Company,
        Placeholder::Product,
        Placeholder::LastContact,
        Placeholder::LastNote,
        Placeholder::AgreedTime,
        Placeholder::MyName,
        Placeholder::MyPhone,
        Placeholder::MyCompany,
        Placeholder::SuggestedTimes,
        Placeholder::NextCall,
    ];

    /// The name written between braces.
    pub fn name(self) -> &'static str {
        match self {
            Placeholder::FirstName => "first_name",
            Placeholder::Name => "name",
            Placeholder::Company => "company",
            Placeholder::Product => "product",
            Placeholder::LastContact => "last_contact",
            Placeholder::LastNote => "last_note",
            Placeholder::AgreedTime => "agreed_time",
            Placeholder::MyName => "my_name",
            Placeholder::MyPhone => "my_phone",
            Placeholder::MyCompany => "my_company",
            Placeholder::SuggestedTimes => "suggested_times",
            Placeholder::NextCall => "next_call",
        }
    }

    /// The words used when the value is missing or blank.
    pub fn fallback(self) -> &'static str {
        match self {
            Placeholder::FirstName | Placeholder::Name => "there",
            Placeholder::Company => "your team",
            Placeholder::Product => "the options we looked at",
            Placeholder::LastContact => "when we last spoke",
            Placeholder::LastNote => "nothing was noted",
            Placeholder::AgreedTime => "the time we agreed",
            Placeholder::MyName => "your consultant",
            Placeholder::MyPhone => "this number",
            Placeholder::MyCompany => "our team",
            Placeholder::SuggestedTimes => "a few times that suit you",
            Placeholder::NextCall => "again soon",
        }
    }

    /// The placeholder with this name, if any.
    pub fn from_name(name: &str) -> Option<Placeholder> {
        Placeholder::ALL.iter().copied().find(|p| p.name() == name)
    }
}

impl fmt::Display for Placeholder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The values a script is rendered with, pre-formatted by the caller. A `None`
/// or blank value is replaced by the placeholder's fallback.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateContext {
    /// The prospect's first name.
    pub first_name: Option<String>,
    /// The prospect's full name.
    pub name: Option<String>,
    /// The prospect's company.
    pub company: Option<String>,
    /// The product they are likely to choose.
    pub product: Option<String>,
    /// Date and time of the last contact, formatted.
    pub last_contact: Option<String>,
    /// What was discussed last time.
    pub last_note: Option<String>,
    /// The agreed callback time, formatted.
    pub agreed_time: Option<String>,
    /// The consultant's name.
    pub my_name: Option<String>,
    /// The consultant's phone number.
    pub my_phone: Option<String>,
    /// The consultant's company.
    pub my_company: Option<String>,
    /// Call slots to offer, formatted (see [`format_suggested_times`](super::format_suggested_times)).
    pub suggested_times: Option<String>,
    /// When the consultant will call next, formatted.
    pub next_call: Option<String>,
}

impl TemplateContext {
    /// The value for a placeholder, trimmed, or its fallback when missing or blank.
    pub fn value(&self, p: Placeholder) -> &str {
        self.known(p).unwrap_or_else(|| p.fallback())
    }

    /// The value for a placeholder, trimmed, when it is known (not blank).
    pub fn known(&self, p: Placeholder) -> Option<&str> {
        let v = match p {
            Placeholder::FirstName => &self.first_name,
            Placeholder::Name => &self.name,
            Placeholder::Company => &self.company,
            Placeholder::Product => &self.product,
            Placeholder::LastContact => &self.last_contact,
            Placeholder::LastNote => &self.last_note,
            Placeholder::AgreedTime => &self.agreed_time,
            Placeholder::MyName => &self.my_name,
            Placeholder::MyPhone => &self.my_phone,
            Placeholder::MyCompany => &self.my_company,
            Placeholder::SuggestedTimes => &self.suggested_times,
            Placeholder::NextCall => &self.next_call,
        };
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
}
