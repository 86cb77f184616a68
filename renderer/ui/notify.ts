/** Short confirmations after a local write, saying whether it is on its way or waits for the network. */
import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useLiveSyncState } from '../data/syncStatus';

export function useSavedNotice(): (title: string, detail?: string) => void {
  const connection = useLiveSyncState((s) => s.connection);
  return useCallback(
    (title: string, detail?: string) =>
      notifications.show({
        color: 'teal',
        title,
        message: [detail, connection === 'online' ? 'Saved and being sent.' : 'Saved on this device; sent when the connection returns.']
          .filter(Boolean)
          .join(' '),
        autoClose: 3500,
      }),
    [connection],
  );
}

export function notifyError(title: string, message: string): void {
  notifications.show({ color: 'red', title, message, autoClose: 8000, withBorder: true });
}
