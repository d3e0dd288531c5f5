// Rows checked against git by `scripts/verify-pattern-table` (git check-ignore --no-index -v):
// anchored patterns past a globstar (whose states the scopes of a directory and its children
// share).
// Patterns and paths are raw strings; `{xNN}` is the byte 0xNN.

// swift-format-ignore
let globstarRows: [DecisionRow] = [
  // Globstars reached at different depths, shared by the directories below.
  row([#"a/**/z"#, #"!a/b/**/z"#], #"a/b/c/d/e/z"#, .file, .inc(1)),
  row([#"a/**/z"#, #"!a/b/**/z"#], #"a/c/d/z"#, .file, .ex(0)),
  row([#"a/**/z"#, #"!a/b/c/d/**/z"#], #"a/b/c/d/z"#, .file, .inc(1)),
  row([#"a/**/z"#, #"!a/b/c/d/**/z"#], #"a/b/c/z"#, .file, .ex(0)),
  row([#"a/**/z"#, #"!a/b/c/d/**/z"#], #"a/b/c/x/d/z"#, .file, .ex(0)),
  row([#"a/**/x"#, #"a/b/**/x"#, #"!a/b/c/**/x"#, #"a/b/c/d/**/x"#], #"a/b/c/d/e/x"#, .file, .ex(3)),
  row([#"a/**/x"#, #"a/b/**/x"#, #"!a/b/c/**/x"#, #"a/b/c/d/**/x"#], #"a/b/c/e/x"#, .file, .inc(2)),
  row([#"a/**/x"#, #"a/b/**/x"#, #"!a/b/c/**/x"#, #"a/b/c/d/**/x"#], #"a/b/e/x"#, .file, .ex(1)),
  row([#"a/**/x"#, #"a/b/**/x"#, #"!a/b/c/**/x"#, #"a/b/c/d/**/x"#], #"a/e/x"#, .file, .ex(0)),
  row([#"!a/b/c/**/x"#, #"a/**/x"#], #"a/b/c/x"#, .file, .ex(1)),
  row([#"**/q*/z"#, #"a/b/c/**/y"#], #"a/b/c/q1/z"#, .file, .ex(0)),
  row([#"**/q*/z"#, #"a/b/c/**/y"#], #"a/b/c/d/e/y"#, .file, .ex(1)),
  row([#"**/q*/z"#, #"a/b/c/**/y"#], #"a/b/d/e/y"#, .file, .unmatched),
  row([#"a/b/c/**/z"#], #"a/b/x/y/z"#, .file, .unmatched),
  row([#"a/b/c/**/z"#], #"a/b/c/x/z"#, .file, .ex(0)),
  row([#"a/*/c/**/"#], #"a/b/c/d/e"#, .file, .ex(0)),
  row([#"a/*/c/**/"#], #"a/b/c"#, .dir, .unmatched),
  row([#"a/*/c/**/"#], #"a/b/c/d"#, .file, .unmatched),
  row([#"a/*/c/**/"#], #"a/b/c/d"#, .dir, .ex(0)),
  row([#"a/**/x/"#, #"!a/b/**/x"#], #"a/b/x"#, .dir, .inc(1)),
  row([#"a/**/x/"#, #"!a/b/**/x"#], #"a/c/x"#, .dir, .ex(0)),
  row([#"a/**/x/"#, #"!a/b/**/x"#], #"a/c/x"#, .file, .unmatched),
  row([#"d/**/y"#, #"d/d/d/d/d/d/d/d/**/z"#], #"d/d/d/d/d/d/d/d/d/d/z"#, .file, .ex(1)),
  row([#"d/**/y"#, #"d/d/d/d/d/d/d/d/**/z"#], #"d/d/d/d/z"#, .file, .unmatched),
  row([#"d/**/y"#, #"d/d/d/d/d/d/d/d/**/z"#], #"d/d/d/d/d/d/d/d/d/d/y"#, .file, .ex(0)),
  row([#"d/**/d*/y"#, #"!d/d/**/d*/y"#], #"d/d/d/d/dd/y"#, .file, .inc(1)),
  row([#"d/**/d*/y"#, #"!d/d/**/d*/y"#], #"d/e/dd/y"#, .file, .ex(0)),
]
