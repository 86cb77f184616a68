/**
 * Settings › API keys (head coach only): the organization's keys for integrations, read from the
 * server, with create (shown once) and revoke. Keys are never stored on this device.
 */
import { Alert, Badge, Box, Button, Center, Group, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { PlusIcon } from '../../ui/icons';
import { errorMessage, revokeApiKey, type ApiKeyInfo, type ServerContext } from '../teamApi';
import { CreateKeyModal } from './CreateKeyModal';
import { KEY_STATUS_COLORS, KEY_STATUS_LABELS, formatExpiry, formatWhen, keyStatus } from './keyStatus';
import { useApiKeys } from './useApiKeys';

function KeyRow({ apiKey, onRevoke }: { apiKey: ApiKeyInfo; onRevoke(key: ApiKeyInfo): void }) {
  const status = keyStatus(apiKey);
  const dim = status !== 'active';
  return (
    <Table.Tr c={dim ? 'dimmed' : undefined}>
      <Table.Td>
        <Text size="sm" fw={600} c={dim ? 'dimmed' : undefined}>
          {apiKey.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {apiKey.key_prefix}…
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatWhen(apiKey.created_at)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{status === 'revoked' ? `Revoked ${formatWhen(apiKey.revoked_at)}` : formatExpiry(apiKey.expires_at)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{apiKey.last_used_at ? formatWhen(apiKey.last_used_at, true) : <Text span size="sm" c="dimmed">Never</Text>}</Table.Td>
      <Table.Td>
        <Badge color={KEY_STATUS_COLORS[status]} variant="light" tt="none">
          {KEY_STATUS_LABELS[status]}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">
        {status !== 'revoked' && (
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => onRevoke(apiKey)} aria-label={`Revoke ${apiKey.name}`}>
            Revoke
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function KeysTable({ keys, onRevoke }: { keys: ApiKeyInfo[]; onRevoke(key: ApiKeyInfo): void }) {
  if (keys.length === 0) {
    return (
      <Stack align="center" py="md" gap={2}>
        <Text fw={600} size="sm">
          No API keys yet.
        </Text>
        <Text size="sm" c="dimmed">
          Create one for an integration such as your club website or a timing system.
        </Text>
      </Stack>
    );
  }
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table aria-label="API keys" verticalSpacing="sm" highlightOnHover miw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Key</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Expires</Table.Th>
            <Table.Th scope="col">Last used</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col" w={90}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => (
            <KeyRow key={k.id} apiKey={k} onRevoke={onRevoke} />
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

export function ApiKeysSection({ ctx, online }: { ctx: ServerContext; online: boolean }) {
  const [state, reload] = useApiKeys(ctx, online);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyInfo | null>(null);
  const [lastRevoking, setLastRevoking] = useState<ApiKeyInfo | null>(null);
  if (revoking && revoking !== lastRevoking) setLastRevoking(revoking);
  const shownRevoking = revoking ?? lastRevoking;

  const revoke = async (): Promise<string | null> => {
    if (!revoking) return null;
    try {
      await revokeApiKey(ctx, revoking.id);
      notifications.show({ color: 'teal', title: `Revoked “${revoking.name}”`, message: 'The key stopped working.', autoClose: 4000 });
      void reload();
      return null;
    } catch (err) {
      return errorMessage(err);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="settings-api-keys">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2} maw={640}>
            <Title order={2} size="h4" id="settings-api-keys">
              API keys
            </Title>
            <Text size="sm" c="dimmed">
              For integrations with your organization's data (<Text span ff="monospace" size="sm">X-API-Key</Text> header, coach rights).
              A key is shown once when created; revoking it stops it at once.
            </Text>
          </Stack>
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
            New API key
          </Button>
        </Group>
        {state.status === 'loading' && (
          <Center py="md">
            <Loader size="sm" aria-label="Loading API keys" />
          </Center>
        )}
        {state.status === 'error' && (
          <Alert color={state.offline ? 'gray' : 'red'} title={state.offline ? 'Offline' : 'The API keys could not be loaded'}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{state.offline ? 'The API keys are kept on the server only: the list needs a connection to the server.' : state.message}</Text>
              <Button size="compact-sm" variant="default" onClick={() => void reload()}>
                Try again
              </Button>
            </Stack>
          </Alert>
        )}
        {state.status === 'ready' && <KeysTable keys={state.keys} onRevoke={setRevoking} />}
      </Stack>
      <CreateKeyModal ctx={ctx} opened={creating} onClose={() => setCreating(false)} onCreated={() => void reload()} />
      <ConfirmModal opened={revoking !== null} title="Revoke this API key?" confirmLabel="Revoke key" onConfirm={revoke} onClose={() => setRevoking(null)}>
        <Text size="sm">
          “{shownRevoking?.name}” (<Text span ff="monospace" size="sm">{shownRevoking?.key_prefix}…</Text>) stops working at once: every
          integration using it gets “401 unauthorized” from then on. This cannot be undone; create a new key if you need one again.
        </Text>
      </ConfirmModal>
    </Paper>
  );
}
