/// git's wildmatch (`dowild` in wildmatch.c, case-sensitive) over a compiled `GlobProgram`.
///
/// The recursion of `dowild` is run on an explicit stack, so thousands of asterisks cannot
/// overflow the thread stack. git's abort codes and "advance faster" scan are kept as they are
/// (they decide what matches in corner cases). Because the result of a `dowild` call depends
/// only on its pattern and text positions, a match that takes unusually many calls is redone
/// with a memo table of those results (and of the results of each star's loop over positions),
/// which bounds the work by a polynomial (git itself is exponential for patterns such as
/// `**/**/**/.../x`).
enum Wildmatch {
  /// The results of `dowild`.
  enum Outcome: UInt8 {
    case match = 1
    case noMatch
    case abortAll
    case abortToStarstar
  }

  /// Whether `program` matches the whole of `text`; `pathname` is git's WM_PATHNAME flag.
  static func matches(
    _ program: GlobProgram, text: UnsafeBufferPointer<UInt8>, pathname: Bool
  ) -> Bool {
    guard program.admits(text) else { return false }
    return program.tokens.withUnsafeBufferPointer { tokens in
      program.byteSets.withUnsafeBufferPointer { byteSets in
        let run = WildmatchRun(
          tokens: tokens, byteSets: byteSets, text: text, pathname: pathname)
        if program.starCount == 0 {
          return run.evaluateWithoutStars() == .match
        }
        return withUnsafeTemporaryAllocation(
          of: WildmatchRun.Frame.self, capacity: program.starCount
        ) { frames in
          let budget = 256 + 16 * (text.count + 1)
          if let outcome = run.run(frames: frames, memo: nil, callBudget: budget) {
            return outcome == .match
          }
          let memoCount = WildmatchRun.memoRowsPerStar * program.starCount * (text.count + 1)
          let memo = UnsafeMutablePointer<UInt8>.allocate(capacity: memoCount)
          memo.initialize(repeating: 0, count: memoCount)
          defer { memo.deallocate() }
          return run.run(frames: frames, memo: memo, callBudget: Int.max) == .match
        }
      }
    }
  }
}

/// The state of one wildmatch evaluation.
struct WildmatchRun {
  /// A `dowild` call suspended in its `*` case, waiting for the result of a nested call.
  struct Frame {
    /// The index of the star token.
    var star: Int
    /// The text position the nested call started at.
    var text: Int
    /// git's `match_slash` for this star.
    var matchSlash: Bool
    /// Whether the nested call is the `**/` "matches zero directories" attempt.
    var awaitingShortcut: Bool
    /// The text position the star's loop over positions started at.
    var loopStart: Int
  }

  /// Memo rows per star: results of the nested call of the loop, of the `**/` shortcut call,
  /// and of the loop itself, each by text position.
  static let memoRowsPerStar = 3

  private enum Step {
    case evaluate(pattern: Int, text: Int)
    case beginStar(star: Int, text: Int)
    case starLoop(star: Int, text: Int, matchSlash: Bool, loopStart: Int)
    case deliver(Wildmatch.Outcome)
  }

  private enum Stop {
    case finished(Wildmatch.Outcome)
    case star(Int, text: Int)
  }

  let tokens: UnsafeBufferPointer<GlobToken>
  let byteSets: UnsafeBufferPointer<ByteSet>
  let text: UnsafeBufferPointer<UInt8>
  let pathname: Bool

  /// The text byte at `index`, or 0 (git's terminating NUL) past the end.
  @inline(__always)
  private func byte(_ index: Int) -> UInt8 { index < text.count ? text[index] : 0 }

  /// `dowild` for a program without stars.
  func evaluateWithoutStars() -> Wildmatch.Outcome {
    switch evaluate(pattern: 0, text: 0) {
    case .finished(let outcome): return outcome
    case .star: return .abortAll
    }
  }

  /// Runs `dowild` from the start; nil when more than `callBudget` calls were needed.
  ///
  /// With a memo, every nested call result and every loop result is computed once per text
  /// position (a loop's result is the same from every position it passed), so the work is
  /// bounded by stars x positions x (the distance of the "advance faster" scans).
  func run(
    frames: UnsafeMutableBufferPointer<Frame>, memo: UnsafeMutablePointer<UInt8>?,
    callBudget: Int
  ) -> Wildmatch.Outcome? {
    var depth = 0
    var calls = 0
    var step = Step.evaluate(pattern: 0, text: 0)
    let columns = text.count + 1

    func memoRow(_ star: Int, _ kind: Int) -> Int {
      (Self.memoRowsPerStar * Int(tokens[star].operand) + kind) * columns
    }

    func callIndex(_ frame: Frame) -> Int {
      memoRow(frame.star, frame.awaitingShortcut ? 1 : 0) + frame.text
    }

    // Suspends the current call in `frame` and calls `dowild(pattern, frame.text)`.
    func call(_ frame: Frame, pattern: Int) -> Step {
      frames[depth] = frame
      depth += 1
      if let memo, let outcome = Wildmatch.Outcome(rawValue: memo[callIndex(frame)]) {
        return .deliver(outcome)
      }
      return .evaluate(pattern: pattern, text: frame.text)
    }

    // The loop's result, known for every position from `loopStart` through `last`.
    func finishLoop(
      _ star: Int, from loopStart: Int, through last: Int, _ outcome: Wildmatch.Outcome
    ) -> Step {
      if let memo, loopStart <= last {
        let row = memoRow(star, 2)
        for position in loopStart...last { memo[row + position] = outcome.rawValue }
      }
      return .deliver(outcome)
    }

    func knownLoopResult(_ star: Int, at position: Int) -> Wildmatch.Outcome? {
      guard let memo else { return nil }
      return Wildmatch.Outcome(rawValue: memo[memoRow(star, 2) + position])
    }

    while true {
      switch step {
      case .evaluate(let pattern, let position):
        calls += 1
        if calls > callBudget { return nil }
        switch evaluate(pattern: pattern, text: position) {
        case .finished(let outcome): step = .deliver(outcome)
        case .star(let star, let position): step = .beginStar(star: star, text: position)
        }

      case .beginStar(let star, let position):
        let token = tokens[star]
        let next = star + 1
        if pathname && token.isGlobstar && next < tokens.count && tokens[next].kind == .literal
          && tokens[next].byte == ASCII.slash
        {
          let frame = Frame(
            star: star, text: position, matchSlash: true, awaitingShortcut: true,
            loopStart: position)
          step = call(frame, pattern: next + 1)
        } else {
          step = afterStar(star, text: position, matchSlash: !pathname || token.isGlobstar)
        }

      case .starLoop(let star, var position, let matchSlash, let loopStart):
        if let known = knownLoopResult(star, at: position) {
          step = finishLoop(star, from: loopStart, through: position - 1, known)
          continue
        }
        if byte(position) == 0 {
          step = finishLoop(star, from: loopStart, through: position, .abortAll)
          continue
        }
        let next = tokens[star + 1]
        if next.kind == .literal {
          while position < text.count {
            let current = text[position]
            if current == next.byte || (!matchSlash && current == ASCII.slash) { break }
            position += 1
          }
          if byte(position) != next.byte {
            // From the end of the text itself the loop gives "abort", not "no match".
            let last = position < text.count ? position : position - 1
            step = finishLoop(star, from: loopStart, through: last, .noMatch)
            continue
          }
        }
        let frame = Frame(
          star: star, text: position, matchSlash: matchSlash, awaitingShortcut: false,
          loopStart: loopStart)
        step = call(frame, pattern: star + 1)

      case .deliver(let outcome):
        if depth == 0 { return outcome }
        depth -= 1
        let frame = frames[depth]
        memo?[callIndex(frame)] = outcome.rawValue
        if frame.awaitingShortcut {
          step =
            outcome == .match
            ? .deliver(.match) : afterStar(frame.star, text: frame.text, matchSlash: true)
        } else if outcome != .noMatch && (!frame.matchSlash || outcome != .abortToStarstar) {
          step = finishLoop(frame.star, from: frame.loopStart, through: frame.text, outcome)
        } else if outcome == .noMatch && !frame.matchSlash && byte(frame.text) == ASCII.slash {
          step = finishLoop(
            frame.star, from: frame.loopStart, through: frame.text, .abortToStarstar)
        } else {
          step = .starLoop(
            star: frame.star, text: frame.text + 1, matchSlash: frame.matchSlash,
            loopStart: frame.loopStart)
        }
      }
    }
  }

  /// The part of `dowild`'s `*` case after the `**/` shortcut: a trailing star, a single star
  /// before `/` (skips to the next slash), or the loop over text positions.
  private func afterStar(_ star: Int, text position: Int, matchSlash: Bool) -> Step {
    let next = star + 1
    if next == tokens.count {
      if !matchSlash && text[position...].contains(ASCII.slash) { return .deliver(.noMatch) }
      return .deliver(.match)
    }
    if !matchSlash && tokens[next].kind == .literal && tokens[next].byte == ASCII.slash {
      guard let slash = text[position...].firstIndex(of: ASCII.slash) else {
        return .deliver(.noMatch)
      }
      return .evaluate(pattern: next + 1, text: slash + 1)
    }
    return .starLoop(star: star, text: position, matchSlash: matchSlash, loopStart: position)
  }

  /// The main loop of `dowild` from `pattern`/`text` up to the end or the next star token.
  private func evaluate(pattern start: Int, text textStart: Int) -> Stop {
    var index = start
    var position = textStart
    while index < tokens.count {
      let token = tokens[index]
      let current = byte(position)
      if current == 0 && token.kind != .star { return .finished(.abortAll) }
      switch token.kind {
      case .literal, .escapedLiteral:
        if current != token.byte { return .finished(.noMatch) }
      case .anyByte:
        if pathname && current == ASCII.slash { return .finished(.noMatch) }
      case .bracket:
        if !byteSets[Int(token.operand)].contains(current)
          || (pathname && current == ASCII.slash)
        {
          return .finished(.noMatch)
        }
      case .star:
        return .star(index, text: position)
      case .malformed:
        return .finished(.abortAll)
      }
      index += 1
      position += 1
    }
    return .finished(position < text.count ? .noMatch : .match)
  }
}
