// Progress of a long step on stderr. On a terminal one line is rewritten in place; anywhere else
// (a pipeline's log, a file) each report is its own line, at most one every few seconds, and the
// last count always ends with a newline: no carriage returns in logs.
const QUIET_MS = 5_000;

export function progress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  let last = 0;
  let shown = -1;
  let latest = 0;
  return {
    step(n: number) {
      latest = n;
      if (tty) stream.write(`\r${label} ${n}`);
      else if (Date.now() - last >= QUIET_MS) {
        last = Date.now();
        shown = n;
        stream.write(`${label} ${n}\n`);
      }
    },
    /** Ends the progress line; prints the final count when it was not the last one shown. */
    done(n = latest) {
      if (tty) stream.write(latest > 0 ? "\n" : "");
      else if (n > 0 && n !== shown) stream.write(`${label} ${n}\n`);
    },
  };
}
