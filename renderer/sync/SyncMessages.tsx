import { Anchor, Badge, Button, Drawer, Group, Indicator, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useAstralData } from '../data/context';
import { noticeLinkLabel, noticeRoute, useNotices, type Notice } from '../data/notices';
import { BellIcon } from '../ui/icons';
import { formatTime } from '../ui/format';

const KIND = {
  clash: { label: 'Replaced', color: 'yellow' },
  refusal: { label: 'Refused', color: 'red' },
  removed: { label: 'Removed', color: 'gray' },
} as const;

function NoticeItem({ notice, onOpen }: { notice: Notice; onOpen(): void }) {
  const kind = KIND[notice.kind];
  const route = noticeRoute(notice);
  return (
    <Paper withBorder p="sm" radius="md" component="li">
      <Group justify="space-between" mb={6} gap="xs">
        <Badge color={kind.color} variant="light" size="sm">
          {kind.label}
        </Badge>
        <Text size="xs" c="dimmed" component="time" dateTime={notice.at}>
          {formatTime(new Date(notice.at))}
        </Text>
      </Group>
      <Text size="sm">{notice.message}</Text>
      {notice.kind !== 'removed' && route && (
        <Anchor component={Link} to={route} size="sm" mt={6} display="inline-block" onClick={onOpen}>
          {noticeLinkLabel(notice)}
        </Anchor>
      )}
    </Paper>
  );
}

/** The "Sync messages" button with its unread count, and the drawer listing every message. */
export function SyncMessages() {
  const database = useAstralData().db.name;
  const [opened, { open, close }] = useDisclosure(false);
  const all = useNotices((s) => s.notices);
  const markAllRead = useNotices((s) => s.markAllRead);
  const clear = useNotices((s) => s.clear);
  const notices = useMemo(() => all.filter((n) => n.database === database), [all, database]);
  const unread = notices.filter((n) => !n.read).length;

  return (
    <>
      <Indicator label={unread} size={18} disabled={unread === 0} color="red" offset={4}>
        <Button
          variant="default"
          aria-label="Sync messages"
          onClick={() => {
            open();
            markAllRead(database);
            notifications.clean(); // the drawer shows them all now
          }}
          px="sm"
        >
          <Group gap={8} wrap="nowrap">
            <BellIcon />
            <Text span size="sm" visibleFrom="lg">
              Messages
            </Text>
          </Group>
        </Button>
      </Indicator>
      <Drawer opened={opened} onClose={close} title="Sync messages" position="right" size="md">
        {notices.length === 0 ? (
          <Text c="dimmed" size="sm">
            No sync messages. When an edit of yours is replaced by another coach&apos;s or refused by the server, it is explained
            here.
          </Text>
        ) : (
          <Stack gap="sm">
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {notices.map((n) => (
                <NoticeItem key={n.id} notice={n} onOpen={close} />
              ))}
            </Stack>
            <Group justify="flex-end">
              <Button variant="subtle" color="gray" onClick={() => clear(database)}>
                Clear messages
              </Button>
            </Group>
          </Stack>
        )}
      </Drawer>
    </>
  );
}
