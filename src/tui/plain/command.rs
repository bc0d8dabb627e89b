//! The commands of plain mode: one typed line in, one [`Command`] out, or
//! a message that says what was wrong and what to type instead.

/// One thing the player asked for at the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Nothing typed: show the prompt again.
    Nothing,
    /// The list of commands.
    Help,
    /// The moves the player may order, numbered.
    Moves,
    /// The orders drafted this turn.
    Orders,
    /// Regional tension, threats, tensest pairs and the news.
    Status,
    /// The last turn's report (summary, or every line with `full`).
    Report { full: bool },
    /// The relations matrix and the sanctions in force.
    Relations,
    /// An actor's dossier (the player's own with its briefing when none
    /// is named).
    Dossier(Option<String>),
    /// What the player's objectives and the early endings stand at.
    Objectives,
    /// End the player's turn.
    End,
    /// Add move `n` (1-based, as listed by `moves`) with optional target
    /// and level words.
    Order { n: usize, args: Vec<String> },
    /// What move `n` would do, with optional target and level words.
    Preview { n: usize, args: Vec<String> },
    /// Change order `n` of the draft in place (target and level words).
    Edit { n: usize, args: Vec<String> },
    /// Remove order `n` of the draft.
    Remove(usize),
    /// Save under a name.
    Save(String),
    /// Save (when unfinished) and leave.
    Quit,
}

/// The numbered menu: number, word, what it does. The same table drives
/// parsing and `help`, so they cannot disagree.
pub const MENU: [(&str, &str, &str); 8] = [
    ("1", "moves", "list the moves you can order, numbered"),
    ("2", "orders", "your orders this turn and the capital left"),
    (
        "3",
        "status",
        "tension, threats, tensest pairs and the news",
    ),
    (
        "4",
        "report",
        "last turn's report (`report full` for every line)",
    ),
    (
        "5",
        "relations",
        "who regards whom how, and sanctions in force",
    ),
    (
        "6",
        "objectives",
        "your objectives, the endings and the tracks",
    ),
    ("7", "end", "end your turn (the others then move)"),
    ("8", "help", "this list"),
];

/// The commands that take arguments, for `help`.
pub const WITH_ARGS: [(&str, &str); 7] = [
    (
        "order N [TARGET] [LEVEL]",
        "add move N of the list; e.g. `order 3 dprk 2`",
    ),
    (
        "preview N [TARGET] [LEVEL]",
        "chance, cost and effects of move N, without ordering it",
    ),
    (
        "edit N [TARGET] [LEVEL]",
        "change order N of your list in place",
    ),
    ("remove N", "remove order N of your list"),
    (
        "dossier [ACTOR]",
        "an actor's dossier (yours, with your briefing, by default)",
    ),
    ("save NAME", "save the game under NAME"),
    (
        "quit",
        "save an unfinished game and leave (so does end of input)",
    ),
];

/// Reads one line typed at the prompt.
pub fn parse(line: &str) -> Result<Command, String> {
    let mut words = line.split_whitespace();
    let Some(first) = words.next() else {
        return Ok(Command::Nothing);
    };
    let rest: Vec<String> = words.map(str::to_string).collect();
    let head = first.to_lowercase();
    let word = MENU
        .iter()
        .find(|(n, w, _)| *n == head || *w == head)
        .map_or(head.as_str(), |(_, w, _)| *w);
    let number = |what: &str| -> Result<usize, String> {
        let Some(n) = rest.first() else {
            return Err(format!(
                "`{word}` needs a number: {what} (e.g. `{word} 1`)."
            ));
        };
        match n.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(format!(
                "`{}` is not a number; `{word}` takes {what} (e.g. `{word} 1`).",
                super::show::safe(n)
            )),
        }
    };
    let no_args = |c: Command| -> Result<Command, String> {
        if rest.is_empty() {
            Ok(c)
        } else {
            Err(format!(
                "`{word}` takes nothing after it. Type `help` for the commands."
            ))
        }
    };
    match word {
        "help" | "?" | "h" => Ok(Command::Help),
        "moves" | "m" => no_args(Command::Moves),
        "orders" | "o" => no_args(Command::Orders),
        "status" | "s" | "dashboard" => no_args(Command::Status),
        "report" | "r" => match rest.first().map(|w| w.to_lowercase()) {
            None => Ok(Command::Report { full: false }),
            Some(w) if w == "full" || w == "all" => Ok(Command::Report { full: true }),
            Some(_) => Err("`report` takes nothing, or `full` for every line.".into()),
        },
        "relations" => no_args(Command::Relations),
        "objectives" | "goals" => no_args(Command::Objectives),
        "dossier" | "d" => Ok(Command::Dossier(rest.first().cloned())),
        "end" | "e" | "done" => no_args(Command::End),
        "order" | "add" => Ok(Command::Order {
            n: number("the move's number in `moves`")?,
            args: rest[1..].to_vec(),
        }),
        "preview" | "p" => Ok(Command::Preview {
            n: number("the move's number in `moves`")?,
            args: rest[1..].to_vec(),
        }),
        "edit" => Ok(Command::Edit {
            n: number("the order's number in `orders`")?,
            args: rest[1..].to_vec(),
        }),
        "remove" | "rm" | "delete" => {
            let n = number("the order's number in `orders`")?;
            if rest.len() > 1 {
                return Err("`remove` takes one number, e.g. `remove 2`.".into());
            }
            Ok(Command::Remove(n))
        }
        "save" => {
            if rest.is_empty() {
                Err("`save` needs a name, e.g. `save before-the-summit`.".into())
            } else {
                Ok(Command::Save(rest.join(" ")))
            }
        }
        "quit" | "q" | "exit" => no_args(Command::Quit),
        _ => Err(unknown(first)),
    }
}

/// The message for a word that is no command, with the nearest one when
/// there is one.
fn unknown(word: &str) -> String {
    let w = word.to_lowercase();
    let words = MENU.iter().map(|(_, w, _)| *w).chain([
        "order", "preview", "edit", "remove", "dossier", "save", "quit",
    ]);
    let near = words
        .filter(|c| c.starts_with(&w) || w.starts_with(*c) || strsim::levenshtein(c, &w) <= 2)
        .min_by_key(|c| strsim::levenshtein(c, &w));
    let hint = near.map_or_else(String::new, |c| format!(" Did you mean `{c}`?"));
    format!(
        "Unknown command `{}`.{hint} Type `help` for the list, `1` for your moves, \
         or `order 3 dprk 2` to give an order.",
        super::show::safe(word)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_words_mean_the_same() {
        assert_eq!(parse("1"), Ok(Command::Moves));
        assert_eq!(parse(" moves "), Ok(Command::Moves));
        assert_eq!(parse("7"), Ok(Command::End));
        assert_eq!(parse(""), Ok(Command::Nothing));
        assert_eq!(parse("report full"), Ok(Command::Report { full: true }));
    }

    #[test]
    fn orders_take_a_number_and_words() {
        assert_eq!(
            parse("order 3 dprk 2"),
            Ok(Command::Order {
                n: 3,
                args: vec!["dprk".into(), "2".into()]
            })
        );
        assert_eq!(parse("remove 2"), Ok(Command::Remove(2)));
        let e = parse("order x").expect_err("not a number");
        assert!(e.contains("not a number"), "{e}");
        let e = parse("order").expect_err("no number");
        assert!(e.contains("needs a number"), "{e}");
    }

    #[test]
    fn a_typo_gets_a_suggestion() {
        let e = parse("ordr 1").expect_err("unknown");
        assert!(e.contains("Did you mean `order`?"), "{e}");
        let e = parse("\x1b[31mzzzzzz").expect_err("unknown");
        assert!(!e.contains('\x1b'), "{e}");
        assert!(e.contains("help"), "{e}");
    }
}
