/** A progress reporter for long work: a bar on stderr when it is a terminal, silence otherwise. */
export interface Progress {
  readonly update: (done: number, total?: number) => void;
  readonly finish: () => void;
}

/** A progress bar on a stream, drawn only when the stream is a TTY (so pipes and CI stay clean). */
export const progressBar = (label: string, stream: NodeJS.WriteStream = process.stderr): Progress => {
  if (stream.isTTY !== true) return { update: () => undefined, finish: () => undefined };
  let last = 0;
  return {
    update: (done, total) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = 30;
      const bar = total === undefined ? '' : `[${'#'.repeat(Math.round((width * Math.min(done, total)) / total)).padEnd(width)}] `;
      stream.write(`\r${label} ${bar}${done.toLocaleString('en')}${total === undefined ? '' : ` / ${total.toLocaleString('en')}`}`);
    },
    finish: () => stream.write(`\r${' '.repeat(80)}\r`),
  };
};
