/**
 * Settings › Desktop notifications: on/off, urgent only, quiet hours, digest and (head coach) which
 * athletes to follow; stored per coach and organization on this device (attention/notificationPrefs.ts)
 * and applied at once. In the web dashboard the browser must allow notifications: the coach asks
 * for that here, never the app on its own. A test notification shows what a real one looks like.
 */
import { Alert, Button, Group, Paper, SegmentedControl, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { isClockTime, useNotificationPrefs } from '../attention/notificationPrefs';
import { useMyMembership } from '../data/coaches';
import { notifyDesktop, requestWebNotifications, webNotificationPermission } from '../platform/bridge';
import { useSession } from '../session/store';

function BrowserPermission() {
  const [permission, setPermission] = useState(webNotificationPermission);
  if (permission === 'shell' || permission === 'granted') return null;
  if (permission === 'unsupported') {
    return (
      <Alert color="gray" title="This browser cannot show notifications">
        Signals still appear under Needs attention. The desktop app shows them as system notifications.
      </Alert>
    );
  }
  if (permission === 'denied') {
    return (
      <Alert color="yellow" title="Notifications are blocked for this site">
        Allow them in the browser's site settings (the icon left of the address), then reload this page.
      </Alert>
    );
  }
  return (
    <Alert color="blue" title="This browser has not allowed notifications yet">
      <Group justify="space-between" gap="sm">
        <Text size="sm">The web dashboard needs your browser's permission to notify you.</Text>
        <Button size="compact-sm" onClick={() => void requestWebNotifications().then(setPermission)}>
          Allow notifications
        </Button>
      </Group>
    </Alert>
  );
}

function TimeField({ label, value, onChange, disabled }: { label: string; value: string; onChange(v: string): void; disabled: boolean }) {
  const [draft, setDraft] = useState(value);
  return (
    <TextInput
      type="time"
      label={label}
      value={draft}
      disabled={disabled}
      w={130}
      error={draft !== '' && !isClockTime(draft) ? 'HH:MM' : undefined}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setDraft(v);
        if (isClockTime(v)) onChange(v);
      }}
    />
  );
}

export function NotificationsSection() {
  const [prefs, update] = useNotificationPrefs();
  const me = useMyMembership(useSession((s) => s.user?.id));
  const off = !prefs.enabled;
  const test = () =>
    notifyDesktop(
      { title: 'Astral Coach: test notification', body: 'Notifications work on this device. Clicking this one opens Needs attention.', route: '/attention' },
      { evenWhenVisible: true },
    );

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="settings-notifications">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Title order={2} size="h4" id="settings-notifications">
              Desktop notifications
            </Title>
            <Text size="sm" c="dimmed">
              New attention signals of the athletes you follow, once per signal across your devices. Kept on this device.
            </Text>
          </Stack>
          <Button variant="default" onClick={test}>
            Send a test notification
          </Button>
        </Group>
        <BrowserPermission />
        <Switch label="Notify me about new attention signals" checked={prefs.enabled} onChange={(e) => update({ enabled: e.currentTarget.checked })} />
        <Switch
          label="Urgent signals only"
          description="Watch signals stay on the Needs attention page without a notification."
          disabled={off}
          checked={prefs.urgentOnly}
          onChange={(e) => update({ urgentOnly: e.currentTarget.checked })}
        />
        <Switch
          label="One notification per sync (digest)"
          description="Signals that arrive together are gathered in one notification: “3 athletes need attention”."
          disabled={off}
          checked={prefs.digest}
          onChange={(e) => update({ digest: e.currentTarget.checked })}
        />
        {me?.role === 'head_coach' && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Notify me about
            </Text>
            <SegmentedControl
              aria-label="Notify me about"
              w="fit-content"
              disabled={off}
              value={prefs.headCoachScope}
              onChange={(v) => update({ headCoachScope: v === 'assigned' ? 'assigned' : 'all' })}
              data={[
                { value: 'all', label: 'All athletes' },
                { value: 'assigned', label: 'Athletes assigned to me' },
              ]}
            />
          </Stack>
        )}
        <Stack gap="xs">
          <Switch
            label="Quiet hours"
            description="Nothing is shown in these hours (this device’s clock); what arrived meanwhile is shown when they end."
            disabled={off}
            checked={prefs.quietEnabled}
            onChange={(e) => update({ quietEnabled: e.currentTarget.checked })}
          />
          <Group gap="md" pl={54}>
            <TimeField label="From" value={prefs.quietFrom} disabled={off || !prefs.quietEnabled} onChange={(v) => update({ quietFrom: v })} />
            <TimeField label="To" value={prefs.quietTo} disabled={off || !prefs.quietEnabled} onChange={(v) => update({ quietTo: v })} />
          </Group>
        </Stack>
      </Stack>
    </Paper>
  );
}
