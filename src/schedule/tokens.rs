//! Splitting window text into tokens, and a cursor to walk them.

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of ASCII digits; `value` saturates at `u64::MAX`.
    Num { value: u64, digits: usize },
    /// A run of letters (lowercased).
    Word,
    /// `:`
    Colon,
    /// `-`, `–` or `—`.
    Dash,
    /// A whole ISO 8601 / RFC 3339 chunk such as `2026-11-23t09:00`.
    Iso,
    /// Any other character.
    Other,
}

/// One token and the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    /// What the token is.
    pub kind: Kind,
    /// The lowercased source text.
    pub text: String,
    /// True if whitespace came before it (to quote the input faithfully).
    pub spaced: bool,
}

impl Token {
    /// True if this is the word `w`.
    pub fn is_word(&self, w: &str) -> bool {
        self.kind == Kind::Word && self.text == w
    }

    /// The word, if this is a word.
    pub fn word(&self) -> Option<&str> {
        (self.kind == Kind::Word).then_some(self.text.as_str())
    }

    /// The number, if this is a number.
    pub fn num(&self) -> Option<(u64, usize)> {
        match self.kind {
            Kind::Num { value, digits } => Some((value, digits)),
            _ => None,
        }
    }
}

/// Splits `input` into tokens. Case is folded, commas count as spaces and
/// `a.m.`/`p.m.` become `am`/`pm`.
pub(super) fn lex(input: &str) -> Vec<Token> {
    let text = input
        .to_lowercase()
        .replace("a.m.", "am")
        .replace("p.m.", "pm")
        .replace(',', " ");
    let mut out = Vec::new();
    for chunk in text.split_whitespace() {
        let first = out.len();
        if is_iso_like(chunk) {
            out.push(Token {
                kind: Kind::Iso,
                text: chunk.to_string(),
                spaced: false,
            });
        } else {
            lex_chunk(chunk, &mut out);
        }
        if let Some(t) = out.get_mut(first).filter(|_| first > 0) {
            t.spaced = true;
        }
    }
    out
}

/// True for a chunk that starts like `YYYY-M`.
fn is_iso_like(chunk: &str) -> bool {
    let b = chunk.as_bytes();
    b.len() >= 6 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5].is_ascii_digit()
}

fn lex_chunk(chunk: &str, out: &mut Vec<Token>) {
    let mut chars = chunk.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut text = String::from(c);
            let mut value = u64::from(c as u8 - b'0');
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                chars.next();
                text.push(d);
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(u64::from(d as u8 - b'0')))
                    .unwrap_or(u64::MAX);
            }
            let digits = text.len();
            out.push(Token {
                kind: Kind::Num { value, digits },
                text,
                spaced: false,
            });
        } else if c.is_alphabetic() {
            let mut text = String::from(c);
            while let Some(&d) = chars.peek().filter(|d| d.is_alphabetic()) {
                chars.next();
                text.push(d);
            }
            out.push(Token {
                kind: Kind::Word,
                text,
                spaced: false,
            });
        } else {
            let kind = match c {
                ':' => Kind::Colon,
                '-' | '–' | '—' => Kind::Dash,
                _ => Kind::Other,
            };
            out.push(Token {
                kind,
                text: c.to_string(),
                spaced: false,
            });
        }
    }
}

/// A position in a token list.
#[derive(Debug, Clone)]
pub(super) struct Cursor<'a> {
    toks: &'a [Token],
    /// Index of the next token.
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the first token.
    pub fn new(toks: &'a [Token]) -> Self {
        Cursor { toks, pos: 0 }
    }

    /// The token `n` places ahead.
    pub fn peek_at(&self, n: usize) -> Option<&'a Token> {
        self.toks.get(self.pos.checked_add(n)?)
    }

    /// The next token.
    pub fn peek(&self) -> Option<&'a Token> {
        self.peek_at(0)
    }

    /// The word `n` places ahead, if it is a word.
    pub fn word_at(&self, n: usize) -> Option<&'a str> {
        self.peek_at(n).and_then(Token::word)
    }

    /// True if the next token is the word `w`.
    pub fn is_word(&self, w: &str) -> bool {
        self.peek().is_some_and(|t| t.is_word(w))
    }

    /// Takes the next token.
    pub fn bump(&mut self) -> Option<&'a Token> {
        let t = self.peek()?;
        self.pos += 1;
        Some(t)
    }

    /// Takes the next token if it is one of `words`.
    pub fn eat_any(&mut self, words: &[&str]) -> bool {
        let hit = self.word_at(0).is_some_and(|w| words.contains(&w));
        if hit {
            self.pos += 1;
        }
        hit
    }

    /// The source text of tokens `from..self.pos`, spaced as in the input.
    pub fn text_since(&self, from: usize) -> String {
        let end = self.pos.min(self.toks.len());
        let from = from.min(end);
        let mut text = String::new();
        for (i, t) in self.toks[from..end].iter().enumerate() {
            if i > 0 && t.spaced {
                text.push(' ');
            }
            text.push_str(&t.text);
        }
        text
    }

    /// The text of the next token, or `fallback` at the end.
    pub fn here(&self, fallback: &str) -> String {
        self.peek()
            .map_or_else(|| fallback.to_string(), |t| t.text.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<String> {
        lex(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn lexes_glued_forms() {
        assert_eq!(kinds("3:30PM"), ["3", ":", "30", "pm"]);
        assert_eq!(kinds("15h30"), ["15", "h", "30"]);
        assert_eq!(kinds("25th Nov, 2026"), ["25", "th", "nov", "2026"]);
        assert_eq!(kinds("2-4 p.m."), ["2", "-", "4", "pm"]);
        assert_eq!(kinds("2026-11-23T09:00 x"), ["2026-11-23t09:00", "x"]);
        assert_eq!(
            lex("99999999999999999999999")[0].num(),
            Some((u64::MAX, 23))
        );
        assert_eq!(lex("é🙂")[1].kind, Kind::Other);
    }
}
