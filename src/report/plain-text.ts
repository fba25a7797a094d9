// Text that reaches a terminal or a CI log from a suite, a column name or a data value. A CI
// gate reads suites from pull requests, and on GitHub Actions a line of output that starts with
// `::` is a workflow command (`::warning::`, `::add-mask::`, `::stop-commands::`): a suite named
// "x\n::error::..." must not be able to start one, nor a value to move the cursor of a terminal.

/** Control characters (newlines included) as visible escapes, so a value stays on its line. */
export function oneLine(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A line of several lines that would start a workflow command is moved off it (`: :`). */
export function guardCommands(text: string): string {
  return text.replace(/^([ \t]*):(?=:)/gm, '$1: ');
}
