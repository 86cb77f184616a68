/**
 * Whether the CSV import dialog is open (UI state, zustand). One dialog (ImportCsvHost) serves the
 * whole app, so the roster's button and the command palette open the same one.
 */
import { create } from 'zustand';

type ImportDialogState = { opened: boolean; open(): void; close(): void };

export const useImportDialog = create<ImportDialogState>()((set) => ({
  opened: false,
  open: () => set({ opened: true }),
  close: () => set({ opened: false }),
}));

/** Opens the CSV import dialog from anywhere (a button, the command palette). */
export const openCsvImport = (): void => useImportDialog.getState().open();
