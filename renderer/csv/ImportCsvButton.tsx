/** Opens the app's CSV import dialog (rendered once by ImportCsvHost). Takes any Button props. */
import { Button, type ButtonProps } from '@mantine/core';
import { openCsvImport } from './importDialog';

export function ImportCsvButton(props: Omit<ButtonProps, 'children' | 'onClick'>) {
  return (
    <Button variant="default" {...props} onClick={openCsvImport}>
      Import CSV
    </Button>
  );
}
