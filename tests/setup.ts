// Shared vitest setup. Component tests opt into jsdom with `// @vitest-environment jsdom`
// and import tests/ui/jsdom-setup.ts for React Flow's stand-ins.
export {};
