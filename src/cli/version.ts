/** Kept in step with package.json by tests/cli/cli.test.ts. */
export const VERSION = "0.1.0";
