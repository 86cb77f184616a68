/**
 * The roster's attention column: the athlete's worst open signal severity and how many signals
 * are open ("Urgent · 2"), or a quiet dash. Plain props, so memoised roster rows stay cheap.
 */
import { Text } from '@mantine/core';
import type { AthleteAttention } from '../data/signals';
import { SEVERITY_LABELS, SeverityBadge } from './SeverityBadge';

export function AttentionCell({ attention }: { attention: AthleteAttention | undefined }) {
  if (!attention) {
    return (
      <Text size="sm" c="dimmed" aria-label="No open signals">
        –
      </Text>
    );
  }
  const { severity, count } = attention;
  const label = `${SEVERITY_LABELS[severity]}: ${count} open ${count === 1 ? 'signal' : 'signals'}`;
  return (
    <SeverityBadge severity={severity} size="sm" label={label}>
      {count > 1 ? `${SEVERITY_LABELS[severity]} · ${count}` : SEVERITY_LABELS[severity]}
    </SeverityBadge>
  );
}
