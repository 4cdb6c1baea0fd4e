//! How a contact attempt was made and how it went, and what a next step is.

/// Declares a closed set of words stored in the book and typed on the command
/// line, with one canonical spelling each.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical word, as stored in the book.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::DomainError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                      .ok_or_else(|| $crate::domain::DomainError::UnknownWord {
                        what: $what,
                        given: s.to_string(),
                        expected: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}
pub(crate) use word_enum;

word_enum! {
    /// How an attempt reached (or failed to reach) the prospect.
    Outcome, "outcome" {
        /// Spoke with the prospect.
        Reached => "reached",
        /// Called and left a voicemail.
        Voicemail => "voicemail",
        /// Called; nobody answered and no message was left.
        NoAnswer => "no-answer",
        /// Sent an email.
        Email => "email",
        /// Met in person or on a video call.
        Meeting => "meeting",
        /// Gave the prospect a quote (at a visit, a meeting or on the
        /// phone): an appointment of its own, where the follow-up starts.
        Quote => "quote",
    }
}

word_enum! {
    /// The medium of a contact attempt.
    Channel, "channel" {
        /// A phone call.
        Call => "call",
        /// A voicemail left on a call.
        Voicemail => "voicemail",
        /// An email.
        Email => "email",
        /// A text message.
        Text => "text",
        /// A meeting (in person or video).
        Meeting => "meeting",
        /// A visit to the prospect's home or site.
        Visit => "visit",
    }
}

word_enum! {
    /// What the next step is.
    Action, "action" {
        /// Phone the prospect.
        Call => "call",
        /// Email the prospect.
        Email => "email",
        /// Visit the prospect.
        Visit => "visit",
        /// Hold a meeting.
        Meeting => "meeting",
        /// Send a text message.
        Text => "text",
    }
}

impl Outcome {
    /// The channel an outcome implies when none is given.
    pub fn default_channel(self) -> Channel {
        match self {
            Outcome::Reached | Outcome::NoAnswer => Channel::Call,
            Outcome::Voicemail => Channel::Voicemail,
            Outcome::Email => Channel::Email,
            Outcome::Meeting => Channel::Meeting,
            Outcome::Quote => Channel::Visit,
        }
    }

    /// True when the prospect was actually spoken to: it ends a voicemail chase.
    pub fn is_contact(self) -> bool {
        matches!(self, Outcome::Reached | Outcome::Meeting | Outcome::Quote)
    }

    /// True for an appointment (a meeting or visit held, a quote given):
    /// the debriefs are owed right after it. The book's triggers
    /// (migration 015) keep the same list.
    pub fn owes_debrief(self) -> bool {
        matches!(self, Outcome::Meeting | Outcome::Quote)
    }
}
