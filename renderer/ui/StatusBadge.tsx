import { Badge, type BadgeProps } from '@mantine/core';
import type { AthleteStatus } from '../../shared/domain/athlete';
import { STATUS_COLORS, STATUS_LABELS } from './format';

/** An athlete's status; never truncated (a table column may not squeeze it to "Suspe…"). */
export function StatusBadge({ status, ...props }: { status: AthleteStatus } & Omit<BadgeProps, 'color' | 'children'>) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" styles={{ root: { maxWidth: 'none', flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }} {...props}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
