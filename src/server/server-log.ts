/** Where the server says what happens: the terminal for `handoff serve`, a list in tests. */
export interface ServerLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Lines on stderr, each with the time: the facilitator's terminal. */
export const terminalLog: ServerLog = {
  info: (message) => process.stderr.write(`${time()} ${message}\n`),
  warn: (message) => process.stderr.write(`${time()} warning: ${message}\n`),
};

function time(): string {
  return new Date().toISOString().slice(11, 19);
}
