/** The frame of every profile section: a titled card, a dimmed line saying the period and where the numbers come from, an optional action. */
import { Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

export function Section({
  id,
  title,
  source,
  action,
  children,
}: {
  id: string;
  title: string;
  /** Period and origin of the numbers ("Last 16 weeks · from activities on this device"). */
  source?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={`${id}-heading`} h="100%">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm" gap="sm">
        <Stack gap={2} miw={0}>
          <Title order={2} size="h5" id={`${id}-heading`}>
            {title}
          </Title>
          {source && (
            <Text size="xs" c="dimmed">
              {source}
            </Text>
          )}
        </Stack>
        {action}
      </Group>
      {children}
    </Card>
  );
}

/** A dotted-underlined term whose one-line meaning shows on hover and focus. */
export function Explained({ label, meaning }: { label: string; meaning: string }) {
  return (
    <Tooltip label={meaning} multiline w={280} withArrow openDelay={150} events={{ hover: true, focus: true, touch: true }}>
      <Text component="span" size="sm" fw={600} tabIndex={0} style={{ borderBottom: '1px dotted currentColor', cursor: 'help' }} aria-description={meaning}>
        {label}
      </Text>
    </Tooltip>
  );
}

export const Dimmed = ({ children }: { children: ReactNode }) => (
  <Text size="sm" c="dimmed">
    {children}
  </Text>
);
