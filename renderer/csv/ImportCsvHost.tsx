/** The one CSV import dialog of the app, opened by openCsvImport(). Mount once inside the open database. */
import { ImportCsvModal } from './ImportCsvModal';
import { useImportDialog } from './importDialog';

export function ImportCsvHost() {
  const opened = useImportDialog((s) => s.opened);
  const close = useImportDialog((s) => s.close);
  return <ImportCsvModal opened={opened} onClose={close} />;
}
