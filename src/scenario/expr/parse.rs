//! Tokenizer and parser for scenario expressions.
//!
//! The grammar is deliberately tiny (arithmetic, comparisons, `and`/`or`/`not`,
//! dotted names and a few functions) so that a teacher can read every
//! condition in a scenario, and so that every error can point at a column.

use std::ops::Range;

/// A parse tree node with the byte range it came from (relative to the
/// expression text), so later checks can point at the offending part.
#[derive(Debug, Clone, PartialEq)]
pub struct Ast {
    /// What this node is.
    pub kind: AstKind,
    /// Where it is in the expression text.
    pub span: Range<usize>,
}

/// The shapes an expression can take before names are resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum AstKind {
    /// A literal number such as `60` or `0.5`.
    Num(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A dotted name such as `tension`, `us.economy` or `arms_deal`.
    Path(Vec<String>),
    /// A function call such as `min(a, b)` or `relation(a, b)`.
    Call(String, Vec<Ast>),
    /// Unary minus.
    Neg(Box<Ast>),
    /// Logical not.
    Not(Box<Ast>),
    /// A binary operator.
    Bin(BinOp, Box<Ast>, Box<Ast>),
}

/// Binary operators, in the scenario's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

impl BinOp {
    /// True for operators whose result is a truth value.
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne
        )
    }
}

/// A problem found in an expression, with the byte range it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    /// What is wrong, in plain words.
    pub message: String,
    /// Where, relative to the start of the expression text.
    pub span: Range<usize>,
    /// What would be valid instead, if we can say.
    pub help: Option<String>,
}

impl ExprError {
    pub(crate) fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        ExprError {
            message: message.into(),
            span,
            help: None,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Op(&'static str),
    LParen,
    RParen,
    Comma,
    Dot,
    End,
}

/// Longest expression text we accept; scenario expressions are one-liners.
pub const MAX_EXPR_LEN: usize = 2_000;
/// Deepest nesting we accept, so a hostile file cannot overflow the stack.
const MAX_DEPTH: usize = 64;

fn tokenize(src: &str) -> Result<Vec<(Tok, Range<usize>)>, ExprError> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'0'..=b'9' => {
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                    // A dot followed by a letter is a path separator, not a decimal point.
                    if bytes[i] == b'.' && !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                        break;
                    }
                    i += 1;
                }
                let text = &src[start..i];
                let value: f64 = text
                    .parse()
                    .map_err(|_| ExprError::new(format!("`{text}` is not a number"), start..i))?;
                out.push((Tok::Num(value), start..i));
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push((Tok::Ident(src[start..i].to_string()), start..i));
                continue;
            }
            b'(' => out.push((Tok::LParen, start..start + 1)),
            b')' => out.push((Tok::RParen, start..start + 1)),
            b',' => out.push((Tok::Comma, start..start + 1)),
            b'.' => out.push((Tok::Dot, start..start + 1)),
            b'+' | b'-' | b'*' | b'/' => {
                let op = match c {
                    b'+' => "+",
                    b'-' => "-",
                    b'*' => "*",
                    _ => "/",
                };
                out.push((Tok::Op(op), start..start + 1));
            }
            b'<' | b'>' | b'=' | b'!' => {
                let two = bytes.get(i + 1) == Some(&b'=');
                let op = match (c, two) {
                    (b'<', true) => "<=",
                    (b'<', false) => "<",
                    (b'>', true) => ">=",
                    (b'>', false) => ">",
                    (b'=', true) => "==",
                    (b'!', true) => "!=",
                    (b'=', false) => {
                        return Err(ExprError::new(
                            "a single `=` is not a comparison",
                            start..start + 1,
                        )
                        .with_help("write `==` to compare two values"));
                    }
                    _ => {
                        return Err(ExprError::new("unexpected `!`", start..start + 1)
                            .with_help("write `not` for negation and `!=` for 'different from'"));
                    }
                };
                let len = if two { 2 } else { 1 };
                out.push((Tok::Op(op), start..start + len));
                i += len;
                continue;
            }
            b'&' | b'|' => {
                let word = if c == b'&' { "and" } else { "or" };
                return Err(ExprError::new(
                    format!("`{}` is not an operator here", c as char),
                    start..start + 1,
                )
                .with_help(format!("write `{word}`")));
            }
            _ => {
                let ch = src[start..].chars().next().unwrap_or('?');
                return Err(ExprError::new(
                    format!("unexpected character `{ch}`"),
                    start..start + ch.len_utf8(),
                )
                .with_help("expressions use numbers, names, + - * /, comparisons, and/or/not, and parentheses"));
            }
        }
        i += 1;
    }
    out.push((Tok::End, src.len()..src.len()));
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, Range<usize>)>,
    pos: usize,
    depth: usize,
}

/// Parses expression text into a tree, or says where and why it cannot.
pub fn parse(src: &str) -> Result<Ast, ExprError> {
    if src.len() > MAX_EXPR_LEN {
        return Err(ExprError::new(
            format!(
                "expression is {} characters long; the limit is {MAX_EXPR_LEN}",
                src.len()
            ),
            0..src.len().min(1),
        ));
    }
    if src.trim().is_empty() {
        return Err(ExprError::new("the expression is empty", 0..src.len())
            .with_help("write a number or a condition such as `tension >= 60`"));
    }
    let mut p = Parser {
        toks: tokenize(src)?,
        pos: 0,
        depth: 0,
    };
    let ast = p.or()?;
    match p.peek() {
        Tok::End => Ok(ast),
        _ => Err(
            ExprError::new("unexpected text after the end of the expression", p.span())
                .with_help("is an operator (and, or, +, …) missing?"),
        ),
    }
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].0
    }
    fn span(&self) -> Range<usize> {
        self.toks[self.pos.min(self.toks.len() - 1)].1.clone()
    }
    fn bump(&mut self) -> (Tok, Range<usize>) {
        let t = self.toks[self.pos.min(self.toks.len() - 1)].clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }
    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Tok::Ident(s) if s == w)
    }
    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }
    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(
                "expression is nested too deeply",
                self.span(),
            ));
        }
        Ok(())
    }

    fn bin(op: BinOp, l: Ast, r: Ast) -> Ast {
        let span = l.span.start..r.span.end;
        Ast {
            kind: AstKind::Bin(op, Box::new(l), Box::new(r)),
            span,
        }
    }

    fn or(&mut self) -> Result<Ast, ExprError> {
        let mut l = self.and()?;
        while self.is_word("or") {
            self.bump();
            let r = self.and()?;
            l = Self::bin(BinOp::Or, l, r);
        }
        Ok(l)
    }

    fn and(&mut self) -> Result<Ast, ExprError> {
        let mut l = self.not()?;
        while self.is_word("and") {
            self.bump();
            let r = self.not()?;
            l = Self::bin(BinOp::And, l, r);
        }
        Ok(l)
    }

    fn not(&mut self) -> Result<Ast, ExprError> {
        if self.is_word("not") {
            let (_, s) = self.bump();
            self.enter()?;
            let inner = self.not()?;
            self.depth -= 1;
            let span = s.start..inner.span.end;
            return Ok(Ast {
                kind: AstKind::Not(Box::new(inner)),
                span,
            });
        }
        self.cmp()
    }

    fn cmp(&mut self) -> Result<Ast, ExprError> {
        let l = self.sum()?;
        let op = match self.peek() {
            Tok::Op("<") => BinOp::Lt,
            Tok::Op("<=") => BinOp::Le,
            Tok::Op(">") => BinOp::Gt,
            Tok::Op(">=") => BinOp::Ge,
            Tok::Op("==") => BinOp::Eq,
            Tok::Op("!=") => BinOp::Ne,
            _ => return Ok(l),
        };
        self.bump();
        let r = self.sum()?;
        if matches!(self.peek(), Tok::Op("<" | "<=" | ">" | ">=" | "==" | "!=")) {
            return Err(ExprError::new("comparisons cannot be chained", self.span())
                .with_help("write `a < b and b < c`"));
        }
        Ok(Self::bin(op, l, r))
    }

    fn sum(&mut self) -> Result<Ast, ExprError> {
        let mut l = self.prod()?;
        loop {
            let op = if self.is_op("+") {
                BinOp::Add
            } else if self.is_op("-") {
                BinOp::Sub
            } else {
                return Ok(l);
            };
            self.bump();
            let r = self.prod()?;
            l = Self::bin(op, l, r);
        }
    }

    fn prod(&mut self) -> Result<Ast, ExprError> {
        let mut l = self.unary()?;
        loop {
            let op = if self.is_op("*") {
                BinOp::Mul
            } else if self.is_op("/") {
                BinOp::Div
            } else {
                return Ok(l);
            };
            self.bump();
            let r = self.unary()?;
            l = Self::bin(op, l, r);
        }
    }

    fn unary(&mut self) -> Result<Ast, ExprError> {
        if self.is_op("-") {
            let (_, s) = self.bump();
            self.enter()?;
            let inner = self.unary()?;
            self.depth -= 1;
            let span = s.start..inner.span.end;
            return Ok(Ast {
                kind: AstKind::Neg(Box::new(inner)),
                span,
            });
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Ast, ExprError> {
        let (tok, span) = self.bump();
        match tok {
            Tok::Num(v) => Ok(Ast {
                kind: AstKind::Num(v),
                span,
            }),
            Tok::LParen => {
                self.enter()?;
                let inner = self.or()?;
                self.depth -= 1;
                match self.bump() {
                    (Tok::RParen, end) => Ok(Ast {
                        kind: inner.kind,
                        span: span.start..end.end,
                    }),
                    (_, s) => Err(ExprError::new("missing `)`", s).with_help(format!(
                        "the `(` at column {} is never closed",
                        span.start + 1
                    ))),
                }
            }
            Tok::Ident(name) => {
                if name == "true" || name == "false" {
                    return Ok(Ast {
                        kind: AstKind::Bool(name == "true"),
                        span,
                    });
                }
                if matches!(name.as_str(), "and" | "or" | "not") {
                    return Err(ExprError::new(
                        format!("`{name}` needs a value before it"),
                        span,
                    ));
                }
                if matches!(self.peek(), Tok::LParen) {
                    self.bump();
                    self.enter()?;
                    let mut args = Vec::new();
                    if !matches!(self.peek(), Tok::RParen) {
                        loop {
                            args.push(self.or()?);
                            if matches!(self.peek(), Tok::Comma) {
                                self.bump();
                                continue;
                            }
                            break;
                        }
                    }
                    self.depth -= 1;
                    return match self.bump() {
                        (Tok::RParen, end) => Ok(Ast {
                            kind: AstKind::Call(name, args),
                            span: span.start..end.end,
                        }),
                        (_, s) => Err(ExprError::new(
                            format!("missing `)` to close the call to `{name}`"),
                            s,
                        )),
                    };
                }
                let mut parts = vec![name];
                let mut end = span.end;
                while matches!(self.peek(), Tok::Dot) {
                    self.bump();
                    match self.bump() {
                        (Tok::Ident(n), s) => {
                            parts.push(n);
                            end = s.end;
                        }
                        (_, s) => {
                            return Err(ExprError::new("expected a name after `.`", s));
                        }
                    }
                }
                Ok(Ast {
                    kind: AstKind::Path(parts),
                    span: span.start..end,
                })
            }
            Tok::End => Err(ExprError::new("the expression ends too early", span)
                .with_help("a value is missing after the last operator")),
            _ => Err(ExprError::new("expected a number, a name or `(`", span)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_of_and_over_or() {
        let ast = parse("a or b and c").unwrap();
        match ast.kind {
            AstKind::Bin(BinOp::Or, _, r) => {
                assert!(matches!(r.kind, AstKind::Bin(BinOp::And, _, _)))
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn dotted_paths_and_decimals() {
        let ast = parse("us.economy * 0.5").unwrap();
        match ast.kind {
            AstKind::Bin(BinOp::Mul, l, r) => {
                assert_eq!(l.kind, AstKind::Path(vec!["us".into(), "economy".into()]));
                assert_eq!(r.kind, AstKind::Num(0.5));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse("tension >= 60 && x").unwrap_err();
        assert_eq!(e.span, 14..15);
        assert!(e.help.unwrap().contains("and"));
        let e = parse("(1 + 2").unwrap_err();
        assert!(e.message.contains(")"));
        let e = parse("a = 3").unwrap_err();
        assert_eq!(e.span, 2..3);
        assert!(parse("1 < 2 < 3").is_err());
        assert!(parse("").is_err());
        assert!(parse("1 +").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let src = format!("{}1{}", "(".repeat(500), ")".repeat(500));
        assert!(parse(&src).is_err());
        let src = "-".repeat(1000) + "1";
        assert!(parse(&src).is_err());
    }
}
