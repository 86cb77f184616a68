import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The centred card of the sign-in, sign-up and organization screens. */
export function AuthFrame({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-body)">
      <Box w="100%" maw={440}>
        <Stack gap={4} mb="lg" ta="center">
          <Text fw={750} size="lg" c="var(--mantine-color-anchor)">
            Astral Coach
          </Text>
          <Title order={1} size="h2">
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          )}
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          {children}
        </Paper>
      </Box>
    </Center>
  );
}

/** Keeps the password field's show/hide button out of the way of the "Password" label. */
export const passwordToggleProps = { 'aria-label': 'Show characters' } as const;
