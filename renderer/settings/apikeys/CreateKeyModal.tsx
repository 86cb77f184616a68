/**
 * New API key: a name and an optional expiry date, then the key itself, shown this once with a
 * copy button. Closing the dialog forgets the key; the server keeps only its hash.
 */
import { Alert, Box, Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { createApiKey, type CreatedApiKey, type ServerContext } from '../teamApi';
import { useServerAction } from '../useServer';
import { expiryBounds, expiryFromDate, formatExpiry } from './keyStatus';

function ShownOnce({ created, onDone }: { created: CreatedApiKey; onDone(): void }) {
  return (
    <Stack gap="md">
      <Alert color="yellow" title="Store it now: it will not be shown again">
        Copy this key into the integration that needs it, or a password manager. Astral keeps only a fingerprint of it, so
        nobody can show it to you again. If it is lost, revoke it and create a new one.
      </Alert>
      <Stack gap={4}>
        <Text size="sm" fw={600} id="created-key-label">
          API key “{created.name}”
        </Text>
        <Code block aria-labelledby="created-key-label" data-testid="created-api-key" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 14 }}>
          {created.key}
        </Code>
        <Text size="xs" c="dimmed">
          Send it in the <Code>X-API-Key</Code> header. It acts with coach rights on this organization. Expires: {formatExpiry(created.expires_at)}.
        </Text>
      </Stack>
      <Group justify="flex-end" gap="sm">
        <CopyButton value={created.key} timeout={2500}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? 'Copied' : 'Copy key'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onDone}>
          I have stored it
        </Button>
      </Group>
    </Stack>
  );
}

export function CreateKeyModal({ ctx, opened, onClose, onCreated }: { ctx: ServerContext; opened: boolean; onClose(): void; onCreated(): void }) {
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('');
  const [errors, setErrors] = useState<{ name?: string; expiry?: string }>({});
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const action = useServerAction();
  const { clear } = action;

  useEffect(() => {
    if (!opened) return;
    setName('');
    setExpiry('');
    setErrors({});
    setCreated(null);
    clear();
  }, [opened, clear]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const expiresAt = expiryFromDate(expiry);
    const next = { name: name.trim() ? undefined : 'Give the key a name, such as “Club website”.', expiry: expiresAt.ok ? undefined : expiresAt.error };
    setErrors(next);
    if (next.name || !expiresAt.ok) return;
    const key = await action.run(() => createApiKey(ctx, { name, expires_at: expiresAt.expiresAt }));
    if (!key) return;
    setCreated(key);
    onCreated();
  };
  const close = () => {
    setCreated(null); // forget the key
    onClose();
  };
  const bounds = expiryBounds();
  const serverField = action.field;

  return (
    <Modal opened={opened} onClose={close} title={created ? 'Your new API key' : 'New API key'} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {created ? (
        <ShownOnce created={created} onDone={close} />
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="md">
            <TextInput
              label="Name"
              description="What the key is for, so you can tell keys apart later."
              placeholder="Club website"
              value={name}
              maxLength={80}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setErrors((prev) => ({ ...prev, name: undefined }));
              }}
              error={errors.name ?? (serverField === 'name' ? action.error : undefined)}
              data-autofocus
            />
            <TextInput
              label="Expires (optional)"
              description="The key works through this day. Leave it empty for a key that works until revoked."
              type="date"
              value={expiry}
              min={bounds.min}
              max={bounds.max}
              onChange={(e) => {
                setExpiry(e.currentTarget.value);
                setErrors((prev) => ({ ...prev, expiry: undefined }));
              }}
              error={errors.expiry ?? (serverField === 'expires_at' ? action.error : undefined)}
              inputContainer={(input) => <Box maw={220}>{input}</Box>}
            />
            {action.error && serverField !== 'name' && serverField !== 'expires_at' && <Alert color="red">{action.error}</Alert>}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={action.busy}>
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
