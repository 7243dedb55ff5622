import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

// Composition root. The editor shell replaces this placeholder.
const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <main>Handoff</main>
  </StrictMode>,
);
