/** The one look of a signal severity: urgent red, watch yellow, with the word (never colour alone). */
import { Badge, type MantineSize } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SignalSeverity } from '../../shared/domain/signal';

export const SEVERITY_LABELS: Record<SignalSeverity, string> = { urgent: 'Urgent', watch: 'Watch' };
export const SEVERITY_COLORS: Record<SignalSeverity, string> = { urgent: 'red', watch: 'yellow' };

export function SeverityBadge({
  severity,
  size,
  children,
  label,
}: {
  severity: SignalSeverity;
  size?: MantineSize;
  children?: ReactNode;
  /** Read by assistive technology and shown on hover, when the badge text is short. */
  label?: string;
}) {
  return (
    <Badge
      color={SEVERITY_COLORS[severity]}
      variant={severity === 'urgent' ? 'filled' : 'light'}
      tt="none"
      fw={600}
      size={size}
      aria-label={label}
      title={label}
      style={{ flexShrink: 0 }}
    >
      {children ?? SEVERITY_LABELS[severity]}
    </Badge>
  );
}
