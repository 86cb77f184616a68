/**
 * The body of every dialog that asks and then submits: a form (Enter submits, the browser's own
 * validation bubbles are off so the fields show the app's sentences), its fields, the error that
 * belongs to no one field, and Cancel / submit at the bottom right. One piece, so the dialogs look
 * and behave alike.
 */
import { Alert, Button, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

export function ModalForm({
  onSubmit,
  onCancel,
  submitLabel,
  busy = false,
  error,
  disabled = false,
  children,
}: {
  onSubmit(): void | Promise<void>;
  onCancel(): void;
  submitLabel: string;
  busy?: boolean;
  /** The error of the whole form (field errors sit on their fields). */
  error?: string | null;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
      noValidate
    >
      <Stack gap="md">
        {children}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} disabled={disabled}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The closing row of a dialog that has done its work: extra actions, then Done. */
export function DoneActions({ onDone, children }: { onDone(): void; children?: ReactNode }) {
  return (
    <Group justify="flex-end" gap="sm">
      {children}
      <Button onClick={onDone} data-autofocus>
        Done
      </Button>
    </Group>
  );
}
