/** Where the server says what happens: the terminal for `handoff serve`, a list in tests. */
export interface ServerLog {
  info(message: string): void;
  warn(message: string): void;
}
