/** Head coach only: add an existing Astral account as a coach by email. Errors sit under the field. */
import { Box, Button, Group, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { coachName } from '../../data/coaches';
import { addCoach, type ServerContext } from '../teamApi';
import { useServerAction } from '../useServer';

export function AddCoachForm({ ctx }: { ctx: ServerContext }) {
  const [email, setEmail] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useServerAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      action.clear();
      setLocalError('Enter an email address such as coach@example.com.');
      return;
    }
    setLocalError(null);
    const added = await action.run(() => addCoach(ctx, value));
    if (!added) return;
    setEmail('');
    notifications.show({
      color: 'teal',
      title: `Added ${coachName(added)} as a coach`,
      message: 'They can sign in and coach this organization now.',
      autoClose: 4000,
    });
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Add a coach" noValidate>
      <TextInput
        label="Add a coach"
        description="The email of an existing Astral account. They join as a coach."
        placeholder="coach@example.com"
        type="email"
        value={email}
        onChange={(e) => {
          setEmail(e.currentTarget.value);
          setLocalError(null);
        }}
        error={localError ?? action.error}
        autoComplete="off"
        maw={560}
        inputContainer={(input) => (
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Box style={{ flex: 1 }}>{input}</Box>
            {/* Same top offset as the input gets below a description. */}
            <Button type="submit" loading={action.busy} mt="calc(var(--mantine-spacing-xs) / 2)">
              Add coach
            </Button>
          </Group>
        )}
      />
    </form>
  );
}
