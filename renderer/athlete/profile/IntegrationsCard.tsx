/** Connected integrations (reported by partners through the API): state, last sync, what went wrong. */
import { Badge, Group, Stack, Text } from '@mantine/core';
import { INTEGRATION_LABELS, INTEGRATION_PROVIDERS, type Integration } from '../../../shared/domain/athlete';
import { Section } from './Section';
import { timeAgo } from './format';

const STATE = {
  connected: { label: 'Connected', color: 'teal' },
  error: { label: 'Error', color: 'red' },
  disconnected: { label: 'Disconnected', color: 'gray' },
} as const;

export function IntegrationsCard({ integrations }: { integrations: readonly Integration[] }) {
  return (
    <Section id="integrations" title="Integrations" source="As reported by each partner">
      <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {INTEGRATION_PROVIDERS.map((p) => {
          const i = integrations.find((x) => x.provider === p);
          const state = i ? STATE[i.state] : { label: 'Not connected', color: 'gray' };
          return (
            <Stack key={p} gap={2} component="li" aria-label={INTEGRATION_LABELS[p]}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={600}>
                  {INTEGRATION_LABELS[p]}
                </Text>
                <Badge color={state.color} variant={i?.state === 'connected' ? 'light' : 'outline'} tt="none" fw={500} size="sm">
                  {state.label}
                </Badge>
              </Group>
              {i && (
                <Text size="xs" c="dimmed" title={i.last_sync_at ?? undefined}>
                  {i.last_sync_at ? `Last sync ${timeAgo(i.last_sync_at)}` : 'Never synced'}
                </Text>
              )}
              {i?.detail && (
                <Text size="xs" c={i.state === 'error' ? 'red.7' : 'dimmed'}>
                  {i.detail}
                </Text>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Section>
  );
}
