import { createStore, type StoreApi } from "zustand/vanilla";
import type { ImportProblem } from "./import-file";

/** UI state of the file features of one editor: the import problem on show, if any. */
export interface FilesUiState {
  importProblem: ImportProblem | null;
  showImportProblem(problem: ImportProblem | null): void;
}

export type FilesUiStore = StoreApi<FilesUiState>;

export function createFilesUiStore(initial: ImportProblem | null = null): FilesUiStore {
  return createStore<FilesUiState>()((set) => ({
    importProblem: initial,
    showImportProblem: (importProblem) => set({ importProblem }),
  }));
}
